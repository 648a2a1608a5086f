"""XLIFF round trips with CAT tools, and translation memory, on real files:
the bundled project copied, XLIFF validated against OASIS's schemas,
catalogs re-read and checked by GNU msgfmt."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run, tree_checksums
from pipeline import inline_codes, memory

DOC = "cytokine-release-syndrome"
DATA = Path(__file__).parent / "data" / "xliff"
LANGUAGES = ["es", "zh_Hans", "ru", "ar", "ht"]


def schema(name: str):
    """An OASIS schema, its import of xml.xsd read from the test data (offline)."""
    etree = pytest.importorskip("lxml.etree")
    document = etree.parse(str(DATA / name))
    for element in document.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if element.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            element.set("schemaLocation", (DATA / "xml.xsd").resolve().as_uri())
    return etree.XMLSchema(document)


def catalogs_checksums(project: Path) -> dict[str, str]:
    return {name: digest for name, digest in tree_checksums(project / "locale").items() if name.endswith(".po")}


def catalog(project: Path, language: str = "es", domain: str = DOC) -> polib.POFile:
    return polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / f"{domain}.po"))


@pytest.mark.parametrize("version,xsd", [("1.2", "xliff-core-1.2-strict.xsd"), ("2.1", "xliff_core_2.1.xsd")])
def test_exported_files_are_valid_xliff_with_inline_codes(bundled_project, tmp_path, version, xsd):
    from lxml import etree
    validator = schema(xsd)
    assert run(bundled_project, "export", "xliff", "--version", version, "-o", str(tmp_path / "x")) == 0
    files = sorted((tmp_path / "x").glob("*.xlf"))
    assert [f.name for f in files] == sorted(f"{domain}.{lang}.xlf" for lang in LANGUAGES for domain in (DOC, "ui"))
    for file in files:
        document = etree.parse(str(file))
        assert validator.validate(document), (file.name, validator.error_log)
    text = (tmp_path / "x" / f"{DOC}.es.xlf").read_text()
    if version == "1.2":
        assert '<g id="1" ctype="bold" equiv-text="**">CAR T cells</g>' in text
        assert '<x id="1" ctype="x-protected" equiv-text="911" />' in text
        assert 'equiv-text="](https://www.mskcc.org/pe/car-t-guide)"' in text
    else:
        assert 'equivStart="**" equivEnd="**"' in text and 'type="link"' in text
        assert 'equiv="212-639-2000"' in text and 'canDelete="no"' in text


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_unchanged_round_trip_changes_no_byte(bundled_project, tmp_path, version):
    assert run(bundled_project, "export", "xliff", "--version", version, "-o", str(tmp_path / "x")) == 0
    before = catalogs_checksums(bundled_project)
    assert run(bundled_project, "import", "xliff", *map(str, sorted((tmp_path / "x").glob("*.xlf")))) == 0
    assert catalogs_checksums(bundled_project) == before


def test_markdown_comes_back_exactly_from_codes():
    for text in ["**Bold** and *it* [a (b)](https://x.org/a_(b)) `code` call 212-639-2000 or 911",
                 "__b__ _i_ \\*not\\* <https://www.mskcc.org> 100.4 °F"]:
        parts = inline_codes.parse_inline(text)
        assert inline_codes.markdown_of(parts) == text
        assert any(isinstance(p, inline_codes.Code) for p in parts)


def _edit_target(path: Path, unit_id: str, new_target: str) -> None:
    text = path.read_text()
    pattern = re.compile(rf'(<trans-unit id="{unit_id}"[^>]*>.*?<target[^>]*>).*?(</target>)', re.S)
    edited, count = pattern.subn(lambda m: m.group(1) + new_target + m.group(2), text)
    assert count == 1
    path.write_text(edited)


def test_cat_edit_with_moved_code_imports(bundled_project, tmp_path):
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source><g id="1" ctype="bold" equiv-text="\*\*">Bispecific',
                     file.read_text()).group(1)
    # the translator moved the bold code onto other words (a CAT tool writes it without attributes)
    rest = ("son anticuerpos creados para ayudar a las células T a encontrar y combatir las células cancerosas. "
            "Los anticuerpos son moléculas que su sistema inmunitario produce cuando detecta en su cuerpo algo que "
            "puede enfermarlo. Los anticuerpos biespecíficos forman un “puente” entre sus células T y las células "
            "cancerosas. Esto ayuda a que sus células T destruyan las células cancerosas. Hable con su proveedor de "
            "cuidados de la salud para obtener más información sobre los anticuerpos biespecíficos y el tipo de "
            "terapia que podría recibir.")
    _edit_target(file, unit, f'Los anticuerpos <g id="1">biespecíficos</g> {rest}')
    assert run(bundled_project, "import", "xliff", str(file)) == 0
    entry = next(e for e in catalog(bundled_project) if e.msgid.startswith("**Bispecific antibodies**"))
    assert entry.msgstr == f"Los anticuerpos **biespecíficos** {rest}"
    assert "fuzzy" not in entry.flags
    assert msgfmt_check(bundled_project / "locale/es/LC_MESSAGES" / f"{DOC}.po").returncode == 0


def test_missing_protected_token_refuses_the_unit(bundled_project, tmp_path, capsys):
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source>If you have a life-threatening', file.read_text()).group(1)
    _edit_target(file, unit, "Si tiene una emergencia, llame al 112.")
    before = catalog(bundled_project).find("If you have a life-threatening emergency, always call 911 "
                                           "or go to the nearest emergency room.").msgstr
    assert run(bundled_project, "import", "xliff", str(file)) == 1
    assert "'911' is missing" in capsys.readouterr().err
    after = catalog(bundled_project).find("If you have a life-threatening emergency, always call 911 "
                                          "or go to the nearest emergency room.").msgstr
    assert after == before


def test_page_strings_go_out_with_placeholders_protected(bundled_project, tmp_path, capsys):
    """ui.po travels too; `%(date)s` is a code a CAT tool protects, and a
    translation that loses it is refused: the page could not be filled in."""
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / "ui.es.xlf"
    text = file.read_text()
    assert '<source>Last updated: <x id="1" ctype="x-protected" equiv-text="%(date)s" /></source>' in text
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source>Last updated:', text).group(1)
    _edit_target(file, unit, "Actualizado el 3 de mayo")
    before = catalog(bundled_project, domain="ui").find("Last updated: %(date)s").msgstr
    assert run(bundled_project, "import", "xliff", str(file)) == 1
    assert "'%(date)s' is missing" in capsys.readouterr().err
    assert catalog(bundled_project, domain="ui").find("Last updated: %(date)s").msgstr == before
    _edit_target(file, unit, 'Actualización: <x id="1"/>')
    assert run(bundled_project, "import", "xliff", str(file)) == 0
    assert catalog(bundled_project, domain="ui").find("Last updated: %(date)s").msgstr == "Actualización: %(date)s"


def test_malformed_xliff_is_refused_with_its_line(bundled_project, tmp_path, capsys):
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    lines = file.read_text().split("\n")
    number = next(i for i, line in enumerate(lines) if "</source>" in line)
    lines[number] = lines[number].replace("</source>", "</sorce>", 1)
    file.write_text("\n".join(lines))
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "import", "xliff", str(file)) == 2
    assert f"{file}:{number + 1}: error: not well-formed XML: mismatched tag" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_changed_english_makes_the_unit_fuzzy_with_previous_msgid(bundled_project, tmp_path):
    run(bundled_project, "update", "-q")
    # the unit is untranslated when exported, translated in the CAT tool while the English changes
    po = catalog(bundled_project)
    old = "If you have a life-threatening emergency, always call 911 or go to the nearest emergency room."
    po.find(old).msgstr = ""
    po.save()
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    text = file.read_text()
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source>If you have a life-threatening', text).group(1)
    text = re.sub(rf'(<trans-unit id="{unit}"[^>]*><source>.*?</source>)',
                  lambda m: m.group(1) + '<target state="translated">Si tiene una emergencia, llame siempre al '
                  '<x id="1"/> o vaya a la sala de emergencias.</target>', text, flags=re.S)
    file.write_text(text)
    md = bundled_project / "source" / f"{DOC}.md"
    md.write_text(md.read_text().replace("always call 911 or go to the nearest", "always call 911 right away or go to the nearest"))
    run(bundled_project, "update", "-q")
    assert run(bundled_project, "import", "xliff", str(file)) == 0
    entry = catalog(bundled_project).find(old.replace("call 911 or", "call 911 right away or"))
    assert entry.msgstr == "Si tiene una emergencia, llame siempre al 911 o vaya a la sala de emergencias."
    assert "fuzzy" in entry.flags and entry.previous_msgid == old
    assert catalog(bundled_project).find(old) is None  # not revived
    assert msgfmt_check(bundled_project / "locale/es/LC_MESSAGES" / f"{DOC}.po").returncode == 0


# -- translation memory ------------------------------------------------------

SECOND = """---
title: Fever After Treatment
language: en
---

