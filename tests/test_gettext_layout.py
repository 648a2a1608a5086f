"""Catalogs and templates in GNU gettext's layout, judged by real `msgcat`:
every file locpipe writes is the file `msgcat` would write (`msgcat FILE |
cmp - FILE`), so a catalog saved by msgmerge, Poedit or Weblate and merged
by `update` changes only where its content changed."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import msgfmt_check, run
from pipeline.po import catalog_bytes, layout, parse_catalog

DOC = "cytokine-release-syndrome"


def msgcat(path: Path) -> bytes:
    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext's msgcat is not installed (Debian package gettext)")
    done = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    return done.stdout


def catalog_files(project: Path) -> list[Path]:
    return sorted(p for p in (project / "locale").rglob("*") if p.suffix in (".po", ".pot"))


def assert_gettext_layout(project: Path) -> None:
    files = catalog_files(project)
    assert files
    for path in files:
        assert msgcat(path) == path.read_bytes(), path.relative_to(project)


# Strings whose layout depends on where gettext breaks a line: long words and
# links that overflow, escapes and line ends, East Asian wide characters,
# Arabic, Devanagari vowel signs (one column each for gettext), combining
# marks, non-breaking spaces, python-format directives.
HARD_TEXTS = [
    "Call 212-639-2000 or see https://www.mskcc.org/cancer-care/patient-education/about-cytokine-release-syndrome-and-neurotoxicity for more.",
    "Supercalifragilisticexpialidocious" * 3 + " word",
    "A line\nthen another line that is long enough to be wrapped by gettext at seventy-nine columns\n",
    "Tabs\tand \"quotes\" and a back\\slash, many of them \\\\ \"\" \t\t so that escapes land at the end of a line",
    "细胞因子释放综合征是一种可能在接受某些类型的免疫治疗后发生的病症。如果您出现发烧、寒战或呼吸困难，请立即拨打212-639-2000。",
    "متلازمة إطلاق السيتوكين هي حالة قد تحدث بعد أنواع معينة من العلاج المناعي. اتصل على الفور بالرقم 212-639-2000 إذا أصابتك الحمى.",
    "साइटोकाइन रिलीज़ सिंड्रोम एक ऐसी स्थिति है जो कुछ प्रकार की इम्यूनोथेरेपी के बाद हो सकती है। बुखार होने पर तुरंत कॉल करें।",
    "사이토카인 방출 증후군은 특정 유형의 면역 요법 후에 발생할 수 있는 상태입니다. 열이 나면 즉시 212-639-2000으로 전화하십시오.",
    "Cre\u0301me bru\u0302le\u0301e and 50\u00a0mg every 6\u00a0hours, not more than 4\u00a0times in 24\u00a0hours, as your doctor said.",
    "Синдром высвобождения цитокинов — это состояние, которое может возникнуть после некоторых видов иммунотерапии.",
]
PYTHON_FORMAT = "Published %(date)s by %(organisation)s, reviewed on % d of the month, 100% of the pages, %(a long name)s"


def hard_catalog() -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Project-Id-Version": "test", "Language": "ru", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                   "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                                   "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"}
    po.header = "A header comment\n\nwith an empty line"
    for number, text in enumerate(HARD_TEXTS):
        entry = polib.POEntry(msgid=f"{number}: {HARD_TEXTS[-1 - number]}", msgstr=text,
                              occurrences=[(f"source/a-rather-long-document-name-{k}.md", str(k * 11)) for k in range(7)],
                              comment="paragraph\nSection: " + "A long section title " * 5,
                              tcomment=f"translator {number}")
        if number % 3 == 0:
            entry.flags.append("fuzzy")
            entry.previous_msgid = text
            entry.previous_msgctxt = "old context" if number == 3 else None
        if number % 4 == 1:
            entry.msgctxt = HARD_TEXTS[number]
        po.append(entry)
    po.append(polib.POEntry(msgid=PYTHON_FORMAT, msgstr=PYTHON_FORMAT.replace("Published", "Publicado el"),
                            flags=["python-format"]))
    po.append(polib.POEntry(msgid="%d tablet of " + HARD_TEXTS[0], msgid_plural="%d tablets of " + HARD_TEXTS[0],
                            msgstr_plural={0: HARD_TEXTS[4], 1: HARD_TEXTS[5], 2: HARD_TEXTS[6]},
                            flags=["fuzzy", "c-format"], previous_msgid="%d tab", previous_msgid_plural="%d tabs"))
    po.append(polib.POEntry(msgid="No wrap " + HARD_TEXTS[1], msgstr=HARD_TEXTS[2], flags=["no-wrap"]))
    # two of these fit in 79 characters but not in 79 bytes, which gettext counts
    po.append(polib.POEntry(msgid="References", msgstr="Referencias",
                            occurrences=[(f"./source/éé-{'x' * 23}{k}", "1") for k in range(4)]))
    po.append(polib.POEntry(msgid=HARD_TEXTS[7], msgstr=HARD_TEXTS[8], obsolete=True, flags=["fuzzy"],
                            previous_msgid=HARD_TEXTS[6], tcomment="kept"))
    po.append(polib.POEntry(msgid="%d day " + HARD_TEXTS[2], msgid_plural="%d days", obsolete=True,
                            msgstr_plural={0: HARD_TEXTS[3], 1: HARD_TEXTS[9], 2: HARD_TEXTS[4]}))
    return po


def test_hard_strings_are_laid_out_as_msgcat_lays_them_out(tmp_path):
    path = tmp_path / "hard.po"
    path.write_bytes(catalog_bytes(hard_catalog()))
    assert msgcat(path) == path.read_bytes()
    # and the text reads back unchanged
    again = parse_catalog(path.read_text(encoding="utf-8"), str(path))
    assert [e.msgstr or e.msgstr_plural for e in again] == [e.msgstr or e.msgstr_plural for e in hard_catalog()]


def test_a_word_longer_than_the_line_overflows_and_a_link_breaks_after_a_slash():
    long_word = "x" * 100
    assert layout.field_lines("", "msgid", f"see {long_word} now") == (
        'msgid ""', '"see "', f'"{long_word} "', '"now"')
    link = "https://www.mskcc.org/cancer-care/patient-education/about-cytokine-release-syndrome-and-neurotoxicity"
    lines = layout.field_lines("", "msgstr", link)
    assert "".join(line.strip('"') for line in lines[1:]) == link and len(lines) == 3
    assert lines[1].endswith('release-"')  # UAX 14: a break after a hyphen, before a letter
    assert layout.field_lines("", "msgstr", link.replace("-", "_"))[1].endswith('patient_education/"')


@pytest.mark.parametrize("char, columns", [
    ("中", 2), ("，", 2), ("\u0301", 0), ("\u200b", 0),
    ("ि", 1),  # a Devanagari vowel sign (wcwidth says 0)
    ("ب", 1), ("ж", 1),
])
def test_columns_are_counted_as_gettext_counts_them(char, columns):
    assert layout.column_width(char) == columns


# after `msgstr "` 35 wide characters fit in 79 columns with the closing quote;
# 36 take `msgstr ""` and one line
@pytest.mark.parametrize("count, lines", [(35, 1), (36, 2), (39, 3)])
def test_wide_characters_fill_a_line_two_columns_each(count, lines):
    assert len(layout.field_lines("", "msgstr", "中" * count)) == lines


def single_paragraphs(po: polib.POFile) -> list[polib.POEntry]:
    """Translated paragraphs that stand once in the source."""
    return [e for e in po if e.msgstr and not e.obsolete and len(e.occurrences) == 1
            and e.comment.startswith("paragraph")]


def hard_project(bundled_project: Path) -> Path:
    """The bundled project with a catalog holding what tools leave in
    files: long lines, long words, CJK, Arabic, a plural entry and an
    entry the template lost (both to become obsolete), written by polib
    in its own layout; and a source paragraph reworded (fuzzy, #|) and a
    new one with a long link."""
    path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{DOC}.po"
    po = polib.pofile(str(path))
    translated = [e for e in po if e.msgstr and not e.obsolete]
    for entry, text in zip(translated, HARD_TEXTS):
        entry.msgstr = text + " " + entry.msgstr
    po.append(polib.POEntry(msgid="%d tablet", msgid_plural="%d tablets",
                            msgstr_plural={0: "%d comprimido " + HARD_TEXTS[4], 1: "%d comprimidos"}))
    po.append(polib.POEntry(msgid="A sentence the leaflet no longer has.", msgstr=HARD_TEXTS[5]))
    po.save()
    source = bundled_project / "source" / f"{DOC}.md"
    text = source.read_text(encoding="utf-8")
    first = single_paragraphs(po)[0].msgid
    assert first in text
    text = text.replace(first, first.replace(" ", " new ", 1), 1)
    source.write_text(text + "\nRead more at https://www.mskcc.org/cancer-care/patient-education/"
                             "about-cytokine-release-syndrome-and-neurotoxicity-syndrome-for-caregivers.\n",
                      encoding="utf-8")
    return path


def test_every_file_update_writes_is_in_gettext_layout(bundled_project):
    assert_gettext_layout(bundled_project)  # the bundled catalogs and templates
    path = hard_project(bundled_project)
    assert run(bundled_project, "update") == 0
    assert_gettext_layout(bundled_project)
    po = polib.pofile(str(path))
    assert any(e.obsolete and e.msgid_plural for e in po)
    assert any("fuzzy" in e.flags and e.previous_msgid for e in po)
    for catalog in catalog_files(bundled_project):
        if catalog.suffix == ".po":
            assert msgfmt_check(catalog).returncode == 0


def changed_blocks(old: str, new: str) -> list[str]:
    """The entries (blank-line separated blocks) of `new` that are not in `old`."""
    before = set(old.split("\n\n"))
    return [block for block in new.split("\n\n") if block not in before]


def the_changed_block(old: str, new: str) -> str:
    """The one entry of `new` that is not in `old` (with a diff when there are more)."""
    changed = changed_blocks(old, new)
    assert len(changed) == 1, "\n".join(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm=""))
    return changed[0]


def reword(project: Path, po: polib.POFile, number: int) -> None:
    """Add a word to the source of one of the catalog's single paragraphs."""
    source = project / "source" / f"{DOC}.md"
    reworded = single_paragraphs(po)[number].msgid
    source.write_text(source.read_text(encoding="utf-8").replace(reworded, reworded + " Today.", 1),
                      encoding="utf-8")


def test_a_catalog_in_gettext_layout_changes_only_where_its_content_changed(bundled_project):
    """A translator's tool saves the catalog as msgcat lays it out; an update
    after a source edit changes that entry alone."""
    path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{DOC}.po"
    po = parse_catalog(path.read_text(encoding="utf-8"), str(path))
    translated = [e for e in po if e.msgstr and not e.obsolete]
    for entry, text in zip(translated, HARD_TEXTS):
        entry.msgstr = text
    path.write_bytes(catalog_bytes(po))
    path.write_bytes(msgcat(path))  # saved in gettext's layout, as Poedit and Weblate save it
    saved = path.read_text(encoding="utf-8")
    reword(bundled_project, po, 2)
    assert run(bundled_project, "update") == 0
    merged = path.read_text(encoding="utf-8")
    changed = the_changed_block(saved, merged)
    assert "#, fuzzy" in changed and "#| msgid" in changed and "Today." in changed
    assert msgcat(path).decode("utf-8") == merged


def test_a_catalog_msgmerge_wrote_is_in_gettext_layout_after_update(bundled_project):
    if shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext's msgmerge is not installed (Debian package gettext)")
    path = bundled_project / "locale" / "ru" / "LC_MESSAGES" / f"{DOC}.po"
    template = bundled_project / "locale" / f"{DOC}.pot"
    reword(bundled_project, polib.pofile(str(path)), 0)
    assert run(bundled_project, "extract") == 0
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(path), str(path), str(template)], check=True)
    assert "#| msgid" in path.read_text(encoding="utf-8")
    assert run(bundled_project, "update") == 0
    assert msgcat(path) == path.read_bytes()
    assert msgfmt_check(path).returncode == 0


