"""Reading catalog text (.po, .pot) into polib objects, checking GNU
gettext's grammar on the way.

One small function per kind of line, as babel's `PoFileParser` has:
translator, extracted, reference, flag and previous-message comments,
keyword lines (msgctxt, msgid, msgid_plural, msgstr, msgstr[n]) and
continuation strings, each possibly marked obsolete (#~). An entry is
[msgctxt] msgid, then msgstr, or msgid_plural and msgstr[0], msgstr[1], ...
in order, with no comment inside it and #~ on all of its strings or on
none: what msgfmt accepts. The first line msgfmt would refuse raises a
CatalogError naming the file and the line. Lines end at "\\n" only (a
msgstr may hold U+2028); comment text is kept as written after its marker
and one space.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from ..errors import CatalogError
from .charset import decode_catalog

WRAP_WIDTH = 78  # polib's width, for the POFile objects made here (our writer wraps as gettext does)

MAX_LINE_CHARS = 1_000_000
_STRING = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_KEYWORD_LINE = re.compile(rf'[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[([0-9]+)\])?)[ \t]+{_STRING}[ \t]*')
_CONTINUATION_LINE = re.compile(rf'[ \t]*{_STRING}[ \t]*')
_PREVIOUS_LINE = re.compile(rf'[ \t]*(?:(msgctxt|msgid_plural|msgid)[ \t]+)?{_STRING}[ \t]*')
# GNU msgfmt decodes these escapes; octal and hex bytes it also takes, but
# the writer writes the character (or a named escape), so they are refused by name.
_ESCAPE = re.compile(r"\\(.?)")
_KEPT_ESCAPES = frozenset('ntbrfva\\"')
_GETTEXT_ONLY_ESCAPE = re.compile(r"x[0-9A-Fa-f]+|[0-7]{1,3}")
_NAMED_ESCAPE = re.compile(r'\\([\\ntrvbfa"])')
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\", '"': '"'}
_COMMENT_GAP = (" ", "\t")
_ENTRY_START = frozenset(("msgid", "msgctxt"))
_ENTRY_END = frozenset((None, "msgstr", "msgstr[]"))  # the last keyword before a new entry
_PREVIOUS_FIELDS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid",
                    "msgid_plural": "previous_msgid_plural"}


def _text(parts: list[str]) -> str:
    """A string's text: its escaped parts joined and decoded."""
    text = parts[0] if len(parts) == 1 else "".join(parts)
    return _NAMED_ESCAPE.sub(lambda match: _ESCAPED[match.group(1)], text) if "\\" in text else text


