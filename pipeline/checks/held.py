""""Keep the bandage on for 48 hours" is "do not take it off before 48
hours" ("Ne retirez pas le pansement avant 48 heures", "No se quite el
vendaje antes de 48 horas") and "take it off after 48 hours, not before"
("Quítese el vendaje después de 48 horas, no antes"): a thing kept on for a
time is one removed only once that time is over. The negation, comparative
and opposite checks read such a pair as the same instruction; removing it
before the time ("Retirez le pansement avant 48 heures") stays an error."""

from __future__ import annotations

from functools import lru_cache

from .amounts import amounts
from .concepts import said
from .lexicon import SOURCE_LANGUAGE
from .polarity import polarity
from .reading import _directions, _near, _scan

_TIMES = frozenset({"minute", "hour", "day", "week"})


def _times(language: str, text: str) -> set[tuple[float, frozenset[str]]]:
    return {(a.number, a.units) for a in amounts(language, text) if a.number and a.units & _TIMES}


@lru_cache(maxsize=16384)
def held_for(language: str, source: str, target: str) -> bool:
    """Whether a normalised source keeps a thing on for a time (`[antonym]
    keep_on` and a time, with no "before" or "after") and the translation
    says the same time with a removal (`remove`) under a negation and a
    "before", or with none and an "after"."""
    theirs = said(SOURCE_LANGUAGE, "antonym", source)
    if "keep_on" not in theirs.concepts or "remove" in theirs.concepts:
        return False
    if any(_directions(h)[0] & {"BEFORE", "AFTER"} and _directions(h)[1]
           for h in _scan(SOURCE_LANGUAGE, "comparative", source)):
        return False
    times = _times(SOURCE_LANGUAGE, source)
    if not times or not times & _times(language, target):
        return False
    ours = said(language, "antonym", target)
    links = [h for h in _scan(language, "comparative", target) if _directions(h)[0] & {"BEFORE", "AFTER"}]
    befores = [h for h in links if "BEFORE" in _directions(h)[0] and "AFTER" not in _directions(h)[0]]
    if "remove" in ours.negated and "remove" not in ours.concepts:
        return bool(befores)
    negations = polarity(language, target).certain
    # "después de 48 horas, no antes": an "after", and any "before" negated
    return "remove" in ours.concepts and any("AFTER" in _directions(h)[0] for h in links) and \
        all(any(_near(target, n, b) for n in negations) for b in befores)
