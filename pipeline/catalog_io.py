"""Reading and writing catalog files (.pot, .po, .mo).

Templates are written by babel; translation catalogs are polib objects, which
keep previous msgids (`#|`) intact. A catalog file is decoded by its declared
charset and read in one pass over its lines that checks each as GNU msgfmt
would (polib accepts some files that msgfmt rejects, an unterminated string
for one) and builds the entries polib's own parser would build, in less time
than that parser takes. Catalogs are written with polib's wrapping. Every
write goes to a temporary file that replaces the target only when complete.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import textwrap
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .catalog import WRAP_WIDTH
from .errors import CatalogError, LocpipeError
from .fsio import write_files

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

_STRING_BODY = r'[^"\\]*(?:\\.[^"\\]*)*'  # what is between the quotes of a string
MAX_LINE_BYTES = 1_000_000


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; returns False when the file already
    holds exactly these bytes (and leaves it untouched)."""
    return bool(atomic_write_files([(path, data)]))


def atomic_write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write many files atomically and durably, as one batch (`fsio.write_files`);
    returns those that changed."""
    try:
        return write_files(files)
    except OSError as exc:
        raise LocpipeError(f"cannot write: {exc.strerror or exc}", exc.filename) from None


# -- reading -----------------------------------------------------------------

def decode_catalog(data: bytes, path: str) -> str:
    """Text of a catalog in its declared charset (UTF-8 when none)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise CatalogError("contains a NUL byte; is this a .mo or another binary file?", path, line)
    charset, charset_line = header_charset(data)
    charset = charset or "utf-8"
    if charset.upper() == "CHARSET":
        charset = "utf-8"
    _refuse_utf8_declared_otherwise(data, charset, path, charset_line)
    try:
        text = data.decode(charset)
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r} in the header", path, charset_line or 1) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(f"bytes that are not valid {charset} (byte 0x{data[exc.start]:02x})",
                           path, line) from None
    # CRLF line ends, which msgfmt accepts, read as LF; catalogs are written with LF
    return text.replace("\r\n", "\n")


_MULTIBYTE_UTF8 = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _refuse_utf8_declared_otherwise(data: bytes, charset: str, path: str, charset_line: int | None) -> None:
    """UTF-8 bytes under a header that declares a one-byte charset
    (ISO-8859-1, windows-1252, ...) read as mojibake ("cafÃ©") that every
    check passes and every page shows; refused instead. Real Latin-1 text
    is never valid UTF-8 with multibyte sequences."""
    if charset.replace("_", "-").lower() in ("utf-8", "utf8", "ascii", "us-ascii"):
        return
    try:
        if len("é".encode(charset, "replace")) != 1:
            return  # a multibyte charset of its own (UTF-16, EUC-JP, ...)
    except LookupError:
        return
    if not _MULTIBYTE_UTF8.search(data):
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    raise CatalogError(f"the header declares charset {charset} but the file is UTF-8; "
                       "set charset=UTF-8 in the header's Content-Type", path, charset_line or 1)


_HEADER_KEYWORD = re.compile(rb'^[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?[ \t]*"(.*)"[ \t]*$')


