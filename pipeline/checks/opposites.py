"""The opposite check: a word turned into its opposite class (always as
sometimes, mild as severe, open as closed)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from .antonyms import over_or
from .base import TranslationContext
from .held import held_for
from .lexicon import Hit, SOURCE_LANGUAGE, language_setting
from .polarity import polarity
from .reading import _copied, _directions, _near, _ready, _scan, candidates


# Classes of words whose opposite changes what a patient does: "always call 911" is not
# "sometimes call 911", "the UCC is open" not "closed", "a faster heart rate" not "slower".
# Each class is made of concepts of the `antonym` lists.
# A skipped dose is not one taken when remembered, medicine thrown away not kept, a sharps container
# not the trash, a full glass not a sip, a pea-sized amount not a large one, the dosing cup not a kitchen spoon,
# the sun avoided not sought, the affected skin not the healthy skin, a wound kept dry not wet, a dose at the
# same time each day not at any time, any of the signs not all of them, upright not lying down, a medicine
# protected from light not set in the sun, legs raised above the heart not below it, a soft toothbrush not
# a hard one, brushing gently not vigorously.
# "Store in the refrigerator" is not "in the freezer", "at room temperature", "outside the refrigerator" or "near the stove";
# an ice pack is not a heating pad, "drink more" not "drink less", "increase the dose" not
# "decrease", a thin layer not a thick one, "shake the bottle" not "heat" or "freeze" it.
_OPPOSITE_PAIRS = (("ALWAYS", "SOMETIMES"), ("OPEN", "CLOSED"), ("FAST", "SLOW"), ("RARE", "COMMON"),
                   ("MILD", "SEVERE"), ("HIGH", "LOW"), ("FRIDGE", "FREEZER"), ("FRIDGE", "ROOM"),
                   ("FRIDGE", "HOT"), ("COLD", "HOT"), ("MORE", "LESS"), ("INCREASE", "DECREASE"),
                   ("THIN", "THICK"), ("SHAKE", "HOT"), ("SHAKE", "FREEZER"), ("NEAR", "FAR"),
                   ("TOGETHER", "APART"), ("MEAL_START", "MEAL_END"), ("BETTER", "WORSE"),
                   ("OUT_OF_REACH", "IN_REACH"), ("SKIP", "MAKE_UP"), ("DISCARD", "KEPT"), ("WASH", "DRY"),
                   ("SHARPS", "TRASH"), ("FULL_GLASS", "SIP"), ("SMALL_AMOUNT", "LARGE_AMOUNT"),
                   ("SMALL_AMOUNT", "THICK"), ("MEASURING_DEVICE", "KITCHEN_MEASURE"), ("AVOID_SUN", "SEEK_SUN"),
                   ("AFFECTED", "HEALTHY"), ("DRY", "MOIST"), ("SAME_TIME", "ANY_TIME"),
                   ("ANY_OF", "ALL_OF"), ("UPRIGHT", "LYING"),
                   ("SHIELDED", "EXPOSED"), ("FRIDGE", "EXPOSED"),
                   ("AFFECTED", "WHOLE_BODY"), ("COVERED", "UNCOVERED"), ("LIGHT_PROTECTED", "LIGHT_EXPOSED"),
                   ("ABOVE_HEART", "BELOW_HEART"), ("SOFT", "HARD"), ("GENTLE", "VIGOROUS"))
# Things and people swapped, steps reversed: an electric razor, not a blade (bleeding); someone else drives,
# not you (sedation); your inhaler not lent, not someone else's used; a bandage kept on, not removed; a new
# needle, not the same one; an exception, not an inclusion; breathing in, not out; a course finished "even
# if you feel better", not "until"; crushed tablets, not whole ones; sick people, not healthy ones; no alcohol,
# not only strong drink; the original bottle, not another; a mouth rinsed, not water drunk; a clinic open on
# weekdays, not at the weekend; a walk, not a run; a different
# injection spot each time, not the same one.
_SWAPPED_PAIRS = (("ELECTRIC_RAZOR", "BLADE"), ("SOMEONE_DRIVES", "SELF_DRIVES"), ("LET_OTHERS", "OTHERS_OWN"),
                  ("KEEP_ON", "REMOVE"), ("NEW_ITEM", "REUSED"), ("EXCEPT", "INCLUDING"), ("INHALE", "EXHALE"),
                  ("EVEN_IF_BETTER", "UNTIL_BETTER"), ("CRUSHED_TABLET", "WHOLE_TABLET"),
                  ("SICK_PEOPLE", "HEALTHY_PEOPLE"), ("ALCOHOL_ANY", "STRONG_ALCOHOL"),
                  ("ORIGINAL_CONTAINER", "OTHER_CONTAINER"), ("RINSE_MOUTH", "DRINK_WATER"), ("WEEKDAYS", "WEEKEND"),
                  ("WALK", "RUN"), ("OTHER_SITE", "SAME_SITE"))
_OPPOSITE_PAIRS += _SWAPPED_PAIRS
# Pairs whose one word may stand for the other ("skip it" is the missed dose, "la suivante" the next one):
# an error only where the source says both and the translation one of them twice
_TWICE_ONLY_PAIRS = (("MISSED_DOSE", "NEXT_DOSE"),)
# Classes a negation anywhere in the sentence turns into each other: "Do not take them together" is
# "take them at different times", "no los tome juntos" too; "take them together" is neither.
# "Avoid leaving it in the sun" and "N'exposez pas le médicament au soleil" protect it from light (a word of
# protection stays one: "Protect from light and do not freeze").
_TURNED_BY_NEGATION = {"TOGETHER": "APART", "APART": "TOGETHER", "OUT_OF_REACH": "IN_REACH",
                       "IN_REACH": "OUT_OF_REACH", "SHIELDED": "EXPOSED", "EXPOSED": "SHIELDED",
                       "COVERED": "UNCOVERED", "UNCOVERED": "COVERED", "LIGHT_EXPOSED": "LIGHT_PROTECTED"}
# Classes a negation neither turns nor cancels: "if you do not feel better" is not "si no se siente peor";
# "如果漏服一次，请在想起时立即补服" takes the dose its 漏服 (forget, miss) missed; "Do not let anyone else use
# your inhaler" is about your inhaler, "Ne buvez rien, pas même des liquides clairs" includes them, whoever
# "should not touch crushed tablets" is kept from crushed ones, "avoid people who are sick" names the sick.
_KEPT_UNDER_NEGATION = frozenset({"BETTER", "WORSE", "SKIP", "MAKE_UP", "LET_OTHERS", "OTHERS_OWN", "EXCEPT",
                                  "INCLUDING", "EVEN_IF_BETTER", "UNTIL_BETTER", "CRUSHED_TABLET", "WHOLE_TABLET",
                                  "SICK_PEOPLE", "HEALTHY_PEOPLE", "ALCOHOL_ANY", "STRONG_ALCOHOL", "MISSED_DOSE",
                                  "NEXT_DOSE"})


OPPOSITES = {kind: tuple(b if a == kind else a for a, b in _OPPOSITE_PAIRS if kind in (a, b))
             for pair in _OPPOSITE_PAIRS for kind in pair}


_CLASS_CONCEPTS = {"ALWAYS": ("always", "never"), "SOMETIMES": ("sometimes", "often"), "OPEN": ("open",),
                   "CLOSED": ("closed",), "FAST": ("fast",), "SLOW": ("slow",), "RARE": ("rare",),
                   "COMMON": ("common",), "MILD": ("mild",), "SEVERE": ("severe",), "HIGH": ("high",),
                   "LOW": ("low",), "FRIDGE": ("fridge",), "FREEZER": ("freezer",), "ROOM": ("room",),
                   "HOT": ("hot",), "COLD": ("cold",), "MORE": ("more",), "LESS": ("less",),
                   "INCREASE": ("increase",), "DECREASE": ("decrease",), "THIN": ("thin",),
                   "THICK": ("thick",), "SHAKE": ("shake",), "NEAR": ("near",),
                   "FAR": ("far",), "TOGETHER": ("together",), "APART": ("apart",),
                   "MEAL_START": ("meal_start",), "MEAL_END": ("meal_end",), "BETTER": ("better",),
                   "WORSE": ("worse",), "OUT_OF_REACH": ("out_of_reach",), "IN_REACH": ("in_reach",),
                   "SKIP": ("skip",), "MAKE_UP": ("make_up",), "DISCARD": ("discard",), "KEPT": ("kept",),
                   "WASH": ("wash",), "DRY": ("dry",), "SHARPS": ("sharps",), "TRASH": ("trash",),
                   "FULL_GLASS": ("full_glass",), "SIP": ("sip",), "SMALL_AMOUNT": ("small_amount",),
                   "LARGE_AMOUNT": ("large_amount",), "MEASURING_DEVICE": ("measuring_device",),
                   "KITCHEN_MEASURE": ("kitchen_measure",), "AVOID_SUN": ("avoid_sun",), "SEEK_SUN": ("seek_sun",),
                   "AFFECTED": ("affected",), "HEALTHY": ("healthy",), "MOIST": ("moist",),
                   "SAME_TIME": ("same_time",), "ANY_TIME": ("any_time",), "ANY_OF": ("any_of",),
                   "ALL_OF": ("all_of",), "UPRIGHT": ("upright",), "LYING": ("lying",),
                   "SHIELDED": ("shielded",), "EXPOSED": ("exposed",), "WHOLE_BODY": ("whole_body",),
                   "COVERED": ("covered",), "UNCOVERED": ("uncovered",),
                   "LIGHT_PROTECTED": ("protect_light",), "LIGHT_EXPOSED": ("expose_light",),
                   "ABOVE_HEART": ("above_heart",), "BELOW_HEART": ("below_heart",), "SOFT": ("soft",),
                   "HARD": ("hard",), "GENTLE": ("gentle",), "VIGOROUS": ("vigorous",)}
# Words that say a class in other terms: weight gained is an increase, a limit both less and a decrease,
# a swelling that goes down is better, a rash that spreads worse; the rest are classes of their own.
_MORE_CONCEPTS = {"INCREASE": ("gain", "add_salt"), "DECREASE": ("weight_loss", "limit", "lower"), "LESS": ("limit", "little"),
                  "BETTER": ("subside",), "WORSE": ("spread",), "LYING": ("lying_more",), "HOT": ("hot_more",),
                  "SHARPS": ("sharps_more",), "TOGETHER": ("together_more",), "FRIDGE": ("refrigerate_more",),
                  "OPEN": ("open_more",), "CLOSED": ("closed_more",),
                  "SEEK_SUN": ("seek_sun_more",), "SIP": ("sip_more",), "MAKE_UP": ("make_up_more",),
                  **{cls: (cls.lower(),) for pair in _SWAPPED_PAIRS + _TWICE_ONLY_PAIRS for cls in pair}}


def _classes_by_concept() -> dict[str, tuple[str, ...]]:
    """Each concept with the classes it says (most one, "limit" two)."""
    found: dict[str, tuple[str, ...]] = {}
    for cls, concepts in [*_CLASS_CONCEPTS.items(), *_MORE_CONCEPTS.items()]:
        for concept in concepts:
            found[concept] = (*found.get(concept, ()), cls)
    return found


_CLASSES_OF_CONCEPT = _classes_by_concept()


OPPOSITE_NAMES = {"ALWAYS": "always/never", "SOMETIMES": "sometimes/usually/often/rarely", "OPEN": "open",
                  "CLOSED": "closed", "FAST": "fast", "SLOW": "slow", "RARE": "rare", "COMMON": "common/many",
                  "MILD": "mild", "SEVERE": "severe", "HIGH": "high", "LOW": "low",
                  "FRIDGE": "refrigerator", "FREEZER": "freezer/frozen", "ROOM": "room temperature or outside the refrigerator",
                  "HOT": "hot/heat", "COLD": "cold/ice", "MORE": "more", "LESS": "less",
                  "INCREASE": "increase", "DECREASE": "decrease/reduce", "THIN": "thin", "THICK": "thick",
                  "SHAKE": "shake", "NEAR": "nearest", "FAR": "farthest",
                  "TOGETHER": "together, at the same time", "APART": "apart, at different times",
                  "MEAL_START": "at the start of a meal", "MEAL_END": "at the end of a meal",
                  "BETTER": "better", "WORSE": "worse", "OUT_OF_REACH": "out of reach", "IN_REACH": "within reach",
                  "SKIP": "skip the missed dose", "MAKE_UP": "take the missed dose when you remember",
                  "DISCARD": "throw away", "KEPT": "keep or store", "WASH": "wash or clean", "DRY": "dry or wipe",
                  "SHARPS": "a sharps container", "TRASH": "the trash or a plastic bag", "FULL_GLASS": "a full glass",
                  "SIP": "a sip", "SMALL_AMOUNT": "a small, pea-sized amount", "LARGE_AMOUNT": "a large amount",
                  "MEASURING_DEVICE": "the dosing cup, spoon or syringe", "KITCHEN_MEASURE": "a kitchen spoon or cup",
                  "AVOID_SUN": "avoid the sun", "SEEK_SUN": "seek the sun", "AFFECTED": "the affected skin or area",
                  "HEALTHY": "healthy skin", "MOIST": "wet or moist", "SAME_TIME": "at the same time each day",
                  "ANY_TIME": "at any time", "ANY_OF": "any one of them", "ALL_OF": "all of them",
                  "UPRIGHT": "upright, sitting or standing", "LYING": "lying down",
                  "SHIELDED": "away from heat or light", "EXPOSED": "near heat, in the light or in the sun",
                  "WHOLE_BODY": "the whole body", "COVERED": "covered", "UNCOVERED": "uncovered, open to the air",
                  "LIGHT_PROTECTED": "protected from light", "LIGHT_EXPOSED": "exposed to light or the sun",
                  "ABOVE_HEART": "above the heart", "BELOW_HEART": "below the heart", "SOFT": "soft",
                  "HARD": "hard", "GENTLE": "gently", "VIGOROUS": "vigorously",
                  "ELECTRIC_RAZOR": "an electric razor", "BLADE": "a blade or razor blade",
                  "SOMEONE_DRIVES": "someone else drives you", "SELF_DRIVES": "you drive yourself",
                  "LET_OTHERS": "others using your own", "OTHERS_OWN": "someone else's",
                  "KEEP_ON": "keep it on", "REMOVE": "remove or take off", "NEW_ITEM": "a new one each time",
                  "REUSED": "the same one again", "EXCEPT": "except", "INCLUDING": "including, not even",
                  "INHALE": "breathe in", "EXHALE": "breathe out", "EVEN_IF_BETTER": "even if you feel better",
                  "UNTIL_BETTER": "until you feel better", "CRUSHED_TABLET": "crushed tablets",
                  "WHOLE_TABLET": "whole tablets", "SICK_PEOPLE": "people who are sick",
                  "HEALTHY_PEOPLE": "healthy people", "ALCOHOL_ANY": "alcohol of any kind",
                  "STRONG_ALCOHOL": "strong drink or too much of it", "ORIGINAL_CONTAINER": "the original container",
                  "OTHER_CONTAINER": "another container", "RINSE_MOUTH": "rinse your mouth (and spit)",
                  "DRINK_WATER": "drink or swallow water", "WEEKDAYS": "on weekdays", "WEEKEND": "at the weekend",
                  "WALK": "walk", "RUN": "run or jog", "OTHER_SITE": "a different spot each time",
                  "SAME_SITE": "the same spot",
                  "MISSED_DOSE": "the missed dose", "NEXT_DOSE": "the next dose"}


def _classes(hits: Iterable[Hit], language: str = "", text: str = "", negations: tuple[Hit, ...] = ()) -> dict[str, Hit]:
    """The first word of each opposite class a text says; in a sentence
    with a negation before it (or after it, where the negation follows what
    it negates), together and apart turned into each other: "Tome las dos
    juntas para no perderla" takes them together."""
    found: dict[str, Hit] = {}
    for hit in hits:
        negated = any(_same_sentence(text, n, hit) and (n.start < hit.end or _backward(language, text, n))
                      for n in negations)
        for cls in _classes_of(hit):
            found.setdefault(_TURNED_BY_NEGATION.get(cls, cls) if negated else cls, hit)
    return found


