"""The text a patient reads, unit by unit, split into sentences.

Markup, URLs, phone numbers, English pronunciation guides, numbers and unit
symbols are not words a patient reads aloud, so they are removed. Each unit is its own sentence or
sentences: a heading or a list item without end punctuation must not run
into the next one. Sentence ends know "a.m.", decimals such as 100.4, and
the full stops of CJK, Arabic and Bengali; a two-word sentence ("Call 911.")
counts, unlike in textstat's counter."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..tokens import BARE_URL, EMAIL, PHONE, PRONUNCIATION, inline_tokens

# Case-sensitive: "no." ends "Answer yes or no." and "No." is an answer; it
# is an abbreviation only before a number ("No. 5"). Initials such as
# "U.S." or "A.M." do not end a sentence.
_ABBREVIATIONS = re.compile(r"\b(?:a\.m|p\.m|e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|approx)\.|\bNo\.(?=\s*\d)"
                            r"|\b(?:[A-Z]\.){2,}")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟।])[\"'”’»)\]]*\s+|(?<=[。！？])")
_PLACEHOLDER = "\u0000"


@lru_cache(maxsize=65536)
def readable_text(markdown: str) -> str:
    """Inline Markdown as the words a patient reads: link text kept, link
    targets, addresses, phone numbers and pronunciation guides dropped."""
    parts = []
    for child in inline_tokens(markdown):
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    text = "".join(parts)
    for pattern in (PRONUNCIATION, BARE_URL, EMAIL, PHONE):
        text = pattern.sub(" ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def unit_sentences(markdown: str) -> tuple[str, ...]:
    text = readable_text(markdown)
    if not text:
        return ()
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", _PLACEHOLDER), text)
    protected = re.sub(r"(?<=\d)\.(?=\d)", _PLACEHOLDER, protected)
    sentences = [s.replace(_PLACEHOLDER, ".").strip() for s in _SENTENCE_END.split(protected)]
    return tuple(s for s in sentences if re.search(r"\w", s))


def _category_class(prefix: str) -> str:
    """A regex character class body for every code point whose Unicode
    category starts with `prefix` (Python's re has no \\p{M}). Planes 0, 1
    and 14 hold every combining mark; scanning only them keeps imports fast."""
    ranges, start, previous = [], None, None
    for code in [*range(0x20000), *range(0xE0000, 0xE1000)]:
        if unicodedata.category(chr(code)).startswith(prefix):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


# Combining marks (Mn, Mc, Me) are part of a word: Bengali vowel signs and
# virama, Arabic short vowels and shadda, decomposed accents (NFD "médico").
MARKS = _category_class("M")
_UNIT = r"°\s*[CFK]\b|%|(?:mg|mcg|µg|μg|kg|g|mL|ml|L|cm|mm|km|lbs?|oz|IU|mmHg|mmol)\b"
_WORD = re.compile(rf"[^\W\d_](?:[\w{MARKS}'’-]*[\w{MARKS}])?"
                   rf"|\d+(?:[.,]\d+)*[^\W\d_]*(?:\s*(?:{_UNIT}))?|°\s*[CFK]\b", re.U)


def words(sentence: str) -> list[str]:
    """The words of a sentence. Numbers ("2", "100.4", "2nd") and unit
    symbols ("°F", "mg", "%") are not words: the formulas were normed on
    words, and how many syllables "100.4 °F" has depends on who reads it."""
    return [w for w in _WORD.findall(sentence) if not (w[0].isdigit() or w[0] == "°")]


def is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