def header_charset(data: bytes) -> tuple[str | None, int | None]:
    """The charset named by the Content-Type of the header entry (the entry
    with an empty msgid and no msgctxt), and its line; (None, None) when
    there is none. A `charset=` in a comment or in another entry is not the
    file's charset. Scans bytes: every charset gettext allows is ASCII-compatible."""
    keyword = None
    msgid: list[bytes] | None = None
    msgstr: list[tuple[int, bytes]] | None = None
    context = False

    def charset_of(parts: list[tuple[int, bytes]]) -> tuple[str | None, int | None]:
        value = b"".join(part for _, part in parts)
        match = re.search(rb"Content-Type:[^\n\\]*?charset=([A-Za-z0-9_.:-]+)", value, re.I)
        if not match:
            return None, None
        # the line of the string where the charset name starts
        offset, line = 0, parts[0][0]
        for number, part in parts:
            if offset + len(part) > match.start(1):
                line = number
                break
            offset += len(part)
        return match.group(1).decode("ascii"), line

    for number, raw in enumerate(data.split(b"\n"), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith(b"#"):
            if msgstr is not None and stripped.startswith(b"#"):
                break
            continue
        match = _HEADER_KEYWORD.match(raw.rstrip(b"\r"))
        if match is None:
            if msgstr is not None:
                break
            continue
        if match.group(1) is not None:
            if msgstr is not None:
                break  # the header entry has ended
            keyword = match.group(1)
            if keyword == b"msgctxt":
                context, msgid = True, None
            elif keyword == b"msgid":
                msgid = [] if not context else None
                context = False
            elif keyword == b"msgstr" and msgid is not None and not b"".join(msgid):
                msgstr = []
            else:
                msgid = None
        if msgid is not None and keyword == b"msgid":
            msgid.append(match.group(2))
        elif msgstr is not None:
            msgstr.append((number, match.group(2)))
    if msgstr is None:
        return None, None
    return charset_of(msgstr)


# A line that is none of: blank, a comment, a keyword with a complete
# string, a continuation string (each possibly behind #~ or #| markers).
_BAD_LINE = re.compile(
    r'^(?![ \t]*$)(?![ \t]*#(?![~|]))'
    r'(?![ \t]*(?:#~[ \t]*(?:\|[ \t]*)?|#\|[ \t]*)?'
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\\n]|\\.)*"[ \t]*$)'
    r'(?![ \t]*#~[ \t]*$)'
    r'.*$', re.M)


def check_syntax(text: str, path: str) -> None:
    """Reject what GNU msgfmt rejects and polib lets through."""
    if len(text) > MAX_LINE_BYTES:
        for number, raw in enumerate(text.split("\n"), start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise CatalogError(f"line is {len(raw):,} characters long; not a gettext catalog line",
                                   path, number)
    bad = _BAD_LINE.search(text)
    if bad is None:
        return
    number = text.count("\n", 0, bad.start()) + 1
    line = bad.group(0).strip()
    for marker in ("#~", "|", "#|"):
        if line.startswith(marker):
            line = line[len(marker):].strip()
    if line.count('"') % 2 == 1 or (line.startswith(("msg", '"')) and not line.endswith('"')):
        raise CatalogError("end-of-line within string (a quote is missing)", path, number)
    raise CatalogError(f"syntax error: {line[:60]!r}", path, number)


# Escapes: GNU msgfmt accepts \n \t \b \r \f \v \a \\ \" and octal or hex
# bytes; polib decodes all but \a, octal and hex, which it would keep as a
# literal backslash, changing the text when the file is written back.
_ESCAPE = re.compile(r'\\(.?)')
_POLIB_ESCAPES = set('ntbrfv\\"')
_GETTEXT_ONLY_ESCAPE = re.compile(r"a|[0-7]|x[0-9A-Fa-f]")
_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)?[ \t]*"')


def _check_escapes(line: str, path: str, number: int) -> None:
    start = line.index('"')
    for match in _ESCAPE.finditer(line, start):
        char = match.group(1)
        if char in _POLIB_ESCAPES and char:
            continue
        rest = line[match.start(1):match.start(1) + 3]
        if _GETTEXT_ONLY_ESCAPE.match(rest):
            sequence = "\\" + (re.match(r"x[0-9A-Fa-f]+|[0-7]{1,3}|a", rest).group(0))
            raise CatalogError(f"escape sequence {sequence!r} is valid gettext but cannot be kept "
                               "unchanged; write the character itself", path, number)
        sequence = "\\" + char
        raise CatalogError(f"invalid escape sequence {sequence!r} in a string "
                           "(msgfmt: invalid control sequence)", path, number)


