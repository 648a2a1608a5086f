"""Writing catalogs: templates (.pot) and translation catalogs (.po) in GNU
gettext's layout, byte for byte what `msgcat` writes (so a file saved by
Poedit, Weblate or msgmerge and merged by locpipe changes only where its
content changed), and binary catalogs (.mo). Every file is written through
one atomic helper.

Where gettext would drop information, this writer keeps it: an obsolete
plural entry with only its first form empty, a fuzzy plural entry whose
first form is empty, and flags gettext does not know (written after the
ones it knows) stay in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib

from ..catalog_io import atomic_write_bytes
from .layout import PAGE_WIDTH, field_lines, reference_lines
from .reader import HEADER_LINES, LAYOUT_OF, LINE_END, SOURCE_TEXT

# The flags gettext 0.21 knows, in the order it writes them after "fuzzy".
_FORMATS = ("c", "objc", "python", "python-brace", "java", "csharp", "javascript", "scheme", "lisp",
            "elisp", "librep", "sh", "awk", "lua", "object-pascal", "smalltalk", "qt", "qt-plural", "kde",
            "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp")
_FLAG_ORDER = {name: rank for rank, name in enumerate(
    f"{kind}{language}-format" for language in _FORMATS for kind in ("", "no-", "possible-"))}
_RANGE, _WRAP, _UNKNOWN = len(_FLAG_ORDER), len(_FLAG_ORDER) + 1, len(_FLAG_ORDER) + 2
_FLAG_ORDER.update({"no-wrap": _WRAP, "wrap": _WRAP})


def _flag_rank(flag: str) -> int:
    if flag in _FLAG_ORDER:
        return _FLAG_ORDER[flag]
    return _RANGE if flag.startswith("range:") else _UNKNOWN  # not gettext's: kept, last


def _comment_lines(marker: str, text: str) -> list[str]:
    return [f"{marker} {line}" if line else marker for line in text.split("\n")]


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _python_format(entry: polib.POEntry) -> bool:
    """Whether gettext reads the entry's strings as Python formats: the
    first format flag it knows that is not a `no-` one says python."""
    if not entry.flags:
        return False
    for flag in sorted(entry.flags, key=_flag_rank):
        if flag.endswith("-format") and flag in _FLAG_ORDER and not flag.startswith("no-"):
            return flag.removeprefix("possible-") == "python-format"
    return False


NO_WRAP = 1 << 30  # msgcat --no-wrap: strings cut only after \n, references still filled to 79


def _strings(entry: polib.POEntry, prefix: str, wrap: bool, page_width: int) -> list[str]:
    width = page_width if wrap else NO_WRAP
    python_format = not entry.obsolete and _python_format(entry)
    lines: list[str] = []
    previous = "#~| " if entry.obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines += field_lines(previous, keyword, value, width, python_format)
    if entry.msgctxt is not None:
        lines += field_lines(prefix, "msgctxt", entry.msgctxt, width, python_format)
    lines += field_lines(prefix, "msgid", entry.msgid, width, python_format)
    if entry.msgid_plural:
        lines += field_lines(prefix, "msgid_plural", entry.msgid_plural, width, python_format)
        forms = entry.msgstr_plural or {0: entry.msgstr}
        for index in sorted(forms):
            lines += field_lines(prefix, f"msgstr[{index}]", forms[index], width, python_format)
    else:
        lines += field_lines(prefix, "msgstr", entry.msgstr, width, python_format)
    return lines


def entry_lines(entry: polib.POEntry, page_width: int = PAGE_WIDTH) -> list[str]:
    """One entry as gettext writes it (write-po.c `message_print`): translator
    comments, extracted comments, references, flags, previous strings, then
    the strings; an obsolete entry's strings with `#~ `, its flags as a live
    entry's."""
    lines = _comment_lines("#", entry.tcomment) if entry.tcomment else []
    if entry.comment:
        lines += _comment_lines("#.", entry.comment)
    if entry.occurrences:
        lines += reference_lines(tuple(entry.occurrences), PAGE_WIDTH if page_width == NO_WRAP else page_width)
    # "wrap" is gettext's default, which it never writes
    flags = [flag for flag in dict.fromkeys(entry.flags) if flag not in ("fuzzy", "wrap")]
    flags.sort(key=_flag_rank)
    if "fuzzy" in entry.flags and _translated(entry):
        flags.insert(0, "fuzzy")
    if flags:
        lines.append("#, " + ", ".join(flags))
    wrap = "no-wrap" not in entry.flags or entry.obsolete
    return lines + _strings(entry, "#~ " if entry.obsolete else "", wrap, page_width)


def _header_entry(po: polib.POFile) -> polib.POEntry:
    """The header entry: its fields in the order the catalog holds them
    (polib's own header entry would sort them), an unchanged field as the
    file wrote it."""
    written = getattr(po, HEADER_LINES, {})

    def line(key: str, value: str) -> str:
        kept = written.get(key)
        if kept is not None and kept.partition(":")[2].strip() == value:
            return kept
        return f"{key}: {value}"
    msgstr = "".join(line(key, value) + "\n" for key, value in po.metadata.items())
    fuzzy = po.metadata_is_fuzzy
    flags = ["fuzzy"] if fuzzy is True or (isinstance(fuzzy, list) and "fuzzy" in fuzzy) else []
    return polib.POEntry(msgid="", msgstr=msgstr, flags=flags)


def catalog_text(po: polib.POFile, page_width: int | None = None) -> str:
    """A catalog as gettext text: header comment, header entry, entries,
    then obsolete entries, as `msgcat` lays them out; at the page width of
    the file it was read from (see `file_page_width`), 79 columns for a
    new one."""
    if page_width is None:
        page_width = _kept_page_width(po)
    return "\n\n".join("\n".join(block) for block in _blocks(po, page_width)) + "\n"


