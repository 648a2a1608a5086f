"""Concepts of a sentence, as the word lists of a section name them: the
route "by mouth", the food condition "on an empty stomach", the weekday
"Friday". The instruction checks (route.py, conditions.py, stopping.py,
terms.py) compare the concepts of a source sentence with those of its
translation; a concept said under a negation ("sin masticar", without
chewing) is set apart, as the translation does not tell the reader to do it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .base import TranslationContext
from .lexicon import SOURCE_LANGUAGE, Hit, language_data, normalise, language_setting
from .polarity import polarity
from .reading import _copied, _near, _ready, _scan, candidates

IGNORED = frozenset({"not"})  # phrases of a section that look like a concept and are none


@dataclass(frozen=True)
class Said:
    """The concepts of one aligned part, by name, with the first phrase of
    each; `negated` are those said under a negation."""
    concepts: dict[str, Hit]
    negated: dict[str, Hit]


def said(language: str, section: str, text: str, table: str = "") -> Said:
    """The concepts of a normalised text in a section (or in one table of
    it: `table` "colour" reads "colour.blue" as "blue")."""
    hits = _scan(language, section, text)
    # a word of the section is no negation of another ("deje de" of "deje de tomarlo" is the stop itself)
    # and a "ni" or "nem" of a chain ("No las abra, triture ni mastique") negates its own word
    chained = [n for n in _scan(language, "negation", text) if "concord" in n.kinds()]
    negations = [n for n in (*polarity(language, text).certain, *chained)
                 if not any(h.start < n.end and n.start < h.end for h in hits)]
    concepts: dict[str, Hit] = {}
    negated: dict[str, Hit] = {}
    verb_last = bool(language_setting(language, "negation_after_verb"))
    for hit in hits:
        for kind in sorted(hit.kinds() - IGNORED):
            if table:
                if not kind.startswith(f"{table}."):
                    continue
                kind = kind.split(".", 1)[1]
            elif "." in kind:
                continue
            under = any(_governs(text, n, hit, verb_last) or _listed(language, text, n, hit) for n in negations)
            (negated if under else concepts).setdefault(kind, hit)
    return Said(concepts, negated)


def _governs(text: str, negation: Hit, hit: Hit, verb_last: bool) -> bool:
    """A negation near a concept negates it, unless it is a verb that turns
    round its object ("evitar", "éviter", "tránh") and comes after the
    concept in a language whose verbs come before their objects: "sin
    alimentos para evitar malestar" avoids the upset, not the fasting; so
    does a "without" ("Debe tomarlo sin alimentos" keeps its "debe")."""
    if negation.kinds() & {"inverting", "privative"} and not verb_last and negation.start >= hit.end:
        return False
    return _near(text, negation, hit)


_LIST_ITEM = re.compile(r"\s*[^\W\d_]+(?:[\s'’-]+[^\W\d_]+){0,3}\s*")


@lru_cache(maxsize=64)
def list_joins(language: str) -> frozenset[str]:
    """The "or" and "and" of a language's `[negation] repeat` list,
    normalised: what joins the actions of a list one negation governs."""
    return frozenset(normalise(w) for w in language_data(language).get("negation", {}).get("repeat", []))


def _listed(language: str, text: str, negation: Hit, hit: Hit) -> bool:
    """A word of a list that a negation begins: the "chew" of "do not open,
    crush, or chew them" (items of up to four words, the last after an
    "or" or "and" of the language's `repeat` list, or after a comma)."""
    gap = text[negation.end:hit.start]
    if negation.end > hit.start or "," not in gap or gap.count(",") > 5:
        return False
    *items, last = gap.split(",")
    *words, join = last.split() or [""]
    if join and join not in list_joins(language) or len(words) > 4:  # "..., or chew", "..., nghiền hoặc nhai"
        return False
    if join and not words and len(items) == 1:  # "No maneje, y opere maquinaria": a clause of its own, no list
        return False
    return all(_LIST_ITEM.fullmatch(item) for item in items)


def parts(section: str, source: str, target: str, context: TranslationContext) -> Iterator[tuple[str, str, str]]:
    """The aligned parts of a unit to compare for a section's concepts;
    none where the language has no data or the translation is a copy."""
    if not _ready(context, section) or _copied(source, target):
        return iter(())
    return iter(candidates(section, source, target, context.language))


def quoted(hit: Hit, name: str) -> str:
    return f'"{hit.text}" ({name.replace("_", " ")})'


__all__ = ["IGNORED", "SOURCE_LANGUAGE", "Said", "parts", "quoted", "said"]
