"""Hours of the clock written as words after an "at" word: "a las nueve de
la noche" (9 p.m.), Arabic "الساعة الثامنة مساءً" (the eighth hour, 8 p.m.),
"at eight p.m.". The number and time-of-day checks read them as the digits
a reader understands (`[time.hours]` of each language's data file); and
hours in Chinese or Japanese numerals between a part of the day and an
o'clock word ("晚上八点", "午後八時": `[numerals]`)."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import Hit, vocabulary
from .numerals import Numerals


@lru_cache(maxsize=16384)
def _spoken(language: str, text: str) -> tuple[tuple[Hit, int], ...]:
    """(word, hour) of each hour word of a normalised text that follows an
    `at` word with nothing but spaces between, and of each hour in numerals."""
    hits = vocabulary(language, "time").scan(text)
    found = []
    for before, hit, after in zip(hits, hits[1:], hits[2:] + [None]):
        hours = [tag.value for tag in hit.tags if tag.kind == "hours"]
        if hours and not text[before.end:hit.start].strip() and \
                ("at" in before.kinds() or _between_part_and_oclock(text, before, hit, after)):
            found.append((hit, int(hours[0])))
    numerals = vocabulary(language, "unit").numerals
    if numerals is not None and hits:
        found += _numeral_hours(numerals, text, hits)
    return tuple(sorted(found, key=lambda item: item[0].start))


_DAY_PARTS = frozenset({"at", "am_before", "pm_before", "night_before", "noon_before", "evening_before"})


def _between_part_and_oclock(text: str, before: Hit, hit: Hit, after: Hit | None) -> bool:
    """An hour word between a part of the day and an o'clock word ("저녁
    여덟 시", 8 in the evening), as languages without an "at" say it."""
    return bool(before.kinds() & _DAY_PARTS and after is not None and after.kinds() & {"oclock", "oclock24"}
                and not text[hit.end:after.start].strip())


def _numeral_hours(numerals: Numerals, text: str, hits: list[Hit]) -> list[tuple[Hit, int]]:
    """Hours written in Chinese or Japanese numerals between a part of the
    day and an o'clock word ("晚上八点", "午後八時": 20:00); without the part
    of the day, "一点" is "a little" and "三点" three points."""
    starts = {h.start: h for h in hits}
    ends = {h.end: h for h in hits}
    found = []
    for match in numerals.run.finditer(text):
        after, before = starts.get(match.end()), ends.get(match.start())
        value = numerals.value(match.group())
        if after is None or before is None or value is None or value > 24:
            continue
        if after.kinds() & {"oclock", "oclock24"} and before.kinds() & _DAY_PARTS:
            found.append((Hit(match.group(), match.start(), match.end(), frozenset()), int(value)))
    return found


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
