"""Catalogs on real files: extract, init, update, compile, stats, judged by
GNU msgfmt and re-read with polib."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run, tree_checksums

SLUG = "cytokine-release-syndrome"
LONGEST = ("If you have questions or concerns, contact your healthcare provider. A member of your care "
           "team will answer Monday through Friday from 9 a.m. to 5 p.m.")


def entries(path):
    return {e.msgid: e for e in polib.pofile(str(path))}


def test_extract_writes_a_template_msgfmt_accepts(empty_project):
    assert run(empty_project, "extract") == 0
    pot = empty_project / "locale" / f"{SLUG}.pot"
    result = msgfmt_check(pot)
    assert result.returncode == 0, result.stderr
    catalog = polib.pofile(str(pot))
    # 80 units of the leaflet; the title is also the H1, and two list items
    # occur twice, so 77 distinct texts.
    assert len(catalog) == 77
    shared = catalog.find("The type of immunotherapy you get.")
    assert [line for _, line in shared.occurrences] == ["33", "43"]
    assert shared.occurrences[0][0] == f"source/{SLUG}.md"
    assert "list item, depth 1" in shared.comment
    assert "Section: About Cytokine Release Syndrome (CRS) and Neurotoxicity Syndrome > "\
           "What are cytokine release syndrome and neurotoxicity syndrome? > "\
           "Cytokine release syndrome" in shared.comment.replace("\n", " ")


def test_template_comments_tell_translators_what_to_keep(empty_project):
    run(empty_project, "extract")
    catalog = entries(empty_project / "locale" / f"{SLUG}.pot")
    call = next(e for m, e in catalog.items() if m.startswith("Call your healthcare provider"))
    comment = call.comment.replace("\n", " ")
    assert "Keep unchanged: 212-639-7900, https://www.mskcc.org/pe/after-hours-triage" in comment
    assert "Translators: Keep both phone numbers exactly as written." in comment
    fever = catalog["A fever of 100.4 °F (38 °C) or higher"]
    assert "Keep unchanged: 100.4 °F, 38 °C" in fever.comment
    emergency = next(e for m, e in catalog.items() if "call 911" in m)
    assert "Keep unchanged: 911" in emergency.comment
    intro = next(e for m, e in catalog.items() if m.startswith("This information explains"))
    assert "Pronunciation guide (SY-toh-kine)" in intro.comment
    assert "Pronunciation guide (NOOR-oh-tok-SIH-sih-tee)" in intro.comment.replace("\n", " ")
    heading = catalog["Medicine"]
    assert heading.comment.startswith("heading, level 3")


def test_extract_is_reproducible_byte_for_byte(empty_project, tmp_path):
    run(empty_project, "extract")
    first = (empty_project / "locale" / f"{SLUG}.pot").read_bytes()
    (empty_project / "locale" / f"{SLUG}.pot").unlink()
    run(empty_project, "extract")
    assert (empty_project / "locale" / f"{SLUG}.pot").read_bytes() == first
    assert b"POT-Creation-Date: 2025-06-16 00:00+0000" in first


def test_init_uses_cldr_headers(empty_project, capsys):
    assert run(empty_project, "init", "ru", "zh_Hans", "ar") == 0
    for lang, nplurals in (("ru", "3"), ("zh_Hans", "1"), ("ar", "6")):
        path = empty_project / "locale" / lang / "LC_MESSAGES" / f"{SLUG}.po"
        assert msgfmt_check(path).returncode == 0
        po = polib.pofile(str(path))
        assert po.metadata["Language"] == lang
        assert po.metadata["Plural-Forms"].startswith(f"nplurals={nplurals};")
        assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert len(po) == 77 and not po.translated_entries()


def test_init_writes_the_plural_rule_translators_tools_expect(empty_project):
    """GNU gettext's rule where it has one (what msginit, Poedit and Weblate
    write), CLDR's otherwise; whatever babel's CLDR says of millions."""
    assert run(empty_project, "init", "es", "fr", "pt_BR", "ar", "ht") == 0
    expected = {"es": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);",
                "pt_BR": "nplurals=2; plural=(n > 1);", "ht": "nplurals=2; plural=(n != 1);"}
    for lang in ("es", "fr", "pt_BR", "ar", "ht"):
        path = empty_project / "locale" / lang / "LC_MESSAGES" / f"{SLUG}.po"
        rule = polib.pofile(str(path)).metadata["Plural-Forms"]
        if lang in expected:
            assert rule == expected[lang]
        else:  # gettext's table has no Arabic: CLDR's six forms
            assert rule.startswith("nplurals=6;")
        assert msgfmt_check(path).returncode == 0
    assert run(empty_project, "check") == 0


def test_a_template_another_babel_wrote_is_not_restamped(empty_project, monkeypatch, capsys):
    """A template whose entries are unchanged keeps its bytes, dates and
    Generated-By whatever babel version wrote it, and so does every catalog
    merged from it; update says nothing was written."""
    assert run(empty_project, "init", "es") == 0
    pot = empty_project / "locale" / f"{SLUG}.pot"
    text = pot.read_text(encoding="utf-8")
    assert "Generated-By: Babel " in text
    older = re.sub(r"Generated-By: Babel [^\\]*", "Generated-By: Babel 2.14.0", text)
    older = older.replace("2025-06-16 00:00+0000", "2024-01-02 03:04+0000")
    assert older != text
    pot.write_text(older, encoding="utf-8")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    po.metadata["POT-Creation-Date"] = "2024-01-02 03:04+0000"
    po.save()
    snapshot = tree_checksums(empty_project / "locale")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    capsys.readouterr()
    assert run(empty_project, "update") == 0
    out = capsys.readouterr().out
    assert tree_checksums(empty_project / "locale") == snapshot
    assert out.strip() == "2 catalogs up to date"  # the document's and the page strings'
    assert run(empty_project, "extract") == 0
    assert capsys.readouterr().out.strip() == "templates are up to date"
    assert tree_checksums(empty_project / "locale") == snapshot


def test_a_template_in_another_layout_is_not_restamped(empty_project, monkeypatch, capsys):
    """CRLF line ends or an edited header comment are layout: the entries
    are the same, so the file and its dates stay, and no catalog changes."""
    assert run(empty_project, "init", "es") == 0
    pot = empty_project / "locale" / f"{SLUG}.pot"
    ui = empty_project / "locale" / "ui.pot"
    ui.write_bytes(ui.read_bytes().replace(b"\n", b"\r\n"))
    pot.write_bytes(b"# Our leaflet's template.\n" + pot.read_bytes().split(b"\n", 1)[1])
    snapshot = tree_checksums(empty_project / "locale")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    capsys.readouterr()
    assert run(empty_project, "update") == 0 and run(empty_project, "extract") == 0
    assert capsys.readouterr().out.splitlines() == ["2 catalogs up to date", "templates are up to date"]
    assert tree_checksums(empty_project / "locale") == snapshot
    # a real change is still written, in gettext's layout
    edit_source(empty_project, "### Medicine", "### Medicines")
    assert run(empty_project, "update") == 0
    assert b"Medicines" in pot.read_bytes() and b"Our leaflet" not in pot.read_bytes()


def test_update_reports_every_file_it_rewrites(empty_project, capsys):
    assert run(empty_project, "init", "es") == 0
    edit_source(empty_project, "### Medicine", "### Medicines")
    capsys.readouterr()
    assert run(empty_project, "update") == 0
    out = capsys.readouterr().out.splitlines()
    assert f"wrote locale/{SLUG}.pot" in out
    assert any(line.startswith(f"locale/es/LC_MESSAGES/{SLUG}.po: updated: ") for line in out)
    # a moved unit changes only references: the catalog is rewritten, and said to be
    edit_source(empty_project, "### Medicines", "\n### Medicines")
    capsys.readouterr()
    assert run(empty_project, "update") == 0
    out = capsys.readouterr().out.splitlines()
    assert f"locale/es/LC_MESSAGES/{SLUG}.po: updated: comments, references or header only" in out
    assert "1 catalog up to date" in out  # the page strings'


def test_init_refuses_an_unknown_locale(empty_project, capsys):
    before = tree_checksums(empty_project)
    assert run(empty_project, "init", "xx") == 2
    assert "language 'xx' is not a CLDR locale" in capsys.readouterr().err
    assert tree_checksums(empty_project) == before


BUNDLED_LANGUAGES = 'languages = ["es", "zh_Hans", "ru", "ar", "ht"]\n'


def test_a_language_is_usable_right_after_init(bundled_project, capsys):
    """init adds the language to the project's settings, so that every
    command takes it; the settings file changes in that list only."""
    settings = bundled_project / "pyproject.toml"
    before = settings.read_text(encoding="utf-8")
    assert BUNDLED_LANGUAGES in before and "# publish a language only when" in before
    assert run(bundled_project, "init", "fr") == 0
    assert "added fr to the languages in pyproject.toml" in capsys.readouterr().out
    assert settings.read_text(encoding="utf-8") == before.replace(
        BUNDLED_LANGUAGES, 'languages = ["es", "zh_Hans", "ru", "ar", "ht", "fr"]\n')
    assert run(bundled_project, "stats", "fr") == 0
    assert f"{SLUG}  fr " in capsys.readouterr().out
    assert run(bundled_project, "check", "fr") in (0, 1)
    assert run(bundled_project, "build", "fr", "--allow-incomplete") in (0, 1)
    assert (bundled_project / "output" / "fr" / f"{SLUG}.html").exists()
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("### Medicine", "### Medicines"),
                      encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "update") == 0
    assert f"locale/fr/LC_MESSAGES/{SLUG}.po: updated: 1 new" in capsys.readouterr().out
    # a language listed already is not added again
    after = settings.read_bytes()
    assert run(bundled_project, "init", "fr", "es") == 0
    assert "added" not in capsys.readouterr().out
    assert settings.read_bytes() == after


LOCPIPE_TOML = """\
# Settings of the fever leaflets
name = "Fever leaflets"   # Project-Id-Version of the catalogs
languages = [
    "es",  # reviewed by the Spanish team
]
translatable_fields = ["title"]