def _blocks(po: polib.POFile, page_width: int) -> Iterator[list[str]]:
    """The catalog's lines, an entry (the first with the header comment) at a time."""
    return (_block(po, entry, page_width) for entry in _written_entries(po))


def _written_entries(po: polib.POFile) -> list[polib.POEntry | None]:
    """The entries a file holds, in its order; None for the header entry."""
    return [None, *(e for e in po if not e.obsolete), *(e for e in po if e.obsolete and _translated(e))]


def _block(po: polib.POFile, entry: polib.POEntry | None, page_width: int) -> list[str]:
    if entry is not None:
        return entry_lines(entry, page_width)
    header = [("#" + line if line[:1] in ",:" else f"# {line}") if line else "#"
              for line in po.header.split("\n")] if po.header else []
    return header + entry_lines(_header_entry(po), page_width)


def _kept_page_width(po: polib.POFile) -> int:
    original = getattr(po, LAYOUT_OF, po)
    text = getattr(original, SOURCE_TEXT, None)
    if text is None:
        return PAGE_WIDTH
    if not hasattr(original, "locpipe_page_width"):
        original.locpipe_page_width = file_page_width(original, text)
    return original.locpipe_page_width


def file_page_width(po: polib.POFile, text: str) -> int:
    """The page width a catalog's file was laid out at: 79 (gettext's
    default), another `--width` (Weblate writes 77), or `NO_WRAP`; the one
    whose layout of the catalog differs from the file in the fewest lines,
    79 when none is closer. So a file a translator's tool saved keeps its
    layout in the entries an update does not change."""
    lines = text.split("\n")
    # a string line that was cut (another of the string follows) is at most
    # one word shorter than the width
    cut = [len(line) for line, after in zip(lines, lines[1:])
           if line.endswith('"') and not line.endswith('\\n"') and after.startswith(('"', '#~ "', '#| "', '#~| "'))]
    longest = max(cut, default=0)
    candidates = [PAGE_WIDTH, NO_WRAP, *range(max(longest, 20), longest + 12)]
    original = set(lines)
    # the longest entries first: where the widths differ most, so a width the
    # file was not laid out at is given up after few entries
    entries = sorted(_written_entries(po), key=_text_length, reverse=True)
    best, best_score = PAGE_WIDTH, None
    for width in dict.fromkeys(candidates):
        score = _layout_difference(po, entries, width, original, len(lines), best_score)
        if score == 0:
            return width
        if score is not None and (best_score is None or score < best_score):
            best, best_score = width, score
    return best


def _text_length(entry: polib.POEntry | None) -> int:
    if entry is None:
        return 0
    return (len(entry.msgid) + len(entry.msgstr) + sum(map(len, entry.msgstr_plural.values()))
            + len(entry.previous_msgid or ""))


def _layout_difference(po: polib.POFile, entries: list[polib.POEntry | None], width: int, original: set[str],
                       line_count: int, to_beat: int | None) -> int | None:
    """How many of the catalog's lines at `width` the file lacks, plus the
    difference in line count; None as soon as it cannot be under `to_beat`
    (the lines counted so far are a lower bound), which spares writing most
    of the catalog at the widths it was not laid out at. `entries` are the
    file's, in any order: the counts do not depend on it."""
    missing = written = 0
    blank_missing = "" not in original  # the line between entries, and the end of the file
    for block in (_block(po, entry, width) for entry in entries):
        missing += sum(1 for line in block if line not in original) + blank_missing
        written += len(block) + 1
        if to_beat is not None and missing >= to_beat:
            return None
    return missing + abs(written - line_count)


def catalog_bytes(po: polib.POFile) -> bytes:
    """The catalog in UTF-8 (the charset in its header says so), with the
    line ends of the file it was read from (LF for a new one)."""
    po.encoding = "utf-8"
    content_type = po.metadata.get("Content-Type", "")
    if "charset=" in content_type and "charset=utf-8" not in content_type.lower():
        po.metadata["Content-Type"] = re.sub(r"charset=[^;\s]+", "charset=UTF-8", content_type)
    line_end = getattr(getattr(po, LAYOUT_OF, po), LINE_END, "\n")
    return catalog_text(po).replace("\n", line_end).encode("utf-8")


def write_catalog(path: Path, po: polib.POFile) -> bool:
    """Write the catalog's file atomically; False when it already holds these bytes."""
    return atomic_write_bytes(path, catalog_bytes(po))


def compile_problems(po: polib.POFile) -> list[tuple[int, str]]:
    """(line, problem) of what `msgfmt --check` calls fatal in the entries a
    .mo holds (translated, not fuzzy): a python-format translation that is
    not the source's format, a msgstr that does not begin and end with a
    newline as its msgid does."""
    from ..pyformat import format_problems
    found = []
    for entry in po:
        if entry.obsolete or not entry.msgid or "fuzzy" in entry.flags or not _translated(entry):
            continue
        pairs = ([(entry.msgid if index == 0 else entry.msgid_plural, text)
                  for index, text in sorted(entry.msgstr_plural.items())] if entry.msgid_plural
                 else [(entry.msgid, entry.msgstr)])
        for source, target in pairs:
            if not target:
                continue
            for where, test in (("begin", str.startswith), ("end", str.endswith)):
                if test(source, "\n") != test(target, "\n"):
                    found.append((entry.linenum, f"msgid and msgstr do not both {where} with a newline"))
            if _python_format(entry):
                found += [(entry.linenum, f"python-format: {problem}")
                          for problem in format_problems(source, target, flagged=True)]
    return found


def mo_bytes(po: polib.POFile) -> bytes:
    """The binary catalog (.mo) of the translated entries that are not fuzzy."""
    return po.to_binary()