# Fever After Treatment

If you have a life-threatening emergency, always call 911 or go to the nearest emergency room.

If you have a life-threatening emergency, call 911 or go to the nearest emergency room.

Drink plenty of water every day.
"""


def test_shared_sentences_arrive_as_fuzzy_suggestions_with_origins(bundled_project, capsys):
    (bundled_project / "source" / "fever-after-treatment.md").write_text(SECOND)
    assert run(bundled_project, "update") == 0
    out = capsys.readouterr().out
    assert re.search(r"fever-after-treatment.po: created: \d+ new, 0 fuzzy, 0 obsolete, 2 filled from memory", out)
    po = catalog(bundled_project, "es", "fever-after-treatment")
    exact = po.find("If you have a life-threatening emergency, always call 911 or go to the nearest emergency room.")
    source = catalog(bundled_project).find(exact.msgid)
    assert exact.msgstr == source.msgstr and "fuzzy" in exact.flags
    assert f"Suggested by translation memory from {DOC}.po (same English)" in exact.tcomment
    close = po.find("If you have a life-threatening emergency, call 911 or go to the nearest emergency room.")
    assert "fuzzy" in close.flags and close.previous_msgid == exact.msgid and close.msgstr == source.msgstr
    assert not any(e.translated() for e in po)  # nothing translated without a human
    for language in LANGUAGES:
        for path in (bundled_project / "locale" / language / "LC_MESSAGES").glob("*.po"):
            assert msgfmt_check(path).returncode == 0, path
    # the origin survives a second update, which changes nothing
    before = catalogs_checksums(bundled_project)
    assert run(bundled_project, "update", "-q") == 0
    assert catalogs_checksums(bundled_project) == before


def test_memory_import_refuses_pairs_with_check_errors(bundled_project, tmp_path, capsys):
    tmx = tmp_path / "vendor.tmx"
    tmx.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence" datatype="plaintext" adminlang="en"
 creationtool="x" creationtoolversion="1" o-tmf="x"/><body>
<tu><tuv xml:lang="en"><seg>Drink plenty of water every day.</seg></tuv>
    <tuv xml:lang="es"><seg>Beba mucha agua todos los días.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Call 212-639-2000 if you have a fever.</seg></tuv>
    <tuv xml:lang="es"><seg>Llame al 212-639-2001 si tiene fiebre.</seg></tuv></tu>
</body></tmx>""")
    assert run(bundled_project, "memory", "import", str(tmx)) == 0
    captured = capsys.readouterr()
    assert "not imported: 'Call 212-639-2000" in captured.err
    stored = memory.read_tmx((bundled_project / "locale/es/memory.tmx").read_bytes(), "memory.tmx")
    assert [(lang, s, t) for lang, s, t, _ in stored] == [
        ("es", "Drink plenty of water every day.", "Beba mucha agua todos los días.")]
    (bundled_project / "source" / "fever-after-treatment.md").write_text(SECOND)
    assert run(bundled_project, "update", "-q") == 0
    entry = catalog(bundled_project, "es", "fever-after-treatment").find("Drink plenty of water every day.")
    assert entry.msgstr == "Beba mucha agua todos los días." and "fuzzy" in entry.flags
    assert "from vendor.tmx" in entry.tcomment
    # exported memory holds the catalogs' finished units and the imported pair
    assert run(bundled_project, "memory", "export", "es", "-o", str(tmp_path / "es.tmx")) == 0
    exported = memory.read_tmx((tmp_path / "es.tmx").read_bytes(), "es.tmx")
    assert ("es", "Drink plenty of water every day.", "Beba mucha agua todos los días.", "vendor.tmx") in exported
    assert len(exported) == len(memory.catalog_pairs(catalog(bundled_project), "x")) + 1


