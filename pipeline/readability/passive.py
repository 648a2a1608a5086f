"""Passive voice in English sentences, for the report's findings and the
highlighted text alike: a form of "be" (or its contraction: "you're",
"it's"), up to two adverbs, and the past participle of a transitive verb
("is given", "you're expected"). A participle that mostly says how someone
or something is ("the clinic is closed", "I am worried", "it is done") is
an adjective there, and passive only with an agent ("is closed by the
city"); an intransitive verb's ("is gone") never is."""

from __future__ import annotations

from functools import lru_cache

from .text import words

_BE = frozenset("am is are was were be been being isn't aren't wasn't weren't "
                "i'm you're we're they're it's he's she's that's who's what's".split())
# "'s" is "has" too: "she's finished her treatment" is active.
_BE_OR_HAS = frozenset("it's he's she's that's who's what's".split())
_OBJECTS = frozenset("a an the her his my your their its our this that these those some any no me him us them "
                     "you it".split())
_ADVERBS = frozenset("also often not never always usually sometimes still then now only already just "
                     "frequently rarely commonly generally mostly easily quickly slowly".split())
_IRREGULAR_PARTICIPLES = frozenset(
    "told made done seen known shown found kept left held put set sent spent brought bought thought caught "
    "taught paid said sold built felt heard hurt cut lost met run won begun drawn grown thrown worn torn "
    "born led fed bled spread struck stuck hung understood dug lit shut split meant dealt sought swept "
    "read given taken".split())
# Words that end like participles and are not: nouns, adjectives, base verbs.
_NOT_PARTICIPLES = frozenset(
    "open often even seven ten eleven children women men kitchen oxygen antigen allergen pathogen "
    "carcinogen token citizen chicken linen siren heaven garden golden wooden specimen abdomen semen "
    "lumen omen listen happen threaten frighten sudden been "
    "need bleed feed speed seed red bed shed hundred naked wicked sacred sled".split())
# Participles that after "be" mostly describe a state (predicate
# adjectives): passive only before an agent ("by the city").
_ADJECTIVAL = frozenset(
    "closed done tired worried scared interested concerned excited bored pleased supposed married "
    "confused embarrassed surprised satisfied disappointed frightened exhausted relaxed prepared finished "
    "involved related dressed lost upset swollen inflamed infected broken advanced dehydrated bloated "
    "depressed stressed unrelated uninsured qualified".split())
# Participles that name or place rather than say what someone did: "is
# called ICANS", "is located on York Ave.", "are based on weight", "was
# born": there is no doer to name, so "say who does what" does not apply.
_NAMING = frozenset("called named termed known located situated based born".split())
# "get" with a participle is passive too ("got hurt", "get vaccinated"),
# except in set phrases: "get started", "get used to", "get lost".
_GET = frozenset("get gets got gotten getting".split())
_GET_PHRASES = frozenset("started used lost going".split())
# Participles of verbs that take no object: "is gone" is not passive.
_INTRANSITIVE = frozenset("gone come fallen risen arrived happened occurred died disappeared".split())
# "by" before a time is not an agent: "closed by 5 p.m.", "done by noon".
_TIMES = frozenset("a.m. p.m. noon midnight then now tomorrow today tonight morning evening monday tuesday "
                   "wednesday thursday friday saturday sunday".split())


def _is_participle(word: str) -> bool:
    if word in _NOT_PARTICIPLES or word in _INTRANSITIVE or not word.isalpha():
        return False
    return word in _IRREGULAR_PARTICIPLES or (len(word) > 3 and word.endswith(("ed", "en")))


def _has_agent(lower: list[str], after: int) -> bool:
    return (after + 1 < len(lower) and lower[after] == "by" and lower[after + 1] not in _TIMES)


@lru_cache(maxsize=8192)
def passive_phrases(sentence: str) -> tuple[str, ...]:
    """The passive phrases of an English sentence, as written: "is also
    called", "You're expected"."""
    tokens = words(sentence)
    lower = [t.lower().replace("’", "'") for t in tokens]
    found = []
    for i, token in enumerate(lower):
        if token not in _BE and token not in _GET:
            continue
        j, adverbs = i + 1, 0
        while j < len(lower) and adverbs < 2 and (lower[j] in _ADVERBS or lower[j].endswith("ly")):
            j, adverbs = j + 1, adverbs + 1
            if adverbs == 1 and j + 1 < len(lower) and lower[j] in ("and", "or") and lower[j + 1].endswith("ly"):
                j += 1  # "carefully and closely monitored"
        if j >= len(lower) or not _is_participle(lower[j]) or lower[j] in _NAMING:
            continue
        if token in _GET and lower[j] in _GET_PHRASES:
            continue
        if lower[j] in _ADJECTIVAL and not _has_agent(lower, j + 1):
            continue
        if token in _BE_OR_HAS and j + 1 < len(lower) and lower[j + 1] in _OBJECTS:
            continue
        found.append(" ".join(tokens[i:j + 1]))
    return tuple(found)
