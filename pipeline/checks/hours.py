"""Hours of the clock written as words after an "at" word: "a las nueve de
la noche" (9 p.m.), Arabic "الساعة الثامنة مساءً" (the eighth hour, 8 p.m.),
"at eight p.m.". The number and time-of-day checks read them as the digits
a reader understands (`[time.hours]` of each language's data file)."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import Hit, vocabulary


@lru_cache(maxsize=16384)
def _spoken(language: str, text: str) -> tuple[tuple[Hit, int], ...]:
    """(word, hour) of each hour word of a normalised text that follows an
    `at` word with nothing but spaces between."""
    hits = vocabulary(language, "time").scan(text)
    found = []
    for before, hit in zip(hits, hits[1:]):
        hours = [tag.value for tag in hit.tags if tag.kind == "hours"]
        if hours and "at" in before.kinds() and not text[before.end:hit.start].strip():
            found.append((hit, int(hours[0])))
    return tuple(found)


def spoken_hours(language: str, text: str) -> list[int]:
    """The hours a normalised text says in words ("a las nueve": 9)."""
    return [hour for _, hour in _spoken(language, text)]


@lru_cache(maxsize=16384)
def hours_as_digits(language: str, text: str) -> str:
    """A normalised text with its hours in words written as digits: "a las
    nueve de la noche" as "a las 9 de la noche"."""
    for hit, hour in reversed(_spoken(language, text)):
        text = text[:hit.start] + str(hour) + text[hit.end:]
    return text