_SENTENCE_END = re.compile(r"[.!?](?=\s)|[。！？]")


def _same_sentence(text: str, negation: Hit, hit: Hit) -> bool:
    """Whether a negation and a word stand in one sentence: "약을 잊었다면
    … 복용하세요. … 2회분을 한꺼번에 복용하세요" takes two doses at once."""
    start, end = (negation.end, hit.start) if negation.end <= hit.start else (hit.end, negation.start)
    return start > end or not _SENTENCE_END.search(text, start, end)


def _classes_of(hit: Hit) -> tuple[str, ...]:
    """The opposite classes a word says ("limit" says less and a decrease)."""
    return tuple(cls for kind in sorted(hit.kinds()) for cls in _CLASSES_OF_CONCEPT.get(kind, ()))


def _said(hit: Hit, cls: str) -> str:
    """A word as quoted, "not ... together" where a negation turned it."""
    turned = cls not in _classes_of(hit)
    return f'"not ... {hit.text}"' if turned else f'"{hit.text}"'


def _turned(hit: Hit) -> bool:
    """A word of a class that a negation turns or keeps rather than cancels."""
    return any(cls in _TURNED_BY_NEGATION.keys() | _KEPT_UNDER_NEGATION for cls in _classes_of(hit))


_CLAUSE_EDGE = re.compile(r"[,;:，；：、،؛]")
_CLAUSE_END = re.compile(r"[\s.!?。！？؟।]*(?:[,;:，；：、،؛]|$)")