def test_po_compendium_is_memory(bundled_project, tmp_path):
    compendium = tmp_path / "compendium.po"
    compendium.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
                          'msgid "Drink plenty of water every day."\nmsgstr "Beba mucha agua cada día."\n\n'
                          '#, fuzzy\nmsgid "Rest."\nmsgstr "Descanse."\n')
    assert run(bundled_project, "memory", "import", str(compendium)) == 0
    pairs = memory.read_tmx((bundled_project / "locale/es/memory.tmx").read_bytes(), "m")
    assert [(s, t) for _, s, t, _ in pairs] == [("Drink plenty of water every day.", "Beba mucha agua cada día.")]


def test_codes_the_source_lacks_and_failing_checks_are_refused(bundled_project, tmp_path, capsys):
    """A vendor's target that adds a phone number or a link, names a code
    id the source lacks (its equiv-text or native content never becomes
    text), or writes a code twice is refused with file and line; the
    catalog keeps its translation."""
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    text = file.read_text()
    units = dict(re.findall(r'<trans-unit id="(u\d+)"[^>]*><source>(.*?)</source>', text, re.S))
    phone_unit = next(u for u, s in units.items() if 'equiv-text="212-639-2000"' in s)
    plain_unit = next(u for u, s in units.items() if "<" not in s and len(s) > 30)
    edits = {phone_unit: 'Llame al <x id="1"/> o al 212-639-0000.',
             plain_unit: 'Texto <x id="9" ctype="x-protected" equiv-text="555-0100"/> '
                         '[enlace](https://evil.example.com).'}
    for unit, target in edits.items():
        _edit_target(file, unit, target)
    before = catalogs_checksums(bundled_project)
    assert run(bundled_project, "import", "xliff", str(file)) == 1
    err = capsys.readouterr().err
    assert catalogs_checksums(bundled_project) == before
    lines = file.read_text().split("\n")
    for unit in edits:
        number = next(i for i, line in enumerate(lines, 1) if f'<trans-unit id="{unit}"' in line)
        assert f"{file}:{number}: refused:" in err
    assert "<x id='9'> is not a code of the source" in err
    assert "phone" in err and "555-0100" not in catalog(bundled_project).find(units[plain_unit]).msgstr
    # a code written three times, and a native code the source lacks
    _edit_target(file, phone_unit, 'Llame al <x id="1"/> <x id="1"/> <x id="1"/>.')
    _edit_target(file, plain_unit, 'Texto <bpt id="5">&lt;b&gt;</bpt>fuerte<ept id="5">&lt;/b&gt;</ept>.')
    assert run(bundled_project, "import", "xliff", str(file)) == 1
    err = capsys.readouterr().err
    assert "the code id '1' is in the translation 3 times" in err
    assert "<bpt id='5'> is not a code of the source" in err
    assert catalogs_checksums(bundled_project) == before


