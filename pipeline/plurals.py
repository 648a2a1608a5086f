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

from . import memos

# As GNU gettext reads a header: `nplurals=` and `plural=` with no space
# before the `=` (msgfmt refuses "nplurals = 3"; libintl would ignore it).
_RULE = re.compile(r"^\s*nplurals=\s*(\d+)\s*;\s*plural=\s*([^;]+?)\s*;?\s*$")

# Numbers every comparison looks at: all to 9,999 (one whole period of
# n % 10, n % 100 and n % 1000, and every small threshold), and a fixed
# spread of 10,000 more below a million. `compared_numbers` adds the numbers
# at, beside and at the multiples of each constant the two rules name, so
# that `n != 5000` or `n % 100000 == 0` cannot hide between samples.
_BASE_NUMBERS = tuple(range(10_000)) + tuple(range(10_007, 1_000_000, 97))
_MILLIONS = (1_000_000, 1_000_001, 2_000_000, 10**9)  # forms must exist here too


def compared_numbers(*rules: str) -> tuple[int, ...]:
    extra: set[int] = set()
    for rule in rules:
        for constant in {int(c) for c in re.findall(r"\d+", rule)}:
            if constant >= 1_000:
                for multiple in range(constant, 1_000_000, constant):
                    extra.update((multiple - 1, multiple, multiple + 1))
    return _BASE_NUMBERS + tuple(sorted(n for n in extra if 10_000 <= n < 1_000_000))


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
def _compiled(value: str):
    """(nplurals, the rule as a function) of a header, or None when
    msgfmt could not read it."""
    match = _RULE.match(value or "")
    if not match:
        return None
    try:
        return int(match.group(1)), gettext.c2py(match.group(2))
    except (ValueError, SyntaxError, RecursionError, TypeError):
        return None


@lru_cache(maxsize=256)
def agrees(declared: str, reference: str) -> bool | None:
    """Whether `declared` puts the numbers below a million into forms as
    `reference` does (the same groups, whatever their indexes or count);
    None when `declared` cannot be read, fails on a number or names a form
    beyond its nplurals (msgfmt rejects these). A tenth of a second a
    rule: kept across runs in the data cache."""
    memo = memos.memo_name("plurals", "")
    found = memos.recall(memo, (declared, reference), "unknown")
    if found == "unknown":
        found = _agrees(declared, reference)
        memos.remember(memo, (declared, reference), found)
    return found


def _agrees(declared: str, reference: str) -> bool | None:
    mine, theirs = _compiled(declared), _compiled(reference)
    if mine is None:
        return None
    nplurals, rule = mine
    same = theirs is not None
    forward: dict[int, int] = {}
    backward: dict[int, int] = {}
    try:
        for n in _MILLIONS:
            if not 0 <= rule(n) < nplurals:
                return None
        for n in compared_numbers(declared, reference):
            form = rule(n)
            if not 0 <= form < nplurals:
                return None
            if same:
                other = theirs[1](n)
                if forward.setdefault(form, other) != other or backward.setdefault(other, form) != form:
                    same = False
    except (ZeroDivisionError, RecursionError, TypeError, ValueError):
        return None
    return same


def first_difference(declared: str, reference: str) -> tuple[int, int, bool] | None:
    """Two numbers that one rule puts together and the other apart, and
    whether `declared` puts them together."""
    mine, theirs = _compiled(declared), _compiled(reference)
    if mine is None or theirs is None:
        return None
    seen: dict[tuple[int, int], int] = {}
    for n in compared_numbers(declared, reference):
        pair = (mine[1](n), theirs[1](n))
        for (a, b), m in seen.items():
            if (a == pair[0]) != (b == pair[1]):
                return m, n, a == pair[0]
        seen.setdefault(pair, n)
    return None


def header_problem(declared: str, language: str) -> str | None:
    """Why a Plural-Forms header is wrong for a language, or None when it
    groups numbers as GNU gettext's or CLDR's rule does (or neither knows
    the language)."""
    references = list(dict.fromkeys(rule for rule in (gettext_rule(language), _cldr_or_none(language)) if rule))
    if not references:
        return None
    verdicts = [agrees(declared, rule) for rule in references]
    if any(verdicts):
        return None
    if None in verdicts:
        return (f"header Plural-Forms {declared!r} cannot be read as GNU gettext reads it, fails on a "
                f"number, or names a form beyond its nplurals; use {references[0]!r}")
    detail = ""
    example = first_difference(declared, references[0])
    if example:
        m, n, together = example
        detail = (f" (it gives {m} and {n} {'the same form' if together else 'different forms'}, "
                  "the language's rule does not)")
    names = " or ".join(repr(rule) for rule in references)
    return f"header Plural-Forms {declared!r} does not group numbers as {names} does{detail}"


def _cldr_or_none(language: str) -> str | None:
    from babel import UnknownLocaleError
    try:
        return cldr_rule(language)
    except (UnknownLocaleError, ValueError):
        return None
