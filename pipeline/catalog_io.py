"""Reading and writing catalog files (.pot, .po, .mo).

Templates are written by babel; translation catalogs are read and written by
polib, which keeps previous msgids (`#|`) intact. Before polib sees a file,
it is decoded by its declared charset and checked line by line, because
polib accepts some files that GNU msgfmt rejects (an unterminated string, for
one). Every write goes to a temporary file that replaces the target only when
complete.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po as babel_write_po

from .catalog import WRAP_WIDTH
from .errors import CatalogError, LocpipeError

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+{_STRING}[ \t]*$")
_CONTINUATION = re.compile(rf"^{_STRING}[ \t]*$")
_OBSOLETE_PREVIOUS = re.compile(r"^#~\|", re.M)
_COMMENT_LINE = re.compile(r"^(#\.?)(?:[ \t](.*))?$", re.M)
MAX_LINE_BYTES = 1_000_000


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; returns False when the file already
    holds exactly these bytes (and leaves it untouched)."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise LocpipeError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise LocpipeError(f"cannot write: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise LocpipeError(f"cannot write: {exc.strerror or exc}", path) from None
    return True


def _sync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write many files atomically, as one batch; returns those that changed.
    Each changed file is first written to a temporary file beside its
    target; all are synced to disk together (concurrent fsyncs share the
    file system's journal commits: a tenth of the time of one after another
    for an update of a thousand catalogs), then each is renamed over its
    target. A failure before the renames (a full disk) removes the temporary
    files and leaves every target as it was."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            try:
                old_mode = path.stat().st_mode & 0o777
                if path.read_bytes() == data:
                    continue
            except FileNotFoundError:
                old_mode = 0o644
            except OSError as exc:
                raise LocpipeError(f"cannot read: {exc.strerror or exc}", path) from None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.chmod(tmp, old_mode)
            except OSError as exc:
                raise LocpipeError(f"cannot write: {exc.strerror or exc}", path) from None
        with ThreadPoolExecutor(max_workers=max(1, min(32, len(staged)))) as pool:
            for (tmp, path), error in zip(staged, pool.map(_sync_error, [tmp for tmp, _ in staged])):
                if error is not None:
                    raise LocpipeError(f"cannot write: {error.strerror or error}", path)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    return [path for _, path in staged]


def _sync_error(path: str) -> OSError | None:
    try:
        _sync(path)
    except OSError as exc:
        return exc
    return None


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


def check_structure(text: str, path: str) -> None:
    """The order of keywords, as GNU msgfmt's grammar wants it: [msgctxt]
    msgid, then msgstr, or msgid_plural and msgstr[0], msgstr[1], ... with no
    comment inside an entry and #~ on all of an entry's lines or none.
    Expects lines that passed `check_syntax`."""
    state = None          # the last keyword of the entry being read
    start = 0             # its first line
    obsolete = False
    plural_index = -1

    def incomplete() -> None:
        if state == "msgctxt":
            raise CatalogError("msgctxt with no msgid after it", path, start)
        if state == "msgid":
            raise CatalogError("msgid with no msgstr (msgfmt: missing 'msgstr' section)", path, start)
        if state == "msgid_plural":
            raise CatalogError("msgid_plural with no msgstr[0]", path, start)

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        marked = False
        if line.startswith("#~"):
            marked, line = True, line[2:].lstrip()
            if not line:
                continue
        if line.startswith(("#", "|")):
            if line.startswith(("#|", "|")) and '"' in line:
                _check_escapes(line, path, number)  # a previous msgid, decoded by polib too
            if state is not None and state not in ("msgstr", "msgstr[]"):
                incomplete()  # a comment inside an entry: msgfmt ends the entry there
            state = None
            continue
        _check_escapes(line, path, number)
        if "\x04" in line:
            raise CatalogError("context separator (U+0004, EOT) within a string", path, number)
        match = _FIELD.match(line)
        keyword = match.group(1) if match else None
        if keyword is None:
            if state is None:
                raise CatalogError("a string outside of any entry", path, number)
            if marked != obsolete:
                raise CatalogError("inconsistent use of #~ within an entry", path, number)
            continue
        field_name = "msgstr[]" if match.group(2) is not None else keyword
        if field_name in ("msgctxt", "msgid") and state in (None, "msgstr", "msgstr[]"):
            state, start, obsolete, plural_index = field_name, number, marked, -1
            continue
        if field_name in ("msgctxt", "msgid") and not (field_name == "msgid" and state == "msgctxt"):
            incomplete()
        if marked != obsolete:
            raise CatalogError("inconsistent use of #~ within an entry", path, number)
        if field_name == "msgid" and state == "msgctxt":
            state = "msgid"
        elif field_name == "msgstr" and state == "msgid":
            state = "msgstr"
        elif field_name == "msgid_plural" and state == "msgid":
            state = "msgid_plural"
        elif field_name == "msgstr[]" and state in ("msgid_plural", "msgstr[]"):
            index = int(match.group(2))
            if index != plural_index + 1:
                raise CatalogError(f"plural form msgstr[{index}] where msgstr[{plural_index + 1}] "
                                   "belongs", path, number)
            state, plural_index = "msgstr[]", index
        elif field_name == "msgstr[]" and state == "msgid":
            raise CatalogError(f"msgstr[{match.group(2)}] in an entry with no msgid_plural "
                               "(msgfmt: missing 'msgid_plural' section)", path, number)
        elif field_name == "msgstr" and state in ("msgid_plural", "msgstr[]"):
            raise CatalogError("msgstr in an entry with msgid_plural; plural entries take "
                               "msgstr[0], msgstr[1], ...", path, number)
        else:
            incomplete()
            raise CatalogError(f"unexpected {keyword} (msgfmt: syntax error)", path, number)
    incomplete()


def _nplurals(plural_forms: str) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else None


def parse_catalog(text: str, path: str, require_header: bool = True) -> polib.POFile:
    """Parse catalog text with polib after checking it; errors name the line."""
    check_syntax(text, path)
    check_structure(text, path)
    # polib skips the previous msgids of obsolete entries (`#~|`) but reads
    # them as `#|` lines, and writes them back as `#~|`.
    text = _OBSOLETE_PREVIOUS.sub("#|", text)
    # polib strips every line, drops blank `#.` lines and leading blank `#`
    # lines: a NUL (which no catalog holds, see decode_catalog) at the end of
    # each comment line keeps its text exactly, and is removed after parsing.
    text = _COMMENT_LINE.sub(lambda m: f"{m.group(1)} {m.group(2) or ''}\x00", text)
    try:
        parser = polib._POFileParser(text, encoding="utf-8", check_for_duplicates=False)
        # polib splits with str.splitlines, which also breaks lines at U+0085,
        # U+2028, U+001C..U+001E and others that a msgstr may hold
        parser.fhandle = text.split("\n")
        po = parser.parse()
        po.wrapwidth = WRAP_WIDTH
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"\(line (\d+)\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(line \d+\)", "", message).replace("Syntax error in po file", "syntax error")
        raise CatalogError(message.strip() or "syntax error", path, line) from None
    po.header = po.header.replace("\x00", "")
    for entry in po:
        entry.comment = entry.comment.replace("\x00", "")
        entry.tcomment = entry.tcomment.replace("\x00", "")
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
    return po


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