def test_extract_leaves_an_unchanged_template_alone(bundled_project, monkeypatch, capsys):
    """Without SOURCE_DATE_EPOCH the creation date would be now: a template
    whose entries are unchanged keeps its bytes, its date and its mtime."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    templates = sorted((bundled_project / "locale").glob("*.pot"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in templates}
    capsys.readouterr()
    assert run(bundled_project, "extract") == 0
    assert capsys.readouterr().out.strip() == "templates are up to date"
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in templates} == before
    assert b"POT-Creation-Date: 2025-06-16 00:00+0000" in before[templates[0]][0]


def test_header_fields_keep_the_spacing_their_file_has(tmp_path):
    """msgcat writes a header field as the file has it; so does locpipe for
    a field the update leaves alone, even after other content changed."""
    text = ('msgid ""\nmsgstr ""\n"Project-Id-Version: leaflet\\n"\n"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n'
            '"Language:es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Plural-Forms:  nplurals=2; plural=(n != 1);\\n"\n\nmsgid "Fever"\nmsgstr "Fiebre"\n')
    po = parse_catalog(text, "es.po")
    po.find("Fever").msgstr = "Fiebre alta"
    po.metadata["POT-Creation-Date"] = "2025-06-16 00:00+0000"
    path = tmp_path / "es.po"
    path.write_bytes(catalog_bytes(po))
    written = path.read_text(encoding="utf-8")
    assert '"Plural-Forms:  nplurals=2; plural=(n != 1);\\n"' in written and '"Language:es\\n"' in written
    assert '"POT-Creation-Date: 2025-06-16 00:00+0000\\n"' in written
    assert msgcat(path) == path.read_bytes()


OBSOLETE_WITH_FLAGS_AND_PREVIOUS = '''
#, c-format
#~ msgid "%d day"
#~ msgid_plural "%d days"
#~ msgstr[0] "%d день"
#~ msgstr[1] "%d дня"
#~ msgstr[2] "%d дней"

#, fuzzy, python-format
#~| msgctxt "old ctx"
#~| msgid "%(n)s old day"
#~| msgid_plural "%(n)s old days"
#~ msgctxt "ctx"
#~ msgid "%(n)s day"
#~ msgid_plural "%(n)s days"
#~ msgstr[0] "%(n)s день"
#~ msgstr[1] "%(n)s дня"
#~ msgstr[2] "%(n)s дней"
'''


def test_obsolete_entries_keep_their_flags_and_previous_strings(bundled_project):
    """As msgmerge: an obsolete entry keeps `#, fuzzy, c-format` and its
    previous msgctxt and msgid_plural (`#~|`) through an update that
    changes another unit; the entries come out as msgcat and msgmerge
    write them."""
    path = bundled_project / "locale" / "ru" / "LC_MESSAGES" / f"{DOC}.po"
    path.write_text(path.read_text(encoding="utf-8") + OBSOLETE_WITH_FLAGS_AND_PREVIOUS, encoding="utf-8")
    path.write_bytes(msgcat(path))
    saved = path.read_text(encoding="utf-8")
    obsolete_blocks = [b for b in saved.split("\n\n") if "#~ msgid" in b]
    assert len(obsolete_blocks) == 2 and "#, fuzzy, python-format\n#~| msgctxt" in saved
    reword(bundled_project, polib.pofile(str(path)), 0)
    assert run(bundled_project, "update", "ru") == 0
    merged = path.read_text(encoding="utf-8")
    assert merged != saved
    for block in obsolete_blocks:
        assert block.strip("\n") in merged.split("\n\n") or block.strip("\n") + "\n" in merged
    assert msgcat(path) == path.read_bytes()
    if shutil.which("msgmerge"):
        template = bundled_project / "locale" / f"{DOC}.pot"
        by_msgmerge = subprocess.run(["msgmerge", "--quiet", "--previous", "-o", "-", str(path), str(template)],
                                     capture_output=True, check=True, text=True).stdout
        for block in obsolete_blocks:
            assert block.strip("\n") in by_msgmerge


@pytest.mark.parametrize("option", ["--width=60", "--no-wrap", "--width=77"])
def test_a_catalog_saved_at_another_width_keeps_it_through_update(bundled_project, option):
    """A translator's tool saves at another width (msgcat --width=60,
    Poedit's no-wrap, Weblate's 77): `update` after one unit's English
    changed writes the file at that width, so only that entry changes."""
    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext's msgcat is not installed (Debian package gettext)")
    path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{DOC}.po"
    subprocess.run(["msgcat", option, "-o", str(path), str(path)], check=True)
    saved = path.read_text(encoding="utf-8")
    assert saved != msgcat(path).decode("utf-8")  # not the default layout
    reword(bundled_project, polib.pofile(str(path)), 2)
    assert run(bundled_project, "update", "es") == 0
    assert "Today." in the_changed_block(saved, path.read_text(encoding="utf-8"))
    again = subprocess.run(["msgcat", option, str(path)], capture_output=True, check=True).stdout
    assert again == path.read_bytes()
    assert msgfmt_check(path).returncode == 0


_WORDS = st.tuples(st.text("abyzABYZ0189", min_size=1, max_size=8), st.text(".,;:!?", max_size=2))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.integers(1, 3)), min_size=1, max_size=14), st.integers(0, 2))
def test_plain_prose_breaks_where_the_whole_line_breaking_algorithm_does(words, trailing):
    text = "".join(word + marks + " " * spaces for (word, marks), spaces in words).rstrip(" ") + " " * trailing
    assert layout.PLAIN_PROSE.fullmatch(text)
    assert layout.possible_breaks(text) == layout.uax14_breaks(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.integers(1, 3)), min_size=1, max_size=30), st.integers(0, 2),
       st.integers(1, 40), st.integers(0, 12))
def test_plain_prose_is_cut_where_the_greedy_choice_among_all_opportunities_cuts(words, trailing, width, start):
    text = "".join(word + marks + " " * spaces for (word, marks), spaces in words).rstrip(" ") + " " * trailing
    every = layout._greedy_breaks(layout.possible_breaks(text), range(len(text) + 1), width, start)
    assert layout.plain_prose_breaks(text, width, start) == every


@pytest.mark.parametrize("text", ["a.b c", " lead", "1.5 mg", "(see) this", "x - y", "a  !b"])
def test_other_text_is_not_taken_for_plain_prose(text):
    assert not layout.PLAIN_PROSE.fullmatch(text)
