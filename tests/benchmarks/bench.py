"""The locpipe benchmark: the peers' workload, every step a whole process.

    python tests/benchmarks/bench.py [--docs 200] [--langs 5] [--work DIR] [--scaling] [--pdf]
                                     [--scale 2000x10] [--large-source]

Generates the shared workload (../shared/bench/make_corpus.py: N leaflets
derived from the bundled one, fully pseudo-translated catalogs for es, fr,
de, ru, ar), turns it into a locpipe project, and times extract, update,
check, readability, a cold build, a build with nothing changed and a build
after one leaflet's source and one language's catalog changed; then the
floor script (../shared/bench/floor.py) and, when installed, po4a and Sphinx
(sphinx-build and sphinx-intl on PATH, with myst-parser) on the same corpus, in
the same run, so that ratios hold on a noisy machine. Prints a
table of wall time, CPU time (worker processes included) and peak memory.
--scaling repeats the cold build at a quarter of the documents and reports
how time grows; --pdf adds a cold build with PDF and its cost per page,
beside WeasyPrint's alone on the same print pages (print_pages.py);
--scale DOCSxLANGS builds a health system's library. The run ends with each
performance target, its measured value and "met" or "NOT MET".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BENCH = REPO.parent / "shared" / "bench"
MEASURE = HERE / "measure.py"


def measure(command: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    # from this checkout's folder by default: `python -m pipeline` looks in the working folder first
    out = subprocess.run([sys.executable, str(MEASURE), *command], cwd=cwd or REPO, env=env,
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    if result["status"] not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result['status']}):\n{result['stderr']}")
    return result


def make_corpus(work: Path, docs: int, langs: int) -> Path:
    corpus = work / f"corpus-{docs}x{langs}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(BENCH / "make_corpus.py"), str(corpus),
                        "-n", str(docs), "-m", str(langs)], check=True, stdout=subprocess.DEVNULL)
    return corpus


def locpipe_project(corpus: Path, root: Path) -> list[str]:
    """The corpus as a locpipe project: sources and the translated catalogs."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(corpus / "src", root / "source")
    languages = sorted(p.name for p in (corpus / "po").iterdir())
    for lang in languages:
        target = root / "locale" / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        for po in sorted((corpus / "po" / lang).glob("*.po")):
            shutil.copy(po, target / po.name)
    restore_measure_units(root)
    say_what_the_checks_read(root)
    (root / "locpipe.toml").write_text(textwrap.dedent(f"""\
        name = "benchmark"
        languages = {json.dumps(languages)}

        [publish]
        require_review = false  # pseudo-translations, published as drafts like the bundled ones
        """), encoding="utf-8")
    return languages


def restore_measure_units(root: Path) -> None:
    """The workload's pseudo-translation turns °C into °Ç, °Ц or °ث, which
    `locpipe check` rightly reports as a changed measure, and the build then
    refuses those languages. Restored here, so that every language is
    published, as the floor publishes every language."""
    for folder in sorted((root / "locale").iterdir()):
        restore_measure_units_of(folder)


def restore_measure_units_of(folder: Path) -> None:
    import polib
    for path in sorted(folder.glob("LC_MESSAGES/*.po")):
        po = polib.pofile(str(path))
        changed = False
        for entry in po:
            units = re.findall(r"°[FC]", entry.msgid)
            if units and re.findall(r"°\S", entry.msgstr) != units:
                replacements = iter(units)
                entry.msgstr = re.sub(r"°\S", lambda m: next(replacements, m.group(0)), entry.msgstr)
                changed = True
        if changed:
            po.save()


# The sections of the meaning checks' data files whose words a translation must say; a phrase
# in two ("caregiver": a lay contact and, for urgency, someone other than the care team) is said
# with the first's word ("cuidador", not "familiar", which the contact check reads as family).
_SAID = ("contact", "negation", "comparative", "unit", "time", "urgency", "medicine")
_ENGLISH_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                           r"December) (\d{1,2}), (\d{4})\b")


