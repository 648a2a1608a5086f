"""Two sides of a contrast swapped: "Give this medicine to your child, not
to adults" said "Donnez ce médicament aux adultes, pas à votre enfant", or
"Stop taking aspirin ... Keep taking your blood pressure medicine" with the
two medicines exchanged. Every word and negation is kept, so no count
changes; what changes is which of the people or medicines stands in the
negated clause. Read clause by clause: a person or medicine named alone in
a clause takes that clause's sense (negated or not), and a source whose
clauses give them both senses is a contrast the translation must keep."""

from __future__ import annotations

import re
from typing import Iterator

from .base import TranslationContext
from .concepts import SOURCE_LANGUAGE
from .lexicon import Hit, language_data, normalise
from .polarity import polarity
from .reading import _copied, _ready, _scan, prose

# where a clause ends: a comma or full stop between digits is a number's ("100.4 °F"), not a clause's end
_CLAUSE_BOUNDARY = re.compile(r"(?<!\d)[,.](?!\d)|[;:!?，；：。！？、،؛]")
# the families of `[term]` whose members a contrast sets against each other: people ("to your child,
# not to adults") and medicines named by what they treat ("stop aspirin, keep taking your blood pressure
# medicine") and ways of washing ("Take a shower, but do not take a bath"), beside the medicines of `[medicine]`
_FAMILIES = ("people.", "drug_class.", "washing.")


def _named(language: str, clause: str) -> set[str]:
    """The people and medicines a normalised clause names, by English name."""
    found = {k for h in _scan(language, "term", clause) for k in h.kinds() if k.startswith(_FAMILIES)}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        found.update(k for h in _scan(code, "medicine", clause) for k in h.kinds())
    return found


def _negative(language: str, clause: str) -> bool:
    """Whether a normalised clause says no to what it names: an odd number
    of negations and "stop" verbs ("Stop taking aspirin", "Deje de tomar";
    "Do not stop taking" is a yes). A "without" is its own thing's."""
    found = polarity(language, clause)
    negations = [h for h in found.certain if "privative" not in h.kinds()]
    stops = [v for v in found.inverting if v not in found.certain]
    return bool((len(negations) + len(stops)) % 2)


def senses(language: str, text: str) -> dict[str, bool]:
    """Each person or medicine of a normalised text named alone in its
    clauses, with whether those clauses say no to it; one named beside
    another in a clause ("to children or teenagers"), or in clauses of both
    senses, has none. What an "instead of" sets aside takes the other sense
    of its clause, and what it is set aside for keeps it ("Give your child
    acetaminophen instead of aspirin": yes to acetaminophen, no to aspirin)."""
    found: dict[str, set[bool]] = {}
    shared: set[str] = set()
    start = 0
    for boundary in [*_CLAUSE_BOUNDARY.finditer(text), None]:
        clause = text[start:boundary.start() if boundary else len(text)]
        start = boundary.end() if boundary else len(text)
        instead = _instead_senses(language, clause)
        if instead is not None:
            for kind, sense in instead.items():
                found.setdefault(kind, set()).add(sense)
            continue
        named = _named(language, clause)
        listed = _listed_under_one(language, clause) if len(named) > 1 else None
        if listed is not None:
            for kind in named:  # "do not take a bath or swim": one negation over the list, or none
                found.setdefault(kind, set()).add(listed)
        elif len(named) > 1:
            shared |= named
        elif named:
            found.setdefault(next(iter(named)), set()).add(_negative(language, clause))
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1 and k not in shared}


def _listed_under_one(language: str, clause: str) -> bool | None:
    """The sense of a clause that names several terms under one negation
    before them all ("but do not take a bath or swim", "不要盆浴或游泳": no
    to each) or under none ("Puede ducharse y nadar": yes to each); None
    where a negation stands between them ("to adults but not to children")."""
    found = polarity(language, clause)
    negations = [h for h in found.certain if "privative" not in h.kinds()]
    if found.inverting or len(negations) > 1:
        return None
    if not negations:
        return False
    terms = [h for h in _scan(language, "term", clause) if any(k.startswith(_FAMILIES) for k in h.kinds())]
    return True if terms and all(negations[0].end <= h.start for h in terms) else None


