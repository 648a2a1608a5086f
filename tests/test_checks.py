"""Translation checks on a corpus of deliberately broken translations: each
entry of tests/data/broken/es.po names the one check it must trigger."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polib
import pytest

from conftest import catalog_project, msgfmt_check, run, tree_checksums

BROKEN = Path(__file__).parent / "data" / "broken"


@pytest.fixture
def broken_project(tmp_path) -> Path:
    root = tmp_path / "broken"
    (root / "source").mkdir(parents=True)
    (root / "source" / "doc.md").write_text("# Doc\n", encoding="utf-8")
    target = root / "locale" / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(BROKEN / "es.po", target / "doc.po")
    shutil.copy(BROKEN / "glossary.csv", root / "locale" / "es" / "glossary.csv")
    return root


def findings(project: Path, capsys, *args: str) -> tuple[int, list[dict]]:
    capsys.readouterr()
    status = run(project, "check", "--json", *args)
    return status, json.loads(capsys.readouterr().out)


def expected_findings(path: Path) -> set[tuple[int, str]]:
    """(line, check) of each entry, read from the file itself: an entry
    starts at its `# expect: CHECK[, CHECK]` comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {(number, check) for number, line in enumerate(lines, 1) if line.startswith("# expect: ")
            for check in line.removeprefix("# expect: ").split(", ")}


def test_each_broken_translation_gives_exactly_its_finding(broken_project, capsys):
    status, found = findings(broken_project, capsys)
    assert status == 1
    expected = expected_findings(BROKEN / "es.po")
    assert {(f["line"], f["check"]) for f in found} == expected
    assert len({check for _, check in expected}) == 20  # every check; one may give several messages
    phone = next(f for f in found if f["check"] == "phone-number")
    assert phone["severity"] == "error" and phone["language"] == "es" and phone["document"] == "doc"
    assert phone["path"] == "locale/es/LC_MESSAGES/doc.po"
    assert phone["msgid"].endswith("212-639-2000.") and "212-639-2000" in phone["message"]
    severities = {f["check"]: f["severity"] for f in found}
    assert severities["measure"] == "error" and severities["negation"] == "error"