def _phrases_by_meaning(language: str) -> dict[frozenset, str]:
    """Each set of tags a language's data gives a phrase ("words", "UP",
    ("numbers", 2)), and the first of the plain phrases (no * # _) of fewest
    words that have it and that add no instruction of their own: "une" for
    the "one" of a time, not "une heure", which adds an hour to "one of";
    "tome" for "take", not "inyecte", which adds a route."""
    from pipeline.checks.lexicon import language_data, normalise, section_entries, vocabulary
    data = language_data(language)
    tags: dict[str, set] = {}
    for section in _SAID:
        for phrase, tag in section_entries(data, section):
            tags.setdefault((section, phrase), set()).add((tag.kind, json.dumps(tag.value)))
    additions, routes = vocabulary(language, "addition"), vocabulary(language, "route")
    found: dict[frozenset, str] = {}
    for (section, phrase), meaning in tags.items():
        if re.search(r"[*#_]", phrase) or ("not", "null") in meaning:  # exceptions: left as they are
            continue
        # "الى ان" (until) for "earlier" adds an end; "inyecte" for "take" adds a route
        if not any(additions.scan(normalise(phrase))) and not any(routes.scan(normalise(phrase))):
            key = frozenset({section, *meaning})
            if key not in found or len(phrase.split()) < len(found[key].split()):
                found[key] = phrase
    return found


def _said(source: str, pseudo: str, phrases: dict[frozenset, str], translate, protected, language: str) -> str:
    """A pseudo-translation in which each phrase the meaning checks find in
    the English source is said with the target language's own phrase of the
    same meaning ("do not" with "no", "teaspoon" with "cucharadita"), and
    each date as the language writes it ("16 de junio de 2025"), the rest
    pseudo-translated as before: what a translator does, and what the checks
    look for."""
    import datetime

    from babel.dates import format_date
    from pipeline.checks.lexicon import normalise, vocabulary
    text = normalise(source)
    if len(text) != len(source):
        return pseudo
    hits = [(m.start(), m.end(), format_date(datetime.datetime.strptime(m.group(), "%B %d, %Y").date(), "long",
                                             locale=language))
            for m in _ENGLISH_DATE.finditer(source)]
    if not phrases and not hits:
        return pseudo
    kept_as_is = [m.span() for m in protected.finditer(source)]  # link targets, addresses, numbers
    # acronyms as translators often leave them, in Latin letters: spelled letter by letter, the workload's
    # "LIS" is Arabic "ليس" (is not) and its "MES" Russian "МЕС" (months), which the checks rightly read
    hits += [(m.start(), m.end(), _acronym(m.group(), language)) for m in _ACRONYM.finditer(source)
             if not any(s < m.end() and m.start() < e for s, e in kept_as_is)]
    for section in _SAID if phrases else ():
        for hit in vocabulary("en", section).scan(text):
            if section == "time" and hit.text.isalpha():
                continue  # "one" is an hour only after "at" ("at one"), as the checks read it
            meaning = frozenset({section, *((t.kind, json.dumps(t.value)) for t in hit.tags)})
            if not any(s < hit.end and hit.start < e for s, e in kept_as_is):
                # a phrase the language cannot say plainly is left pseudo-translated, not said with
                # another section's word ("caregiver" in Russian: not "родным", family)
                hits.append((hit.start, hit.end, phrases.get(meaning)))
    kept, end = [], 0
    for start, stop, phrase in sorted(hits, key=lambda h: (h[0], -h[1])):
        if start >= end:
            if phrase is not None:
                kept.append((start, stop, phrase))
            end = stop
    if not kept:
        return pseudo
    marked, pos = [], 0
    for i, (start, stop, _) in enumerate(kept):
        marked += [source[pos:start], chr(0xE000 + i)]
        pos = stop
    marked.append(source[pos:])
    said = translate("".join(marked))
    for i, (start, _, phrase) in enumerate(kept):
        # a sentence begins with a capital in the translation too ("If you" as "Si"), as its reader and the
        # checks' sentence splitting read it
        said = said.replace(chr(0xE000 + i), phrase[:1].upper() + phrase[1:] if source[start].isupper() else phrase)
    return said


_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")


@lru_cache(maxsize=None)
def _acronym(name: str, language: str) -> str:
    """An acronym as the translation writes it: as it is, unless its letters
    spell a word of the language the checks read (the workload's "MES" is
    Spanish "mes", a month), which a translator translates; here its letters
    reversed ("SEM"), where those spell none."""
    from pipeline.checks.lexicon import has_section, normalise, vocabulary

    def read(text: str) -> bool:
        return any(has_section(language, section) and vocabulary(language, section).scan(normalise(text))
                   for section in _SAID)
    return name[::-1] if read(name) and not read(name[::-1]) else name


_PAGE_PROTECTED = re.compile(r"%\([^)]*\)\w|%\w|\{\w+\}|\]\([^)]*\)|https?://\S+")


