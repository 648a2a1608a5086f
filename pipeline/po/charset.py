"""The text of a catalog file: decoded by the charset its header entry
declares (UTF-8 when none), refusing what would read as mojibake."""

from __future__ import annotations

import re

from ..errors import CatalogError


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
    _refuse_c1_controls(data, charset, path)
    try:
        text = data.decode(charset)
    except LookupError:
        raise CatalogError(f"unknown charset {charset!r} in the header", path, charset_line or 1) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError(f"bytes that are not valid {charset} (byte 0x{data[exc.start]:02x})",
                           path, line) from None
    # CRLF line ends, which msgfmt accepts, read as LF (the writer restores them: `catalog_from_bytes`)
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


_C1_BYTE = re.compile(rb"[\x80-\x9f]")


def _refuse_c1_controls(data: bytes, charset: str, path: str) -> None:
    """Bytes 0x80-0x9F that the declared one-byte charset reads as C1
    controls (ISO-8859-1 reads windows-1252's curly quotes 0x93/0x94 so):
    the file was saved in another charset than it declares. Refused, as
    `update` would otherwise make the mojibake permanent in UTF-8."""
    for match in _C1_BYTE.finditer(data):
        try:
            decoded = match.group().decode(charset)
        except (LookupError, UnicodeDecodeError):
            return  # the charset's own error, or a multibyte charset, says more
        if len(decoded) != 1 or not 0x80 <= ord(decoded) <= 0x9F:
            return  # a charset that gives these bytes characters (windows-1252, KOI8-R, ...)
        line = data[: match.start()].count(b"\n") + 1
        raise CatalogError(f"byte 0x{data[match.start()]:02x} is the control character U+{ord(decoded):04X} in "
                           f"{charset}, which the header declares: the file was saved in another charset "
                           "(windows-1252 writes curly quotes so); save it as UTF-8, or declare its real "
                           "charset in the header's Content-Type", path, line)


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
