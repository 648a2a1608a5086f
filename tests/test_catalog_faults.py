"""Catalog faults that hide missing work: a file cut short, a msgctxt entry
shadowing a unit, mojibake, and page strings that %-formatting would turn
into garbage or a crash. Each is a translation that looks complete but is
not, so each is refused, never published."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run, tree_checksums
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
