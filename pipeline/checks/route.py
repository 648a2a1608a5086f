"""How a medicine is taken: its route ("by mouth", "in the eye",
"rectally", an injection, chewed) and its dose form (tablet, capsule,
patch). A tablet to swallow put in the eye, or a capsule for a tablet,
keeps every number and negation of the instruction."""

from __future__ import annotations

import re
from typing import Iterator

from .base import EntryCheck, TranslationContext
from .concepts import SOURCE_LANGUAGE, Said, parts, quoted, said
from .lexicon import Hit, normalise
from .polarity import polarity
from ..tokens import MEASURE
from .reading import _near, _scan, _without, prose
from .amounts import section_of, unit_families

ROUTES = {"oral": "by mouth", "chewed": "chewed", "sublingual": "under the tongue", "eye": "in the eye",
          "ear": "in the ear", "nose": "in the nose", "rectal": "rectally", "vaginal": "vaginally",
          "injection": "injected", "skin": "on the skin", "inhaled": "inhaled",
          "intramuscular": "into a muscle", "intravenous": "into a vein"}
# where an injection goes, read where a language's data names it: a language whose words for a
# vein or a muscle are only in `injection` reads "into a vein" as an injection
_INJECTION_SITES = frozenset({"intramuscular", "intravenous"})
# taking a medicine is taking it by mouth: a translation may say so where its source does not
# ("Take 1 tablet" as "Tome 1 tableta por vía oral", "Uống 1 viên"); chewing is by mouth too
_BY_MOUTH = frozenset({"oral", "chewed"})
# a dose counted in puffs is inhaled or sprayed in the nose: "Take 2 puffs" may be "Haga 2 inhalaciones"
# a patch is put on the skin (ja 貼って, ko 패치, vi miếng dán say so)
_ROUTES_OF_UNIT = {"puff": frozenset({"inhaled", "nose"}), "patch": frozenset({"skin"})}


