"""What the number check's reading of numbers leaves out: a digit that
carries a combining mark, and a number glued to Latin letters ("x10",
"X3", "B12"), which NUMBER does not count (a letter before it makes it part
of a word), and a digit written as a superscript, subscript or circled
sign. All are compared with the source."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterator

import regex

from ..tokens import Prefiltered

_A_DIGIT = re.compile(r"\d")
# A combining mark on a digit: "4̶" (U+0336, struck through) reads as a number crossed out
_MARKED_DIGIT = Prefiltered(re.compile("\\d[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"), _A_DIGIT, True)
# Latin letters and then digits, as one word: "x10", "X3", "n5", "B12", "维生素B12"; not "20h30" (a digit
# before) nor the end of a word of a spaced script ("ngày2", a space missing: the digit is a number)
_WORD_BEFORE = r"(?<![A-Za-z0-9_\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff])"
_GLUED = Prefiltered(re.compile(rf"{_WORD_BEFORE}([A-Za-z]+)(\d+(?:[.,]\d+)*)(?![.,]?\d)"), _A_DIGIT)
# the source's names that the translation may write glued: "COVID-19" as "COVID19", "B 12" as "B12"
# a name of the source, in capitals, as a word of its own ("vitamin D"; not the "X" of "X-ray")
_NAME = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z]*[A-Z][A-Za-z]*(?![A-Za-z0-9_-])")
_NAMED = Prefiltered(re.compile(rf"{_WORD_BEFORE}([A-Za-z]+)[\s\u00a0-]?(\d+(?:[.,]\d+)*)(?![.,]?\d)"), _A_DIGIT)


def marked_digits(source: str, target: str) -> Iterator[str]:
    """A digit that carries a combining mark the source's does not: "4̶"
    (U+0336 combining long stroke overlay) shows a struck-out 4, which the
    number check would read as 4 and the invisible-character check does not
    see (the mark shows)."""
    theirs = set(_MARKED_DIGIT.findall(source))
    for marked in dict.fromkeys(_MARKED_DIGIT.findall(target)):
        if marked not in theirs:
            marks = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'combining mark').lower()}" for c in marked[1:])
            yield f"number {marked[0]} carries {marks}: the reader sees another sign than the digit"


# A digit that is no decimal digit of a script: a superscript, a subscript, a circled or parenthesised
# one ("²", "₁₂", "③"): NFKC reads it as a number, the number check (decimal digits) does not. Unicode's
# Numeric_Type=Digit is what str.isdigit() adds to str.isdecimal(), read in one pass instead of a
# Python call per character
_DIGIT_FORM = regex.compile(r"\p{Numeric_Type=Digit}")


def digit_forms(source: str, target: str) -> Iterator[str]:
    """Digits written in a form the source does not use ("x¹⁰", "B₁₂",
    "③ horas"): a number the number check would not see."""
    theirs = set(_DIGIT_FORM.findall(source))
    for character in dict.fromkeys(c for c in _DIGIT_FORM.findall(target) if c not in theirs):
        shown = unicodedata.normalize("NFKC", character)
        yield (f"number {shown} is written as {unicodedata.name(character, 'a digit form').lower()} "
               f"({character}), which the source does not use: write the number as the source does")


def glued_digits(source: str) -> Counter:
    """The numbers of the source's glued names ("B12": 12): a translation
    that writes the name in its own letters ("В12", Cyrillic) writes them
    as numbers."""
    return Counter(digits for _, digits in _GLUED.findall(source))


def glued_numbers(source: str, target: str) -> Iterator[str]:
    """A number glued to letters that the source does not write, glued or
    apart ("vitamin B12", "COVID-19"): "(x10)" says ten times, "en X3 horas"
    in 3 hours, "tome B12" adds a vitamin; each is an added number. The
    source's name that a translator makes precise ("vitamin D" as
    "vitamina D3") is no added number; "x" is a multiplication sign."""
    theirs = Counter(f"{letters.lower()}{digits}" for letters, digits in _NAMED.findall(source))
    named = {name for name in _NAME.findall(source) if name not in ("X", "x")}
    for letters, digits in _GLUED.findall(target):
        key = f"{letters.lower()}{digits}"
        if theirs[key] > 0:
            theirs[key] -= 1
        elif letters not in named:
            yield f"number {digits} is not in the source (written {letters}{digits})"