[publish]
min_percent = 90          # previews below this
"""


def test_init_adds_the_language_to_locpipe_toml(empty_project, capsys):
    settings = empty_project / "locpipe.toml"
    settings.write_text(LOCPIPE_TOML, encoding="utf-8")
    assert run(empty_project, "init", "fr", "pt-BR") == 0
    assert "added fr, pt_BR to the languages in locpipe.toml" in capsys.readouterr().out
    assert settings.read_text(encoding="utf-8") == LOCPIPE_TOML.replace(
        '    "es",  # reviewed by the Spanish team\n',
        '    "es",  # reviewed by the Spanish team\n    "fr",\n    "pt_BR",\n')
    assert run(empty_project, "stats", "pt_BR") == 0
    assert run(empty_project, "check", "fr") in (0, 1)


@pytest.mark.parametrize("settings_text", [None, '[tool.black]\nline-length = 100\n',
                                           '[tool.locpipe]\nname = "Fever leaflets"  # no languages list\n'])
def test_without_a_languages_list_init_makes_only_the_folder(empty_project, capsys, settings_text):
    """The project's languages are then its locale folders: the settings
    file stays as it is, and none is made."""
    if settings_text is not None:
        (empty_project / "pyproject.toml").write_text(settings_text, encoding="utf-8")
    assert run(empty_project, "init", "fr") == 0
    assert "added" not in capsys.readouterr().out
    if settings_text is None:
        assert not any((empty_project / name).exists() for name in ("pyproject.toml", "locpipe.toml"))
    else:
        assert (empty_project / "pyproject.toml").read_text(encoding="utf-8") == settings_text
    assert run(empty_project, "stats", "fr") == 0
    assert run(empty_project, "build", "fr", "--allow-incomplete") in (0, 1)


def test_init_on_bad_input_leaves_the_settings_as_they_were(bundled_project, capsys):
    (bundled_project / "source" / "bad.md").write_text("---\ntitle: [x\n---\n# A\n", encoding="utf-8")
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "init", "fr") == 2
    assert "source/bad.md:" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def translate_all(path, prefix="ES: "):
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = prefix + entry.msgid
    po.save()


def edit_source(project, old, new):
    path = project / "source" / f"{SLUG}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_update_keeps_every_translation_through_source_edits(empty_project, capsys):
    run(empty_project, "init", "es")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    translate_all(po_path)
    before = entries(po_path)

    reworded_old = "CRS is a group of symptoms that can happen when T cells attack cancer cells."
    reworded_new = "CRS is a set of symptoms that may happen when T cells fight cancer cells."
    edit_source(empty_project, reworded_old, reworded_new)
    edit_source(empty_project, "from 9 a.m. to 5 p.m.", "from 8 a.m. to 5 p.m.")
    edit_source(empty_project, "- Chills\n", "")
    edit_source(empty_project, "### Medicine\n", "### Medicine\n\n#### Over-the-counter medicine\n")
    capsys.readouterr()
    assert run(empty_project, "update") == 0
    summary = capsys.readouterr().out

    assert msgfmt_check(po_path).returncode == 0, msgfmt_check(po_path).stderr
    after = polib.pofile(str(po_path))
    current = {e.msgid: e for e in after if not e.obsolete}
    obsolete = {e.msgid: e for e in after if e.obsolete}

    reworded = current[reworded_new]
    assert reworded.fuzzy and reworded.previous_msgid == reworded_old
    assert reworded.msgstr == "ES: " + reworded_old

    longest_new = next(m for m in current if m.startswith(LONGEST.replace("9 a.m.", "8 a.m.")))
    longest = current[longest_new]
    assert longest.fuzzy and longest.previous_msgid.startswith(LONGEST)
    assert longest.msgstr == "ES: " + longest.previous_msgid

    assert obsolete["Chills"].msgstr == "ES: Chills"
    assert current["Over-the-counter medicine"].msgstr == ""
    assert not current["Over-the-counter medicine"].fuzzy

    # nothing else changed: every other translation is still current and not fuzzy
    changed = {reworded_new, longest_new, "Over-the-counter medicine"}
    for msgid, entry in current.items():
        if msgid not in changed:
            assert entry.msgstr == before[msgid].msgstr and not entry.fuzzy, msgid
    assert len(current) == 77

    # new units in document order: the new heading right after "Medicine"
    order = [e.msgid for e in after if not e.obsolete]
    assert order[order.index("Medicine") + 1] == "Over-the-counter medicine"

    assert "1 new, 2 fuzzy, 1 obsolete" in summary
    assert "[-group-]{+set+}" in summary and "[-9-]{+8+}" in summary

    # a second update changes no byte
    snapshot = tree_checksums(empty_project / "locale")
    assert run(empty_project, "update") == 0
    assert tree_checksums(empty_project / "locale") == snapshot


def test_babel_would_write_previous_msgids_msgfmt_rejects(empty_project):
    """The trap our writer avoids: previous msgids longer than the wrap width."""
    run(empty_project, "init", "es")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    translate_all(po_path)
    edit_source(empty_project, "The rush of cytokines", "The sudden rush of cytokines")
    run(empty_project, "update")
    text = po_path.read_text(encoding="utf-8")
    assert '#| msgid ""\n#| "Normally, T cells release signaling molecules' in text
    assert msgfmt_check(po_path).returncode == 0
    reread = polib.pofile(str(po_path))
    entry = next(e for e in reread if e.previous_msgid)
    assert entry.previous_msgid.startswith("Normally, T cells") and entry.previous_msgid.endswith("organs.")


def test_deleted_unit_returns_from_obsolete(empty_project):
    run(empty_project, "init", "es")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    translate_all(po_path)
    original = (empty_project / "source" / f"{SLUG}.md").read_text(encoding="utf-8")
    edit_source(empty_project, "- Low blood pressure\n", "")
    run(empty_project, "update")
    assert polib.pofile(str(po_path)).find("Low blood pressure", include_obsolete_entries=True).obsolete
    (empty_project / "source" / f"{SLUG}.md").write_text(original, encoding="utf-8")
    run(empty_project, "update")
    entry = polib.pofile(str(po_path)).find("Low blood pressure")
    assert entry is not None and not entry.obsolete and entry.msgstr == "ES: Low blood pressure"
    assert not entry.fuzzy


def test_stats_and_compile(empty_project, capsys):
    run(empty_project, "init", "es", "ru")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po[:10]:
        entry.msgstr = "ES: " + entry.msgid
    po[10].msgstr, po[10].flags = "ES?", ["fuzzy"]
    po.save()
    capsys.readouterr()
    assert run(empty_project, "stats", "--json") == 0
    rows = {r["language"]: r for r in json.loads(capsys.readouterr().out) if r["document"] == SLUG}
    es = rows["es"]
    assert (es["units"], es["translated"], es["fuzzy"], es["untranslated"], es["obsolete"]) == (77, 10, 1, 66, 0)
    assert es["percent_translated"] == pytest.approx(13.0)
    assert rows["ru"]["translated"] == 0 and rows["ru"]["document"] == SLUG
    assert run(empty_project, "compile", "es") == 0
    mo = po_path.with_suffix(".mo")
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo))}
    assert compiled == {entry.msgid: "ES: " + entry.msgid for entry in po[:10]}  # the fuzzy one left out
    if shutil.which("msgunfmt"):
        dumped = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True).stdout
        assert dumped.count('msgid "') == 11  # header + 10 translated


def test_stats_of_unchanged_catalogs_come_from_the_data_cache(empty_project, capsys, monkeypatch):
    """A second `stats` reads no catalog whose bytes, template and source
    are those it counted; an edited catalog is counted again."""
    from pipeline import po as catalog_reader  # stats imports the reader only for a catalog it counts
    run(empty_project, "init", "es", "fr")
    capsys.readouterr()
    assert run(empty_project, "stats", "--json") == 0
    first = capsys.readouterr().out
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    read = []
    real = catalog_reader.read_catalog
    monkeypatch.setattr(catalog_reader, "read_catalog",
                        lambda path, *args, **kw: read.append(path) or real(path, *args, **kw))
    assert run(empty_project, "stats", "--json") == 0
    assert capsys.readouterr().out == first and read == []
    po = polib.pofile(str(po_path))
    po[0].msgstr = "ES: " + po[0].msgid
    po.save()
    assert run(empty_project, "stats", "--json") == 0
    rows = {(r["language"], r["document"]): r for r in json.loads(capsys.readouterr().out)}
    assert rows[("es", SLUG)]["translated"] == 1 and rows[("fr", SLUG)]["translated"] == 0
    assert po_path in read and not any("/fr/" in str(path) for path in read)



def test_stats_after_a_build_reads_no_catalog_the_build_read(bundled_project, capsys, monkeypatch):
    """A build counts the rows of the catalogs it reads into the data cache:
    `stats` after it reads only the page strings' catalogs, and gives the
    rows a count from scratch gives; a catalog edited since is counted again."""
    from pipeline import po as catalog_reader  # stats imports the reader only for a catalog it counts
    assert run(bundled_project, "build", "--quiet") == 0
    read = []
    real = catalog_reader.read_catalog
    monkeypatch.setattr(catalog_reader, "read_catalog",
                        lambda path, *args, **kw: read.append(path) or real(path, *args, **kw))
    capsys.readouterr()
    assert run(bundled_project, "stats", "--json") == 0
    after_build = capsys.readouterr().out
    assert read and all(path.name in ("ui.po", "ui.pot") for path in read)
    (bundled_project / ".locpipe-cache" / "stats.json").unlink()
    assert run(bundled_project, "stats", "--json") == 0
    assert capsys.readouterr().out == after_build

    assert run(bundled_project, "build", "--quiet") == 0  # nothing to build: the record stays
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    next(e for e in po if e.msgstr and not e.obsolete).msgstr = ""
    po.save()
    read.clear()
    assert run(bundled_project, "stats", "--json") == 0
    rows = {(r["language"], r["document"]): r for r in json.loads(capsys.readouterr().out)}
    earlier = {(r["language"], r["document"]): r for r in json.loads(after_build)}
    assert rows[("es", SLUG)]["translated"] == earlier[("es", SLUG)]["translated"] - 1
    assert po_path in read and not any("/ru/" in str(path) for path in read)

def test_malformed_catalog_changes_nothing(empty_project, capsys):
    run(empty_project, "init", "es")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    text = po_path.read_text(encoding="utf-8")
    broken = text.replace('msgid "Medicine"\nmsgstr ""', 'msgid "Medicine"\nmsgstr "Medicina')
    po_path.write_text(broken, encoding="utf-8")
    line = broken[: broken.index('msgstr "Medicina')].count("\n") + 1
    edit_source(empty_project, "### Medicine", "### Medicines")
    before = tree_checksums(empty_project)
    capsys.readouterr()
    assert run(empty_project, "update") == 2
    err = capsys.readouterr().err
    assert f"locale/es/LC_MESSAGES/{SLUG}.po:{line}: error: end-of-line within string" in err
    assert tree_checksums(empty_project) == before


def test_update_without_source_date_epoch_keeps_the_template_date(empty_project, monkeypatch):
    """Without SOURCE_DATE_EPOCH the creation date is the clock's; a template
    whose content is unchanged keeps its file and its old date, and so does
    every catalog merged from it."""
    import datetime as dt
    import types

    from pipeline import catalog as cat

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    clock = [dt.datetime(2025, 7, 1, 9, 30, tzinfo=dt.timezone.utc)]

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return clock[0]
    monkeypatch.setattr(cat, "dt", types.SimpleNamespace(datetime=Clock, timezone=dt.timezone))

    assert run(empty_project, "init", "es", "--jobs", "1") == 0
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    translate_all(po_path)
    pot = empty_project / "locale" / f"{SLUG}.pot"
    assert b"POT-Creation-Date: 2025-07-01 09:30+0000" in pot.read_bytes()
    snapshot = tree_checksums(empty_project / "locale")

    clock[0] += dt.timedelta(hours=3)
    assert run(empty_project, "update", "--jobs", "1") == 0
    assert run(empty_project, "extract", "--jobs", "1") == 0
    assert tree_checksums(empty_project / "locale") == snapshot

    # a real change takes the new date, in the template and in the catalog
    edit_source(empty_project, "### Medicine", "### Medicines")
    assert run(empty_project, "update", "--jobs", "1") == 0
    assert b"POT-Creation-Date: 2025-07-01 12:30+0000" in pot.read_bytes()
    assert polib.pofile(str(po_path)).metadata["POT-Creation-Date"] == "2025-07-01 12:30+0000"
    assert msgfmt_check(pot).returncode == 0 and msgfmt_check(po_path).returncode == 0


def test_one_word_edit_that_difflib_misses_comes_back_fuzzy(empty_project, capsys):
    """The 242-character paragraph where difflib's matcher (babel's, with
    autojunk) loses a one-word edit: get_close_matches finds nothing at 0.6,
    because above 200 characters it junks the common letters and spaces.
    locpipe still carries the translation over as fuzzy."""
    import difflib

    old_unit = next(e.msgid for e in polib.pofile(str(_extracted(empty_project)))
                    if e.msgid.startswith("Symptoms of CRS and neurotoxicity syndrome are listed below."))
    new_unit = old_unit.replace("are listed below", "are shown below")
    assert len(old_unit) > 200
    assert difflib.get_close_matches(new_unit, [old_unit], n=1, cutoff=0.6) == []  # babel would lose it

    run(empty_project, "init", "es")
    po_path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    translate_all(po_path)
    edit_source(empty_project, "are listed below", "are shown below")
    capsys.readouterr()
    assert run(empty_project, "update") == 0
    assert "1 fuzzy" in capsys.readouterr().out
    entry = polib.pofile(str(po_path)).find(new_unit)
    assert entry.fuzzy and entry.previous_msgid == old_unit
    assert entry.msgstr == "ES: " + old_unit
    assert polib.pofile(str(po_path)).find(old_unit, include_obsolete_entries=True) is None
    assert msgfmt_check(po_path).returncode == 0


def _extracted(project):
    run(project, "extract")
    return project / "locale" / f"{SLUG}.pot"


FLU_LIKE = ["Muscle aches", "Headaches", "Chills", "Fatigue (feeling more tired and weak than usual)",
            "Nausea (feeling like you're going to throw up)", "Vomiting (throwing up)",
            "Diarrhea (loose, watery poop)"]


def test_nested_list_items_are_template_entries_with_their_depth(empty_project):
    """The seven flu-like symptoms, nested under a list item, are each an
    entry of their own, in order, marked as depth 2 at their own line."""
    pot = polib.pofile(str(_extracted(empty_project)))
    order = [e.msgid for e in pot]
    parent = pot.find("Flu-like symptoms, such as:")
    assert parent.comment.startswith("list item, depth 1")
    assert order[order.index(parent.msgid) + 1: order.index(parent.msgid) + 8] == FLU_LIKE
    for line, msgid in enumerate(FLU_LIKE, start=67):
        entry = pot.find(msgid)
        assert entry is not None, msgid
        assert entry.comment.split("\n")[0] == "list item, depth 2", (msgid, entry.comment)
        assert entry.occurrences == [(f"source/{SLUG}.md", str(line))]
        assert entry.comment.replace("\n", " ").endswith("> Symptoms of cytokine release syndrome")


def test_update_reads_the_templates_extract_made_from_unchanged_sources(bundled_project, tmp_path,
                                                                      monkeypatch):
    """A template made by `extract` (or an earlier `update`) from the same
    source, settings and code is read back instead of made again; the
    catalogs come out byte for byte as when every template is made anew,
    and an edited source or a hand-edited template is made again."""
    import pipeline.workflow as workflow
    monkeypatch.delenv("LOCPIPE_CACHE_DIR", raising=False)
    fresh = tmp_path / "fresh"
    shutil.copytree(bundled_project, fresh)
    made = []
    real_template_for = workflow.template_for

    def counting(project, domain):
        made.append(domain)
        return real_template_for(project, domain)
    monkeypatch.setattr(workflow, "template_for", counting)

    def both(*args):
        assert run(bundled_project, *args) in (0, 1)
        monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
        assert run(fresh, *args) in (0, 1)
        monkeypatch.delenv("LOCPIPE_CACHE_DIR")
        assert tree_checksums(bundled_project / "locale") == tree_checksums(fresh / "locale")

    both("extract")
    made.clear()
    both("update")
    assert made.count(SLUG) == 1  # in `fresh` only: the project with the cache read its template

    for project in (bundled_project, fresh):
        source = project / "source" / f"{SLUG}.md"
        source.write_text(source.read_text(encoding="utf-8").replace("### Medicine", "### Medicines"),
                          encoding="utf-8")
    made.clear()
    both("update")
    assert made.count(SLUG) == 2 and "Medicines" in (bundled_project / "locale" / f"{SLUG}.pot").read_text()

    template = bundled_project / "locale" / f"{SLUG}.pot"
    template.write_text(template.read_text(encoding="utf-8").replace('msgid "Medicines"', 'msgid "Medicinas"'),
                        encoding="utf-8")
    made.clear()
    assert run(bundled_project, "update") in (0, 1)
    assert made.count(SLUG) == 1 and tree_checksums(bundled_project / "locale") == tree_checksums(fresh / "locale")


def extracted_doses(project: Path, markdown: str) -> polib.POFile:
    """The template `extract` writes for a project of one source, doses.md."""
    (project / "source").mkdir(parents=True)
    (project / "locale").mkdir()
    (project / "source" / "doses.md").write_text(markdown, encoding="utf-8")
    assert run(project, "extract") == 0
    return polib.pofile(str(project / "locale" / "doses.pot"))


def test_a_note_before_a_list_is_given_once_and_referenced_on_the_other_items(tmp_path):
    project = tmp_path / "notes-project"
    template = extracted_doses(project, "# Doses\n\n<!-- translators: Keep the medicine names in English. -->\n"
                               "- Take acetaminophen for fever.\n- Take ibuprofen for pain.\n  - Not with aspirin.\n\n"
                               "A paragraph after the list.\n")
    comments = {entry.msgid: entry.comment for entry in template}
    assert "Translators: Keep the medicine names in English." in comments["Take acetaminophen for fever."]
    for later in ("Take ibuprofen for pain.", "Not with aspirin."):
        assert "Keep the medicine names" not in comments[later]
        assert 'Translators: see the note on "Take acetaminophen for fever." (source line 4); it' \
               in comments[later].replace("\n", " ")
    assert "Translators" not in comments["A paragraph after the list."]
    assert msgfmt_check(project / "locale" / "doses.pot").returncode == 0


def test_table_cells_carry_their_column_header_and_row_in_the_comment(tmp_path):
    project = tmp_path / "table-project"
    template = extracted_doses(project, "# Doses\n\n| Age | Dose | How often |\n|---|---|---|\n"
                               "| Children under 12 | 5 mL | every 6 hours |\n| Adults | 10 mL | every 4 hours |\n")
    comments = {e.msgid: e.comment.splitlines() for e in template}
    assert comments["10 mL"][:4] == ["table cell", "Section: Doses", "Column: Dose", "Row: Adults"]
    assert comments["every 6 hours"][2:4] == ["Column: How often", "Row: Children under 12"]
    assert comments["Adults"][2:] == ["Column: Age"]  # the row's own first cell
    assert comments["Dose"] == ["table cell", "Section: Doses"]  # a header cell
