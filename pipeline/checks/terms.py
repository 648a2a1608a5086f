"""Key terms of a warning: the symptom to watch for (chest pain, not a
headache), the colour of a warning sign (blue lips, not pink), who the
instruction is for (children, not adults) and the days a service answers
(Monday through Friday, not through Sunday). Each is a family of concepts
in the `[term.<family>]` tables of a language's data; a concept of the
source that the translation lacks, where the translation names another
concept of the same family that the source lacks, is a swap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .base import EntryCheck, TranslationContext
from .concepts import SOURCE_LANGUAGE, Said, parts, quoted, said
from .contact import changed_contact
from .contrast import made_the_giver, swapped_sides
from .lettered import changed_letters
from .lexicon import APART, Hit, language_data
from .reading import _near, _scan

# Sections whose phrases name a part of the body without saying where a symptom is ("by mouth",
# "con el estómago vacío"): a part of the body inside one is no key term.
_ELSEWHERE = ("route", "food")
# Lists of those sections that are no route or condition: the verbs of taking, words that are no route.
_NO_PLACE = frozenset({"given", "not", "symptom", "whole"})


@lru_cache(maxsize=1)
def families() -> tuple[str, ...]:
    """The families of key terms, as English names them."""
    return tuple(language_data(SOURCE_LANGUAGE).get("term", {}))


def _sections() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The sections to scan, each with the families it holds: the term
    section, and each family read apart ("term.side": "each eye" holds
    the eye of `body`)."""
    apart = APART.get("term", ())
    return (("term", tuple(f for f in families() if f not in apart)),
            *((f"term.{f}", (f,)) for f in families() if f in apart))


def _section(family: str) -> tuple[str, str]:
    """The section a family is scanned in, and its table there."""
    return (f"term.{family}", "") if family in APART.get("term", ()) else ("term", family)