def changed_route(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A route of the source is in the translation, and the translation
    names no route the source does not: "by mouth" is not "en el ojo",
    "masticada" or "Inyecte"; "Take 2 teaspoons" gains no "in the eye".
    A route said under a negation ("sin masticar") is no instruction to use
    it. By mouth may be added where the source names no other route."""
    whole = normalise(prose(source))
    aligned = list(parts("route", source, target, context))
    # a route the source names in another sentence may be said again: "Use a different spot each time"
    # after "Inject ..." as "Changez de point d'injection"
    named = _routes(SOURCE_LANGUAGE, " ".join(s for _, s, _ in aligned)).concepts if len(aligned) > 1 else {}
    for where, source_part, target_part in aligned:
        # "Do not crush or chew the tablets. Swallow them whole.": the second sentence's "them" are tablets
        if not (_gives_a_medicine(source_part) or where and _swallowing(source_part) and _gives_a_medicine(whole)):
            continue
        theirs, ours = _routes(SOURCE_LANGUAGE, source_part), _routes(context.language, target_part)
        sites = _INJECTION_SITES & section_of(context.language, "route").keys()
        implied = not (theirs.concepts.keys() - _BY_MOUTH)
        counted = _counted_routes(source_part)
        added = [(k, h) for k, h in ours.concepts.items() if k not in theirs.concepts and k not in theirs.negated
                 and not (k == "oral" and implied) and k not in counted and k not in named
                 and not _kept_off(context.language, k, h, source_part, target_part)]
        # tablets taken are swallowed ("Tome 2 tabletas"): "by mouth" unsaid, where no other route is said
        swallowed = not added and _swallowed_forms(context.language, target_part)
        lost = [(k, h) for k, h in theirs.concepts.items() if k not in ours.concepts and k not in ours.negated
                and (k in sites or k not in _INJECTION_SITES) and not (k == "oral" and swallowed)]
        # "Do not chew them" as "mastíquelas" (chew them), with a negation kept for another verb
        forbidden = [(k, theirs.negated[k], h) for k, h in ours.concepts.items()
                     if k in theirs.negated and k not in theirs.concepts and k not in ours.negated]
        for (kind, hit), (other, instead) in zip(lost, added):
            yield f"{where}the source says {quoted(hit, ROUTES[kind])} but the translation says " \
                  f"{quoted(instead, ROUTES[other])}"
        for kind, hit in lost[len(added):]:
            yield f"{where}the source says {quoted(hit, ROUTES[kind])}; the translation does not say how the " \
                  f"medicine is taken"
        for kind, hit in added[len(lost):]:
            yield f"{where}the translation says {quoted(hit, ROUTES[kind])}, a way of taking the medicine the " \
                  f"source does not say"
        for kind, hit, instead in forbidden:
            yield f"{where}the source forbids {quoted(hit, ROUTES[kind])} but the translation says " \
                  f"{quoted(instead, ROUTES[kind])} with no negation"
        yield from _changed_forms(where, source_part, target_part, context.language)


# routes that name a place on the body, which a symptom may have too
_PLACES = frozenset({"skin", "eye", "ear", "nose"})


_PLACE_WORDS = {"skin": re.compile(r"\bskin\b"), "eye": re.compile(r"\beyes?\b"),
                "ear": re.compile(r"\bears?\b"), "nose": re.compile(r"\bnose\b")}


_CLAUSE_EDGE = re.compile(r"[,;:.!?，；：。！？、،؛]")


def _kept_off(language: str, kind: str, hit: Hit, source: str, target: str) -> bool:
    """Whether a translation's place is one the normalised source names and
    its clause keeps the medicine off ("with a towel between the ice and
    your skin" as "피부에 직접 닿지 않게", so that it does not touch the skin
    directly): no route added. "directamente sobre la piel" (right on the
    skin) has no negation, and is one."""
    if kind not in _PLACE_WORDS or _PLACE_WORDS[kind].search(source) is None:
        return False
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(target, 0, hit.start)]
    after = _CLAUSE_EDGE.search(target, hit.end)
    clause = target[edges[-1] if edges else 0:after.start() if after else len(target)]
    found = polarity(language, clause)
    return bool(found.certain or found.lexical)


def _symptom_places(language: str, text: str) -> list[Hit]:
    """Places on the body said beside a symptom, in a normalised text:
    "éruption cutanée", "erupção na pele", "طفح جلدي" (a skin rash),
    "dolor en el oído" (pain in the ear) say where the symptom is, not how
    a medicine is taken."""
    hits = _scan(language, "route", text)
    symptoms = [h for h in hits if "symptom" in h.kinds()]
    return [h for h in hits if h.kinds() & _PLACES and any(_near(text, s, h) for s in symptoms)] if symptoms else []


def _routes(language: str, text: str) -> Said:
    """The routes a normalised text says and forbids; a vein or a muscle
    is an injection ("por vía intravenosa" injects)."""
    found = said(language, "route", _without(text, _symptom_places(language, text)))
    concepts = {k: h for k, h in found.concepts.items() if k in ROUTES}
    site = next((concepts[k] for k in sorted(_INJECTION_SITES) if k in concepts), None)
    if site is not None:
        concepts.setdefault("injection", site)
    return Said(concepts, {k: h for k, h in found.negated.items() if k in ROUTES})


# dose forms that are swallowed: "Tome 2 tabletas" (take 2 tablets) says "by mouth" without the words
_SWALLOWED = frozenset({"tablet", "capsule"})


def _swallowed_forms(language: str, text: str) -> bool:
    """Whether a normalised translation gives tablets or capsules, which
    are swallowed: "take 2 tablets" says the source's "by mouth". Another
    route it names ("inyecte", "sous la langue") is still one the source
    does not say."""
    sure, maybe = _forms(language, text)  # "一顆" (a tablet or a capsule) is swallowed either way
    counted = {t.value[1] for h in _scan(language, "unit", text) for t in h.tags
               if t.kind == "counted" and isinstance(t.value, tuple)}  # "قرصا واحدا" (one tablet)
    return bool((sure.keys() | maybe | counted) & _SWALLOWED)


def _counted_routes(text: str) -> frozenset[str]:
    """The routes a normalised source's dose units imply (puffs: inhaled)."""
    units = {k.split(".", 1)[1] for h in _scan(SOURCE_LANGUAGE, "unit", text) for k in h.kinds()
             if k.startswith("words.")}
    return frozenset().union(*(_ROUTES_OF_UNIT.get(unit, frozenset()) for unit in units))


def _swallowing(text: str) -> bool:
    """Whether a normalised source sentence says only how a medicine is
    swallowed ("Swallow them whole"): of the tablets an earlier sentence
    gives, not of an infusion it names ("after your infusion")."""
    kinds = [h.kinds() for h in _scan(SOURCE_LANGUAGE, "route", text)]
    return bool(kinds) and all(k <= {"oral", "chewed", "whole"} for k in kinds)


def _gives_a_medicine(text: str) -> bool:
    """Whether a normalised source sentence tells how to take or give a
    medicine (a verb of taking, or a dose counted in tablets, teaspoons or
    milligrams): "a rash on your skin" or "trouble breathing" name no route,
    and "you will get the infusion" is no instruction to inject."""
    # chewing is said of a medicine: "Do not open, crush, or chew them"
    if any(h.kinds() & {"given", "chewed"} for h in _scan(SOURCE_LANGUAGE, "route", text)):
        return True
    families = unit_families()
    return any(families.get(k.split(".", 1)[1]) in ("dose", "volume", "mass")
               for h in _scan(SOURCE_LANGUAGE, "unit", text) for k in h.kinds() if k.startswith("words.")) or \
        bool(MEASURE.search(text))


def _forms(language: str, text: str) -> tuple[dict[str, Hit], frozenset[str]]:
    """The dose forms a normalised text names without doubt (Chinese 胶囊,
    capsule), first word of each, and those a word may name (粒, a tablet or
    a capsule)."""
    forms = {unit for unit, family in unit_families().items() if family == "dose"} - {"drop"}
    sure: dict[str, Hit] = {}
    maybe: set[str] = set()
    for hit in _scan(language, "unit", text):
        named = {k.split(".", 1)[1] for k in hit.kinds() if k.startswith("words.")} & forms
        if len(named) == 1:
            sure.setdefault(next(iter(named)), hit)
        maybe |= named
    return sure, frozenset(maybe)


def _changed_forms(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """A dose form of the translation that the source does not name, where
    the source names another: tablets are not capsules ("3片" as "3粒胶囊")."""
    theirs, their_maybe = _forms(SOURCE_LANGUAGE, source)
    if not theirs:
        return
    ours, our_maybe = _forms(language, target)
    for form, hit in ours.items():
        if form not in their_maybe:
            lost = next((h for f, h in theirs.items() if f not in our_maybe), next(iter(theirs.values())))
            yield f'{where}the source says "{lost.text}" but the translation says "{hit.text}" ({form}): ' \
                  f'another dose form'


ROUTE_CHECKS = [EntryCheck("route", "error", changed_route)]