def _check_complete(last_keyword: str | None, first_line: int, path: str) -> None:
    """Refuse an entry that ends after `last_keyword` without its msgstr."""
    if last_keyword == "msgctxt":
        raise CatalogError("msgctxt with no msgid after it", path, first_line)
    if last_keyword == "msgid":
        raise CatalogError("msgid with no msgstr (msgfmt: missing 'msgstr' section)", path, first_line)
    if last_keyword == "msgid_plural":
        raise CatalogError("msgid_plural with no msgstr[0]", path, first_line)


def _nplurals(plural_forms: str) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else None


# Catalogs are read into the entries polib 1.2's parser (_POFileParser) made
# of them, which the rest of locpipe and its users expect, and polib's
# refusals are kept. polib names each line by a symbol: tc translator comment,
# gc extracted comment, oc references, fl flags, pc/pm/pp previous msgctxt,
# msgid and msgid_plural, ct msgctxt, mi msgid, mp msgid_plural, ms msgstr,
# mx msgstr[n], mc continuation string. Its state is the last symbol (st at
# the start, he after the header comment; a continuation keeps the state),
# and a line with no transition from the state is a syntax error.
def _polib_transitions() -> dict[tuple[str, str], str]:
    every = "st he gc oc fl ct pc pm pp tc ms mp mx mi".split()
    accepted_after = {
        "tc": [s for s in every if s != "ct"], "gc": every, "oc": every, "fl": every, "pc": every,
        "pm": every, "pp": every, "ct": "st he gc oc fl tc pc pm pp ms mx".split(),
        "mi": "st he gc oc fl ct tc pc pm pp ms mx".split(), "mp": "tc gc pc pm pp mi".split(),
        "ms": "mi mp tc".split(), "mx": "mi mx mp tc".split(), "mc": "ct mi mp ms mx pm pp pc".split()}
    return {(symbol, state): ("he" if symbol == "tc" and state in ("st", "he")
                              else state if symbol == "mc" else symbol)
            for symbol, states in accepted_after.items() for state in states}


_POLIB_TRANSITIONS = _polib_transitions()
_POLIB_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_POLIB_PREVIOUS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
# polib starts a new entry with these when the one before has its msgstr
_POLIB_NEW_ENTRY = frozenset("tc gc oc fl pc pm pp ct mi".split())
_POLIB_UNESCAPED_QUOTE = re.compile(r'([^\\]|^)"')
# Keyword and continuation lines that check_syntax accepts; in these, every
# quote inside the string is escaped, as polib wants.
_KEYWORD_LINE = re.compile(
    rf'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+"({_STRING_BODY})"[ \t]*')
_CONTINUATION_LINE = re.compile(rf'"({_STRING_BODY})"[ \t]*')
# after "#" or "#.", what makes a comment whose text is kept as written
_COMMENT_GAP = ("", " ", "\t")