def say_what_the_checks_read(root: Path, only: str = "*.po") -> None:
    """The workload's pseudo-translation garbles every word, and the meaning
    checks (negation, limits, units, times, urgency, medicines) rightly find
    no "do not" in "Dó ñót": the build would refuse those languages and do
    less work than a real one. Each unit is pseudo-translated again (by the
    workload's own function) with those phrases said in the language's
    words, so that every language is published, as the floor publishes
    every language; a language without word lists keeps its text."""
    import importlib.util

    import polib
    sys.path.insert(0, str(REPO))
    spec = importlib.util.spec_from_file_location("make_corpus", BENCH / "make_corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    from pipeline.checks import missing_data_checks
    for folder in sorted((root / "locale").iterdir()):
        language = folder.name
        if language not in corpus._MAPS:
            continue
        corpus._MAPS[language] = _quiet_letters(corpus._MAPS[language], language)
        phrases = {} if missing_data_checks(language) else _phrases_by_meaning(language)
        for path in sorted(folder.glob(f"LC_MESSAGES/{only}")):
            po = polib.pofile(str(path))
            for entry in po:
                if entry.msgid and entry.msgstr and not entry.msgid_plural:
                    if path.name == "ui.po":  # page strings: the English in «», placeholders kept
                        entry.msgstr = _said(entry.msgid, entry.msgstr, phrases, lambda text: f"«{text}»",
                                             _PAGE_PROTECTED, language)
                    else:
                        entry.msgstr = _said(entry.msgid, corpus.pseudo(entry.msgid, language), phrases,
                                             lambda text: corpus.pseudo(text, language), corpus._PROTECT, language)
            po.save()
        restore_measure_units_of(folder)


_SPARE_LETTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def _quiet_letters(letters: dict[str, str], language: str) -> dict[str, str]:
    """The workload's Chinese pseudo-translation spells "e" with 不 (not),
    "b" with 一 (one) and "t" with 时 (hour), which the checks rightly read
    in a language written without spaces; those letters are spelled with
    characters no check reads, so that what is left says nothing."""
    from pipeline.checks.lexicon import language_data, normalise, vocabulary
    from pipeline.locales import counted_in_characters
    if not counted_in_characters(language):
        return letters
    sections = [name for name, value in language_data(language).items() if isinstance(value, dict)]

    def read(character: str) -> bool:
        return any(any(vocabulary(language, section).scan(normalise(character))) for section in sections)

    spare = iter(c for c in _SPARE_LETTERS if not read(c) and c not in letters.values())
    quiet = {character: next(spare) for character in set(letters.values()) if read(character)}
    return {letter: quiet.get(character, character) for letter, character in letters.items()}


def edit_one_leaflet(root: Path, language: str) -> None:
    source = sorted((root / "source").glob("*.md"))[0]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Normally,", "Usually,", 1), encoding="utf-8")
    catalog = sorted((root / "locale" / language / "LC_MESSAGES").glob("*.po"))[1]
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "', 'msgstr "~', 3).replace('msgstr "~"', 'msgstr ""'),
                       encoding="utf-8")


def translate_page_strings(root: Path) -> None:
    """The workload's catalogs cover the leaflets; `update` adds each
    language's page strings (ui.po), which a page needs to be published."""
    import polib
    for path in sorted((root / "locale").glob("*/LC_MESSAGES/ui.po")):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = f"«{entry.msgid}»"
        po.save()
    say_what_the_checks_read(root, only="ui.po")


def run_locpipe(root: Path, jobs: int | None) -> list[tuple[str, dict]]:
    locpipe = [sys.executable, "-m", "pipeline", "--project", str(root)]
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
    rows = []
    for name, args in (("extract", ["extract"]), ("update", ["update", "--quiet"]),
                       ("check", ["check"]), ("readability", ["readability"])):
        rows.append((f"locpipe {name}", measure(locpipe + args, env=env)))
        if name == "update":
            translate_page_strings(root)
    # cold: no output and no data cache (dictionaries, compiled templates) from the steps before
    shutil.rmtree(root / "output", ignore_errors=True)
    shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
    rows.append(("locpipe build (cold)", measure(locpipe + ["build", "--quiet", *jobs_args], env=env)))
    rows.append(("locpipe build (no change)", measure(locpipe + ["build", "--quiet", *jobs_args], env=env)))
    edit_one_leaflet(root, "es")
    rows.append(("locpipe build (1 leaflet + 1 catalog edited)",
                 measure(locpipe + ["build", "--quiet", *jobs_args], env=env)))
    rows.append(("locpipe --help", measure(locpipe + ["--help"], env=env)))
    rows.append(("locpipe stats", measure(locpipe + ["stats"], env=env)))
    return rows


