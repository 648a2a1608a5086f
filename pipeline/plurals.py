"""Plural rules of a language: the one a new catalog gets, and whether a
catalog's `Plural-Forms` header is right.

Two authorities disagree in form and agree in meaning. GNU gettext's table
(msginit, Poedit, Weblate) gives Spanish `nplurals=2; plural=(n != 1);`;
CLDR 46 and later (babel 2.19) give it three forms, the extra one for
exact millions ("un millón de ..."). A header is right when it groups the
whole numbers below a million as either authority does: indexes and the
count of forms may differ, since nothing below a million can tell them
apart, and a patient leaflet never counts in millions.
"""

from __future__ import annotations

import gettext
import re
import tomllib
from functools import lru_cache
from importlib import resources

_RULE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")

# The numbers whose grouping decides: every number to 1200, then runs that
# reach the thousands and hundred-thousands rules look at (n % 100, n % 1000).
COMPARED_NUMBERS = tuple(range(1201)) + tuple(range(10_000, 10_121)) + tuple(range(999_880, 1_000_000))
# The numbers whose form index must exist, millions included.
INDEXED_NUMBERS = COMPARED_NUMBERS + (1_000_000, 2_000_000, 1_000_001, 10**9)


@lru_cache(maxsize=1)
def gettext_table() -> dict[str, str]:
    data = resources.files("pipeline").joinpath("data/gettext-plural-forms.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def gettext_rule(language: str) -> str | None:
    """GNU gettext's rule for a locale (pt_BR before pt), or None."""
    table = gettext_table()
    code = language.replace("-", "_")
    return table.get(code) or table.get(code.split("_")[0])


def cldr_rule(language: str) -> str:
    """CLDR's rule, as the installed babel gives it."""
    from babel import Locale
    from babel.messages.plurals import get_plural
    return get_plural(Locale.parse(language)).plural_forms


def rule_for_new_catalog(language: str) -> str:
    """What `init` writes: the rule translators' tools expect, GNU gettext's
    where it has one, CLDR's otherwise."""
    return gettext_rule(language) or cldr_rule(language)


@lru_cache(maxsize=256)
def groups(value: str) -> tuple[int, ...] | None:
    """Which form each of COMPARED_NUMBERS takes, the forms numbered in
    order of first appearance; None when the header cannot be read or names
    a form beyond its nplurals (msgfmt rejects both)."""
    match = _RULE.match(value or "")
    if not match:
        return None
    nplurals = int(match.group(1))
    try:
        rule = gettext.c2py(match.group(2))
        indexes = {n: rule(n) for n in INDEXED_NUMBERS}
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError, TypeError):
        return None
    if nplurals < 1 or any(not 0 <= index < nplurals for index in indexes.values()):
        return None
    labels: dict[int, int] = {}
    return tuple(labels.setdefault(indexes[n], len(labels)) for n in COMPARED_NUMBERS)


def first_difference(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, int] | None:
    """Two numbers that one grouping puts together and the other apart."""
    first_of: dict[tuple[int, int], int] = {}
    for n, pair in zip(COMPARED_NUMBERS, zip(a, b)):
        for other_pair, m in first_of.items():
            if (other_pair[0] == pair[0]) != (other_pair[1] == pair[1]):
                return m, n
        first_of.setdefault(pair, n)
    return None


def header_problem(declared: str, language: str) -> str | None:
    """Why a Plural-Forms header is wrong for a language, or None when it
    groups numbers as GNU gettext's or CLDR's rule does (or neither knows
    the language)."""
    references = [rule for rule in (gettext_rule(language), _cldr_or_none(language)) if rule]
    if not references:
        return None
    mine = groups(declared)
    if mine is None:
        return (f"header Plural-Forms {declared!r} cannot be read, or names a form beyond its "
                f"nplurals; use {references[0]!r}")
    if any(groups(rule) == mine for rule in references):
        return None
    example = first_difference(mine, groups(references[0]) or mine)
    detail = ""
    if example:
        m, n = example
        together = "the same form" if mine[COMPARED_NUMBERS.index(m)] == mine[COMPARED_NUMBERS.index(n)] else "different forms"
        detail = f" (it gives {m} and {n} {together}, the language's rule does not)"
    names = " or ".join(repr(rule) for rule in dict.fromkeys(references))
    return f"header Plural-Forms {declared!r} does not group numbers as {names} does{detail}"


def _cldr_or_none(language: str) -> str | None:
    from babel import UnknownLocaleError
    try:
        return cldr_rule(language)
    except (UnknownLocaleError, ValueError):
        return None
