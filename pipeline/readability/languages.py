"""What readability knows of each language, from data/<language>.toml: the
abbreviations of its sentences, and later its scales, kept as data a
translator can extend rather than as constants in code."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from ..locales import base_language as base
from ..locales import counted_in_characters

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def language_data(language: str) -> dict:
    """The data file of a language's base (es for es_MX), or {} for a
    language without one: no other language's abbreviations."""
    path = DATA / f"{base(language)}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def counting_unit(language: str) -> str:
    """What a language's text is counted in: Chinese and Japanese are
    written without spaces between words, so in characters."""
    return "characters" if counted_in_characters(language) else "words"
