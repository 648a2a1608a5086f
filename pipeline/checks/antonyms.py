"""Antonyms and polarity (`[antonym]` of each language, paired by
en.toml's `opposites`): a negated word says its opposite ("no es
peligroso" is safe, "No deje … al alcance de los niños" keeps it out of
reach), and a word said as its opposite without a negation ("Es seguro"
for "dangerous") turns the sentence round with every count kept."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .amounts import section_of
from .lexicon import Hit, SOURCE_LANGUAGE, normalise
from .polarity import polarity
from .reading import _directions, _near, _scan


@lru_cache(maxsize=16)
def _opposites() -> dict[str, frozenset[str]]:
    """Concepts of the `antonym` lists by their opposites (`opposites` of
    en.toml): "safe" is the opposite of "dangerous"."""
    found: dict[str, set[str]] = {}
    for pair in section_of(SOURCE_LANGUAGE, "antonym").get("opposites", []):
        for concept in pair:
            found.setdefault(concept, set()).update(c for c in pair if c != concept)
    return {concept: frozenset(others) for concept, others in found.items()}


def antonym_words(language: str, text: str) -> list[Hit]:
    """Words of the `antonym` lists that have an opposite, outside a limit
    of `comparative` ("比平时慢", slower than usual: that check's)."""
    limits = [h for h in _scan(language, "comparative", text) if _directions(h)[1]]
    return [h for h in _scan(language, "antonym", text) if h.kinds() & _opposites().keys()
            and not any(lim.start <= h.start < lim.end for lim in limits)]


# words a negation anywhere before them in their clause turns (opposites.py `_TURNED_BY_NEGATION`): "Huwag
# iwanan ang gamot na ito na maaabot ng mga bata" (do not leave this medicine where children reach it)
_CLAUSE_WIDE = frozenset({"in_reach", "out_of_reach"})
_CLAUSE_EDGE = re.compile(r"[,;:.!?，；：。！？、،؛]")


def _reaches(language: str, text: str, negation: Hit, word: Hit) -> bool:
    """A negation beside a word, or whose concord word is ("Ne laissez pas
    ce médicament à la portée": the "pas" stands beside it); before a word
    of reach, anywhere in its clause with no "and" or "or" between ("No lo
    tome y guárdelo al alcance" keeps it within reach)."""
    joins = {normalise(w) for w in section_of(language, "negation").get("repeat", [])}
    if negation.start >= word.end and (joins & set(text[word.end:negation.start].split()) or any(
            word.end <= a.start and a.end <= negation.start and not _or_joined(language, text[word.start:a.start])
            for a in antonym_words(language, text))):
        return False  # "normal and not harmful", "정상이며 해롭지 않습니다": the negation is the second word's
    if _near(text, negation, word) or over_or(language, text, negation, word):
        return True
    if word.kinds() & _CLAUSE_WIDE and negation.end <= word.start and \
            not _CLAUSE_EDGE.search(text, negation.end, word.start):
        return not joins & set(text[negation.end:word.start].split())
    return any("concord" in c.kinds() and c.start >= negation.end and _near(text, negation, c) and
               _near(text, c, word) for c in _scan(language, "negation", text))


def _or_joined(language: str, text: str) -> bool:
    """Whether two words are joined by an "or" written on the first
    (`[negation] or_suffix`: "젖거나 더러워지지 않게", neither wet nor dirty),
    which a negation after both negates both."""
    return any(suffix in text for suffix in section_of(language, "negation").get("or_suffix", []))


def over_or(language: str, text: str, negation: Hit, word: Hit) -> bool:
    """A negation before a list of alternatives negates each of them: "đừng
    để băng bị bẩn hoặc bị ướt" (do not let it get dirty or wet) negates the
    "wet" after the "or" too; not past an "and" ("do not take it and keep it
    dry") nor the end of the clause."""
    if negation.end > word.start or _CLAUSE_EDGE.search(text, negation.end, word.start):
        return False
    ors = [h for h in _scan(language, "junction", text) if "or" in h.kinds()
           and negation.end <= h.start and h.end <= word.start and _near(text, h, word)]
    return any(len(text[negation.end:h.start].split()) <= 6 for h in ors)


def antonym_negations(language: str, text: str, negations: tuple[Hit, ...], other: list[Hit]) -> tuple[Hit, ...]:
    """The negations of `negated_antonym_pairs`."""
    return tuple(n for n, _ in negated_antonym_pairs(language, text, negations, tuple(other)))


@lru_cache(maxsize=4096)
def negated_antonym_pairs(language: str, text: str, negations: tuple[Hit, ...],
                          other: tuple[Hit, ...]) -> tuple[tuple[Hit, Hit], ...]:
    """(negation, antonym) of a normalised text that say, with the antonym they
    negate, a word of the other text: "no es peligroso" (not dangerous) for
    "safe", "not safe" for "peligroso", "No deje … al alcance" (do not leave
    within reach) for "out of reach". Only where the other text has that
    word: "It is dangerous" as "No es peligroso" is an added negation; and
    not where the other text opens with the negated word itself, which this
    text says nowhere without a negation ("Keep taking … unless … stop" as
    "No siga tomando …": the "keep" is negated, not the "stop" said; "No
    deje de tomarlo hasta que …" negates the "stop" and says the "keep")."""
    wanted = [h.kinds() & _opposites().keys() for h in other]
    if not wanted or not negations:
        return ()
    said = wanted[0]
    ours = [(a, next((n for n in negations if _reaches(language, text, n, a)), None))
            for a in antonym_words(language, text)]
    plain = frozenset().union(*(a.kinds() for a, n in ours if n is None))
    used: list[tuple[Hit, Hit]] = []
    for antonym, _ in ours:
        own = antonym.kinds() & _opposites().keys()
        meant = frozenset().union(*(_opposites()[k] for k in own))
        negation = next((n for n in negations if all(n != u for u, _ in used) and
                         _reaches(language, text, n, antonym)), None)
        match = next((i for i, kinds in enumerate(wanted) if kinds & meant), None)
        if negation is not None and match is not None and not (own & said and not own & plain):
            used.append((negation, antonym))
            wanted.pop(match)
    return tuple(used)


def said_antonyms(language: str, text: str) -> list[tuple[Hit, frozenset[str]]]:
    """(word, the concepts it says) of the `antonym` lists in a normalised
    text: a word negated ("no es peligroso") says its opposite."""
    negations = polarity(language, text).certain
    said = []
    for antonym in antonym_words(language, text):
        concepts = antonym.kinds() & _opposites().keys()
        if any(_reaches(language, text, n, antonym) for n in negations):
            concepts = frozenset().union(*(_opposites()[c] for c in concepts))
        said.append((antonym, concepts))
    return said


def swapped_antonyms(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """A word of the source said as its opposite without a negation: "It is
    dangerous to drive" as "Es seguro conducir" (safe) keeps every negation
    count and says the reverse."""
    ours = said_antonyms(language, target_part)
    if not ours:
        return
    our_concepts = frozenset().union(*(c for _, c in ours))
    for word, concepts in said_antonyms(SOURCE_LANGUAGE, source_part):
        if concepts & our_concepts:
            continue
        opposite = frozenset().union(*(_opposites()[c] for c in concepts))
        other = next((hit for hit, said in ours if said & opposite), None)
        if other is not None:
            yield f'{where}the source says "{word.text}" ({" or ".join(sorted(concepts))}) but the translation ' \
                  f'says "{other.text}" ({" or ".join(sorted(opposite))})'
            return
