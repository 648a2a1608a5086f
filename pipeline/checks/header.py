"""Catalog headers must match their folder and the language's plural rules."""

from __future__ import annotations

from typing import Iterator

import polib

from ..plurals import header_problem
from .base import HeaderCheck


def language_header(po: polib.POFile, language: str) -> Iterator[str]:
    declared = po.metadata.get("Language", "")
    if declared.replace("-", "_") != language.replace("-", "_"):
        yield f"header Language is {declared!r} but the catalog is in the {language!r} folder"


def plural_forms_header(po: polib.POFile, language: str) -> Iterator[str]:
    problem = header_problem(po.metadata.get("Plural-Forms", ""), language)
    if problem:
        yield problem


def plural_rule_severity(po: polib.POFile) -> str:
    """A wrong rule breaks only plural entries: an error where the catalog
    has some, otherwise a warning for the day it gets one."""
    return "error" if any(entry.msgid_plural and not entry.obsolete for entry in po) else "warning"


HEADER_CHECKS = [
    HeaderCheck("header-language", "error", language_header),
    HeaderCheck("header-plural-forms", "error", plural_forms_header, severity_when=plural_rule_severity),
]
