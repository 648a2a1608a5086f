"""The invisible-character check: an invisible or format character the
source does not have, inside or beside a protected token (a phone number,
a number, an address) or in a word where its writing system does not put
one. It reads the text as a reader does (`shown`)."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from functools import lru_cache
from typing import Iterator

import regex

from ..tokens import (BARE_URL, DOMAIN, EMAIL, EMERGENCY, MEASURE, NUMBER, normalise_digits,
                      phone_numbers, visible, written_in_words)
from ..tokens import invisible_characters as invisible_pattern
from .base import EntryCheck, TranslationContext

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")  # bidi controls: the bidi-control check's


def shown(text: str) -> str:
    """The text as a reader gets it: character references decoded, as
    markdown-it decodes them (`&#x202E;` is a real U+202E on the page)."""
    return html.unescape(text) if "&" in text else text


@lru_cache(maxsize=8192)
def read(text: str) -> str:
    """A text as a reader reads it: character references decoded, invisible
    characters removed, digits as ASCII digits (the same length as the
    visible text). Source and translation are read alike: a source written
    `&#49;0 mg` says 10 mg, and its own copy must count as 10 mg. The
    ordinal indicator and ring that typists put for a degree sign ("38 ºC")
    are read as one."""
    read_text = visible(normalise_digits(shown(text)))
    return _DEGREE_LOOKALIKE.sub("°", read_text) if "\u00ba" in read_text or "\u02da" in read_text else read_text


_DEGREE_LOOKALIKE = re.compile(r"(?<=[\d\s])[\u00ba\u02da](?=\s?[FC](?![^\W\d_]))")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Where a read text has protected tokens: phone and emergency numbers,
    numbers, measures, web addresses, domain names, email addresses."""
    spans = [(p.start, p.end) for p in phone_numbers(text)]
    for pattern in (BARE_URL, DOMAIN, EMAIL, EMERGENCY, NUMBER, MEASURE):
        spans += [m.span() for m in pattern.finditer(text)]
    return spans


@lru_cache(maxsize=8192)
def _hidden_in_tokens(text: str) -> tuple[tuple[str, str, int], ...]:
    """(invisible character, token, position) for each invisible character
    inside or right beside a protected token of a read text, the token as a
    reader reads it."""
    digits = normalise_digits(text)
    if digits.isascii():
        return ()
    # (character, its position in the visible text, its position in this one)
    hidden = [(match.group(), match.start() - n, match.start())
              for n, match in enumerate(invisible_pattern().finditer(digits))]
    if not hidden:
        return ()
    clean = visible(digits)
    spans = sorted(_protected_spans(clean), key=lambda span: (span[0], -span[1]))  # the longest first
    starts = [start for start, _ in spans]
    found = []
    for char, position, index in hidden:
        for start, end in spans[:bisect.bisect_right(starts, position)]:
            if start <= position <= end:
                found.append((char, clean[start:end], index))
                break
    return tuple(found)


_MARK = regex.compile(r"\p{M}")


@lru_cache(maxsize=8192)
def _marks_on_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(combining mark, token) for each combining mark on a character of a
    protected token or on the character right before one: "2000\u0301",
    " \u0301212-639-2000". A number of the number check says so itself;
    a phone number's digits are read apart from it."""
    clean = visible(normalise_digits(text))
    if clean.isascii() or not _MARK.search(clean):
        return ()
    spans = sorted(_protected_spans(clean), key=lambda span: (span[0], -span[1]))
    found = []
    for match in _MARK.finditer(clean):
        position = match.start()
        for start, end in spans:
            if start <= position <= end or position == start - 1:
                found.append((match.group(), clean[start:end]))
                break
    return tuple(found)


# A left-to-right mark on each side of a token, or a left-to-right or first-strong isolate around it
# (Unicode Standard Annex #9, sections 2.4-2.7; W3C "Inline markup and bidirectional text in HTML"):
# what a translator or a right-to-left editor puts around a number, as the build's own isolates do
_WRAPPED = re.compile("(?P<open>[\u200e\u2066\u2068])(?P<token>[^\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+?)"
                      "(?P<close>[\u200e\u2069])")
_CLOSER = {"\u200e": "\u200e", "\u2066": "\u2069", "\u2068": "\u2069"}