class _Reader:
    """GNU gettext's grammar over the lines of one catalog."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.number = 0
        self.entries: list[polib.POEntry] = []
        self.header: list[str] = []  # the translator comments that open the file
        self.in_header = True
        self.pending = polib.POEntry()  # the entry being read, and its strings and comments:
        self.new_fields()
        self.last: str | None = None  # the pending entry's last keyword; None before its first
        self.parts: list[str] = []  # where a continuation string goes
        self.previous_parts: list[str] | None = None
        self.form = -1  # the last plural form read
        self.first_line = 0  # the line of the pending entry's first keyword
        self.comment_kinds = {"#.": self.extracted_comment, "#:": self.references, "#,": self.flags,
                              "#|": lambda raw: self.previous(raw[2:]),
                              "#~": lambda raw: self.obsolete(raw[2:].lstrip(" \t"))}

    def error(self, message: str, line: int | None = None) -> CatalogError:
        return CatalogError(message, self.path, line or self.number)

    def read(self, text: str) -> None:
        comment_kinds, translator_comment = self.comment_kinds, self.translator_comment
        keyword, continuation, other = self.keyword, self.continuation, self.other
        for self.number, raw in enumerate(text.split("\n"), start=1):
            first = raw[:1]
            if first == "#":
                comment_kinds.get(raw[:2], translator_comment)(raw)
            elif first == "m":
                keyword(raw)
            elif first == '"':
                continuation(raw)
            else:
                other(raw)
        self.incomplete()
        if self.last is not None:
            self.entries.append(self.finished_entry())

    # -- comments: `#` and a second character that says which

    def comment(self, raw: str) -> None:
        self.comment_kinds.get(raw[:2], self.translator_comment)(raw)

    def start_comment(self) -> None:
        """A comment ends a complete entry, and cannot stand inside one."""
        if self.last is not None:
            if self.last != "msgstr" and self.last != "msgstr[]":
                self.incomplete()
            self.new_entry()
        self.in_header = False
        if self.pending.linenum is None:
            self.pending.linenum = self.number

    def translator_comment(self, raw: str) -> None:
        """`# text`, and `#` with any character the other kinds do not start with."""
        text = raw[2:] if raw[1:2] in _COMMENT_GAP else raw[1:]
        if self.in_header:
            self.header.append(text)
            return
        if self.last is not None or self.pending.linenum is None:
            self.start_comment()
        self.tcomments.append(text)

    def extracted_comment(self, raw: str) -> None:
        """`#. text`: what the template says to translators."""
        if self.last is not None or self.pending.linenum is None:
            self.start_comment()
        self.comments.append(raw[3:] if raw[2:3] in _COMMENT_GAP else raw[2:])

    def references(self, raw: str) -> None:
        """`#: path:line path ...`; a reference without a line number keeps its whole text."""
        if self.last is not None or self.pending.linenum is None:
            self.start_comment()
        occurrences = self.pending.occurrences
        for reference in raw[2:].split():
            name, _, line = reference.rpartition(":")
            occurrences.append((name, line) if name and line.isdigit() else (reference, ""))

    def flags(self, raw: str) -> None:
        """`#, fuzzy, python-format`"""
        if self.last is not None or self.pending.linenum is None:
            self.start_comment()
        self.pending.flags += [flag for flag in (part.strip() for part in raw[2:].split(",")) if flag]

    def previous(self, text: str) -> None:
        """`#| msgid "..."`: the source text a fuzzy translation was made for."""
        match = _PREVIOUS_LINE.fullmatch(text)
        if match is None:
            raise self.error(f"syntax error in a previous-message line (#|): {text.strip()[:60]!r}")
        keyword, string = match.groups()
        self.check_string(string)
        self.start_comment()
        if keyword is not None:
            self.previous_parts = self.previous_strings[_PREVIOUS_FIELDS[keyword]] = []
        elif self.previous_parts is None:
            raise self.error('a "#|" string with no "#| msgid" or "#| msgctxt" before it')
        self.previous_parts.append(string)

    def obsolete(self, text: str) -> None:
        """`#~ msgid "..."`: an entry the template no longer has."""
        first = text[:1]
        if not first:
            return
        if first == "|":
            self.previous(text[1:])
        elif first == "#":
            self.comment(text)
        elif first == '"':
            self.continuation(text, True)
        else:
            self.keyword(text, True)

    # -- strings

    def check_string(self, string: str) -> None:
        if "\\" in string:
            for match in _ESCAPE.finditer(string):
                if match.group(1) not in _KEPT_ESCAPES or not match.group(1):
                    self.refuse_escape(string[match.start(1):])
        if "\x04" in string:
            raise self.error("context separator (U+0004, EOT) within a string")

    def refuse_escape(self, rest: str) -> None:
        gettext_only = _GETTEXT_ONLY_ESCAPE.match(rest)
        if gettext_only:
            raise self.error(f"escape sequence {chr(92) + gettext_only.group(0)!r} is valid gettext but "
                             "cannot be kept unchanged; write the character itself")
        raise self.error(f"invalid escape sequence {chr(92) + rest[:1]!r} in a string "
                         "(msgfmt: invalid control sequence)")

    def continuation(self, raw: str, marked: bool = False) -> None:
        match = _CONTINUATION_LINE.fullmatch(raw)
        if match is None:
            self.refuse(raw)
        string = match.group(1)
        if "\\" in string or "\x04" in string:
            self.check_string(string)
        if self.last is None:
            raise self.error("a string outside of any entry")
        if marked != self.pending.obsolete:
            raise self.error("inconsistent use of #~ within an entry")
        self.parts.append(string)

    def other(self, raw: str) -> None:
        """A blank line, or a line that starts with white space or is no catalog line."""
        text = raw.strip(" \t")
        if not text:
            return
        first = text[:1]
        if first == "#":
            self.comment(text)
        elif first == "m":
            self.keyword(raw)
        elif first == '"':
            self.continuation(raw)
        else:
            self.refuse(raw)

    def refuse(self, raw: str) -> None:
        line = raw.strip()
        for marker in ("#~", "|", "#|"):
            if line.startswith(marker):
                line = line[len(marker):].strip()
        if line.count('"') % 2 == 1 or (line.startswith(("msg", '"')) and not line.endswith('"')):
            raise self.error("end-of-line within string (a quote is missing)")
        raise self.error(f"syntax error: {line[:60]!r}")

    # -- keywords: the order GNU msgfmt wants

    def keyword(self, raw: str, marked: bool = False) -> None:
        match = _KEYWORD_LINE.fullmatch(raw)
        if match is None:
            self.refuse(raw)
        keyword, form, string = match.groups()
        if "\\" in string or "\x04" in string:
            self.check_string(string)
        if form is None:
            if keyword in _ENTRY_START and self.last in _ENTRY_END:
                self.start_entry(marked)
            else:
                self.follow(keyword, marked)
            self.parts = self.strings[keyword] = [string]
            self.last = keyword
        else:
            self.plural_form(int(form), marked)
            self.parts = self.plurals[self.form] = [string]
            self.last = "msgstr[]"

    def start_entry(self, marked: bool) -> None:
        if self.last is not None:
            self.new_entry()
        self.in_header = False
        pending = self.pending
        pending.obsolete = marked
        if pending.linenum is None:
            pending.linenum = self.number
        self.first_line = self.number
        self.form = -1

    def follow(self, keyword: str, marked: bool) -> None:
        """A keyword that continues the pending entry, after `self.last`."""
        last = self.last
        if keyword in ("msgctxt", "msgid") and not (keyword == "msgid" and last == "msgctxt"):
            self.incomplete()
        if marked != self.pending.obsolete:
            raise self.error("inconsistent use of #~ within an entry")
        if keyword == "msgid" and last == "msgctxt" or keyword in ("msgstr", "msgid_plural") and last == "msgid":
            return
        if keyword == "msgstr" and last in ("msgid_plural", "msgstr[]"):
            raise self.error("msgstr in an entry with msgid_plural; plural entries take "
                             "msgstr[0], msgstr[1], ...")
        self.incomplete()
        raise self.error(f"unexpected {keyword} (msgfmt: syntax error)")

    def plural_form(self, form: int, marked: bool) -> None:
        """msgstr[n], after msgid_plural or msgstr[n - 1]."""
        last = self.last
        if last is not None and marked != self.pending.obsolete:
            raise self.error("inconsistent use of #~ within an entry")
        if last == "msgid_plural" or last == "msgstr[]":
            if form != self.form + 1:
                raise self.error(f"plural form msgstr[{form}] where msgstr[{self.form + 1}] belongs")
            self.form = form
            return
        if last == "msgid":
            raise self.error(f"msgstr[{form}] in an entry with no msgid_plural "
                             "(msgfmt: missing 'msgid_plural' section)")
        self.incomplete()
        raise self.error(f"unexpected msgstr[{form}] (msgfmt: syntax error)")

    def incomplete(self) -> None:
        """Refuse an entry that ends after msgctxt, msgid or msgid_plural."""
        last = self.last
        if last == "msgctxt":
            raise self.error("msgctxt with no msgid after it", self.first_line)
        if last == "msgid":
            raise self.error("msgid with no msgstr (msgfmt: missing 'msgstr' section)", self.first_line)
        if last == "msgid_plural":
            raise self.error("msgid_plural with no msgstr[0]", self.first_line)

    def new_fields(self) -> None:
        self.strings: dict[str, list[str]] = {}  # each as its escaped parts
        self.plurals: dict[int, list[str]] = {}
        self.previous_strings: dict[str, list[str]] = {}
        self.comments: list[str] = []
        self.tcomments: list[str] = []

    def finished_entry(self) -> polib.POEntry:
        entry = self.pending
        for name, parts in self.strings.items():
            setattr(entry, name, _text(parts))
        if self.plurals:
            entry.msgstr_plural = {form: _text(parts) for form, parts in self.plurals.items()}
        for name, parts in self.previous_strings.items():
            setattr(entry, name, _text(parts))
        if self.comments:
            entry.comment = "\n".join(self.comments)
        if self.tcomments:
            entry.tcomment = "\n".join(self.tcomments)
        return entry

    def new_entry(self) -> None:
        self.entries.append(self.finished_entry())
        self.pending = polib.POEntry()
        self.new_fields()
        self.last = None
        self.previous_parts = None


def _refuse_long_lines(text: str, path: str) -> None:
    if len(text) > MAX_LINE_CHARS:
        for number, raw in enumerate(text.split("\n"), start=1):
            if len(raw) > MAX_LINE_CHARS:
                raise CatalogError(f"line is {len(raw):,} characters long; not a gettext catalog line",
                                   path, number)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CatalogError("contains a NUL byte; is this a .mo or another binary file?", path, line)


def read_entries(text: str, path: str) -> polib.POFile:
    """The catalog in `text`: its header comment, its header entry's fields
    as metadata (as polib reads them), and its other entries in order."""
    _refuse_long_lines(text, path)
    reader = _Reader(path)
    reader.read(text)
    po = polib.POFile(encoding="utf-8", check_for_duplicates=False, wrapwidth=WRAP_WIDTH)
    po.extend(reader.entries)
    po.header = "\n".join(reader.header)
    header_entry = po.find("")
    if header_entry:
        po.remove(header_entry)
        po.metadata_is_fuzzy = header_entry.flags
        po.metadata.update(_metadata(header_entry.msgstr))
        setattr(po, HEADER_LINES, _field_lines(header_entry.msgstr))
    setattr(po, SOURCE_TEXT, text)
    return po


# The attribute of a POFile that holds its header fields as the file wrote
# them (`Plural-Forms:  nplurals=...`), so the writer writes an unchanged
# field unchanged: polib keeps only the values, stripped.
HEADER_LINES = "locpipe_header_lines"
# The text a POFile was read from, and the POFile whose file's layout
# (its wrap width) a catalog written in its place keeps.
SOURCE_TEXT = "locpipe_source_text"
LAYOUT_OF = "locpipe_layout_of"
# The line end of the file a POFile was read from ("\r\n" or "\n").
LINE_END = "locpipe_line_end"


def _field_lines(msgstr: str) -> dict[str, str]:
    """Each one-line header field's line, by its name."""
    lines = msgstr.split("\n")
    return {line.partition(":")[0]: line for number, line in enumerate(lines)
            if ":" in line and (number + 1 == len(lines) or ":" in lines[number + 1] or not lines[number + 1])}