def _polib_reading(line: str) -> tuple[str | None, object, int, bool]:
    """What polib makes of a stripped line that is not blank: its symbol
    (None when polib skips the line, "error" when it refuses it), what the
    symbol's handler reads (the message for "error"), 1 when the line is
    marked obsolete, and whether polib takes it for a comment."""
    tokens = line.split(None, 2)
    count = len(tokens)
    if tokens[0] == "#~|":
        return None, None, 0, True
    obsolete = 0
    if tokens[0] == "#~" and count > 1:
        line = line[3:].strip()
        tokens = tokens[1:]
        count -= 1
        obsolete = 1
    first = tokens[0]
    is_comment = first.startswith("#")
    if first in _POLIB_KEYWORDS and count > 1:
        string = line[len(first):].lstrip()
        if _POLIB_UNESCAPED_QUOTE.search(string[1:-1]):
            return "error", "syntax error: unescaped double quote found", obsolete, is_comment
        return _POLIB_KEYWORDS[first], string[1:-1], obsolete, is_comment
    if first == "#:":
        return ("oc" if count > 1 else None), line[3:].split(), obsolete, is_comment
    if line[:1] == '"':
        if _POLIB_UNESCAPED_QUOTE.search(line[1:-1]):
            return "error", "syntax error: unescaped double quote found", obsolete, is_comment
        return "mc", line[1:-1], obsolete, is_comment
    if line[:7] == "msgstr[":
        return "mx", line, obsolete, is_comment
    if first == "#,":
        flags = [flag.strip() for flag in line[3:].split(",")]
        return ("fl" if count > 1 else None), flags, obsolete, is_comment
    if first == "#" or first.startswith("##"):
        return "tc", line, obsolete, is_comment
    if first == "#.":
        return ("gc" if count > 1 else None), line[3:], obsolete, is_comment
    if first == "#|":
        if count == 1:
            return "error", "syntax error", obsolete, is_comment
        string = line[2:].lstrip()
        if tokens[1].startswith('"'):
            return "mc", string[1:-1], obsolete, is_comment
        if count == 2:
            return "error", "syntax error: invalid continuation line", obsolete, is_comment
        if tokens[1] not in _POLIB_PREVIOUS:
            return "error", f"syntax error: unknown keyword {tokens[1]}", obsolete, is_comment
        return _POLIB_PREVIOUS[tokens[1]], string[len(tokens[1]):].lstrip()[1:-1], obsolete, is_comment
    return "error", "syntax error", obsolete, is_comment


def _unescape(text: str) -> str:
    return polib.unescape(text) if "\\" in text else text


_new_object = object.__new__


def _entry(msgid, msgstr, msgid_plural, msgstr_plural, msgctxt, obsolete, comment, tcomment, occurrences,
           flags, previous_msgctxt, previous_msgid, previous_msgid_plural, linenum) -> polib.POEntry:
    """A polib.POEntry with the attributes its constructor sets, in its order;
    the constructor's keyword look-ups took a fifth of the reading time."""
    entry = _new_object(polib.POEntry)
    entry.__dict__.update(msgid=msgid, msgstr=msgstr, msgid_plural=msgid_plural, msgstr_plural=msgstr_plural,
                          msgctxt=msgctxt, obsolete=obsolete, encoding=polib.default_encoding,
                          comment="\n".join(comment), tcomment="\n".join(tcomment), occurrences=occurrences,
                          flags=flags, previous_msgctxt=previous_msgctxt, previous_msgid=previous_msgid,
                          previous_msgid_plural=previous_msgid_plural, linenum=linenum)
    return entry