def _backward(language: str, text: str, negation: Hit) -> bool:
    """A negation that follows what it negates: in Japanese and Korean
    ("冷凍庫ではなく", not in the freezer), or one that ends its clause
    ("फ्रिज में नहीं", not in the fridge; "en el congelador no")."""
    return bool(language_setting(language, "negation_after_verb")) or \
        _CLAUSE_END.match(text, negation.end) is not None


def _governs(language: str, text: str, negation: Hit, hit: Hit) -> bool:
    """Whether a negation negates a word: the word within 12 characters
    after it (before it, where the negation follows what it negates), in
    the same clause."""
    if _backward(language, text, negation):
        start, end = hit.end, negation.start
    else:
        start, end = negation.end, hit.start
    return 0 <= end - start <= 12 and not _CLAUSE_EDGE.search(text, start, end)


def _affirmed(language: str, text: str, hits: Iterable[Hit], negations: tuple[Hit, ...],
              contrast: bool = False) -> list[Hit]:
    """The words a text says without a negation of their own: "in the
    refrigerator, not in the freezer" says the refrigerator; words a
    negation turns or keeps stay (`_turned`). Where not `contrast` (a
    translation's words), a negation that precedes what it negates sets
    aside any word within 12 characters after it, past a comma too."""
    def negated(hit: Hit, negation: Hit) -> bool:
        if contrast or _backward(language, text, negation):
            return _governs(language, text, negation, hit)
        return 0 <= hit.start - negation.end <= 12 or over_or(language, text, negation, hit)
    return [h for h in hits if _turned(h) or not any(negated(h, n) for n in negations)]


