"""The project's readability settings, [tool.locpipe.readability], as one
hashable value: reports are memoised per settings."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Mapping

from ..errors import SettingsError

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


@lru_cache(maxsize=None)
def default_jargon() -> dict[str, str]:
    """locpipe's list of medical terms and their plain words
    (data/jargon-en.toml, with its sources)."""
    table = tomllib.loads(files(__package__).joinpath("data", "jargon-en.toml").read_text(encoding="utf-8"))
    return dict(table["terms"])


def merged_jargon(own: Mapping[str, str]) -> dict[str, str]:
    """The default list with a project's own terms: a project's term adds
    to it or overrides its alternative (in any case), and an empty
    alternative takes a term off the list."""
    merged = dict(default_jargon())
    for term, plain in own.items():
        merged[term.lower()] = plain
    return {term: plain for term, plain in merged.items() if plain}


def project_jargon(raw: Any, origin: str = "", locate=lambda keys: None) -> dict[str, str]:
    """A project's [readability.jargon] table, checked: each term a word or
    words (it must start and end with a letter or digit), each alternative a
    string ("" takes a term off the list)."""
    if not isinstance(raw, dict):
        raise SettingsError(f"[readability.jargon] must be a table of terms and their plain words, not {raw!r}",
                            origin, locate(("jargon",)))
    for term, plain in raw.items():
        if not re.fullmatch(r"\w(?:.*\w)?", term, re.S) or not re.search(r"[^\W\d_]", term):
            raise SettingsError(f"[readability.jargon] term {term!r} is not a word: a term must start and end "
                                "with a letter or digit", origin, locate(("jargon", term)))
        if not isinstance(plain, str):
            raise SettingsError(f"[readability.jargon] {term!r} must be a string of plain words "
                                f"(or \"\" to take the term off the list), not {plain!r}", origin,
                                locate(("jargon", term)))
    return raw