def _read_entries(text: str, path: str) -> polib.POFile:
    """The catalog polib's parser would read from `text`, made in one pass
    over its lines that also checks each against check_syntax and GNU
    msgfmt's grammar: [msgctxt] msgid, then msgstr, or msgid_plural and
    msgstr[0], msgstr[1], ... with no comment inside an entry and #~ on all
    of an entry's lines or none. Unlike polib, lines end at "\\n" only (polib
    also ends them at U+2028, U+0085 and others a msgstr may hold), comments
    starting "# " or "#. " keep their text as written (polib strips it and
    drops blank ones), and the previous msgids of obsolete entries (`#~|`)
    are read (polib skips them). The error reported is check_syntax's first,
    else the grammar's first, else polib's first."""
    if len(text) > MAX_LINE_BYTES:
        check_syntax(text, path)
    entries: list[polib.POEntry] = []
    header: list[str] = []  # lines of the header comment

    # the entry polib is building; its comments as lists of lines
    msgctxt = previous_msgctxt = previous_msgid = previous_msgid_plural = None
    msgid = msgstr = msgid_plural = ""
    msgstr_plural: dict[int, str] = {}
    obsolete = False
    comment: list[str] = []
    tcomment: list[str] = []
    occurrences: list[tuple[str, str]] = []
    flags: list[str] = []
    linenum = 0
    # polib's state, the plural form a continuation adds to, its first
    # error, and whether the last line it read was a comment (polib keeps
    # the last entry only when it was not)
    state = "st"
    plural_index = 0
    failure: tuple[str, int] | None = None
    ends_in_comment: bool | None = None

    # msgfmt's grammar: the last keyword of the entry being read, the entry's
    # first line, whether it is marked #~, and its last plural form
    last_keyword: str | None = None
    first_line = 0
    entry_marked = False
    last_form = -1

    try:
        for number, raw in enumerate(text.split("\n"), start=1):
            # What the line is, for the grammar (kind: "comment", "string" or
            # None; for a string, `line` without its #~ marker, `marked`, and
            # its keyword and plural index) and for polib (symbol, value,
            # line_obsolete, is_comment); `as_written`: a translator comment
            # whose text is kept as written.
            head = raw[:1]
            as_written = False
            if head == "#" and raw[1:2] == "." and raw[2:3] in _COMMENT_GAP:
                if state == "gc" and last_keyword is None and failure is None:
                    comment.append(raw[3:])  # the next line of an extracted comment; nothing else changes
                    continue
                kind, symbol, value, is_comment = "comment", "gc", raw[3:], True
            elif head == "#" and raw[1:2] in _COMMENT_GAP:
                kind, symbol, value, as_written, is_comment = "comment", "tc", raw[2:], True, True
            elif head == "#" and raw[1:3] == ": ":
                kind, symbol, value, is_comment = "comment", "oc", raw[3:].split(), True
                if not value:
                    symbol = None
            elif head == "m" and (match := _KEYWORD_LINE.fullmatch(raw)):
                kind, line, marked = "string", raw, False
                keyword, index, value = match.groups()
                symbol = _POLIB_KEYWORDS.get(keyword)
                if symbol is None:
                    symbol, value = "mx", raw.strip()
                line_obsolete, is_comment = 0, False
            elif head == '"' and (match := _CONTINUATION_LINE.fullmatch(raw)):
                kind, line, marked, keyword = "string", raw, False, None
                symbol, value, line_obsolete, is_comment = "mc", match.group(1), 0, False
            else:
                stripped = line = raw.strip()
                if not line:
                    if raw.strip(" \t"):
                        check_syntax(text, path)  # raises: white space other than spaces and tabs
                    continue
                if head == "#" and raw[1:2] in (":", ","):
                    kind = "comment"
                else:
                    if _BAD_LINE.match(raw):
                        check_syntax(text, path)  # raises: this is the first line it refuses
                    kind, marked = "string", False
                    if line.startswith("#~"):
                        marked, line = True, line[2:].lstrip()
                        if not line:
                            kind = None
                    if line.startswith(("#", "|")):
                        kind = "comment"
                        if line.startswith(("#|", "|")) and '"' in line:
                            _check_escapes(line, path, number)  # a previous msgid, decoded by polib too
                    elif kind:
                        field = _FIELD.match(line)
                        keyword, index = field.group(1, 2) if field else (None, None)
                # the previous msgids of obsolete entries are read as `#|` lines
                symbol, value, line_obsolete, is_comment = _polib_reading(
                    ("#|" + raw[3:]).strip() if raw.startswith("#~|") else stripped)

            # -- msgfmt's grammar
            if kind == "comment":
                if last_keyword is not None and last_keyword != "msgstr" and last_keyword != "msgstr[]":
                    _check_complete(last_keyword, first_line, path)  # a comment ends the entry
                last_keyword = None
            elif kind == "string":
                if "\\" in line:
                    _check_escapes(line, path, number)
                if "\x04" in line:
                    raise CatalogError("context separator (U+0004, EOT) within a string", path, number)
                if keyword is None:
                    if last_keyword is None:
                        raise CatalogError("a string outside of any entry", path, number)
                    if marked != entry_marked:
                        raise CatalogError("inconsistent use of #~ within an entry", path, number)
                else:
                    field_name = "msgstr[]" if index is not None else keyword
                    if field_name in ("msgctxt", "msgid") and last_keyword in (None, "msgstr", "msgstr[]"):
                        last_keyword, first_line, entry_marked, last_form = field_name, number, marked, -1
                    else:
                        if field_name in ("msgctxt", "msgid") and not (
                                field_name == "msgid" and last_keyword == "msgctxt"):
                            _check_complete(last_keyword, first_line, path)
                        if marked != entry_marked:
                            raise CatalogError("inconsistent use of #~ within an entry", path, number)
                        if field_name == "msgid" and last_keyword == "msgctxt":
                            last_keyword = "msgid"
                        elif field_name == "msgstr" and last_keyword == "msgid":
                            last_keyword = "msgstr"
                        elif field_name == "msgid_plural" and last_keyword == "msgid":
                            last_keyword = "msgid_plural"
                        elif field_name == "msgstr[]" and last_keyword in ("msgid_plural", "msgstr[]"):
                            form = int(index)
                            if form != last_form + 1:
                                raise CatalogError(f"plural form msgstr[{form}] where "
                                                   f"msgstr[{last_form + 1}] belongs", path, number)
                            last_keyword, last_form = "msgstr[]", form
                        elif field_name == "msgstr[]" and last_keyword == "msgid":
                            raise CatalogError(f"msgstr[{index}] in an entry with no msgid_plural "
                                               "(msgfmt: missing 'msgid_plural' section)", path, number)
                        elif field_name == "msgstr" and last_keyword in ("msgid_plural", "msgstr[]"):
                            raise CatalogError("msgstr in an entry with msgid_plural; plural entries take "
                                               "msgstr[0], msgstr[1], ...", path, number)
                        else:
                            _check_complete(last_keyword, first_line, path)
                            raise CatalogError(f"unexpected {keyword} (msgfmt: syntax error)", path, number)

            # -- polib
            if failure is not None:
                continue
            ends_in_comment = is_comment
            if symbol is None:
                continue
            if symbol == "error":
                failure = (value, number)
                continue
            next_state = _POLIB_TRANSITIONS.get((symbol, state))
            if next_state is None:
                failure = ("syntax error", number)
                continue
            if (state == "ms" or state == "mx") and symbol in _POLIB_NEW_ENTRY:
                entries.append(_entry(msgid, msgstr, msgid_plural, msgstr_plural, msgctxt, obsolete, comment,
                                      tcomment, occurrences, flags, previous_msgctxt, previous_msgid,
                                      previous_msgid_plural, linenum))
                msgctxt = previous_msgctxt = previous_msgid = previous_msgid_plural = None
                msgid = msgstr = msgid_plural = ""
                msgstr_plural = {}
                obsolete = False
                comment, tcomment, occurrences, flags = [], [], [], []
                linenum = number
            if symbol == "mc":
                value = _unescape(value)
                if state == "mi":
                    msgid += value
                elif state == "ms":
                    msgstr += value
                elif state == "mx":
                    msgstr_plural[plural_index] += value
                elif state == "ct":
                    msgctxt += value
                elif state == "mp":
                    msgid_plural += value
                elif state == "pm":
                    previous_msgid += value
                elif state == "pp":
                    previous_msgid_plural += value
                else:
                    previous_msgctxt += value
            elif symbol == "gc":
                comment.append(value)
            elif symbol == "tc":
                if not as_written:
                    value = value[2:] if next_state == "he" else value.lstrip("#")
                    if next_state != "he" and value.startswith(" "):
                        value = value[1:]
                # polib adds a line end before a line only when the comment
                # is not "", which it never was after a line kept as written
                lines = header if next_state == "he" else tcomment
                if as_written or value or lines:
                    lines.append(value)
            elif symbol == "mi":
                obsolete = line_obsolete
                msgid = _unescape(value)
            elif symbol == "ms":
                msgstr = _unescape(value)
            elif symbol == "oc":
                for occurrence in value:
                    try:
                        name, line_number = occurrence.rsplit(":", 1)
                        if not line_number.isdigit():
                            name, line_number = occurrence, ""
                        occurrences.append((name, line_number))
                    except ValueError:
                        occurrences.append((occurrence, ""))
            elif symbol == "fl":
                flags += value
            elif symbol == "ct":
                msgctxt = _unescape(value)
            elif symbol == "mx":
                plural_index = int(value[7])  # as polib: msgstr[10] is form 1
                msgstr_plural[plural_index] = _unescape(value[value.find('"') + 1:-1])
            elif symbol == "mp":
                msgid_plural = _unescape(value)
            elif symbol == "pm":
                previous_msgid = _unescape(value)
            elif symbol == "pp":
                previous_msgid_plural = _unescape(value)
            else:
                previous_msgctxt = _unescape(value)
            state = next_state
        _check_complete(last_keyword, first_line, path)
    except CatalogError:
        check_syntax(text, path)  # a line it refuses, anywhere, comes first
        raise
    if failure is not None:
        raise CatalogError(failure[0], path, failure[1])
    if ends_in_comment is False:
        entries.append(_entry(msgid, msgstr, msgid_plural, msgstr_plural, msgctxt, obsolete, comment,
                              tcomment, occurrences, flags, previous_msgctxt, previous_msgid,
                              previous_msgid_plural, linenum))
    po = polib.POFile(encoding="utf-8", check_for_duplicates=False)
    list.extend(po, entries)
    po.header = "\n".join(header)
    # the header entry and its metadata, as polib finds and reads them
    metadata_entry = po.find("")
    if metadata_entry:
        po.remove(metadata_entry)
        po.metadata_is_fuzzy = metadata_entry.flags
        key = None
        for field_line in metadata_entry.msgstr.splitlines():
            try:
                key, field_value = field_line.split(":", 1)
                po.metadata[key] = field_value.strip()
            except ValueError:
                if key is not None:
                    po.metadata[key] += "\n" + field_line.strip()
    if "\x00" in text:
        # comments keep no NUL, as they never have (decode_catalog refuses it)
        po.header = po.header.replace("\x00", "")
        for entry in po:
            entry.comment = entry.comment.replace("\x00", "")
            entry.tcomment = entry.tcomment.replace("\x00", "")
    return po


