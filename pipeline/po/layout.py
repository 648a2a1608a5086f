"""Where GNU gettext breaks a string across lines, so that a catalog we
write is the file `msgcat` would write (no churn in a translator's diff).

gettext (write-po.c) escapes each `\\n`-ended portion of a string, then asks
libunistring where the line may break (`u8_width_linebreaks`: Unicode line
breaking, UAX #14, as libunistring 1.0 implements it, with its pair table)
and breaks greedily so that no line passes column 79. Columns are counted as
libunistring's `uc_width` counts them: East Asian wide and fullwidth
characters take 2, combining marks, format characters and conjoining Hangul
vowels and finals 0, everything else 1 (Devanagari vowel signs too, unlike
wcwidth). A word too long for the line is never cut inside: the line
overflows. The line break class of a character comes from the `regex`
module's Unicode data, folded into libunistring's classes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

import regex

from .plain_prose import PLAIN_PROSE, plain_prose_breaks, word_starts

PAGE_WIDTH = 79  # gettext's default page width

# break decisions, as libunistring names them
_PROHIBITED, _POSSIBLE, _MANDATORY, _UNDEFINED = 0, 1, 2, 3

# libunistring 1.0's line break classes: those below 33 index the pair table
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY, AL, H2, H3,
 ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM) = range(33)
BK, CM, ZW, SP = 33, 36, 37, 38
HL_BA = 100  # a Hebrew letter and then a hyphen or break-after character

# Table 7.3 of UAX #14 as libunistring 1.0 has it: [before][after],
# D a direct break, I a break only after spaces, P none.
_PAIRS = """
WJ  PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
GL  PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
B2  PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
BA  PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
BB  PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII
HY  PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD
CL  PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD
CP1 PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD
CP2 PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD
EX  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
IN  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
NS  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
OP1 PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
OP2 PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
QU  PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII
IS  PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD
NU  PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
PO  PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD
PR  PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII
SY  PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD
AL  PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
H2  PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD
H3  PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD
ID1 PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD
ID2 PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI
JL  PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD
JV  PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD
JT  PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD
HL  PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD
RI  PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD
ZWJ PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII
EB  PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI
EM  PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD
"""
_TABLE = [row.split()[1] for row in _PAIRS.strip().splitlines()]

# Unicode's class names (as the regex module knows them) in libunistring 1.0's
# terms; OP, CP and ID are split below. Newer classes fold into the old ones.
_CLASSES = {"WJ": WJ, "GL": GL, "B2": B2, "BA": BA, "HH": BA, "BB": BB, "HY": HY, "CL": CL, "EX": EX,
            "IN": IN, "NS": NS, "CJ": NS, "QU": QU, "IS": IS, "NU": NU, "PO": PO, "PR": PR, "SY": SY,
            "AL": AL, "AI": AL, "SA": AL, "XX": AL, "SG": AL, "AK": AL, "AP": AL, "AS": AL,
            "H2": H2, "H3": H3, "HL": HL, "JL": JL, "JV": JV, "JT": JT, "RI": RI, "ZWJ": ZWJ,
            "EB": EB, "EM": EM, "CB": ID1, "BK": BK, "NL": BK, "CR": BK, "LF": BK, "CM": CM,
            "VF": CM, "VI": CM, "ZW": ZW, "SP": SP, "OP": OP1, "CP": CP1, "ID": ID1}
_CLASS_PATTERNS = [(regex.compile(rf"\p{{Line_Break={name}}}"), value) for name, value in _CLASSES.items()]
# Characters whose class changed after Unicode 14 (libunistring 1.0's data),
# with the class libunistring gives them.
_UNICODE_14 = {
    AL: "0xB7, 0x387, 0x600-0x605, 0x6DD, 0x890-0x891, 0x8E2, 0x19DA, 0x1B5C, 0x1B61-0x1B6A, 0x1B74-0x1B7C, "
        "0x2057, 0x2800, 0xA9C1-0xA9C6, 0xA9CA-0xA9CD, 0xA9CF, 0xA9DE-0xA9DF, 0xAA40-0xAA42, 0xAA44-0xAA4B, "
        "0xAA5C, 0x11049-0x1104D, 0x11052-0x11065, 0x110BD, 0x110CD, 0x1133D, 0x1135D, 0x11EF2, 0x11EF7-0x11EF8",
    GL: "0x34F",
    NU: "0x1B50-0x1B59, 0xA9D0-0xA9D9, 0xAA50-0xAA59, 0x11066-0x1106F, 0x11950-0x11959",
    CM: "0x1DCD, 0x1DFC, 0xFE20, 0xFE22, 0xFE24, 0xFE26-0xFE27, 0xFE29, 0xFE2B, 0xFE2D-0xFE2E, 0x1107F",
    CL: "0x2E56, 0x2E58, 0x2E5A, 0x2E5C",
    IS: "0xFE10, 0xFE13-0xFE14",
    ID1: "0xFE51, 0x1F10D-0x1F10F, 0x1F16D-0x1F16F, 0x1F1AD, 0x1F8B0-0x1F8B1",
}
_OLD_CLASSES = {chr(code): value for value, ranges in _UNICODE_14.items() for part in ranges.split(", ")
                for code in range(int(part.split("-")[0], 16), int(part.split("-")[-1], 16) + 1)}
_EXTENDED_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
# combining marks libunistring counts one column wide (Kannada, Zanabazar Square, Bhaiksuki)
_SPACING_NONSPACING = frozenset("\u0cbf\u0cc6\U00011a07\U00011a08\U00011c3f")


@lru_cache(maxsize=None)
def line_break_class(char: str) -> int:
    """The line break class of a character, as libunistring 1.0 resolves it
    for UTF-8 text: ambiguous ones as alphabetic, complex-context ones (Thai,
    Lao, Khmer) as alphabetic too, since it has no dictionary."""
    if char in _OLD_CLASSES:
        return _OLD_CLASSES[char]
    for pattern, value in _CLASS_PATTERNS:
        if pattern.match(char):
            break
    else:
        value = AL
    if value in (OP1, CP1) and unicodedata.east_asian_width(char) in "WFH":
        return value + 1  # OP2, CP2: East Asian brackets
    if value == ID1 and unicodedata.category(char) == "Cn" and _EXTENDED_PICTOGRAPHIC.match(char):
        return ID2
    return value


@lru_cache(maxsize=None)
def column_width(char: str) -> int:
    """Columns a character takes in a catalog line, as gettext counts them
    (libunistring's `uc_width` in UTF-8); control characters count 0."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    if char in _SPACING_NONSPACING:
        return 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf") or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def possible_breaks(text: str) -> dict[int, int]:
    """Where UAX #14 allows (or forces) a line break before a character of
    `text`: plain prose at once, any other text by `uax14_breaks`."""
    if PLAIN_PROSE.fullmatch(text):
        return dict.fromkeys(word_starts(text), _POSSIBLE)
    return uax14_breaks(text)


_PLAIN = object()  # a portion of plain prose: `plain_prose_breaks` lays it out


def uax14_breaks(text: str) -> dict[int, int]:
    """Where UAX #14 allows (or forces) a line break before a character of
    `text`, as libunistring 1.0's `u8_possible_linebreaks` decides: index
    to `_POSSIBLE` or `_MANDATORY`; elsewhere a break is prohibited.

    A space (the only character of class SP) ends what a word can pass on
    to the next but the class of its last character that is not a space:
    so the text is decided a word at a time, and a word met again after a
    character of the same class is not decided again."""
    breaks: dict[int, int] = {}
    last, seen_space, offset = BK, False, 0
    for word in text.split(" "):
        if word:
            decided, last = _word_breaks(word, last, seen_space)
            for index, kind in decided:
                breaks[offset + index] = kind
        offset += len(word) + 1
        seen_space = True
    return breaks


@lru_cache(maxsize=1 << 16)
def _word_breaks(word: str, last: int, seen_space: bool) -> tuple[tuple[tuple[int, int], ...], int]:
    """The breaks before the characters of a word without spaces, after a
    character of class `last` (BK at the start of the text) and, with
    `seen_space`, a space; and the class `last` it passes on."""
    breaks: list[tuple[int, int]] = []
    previous = SP if seen_space else BK  # class of the last character
    regional = 0
    table = _TABLE
    for index, cls in enumerate(map(line_break_class, word)):
        if cls == AL and last == AL and previous == AL:
            continue  # inside a word: the commonest case, no break and nothing to update
        if cls == BK:
            breaks.append((index, _MANDATORY))
            previous = last = BK
            seen_space = False
        else:
            if cls == ZW:
                last = ZW
                seen_space = False
            elif cls == CM or cls == ZWJ:
                if last == BK:
                    last, seen_space = AL, False
                elif last == ZW or seen_space:
                    breaks.append((index, _POSSIBLE))
                    last, seen_space = AL, False
            else:
                if last == BK:
                    pass
                elif last == ZW:
                    breaks.append((index, _POSSIBLE))
                elif previous == ZWJ or previous == HL_BA:
                    pass
                elif last == RI and cls == RI:
                    if seen_space or regional % 2 == 0:
                        breaks.append((index, _POSSIBLE))
                else:
                    rule = table[last][cls]
                    if rule == "D" or (rule == "I" and seen_space):
                        breaks.append((index, _POSSIBLE))
                last = cls
                seen_space = False
            previous = HL_BA if previous == HL and (cls == HY or cls == BA) else cls
        regional = regional + 1 if cls == RI else 0
    return tuple(breaks), last


def width_breaks(text: str, width: int, start_column: int, overrides: dict[int, int]) -> list[int]:
    """The indexes of `text` before which gettext breaks the line: greedy,
    at the last break opportunity before the piece that would pass `width`
    (libunistring's `u8_width_linebreaks`; `overrides` forbid breaks inside
    escape sequences and directives)."""
    return _greedy_breaks(*_break_opportunities(text, overrides), width, start_column)


def _break_opportunities(text: str, overrides: dict[int, int]) -> tuple[dict[int, int], list[int] | range]:
    """Where a line may break (as `possible_breaks`, less `overrides`), and
    the column before each index of `text`."""
    opportunities = possible_breaks(text)
    for index in overrides:
        opportunities.pop(index, None)
    if text.isascii():
        return opportunities, range(len(text) + 1)
    return opportunities, [0, *accumulate(map(column_width, text))]


def _greedy_breaks(opportunities: dict[int, int], columns: list[int] | range, width: int,
                   start_column: int) -> list[int]:
    """gettext's greedy choice among the break opportunities (in order of
    index): a line breaks at the last opportunity before the first one that
    would pass `width`, or at its first opportunity when that one already
    does. Without a mandatory break, each line is found by bisection."""
    if _MANDATORY in opportunities.values():
        return _greedy_breaks_stepwise(opportunities, columns, width, start_column)
    positions = list(opportunities)
    if not positions:
        return []
    at = positions if isinstance(columns, range) else [columns[index] for index in positions]
    chosen: list[int] = []
    line_start = -start_column  # the column the current line starts at, as `columns` counts
    examined = 0  # opportunities before this one are decided
    while columns[-1] - line_start > width:
        passing = bisect_right(at, line_start + width, examined)  # the first opportunity past the width
        if passing == len(positions):
            chosen.append(positions[-1])
            break
        if passing > 0:
            chosen.append(positions[passing - 1])
            line_start = at[passing - 1]
        examined = passing + 1
    return chosen


def _greedy_breaks_stepwise(opportunities: dict[int, int], columns: list[int] | range, width: int,
                            start_column: int) -> list[int]:
    """`_greedy_breaks` an opportunity at a time, for a text with a mandatory break."""
    chosen: list[int] = []
    last_break = -1
    last_column = start_column
    piece_start = 0
    for index, kind in opportunities.items():
        piece_width = columns[index] - columns[piece_start]
        if last_break >= 0 and last_column + piece_width > width:
            chosen.append(last_break)
            last_column = 0
        if kind == _MANDATORY:
            last_break, last_column, piece_start = -1, 0, index + 1
        else:
            last_break = index
            last_column += piece_width
            piece_start = index
    if last_break >= 0 and last_column + columns[-1] - columns[piece_start] > width:
        chosen.append(last_break)
    return chosen


_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v",
            "\\": "\\\\", '"': '\\"'}
