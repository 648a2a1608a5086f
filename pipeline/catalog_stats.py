"""A catalog's progress, as `locpipe stats` shows it and the data cache
keeps it: a module of its own, so that `stats` imports no catalog reader
when every row is kept."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CatalogStats:
    document: str
    language: str
    units: int
    source_words: int
    translated: int
    translated_words: int
    fuzzy: int
    untranslated: int
    obsolete: int
    review: str = ""       # reviewed, draft; none without a catalog
    review_note: str = ""  # who signed it off, or why that no longer holds

    @property
    def percent_translated(self) -> float:
        return round(100.0 * self.translated / self.units, 1) if self.units else 100.0

    @property
    def percent_words(self) -> float:
        return round(100.0 * self.translated_words / self.source_words, 1) if self.source_words else 100.0

    def as_dict(self) -> dict:
        return {
            "document": self.document, "language": self.language, "units": self.units,
            "source_words": self.source_words, "translated": self.translated,
            "fuzzy": self.fuzzy, "untranslated": self.untranslated, "obsolete": self.obsolete,
            "percent_translated": self.percent_translated, "percent_words": self.percent_words,
            "review": self.review, "review_note": self.review_note,
        }
