"""The project's readability settings, [tool.locpipe.readability], as one
hashable value: reports are memoised per settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

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


# The keys [tool.locpipe.readability] knows, and those of each language's table.
KNOWN_KEYS = ("target_grade", "primary", "uncommon_zipf", "languages", "jargon")
LANGUAGE_KEYS = ("target_grade", "primary")


def unknown_settings(raw: Mapping[str, Any], languages: list[str]) -> list[tuple[tuple[str, ...], str]]:
    """(keys below [readability], message) for each setting a report would
    ignore: a key it does not know (a typo such as `target_grad` would
    otherwise leave the default in force without a word), and a language
    table for a language the project does not have. Suggestions come from
    difflib."""
    out = []
    for key in raw:
        if key not in KNOWN_KEYS:
            out.append(((key,), f"[readability] has no setting {key!r}: it is ignored{_did_you_mean(key, KNOWN_KEYS)}"))
    tables = raw.get("languages")
    if not isinstance(tables, Mapping):
        return out
    usable = ["en", *languages, *(base(code) for code in languages)]
    for code, table in tables.items():
        where = f"[readability.languages.{code}]"
        if code not in usable:
            listed = ", ".join(dict.fromkeys(["en", *languages]))
            out.append((("languages", code), f"{where} is for {code!r}, which is not one of the project's languages "
                                             f"({listed}): it is ignored{_did_you_mean(code, list(dict.fromkeys(usable)))}"))
        if isinstance(table, Mapping):
            out += [(("languages", code, key), f"{where} has no setting {key!r}: it is ignored"
                                               f"{_did_you_mean(key, LANGUAGE_KEYS)}")
                    for key in table if key not in LANGUAGE_KEYS]
    return out


def _did_you_mean(word: str, choices) -> str:
    import difflib
    folded = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean {folded[close[0]]!r}?" if close else ""