_ESCAPE_PATTERN = re.compile(r'[\a\b\f\n\r\t\v\\"]')


def _escaped(portion: str, offset: int, directives: frozenset[int]) -> tuple[str, dict[int, int]]:
    """A portion as it stands between quotes, and where it may not break:
    inside an escape sequence or a format directive (`directives`: indexes
    of the string, `offset` where this portion starts), and just before a
    final `\\n`."""
    if not directives and not _ESCAPE_PATTERN.search(portion):
        return portion, {}
    out: list[str] = []
    overrides: dict[int, int] = {}
    column = 0
    for index, char in enumerate(portion, start=offset):
        if index in directives:
            overrides[column] = _PROHIBITED
        escape = _ESCAPES.get(char)
        if escape is None:
            out.append(char)
            column += 1
        else:
            out.append(escape)
            overrides[column + 1] = _PROHIBITED
            column += 2
    if portion.endswith("\n"):
        overrides[column - 2] = _PROHIBITED
    return "".join(out), overrides


_PYTHON_CONVERSIONS = frozenset("%csridouxXeEfgG")


def python_directive_inside(value: str) -> frozenset[int]:
    """The indexes of `value` inside a Python %-directive, but for its
    first character, where gettext does not break a python-format string
    (format-python.c): directives are read left to right until the first
    one gettext finds invalid."""
    inside: set[int] = set()
    named = unnamed = 0
    position = value.find("%")
    while position >= 0:
        start, index, name = position, position + 1, False
        if value[index:index + 1] == "(":
            depth, index = 0, index + 1
            while index < len(value) and (value[index] != ")" or depth):
                depth += {"(": 1, ")": -1}.get(value[index], 0)
                index += 1
            if index >= len(value):
                break
            name, index = True, index + 1
        while value[index:index + 1] in ("-", "+", " ", "#", "0") and index < len(value):
            index += 1
        for allow_digits in (True, False):  # width, then precision after a dot
            if not allow_digits:
                if value[index:index + 1] != ".":
                    break
                index += 1
            if value[index:index + 1] == "*":
                if named:
                    return frozenset(inside)
                unnamed, index = unnamed + 1, index + 1
            else:
                while value[index:index + 1].isdigit() and value[index].isascii():
                    index += 1
        if value[index:index + 1] in ("h", "l", "L"):
            index += 1
        conversion = value[index:index + 1]
        if not conversion or conversion not in _PYTHON_CONVERSIONS:
            break
        if name:
            if unnamed:
                break
            named += 1
        elif conversion != "%":
            if named:
                break
            unnamed += 1
        inside.update(range(start + 1, index + 1))
        position = value.find("%", index + 1)
    return frozenset(inside)


