"""Translations applied to the document model, unit by unit.

Every output format renders the same `LocalizedDocument`. A unit without a
usable translation falls back to the English source and says so, so pages
can mark it `lang="en"` for screen readers. A translation that would bring
a link target the source does not have, or bidirectional control characters,
is not used, nor one whose phone numbers or emergency number differ from the
source's (defence in depth: even a catalog that was never checked cannot
send a patient elsewhere, give a wrong number or reorder text invisibly).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from .model import Document, Unit
from .tokens import dialled_numbers, link_targets

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ACTIVE = re.compile(r"<\s*/?\s*[A-Za-z!]|\bon[a-z]+\s*=|\b(?:javascript|vbscript|data)\s*:", re.I)


@dataclass(frozen=True)
class LocalizedText:
    text: str
    fallback: bool  # True: the English source is shown


@dataclass(frozen=True)
class LocalizedDocument:
    document: Document
    language: str
    texts: tuple[LocalizedText, ...]  # one per unit, by unit index

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
    """Whether a translation may replace its source on a page."""
    if _BIDI.search(translation) and not _BIDI.search(unit.text):
        return False
    if _ACTIVE.search(translation) and not _ACTIVE.search(unit.text):
        return False  # markup or script addresses: shown as text at worst, but never wanted
    if dialled_numbers(translation) != dialled_numbers(unit.text):
        return False
    allowed = set(link_targets(unit.text)) | set(allowed_targets)
    return all(target in allowed for target in link_targets(translation))


def localize(document: Document, language: str, translations: Mapping[str, str],
             allowed_targets: Iterable[str] = ()) -> LocalizedDocument:
    allowed = tuple(allowed_targets)
    texts = []
    for unit in document.units:
        translation = translations.get(unit.text, "")
        if translation and safe_translation(unit, translation, allowed):
            texts.append(LocalizedText(translation, False))
        else:
            texts.append(LocalizedText(unit.text, language != "en"))
    return LocalizedDocument(document, language, tuple(texts))