def _set_aside(text: str, hits: Iterable[Hit]) -> list[Hit]:
    """The words of a text but those an "instead of" sets aside: the word
    right after it ("en lugar de una navaja", "而不是刀片"), or right before
    it where the language says it after (`instead_after`: "カミソリではなく",
    "면도날 대신", "ब्लेड के बजाय"), in its clause."""
    hits = list(hits)
    markers = [h for h in hits if h.kinds() & _INSTEAD]

    def aside(hit: Hit, marker: Hit) -> bool:
        start, end = (hit.end, marker.start) if "instead_after" in marker.kinds() else (marker.end, hit.start)
        return 0 <= end - start <= 12 and not _CLAUSE_EDGE.search(text, start, end)
    return [h for h in hits if h not in markers and not any(aside(h, m) for m in markers)]


_INSTEAD = frozenset({"instead", "instead_after"})


def _reading(language: str, text: str, contrast: bool,
             limits: tuple[Hit, ...] = ()) -> tuple[dict[str, Hit], dict[str, Hit]]:
    """The classes a normalised text says, and those it says under a
    negation of their own ("Do not freeze", "请勿冷藏", "冷蔵しないで"),
    words in a comparative limit aside."""
    negations = polarity(language, text).certain
    hits = [h for h in _set_aside(text, _scan(language, "antonym", text))
            if not any(lim.start <= h.start < lim.end for lim in limits)]
    said = _classes(_affirmed(language, text, hits, negations, contrast), language, text, negations)
    denied = _classes(h for h in hits if not _turned(h) and any(_denies(language, text, n, h) for n in negations))
    return said, denied


