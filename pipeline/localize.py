"""Translations applied to the document model, unit by unit.

Every output format renders the same `LocalizedDocument`. A unit without a
usable translation falls back to the English source and says so, so pages
can mark it `lang="en"` for screen readers. A translation in which the
safety checks find a foreign link or address, markup, bidirectional
controls, invisible characters in or beside a number or address, or a
phone or emergency number other than the source's is not used (defence in depth: even a catalog that was never checked cannot send
a patient elsewhere, give a wrong number or reorder text invisibly).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from .checks import translation_findings
from .checks.base import TranslationContext
from .checks.invisible import invisible_characters
from .checks.page_content import bidi_controls, executable_content
from .checks.safety import changed_emergency, changed_links, changed_phones
from .model import Document, Unit

# The checks whose errors would reach a reader as something to click, dial or misread.
RENDER_GUARDS = (bidi_controls, invisible_characters, executable_content, changed_links, changed_phones,
                 changed_emergency)


@dataclass(frozen=True)
class LocalizedText:
    text: str
    fallback: bool  # True: the English source is shown


@dataclass(frozen=True)
class LocalizedDocument:
    document: Document
    language: str
    texts: tuple[LocalizedText, ...]  # one per unit, by unit index
    on_paper: bool = False  # rendered for print: link addresses are written out, as paper has no links

    def text(self, unit: int | None) -> LocalizedText | None:
        return self.texts[unit] if unit is not None else None

    def field(self, key: str, default: str = "") -> LocalizedText:
        unit = self.document.front_matter_unit(key)
        if unit is None:
            return LocalizedText(str(self.document.metadata.get(key, default)), False)
        return self.texts[unit.index]

    @property
    def fallback_count(self) -> int:
        return sum(t.fallback for t in self.texts)


def safe_translation(unit: Unit, translation: str, allowed_targets: Iterable[str] = ()) -> bool:
    """Whether a translation may replace its source on a page: none of the
    safety checks that guard a reader finds anything."""
    return _safe(unit.text, translation, tuple(allowed_targets))


@lru_cache(maxsize=8192)
def _safe(source: str, translation: str, allowed_targets: tuple[str, ...]) -> bool:
    context = TranslationContext("", allowed_targets=allowed_targets)
    return not any(next(iter(guard(source, translation, context)), None) for guard in RENDER_GUARDS)


def _safe_in_context(source: str, translation: str, context: TranslationContext) -> bool:
    """safe_translation() from the findings the catalog's check already has
    (memoised): no finding of a guard. The guards do not depend on the
    language or the glossary, so the answer is the same."""
    return not any(check.function in RENDER_GUARDS for check, _ in translation_findings(source, translation, context))


def localize(document: Document, language: str, translations: Mapping[str, str],
             allowed_targets: Iterable[str] = (), context: TranslationContext | None = None) -> LocalizedDocument:
    """With `context` (the one the catalog was checked in), the guards'
    answers come from the check's findings."""
    allowed = tuple(allowed_targets)
    if context is not None and context.allowed_targets != allowed:
        raise ValueError("the check's context allows other link targets")
    texts = []
    for unit in document.units:
        translation = translations.get(unit.text, "")
        if translation and (_safe_in_context(unit.text, translation, context) if context is not None
                            else safe_translation(unit, translation, allowed)):
            texts.append(LocalizedText(translation, False))
        else:
            texts.append(LocalizedText(unit.text, language != "en"))
    return LocalizedDocument(document, language, tuple(texts))
