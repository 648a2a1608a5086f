"""CLDR date patterns as regular expressions: babel's `get_date_format`
patterns ("d 'de' MMMM 'de' y", "y年M月d日", "MMMM d, y") read into their
fields and literals, with the weekday or the year left out, and compiled
with a language's month names and day numbers as named groups (`day`,
`month` or `month_number`, `year`). The date check (`dates.py`) reads
dates with them."""

from __future__ import annotations

import re

from ..stored_patterns import stored_compile

WORDY = re.compile(r"[^\W\d_]")  # a letter

# A date starts after no digit, separator or letter of an alphabet; Chinese, Japanese and Korean
# write numbers right after their words ("是6月5日")
AFTER_NO_WORD = r"(?<![\d.,/])(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff])"

# A day may carry its ordinal ending: "June 5th", "1er juin", "5-го июня"
ORDINAL_END = r"(?:st|nd|rd|th|er|ᵉʳ|º|-?го)?"

_PIECE = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.S)
_FIELDS = "yMLdE"


def pattern_pieces(pattern: str) -> list[tuple[str, str]]:
    """A CLDR date pattern as (field letter or "", text): "d 'de' MMMM" is
    [("d", "d"), ("", " de "), ("M", "MMMM")]; literals run together."""
    found: list[tuple[str, str]] = []
    for match in _PIECE.finditer(pattern):
        text = match.group()
        field = text[0] if text[0] in _FIELDS else ""
        if not field:
            text = text[1:-1].replace("''", "'") if text.startswith("'") and len(text) > 1 else text
            if found and not found[-1][0]:
                found[-1] = ("", found[-1][1] + text)
                continue
        found.append(("M", "M" * len(text)) if field == "L" else (field, text))
    return found


def trimmed(pieces: list[tuple[str, str]], drop: str) -> list[tuple[str, str]]:
    """The pieces without the fields of `drop` (the weekday; the year), each
    with the literal that joins it to the rest, and no literal at either end
    but a day's word after the day ("5日", "5일")."""
    kept = list(pieces)
    while any(field and field in drop for field, _ in kept):
        i = next(i for i, (field, _) in enumerate(kept) if field and field in drop)
        before = i > 0 and not kept[i - 1][0]
        after = i + 1 < len(kept) and not kept[i + 1][0]
        if not any(f for f, _ in kept[:i]):  # a first field goes with the literal after it
            del kept[i:i + 1 + after]
        elif not any(f for f, _ in kept[i + 1:]):  # a last one with the literals around it, but a day's word
            del kept[i - (before and not WORDY.search(kept[i - 1][1])):]
        else:
            del kept[i - before:i + 1]
    while kept and not kept[0][0]:
        kept.pop(0)
    while kept and not kept[-1][0] and not (kept[-2][0] == "d" and WORDY.search(kept[-1][1])):
        kept.pop()
    return kept


def _literal(text: str) -> str:
    """A pattern's literal as a regex: spaces optional, a comma or point
    optional ("5 juin, 2025"), direction marks dropped."""
    out = []
    for char in text:
        if char.isspace() or char in "\u200e\u200f":
            out.append(r"\s*")
        elif char in ",.،":
            out.append(re.escape(char) + "?")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _field(field: str, count: int, names: str, day: str) -> str:
    if field == "y":
        return r"(?P<year>\d{4})"
    if field == "M":
        return f"(?P<month>{names})" if count >= 3 else rf"(?P<month_number>{day})"
    return rf"(?P<day>{day})"


def compiled(pieces: list[tuple[str, str]], names: str, day: str, day_word: str) -> re.Pattern:
    """A pattern's regex: month names or numbers, day and year as named
    groups; the day word may come before a day that opens the date."""
    parts = []
    for i, (field, text) in enumerate(pieces):
        if not field:  # a day's word may be left out: "6月5号"
            parts.append(_literal(text) if i + 1 < len(pieces) else f"(?:{_literal(text.strip())})?")
            continue
        regex = _field(field, len(text), names, day)
        if field == "d" and i == 0 and day_word:
            regex = rf"(?:{re.escape(day_word)}\s*)?" + regex
        parts.append(regex)
    # kept compiled across runs: a language's dates are a dozen patterns of its month names
    return stored_compile("date", "(?i)" + AFTER_NO_WORD + "".join(parts) + r"(?![\d/]|[.,]\d)")
