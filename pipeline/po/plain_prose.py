"""Plain prose, the commonest string of a leaflet: ASCII words, each with
its punctuation, between spaces. UAX #14 allows a break before each word
after the first and nowhere else, so gettext's layout of it needs neither
the line-breaking algorithm nor a list of every opportunity
(tests/test_gettext_layout.py compares both ways with the whole
algorithm of `layout.py`)."""

from __future__ import annotations

import re
from itertools import accumulate, compress, islice

PLAIN_PROSE = re.compile(  # re: three times faster than regex on this pattern
    r"[A-Za-z0-9]+[.,;:!?]*(?: +[A-Za-z0-9]+[.,;:!?]*)* *")


def word_starts(text: str) -> list[int]:
    """Where each word of plain prose after the first starts: its break opportunities."""
    words = text.split(" ")
    starts = accumulate(map((1).__add__, map(len, words)), initial=0)  # where each word starts
    next(starts)
    return list(compress(starts, islice(words, 1, None)))  # an empty word: a second space


def plain_prose_breaks(text: str, width: int, start_column: int) -> list[int]:
    """`width_breaks` of plain prose, found by searching the text for
    spaces instead of listing every break opportunity: a paragraph of a
    large source breaks a few times but has a hundred words. An
    opportunity is the start of a word after the first; a line breaks at
    its last one within the width, or at the first one after the line's
    start when none is (tests/test_gettext_layout.py compares the two)."""
    chosen: list[int] = []
    line_start = -start_column  # the index the current line starts at (before the text: its first line)
    end = len(text)
    while end - line_start > width:
        at = _last_word_start(text, max(line_start, 0), line_start + width)
        if at is None:
            at = _next_word_start(text, max(line_start, 0))
            if at is None:
                break
        chosen.append(at)
        line_start = at
    return chosen


def _last_word_start(text: str, after: int, limit: int) -> int | None:
    """The last word start of plain prose in (`after`, `limit`]."""
    if limit <= after:
        return None
    space = text.rfind(" ", after, limit)
    while space >= 0 and text[space + 1] == " ":  # inside a run of spaces: the word starts past the limit
        space = text.rfind(" ", after, len(text[:space].rstrip(" ")))
    return space + 1 if space >= 0 else None


def _next_word_start(text: str, after: int) -> int | None:
    """The first word start of plain prose after index `after`."""
    space = text.find(" ", after)
    if space < 0:
        return None
    word = len(text) - len(text[space:].lstrip(" "))
    return word if word < len(text) else None