def test_near_misses_are_caught(broken_project, capsys):
    """A digit added to a phone number, a second number, a look-alike email,
    a foreign address in a link label, link text of a space, and a bidi
    control or a script tag written as character references."""
    shutil.copy(BROKEN / "near-misses.po", broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po")
    status, found = findings(broken_project, capsys)
    assert status == 1
    assert {(f["line"], f["check"]) for f in found} == expected_findings(BROKEN / "near-misses.po")
    messages = {f["message"] for f in found}
    assert {"phone number 212-639-2001 is not in the source", "emergency number 112 is not in the source",
            "address https://evil.example/x is not in the source",
            "address https://evil.example/pe is not in the source", "a link has no text"} <= messages


def test_human_output_lets_an_editor_jump_to_the_entry(broken_project, capsys):
    capsys.readouterr()
    assert run(broken_project, "check") == 1
    lines = capsys.readouterr().out.splitlines()
    entry = next(e for e in polib.pofile(str(BROKEN / "es.po")) if "mcg" in e.msgstr)
    assert (f"locale/es/LC_MESSAGES/doc.po:{entry.linenum}: error: measure: "
            "measure 5 mg is missing or its unit changed") in lines


def test_header_disagreeing_with_folder_and_cldr(broken_project, capsys):
    shutil.copy(BROKEN / "header.po", broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po")
    status, found = findings(broken_project, capsys)
    assert status == 1
    assert {f["check"] for f in found} == {"header-language", "header-plural-forms"}
    assert all(f["line"] == 1 for f in found)


GNU_ES = "nplurals=2; plural=(n != 1);"  # msginit, Poedit, Weblate
CLDR_46_ES = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"  # babel 2.19
GNU_AR = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
CLDR_OLD_AR = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
               "n%100>=0 && n%100<=2 ? 4 : 5);")
CLDR_46_AR = ("nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : "
              "n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);")


def catalog_with_rule(project: Path, language: str, plural_forms: str, plural_entry: bool) -> Path:
    folder = project / "locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    po = polib.POFile()
    po.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": plural_forms}
    if plural_entry:
        match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
        nplurals = int(match.group(1)) if match else 2
        po.append(polib.POEntry(msgid="%(n)s day", msgid_plural="%(n)s days",
                                msgstr_plural={i: "%(n)s x" for i in range(nplurals)}))
    path = folder / "doc.po"
    po.save(str(path))
    return path


@pytest.mark.parametrize("language, plural_forms, accepted", [
    # GNU gettext's rule and CLDR's, old and new: the same groups below a million, other indexes or counts
    ("es", GNU_ES, True),
    ("es", "nplurals=2; plural=n != 1", True),  # no trailing semicolon, as GNOME's catalogs
    ("es", CLDR_46_ES, True),  # only adds a form for exact millions
    ("fr", "nplurals=2; plural=(n > 1);", True),
    ("fr", "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;", True),
    ("ar", GNU_AR, True),
    ("ar", CLDR_OLD_AR, True),
    ("ar", CLDR_46_AR, True),
    ("ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", True),
    ("ru", "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && "
           "(n % 100 < 12 || n % 100 > 14) ? 1 : 2;", True),
    ("zh_Hans", "nplurals=1; plural=0;", True),
    ("es", "nplurals=2; plural=(n > 1);", False),  # French's rule: 0 takes the singular
    ("fr", GNU_ES, False),
    ("es", "nplurals=3; plural=(n != 1);", True),  # a form to spare is harmless
    ("es", "nplurals=1; plural=(n != 1);", False),  # form 1 does not exist
    ("ar", GNU_ES, False),
    ("ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%10>=3 && n%10<=9 ? 3 : n%100>=11 ? 4 : 5);", False),
    ("ru", "nplurals=3; plural=(n%10==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);", False),  # 11 is not singular
    ("ar", "nplurals=6; plural=n +* 2;", False),
    ("es", "", False),
    # wrong only where a sample of 0-1200 would not look
    ("es", "nplurals=2; plural=(n != 1 && n != 5000);", False),
    ("es", "nplurals=2; plural=(n != 1 && n != 100000);", False),
    ("es", "nplurals=2; plural=(n != 1 && !(n > 1300 && n < 9000));", False),
    ("es", "nplurals=2; plural=(n != 1) + 0/(n - 5000);", False),  # fails at 5000
    # msgfmt refuses spaces around = (and libintl would fall back to n != 1)
    ("ru", "nplurals = 3; plural = (n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);", False),
])
@pytest.mark.parametrize("plural_entry", [True, False])
def test_plural_rules_are_compared_by_how_they_group_numbers(broken_project, capsys, language, plural_forms,
                                                           accepted, plural_entry):
    """A rule is right when it groups the numbers below a million as GNU
    gettext's or CLDR's rule does; a wrong one is an error only in a catalog
    that has plural entries, which it would break, and a warning otherwise."""
    path = catalog_with_rule(broken_project, language, plural_forms, plural_entry)
    status, found = findings(broken_project, capsys, language)
    if accepted:
        assert (status, found) == (0, [])
        if plural_entry:  # and GNU gettext accepts the catalog too
            assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
        return
    severity = "error" if plural_entry else "warning"
    assert [(f["check"], f["severity"], f["line"]) for f in found] == [("header-plural-forms", severity, 1)]
    assert status == (1 if plural_entry else 0)
    assert repr(plural_forms) in found[0]["message"]


def test_warnings_fail_only_with_strict(broken_project, capsys):
    path = broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    po = polib.pofile(str(path))
    for entry in list(po):
        if entry.tcomment != "expect: double-space":
            po.remove(entry)
    po.save()
    status, found = findings(broken_project, capsys)
    assert status == 0 and [f["check"] for f in found] == ["double-space"]
    assert run(broken_project, "check", "--strict") == 1


def test_fixed_translations_are_accepted(broken_project, capsys):
    path = broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    po = polib.pofile(str(path))
    fixes = {
        "phone-number": "Si no está seguro, llame al 212-639-2000.",
        "number": "Una fiebre de 100,4 o más es grave.",
        "measure": "Tome 5 mg del medicamento cada día.",
        "negation": "No tome ningún medicamento sin hablar con su equipo de atención.",
    }
    for entry in po:
        check = entry.tcomment.removeprefix("expect: ")
        if check in fixes:
            entry.msgstr = fixes[check]
    po.save()
    _, found = findings(broken_project, capsys)
    assert not {f["check"] for f in found} & set(fixes)


def test_times_may_follow_local_conventions(broken_project, capsys):
    path = broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    po = polib.POFile()
    po.metadata = {"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    po.append(polib.POEntry(msgid="We answer from 9 a.m. to 5 p.m., 7 days a week.",
                            msgstr="Respondemos de 9:00 a 17:00, los 7 días de la semana."))
    po.append(polib.POEntry(msgid="We answer from 9 a.m. to 5 p.m. every day.",
                            msgstr="Respondemos de 9:00 a 18:00 todos los días."))
    po.save(str(path))
    _, found = findings(broken_project, capsys)
    assert [(f["check"], f["message"]) for f in found] == [("number", "time 5 (17:00) is missing"),
                                                           ("number", "number 18:00 is not in the source")]