def test_segmented_unit_with_ignorable_whitespace_imports_whole(bundled_project, tmp_path):
    """XLIFF 2.1: a CAT tool splits a unit into sentence segments with the
    space between them in an <ignorable>; the unit comes back as one
    string, segments and ignorables in order, translated, not fuzzy."""
    english = "If you have a life-threatening emergency, always call 911 or go to the nearest emergency room."
    run(bundled_project, "export", "xliff", "es", "--version", "2.1", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    text = file.read_text()
    unit = next(u for u in re.findall(r"<unit .*?</unit>", text, re.S) if "life-threatening" in u)
    segment = re.search(r"<segment.*</segment>", unit, re.S).group(0)
    source = re.search(r"<source[^>]*>(.*?)</source>", segment, re.S).group(1)
    head, tail = source.split(" or go", 1)
    split = ('<segment state="translated"><source xml:space="preserve">' + head + '</source>'
             '<target xml:space="preserve">Si tiene una emergencia, llame al <ph id="1"/></target></segment>'
             '<ignorable><source> </source><target> </target></ignorable>'
             '<segment state="translated"><source xml:space="preserve">or go' + tail + '</source>'
             '<target xml:space="preserve">o vaya a urgencias.</target></segment>')
    file.write_text(text.replace(segment, split, 1))
    assert run(bundled_project, "import", "xliff", str(file)) == 0
    entry = catalog(bundled_project).find(english)
    assert entry.msgstr == "Si tiene una emergencia, llame al 911 o vaya a urgencias."
    assert "fuzzy" not in entry.flags and entry.previous_msgid is None


def test_page_string_with_a_placeholder_or_percent_the_source_lacks_is_refused(bundled_project, tmp_path, capsys):
    """`%(evil)s` or a bare `%` in a python-format translation would stop
    the page (KeyError, ValueError) and msgfmt --check refuses the catalog:
    import refuses the unit, and compile writes no .mo from such a catalog."""
    run(bundled_project, "export", "xliff", "ru", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / "ui.ru.xlf"
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source>Last updated:', file.read_text()).group(1)
    ui = bundled_project / "locale/ru/LC_MESSAGES/ui.po"
    before = ui.read_bytes()
    for target in ('Обновлено: <x id="1"/> %(evil)s', 'Обновлено: <x id="1"/> 100%'):
        _edit_target(file, unit, target)
        assert run(bundled_project, "import", "xliff", str(file)) == 1
        assert f"{file}:" in capsys.readouterr().err
        assert ui.read_bytes() == before
    # a catalog edited by hand the same way: msgfmt --check refuses it, and so does compile
    text = ui.read_text()
    entry = polib.pofile(str(ui)).find("Last updated: %(date)s")
    assert entry.msgstr and "fuzzy" not in entry.flags
    ui.write_text(text.replace(f'msgstr "{entry.msgstr}"', f'msgstr "{entry.msgstr} 100%"', 1))
    assert msgfmt_check(ui).returncode != 0
    assert run(bundled_project, "compile", "ru") == 2
    err = capsys.readouterr().err
    assert "locale/ru/LC_MESSAGES/ui.po:" in err and "msgfmt --check would refuse" in err
    assert not list((bundled_project / "locale/ru/LC_MESSAGES").glob("*.mo"))


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_carriage_return_survives_and_control_characters_are_refused(bundled_project, tmp_path, capsys, version):
    """A CR goes out as `&#13;` (a raw one would come back as LF), so the
    unchanged round trip keeps the catalog's bytes; a form feed, which XML
    1.0 cannot hold at all, is refused with the catalog's file and line,
    and no file is written."""
    po_file = bundled_project / "locale/es/LC_MESSAGES" / f"{DOC}.po"
    text = po_file.read_text()
    assert 'msgstr "Escalofríos"' in text
    po_file.write_text(text.replace('msgstr "Escalofríos"', 'msgstr "A\\rB Escalofríos"', 1))
    assert run(bundled_project, "update", "es") == 0
    before = po_file.read_bytes()
    assert b'"A\\rB Escalofr' in before
    assert run(bundled_project, "export", "xliff", "es", "--version", version, "-o", str(tmp_path / "x")) == 0
    exported = (tmp_path / "x" / f"{DOC}.es.xlf").read_bytes()
    assert b"\r" not in exported and b"A&#13;B Escalofr" in exported
    assert run(bundled_project, "import", "xliff", str(tmp_path / "x" / f"{DOC}.es.xlf")) == 0
    assert po_file.read_bytes() == before
    po_file.write_text(before.decode().replace('"A\\rB Escalofr', '"\\f Escalofr', 1))
    assert msgfmt_check(po_file).returncode == 0  # gettext accepts it
    lines = po_file.read_text().split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "\\f Escalofr" in line)
    entry_start = max(i for i, line in enumerate(lines[:number], 1) if not line) + 1
    capsys.readouterr()
    assert run(bundled_project, "export", "xliff", "es", "--version", version, "-o", str(tmp_path / "y")) == 2
    err = capsys.readouterr().err
    assert f"locale/es/LC_MESSAGES/{DOC}.po:{entry_start}: error: U+000C" in err
    assert not (tmp_path / "y").exists()


def test_blank_target_is_refused(bundled_project, tmp_path, capsys):
    """A target of spaces (CAT tool padding, a vendor's blank-out) would
    publish an empty list item: refused, the translation kept."""
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source>Fatigue', file.read_text()).group(1)
    _edit_target(file, unit, "   ")
    before = catalogs_checksums(bundled_project)
    assert run(bundled_project, "import", "xliff", str(file)) == 1
    assert "refused: the translation is blank" in capsys.readouterr().err
    assert catalogs_checksums(bundled_project) == before


def test_link_written_as_sc_ec_pair_imports(bundled_project, tmp_path):
    """XLIFF 2.1 tools may write a `<pc>` as the equivalent `<sc/>…<ec/>`
    pair; it is the same source code, rebuilt from the source's Markdown."""
    run(bundled_project, "export", "xliff", "es", "--version", "2.1", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    text = file.read_text()
    link = re.compile(r'<pc id="(\d+)"[^>]*type="link"[^>]*>((?:[^<]|<ph [^>]*/>)*)</pc>')
    unit = next(u for u in re.findall(r"<unit .*?</unit>", text, re.S)
                if link.search(re.search(r"<target[^>]*>(.*?)</target>|$", u, re.S).group(1) or ""))
    target = re.search(r"<target[^>]*>(.*?)</target>", unit, re.S).group(1)
    rewritten = link.sub(lambda m: f'<sc id="{m.group(1)}"/>{m.group(2)}<ec startRef="{m.group(1)}"/>', target, 1)
    assert rewritten != target
    file.write_text(text.replace(unit, unit.replace(target, "Nuevo: " + rewritten), 1))
    english = re.search(r"<source[^>]*>(.*?)</source>", unit, re.S).group(1)
    before = {e.msgid: e.msgstr for e in catalog(bundled_project)}
    assert run(bundled_project, "import", "xliff", str(file)) == 0
    changed = [e for e in catalog(bundled_project) if before.get(e.msgid) != e.msgstr]
    assert len(changed) == 1 and changed[0].msgstr == "Nuevo: " + before[changed[0].msgid]
    assert "fuzzy" not in changed[0].flags and english


def test_translation_of_english_no_longer_in_the_document_is_counted_skipped(bundled_project, tmp_path, capsys):
    """The vendor's translation of a unit removed since export is not
    "kept": the summary counts it skipped, and says where."""
    run(bundled_project, "export", "xliff", "es", "-o", str(tmp_path / "x"))
    file = tmp_path / "x" / f"{DOC}.es.xlf"
    unit = re.search(r'<trans-unit id="(u\d+)"[^>]*><source>Fatigue', file.read_text()).group(1)
    _edit_target(file, unit, "Cansancio")
    md = bundled_project / "source" / f"{DOC}.md"
    text = md.read_text()
    assert "Fatigue (feeling more tired and weak than usual)" in text
    md.write_text(text.replace("Fatigue (feeling more tired and weak than usual)", "Nausea", 1))
    assert run(bundled_project, "update", "-q", "es") == 0
    capsys.readouterr()
    assert run(bundled_project, "import", "xliff", str(file)) == 0
    captured = capsys.readouterr()
    assert "0 kept, 1 skipped (English no longer in the document), 0 refused" in captured.out
    assert f"{file}:" in captured.err and "skipped: its English is no longer in the document" in captured.err
