"""Writing catalogs: templates (.pot) as babel lays them out, translation
catalogs (.po) as polib and msgmerge do (wrapped at 78 columns, comments
kept as written) and binary catalogs (.mo). Every file is written through
one atomic helper."""

from __future__ import annotations

import io
import re
import textwrap
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from ..catalog_io import atomic_write_bytes
from .reader import WRAP_WIDTH

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog


def template_bytes(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po as babel_write_po
    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=WRAP_WIDTH, sort_output=False, sort_by_file=False,
                   omit_header=False, include_previous=False)
    return buffer.getvalue()


def _comment_lines(prefix: str, text: str) -> list[str]:
    return [(prefix + line) if line else prefix.rstrip() for line in text.split("\n")]


_SPECIAL_CHARACTERS = ("\\", "\n", "\r", "\t", "\v", "\b", "\f", '"')


@lru_cache(maxsize=65536)
def _field_lines(keyword: str, prefix: str, value: str) -> tuple[str, ...]:
    """One field as polib and msgmerge lay it out: a value with line ends
    (or longer than the line) starts with "" and takes a line per line end
    (or per piece wrapped at 78 columns); a previous msgid (`#| msgid`)
    is wrapped as polib wraps it, a little early. Memoised: the same msgid is
    written once per language, and textwrap dominates the cost of writing."""
    lines = value.splitlines(True)
    if len(lines) > 1:
        lines = ["", *lines]
    else:
        room = WRAP_WIDTH - len(keyword) - 3 + sum(value.count(c) for c in _SPECIAL_CHARACTERS)
        if len(value) <= room:
            lines = [value]
        else:
            pieces = textwrap.wrap(polib.escape(value), WRAP_WIDTH - 2, drop_whitespace=False,
                                   break_long_words=False)
            lines = ["", *(polib.unescape(piece) for piece in pieces)]
    first, *rest = lines
    keyword = keyword.removeprefix("previous_")  # measured with its prefix, as polib does
    return (f'{prefix}{keyword} "{polib.escape(first)}"', *(f'{prefix}"{polib.escape(line)}"' for line in rest))


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
    for keyword, value in (("previous_msgctxt", entry.previous_msgctxt),
                           ("previous_msgid", entry.previous_msgid),
                           ("previous_msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += _field_lines(keyword, previous, value)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _field_lines("msgctxt", prefix, entry.msgctxt)
    lines += _field_lines("msgid", prefix, entry.msgid)
    if entry.msgid_plural:
        lines += _field_lines("msgid_plural", prefix, entry.msgid_plural)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            lines += _field_lines(f"msgstr[{index}]", prefix, entry.msgstr_plural[index])
    else:
        lines += _field_lines("msgstr", prefix, entry.msgstr)
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
    """Write the catalog's file atomically; False when it already holds these bytes."""
    return atomic_write_bytes(path, catalog_bytes(po))


def mo_bytes(po: polib.POFile) -> bytes:
    """The binary catalog (.mo) of the translated entries that are not fuzzy."""
    return po.to_binary()


