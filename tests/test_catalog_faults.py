"""Catalog faults that hide missing work: a file cut short, a msgctxt entry
shadowing a unit, mojibake, a plural entry for a unit, a file cut inside its
last entry, and page strings that %-formatting would turn
into garbage or a crash. Each is a translation that looks complete but is
not, so each is refused, never published."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from conftest import REPO, SHARED, copy_bundled_project, msgfmt_check, run, tree_checksums
from pipeline.po import write_catalog
from pipeline.ui import ui_gettext

SLUG = "cytokine-release-syndrome"


def catalog_path(project: Path, language: str = "es", domain: str = SLUG) -> Path:
    return project / "locale" / language / "LC_MESSAGES" / f"{domain}.po"


def stats_of(project: Path, capsys, language: str = "es") -> dict:
    capsys.readouterr()
    assert run(project, "stats", "--json", language) == 0
    return {row["document"]: row for row in json.loads(capsys.readouterr().out)}


def test_a_catalog_cut_at_an_entry_boundary_is_incomplete(bundled_project, capsys):
    path = catalog_path(bundled_project)
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    cut = "\n\n".join(blocks[: len(blocks) * 2 // 3]) + "\n"
    path.write_text(cut, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0  # a valid catalog, just short
    row = stats_of(bundled_project, capsys)[SLUG]
    missing = row["units"] - row["translated"]
    assert row["percent_translated"] < 100 and missing > 10 and row["untranslated"] == missing
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 1
    assert f"refused es/{SLUG}: " in capsys.readouterr().err
    assert not (bundled_project / "output" / "es").exists()


def test_an_entry_with_a_context_never_stands_in_for_the_unit(bundled_project, capsys):
    path = catalog_path(bundled_project)
    po = polib.pofile(str(path))
    unit = next(e for e in po if e.msgid.startswith("If you have a life-threatening emergency"))
    real = unit.msgstr
    unit.msgstr = ""
    # another message with the same msgid, whose translation passes every check
    po.append(polib.POEntry(msgctxt="button", msgid=unit.msgid, msgstr=real + " Botón de ayuda."))
    write_catalog(path, po)
    assert stats_of(bundled_project, capsys)[SLUG]["untranslated"] == 1
    capsys.readouterr()
    assert run(bundled_project, "build", "es", "--allow-incomplete", "--quiet") == 0
    page = (bundled_project / "output" / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Botón de ayuda" not in page and real not in page
    assert 'lang="en"' in page  # the unit is shown in English, marked as such


def test_utf8_bytes_under_a_latin1_header_are_refused_not_published(bundled_project, capsys):
    path = catalog_path(bundled_project)
    text = path.read_text(encoding="utf-8")
    assert "charset=UTF-8" in text
    path.write_text(text.replace("charset=UTF-8", "charset=ISO-8859-1"), encoding="utf-8")
    before = tree_checksums(bundled_project / "locale")
    for command in (["check", "es"], ["update", "es"], ["build", "es"]):
        capsys.readouterr()
        assert run(bundled_project, *command) == 2
        err = capsys.readouterr().err
        assert "declares charset ISO-8859-1 but the file is UTF-8" in err
        assert f"locale/es/LC_MESSAGES/{SLUG}.po:" in err
    assert tree_checksums(bundled_project / "locale") == before
    assert not (bundled_project / "output" / "es").exists()


def test_a_real_latin1_catalog_is_read(bundled_project, capsys):
    path = catalog_path(bundled_project)
    po = polib.pofile(str(path))
    kept = [e for e in po if e.msgstr.encode("latin-1", "ignore").decode("latin-1") == e.msgstr]
    assert any(any(ord(c) > 127 for c in e.msgstr) for e in kept)
    text = path.read_text(encoding="utf-8").split("\n\n")[0] + "\n\n" + "\n".join(str(e) for e in kept)
    path.write_bytes(text.replace("charset=UTF-8", "charset=ISO-8859-1").encode("latin-1"))
    assert msgfmt_check(path).returncode == 0
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 0
    assert "error" not in {f["severity"] for f in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("translation, problem", [
    ("Todos los derechos (100% revisada) de %(organisation)s", "'% r' is not a placeholder of the source"),
    ("Todos los derechos reservados por %(organisation)r", "placeholder %(organisation)r is not in the source"),
    ("Todos los derechos reservados por %(organizacion)s", "placeholder %(organisation)s is missing"),
    ("Todos los derechos reservados por %(organisation)s al 100%", "'%' is not a placeholder"),
    ("Todos los derechos reservados", "placeholder %(organisation)s is missing"),
])
def test_page_strings_are_checked_as_python_format(bundled_project, capsys, translation, problem):
    """As msgfmt --check-format reads python-format strings: a page string
    with one of these crashed the build or printed garbage on every page."""
    ui = catalog_path(bundled_project, domain="ui")
    po = polib.pofile(str(ui))
    entry = next(e for e in po if e.msgid.startswith("All rights owned"))
    entry.msgstr = translation
    write_catalog(ui, po)
    gnu = msgfmt_check(ui)
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 1
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "placeholder"]
    assert found and found[0]["severity"] == "error" and problem in " ".join(f["message"] for f in found)
    assert found[0]["line"] == entry.linenum
    if not translation.endswith("%(organisation)r"):  # which GNU gettext takes for compatible
        assert gnu.returncode != 0, translation  # GNU gettext rejects it too
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 1  # refused, not a traceback
    assert "refused es/" in capsys.readouterr().err
    # and a page built anyway shows the English string, never a broken one
    gettext = ui_gettext({entry.msgid: translation}, html=False)
    assert gettext(entry.msgid) == entry.msgid


def test_a_percent_sign_written_as_double_percent_is_accepted(bundled_project, capsys):
    ui = catalog_path(bundled_project, domain="ui")
    po = polib.pofile(str(ui))
    entry = next(e for e in po if e.msgid.startswith("All rights owned"))
    entry.msgstr = "Todos los derechos (100%%) reservados por %(organisation)s"
    write_catalog(ui, po)
    assert msgfmt_check(ui).returncode == 0
    capsys.readouterr()
    run(bundled_project, "check", "--json", "es")
    errors = [(f["check"], f["message"]) for f in json.loads(capsys.readouterr().out) if f["severity"] == "error"]
    # the placeholder check accepts the %%; the 100 is a number the English does not have
    assert errors == [("number", "number 100 is not in the source")]
    gettext = ui_gettext({entry.msgid: entry.msgstr}, html=False)
    assert gettext(entry.msgid) % {"organisation": "MSK"} == "Todos los derechos (100%) reservados por MSK"


def test_check_warns_when_a_catalog_lacks_units_of_its_template(bundled_project, capsys):
    path = catalog_path(bundled_project)
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    path.write_text("\n\n".join(blocks[: len(blocks) // 2]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 0
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "missing-entries"]
    assert len(found) == 1 and found[0]["severity"] == "warning" and found[0]["line"] == 1
    assert "run `locpipe update es`" in found[0]["message"]


@pytest.mark.parametrize("translation", ["Última: %(date)*s", "Última: %(date).*s"])
def test_a_named_placeholder_with_a_star_width_is_a_placeholder_error(bundled_project, capsys, translation):
    ui = catalog_path(bundled_project, domain="ui")
    po = polib.pofile(str(ui))
    entry = next(e for e in po if e.msgid.startswith("Last updated"))
    entry.msgstr = translation
    write_catalog(ui, po)
    assert msgfmt_check(ui).returncode != 0
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 1
    assert "placeholder" in {f["check"] for f in json.loads(capsys.readouterr().out) if f["severity"] == "error"}
    assert run(bundled_project, "build", "es") == 1
    assert "placeholder (ui.po) ×" in capsys.readouterr().err  # the build says which catalog


def test_a_control_character_in_a_translation_is_an_error(bundled_project, capsys):
    path = catalog_path(bundled_project)
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("If you have a life-threatening emergency"))
    entry.msgstr = entry.msgstr.replace(" ", " \x1b", 1)
    write_catalog(path, po)
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 1
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "control-character"]
    assert found and "U+001B" in found[0]["message"] and found[0]["line"] == entry.linenum


@pytest.mark.parametrize("blank", [" ", "\u200b", " - ", "\u00a0\u2060"])
def test_a_translation_without_words_is_refused(bundled_project, capsys, blank):
    """A msgstr of spaces, invisible characters or punctuation counts as
    translated for gettext: it must not publish an empty list item."""
    path = catalog_path(bundled_project)
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("Fatigue ("))
    entry.msgstr = blank
    write_catalog(path, po)
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 1
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "empty-translation"]
    assert [f["line"] for f in found] == [entry.linenum]
    run(bundled_project, "build", "es")
    assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()


def _plural_entry(path: Path, start: str, second_form: str | None = None) -> tuple[polib.POEntry, str]:
    """Make a unit's entry a plural entry (same msgid as msgid_plural), as a
    translator's tool may: its translation in msgstr[0], and in msgstr[1] the
    same or `second_form`."""
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith(start))
    real = entry.msgstr
    entry.msgid_plural, entry.msgstr = entry.msgid, ""
    entry.msgstr_plural = {0: real, 1: second_form or real}
    write_catalog(path, po)
    assert msgfmt_check(path).returncode == 0
    return entry, real


def test_update_keeps_the_translation_of_a_unit_made_plural(bundled_project, capsys):
    """As msgmerge: the template's entry is singular, so msgstr[0] becomes
    its msgstr, fuzzy; every form stays in a translator comment."""
    path = catalog_path(bundled_project)
    start = "If you have questions or concerns"
    entry, real = _plural_entry(path, start, "otra forma, llame al 212-639-2001.")
    capsys.readouterr()
    assert run(bundled_project, "update", "es") == 0
    out = capsys.readouterr().out
    assert "1 plural made singular (fuzzy)" in out and "comments, references or header only" not in out
    assert msgfmt_check(path).returncode == 0
    after = next(e for e in polib.pofile(str(path)) if e.msgid.startswith(start))
    assert not after.msgid_plural and after.msgstr == real and "fuzzy" in after.flags
    assert f"msgstr[0]: {real}" in after.tcomment and "msgstr[1]: otra forma, llame al 212-639-2001." in after.tcomment
    before = path.read_bytes()
    capsys.readouterr()
    assert run(bundled_project, "update", "es") == 0  # a second update keeps it as it is
    assert path.read_bytes() == before


def test_a_plural_entry_for_a_unit_counts_untranslated(bundled_project, capsys):
    """The page shows a unit's msgstr, which a plural entry has not: so it is
    counted untranslated and the check names its line, as the page shows English."""
    path = catalog_path(bundled_project)
    entry, _ = _plural_entry(path, "If you have questions or concerns")
    row = stats_of(bundled_project, capsys)[SLUG]
    assert row["untranslated"] == 1 and row["percent_translated"] < 100
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 0
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "plural-entry"]
    assert [(f["line"], f["severity"]) for f in found] == [(entry.linenum, "warning")]
    assert run(bundled_project, "build", "es") == 1  # min_percent = 100
    assert f"refused es/{SLUG}: " in capsys.readouterr().err


def test_windows_1252_bytes_declared_latin1_are_refused_by_every_command(bundled_project, capsys):
    """Curly quotes saved by a Windows editor (0x93, 0x94) read as C1 controls
    under ISO-8859-1: refused with the file and line, nothing rewritten."""
    path = catalog_path(bundled_project)
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
    assert "\u201cpuente\u201d" in text  # as the translator typed it
    path.write_bytes(text.encode("cp1252"))
    line = text[: text.index("\u201c")].count("\n") + 1
    before = tree_checksums(bundled_project / "locale")
    for command in (["check", "es"], ["update", "es"], ["build", "es"]):
        capsys.readouterr()
        assert run(bundled_project, *command) == 2
        err = capsys.readouterr().err
        assert f"locale/es/LC_MESSAGES/{SLUG}.po:{line}: error: byte 0x93 is the control character U+0093" in err
    assert tree_checksums(bundled_project / "locale") == before
    assert not (bundled_project / "output" / "es").exists()


def _cut_inside_last_entry(path: Path, start: str) -> polib.POEntry:
    """Move a unit's entry to the end of the catalog (entry order is free),
    then cut the file at a line end inside its msgstr: still valid PO."""
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith(start))
    po.remove(entry)
    po.append(entry)
    write_catalog(path, po)
    lines = path.read_text(encoding="utf-8").split("\n")
    msgstr = max(i for i, line in enumerate(lines) if line.startswith("msgstr"))
    assert lines[msgstr] == 'msgstr ""' and lines[msgstr + 2].endswith(' "')
    path.write_text("\n".join(lines[: msgstr + 3]) + "\n", encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    return next(e for e in polib.pofile(str(path)) if e.msgid.startswith(start))


def test_a_catalog_cut_inside_its_last_entry_is_refused(bundled_project, tmp_path, capsys):
    path = catalog_path(bundled_project)
    start = "CRS symptoms can be different"
    cut = _cut_inside_last_entry(path, start)
    assert cut.msgstr.endswith(" ") and not cut.msgstr.rstrip().endswith(".")
    capsys.readouterr()
    assert run(bundled_project, "check", "--json", "es") == 1
    errors = [(f["line"], f["check"]) for f in json.loads(capsys.readouterr().out) if f["severity"] == "error"]
    assert errors == [(cut.linenum, "cut-sentence"), (cut.linenum, "cut-entry")]
    assert run(bundled_project, "build", "es") == 1
    assert "cut-entry" in capsys.readouterr().err
    assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()
    # the same translation inside the catalog: its last sentence is cut off all the same
    other = copy_bundled_project(tmp_path / "other")
    po = polib.pofile(str(catalog_path(other)))
    next(e for e in po if e.msgid.startswith(start)).msgstr = cut.msgstr
    write_catalog(catalog_path(other), po)
    capsys.readouterr()
    assert run(other, "check", "--json", "es") == 1
    errors = {f["check"] for f in json.loads(capsys.readouterr().out) if f["severity"] == "error"}
    assert errors == {"cut-sentence"}


def test_a_last_entry_cut_at_a_words_end_is_refused(bundled_project, capsys):
    """An editor may break a string's lines at a word's end, with no space
    at the end of the line: a file cut there ends its last entry inside a
    sentence."""
    path = catalog_path(bundled_project)
    _cut_inside_last_entry(path, "CRS symptoms can be different")
    text = path.read_text(encoding="utf-8")
    assert text.endswith(' "\n')
    for end in (",", ")", ""):  # after a comma, a link's end, a word
        path.write_text(text[:-3] + end + '"\n', encoding="utf-8")
        assert msgfmt_check(path).returncode == 0
        capsys.readouterr()
        assert run(bundled_project, "check", "--json", "es") == 1
        errors = [f["check"] for f in json.loads(capsys.readouterr().out) if f["severity"] == "error"]
        assert errors == ["cut-entry"], end
    assert run(bundled_project, "build", "es") == 1
    assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()


REAL_CATALOGS = [*sorted((REPO / "locale").glob("*/LC_MESSAGES/*.po")),
                 *sorted((SHARED / "corpus" / "po").glob("*.po"))]


def test_no_real_translation_is_taken_for_a_cut_one():
    """The measure that makes a cut-off translation an error: no translation
    of the bundled catalogs or the shared corpus's catalogs ends with a space
    without its source's final punctuation (es-baobab's obsolete, fuzzy
    entries do: partial translations, which are never published)."""
    from pipeline.checks import CUT_ENTRY, check_entries
    from pipeline.po import read_catalog
    assert len(REAL_CATALOGS) >= 10
    for path in REAL_CATALOGS:
        po = read_catalog(path)
        found = check_entries(po, po.metadata["Language"], path.name, path.stem)
        assert [f for f in found if f.check in ("cut-sentence", CUT_ENTRY)] == [], path


def test_update_keeps_a_catalogs_crlf_line_ends(bundled_project, capsys):
    """A catalog saved with CRLF on Windows keeps them when update rewrites
    it, so the translator's diff shows only the entries that changed."""
    path = catalog_path(bundled_project)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    source = bundled_project / "source" / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8")
    assert "Symptoms can get worse very fast" in text
    source.write_text(text.replace("Symptoms can get worse very fast", "Symptoms can get worse very quickly"),
                      encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "update", "es") == 0
    assert "1 fuzzy" in capsys.readouterr().out
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 900
    assert msgfmt_check(path).returncode == 0
    assert "very quickly" in next(e.msgid for e in polib.pofile(str(path)) if "fuzzy" in e.flags)