def _portions(value: str) -> list[str]:
    """The `\\n`-ended pieces of a string, as gettext writes each on its own lines."""
    pieces = value.split("\n")
    portions = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1] or not portions:
        portions.append(pieces[-1])
    return portions


@lru_cache(maxsize=8192)
def field_lines(prefix: str, keyword: str, value: str, page_width: int = PAGE_WIDTH,
                python_format: bool = False) -> tuple[str, ...]:
    """A keyword and its string as gettext writes them (write-po.c `wrap`):
    `prefix` is "", "#| ", "#~ " or "#~| ". A string that takes more than
    one line starts with an empty one; a python-format string does not
    break inside its directives. Memoised: every language's catalog writes
    the same msgids."""
    after_break = len(prefix) + 1
    width = page_width - 1 - after_break
    lines: list[str] = []
    portions = _portions(value)
    directives = python_directive_inside(value) if python_format and "%" in value else frozenset()
    first = True
    offset = 0
    for number, portion in enumerate(portions):
        laid_out = _layout(portion, offset, directives)
        text = laid_out.text
        offset += len(portion)
        start = len(keyword) + 1 if first else 0
        cuts = laid_out.cuts(width, start)
        if first and text and (number + 1 < len(portions) or start > width or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            cuts = laid_out.cuts(width, 0)
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        bounds = [0, *cuts, len(text)]
        for index, (begin, end) in enumerate(zip(bounds, bounds[1:])):
            lines.append(f'{head if index == 0 else prefix}"{text[begin:end]}"')
    return tuple(lines)


@lru_cache(maxsize=8192)
def _layout(portion: str, offset: int, directives: frozenset[int]) -> _Layout:
    """A portion laid out, kept for the other page widths a catalog's file
    is tried at (see `writer.file_page_width`)."""
    return _Layout(*_escaped(portion, offset, directives))


class _Layout:
    """A portion's break opportunities, found once (only when it does not
    fit on its line) for every width and both places its first line may start."""

    def __init__(self, text: str, overrides: dict[int, int]):
        self.text, self.overrides, self.found = text, overrides, None

    def cuts(self, width: int, start: int) -> list[int]:
        """Where the line breaks; none without computing when the text fits."""
        text = self.text
        if start + len(text) <= width and (text.isascii() or start + sum(map(column_width, text)) <= width):
            return []
        if self.found is None:
            plain = not self.overrides and PLAIN_PROSE.fullmatch(text)
            self.found = _PLAIN if plain else _break_opportunities(text, self.overrides)
        if self.found is _PLAIN:
            return plain_prose_breaks(text, width, start)
        return _greedy_breaks(*self.found, width, start)


@lru_cache(maxsize=8192)
def reference_lines(occurrences: tuple[tuple[str, str], ...], page_width: int = PAGE_WIDTH) -> tuple[str, ...]:
    """`#:` lines as gettext fills them: `path:line` references in order
    (a leading `./` dropped), a new line when the next would pass the page
    width, counted in bytes as gettext counts them. Memoised: every
    language's catalog has the same references."""
    lines: list[str] = []
    line = "#:"
    column = 2
    for path, number in occurrences:
        while path.startswith("./"):
            path = path[2:]
        reference = path + (f":{number}" if number else "")
        size = len(reference.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(line)
            line, column = "#:", 2
        line += " " + reference
        column += size
    lines.append(line)
    return tuple(lines)
