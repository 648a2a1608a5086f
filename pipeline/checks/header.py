"""Catalog headers must match their folder and CLDR's plural rules."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from typing import Iterator

import polib
from babel.core import UnknownLocaleError

from ..catalog import plural_forms
from .base import HeaderCheck


@lru_cache(maxsize=256)
def plural_classes(value: str) -> tuple[int, ...] | None:
    """How a Plural-Forms header groups the numbers 0 to 1000, with the
    groups numbered in order of first appearance: GNU gettext's Arabic rule
    and CLDR's (through babel) put the same numbers together under other
    indexes, and both are right. None when the header cannot be read."""
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)", value)
    if not match:
        return None
    try:
        rule = gettext.c2py(match.group(2).strip())
        labels: dict[int, int] = {}
        return (int(match.group(1)),) + tuple(labels.setdefault(rule(n), len(labels)) for n in range(1001))
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return None


def language_header(po: polib.POFile, language: str) -> Iterator[str]:
    declared = po.metadata.get("Language", "")
    if declared.replace("-", "_") != language.replace("-", "_"):
        yield f"header Language is {declared!r} but the catalog is in the {language!r} folder"


def plural_forms_header(po: polib.POFile, language: str) -> Iterator[str]:
    try:
        expected = plural_forms(language)
    except (UnknownLocaleError, ValueError):
        return
    declared = po.metadata.get("Plural-Forms", "")
    if plural_classes(declared) is None or plural_classes(declared) != plural_classes(expected):
        yield f"header Plural-Forms is {declared!r}; CLDR says {expected!r}"


HEADER_CHECKS = [
    HeaderCheck("header-language", "error", language_header),
    HeaderCheck("header-plural-forms", "error", plural_forms_header),
]