def _whole_token(text: str, match: re.Match) -> bool:
    """Whether a pair of marks holds exactly one protected token, with no
    letter or digit right outside it: "\u2066212-639-2000\u2069" shows the
    number as the source does, but "2000\u200e7" adds a digit and
    "212\u200e-639-2000\u200e" splits a number."""
    if _CLOSER[match["open"]] != match["close"]:
        return False
    token = match["token"]
    if visible(token) != token:
        return False
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if before.isalnum() or after.isalnum() or invisible_pattern().match(before) or invisible_pattern().match(after):
        return False
    if (0, len(token)) not in _protected_spans(normalise_digits(token)):
        return False
    start = len(visible(text[:match.start()]))
    end = start + len(token)
    return not any(first <= start and end <= last and last - first > len(token)
                   for first, last in _spans_read(text))


@lru_cache(maxsize=4096)
def _spans_read(text: str) -> list[tuple[int, int]]:
    """The protected spans of a text as a reader reads it, marks removed."""
    return _protected_spans(visible(normalise_digits(text)))


@lru_cache(maxsize=8192)
def unwrapped(text: str) -> str:
    """The text without the direction marks and isolates that only hold a
    whole number, measure or address apart from the right-to-left words
    around it: they change no digit and no order within it. A mark inside
    a token, or between a token and a digit, stays."""
    if "\u200e" not in text and "\u2066" not in text and "\u2068" not in text:
        return text
    return _WRAPPED.sub(lambda m: m["token"] if _whole_token(text, m) else m.group(), text)


def _grouped(pairs) -> dict[str, list[str]]:
    """Marks by the token they are on, each once."""
    by_token: dict[str, list[str]] = {}
    for mark, token in pairs:
        if mark not in by_token.setdefault(token, []):
            by_token[token].append(mark)
    return by_token


def _code(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, '').lower()}".rstrip()


_WORD_AROUND = 12  # characters of a word shown each side of an invisible one
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")


def _where_in_word(text: str, index: int) -> str:
    """Where an invisible character of a read text is, as a reader reads
    the words around it: inside "No", before "pas", between "请" and "勿"
    (in a script without spaces, where a run of letters is a clause)."""
    start = end = index
    while start > 0 and index - start < _WORD_AROUND and not text[start - 1].isspace():
        start -= 1
    while end + 1 < len(text) and end - index < _WORD_AROUND and not text[end + 1].isspace():
        end += 1
    left, right = visible(text[start:index]), visible(text[index + 1:end + 1])
    left, right = left.lstrip("\"'«“„(¿¡*_"), right.rstrip("\"'»”).,;:!?。，、！？*_")
    if left and right and (_UNSPACED.match(left[-1]) or _UNSPACED.match(right[0])):
        return f'between "{left[-1]}" and "{right[0]}"'
    return f'inside "{left + right}"' if left and right else f'before "{right}"' if right else f'after "{left}"'


def invisible_characters(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """An invisible or format character (zero-width space or joiner, word
    joiner, soft hyphen, BOM, direction marks) that the source does not have:
    inside or beside a phone number, number, address or email address
    (212-639-2000<U+200B>1 shows 212-639-20001 and dials something else; an
    Arabic letter mark before a number reverses it in plain text), or in a
    word, where its writing system does not put one (a joiner in a Persian
    or Hindi word, an emoji sequence, a direction mark in Arabic text are
    normal): "N<U+200B>o" reads "No" on the page, and the meaning checks read
    through it, but text-to-speech, search and copying get two pieces."""
    theirs, ours = shown(source), unwrapped(shown(target))
    allowed = {char for char, _, _ in _hidden_in_tokens(theirs)}
    by_token: dict[str, list[str]] = {}
    in_tokens = set()
    for char, token, index in _hidden_in_tokens(ours):
        in_tokens.add(index)
        if char not in allowed and not _BIDI.match(char):  # bidi controls: bidi-control
            by_token.setdefault(token, []).append(char)
    for token, chars in by_token.items():
        codes = ", ".join(_code(c) for c in dict.fromkeys(chars))
        yield f"invisible character {codes} inside or beside {token}"
    theirs_marks = {mark for mark, _ in _marks_on_tokens(theirs)}
    for token, marks in _grouped(m for m in _marks_on_tokens(ours) if m[0] not in theirs_marks).items():
        yield f"combining mark {', '.join(_code(m) for m in marks)} on or beside {token}: the reader sees " \
              f"another sign than the source's"
    if ours.isascii():
        return
    for match in invisible_pattern().finditer(ours):
        index, char = match.start(), match.group()
        if index not in in_tokens and char not in theirs and not _BIDI.match(char) and not written_in_words(ours, index):
            yield f'invisible character {_code(char)} {_where_in_word(ours, index)} (character {index + 1}): ' \
                  f'the page shows the word whole, but text-to-speech, search and copying get it broken'


INVISIBLE_CHECKS = [EntryCheck("invisible-character", "error", invisible_characters, include_fuzzy=True)]