def parse_catalog(text: str, path: str, require_header: bool = True) -> polib.POFile:
    """Parse and check catalog text; errors name the line."""
    po = _read_entries(text, path)
    po.wrapwidth = WRAP_WIDTH
    check_parsed(po, path, require_header)
    return po


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
    nplurals = _nplurals(po.metadata.get("Plural-Forms", ""))
    if nplurals is not None:
        for entry in po:
            if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != nplurals:
                raise CatalogError(f"{len(entry.msgstr_plural)} plural form(s), but the header's "
                                   f"Plural-Forms says nplurals={nplurals}", path, entry.linenum)
    if require_header and not po.metadata:
        raise CatalogError('no header entry (msgid "") with Content-Type and Language', path, 1)


def read_catalog(path: Path, display: str | None = None, require_header: bool = True) -> polib.POFile:
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror or exc}", name) from None
    po = parse_catalog(decode_catalog(data, name), name, require_header=require_header)
    po.fpath = str(path)
    return po


# -- writing -----------------------------------------------------------------

def template_bytes(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po as babel_write_po
    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=WRAP_WIDTH, sort_output=False, sort_by_file=False,
                   omit_header=False, include_previous=False)
    return buffer.getvalue()


def _comment_lines(prefix: str, text: str) -> list[str]:
    return [(prefix + line) if line else prefix.rstrip() for line in text.split("\n")]