def test_unreadable_catalog_exits_2(broken_project, capsys):
    path = broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    path.write_bytes(path.read_bytes().replace(b'msgstr "No."', b'msgstr "No.'))
    before = tree_checksums(broken_project)
    assert run(broken_project, "check") == 2
    assert "end-of-line within string" in capsys.readouterr().err
    assert tree_checksums(broken_project) == before


def test_update_adds_glossary_terms_to_translator_comments(broken_project):
    (broken_project / "source" / "doc.md").write_text(
        "# Doc\n\nCall your team about cytokine release syndrome.\n", encoding="utf-8")
    assert run(broken_project, "update") == 0
    po = polib.pofile(str(broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po"))
    entry = po.find("Call your team about cytokine release syndrome.")
    assert "Glossary: cytokine release syndrome = síndrome de liberación de citocinas" in entry.comment
    snapshot = tree_checksums(broken_project)
    assert run(broken_project, "update") == 0
    assert tree_checksums(broken_project) == snapshot


def test_bundled_translations_have_no_errors(bundled_project, capsys):
    status, found = findings(bundled_project, capsys)  # how long it takes: tests/benchmarks/warm.py
    errors = [f for f in found if f["severity"] == "error"]
    assert errors == [], errors[:5]
    assert status == 0


def write_catalog_of(project: Path, pairs: list[tuple[str, str]]) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(project / "locale" / "es" / "LC_MESSAGES" / "doc.po"))


SOURCES_WITH_REFERENCES = [
    "Step &#35;1: rest.", "Take &#42;all&#42; of it.", "Dose &#x31;: 5 mg.", "Salt &amp; water.",
    "Less than 100 &lt; more.", "Zero&#8203;width space.", "Take &#49;0 mg now.", "Take &#x31;0&nbsp;mg.",
    "Call &#57;11 now.", "Call 212-639-200&#48;.", "Write to help&#64;example.org.", "&#0;", "&#10;",
    "A text-less link: [](https://example.org/a).", "&#x202E;", "&lt;b&gt;bold&lt;/b&gt;",
    "٣ tablets.", "Take 5 p.m. &#35;2 dose.",
]


def test_a_copy_of_its_source_gets_no_error_but_untranslated_copy(broken_project, capsys):
    """The checks read character references the same way in the source and
    in the translation: a source's own copy changes no number."""
    write_catalog_of(broken_project, [(text, text) for text in SOURCES_WITH_REFERENCES])
    _, found = findings(broken_project, capsys)
    errors = [(f["msgid"], f["check"], f["message"]) for f in found
              if f["severity"] == "error" and f["msgid"] and f["check"] != "untranslated-copy"]
    assert errors == []


def test_a_number_written_as_a_reference_must_still_be_kept(broken_project, capsys):
    write_catalog_of(broken_project, [("Take &#49;0 mg now.", "Tome 20 mg ahora."),
                                      ("Take &#49;0 mg now, please.", "Tome 10 mg ahora, por favor."),
                                      ("Call &#57;11 now.", "Llame al 912 ahora."),
                                      ("See [the guide](https://example.org/a).", "Vea [](https://example.org/a).")])
    _, found = findings(broken_project, capsys)
    entries = {(f["msgid"], f["check"], f["message"]) for f in found if f["msgid"]}
    assert {("Take &#49;0 mg now.", "number", "number 10 is missing or changed"),
            ("Take &#49;0 mg now.", "measure", "measure 10 mg is missing or its unit changed"),
            ("Call &#57;11 now.", "emergency-number", "emergency number 911 is missing or changed"),
            ("See [the guide](https://example.org/a).", "markup", "a link has no text")} <= entries
    assert not any(msgid == "Take &#49;0 mg now, please." for msgid, _, _ in entries)


def test_protected_tokens_changed_in_ways_a_reader_cannot_see_are_errors(broken_project, capsys):
    """Invisible characters in or beside a number, numbers of another
    country, a vanity number's letters, an extension, an added dose, number
    or domain name: each entry gets exactly the checks it names."""
    shutil.copy(BROKEN / "tokens.po", broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po")
    status, found = findings(broken_project, capsys)
    assert status == 1
    errors = {(f["line"], f["check"]) for f in found if f["severity"] == "error"}
    assert errors == expected_findings(BROKEN / "tokens.po")
    messages = {f["message"] for f in found}
    assert {"invisible character U+200B zero width space inside or beside 20001",
            "invisible character U+061C arabic letter mark inside or beside 212-639-2000",
            "phone number +44 20 7946 0958 is not in the source",
            "phone number 1-800-4-CANCEL is not in the source",
            "number 2 is not in the source",
            "address mskcc-help.com is not in the source",
            "address www.mskcc.org.help.com is not in the source",
            'invisible character U+2060 word joiner inside "cuidados" (character 22): the page shows the word '
            'whole, but text-to-speech, search and copying get it broken'} <= messages


def test_protected_tokens_written_the_local_way_are_accepted(broken_project, capsys):
    """The same number regrouped as its country groups it, in Arabic-Indic
    or full-width digits; 24-hour times, decimal commas, digit groups, a
    number the source writes as a word, an email address between Chinese
    words: no error from the checks of protected tokens. (Some entries are
    written in Arabic or Chinese in this Spanish catalog, for their digits:
    the meaning checks, which read Spanish words, are not asked.)"""
    from pipeline.checks.meaning import MEANING_CHECKS
    meaning = {check.id for check in MEANING_CHECKS}
    shutil.copy(BROKEN / "tokens-accepted.po", broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po")
    _, found = findings(broken_project, capsys)
    assert [(f["line"], f["check"], f["message"]) for f in found
            if f["severity"] == "error" and f["check"] not in meaning] == []


DRIVE = "Do not drive after you take this medicine."


@pytest.mark.parametrize("language, source, target, expected", [
    # not the language's: a zero-width space, a soft hyphen, a non-joiner or a direction mark in a word
    ("es", DRIVE, "N\u200bo maneje después de tomar este medicamento.",
     'U+200B zero width space inside "No" (character 2)'),
    ("fr", DRIVE, "Ne conduisez p\u00adas après avoir pris ce médicament.",
     'U+00AD soft hyphen inside "pas" (character 15)'),
    ("ru", DRIVE, "Н\u200cе садитесь за руль после приема этого лекарства.",
     'U+200C zero width non-joiner inside "Не" (character 2)'),
    ("vi", DRIVE, "\u2060Không lái xe sau khi dùng thuốc này.", 'U+2060 word joiner before "Không" (character 1)'),
    ("zh_Hans", DRIVE, "服用本药后请\u200e勿驾车。",
     'U+200E left-to-right mark between "请" and "勿" (character 7)'),
    ("hi", DRIVE, "यह दवा लेने के बाद गाड़ी न\ufeff चलाएं।", 'U+FEFF zero width no-break space after "न"'),
    ("ar", DRIVE, "لا ت\u200fقد السيارة بعد تناول هذا الدواء.",
     'U+200F right-to-left mark inside "تقد" (character 5)'),
    # the writing system's own: Persian and Hindi joiners, an emoji sequence, Arabic direction marks, Thai word breaks
    ("fa", DRIVE, "پس از مصرف این دارو رانندگی نکنید؛ می\u200cتوانید با نیمه\u200cشب صبر کنید.", None),
    ("hi", DRIVE, "यह दवा लेने के बाद गाड़ी न चलाएं। क्\u200dष क्\u200cष", None),
    ("es", DRIVE, "No maneje después de tomar este medicamento \U0001f468\u200d\u2695\ufe0f.", None),
    ("ar", DRIVE, "لا تقد السيارة بعد تناول هذا الدواء\u200f (مهم)\u200f.", None),
    ("th", DRIVE, "ห้ามขับรถ\u200bหลังจากรับประทานยานี้", None),
    # the source has it too
    ("es", "Do not drive\u00ad after you take this medicine.", "No ma\u00adneje después de tomar este medicamento.",
     None),
])
def test_invisible_characters_in_words_are_errors_unless_the_script_writes_them(tmp_path, capsys, language, source,
                                                                               target, expected):
    """An invisible character in a word, which the meaning checks read
    through but a screen reader, a search and a copy do not, is an error
    naming it and where it is; the joiners of Persian and Indic words, emoji
    sequences, direction marks in right-to-left text and Thai word breaks
    are how those texts are written."""
    root = catalog_project(tmp_path / "project", language, [(source, target)])
    assert msgfmt_check(root / "locale" / language / "LC_MESSAGES" / "doc.po").returncode == 0
    _, found = findings(root, capsys)
    messages = [f["message"] for f in found if f["check"] == "invisible-character"]
    if expected:
        assert len(messages) == 1 and f"invisible character {expected}" in messages[0], messages
        assert next(f for f in found if f["check"] == "invisible-character")["severity"] == "error"
    else:
        assert messages == []


def test_a_domain_the_settings_allow_may_be_added():
    from pipeline.checks.base import TranslationContext
    from pipeline.checks.safety import changed_links
    source = "For more resources, visit [www.mskcc.org/pe](https://www.mskcc.org/pe)."
    target = "Para más recursos, visite [www.mskcc.org/pe](https://www.mskcc.org/pe) o mskcc.org/es."
    assert list(changed_links(source, target, TranslationContext("es"))) == [
        "address mskcc.org/es is not in the source"]
    assert list(changed_links(source, target, TranslationContext("es", allowed_targets=("mskcc.org/es",)))) == []


_FAST = "Symptoms can get worse very fast once they start."


@pytest.mark.parametrize("language, source, target, expected", [
    ("es", _FAST, "Los síntomas pueden empeorar muy rápido (x10) una vez que comienzan.",
     ["number 10 is not in the source (written x10)"]),
    ("es", _FAST, "Los síntomas pueden empeorar muy rápido una vez que comienzan, en X3 horas.",
     ["number 3 is not in the source (written X3)"]),
    ("es", _FAST, "Los síntomas pueden empeorar muy rápido una vez que comienzan: n5.",
     ["number 5 is not in the source (written n5)"]),
    ("es", _FAST, "Los síntomas pueden empeorar muy rápido una vez que comienzan (tome B12).",
     ["number 12 is not in the source (written B12)"]),
    ("es", "Take vitamin B12 every day.", "Tome vitamina B6 todos los días.",
     ["number 12 is missing or changed", "number 6 is not in the source (written B6)"]),
    # the source's names, glued or apart, in the translation's writing
    ("es", "Take vitamin B12 every day.", "Tome vitamina B12 todos los días.", []),
    ("ru", "Take vitamin B12 every day.", "Принимайте витамин В12 каждый день.", []),  # Cyrillic В
    ("zh_Hans", "Take vitamin B12 every day.", "每天服用维生素B12。", []),
    ("es", "You may get a COVID-19 vaccine.", "Puede recibir una vacuna contra el COVID19.", []),
    ("es", "Your CAR T cells come from your blood.", "Sus células CAR T provienen de su sangre.", []),
    ("es", "Do not use the Model A123 pump.", "No use la bomba modelo A123.", []),
    ("es", "Take 1,000 IU of vitamin D each day.", "Tome 1,000 UI de vitamina D3 cada día.", []),  # made precise
    ("es", "Get an X-ray.", "Hágase una radiografía en X3 horas.", ["number 3 is not in the source (written X3)"]),
    ("fr", "Your appointment is at 8:30 p.m.", "Votre rendez-vous est à 20h30.", []),
])
def test_a_number_glued_to_letters_is_a_number(tmp_path, capsys, language, source, target, expected):
    """"x10", "X3 horas", "B12": a letter before a number hides it from the
    number reading; compared with the source's, glued or written apart."""
    root = catalog_project(tmp_path / "project", language, [(source, target)])
    _, found = findings(root, capsys)
    assert sorted(f["message"] for f in found if f["check"] == "number") == sorted(expected)


def test_every_digit_form_of_unicode_is_a_number_and_no_decimal_digit_is():
    """Each character Python reads as a digit but not as a decimal digit
    (superscripts, subscripts, circled digits, Ethiopic and Kharoshthi
    numerals) is a number the source does not write; the decimal digits of
    every script are the number check's own (it reads them with \\d)."""
    import sys
    from pipeline.checks.digit_signs import digit_forms

    characters = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdigit()]
    forms = [c for c in characters if not c.isdecimal()]
    assert len(forms) >= 128
    for character in characters:
        said = list(digit_forms("Wait 2 hours.", f"Espere 2 horas {character}."))
        assert len(said) == (0 if character.isdecimal() else 1), (hex(ord(character)), said)
    assert list(digit_forms("Use ² and ③.", "Use ² y ③.")) == []  # the source's own forms


_VISIT = "For more resources, visit [www.mskcc.org/pe](https://www.mskcc.org/pe) to search our virtual library."


@pytest.mark.parametrize("source, target, expected", [
    (_VISIT, 'Visite [www.mskcc.org/pe](https://www.mskcc.org/pe "Llame al 212-555-0199 o al 112").',
     "a link title the source does not have: 'Llame al 212-555-0199 o al 112'"),
    (_VISIT, 'Visite [www.mskcc.org/pe](https://www.mskcc.org/pe "No llame al 911; espere 3 días").',
     "a link title the source does not have: 'No llame al 911; espere 3 días'"),
    (_VISIT, "Visite [www.mskcc.org/pe](https://www.mskcc.org/pe (Llame al 212-555-0199)).",
     "a link title the source does not have: 'Llame al 212-555-0199'"),
    (_VISIT, "Visite [www.mskcc.org/pe](https://www.mskcc.org/pe 'https://evil.example.com').",
     "a link title the source does not have: 'https://evil.example.com'"),
    ('See [our site](https://www.mskcc.org "Call 212-639-2000")',
     'Vea [nuestro sitio](https://www.mskcc.org "Llame al 212-639-2001")',
     "the numbers of the titles: 2000 212 639 in the source, 2001 212 639 in the translation"),
    ('See [our site](https://www.mskcc.org "Call 212-639-2000")',
     'Vea [nuestro sitio](https://www.mskcc.org "Llame al 212-639-2000")', None),
    (_VISIT, "Para más recursos, visite [www.mskcc.org/pe](https://www.mskcc.org/pe) y busque en nuestra "
     "biblioteca virtual.", None),
])
def test_a_link_title_the_source_lacks_is_an_error(tmp_path, capsys, source, target, expected):
    """A title is shown as a tooltip and read by screen readers, and the
    prose checks do not read it: one the source's link lacks is refused, and
    a translated title keeps the numbers of the source's."""
    root = catalog_project(tmp_path / "project", "es", [(source, target)])
    status, found = findings(root, capsys)
    messages = [f["message"] for f in found if f["check"] == "markup" and f["severity"] == "error"]
    assert messages == ([expected] if expected else []) and status == (1 if expected else 0)


def test_an_allowed_localized_target_may_stand_in_the_place_of_the_sources():
    from pipeline.checks.base import TranslationContext
    from pipeline.checks.safety import changed_links
    source = "See [Sleep Disorders](/about-cancer/sleep-disorders-pdq)."
    target = "Consulte [Trastornos del sueño](/espanol/cancer/trastornos-del-sueno-pdq)."
    assert list(changed_links(source, target, TranslationContext("es"))) == [
        "link target /about-cancer/sleep-disorders-pdq is missing or changed",
        "link target /espanol/cancer/trastornos-del-sueno-pdq is not in the source"]
    allowed = TranslationContext("es", allowed_targets=("/espanol/cancer/trastornos-del-sueno-pdq",))
    assert list(changed_links(source, target, allowed)) == []
    # one allowed target stands for one of the source's, not for two
    two = "See [one](/a) and [two](/b)."
    assert list(changed_links(two, "Vea [uno](/espanol/cancer/trastornos-del-sueno-pdq) y dos.", allowed)) == [
        "link target /b is missing or changed"]


@pytest.mark.parametrize("check, source, target, expected", [
    # a range whose first number leaves its unit to the second
    ("measure", "About 15% to 25% of patients", "Cerca de 15 a 25% de los pacientes", []),
    ("measure", "Take 2 mg to 4 mg.", "Tome 2-4 mg.", []),
    ("measure", "Take 2 mg to 4 mg.", "Tome 2-4 mcg.", ["measure 2 mg is missing or its unit changed",
                                                       "measure 4 mg is missing or its unit changed"]),
    ("measure", "About 15% of patients", "Cerca de 15 pacientes", ["measure 15 % is missing or its unit changed"]),
    # "25% of" in a leaflet is a percent sign, not the directive "% o"
    ("placeholder", "About 15% to 25% of patients", "Cerca de 15 a 25% de los pacientes", []),
    ("placeholder", "Reviewed %(date)s", "Revisado", ["placeholder %(date)s is missing"]),
    # a citation's identifier is not a number a reader acts on
    ("number", "Accessed 05/01/2024. [PMID: 26389259]", "Consultado el 05/01/2024.", []),
    # a date's numbers are the date check's: the year changed, the day and month in the reader's order
    ("date", "Accessed 05/01/2024.", "Consultado el 01/05/2025.",
     ['the source says May 1, 2024 ("05/01/2024", month first); the translation says May 1, 2025 '
      '("01/05/2025", read day first in es)']),
    # italics over a name both texts write alike are typography, over a translated word emphasis
    ("markup", "Ginseng is an herb.", "El *ginseng* es una hierba.", []),
    ("markup", "Do not take it.", "*No* lo tome.", ["italic markup: 0 in the source, 1 in the translation"]),
    ("markup", "Take *Ginkgo biloba* with food.", "Tome Ginkgo biloba con alimentos.", []),
])
def test_professional_conventions_are_not_errors_and_changes_are(check, source, target, expected):
    from pipeline.checks import CHECKS
    from pipeline.checks.base import TranslationContext
    function = next(c.function for c in CHECKS if c.id == check)
    assert list(function(source, target, TranslationContext("es"))) == expected


def test_check_filters_by_severity_check_and_document(broken_project, capsys):
    _, everything = findings(broken_project, capsys)
    status, errors = findings(broken_project, capsys, "--severity", "error")
    assert status == 1 and errors and {f["severity"] for f in errors} == {"error"}
    assert len(errors) == sum(f["severity"] == "error" for f in everything) < len(everything)
    status, negation = findings(broken_project, capsys, "--check", "negation", "--check", "phone-number")
    assert status == 1 and {f["check"] for f in negation} == {"negation", "phone-number"}
    status, none = findings(broken_project, capsys, "--check", "double-space", "--document", "doc")
    assert status == 0 and [f["check"] for f in none] == ["double-space"]


def test_a_misspelt_check_or_document_is_an_error_not_an_empty_list(broken_project, capsys):
    capsys.readouterr()
    assert run(broken_project, "check", "--check", "negaton") == 2
    assert "no check named 'negaton'; did you mean 'negation'?" in capsys.readouterr().err
    assert run(broken_project, "check", "--document", "dco") == 2
    assert "no document named 'dco'; did you mean 'doc'?" in capsys.readouterr().err


def test_untranslated_entries_are_one_line_per_catalog_unless_verbose(bundled_project, capsys):
    assert run(bundled_project, "init", "fr") == 0
    capsys.readouterr()
    run(bundled_project, "check", "fr", "--document", "cytokine-release-syndrome")
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1 and re.search(r"\.po:\d+: warning: untranslated: (\d+) entries not translated yet", lines[0])
    count = int(re.search(r"untranslated: (\d+) entries", lines[0]).group(1))
    assert err.strip() == f"0 errors, {count} warnings"
    run(bundled_project, "check", "fr", "--document", "cytokine-release-syndrome", "--verbose")
    verbose = capsys.readouterr().out.splitlines()
    assert len(verbose) == count > 50 and all(line.endswith("untranslated: not translated yet") for line in verbose)


def test_a_check_that_fails_refuses_its_entry_and_the_others_are_still_checked(broken_project, capsys,
                                                                                monkeypatch):
    """A bug in one check's code on one translation must neither stop the
    command (every other entry and language unchecked) nor let that entry
    through: the entry gets a `check-failed` error naming the check."""
    from pipeline import checks

    food = next(check for check in checks.TEXT_CHECKS if check.id == "food")

    def broken(source, target, context):
        if "leche" in target:
            raise KeyError("alcohol")
        return food.function(source, target, context)

    monkeypatch.setattr(checks, "TEXT_CHECKS",
                        [checks.replace(c, function=broken) if c is food else c for c in checks.TEXT_CHECKS])
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")  # nothing remembered of the broken check
    write_catalog_of(broken_project, [("Take it with milk.", "Tómelo con leche."),
                                      ("Call 911.", "Llame al 912.")])
    status, found = findings(broken_project, capsys)
    assert status == 1
    failed = [f for f in found if f["check"] == "check-failed"]
    assert len(failed) == 1 and failed[0]["severity"] == "error" and failed[0]["msgid"] == "Take it with milk."
    assert "food check failed" in failed[0]["message"] and "KeyError" in failed[0]["message"]
    assert any(f["check"] == "emergency-number" and f["msgid"] == "Call 911." for f in found)

    def broken_entry_check(entry, context):
        raise ValueError("broken")

    monkeypatch.setattr(checks, "ENTRY_CHECKS", [checks.replace(checks.ENTRY_CHECKS[0], function=broken_entry_check)])
    status, found = findings(broken_project, capsys)
    failed = [f for f in found if f["check"] == "check-failed"]
    assert status == 1 and {f["msgid"] for f in failed} == {"Take it with milk.", "Call 911."}
    assert all("ValueError" in f["message"] or "KeyError" in f["message"] for f in failed)


def test_alcohol_beside_a_food_condition_is_read_not_crashed_on(broken_project, capsys):
    """"No coma comidas pesadas ni beba alcohol" for "Do not eat or drink
    anything" once stopped the food check with a KeyError."""
    write_catalog_of(broken_project, [(
        "Do not eat or drink anything after midnight the night before your procedure.",
        "No coma comidas pesadas ni beba alcohol después de la medianoche de la noche anterior a su procedimiento.")])
    status, found = findings(broken_project, capsys)
    assert status == 1
    assert not [f for f in found if f["check"] == "check-failed"]
    assert any(f["check"] == "food" and f["severity"] == "error" for f in found)


CALL = "If you're not sure how to reach your healthcare provider, call 212-639-2000."
EMERGENCY = "If you have a life-threatening emergency, always call 911 or go to the nearest emergency room."
EXTENSION = "To reach the clinic, call +44 20 7946 0958 ext. 12."
SPANISH = {CALL: "Si no sabe cómo comunicarse con su proveedor, llame al {}.",
           EMERGENCY: "Si tiene una emergencia que pone en riesgo su vida, llame siempre al {} o vaya a la sala de "
                      "emergencias más cercana.",
           EXTENSION: "Para comunicarse con la clínica, llame al {}."}
DIALLED_CASES = [  # (source, as the translation writes the number, the errors of the dialling checks)
    (CALL, "212-639-2000 1", {("phone-number", "phone number 212-639-2000 1 is not in the source")}),
    (CALL, "212-639-2000 x5", {("phone-number", "phone number 212-639-2000 x5 is not in the source")}),
    (CALL, "212-639-2000,5", {("phone-number", "phone number 212-639-2000,5 is not in the source")}),
    (CALL, "212-639-2000&nbsp;1", {("phone-number", "phone number 212-639-2000 1 is not in the source")}),
    (CALL, "212-639-2000\\\n1", {("phone-number", "phone number 212-639-2000 1 is not in the source")}),
    (CALL, "212-639-2000\r1", {("phone-number", "phone number 212-639-2000 1 is not in the source")}),
    (CALL, "212-639-2000\u30001", {("phone-number", "phone number 212-639-2000 1 is not in the source")}),
    (CALL, "212-639-2000\u16801", {("phone-number", "phone number 212-639-2000 1 is not in the source")}),
    (CALL, "212-639-2000^1^", {("phone-number", "phone number 212-639-2000^1 is not in the source")}),
    (CALL, "212-639-2000 p9", {("phone-number", "phone number 212-639-2000 p9 is not in the source")}),
    (CALL, "212-639-2000 w5", {("phone-number", "phone number 212-639-2000 w5 is not in the source")}),
    (CALL, "212-639-2000,,9", {("phone-number", "phone number 212-639-2000,,9 is not in the source")}),
    (EMERGENCY, "911,000", {("emergency-number", "emergency number 911 is missing or changed"),
                            ("number", "number 911000 is not in the source")}),
    (EMERGENCY, "911,1", {("emergency-number", "emergency number 911 is missing or changed"),
                          ("number", "number 911.1 is not in the source")}),
    (EMERGENCY, "911 x1", {("emergency-number", "emergency number 911 is missing or changed"),
                           ("emergency-number", "emergency number 911 x1 is not in the source")}),
    (EMERGENCY, "911 p1", {("emergency-number", "emergency number 911 is missing or changed"),
                           ("emergency-number", "emergency number 911 p1 is not in the source")}),
    (EXTENSION, "+44 20 7946 0958 x21", {
        ("phone-number", "phone number +44 20 7946 0958 ext. 12 is missing or changed"),
        ("phone-number", "phone number +44 20 7946 0958 x21 is not in the source"),
        ("number", "number 12 is missing or changed")}),
    (EXTENSION, "+44 20 7946 0958", {("phone-number", "phone number +44 20 7946 0958 ext. 12 is missing or changed"),
                                     ("number", "number 12 is missing or changed")}),
    # the same number and the same extension, written another way
    *[(EXTENSION, f"+44 20 7946 0958{extension}", set())
      for extension in (" x12", "x12", " ext 12", " ext. 12", ", extensión 12", " 内线 12", " доб. 12")],
    *[(CALL, f"212{dash}639{dash}2000", set())
      for dash in ("\u2011", "\u2010", "&hyphen;", "\u2013", "\u2212", "\uff0d")],
    *[(EMERGENCY, number, set())
      for number in ("9\u20111\u20111", "\u0669\u0661\u0661", "\u06f9\u06f1\u06f1", "\uff19\uff11\uff11")],
]


def test_what_a_reader_would_dial_after_a_phone_or_911_is_compared(broken_project, capsys):
    """A digit, an extension or a dial pause added after the source's phone
    number or 911 is a changed number; a decimal or thousands part makes 911
    another number; the source's extension written "x12", "ext 12", "доб. 12"
    is the same extension; dashes and digits of other scripts dial the same."""
    po = polib.POFile()
    po.metadata = {"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for index, (source, written, _) in enumerate(DIALLED_CASES):
        po.append(polib.POEntry(msgctxt=f"case {index}", msgid=source, msgstr=SPANISH[source].format(written)))
    po.save(str(broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po"))
    status, found = findings(broken_project, capsys, "--check", "phone-number", "--check", "emergency-number",
                             "--check", "number")
    assert status == 1
    lines = {entry.linenum: index for index, entry in enumerate(polib.pofile(
        str(broken_project / "locale" / "es" / "LC_MESSAGES" / "doc.po")))}
    by_case: dict[int, set] = {index: set() for index in range(len(DIALLED_CASES))}
    for finding in found:
        by_case[lines[finding["line"]]].add((finding["check"], finding["message"]))
    assert by_case == {index: expected for index, (_, _, expected) in enumerate(DIALLED_CASES)}