def changed_key_terms(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A symptom, colour, group of people, part of the body or day of the
    source said as another of its family: "dolor de cabeza" for "chest
    pain", "rosados" for "blue", "adultos" or "sus mascotas" for "children",
    "hinchazón en los pies" for "swelling of the face", "de lunes a
    domingo" for "Monday through Friday". A term dropped or added alone is
    not reported (a translation may well say "if you have it" for a symptom
    named before), except a part of the body set beside a symptom where the
    source names none ("un sarpullido en la boca" for "a rash"), a symptom
    the source calls for help for now ("dificultad para dormir" for "trouble
    breathing"), people added to an instruction to take a medicine ("a su
    hijo") or dropped from one, a day added to or dropped from a schedule,
    the colour of a sign the source calls for help for now, and people
    narrowed by a symptom ("a los niños con fiebre")."""
    for section, names in _sections():
        yield from _swapped(section, names, source, target, context)
    yield from _narrowed_people(source, target, context)


def _narrowed_people(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """People of an instruction to give or take a medicine narrowed by a
    symptom the source does not name: "Do not give aspirin to children" as
    "a los niños con fiebre" forbids it only for children with a fever."""
    for where, source_part, target_part in parts("term", source, target, context):
        if not _instructs(source_part) or _terms(SOURCE_LANGUAGE, source_part, "symptom"):
            continue
        people = set(_terms(SOURCE_LANGUAGE, source_part, "people")) - _READER
        ours = _terms(context.language, target_part, "people")
        symptoms = _terms(context.language, target_part, "symptom")
        if people and people & ours.keys() and symptoms:
            kind, hit = next(iter(symptoms.items()))
            yield f"{where}the translation says {quoted(hit, kind)} of the people the source names without it: " \
                  f"the instruction then holds for fewer of them"


def _swapped(section: str, names: tuple[str, ...], source: str, target: str,
             context: TranslationContext) -> Iterator[str]:
    """The swaps of the families a section holds, part by part, and the
    terms a family reports dropped or added alone (`_ALONE`)."""
    for where, source_part, target_part in parts(section, source, target, context):
        for family in names:
            theirs, ours = _terms(SOURCE_LANGUAGE, source_part, family), _terms(context.language, target_part, family)
            if family == "people":
                ours = _infants_as_children(source_part, theirs, _minors(theirs, ours))
                ours = _nursed(target_part, theirs, ours)
            theirs = _unlisted_dropped(context.language, family, theirs)
            terms = _Compared(where, source_part, target_part, context.language, theirs, ours)
            for (kind, hit), (other, instead) in zip(terms.lost, terms.gained):
                yield f"{where}the source says {quoted(hit, kind)} but the translation says {quoted(instead, other)}"
            if family in _ALONE:
                yield from _ALONE[family](terms)


def _minors(theirs: dict[str, Hit], ours: dict[str, Hit]) -> dict[str, Hit]:
    """Those under an age ("menores de 12 años", "les moins de 12 ans",
    `minors`): the source's children, where the translation names no one
    else; the age of the people it names otherwise ("adolescentes menores
    de 16"), or of the reader ("si vous avez moins de 12 ans")."""
    if "minors" not in ours:
        return ours
    others = {kind: hit for kind, hit in ours.items() if kind != "minors"}
    if set(others) - _SEXES or "children" not in theirs:
        return others
    return {**others, "children": ours["minors"]}


# an age in months, weeks or days ("younger than 3 months", "under 6 weeks"): a child of that age is an infant
_INFANT_AGE = re.compile(r"\b(?:younger than|under|less than|below)\s+(?:(\d{1,2})\s+months?|\d{1,2}\s+(?:weeks?|days?))\b",
                         re.I)


def _infants_as_children(source: str, theirs: dict[str, Hit], ours: dict[str, Hit]) -> dict[str, Hit]:
    """A translation's infants ("votre bébé") for the source's children
    where the source's own age makes them infants ("a child younger than 3
    months"): the same people. Infants for children of any other age are
    another dose and stay a swap."""
    if "children" not in theirs or "children" in ours or "infants" not in ours or "infants" in theirs:
        return ours
    if not any(m.group(1) is None or int(m.group(1)) <= 12 for m in _INFANT_AGE.finditer(source)):
        return ours
    return {("children" if kind == "infants" else kind): hit for kind, hit in ours.items()}


# concepts a language may not list yet: where it does not, the source's is no term to keep
_NEWER = frozenset({"incision"})


def _unlisted_dropped(language: str, family: str, theirs: dict[str, Hit]) -> dict[str, Hit]:
    """The source's terms without those of `_NEWER` the language lists no
    words for: "the incision" said "la herida" in such a language is no
    part of the body changed."""
    listed = language_data(language).get("term", {}).get(family, {})
    return {kind: hit for kind, hit in theirs.items() if kind not in _NEWER or kind in listed}


def _nursed(target: str, theirs: dict[str, Hit], ours: dict[str, Hit]) -> dict[str, Hit]:
    """The child a translation names beside breastfeeding ("给孩子喂母乳",
    "ترضعي طفلك": breastfeed your child), where the source says
    "breastfeed" and names no child: the baby breastfed, no one else the
    instruction is for."""
    nursing = ours.get("breastfeeding")
    if nursing is None or "breastfeeding" not in theirs or theirs.keys() & _DEPENDANTS:
        return ours
    return {kind: hit for kind, hit in ours.items() if not (kind in _DEPENDANTS and _near(target, hit, nursing))}


@dataclass(frozen=True)
class _Compared:
    """A family's terms in a part of the source and of the translation."""
    where: str
    source_part: str
    target_part: str
    language: str
    theirs: dict[str, Hit]
    ours: dict[str, Hit]

    @property
    def lost(self) -> list[tuple[str, Hit]]:
        return [(k, h) for k, h in self.theirs.items() if k not in self.ours]

    @property
    def gained(self) -> list[tuple[str, Hit]]:
        return [(k, h) for k, h in self.ours.items() if k not in self.theirs]


def _placed_alone(terms: _Compared) -> Iterator[str]:
    """A part of the body where the source names none (see `_placed`)."""
    if terms.gained and not terms.theirs:
        yield from _placed(terms.where, terms.source_part, terms.target_part, terms.language, terms.gained)


# People of the family who are the reader ("if you are pregnant", "do not breastfeed"): a translation
# that names no one still speaks of them.
_READER = frozenset({"pregnant", "breastfeeding", "self"})
# Men and women: a swap of one for the other is an error; named or left out beside the reader ("si es
# una mujer embarazada" for "if you are pregnant"), they change no one the instruction is for.
_SEXES = frozenset({"men", "women"})


def _added_people(terms: _Compared) -> Iterator[str]:
    """People added to or dropped from an instruction to take or give a
    medicine: "Take 1 tablet" as "Dele 1 tableta a su hijo" gives the
    medicine to someone else; "only if your child is older than 2" as "que
    si vous avez plus de 2 ans" makes the reader the one who takes it. And
    anyone named where the source speaks only of the reader ("if you are
    pregnant" as "si su pareja está embarazada")."""
    others = [(kind, hit) for kind, hit in terms.gained if kind not in _READER | _SEXES]
    people = set(terms.theirs) - _SEXES
    if others and people and people <= _READER:
        kind, hit = others[0]  # "if you are pregnant" as "si su pareja está embarazada"
        yield f"{terms.where}the translation says {quoted(hit, kind)}, where the source speaks of the reader"
        return
    if not _instructs(terms.source_part):
        yield from _condition_of_others(terms)
        return
    named = [(kind, hit) for kind, hit in terms.gained if kind not in _SEXES]
    if named and not people:
        kind, hit = named[0]
        yield f"{terms.where}the translation says {quoted(hit, kind)}, whom the source does not name: the " \
              f"instruction is then for someone else"
    elif [lost for lost in terms.lost if lost[0] not in _READER | _SEXES] and not set(terms.ours) - _SEXES:
        kind, hit = next(lost for lost in terms.lost if lost[0] not in _READER | _SEXES)
        yield f"{terms.where}the source says {quoted(hit, kind)}; the translation names no one: the " \
              f"instruction is then for the reader"


# the people whose signs a leaflet tells the reader to watch for ("if your child has a fever")
_DEPENDANTS = frozenset({"children", "infants"})
_CLAUSE = re.compile(r"[,;:.!?]|$")


def _condition_of_others(terms: _Compared) -> Iterator[str]:
    """People of the source's "if" clause the translation names no one for:
    "if your child has a fever" as "si vous avez une fièvre" makes the
    reader's fever the sign to act on."""
    text = terms.source_part
    conditions = [(h.end, _CLAUSE.search(text, h.end).start()) for h in _scan(SOURCE_LANGUAGE, "junction", text)
                  if "if" in h.kinds()]
    lost = [(kind, hit) for kind, hit in terms.lost if kind in _DEPENDANTS
            and any(start <= hit.start < end for start, end in conditions)]
    if lost and not set(terms.ours) - _SEXES:
        kind, hit = lost[0]
        yield f"{terms.where}the source says {quoted(hit, kind)}; the translation names no one: the condition is " \
              f"then the reader's"


def _changed_days(terms: _Compared) -> Iterator[str]:
    """A day of a schedule the translation adds or drops, where both name
    days ("los lunes, miércoles, viernes y domingos"), or a day added to an
    instruction to take a medicine that names none ("del lunes")."""
    lost, gained = terms.lost, terms.gained
    added = [(kind, hit) for kind, hit in gained if not _also_other(terms.language, terms.target_part, hit)]
    if added and not terms.theirs and _instructs(terms.source_part):
        kind, hit = added[0]
        yield f"{terms.where}the translation says {quoted(hit, kind)}, a day the source does not name: the " \
              f"instruction then holds on that day only"
    if terms.theirs and terms.ours and len(lost) != len(gained):
        more, kind, hit = (True, *gained[len(lost)]) if len(gained) > len(lost) else (False, *lost[len(gained)])
        yield f"{terms.where}the translation {'adds' if more else 'leaves out'} {quoted(hit, kind)}: the days " \
              f"are not the source's"
    elif _range_as_ends(terms):
        yield f"{terms.where}the source names a range of days; the translation joins its two ends with \"and\": " \
              f"the days between are left out"


_RANGE_WORD = re.compile(r"^\s*(?:through|thru|to|until|-|–)\s*$")


def _range_as_ends(terms: _Compared) -> bool:
    """"Monday through Friday" said "los lunes y los viernes": the same two
    days, joined by an "and" of the language's `[junction]` instead of a range."""
    if len(terms.theirs) != 2 or set(terms.theirs) != set(terms.ours):
        return False
    first, last = sorted(terms.theirs.values(), key=lambda h: h.start)
    if not _RANGE_WORD.match(terms.source_part[first.end:last.start]):
        return False
    start, end = sorted((h.start, h.end) for h in terms.ours.values())
    return any(start[1] <= h.start and h.end <= end[0] and "and" in h.kinds()
               for h in _scan(terms.language, "junction", terms.target_part))


def _dropped_symptom(terms: _Compared) -> Iterator[str]:
    """A symptom of an urgent instruction that the translation names none
    for; one that names the symptom's place ("pananakit ng dibdib", pain of
    the chest) says it otherwise."""
    lost, gained = terms.lost, terms.gained
    if len(lost) > len(gained) and not terms.ours and _urgent(terms.source_part):
        kind, hit = lost[len(gained)]
        if _IMPLIED.get(kind) not in _terms(terms.language, terms.target_part, "body"):
            yield f"{terms.where}the source calls for help now for {quoted(hit, kind)}; the translation names " \
                  f"no such symptom"


def _dropped_colour(terms: _Compared) -> Iterator[str]:
    """The colour of a warning sign in an urgent instruction ("if your lips
    turn blue, call 911") that the translation names no colour for: the
    sign to act on is gone ("si se le resecan los labios"). Turning red
    said with a verb ("se pone roja", "покраснел", "红肿") names it."""
    if terms.lost and not terms.ours and _urgent(terms.source_part):
        kind, hit = terms.lost[0]
        if kind == "red" and "redness" in _terms(terms.language, terms.target_part, "symptom"):
            return
        yield f"{terms.where}the source calls for help now when something turns {quoted(hit, kind)}; the " \
              f"translation names no colour"


def _also_other(language: str, text: str, hit: Hit) -> bool:
    """A day's name that is also a unit or an ordinal of its language
    (Tagalog "linggo", Sunday and week; Vietnamese "thứ hai", Monday and
    second): only a swap for another day tells which it is."""
    return any(other.start < hit.end and hit.start < other.end
               for section in ("unit", "ordinal") for other in _scan(language, section, text))


def _juice_alone(terms: _Compared) -> Iterator[str]:
    """A fruit and its juice both named ("grapefruit and grapefruit juice"),
    said as the juice alone ("el jugo de toronja"): the fruit's word is
    still there, inside the juice, and the fruit itself is allowed."""
    for kind, hit in terms.theirs.items():
        juice = f"{kind}_juice"
        if juice in terms.theirs and juice in terms.ours and kind not in terms.ours:
            yield f'{terms.where}the source says {quoted(hit, kind)} and {quoted(terms.theirs[juice], juice)}; ' \
                  f'the translation says only {quoted(terms.ours[juice], juice)}: the fruit itself is left out'
            return



# words that say a sign is to be expected (`[antonym]`): a source with one may well be said "normal"
_REASSURING = frozenset({"normal", "abnormal", "common", "rare", "safe", "dangerous", "often"})


def _called_normal(terms: _Compared) -> Iterator[str]:
    """A warning sign of the source's "if" said to be normal: "Call us if
    the redness spreads" as "Es normal que el enrojecimiento se extienda"
    leaves the reader nothing to do. Not where the source itself says what
    is normal, common or safe, nor where it names a medicine or a dose,
    whose "regular" or "usual" a translation may call normal ("1 aspirina
    normal")."""
    source = terms.source_part
    if not terms.theirs or not any("if" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "junction", source)):
        return
    if _scan(SOURCE_LANGUAGE, "medicine", source) or "taking" in said(SOURCE_LANGUAGE, "stop", source).concepts:
        return
    theirs = said(SOURCE_LANGUAGE, "antonym", terms.source_part)
    if (theirs.concepts.keys() | theirs.negated.keys()) & _REASSURING:
        return
    ours = said(terms.language, "antonym", terms.target_part)
    if "normal" in ours.concepts and "normal" not in ours.negated:
        kind, hit = next(iter(terms.theirs.items()))
        yield f"{terms.where}the source tells the reader what to do if {quoted(hit, kind)}; the translation calls " \
              f"it normal (\"{ours.concepts['normal'].text}\")"


def _dropped_class(terms: _Compared) -> Iterator[str]:
    """A kind of medicine the source names that the translation names no
    medicine for, where the language lists that kind: "until the fever has
    been gone for 24 hours without fever medicine" as "hasta que lleve 24
    horas sin fiebre" drops what the condition excludes."""
    listed = language_data(terms.language).get("term", {}).get("drug_class", {})
    lost = [(kind, hit) for kind, hit in terms.lost if kind in listed]
    if lost and not terms.ours and not _scan(terms.language, "medicine", terms.target_part):
        kind, hit = lost[0]
        yield f"{terms.where}the source names {quoted(hit, kind)}; the translation names no such medicine"


# "all" or "any" of the source's medicines: a kind of product the translation adds narrows them
_EVERY = re.compile(r"\b(?:all|any|every)\b", re.I)


def _narrowed_products(terms: _Compared) -> Iterator[str]:
    """A kind of medicine the translation adds to "all" or "any" of the
    source's, which names no kind: "a list of all the medicines you take"
    as "los medicamentos nuevos", "新しく処方された薬". Prescription and
    over-the-counter medicines together are all of them."""
    if terms.theirs or not terms.gained or not _EVERY.search(terms.source_part):
        return
    if {"prescription", "over_the_counter"} <= terms.ours.keys():
        return
    kind, hit = terms.gained[0]
    yield f"{terms.where}the translation says {quoted(hit, kind)} of the medicines the source says all of: the " \
          f"instruction then holds for fewer of them"


def _symptom_alone(terms: _Compared) -> Iterator[str]:
    yield from _dropped_symptom(terms)
    yield from _called_normal(terms)


_ALONE = {"body": _placed_alone, "people": _added_people, "weekday": _changed_days, "symptom": _symptom_alone,
          "colour": _dropped_colour, "drink": _juice_alone, "drug_class": _dropped_class,
          "product": _narrowed_products}


def _instructs(text: str) -> bool:
    """Whether a normalised source part tells the reader to take or give a
    medicine (a verb of taking in `[route] given`)."""
    return any("given" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "route", text))


def _urgent(text: str) -> bool:
    """Whether a normalised source part calls for help now (911, the
    emergency room, "right away"): the symptom it names is the one to act
    on, and a translation may not leave it out ("dificultad para dormir")."""
    return "911" in text or "emergency" in text or \
        any(h.kinds() & {"now"} for h in _scan(SOURCE_LANGUAGE, "urgency", text))


# Where a symptom is, by its name: a translation may say "dolor en el estómago" for "stomach pain",
# "erupción en la piel" for "a rash". The skin is where most symptoms show: adding it places none.
_IMPLIED = {"chest_pain": "chest", "headache": "head", "stomach_pain": "belly", "back_pain": "back",
            "trouble_breathing": "chest", "rash": "skin", "vomiting": "belly", "diarrhea": "belly",
            "sore_throat": "throat", "nausea": "belly", "constipation": "belly", "cough": "chest",
            "wheezing": "chest"}
_NOWHERE = frozenset({"skin"})


def _placed(where: str, source_part: str, target_part: str, language: str,
            gained: list[tuple[str, Hit]]) -> Iterator[str]:
    """A part of the body the translation sets beside a symptom (at most
    three words apart) where the source names a symptom and no part of the
    body: "un sarpullido en la boca" for "a rash" says only a rash in the
    mouth stops the medicine."""
    theirs = _terms(SOURCE_LANGUAGE, source_part, "symptom")
    if not theirs:
        return
    implied = {_IMPLIED[k] for k in theirs if k in _IMPLIED} | _NOWHERE
    symptoms = _terms(language, target_part, "symptom").values()
    placed = [(k, h) for k, h in gained if k not in implied and any(_near(target_part, s, h) for s in symptoms)]
    if placed:
        kind, hit = placed[0]
        yield f"{where}the translation says {quoted(hit, kind)}, a part of the body the source does not name, " \
              f"beside a symptom: the symptom is said to be somewhere the source does not say"


def _terms(language: str, text: str, family: str) -> dict[str, Hit]:
    """The concepts of a family a part says, said or negated, outside the
    family's `not` list; parts of the body outside the routes and food
    conditions of `_ELSEWHERE`."""
    section, table = _section(family)
    found: Said = said(language, section, text, table)
    elsewhere = [h for section in _ELSEWHERE for h in _scan(language, section, text)
                 if h.kinds() - _NO_PLACE] if family == "body" else []
    return {kind: hit for kind, hit in (found.concepts | found.negated).items()
            if kind != "not" and not any(e.start <= hit.start < e.end for e in elsewhere)}


TERM_CHECKS = [EntryCheck("key-term", "error", changed_key_terms), EntryCheck("key-term", "error", changed_letters),
               EntryCheck("key-term", "error", changed_contact), EntryCheck("key-term", "error", swapped_sides),
               EntryCheck("key-term", "error", made_the_giver)]