def run_pdf(root: Path, jobs: int | None) -> tuple[tuple[str, dict], int]:
    """A cold build with PDF, and how many PDF pages it wrote."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
    shutil.rmtree(root / "output", ignore_errors=True)
    shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    result = measure([sys.executable, "-m", "pipeline", "--project", str(root), "build", "--quiet", "--pdf",
                      *jobs_args], env=env)
    return ("locpipe build (cold, with PDF)", result), sum(map(pdf_pages, (root / "output").glob("*/*.pdf")))


def bare_weasyprint(root: Path, work: Path) -> dict:
    """WeasyPrint alone on the print pages of the same build (print_pages.py):
    its CPU time per page, the floor of locpipe's cost per PDF page."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
    copy, pages = work / "print-project", work / "print-pages"
    for folder in (copy, pages):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("output", ".locpipe-cache"))
    script = str(HERE / "print_pages.py")
    dumped = subprocess.run([sys.executable, script, "dump", str(copy), str(pages)], env=env, cwd=REPO,
                            capture_output=True, text=True)
    if dumped.returncode not in (0, 1) or not any(pages.glob("*.html")):  # 1: a page refused (the edited leaflet)
        raise SystemExit(f"print_pages.py dump failed ({dumped.returncode}):\n{dumped.stderr[-2000:]}")
    return json.loads(subprocess.run([sys.executable, script, "render", str(pages)], env=env, cwd=REPO,
                                     check=True, capture_output=True, text=True).stdout)


def pdf_pages(path: Path) -> int:
    """A PDF's page count, as poppler's pdfinfo reads it (0 without poppler)."""
    if shutil.which("pdfinfo") is None:
        return 0
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(found.group(1)) if found else 0


def targets(results: dict, floor: dict, pdf_pages: int, scale: dict | None,
            bare_pdf: dict | None = None) -> list[tuple[str, str, bool]]:
    """Each performance target of the benchmark: (target, measured, met)."""
    out = []
    update_build = results["locpipe update"]["wall"] + results["locpipe build (cold)"]["wall"]
    ratio = update_build / floor["wall"]
    out.append(("update + cold build <= 2x the floor", f"{update_build:.2f} s = {ratio:.2f}x", ratio <= 2))
    for name, limit in (("locpipe build (no change)", 0.3), ("locpipe build (1 leaflet + 1 catalog edited)", 0.8),
                        ("locpipe --help", 0.25), ("locpipe stats", 0.25)):
        wall = results[name]["wall"]
        out.append((f"{name.removeprefix('locpipe ')} < {limit} s", f"{wall:.2f} s", wall < limit))
    if pdf_pages:
        extra = results["locpipe build (cold, with PDF)"]["cpu"] - results["locpipe build (cold)"]["cpu"]
        per_page = extra / pdf_pages
        out.append(("PDF CPU per page < 0.15 s", f"{per_page:.3f} s ({pdf_pages} pages)", per_page < 0.15))
        if bare_pdf and bare_pdf["per_page"]:
            ratio = per_page / bare_pdf["per_page"]
            out.append(("PDF CPU per page <= 1.3x bare WeasyPrint's",
                        f"{ratio:.2f}x (WeasyPrint alone: {bare_pdf['per_page']:.3f} s, {bare_pdf['pages']} pages)",
                        ratio <= 1.3))
    if scale:
        out.append(("scale: cold build cost per page <= 1.1x the base run's",
                    f"{scale['per_page_ratio']:.2f}x", scale["per_page_ratio"] <= 1.1))
        out.append(("scale: peak memory < 500 MB", f"{scale['peak_mb']:.0f} MB", scale["peak_mb"] < 500))
        out.append(("scale: no-change build < 1 s", f"{scale['no_change']:.2f} s", scale["no_change"] < 1))
    return out