@lru_cache(maxsize=65536)
def _field_lines(fieldname: str, delflag: str, plural_index: str, value: str) -> tuple[str, ...]:
    """polib's wrapping of one field, memoised: the same msgid is written
    once per language, and textwrap dominates the cost of writing."""
    return tuple(polib._BaseEntry._str_field(None, fieldname, delflag, plural_index, value, WRAP_WIDTH))


@lru_cache(maxsize=65536)
def _occurrence_lines(references: str) -> tuple[str, ...]:
    if len(references) + 3 <= WRAP_WIDTH:
        return ("#: " + references,)
    # as polib: never break a file name at its hyphens
    wrapped = textwrap.wrap(references.replace("-", "*"), WRAP_WIDTH, initial_indent="#: ",
                            subsequent_indent="#: ", break_long_words=False)
    return tuple(line.replace("*", "-") for line in wrapped)


def _entry_text(entry: polib.POEntry) -> str:
    """An entry as polib writes it, except that comments are written as they
    are: polib re-wraps long comment lines, which changes a translator's text."""
    lines = _comment_lines("# ", entry.tcomment) if entry.tcomment else []
    if not entry.obsolete:
        if entry.comment:
            lines += _comment_lines("#. ", entry.comment)
        if entry.occurrences:
            lines += _occurrence_lines(" ".join(f"{path}:{line}" if line else path
                                                for path, line in entry.occurrences))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    previous = "#~| " if entry.obsolete else "#| "
    for name in ("previous_msgctxt", "previous_msgid", "previous_msgid_plural"):
        value = getattr(entry, name)
        if value is not None:
            lines += _field_lines(name, previous, "", value)
    delflag = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _field_lines("msgctxt", delflag, "", entry.msgctxt)
    lines += _field_lines("msgid", delflag, "", entry.msgid)
    if entry.msgid_plural:
        lines += _field_lines("msgid_plural", delflag, "", entry.msgid_plural)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            lines += _field_lines("msgstr", delflag, f"[{index}]", entry.msgstr_plural[index])
    else:
        lines += _field_lines("msgstr", delflag, "", entry.msgstr)
    lines.append("")
    return "\n".join(lines)


