"""GNU gettext's grammar as the catalog reader reads it: each kind of line,
after a complete entry and before one, read as a value or refused with its
message and line. The same lines are refused through the command line in
test_catalog_faults and test_reliability; these cases pin what every odd
line reads as."""

from __future__ import annotations

import pytest

from pipeline.errors import CatalogError
from pipeline.po import parse_catalog, read_catalog
from test_reliability import HEADER

ENTRY = 'msgid "a"\nmsgstr "b"\n'
# What the entry above reads as, but for the fields a case names.
PLAIN = {"msgctxt": None, "msgstr": "b", "tcomment": "", "comment": "", "occurrences": [], "flags": [],
         "previous_msgctxt": None, "previous_msgid": None, "previous_msgid_plural": None}

# (line, read after the entry, read before it): the fields of the entry
# that differ from PLAIN, or (line number, message) of the refusal. The
# header entry ends at line 6, so line 7 is the first after it.
ODD_LINES = [
    ('', {}, {}),
    ('  ', {}, {}),
    ('\t', {}, {}),
    ('\x0c', (9, "syntax error: ''"), (7, "syntax error: ''")),
    ('#', {}, {}),
    ('# ', {}, {}),
    ('#  two spaces', {}, {'tcomment': ' two spaces'}),
    ('#\ttab', {}, {'tcomment': 'tab'}),
    ('#.', {}, {}),
    ('#. ', {}, {}),
    ('#.\tx', {}, {'comment': 'x'}),
    ('  #.', {}, {}),
    ('  #. x ', {}, {'comment': 'x'}),
    ('#.x', {}, {'comment': 'x'}),
    ('#..', {}, {'comment': '.'}),
    ('##', {}, {'tcomment': '#'}),
    ('## hashes', {}, {'tcomment': '# hashes'}),
    ('#foo', {}, {'tcomment': 'foo'}),
    ('#:', {}, {}),
    ('#:  ', {}, {}),
    ('#:a', {}, {'occurrences': [('a', '')]}),
    ('#: a.md:1 b.md x:y :3 w: v:²', {}, {'occurrences': [('a.md', '1'), ('b.md', ''), ('x:y', ''), (':3', ''), ('w:', ''), ('v', '²')]}),
    ('#:\u3000f:1', {}, {'occurrences': [('f', '1')]}),
    ('#,', {}, {}),
    ('#, ', {}, {}),
    ('#,fuzzy', {}, {'flags': ['fuzzy']}),
    ('#, fuzzy, python-format', {}, {'flags': ['fuzzy', 'python-format']}),
    ('  # indented  ', {}, {'tcomment': 'indented'}),
    ('#\x0cfeed', {}, {'tcomment': '\x0cfeed'}),
    ('# trailing \x0c', {}, {'tcomment': 'trailing \x0c'}),
    ('#\u3000ideographic', {}, {'tcomment': '\u3000ideographic'}),
    ('# \u2028separator', {}, {'tcomment': '\u2028separator'}),
    ('# carriage\r', {}, {'tcomment': 'carriage\r'}),
    ('# n\x00ul', (9, 'contains a NUL byte; is this a .mo or another binary file?'), (7, 'contains a NUL byte; is this a .mo or another binary file?')),
    ('##\x00', (9, 'contains a NUL byte; is this a .mo or another binary file?'), (7, 'contains a NUL byte; is this a .mo or another binary file?')),
    ('#~', {}, {}),
    ('#~  ', {}, {}),
    ('#|', (9, "syntax error in a previous-message line (#|): ''"), (7, "syntax error in a previous-message line (#|): ''")),
    ('#| ', (9, "syntax error in a previous-message line (#|): ''"), (7, "syntax error in a previous-message line (#|): ''")),
    ('#| msgid "old"', {}, {'previous_msgid': 'old'}),
    ('#| msgctxt "old"', {}, {'previous_msgctxt': 'old'}),
    ('#| msgid_plural "olds"', {}, {'previous_msgid_plural': 'olds'}),
    ('#| "more"', (9, 'a "#|" string with no "#| msgid" or "#| msgctxt" before it'), (7, 'a "#|" string with no "#| msgid" or "#| msgctxt" before it')),
    ('#|msgid "old"', {}, {'previous_msgid': 'old'}),
    ('#| msgstr "old"', (9, 'syntax error in a previous-message line (#|): \'msgstr "old"\''), (7, 'syntax error in a previous-message line (#|): \'msgstr "old"\'')),
    ('#| msgstr[0] "old"', (9, 'syntax error in a previous-message line (#|): \'msgstr[0] "old"\''), (7, 'syntax error in a previous-message line (#|): \'msgstr[0] "old"\'')),
    ('  #| msgid "old"', {}, {'previous_msgid': 'old'}),
    ('#|"old"', (9, 'a "#|" string with no "#| msgid" or "#| msgctxt" before it'), (7, 'a "#|" string with no "#| msgid" or "#| msgctxt" before it')),
    ('#~| msgid "old"', {}, {'previous_msgid': 'old'}),
    ('#~|msgid "old"', {}, {'previous_msgid': 'old'}),
    ('  #~| msgid "old"', {}, {'previous_msgid': 'old'}),
    ('#~ | msgid "old"', {}, {'previous_msgid': 'old'}),
    ('#~| "more"', (9, 'a "#|" string with no "#| msgid" or "#| msgctxt" before it'), (7, 'a "#|" string with no "#| msgid" or "#| msgctxt" before it')),
    ('#~ #, fuzzy', {}, {'flags': ['fuzzy']}),
    ('msgid "a"', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('msgid ""', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('  msgid\t"a"  ', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('msgctxt "c"', (9, 'msgctxt with no msgid after it'), {'msgctxt': 'c'}),
    ('msgctxt ""', (9, 'msgctxt with no msgid after it'), {'msgctxt': ''}),
    ('msgid_plural "p"', (9, 'unexpected msgid_plural (msgfmt: syntax error)'), (7, 'unexpected msgid_plural (msgfmt: syntax error)')),
    ('msgstr "x"', (9, 'unexpected msgstr (msgfmt: syntax error)'), (7, 'unexpected msgstr (msgfmt: syntax error)')),
    ('msgstr ""', (9, 'unexpected msgstr (msgfmt: syntax error)'), (7, 'unexpected msgstr (msgfmt: syntax error)')),
    ('msgstr[0] "x"', (9, 'unexpected msgstr[0] (msgfmt: syntax error)'), (7, 'unexpected msgstr[0] (msgfmt: syntax error)')),
    ('msgstr[1] "y"', (9, 'unexpected msgstr[1] (msgfmt: syntax error)'), (7, 'unexpected msgstr[1] (msgfmt: syntax error)')),
    ('msgstr[2] "z"', (9, 'unexpected msgstr[2] (msgfmt: syntax error)'), (7, 'unexpected msgstr[2] (msgfmt: syntax error)')),
    ('msgstr[١] "y"', (9, 'syntax error: \'msgstr[١] "y"\''), (7, 'syntax error: \'msgstr[١] "y"\'')),
    ('"more"', {'msgstr': 'bmore'}, {}),
    ('  "more"  ', {'msgstr': 'bmore'}, {}),
    ('"a\\"b\\\\"', {'msgstr': 'ba"b\\'}, {}),
    ('"\\n\\t\\r\\b\\f\\v"', {'msgstr': 'b\n\t\r\x08\x0c\x0b'}, {}),
    ('"\\q"', (9, "invalid escape sequence '\\\\q' in a string (msgfmt: invalid control sequence)"), (7, "invalid escape sequence '\\\\q' in a string (msgfmt: invalid control sequence)")),
    ('"\\x41"', (9, "escape sequence '\\\\x41' is valid gettext but cannot be kept unchanged; write the character itself"), (7, "escape sequence '\\\\x41' is valid gettext but cannot be kept unchanged; write the character itself")),
    ('"\x04"', (9, 'context separator (U+0004, EOT) within a string'), (7, 'context separator (U+0004, EOT) within a string')),
    ('"unterminated', (9, 'end-of-line within string (a quote is missing)'), (7, 'end-of-line within string (a quote is missing)')),
    ('msgid "a" "b"', (9, 'syntax error: \'msgid "a" "b"\''), (7, 'syntax error: \'msgid "a" "b"\'')),
    ('junk', (9, "syntax error: 'junk'"), (7, "syntax error: 'junk'")),
    ('#~ msgid "a"', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('#~ msgid "b"', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('#~msgid "a"', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('#~\tmsgctxt "c"', (9, 'msgctxt with no msgid after it'), (8, 'inconsistent use of #~ within an entry')),
    ('  #~ msgid "a"', (9, "msgid with no msgstr (msgfmt: missing 'msgstr' section)"), (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('#~ msgid_plural "p"', (9, 'inconsistent use of #~ within an entry'), (7, 'inconsistent use of #~ within an entry')),
    ('#~ msgstr "x"', (9, 'inconsistent use of #~ within an entry'), (7, 'inconsistent use of #~ within an entry')),
    ('#~ msgstr[0] "x"', (9, 'inconsistent use of #~ within an entry'), (7, 'inconsistent use of #~ within an entry')),
    ('#~ msgstr[1] "y"', (9, 'inconsistent use of #~ within an entry'), (7, 'inconsistent use of #~ within an entry')),
    ('#~ "more"', (9, 'inconsistent use of #~ within an entry'), (7, 'inconsistent use of #~ within an entry')),
    ('"Plural-Forms: nplurals=2; plural=n;\\n"', {'msgstr': 'bPlural-Forms: nplurals=2; plural=n;\n'}, {}),
    ('"Language: uk\\n"', {'msgstr': 'bLanguage: uk\n'}, {}),
    ('"no colon\\n"', {'msgstr': 'bno colon\n'}, {}),
]


def _reading(text: str):
    try:
        po = parse_catalog(text, "x.po")
    except CatalogError as error:
        return error.line, error.message
    entry = po[-1]
    return {name: getattr(entry, name) for name, plain in PLAIN.items() if getattr(entry, name) != plain}


@pytest.mark.parametrize("line, after, before", ODD_LINES, ids=[repr(case[0]) for case in ODD_LINES])
def test_each_kind_of_line_is_read_or_refused_by_gettexts_grammar(line, after, before):
    assert _reading(HEADER + ENTRY + line + "\n") == after
    assert _reading(HEADER + line + "\n" + ENTRY) == before


@pytest.mark.parametrize("early, late, expected", [
    ("junk", '"\\q"', (7, "syntax error: 'junk'")),
    ('"\\q"', "junk", (7, "invalid escape sequence '\\\\q' in a string (msgfmt: invalid control sequence)")),
    ('msgid "a"', "junk", (7, "msgid with no msgstr (msgfmt: missing 'msgstr' section)")),
    ('#| msgstr "x"', "junk", (7, "syntax error in a previous-message line (#|): 'msgstr \"x\"'")),
    ('#. x\n"x"', "junk", (8, "a string outside of any entry")),
])
def test_the_first_error_in_the_file_is_reported(early, late, expected):
    assert _reading(HEADER + early + "\n" + ENTRY + late + "\n") == expected


def test_the_header_comment_is_the_translator_comments_that_open_the_file():
    po = parse_catalog("# Spanish translation.\n#\n#  indented\n##\n" + HEADER + "# of a\n" + ENTRY, "x.po")
    assert po.header == "Spanish translation.\n\n indented\n#"
    assert po[0].tcomment == "of a"


def test_eleven_plural_forms_are_read_as_eleven():
    forms = 'msgid "day"\nmsgid_plural "days"\n' + "".join(f'msgstr[{i}] "{i}"\n' for i in range(11))
    po = parse_catalog(HEADER.replace("nplurals=2", "nplurals=11") + forms, "x.po")
    assert po[0].msgstr_plural == {i: str(i) for i in range(11)}
    obsolete = parse_catalog(HEADER + "#~ " + forms.replace("\n", "\n#~ ").removesuffix("#~ "), "x.po")
    assert obsolete[0].obsolete and obsolete[0].msgstr_plural[10] == "10"


def test_a_catalog_that_ends_in_a_comment_keeps_its_last_translation(tmp_path):
    """polib dropped the last entry of such a file, and the next update
    lost its translation."""
    path = tmp_path / "es.po"
    path.write_text(HEADER + 'msgid "Rest."\nmsgstr "Descanse."\n#. a comment after the last entry\n',
                    encoding="utf-8")
    assert read_catalog(path)[-1].msgstr == "Descanse."
