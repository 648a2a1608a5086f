"""The project's readability settings, [tool.locpipe.readability], as one
hashable value: reports are memoised per settings."""

from __future__ import annotations

from dataclasses import dataclass

from .languages import base

DEFAULT_TARGET_GRADE = 8.0
DEFAULT_UNCOMMON_ZIPF = 3.0


@dataclass(frozen=True)
class ReadabilitySettings:
    """[tool.locpipe.readability]: target_grade and primary, and the same
    per language in [tool.locpipe.readability.languages.<lang>]."""

    target_grade: float = DEFAULT_TARGET_GRADE
    primary: str | None = None
    languages: tuple[tuple[str, float | None, str | None], ...] = ()  # (language, target_grade, primary)
    # A word is uncommon below this Zipf frequency (3: once per million words).
    uncommon_zipf: float = DEFAULT_UNCOMMON_ZIPF

    def for_language(self, language: str) -> tuple[float, str | None]:
        grade, primary = self.target_grade, self.primary
        for code in (base(language), language):
            for name, own_grade, own_primary in self.languages:
                if name == code:
                    grade = own_grade if own_grade is not None else grade
                    primary = own_primary or primary
        return grade, primary