def catalog_text(po: polib.POFile) -> str:
    """A catalog as gettext text: header comment, header entry, entries,
    then obsolete entries, wrapped at 78 columns as polib and msgmerge do."""
    out = []
    if po.header:
        for line in po.header.split("\n"):
            out.append("#" if not line else "#" + line if line[:1] in ",:" else "# " + line)
    header = "\n".join(out) + "\n" if out else ""
    entries = [po.metadata_as_entry()] + [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    text = header + "\n".join(_entry_text(e) for e in entries)
    return text if text.endswith("\n") else text + "\n"


def catalog_bytes(po: polib.POFile) -> bytes:
    """The catalog in UTF-8; the charset in its header says so."""
    po.encoding = "utf-8"
    content_type = po.metadata.get("Content-Type", "")
    if "charset=" in content_type and "charset=utf-8" not in content_type.lower():
        po.metadata["Content-Type"] = re.sub(r"charset=[^;\s]+", "charset=UTF-8", content_type)
    return catalog_text(po).encode("utf-8")


def write_catalog(path: Path, po: polib.POFile) -> bool:
    return atomic_write_bytes(path, catalog_bytes(po))


def mo_bytes(po: polib.POFile) -> bytes:
    """Binary catalog of the translated, non-fuzzy entries."""
    fd, tmp = tempfile.mkstemp(suffix=".mo")
    os.close(fd)
    try:
        compiled = polib.POFile(wrapwidth=WRAP_WIDTH)
        compiled.metadata = dict(po.metadata)
        for entry in po:
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            if not (entry.msgstr or any(entry.msgstr_plural.values())):
                continue
            compiled.append(entry)
        compiled.save_as_mofile(tmp)
        return Path(tmp).read_bytes()
    finally:
        os.unlink(tmp)
