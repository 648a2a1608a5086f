"""How a reader of the translation's language reads the separators of a
number: "1,000 mg" is a thousand milligrams to an English reader and one
milligram to a French, Russian or Polish one, whose decimal sign is the
comma (CLDR). The number check reads digits as English does; this check
says where the target language's reader reads them otherwise."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

import regex
from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..tokens import addresses_and_rest
from .base import TranslationContext
from .invisible import read

# A number grouped by commas as English groups it: "1,000", "12,500", "1,000,000".
_COMMA_GROUPED = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d]|[.,]\d)")
# Spanish as U.S. health care writes it groups digits with commas (es_US, es_419, es_MX in CLDR); the
# bare language code "es" does not say which Spanish, so its numbers are read both ways.
_EITHER_WAY = frozenset({"es"})


@lru_cache(maxsize=256)
def _decimal_comma(language: str) -> tuple[bool, str]:
    """Whether a language's reader reads a comma as the decimal sign, and
    how the language groups digits instead (CLDR)."""
    if not language or language in _EITHER_WAY:
        return False, ","
    try:
        locale = language.replace("-", "_")
        return get_decimal_symbol(locale) == ",", get_group_symbol(locale)
    except (UnknownLocaleError, ValueError):
        return False, ","


def _grouped_as(number: str, group: str) -> str:
    return number.replace(",", "\u00a0" if group in ("\u202f", "\u00a0", " ") else group)


def commas_read_as_decimals(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A number grouped with commas in a language whose decimal sign is the
    comma: the reader takes "1,000 mg" for 1 mg. An error even where the
    source writes it so: the page is for the translation's reader."""
    decimal_comma, group = _decimal_comma(context.language)
    if not decimal_comma or "," not in target:
        return
    prose = addresses_and_rest(read(target))[1]  # without its addresses
    for number in dict.fromkeys(_COMMA_GROUPED.findall(prose)):
        whole = number.replace(",", "")
        misread = (f"a reader takes it for {float(number.replace(',', '.')):g}" if number.count(",") == 1
                   else "a reader cannot tell what it is")
        yield (f'"{number}" is written with a comma, the decimal sign of this language: {misread}, not '
               f'{whole}; write "{_grouped_as(number, group)}" or "{whole}"')


_OTHER_DIGIT = re.compile(r"[^\x00-\x7f]")


def _script_of_digit(char: str) -> str:
    """The script whose letters a digit goes with ("ARABIC-INDIC DIGIT TWO":
    Arabic; "GURMUKHI DIGIT ONE": Gurmukhi)."""
    name = unicodedata.name(char, "").rsplit(" DIGIT ", 1)[0]
    return "Arabic" if name.endswith("ARABIC-INDIC") else name.split(" ")[0].title()


def foreign_digits(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A digit of a script the translation writes no letter of: "9੧੧" (a
    Gurmukhi 1, shaped like a 9) is 911 by value, which the number check
    reads, but a Spanish reader sees 999; "৪" (a Bengali 4) looks like 8.
    Full-width digits are the ASCII ones (NFKC), and Arabic-Indic digits in
    Arabic text or Devanagari ones in Hindi are the reader's own."""
    foreign = []
    for char in dict.fromkeys(c for c in _OTHER_DIGIT.findall(target) if c.isdecimal()):
        if char in source or unicodedata.normalize("NFKC", char).isascii():
            continue
        try:
            own = regex.search(rf"(?=\p{{L}})\p{{Script={_script_of_digit(char)}}}", target)
        except regex.error:  # a script the regex module does not name
            own = None
        if own is None:
            foreign.append(f'"{char}" ({unicodedata.name(char, "").lower()}, {unicodedata.decimal(char)})')
    if foreign:
        yield f"digits of a script the translation writes no word in: {', '.join(foreign)}; its reader reads " \
              f"other numbers; write them as the source does"


# "U" and "IU" ("UI", "U.I.") for units beside a number, which ISMP lists as error-prone: "10 U" is
# read as 100 or 40, "IU" as IV (intravenous) or 10
_UNIT_LETTERS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(U|IU|UI|U\.I\.|I\.U\.)(?![\w])")


def letter_units(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A dose in "U" or "IU" the source does not write so (ISMP's List of
    Error-Prone Abbreviations: the U of "10 U" of insulin is read as a 0,
    IU as IV); a source that abbreviates international units may be
    followed."""
    theirs = [(m.group(), m.group(1)) for m in _UNIT_LETTERS.finditer(read(source))]
    ours = [(m.group(), m.group(1)) for m in _UNIT_LETTERS.finditer(read(target))]
    for written in dict.fromkeys(w for w, letters in ours if letters == "U"):
        if (written, "U") not in theirs:
            yield f'"{written}": a "U" beside a number is read as a digit ("10 U" as 100); write the word for ' \
                  f'units, as the source does (ISMP, error-prone abbreviations)'
    if theirs:
        return
    for written in (w for w, letters in ours if letters != "U"):
        yield f'"{written}": the source writes the word for units; "IU" is read as IV (intravenous) ' \
              f'or a 10: write the word, as the source does (ISMP, error-prone abbreviations)'


def number_format(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """How the translation's reader reads its numbers: separators, digits and
    letters beside them."""
    yield from commas_read_as_decimals(source, target, context)
    yield from foreign_digits(source, target, context)
    yield from letter_units(source, target, context)