def _denies(language: str, text: str, negation: Hit, hit: Hit) -> bool:
    """Whether a negation governs a word, or precedes it by at most three
    words in its clause ("ne pas mettre au réfrigérateur")."""
    return _governs(language, text, negation, hit) or \
        negation.end <= hit.start and not _backward(language, text, negation) and _near(text, negation, hit)


def _swaps(theirs: dict[str, Hit], ours: dict[str, Hit],
           aside: dict[str, Hit] | None = None) -> Iterator[tuple[str, Hit, str, Hit]]:
    """(class, word, opposite class, word): a class of the source that the
    translation does not say where it says the opposite class and the
    source does not (nor, in `aside`, says it otherwise)."""
    for kind, hit in theirs.items():
        for other in OPPOSITES.get(kind, ()):
            if kind in ours or other not in ours or other in theirs or other in (aside or {}):
                continue
            yield kind, hit, other, ours[other]
            break


def changed_opposites(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A word of the source turned into its opposite: the translation says
    "sometimes" (or "usually") where the source says "always" or "never",
    "closed" for "open", "slower" for "faster", "many cases" for "rare
    cases", "severe" for "mild", "high" for "low", "freezer" for
    "refrigerator", "heating pad" for "ice pack", "less" for "more",
    "decrease" for "increase", "thick" for "thin", "farthest" for
    "nearest", "cerca del calor" for "away from heat", a blade "en lugar
    de" an electric razor for an electric razor "instead of" a blade. Only
    a swap is an error: a class of the source that the translation does not
    say, where it says the opposite class and the source does not; so is
    one the source says under a negation said so as the opposite ("Do not
    freeze" as "请勿冷藏", do not refrigerate)."""
    if not _ready(context, "antonym") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("antonym", source, target, context.language):
        if held_for(context.language, source_part, target_part):
            continue  # "keep it on for 48 hours" as "take it off after 48 hours" (held.py)
        # "比平时慢" (slower than usual) is a limit of the comparative check, which reports it; so is the
        # source's "no more than" ("Limite el café a 2 tazas como máximo": a limit, no "less" for "more")
        their_limits = tuple(h for h in _scan(SOURCE_LANGUAGE, "comparative", source_part) if _directions(h)[1])
        theirs, their_denials = _reading(SOURCE_LANGUAGE, source_part, True, their_limits)
        limits = tuple(h for h in _scan(context.language, "comparative", target_part) if _directions(h)[1])
        # a negated word says its opposite ("no son comunes", not common): the negation check's
        ours, our_denials = _reading(context.language, target_part, False, limits)
        for kind, hit, other, word in _swaps(theirs, ours):
            yield f'{where}the source says {_said(hit, kind)} ({OPPOSITE_NAMES[kind]}) but the translation says ' \
                  f'{_said(word, other)} ({OPPOSITE_NAMES[other]})'
        for kind, hit, other, word in _swaps(their_denials, our_denials, theirs):
            yield f'{where}the source says not "{hit.text}" ({OPPOSITE_NAMES[kind]}) but the translation says ' \
                  f'not "{word.text}" ({OPPOSITE_NAMES[other]})'
        yield from _one_said_twice(where, source_part, target_part, context.language)
        yield from _steps_reversed(where, source_part, target_part, context.language)


def _one_said_twice(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """Both of a pair the source says ("Breathe out fully, then breathe in"),
    said as one of them twice ("Expirez à fond, puis soufflez"): the other
    step turned into it, which no swap shows, as the source says both."""
    theirs = Counter(c for h in _scan(SOURCE_LANGUAGE, "antonym", source) for c in _classes_of(h))
    ours = Counter(c for h in _scan(language, "antonym", target) for c in _classes_of(h))
    for pair in _OPPOSITE_PAIRS + _TWICE_ONLY_PAIRS:
        for kind, other in (pair, pair[::-1]):
            if theirs[kind] == theirs[other] == 1 and ours[kind] >= 2 and not ours[other]:
                yield f'{where}the source says "{OPPOSITE_NAMES[kind]}" and "{OPPOSITE_NAMES[other]}"; the ' \
                      f'translation says "{OPPOSITE_NAMES[kind]}" twice and not "{OPPOSITE_NAMES[other]}"'
                return


def _steps_reversed(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """Two steps of a pair the source orders with "then" ("Breathe out
    fully, then breathe in"), said in the other order with no "before" or
    "after" that would order them back ("Inspirez à fond, puis expirez")."""
    then = [h for h in _scan(SOURCE_LANGUAGE, "comparative", source) if "then" in h.kinds()]
    if not then or any(_directions(h)[1] and _directions(h)[0] & {"BEFORE", "AFTER"}
                       for h in _scan(language, "comparative", target)):
        return
    theirs = [(h.start, c) for h in _scan(SOURCE_LANGUAGE, "antonym", source) for c in _classes_of(h)]
    ours = [(h.start, c) for h in _scan(language, "antonym", target) for c in _classes_of(h)]
    for kind, other in _SWAPPED_PAIRS:
        first = [c for _, c in sorted(theirs) if c in (kind, other)]
        said = [c for _, c in sorted(ours) if c in (kind, other)]
        if len(first) == len(said) == 2 and set(first) == set(said) == {kind, other} and first != said:
            yield f'{where}the source says "{OPPOSITE_NAMES[first[0]]}", then "{OPPOSITE_NAMES[first[1]]}"; the ' \
                  f'translation says them the other way round'
            return
