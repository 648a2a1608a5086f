"""Catalog headers must match their folder and CLDR."""

from __future__ import annotations

import re
from typing import Iterator

import polib
from babel.core import UnknownLocaleError

from ..catalog import plural_forms
from .base import HeaderCheck


def _normalise_plural(value: str) -> str:
    return re.sub(r"\s+", "", value).rstrip(";")


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
    if _normalise_plural(declared) != _normalise_plural(expected):
        yield f"header Plural-Forms is {declared!r}; CLDR says {expected!r}"


HEADER_CHECKS = [
    HeaderCheck("header-language", "error", language_header),
    HeaderCheck("header-plural-forms", "error", plural_forms_header),
]
