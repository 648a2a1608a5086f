"""`locpipe readability`: reports for health-literacy reviewers."""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING

from ..wording import counted

if TYPE_CHECKING:
    from ..project import Project


def register(subparsers) -> None:
    p = subparsers.add_parser("readability", help="readability reports for the source and every translation")
    p.add_argument("--lang", action="append", metavar="L", help="only this language (repeatable; en = source)")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--max-grade", type=float, metavar="N",
                   help="exit 1 when an English source's primary grade formula (SMOG unless set) exceeds N")
    p.add_argument("--formula", metavar="NAME",
                   help="the grade formula --max-grade gates on, e.g. flesch_kincaid_grade (default: the primary)")
    p.set_defaults(run=run_readability, writes_output=True)


def _document_reports(args) -> tuple[list[dict], dict[str, bytes], dict[str, dict]]:
    """A document's reports in every language, their files, and what its
    process memoised (`memos.fresh_memo_entries`) for later runs."""
    from ..memos import fresh_memo_entries
    results, files = _reports_of(args)
    return results, files, fresh_memo_entries()


def _reports_of(args) -> tuple[list[dict], dict[str, bytes]]:
    from .. import catalog as cat
    from ..po import read_catalog
    from ..readability.records import publication
    from ..reports import report_data, report_files  # textstat and its dictionaries
    from ..jobs import read_document_by_slug
    project, slug, languages, built = args
    document = read_document_by_slug(project, slug)
    results, files = [], {}
    for language in languages:
        translations = {}
        if language != "en":
            path = project.catalog_path(slug, language)
            if not path.exists():
                continue
            translations = cat.translations(read_catalog(path, project.relative(path)))
        published = publication(*built.get((slug, language), (None, "")))
        data = report_data(project, document, language, translations, published)
        results.append(data)
        files.update(report_files(project, document, language, translations, published, data))
    return results, files