def _metadata(msgstr: str) -> dict[str, str]:
    """The fields of a header entry; a line with no colon continues the field before it."""
    fields: dict[str, str] = {}
    key = None
    for line in msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields


def check_parsed(po: polib.POFile, path: str, require_header: bool = True) -> None:
    """What msgfmt refuses in a catalog read whole: a message defined twice,
    plural forms other than the header's count, no header."""
    seen: dict[tuple[str | None, str, bool], int] = {}
    for entry in po:
        key = (entry.msgctxt, entry.msgid, entry.obsolete)
        if key in seen:
            raise CatalogError(f"duplicate message definition for {entry.msgid[:50]!r} "
                               f"(first defined at line {seen[key]})", path, entry.linenum)
        seen[key] = entry.linenum
    nplurals = header_nplurals(po.metadata)
    if nplurals is not None:
        for entry in po:
            if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != nplurals:
                raise CatalogError(f"{len(entry.msgstr_plural)} plural form(s), but the header's "
                                   f"Plural-Forms says nplurals={nplurals}", path, entry.linenum)
    if require_header and not po.metadata:
        raise CatalogError('no header entry (msgid "") with Content-Type and Language', path, 1)


def header_nplurals(metadata: dict[str, str]) -> int | None:
    """The number of plural forms the header's Plural-Forms names."""
    match = re.search(r"nplurals\s*=\s*(\d+)", metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def parse_catalog(text: str, path: str, require_header: bool = True) -> polib.POFile:
    """Parse and check catalog text; errors name the line."""
    po = read_entries(text, path)
    check_parsed(po, path, require_header)
    return po


def catalog_from_bytes(data: bytes, path: str, require_header: bool = True) -> polib.POFile:
    """Decode, parse and check a catalog file's bytes; the catalog remembers
    its line ends (CRLF when most lines have them), which the writer keeps,
    so a Windows translator's diff shows only what changed."""
    po = parse_catalog(decode_catalog(data, path), path, require_header=require_header)
    setattr(po, LINE_END, "\r\n" if data.count(b"\r\n") * 2 > data.count(b"\n") else "\n")
    return po


def read_catalog(path: Path, display: str | None = None, require_header: bool = True) -> polib.POFile:
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror or exc}", name) from None
    po = catalog_from_bytes(data, name, require_header=require_header)
    po.fpath = str(path)
    return po
