"""How a reader of the translation's language reads the separators of a
number: "1,000 mg" is a thousand milligrams to an English reader and one
milligram to a French, Russian or Polish one, whose decimal sign is the
comma (CLDR). The number check reads digits as English does; this check
says where the target language's reader reads them otherwise."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..tokens import BARE_URL, DOMAIN, EMAIL
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
    prose = DOMAIN.sub(" ", BARE_URL.sub(" ", EMAIL.sub(" ", read(target))))
    for number in dict.fromkeys(_COMMA_GROUPED.findall(prose)):
        whole = number.replace(",", "")
        misread = (f"a reader takes it for {float(number.replace(',', '.')):g}" if number.count(",") == 1
                   else "a reader cannot tell what it is")
        yield (f'"{number}" is written with a comma, the decimal sign of this language: {misread}, not '
               f'{whole}; write "{_grouped_as(number, group)}" or "{whole}"')