def _all_reports(project: Project, languages: list[str], new: dict[str, bytes]) -> list[dict]:
    """Every report of output/reports and of `new` (output name -> bytes,
    those about to replace them), in document and language order, so a
    run for one language keeps the others in the index."""
    slugs = {slug: i for i, slug in enumerate(project.slugs())}
    order = {language: i for i, language in enumerate(languages)}
    reports = {f"reports/{path.parent.name}/{path.name}": path
               for path in project.output_path("reports").glob("*/*.json")}
    found = []
    for name in sorted({*reports, *(name for name in new if name.startswith("reports/") and name.endswith(".json"))}):
        try:
            data = json.loads(new[name] if name in new else reports[name].read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("document") in slugs and data.get("language") == name.split("/")[1]:
            found.append(data)
    found.sort(key=lambda d: (slugs[d["document"]], order.get(d["language"], len(order)), d["language"]))
    return found


def _gate_formula(name: str | None) -> str | None:
    """The formula --formula names, which must be a grade formula."""
    if name is None:
        return None
    from ..errors import LocpipeError
    from ..readability.measures import FORMULAS, GRADE
    from ..readability.verdict import formula_named
    from ..readability.measures import formulas_for
    formula = formula_named(name)
    if formula is None or formula.scale != GRADE:
        grades = ", ".join(dict.fromkeys(f.name for f in FORMULAS if f.scale == GRADE))
        raise LocpipeError(f"--formula must name a grade formula ({grades}), not {name!r}")
    english = [f.name for f in formulas_for("en")[0] if f.scale == GRADE]
    if formula.name not in english:
        raise LocpipeError(f"--formula {formula.name}: {formula.name} does not apply to the English source, "
                           f"which --max-grade gates on (use one of {', '.join(english)})")
    return formula.name


def _check_gate(args) -> None:
    """--max-grade must be a finite number, and --formula needs it."""
    from ..errors import LocpipeError
    if args.max_grade is not None and not math.isfinite(args.max_grade):
        raise LocpipeError(f"--max-grade must be a finite number, not {args.max_grade!r}")
    if args.max_grade is not None and args.max_grade < 0:
        raise LocpipeError(f"--max-grade must be a school grade of 0 or more, not {args.max_grade:g}: "
                           "no text can score below grade 0")
    if args.formula is not None and args.max_grade is None:
        raise LocpipeError("--formula names the formula --max-grade gates on: give --max-grade N too")


def _gated_value(report: dict, formula: str | None) -> tuple[str, float] | None:
    """(title, value) of the formula a report is gated on: --formula, or its
    primary formula when that is a grade."""
    if formula is not None:
        from ..readability.measures import FORMULAS
        value = report["scores"].get(formula)
        title = next(f.title for f in FORMULAS if f.name == formula)
        return (title, value) if value is not None else None
    primary = report.get("primary")
    if primary and primary.get("scale") == "grade":
        return primary["title"], primary["value"]
    return None


def _summary_line(r: dict) -> str:
    noun = "character" if r.get("unit") == "characters" else "word"
    verdict = r.get("verdict") or {}
    line = (f"{r['document']} [{r['language']}]: {counted(r['words'], noun)}, {counted(r['sentences'], 'sentence')}; "
            f"{verdict.get('label', 'no verdict').lower()}: {verdict.get('text', '')}")
    if r.get("grade_range"):
        line += f"; {r['grade_range']['text']}"
    return line


def settings_warnings(project: Project) -> list[str]:
    """`path:line: warning: message` for each readability setting that
    reports would ignore (readability.settings.unknown_settings)."""
    import json

    from ..datacache import cached, code_fingerprint
    from ..project import settings_file
    raw = project.settings.raw.get("readability")
    if not isinstance(raw, dict):
        return []
    found = settings_file(project.root)
    path, prefix = found if found else (None, ())
    text = path.read_text(encoding="utf-8", errors="replace") if path else ""
    shown = str(path) if path else "settings"  # as settings errors name it
    languages = project.languages()
    # the same settings file gives the same warnings: the formulas' table they need imports textstat
    key = json.dumps([code_fingerprint(), shown, text, languages])
    return cached("settings-warnings", key, lambda: _settings_warnings(raw, languages, text, shown, prefix))


def _settings_warnings(raw: dict, languages: list[str], text: str, shown: str, prefix: tuple) -> list[str]:
    from ..project import setting_line
    from ..readability.settings import unknown_settings
    from ..readability.verdict import inapplicable_primaries
    lines = []
    for keys, message in [*unknown_settings(raw, languages), *inapplicable_primaries(raw, languages)]:
        line = setting_line(text, (*prefix, "readability", *keys))
        lines.append(f"{shown}{f':{line}' if line else ''}: warning: {message}")
    return lines


def run_readability(args, project: Project) -> int:
    _check_gate(args)
    gate_formula = _gate_formula(args.formula) if args.max_grade is not None else None
    configured = ["en", *project.languages()]
    languages = project.selected_languages(args.lang or [], include_source=True) or configured
    # once the languages are found valid: importing these stores compiled patterns in the data cache
    from ..jobs import map_jobs
    from ..publish.writers import publish_into_output
    from ..render.html import reports_index
    for warning in settings_warnings(project):
        print(warning, file=sys.stderr)
    if args.max_grade is not None and "en" not in languages:
        languages.insert(0, "en")  # the gate is on the English source
    from ..publish.state import last_build
    built = {(page.document, page.language): (page.status, page.reason) for page in last_build(project)}
    from ..memos import MemoBatches
    results, files, memo = [], {}, MemoBatches()
    for found, written, remembered in map_jobs(_document_reports,
                                               [(project, slug, languages, built) for slug in project.slugs()], None):
        results.extend(found)
        files.update(written)
        memo.add(remembered)
    memo.store()  # each unit's and sentence's reading, for the next report or build
    for name in files:
        project.output_path(*name.split("/"))  # a name that would leave the output is refused
    index = reports_index(_all_reports(project, configured, files))
    publish_into_output(project, {**files, "reports/index.html": index})
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for r in results:
            print(_summary_line(r))
        print(f"reports in {project.relative(project.output_dir)}/reports/index.html")
    if args.max_grade is None:
        return 0
    too_hard = []
    for r in (r for r in results if r["language"] == "en"):
        gated = _gated_value(r, gate_formula)
        if gated is None and r.get("primary") and gate_formula is None:
            from ..errors import LocpipeError
            raise LocpipeError(f"--max-grade gates on a grade, and the primary formula, {r['primary']['title']}, "
                               "is not one: name a grade formula with --formula")
        if gated is not None and (r.get("verdict") or {}).get("reason") == "too-short":
            why = r["verdict"]["text"].split("too short to score reliably: ", 1)[-1]
            side = "is above" if gated[1] > args.max_grade else "meets"
            print(f"{r['document']}: warning: {gated[0]} {gated[1]} {side} --max-grade {args.max_grade:g}, but the "
                  f"text is too short to score reliably ({why}); --max-grade gates on the score all the same",
                  file=sys.stderr)
        if gated is not None and gated[1] > args.max_grade:
            too_hard.append(r)
            print(f"{r['document']}: {gated[0]} {gated[1]} exceeds {args.max_grade:g}", file=sys.stderr)
    return 1 if too_hard else 0