def _family(kind: str) -> str:
    return "people" if kind.startswith("people.") else "medicine"


def _instead_senses(language: str, clause: str) -> dict[str, bool] | None:
    """The people or medicines of a clause with an "instead of" (`[antonym]
    instead`: the words after it are set aside; `instead_after`: those
    before it, "대신", "ではなく") and of the family of what it sets aside,
    each with its sense; the marker's own negation ("而不是") is no sense.
    None where the clause has no such marker."""
    marker = next((h for h in _scan(language, "antonym", clause) if h.kinds() & {"instead", "instead_after"}), None)
    if marker is None:
        return None
    before, after = clause[:marker.start], clause[marker.end:]
    kept, aside = (after, before) if "instead_after" in marker.kinds() else (before, after)
    negative = _negative(language, f"{before} {after}")
    set_aside = _named(language, aside)
    families = {_family(k) for k in set_aside}
    chosen = {k for k in _named(language, kept) if _family(k) in families} - set_aside
    return {**{k: negative for k in chosen}, **{k: not negative for k in set_aside - _named(language, kept)}}


def swapped_sides(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Where the source says yes to some of its people, medicines or ways of
    washing and no to others, each one the translation names in a clause of
    its own keeps its side: an error where every one of them changed sides,
    or where one the source says no to is said yes to."""
    if not _ready(context, "term") or _copied(source, target):
        return
    theirs = senses(SOURCE_LANGUAGE, normalise(prose(source)))
    if len(set(theirs.values())) < 2:
        return
    ours = senses(context.language, normalise(prose(target)))
    both = [k for k in theirs if k in ours]
    # or a thing the source says no to, said yes to beside a thing the translation says no to ("Puede
    # ducharse y nadar, pero no se bañe en tina" for "Take a shower, but do not take a bath or swim")
    allowed = [k for k in both if theirs[k] and not ours[k]]
    if allowed and any(ours.values()):
        yield f'the source says no to {allowed[0].split(".")[-1]}; the translation says yes to it'
    elif both and all(theirs[k] != ours[k] for k in both):
        kind = both[0]
        said, now = ("no", "yes") if theirs[kind] else ("yes", "no")
        yield f'the source says {said} to {kind.split(".")[-1].replace("_", " ")} and {now} to something else; ' \
              f'the translation says {now} to {kind.split(".")[-1].replace("_", " ")}: the two sides are swapped'



def _marked(text: str, hit: Hit, markers: list[str]) -> bool:
    """Whether a person's word ends with one of a language's markers, or one follows it right away
    ("어린이가", "子どもが")."""
    return any(hit.text.endswith(m) or text.startswith(m, hit.end) for m in markers)


def _given_to(text: str) -> set[str]:
    """The people a normalised source gives or takes a medicine to ("give aspirin to children")."""
    before = language_data(SOURCE_LANGUAGE).get("role", {}).get("recipient_before", [])
    return {k for h in _scan(SOURCE_LANGUAGE, "term", text) for k in h.kinds() if k.startswith("people.")
            and any(text[:h.start].rstrip().endswith(f" {w}") or text[:h.start].rstrip() == w for w in before)}


def made_the_giver(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """The people a source gives a medicine to, said as the ones who give it:
    "Never give aspirin to children" as "子どもがアスピリンを与える…" or
    "어린이가 아스피린을 … 주지" (children give aspirin). Only in a language
    that marks the one given to (`[role]`: に, 에게) and the one who acts
    (が, 가), where no mention of them is marked as given to."""
    roles = language_data(context.language).get("role", {})
    if not roles or not _ready(context, "term") or _copied(source, target):
        return
    source_text, text = normalise(prose(source)), normalise(prose(target))
    if not any("given" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "route", source_text)):
        return
    for kind in sorted(_given_to(source_text)):
        hits = [h for h in _scan(context.language, "term", text) if kind in h.kinds()]
        if hits and not any(_marked(text, h, roles["recipient_after"]) for h in hits):
            acting = next((h for h in hits if _marked(text, h, roles["subject_after"])), None)
            if acting is not None:
                yield f'the source gives the medicine to {kind.split(".")[-1]}; the translation\'s ' \
                      f'"{acting.text}" makes them the ones who give it'
                return
