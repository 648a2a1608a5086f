"""Ordinal numbers: "the second dose" may be "la 2.ª dosis", "la 2e dose",
"a 2ª dose", "第2剂", "liều thứ 2", where the source says the ordinal as
a word (first to tenth). The number check would read the digit as a
number the source does not have; an ordinal of the translation answers an
ordinal of the source ("second", "2nd") of its value, never a cardinal
("2 doses"), and one of another value is an added number ("2.ª" for
"first").

How a language writes an ordinal with digits is its data file's
`[ordinal]` (`after`: suffixes, `before`: prefixes); English ordinal
words are en.toml's `[ordinal] words`."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lexicon import SOURCE_LANGUAGE, language_data, normalise, vocabulary


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=64)
def _written_ordinal(language: str) -> re.Pattern | None:
    """A number written as an ordinal in a language: a digit run with one of
    its suffixes right after it, or one of its prefixes right before it."""
    data = language_data(language).get("ordinal", {})
    after = sorted({normalise(s) for s in data.get("after", [])}, key=len, reverse=True)
    before = sorted({normalise(s) for s in data.get("before", [])}, key=len, reverse=True)
    parts = []
    if after:
        parts.append(rf"(?<![\d.,])(\d+)(?:{'|'.join(map(re.escape, after))})"
                     r"(?![A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff])")
    if before:
        parts.append(rf"(?<![A-Za-z\u00c0-\u024f\u1e00-\u1eff])(?:{'|'.join(map(re.escape, before))})\s?(\d+)(?![\d.,]\d)")
    return re.compile("|".join(parts)) if parts else None


def ordinal_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Where a normalised text writes ordinal numbers: "2번째" counts no
    times, "2回目" no doses."""
    pattern = _written_ordinal(language) if language and _DIGIT.search(text) else None
    return [m.span() for m in pattern.finditer(text)] if pattern is not None else []


@lru_cache(maxsize=16384)
def written_ordinals(text: str, language: str) -> Counter:
    """The values of a read text's ordinal numbers ("2.ª", "1re", "第2")."""
    pattern = _written_ordinal(language) if language else None
    if pattern is None:
        return Counter()
    return Counter(str(int(next(g for g in m.groups() if g))) for m in pattern.finditer(normalise(text)))


@lru_cache(maxsize=1)
def _ordinal_words() -> re.Pattern:
    words = language_data(SOURCE_LANGUAGE).get("ordinal", {}).get("words", {})
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})\b")


@lru_cache(maxsize=16384)
def said_ordinals(text: str) -> Counter:
    """The values of the ordinal words of an English text ("second": 2)."""
    words = language_data(SOURCE_LANGUAGE).get("ordinal", {}).get("words", {})
    if not words:
        return Counter()
    return Counter(str(words[m.group()]) for m in _ordinal_words().finditer(normalise(text)))


def source_ordinals(text: str) -> Counter:
    """The values of the ordinals of a read English text, in words
    ("second") or digits ("2nd")."""
    return said_ordinals(text) + written_ordinals(text, SOURCE_LANGUAGE)


def age_groups(source: str, target: str, language: str) -> Counter:
    """The digits of a group of people a translation names by its age, as
    the source names it in words: "10代" (one's teens) for "teenagers" names
    a group, not the number 10 (`[term.people]`; the key-term check compares
    the groups)."""
    if not _DIGIT.search(target):
        return Counter()
    theirs = {k for h in vocabulary(SOURCE_LANGUAGE, "term").scan(normalise(source)) for k in h.kinds()}
    return Counter(n for h in vocabulary(language, "term").scan(normalise(target))
                   if h.kinds() & theirs and any(k.startswith("people.") for k in h.kinds())
                   for n in re.findall(r"\d+", h.text))