def run_scale(work: Path, docs: int, langs: int, base_build: dict, base_pages: int,
              jobs: int | None) -> tuple[list[tuple[str, dict]], dict]:
    """A health system's library: a cold build and a no-change build of
    docs x langs, its per-page cost against the base run's."""
    corpus = make_corpus(work, docs, langs)
    root = work / f"locpipe-{docs}x{langs}"
    locpipe_project(corpus, root)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
    locpipe = [sys.executable, "-m", "pipeline", "--project", str(root)]
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    subprocess.run(locpipe + ["update", "--quiet"], env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    translate_page_strings(root)
    cold = measure(locpipe + ["build", "--quiet", *jobs_args], env=env)
    unchanged = measure(locpipe + ["build", "--quiet", *jobs_args], env=env)
    pages = docs * (langs + 1)
    ratio = (cold["wall"] / pages) / (base_build["wall"] / base_pages)
    rows = [(f"locpipe build (cold, {docs} x {langs})", cold), (f"locpipe build (no change, {docs} x {langs})", unchanged)]
    return rows, {"per_page_ratio": ratio, "peak_mb": cold["peak_mb"], "no_change": unchanged["wall"]}


def run_floor(corpus: Path, work: Path) -> tuple[str, dict]:
    po = work / "floor-po"
    shutil.rmtree(po, ignore_errors=True)
    shutil.copytree(corpus / "po", po)
    out = work / "floor-out"
    shutil.rmtree(out, ignore_errors=True)
    return ("floor (markdown-it-py + polib script)",
            measure([sys.executable, str(BENCH / "floor.py"), "--src", str(corpus / "src"),
                     "--po", str(po), "--out", str(out)]))


def run_po4a(corpus: Path, work: Path, languages: list[str]) -> tuple[str, dict] | None:
    if shutil.which("po4a") is None:
        return None
    root = work / "po4a"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(corpus / "src", root / "src")
    lines = [f"[po4a_langs] {' '.join(languages)}",
             "[po4a_paths] po/$master.pot $lang:po/$lang/$master.po"]
    for source in sorted((root / "src").glob("*.md")):
        for lang in languages:
            (root / "po" / lang).mkdir(parents=True, exist_ok=True)
            shutil.copy(corpus / "po" / lang / f"{source.stem}.po", root / "po" / lang / f"{source.stem}.po")
        lines.append(f"[type: text] src/{source.name} $lang:out/$lang/{source.name} "
                     f"pot={source.stem} opt:\"-o markdown -k 0\"")
    (root / "po4a.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ("po4a (update + translated Markdown)", measure(["po4a", "po4a.cfg"], cwd=root))


def run_sphinx(corpus: Path, work: Path, languages: list[str]) -> tuple[str, dict] | None:
    """Sphinx with MyST, as a documentation team localizes: gettext builder,
    sphinx-intl update, then one HTML build per language, one process for
    all steps so the table shows their sum."""
    build, intl = shutil.which("sphinx-build"), shutil.which("sphinx-intl")
    if build is None or intl is None:
        return None
    root = work / "sphinx"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(corpus / "src", root / "src")
    names = sorted(p.stem for p in (root / "src").glob("*.md"))
    (root / "src" / "index.md").write_text(
        "# Leaflets\n\n```{toctree}\n" + "\n".join(names) + "\n```\n", encoding="utf-8")
    (root / "src" / "conf.py").write_text(textwrap.dedent("""\
        project = "benchmark"
        extensions = ["myst_parser"]
        locale_dirs = ["../locale"]
        gettext_compact = False
        suppress_warnings = ["myst.header", "toc.not_included"]
        """), encoding="utf-8")
    steps = [[build, "-q", "-b", "gettext", "src", "_build/gettext"],
             [intl, "update", "-p", "_build/gettext", "-d", "locale", *sum((["-l", lang] for lang in languages), [])]]
    steps += [[build, "-q", "-b", "html", "-D", f"language={lang}", "src", f"_build/html/{lang}"]
              for lang in languages]
    script = work / "sphinx-steps.sh"
    script.write_text("set -e\ncd " + shlex.quote(str(root)) + "\n" +
                      "\n".join(" ".join(shlex.quote(part) for part in step) + " >/dev/null 2>&1" for step in steps)
                      + "\n", encoding="utf-8")
    return ("Sphinx + MyST (gettext, sphinx-intl, HTML per language)", measure(["bash", str(script)]))


def run_large_source(root: Path) -> dict:
    """`extract` of one source of 10 MB: 23,000 headings and paragraphs."""
    shutil.rmtree(root, ignore_errors=True)
    (root / "source").mkdir(parents=True)
    (root / "locale").mkdir()
    paragraph = "Drink water every day and rest when you feel tired. "
    (root / "source" / "big.md").write_text(
        "".join(f"## Part {i}\n\n{paragraph * 8}{i}\n\n" for i in range(23_000)), encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
    return measure([sys.executable, "-m", "pipeline", "--project", str(root), "extract"], env=env)


def table(rows: list[tuple[str, dict]]) -> str:
    width = max(len(name) for name, _ in rows)
    lines = [f"{'step':<{width}}  {'wall s':>8}  {'cpu s':>8}  {'peak MB':>8}"]
    for name, r in rows:
        lines.append(f"{name:<{width}}  {r['wall']:8.2f}  {r['cpu']:8.2f}  {r['peak_mb']:8.0f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--langs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None, help="passed to locpipe build")
    parser.add_argument("--work", type=Path, default=Path("/tmp/locpipe-bench"))
    parser.add_argument("--scaling", action="store_true", help="also a cold build at docs/4")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-peers", action="store_true", help="skip po4a and Sphinx even when installed")
    parser.add_argument("--pdf", action="store_true", help="also a cold build with PDF (cost per page)")
    parser.add_argument("--scale", metavar="DOCSxLANGS",
                        help="also a health system's library, e.g. 2000x10 (time per page, memory, no-change build)")
    parser.add_argument("--large-source", action="store_true",
                        help="also extract one 10 MB source (tests/test_reliability.py's; target: 10 s)")
    args = parser.parse_args()
    if not (BENCH / "make_corpus.py").exists():
        raise SystemExit(f"the workload generator is missing: {BENCH / 'make_corpus.py'}")
    args.work.mkdir(parents=True, exist_ok=True)

    corpus = make_corpus(args.work, args.docs, args.langs)
    root = args.work / "locpipe"
    languages = locpipe_project(corpus, root)
    # locpipe's bytecode, as an installed package has it: with PYTHONDONTWRITEBYTECODE set (as some
    # shells and containers do), every command would otherwise compile the modules it imports again
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "pipeline")], check=True,
                   stdout=subprocess.DEVNULL)
    rows = run_locpipe(root, args.jobs)
    floor = run_floor(corpus, args.work)
    rows.append(floor)
    for peer in (() if args.no_peers else (run_po4a, run_sphinx)):
        result = peer(corpus, args.work, languages)
        if result:
            rows.append(result)

    pdf_pages, scale, bare_pdf = 0, None, None
    if args.pdf:
        pdf_row, pdf_pages = run_pdf(root, args.jobs)
        rows.append(pdf_row)
        bare_pdf = bare_weasyprint(root, args.work)
    if args.scale:
        docs, _, langs = args.scale.partition("x")
        scale_rows, scale = run_scale(args.work, int(docs), int(langs), dict(rows)["locpipe build (cold)"],
                                      args.docs * (len(languages) + 1), args.jobs)
        rows += scale_rows
    results = dict(rows)
    summary = [f"{'met' if met else 'NOT MET':>7}  {target}: {measured}"
               for target, measured, met in targets(results, floor[1], pdf_pages, scale, bare_pdf)]
    if args.scaling:
        small = make_corpus(args.work, args.docs // 4, args.langs)
        small_root = args.work / "locpipe-small"
        locpipe_project(small, small_root)
        env = dict(os.environ, SOURCE_DATE_EPOCH="1750032000", PYTHONPATH=str(REPO))
        jobs_args = ["--jobs", str(args.jobs)] if args.jobs else []
        subprocess.run([sys.executable, "-m", "pipeline", "--project", str(small_root), "update", "--quiet"],
                       env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        translate_page_strings(small_root)
        small_build = measure([sys.executable, "-m", "pipeline", "--project", str(small_root),
                               "build", "--quiet", *jobs_args], env=env)
        rows.append((f"locpipe build (cold, {args.docs // 4} docs)", small_build))
        ratio = results["locpipe build (cold)"]["wall"] / small_build["wall"]
        summary.append(f"4x the documents: {ratio:.2f}x the build time (target: 4.4x or less)")
    if args.large_source:
        rows.append(("locpipe extract (one 10 MB source)", run_large_source(args.work / "large-source")))
    print(f"workload: {args.docs} leaflets x {len(languages)} languages ({', '.join(languages)}), "
          f"{os.cpu_count()} cores")
    print(table(rows))
    print("\n".join(summary))
    if args.json:
        args.json.write_text(json.dumps({name: r for name, r in rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
