"""Which verb a negation negates. A translation can keep every negation of
its source and still say the reverse, by spending the negation on another
word: "Do not take more than 4 tablets" as "Tome más de 4 tabletas, no
menos" (take more than 4, not fewer), "Do not drive" as "Maneje, no se quede
en casa" (drive, do not stay at home), "Do not crush or chew the tablets" as
"Écrasez les comprimés, ne les croquez pas" (crush them, do not chew them).

The actions a leaflet forbids (take, give, drive, crush, chew, drink, smoke,
open, split: `[action]` in each language's data) are read with the negation that governs each: in
languages that put the negation before the verb ("no maneje", "不要开车",
"لا تقد"), the first action after it in its clause, or else the last before
it ("Садиться за руль нельзя", "Conducir está prohibido"); in those that put
it after the verb (`negation_after_verb`: Korean, Japanese), the last action
before it in its clause, and the actions joined to that one by "or"
("부수거나 씹지 마십시오"); Korean 안 and 못 come before it. An action the source says only under a negation
and the translation says, in a clause of its own instructions, with none is
an error: its negation has moved to another verb."""

from __future__ import annotations

import re
from typing import Iterator

from .concepts import _listed, list_joins
from .lexicon import Hit, SOURCE_LANGUAGE, language_data, normalise, language_setting
from .reading import _directions, _near, _scan, aligned

# negations that govern a verb: "not", "never", "without", "avoid", "forbidden", "need not"
_GOVERNING = frozenset({"words", "concord", "privative", "inverting", "prohibitive", "optional"})
_CLAUSE_BREAK = re.compile(r"[,;:.!?，；：。！？،؛]")  # not the 、 of a list ("不要打开、压碎或咀嚼")
_CLOSE = re.compile(r"[\s'’-]*(?:[^\W\d_]+[\s'’-]+){0,1}|[^\s.,;:!?。，；：！？،؛]{0,6}")
# a translation's clitics and modals may stand between ("A los niños no se les debe dar")
_CLOSE_TRANSLATION = re.compile(r"[\s'’-]*(?:[^\W\d_]+[\s'’-]+){0,3}")
# Chinese puts the object and adverbials between a negation and its verb ("切勿将此药与酒一起服用")
_CLOSE_UNSPACED = re.compile(r"[^\s.,;:!?。，；：！？،؛]{0,24}")
_CJK = re.compile("[\u3400-\u9fff]")


def _actions(language: str, text: str) -> list[Hit]:
    return [h for h in _scan(language, "action", text) if h.kinds() - {"not"}]


def _negations(language: str, text: str) -> list[Hit]:
    return [h for h in _scan(language, "negation", text) if h.kinds() & _GOVERNING]


def _same_clause(text: str, first: Hit, second: Hit) -> bool:
    start, end = sorted((first, second), key=lambda h: h.start)
    return not _CLAUSE_BREAK.search(text[start.end:end.start])


def _joined(language: str, text: str, first: Hit, second: Hit) -> bool:
    """Two actions of a verb-final language joined under one negation after
    them: every word from the first to the second ends with a joining ending
    of the language ("부수거나 씹어서 복용하지 마세요", crush or chew and take:
    do not; "砕いたり、かんだりしないでください"), so "부숴서 드시고 씹지 마십시오"
    (crush and take them; do not chew) joins nothing."""
    endings = tuple(language_setting(language, "joining_endings") or [])
    gap = text[first.start:second.start]
    words = [w.strip(",、，") for w in gap.split()] if " " in gap.strip() else [gap.strip().strip(",、，")]
    return bool(endings) and not re.search(r"[;:.!?；：。！？]", gap) and \
        all(w.endswith(endings) for w in words if w)


def _or(language: str, text: str, first: Hit, second: Hit) -> bool:
    """Two actions one negation lists: "crush or chew", "triture o mastique",
    "压碎或咀嚼" (at most three words between, one of them an "or" or "and"
    of the language's `repeat` list), "abra, triture" (a comma between)."""
    joins = list_joins(language)
    gap = text[first.end:second.start].strip()
    words = gap.split()
    # a list written with commas ("No las abra, triture o mastique", "不要打开、压碎或咀嚼")
    return len(words) <= 3 and (any(w in joins for w in words) or gap in joins or gap in (",", "、", "，"))


def _close(text: str, first: Hit, second: Hit, source: bool = True) -> bool:
    """A negation and the verb it negates: at most one word apart in the
    source ("do not ever take"; "Do not let children take" negates the
    letting), three in a translation ("no se les debe dar"), with no
    "forget", "stop" or "avoid" between ("Do not forget to take" negates the
    forgetting)."""
    start, end = (first.end, second.start) if first.end <= second.start else (second.end, first.start)
    gap = text[start:end]
    return start <= end and (_CLOSE.fullmatch(gap) is not None or
                             not source and _CLOSE_TRANSLATION.fullmatch(gap) is not None or
                             _CJK.search(gap) is not None and _CLOSE_UNSPACED.fullmatch(gap) is not None)


def _ends_clause(text: str, negation: Hit) -> bool:
    """A negation that may govern the verb before it in a language that puts
    negations first: one that ends its clause, but for a word or two
    ("Садиться за руль нельзя", "Conducir está prohibido", "Manejar no es
    seguro"); "Maneje y no se quede en casa" negates the staying."""
    edge = _CLAUSE_BREAK.search(text, negation.end)
    rest = text[negation.end:edge.start() if edge else len(text)]
    return "prohibitive" in negation.kinds() or len(rest.split()) <= 2 and not _CJK.search(rest)


def _spent_on_symptom(language: str, text: str, negation: Hit) -> bool:
    """A negation right before a symptom negates the symptom, not a verb
    later in its clause: "不发烧也请服用阿司匹林" (take aspirin even with no
    fever) takes aspirin."""
    return any(hit.start >= negation.end and not text[negation.end:hit.start].strip()
               and any(k.startswith("symptom.") for k in hit.kinds()) for hit in _scan(language, "term", text))


def _governed(language: str, text: str, source: bool = False) -> list[tuple[Hit, bool]]:
    """Each action of a normalised text, and whether a negation governs it.
    In the source, "forget", "stop" and "avoid" need not be instructions
    ("if you forget to take a dose") and govern nothing."""
    reverses = [h for h in _negations(language, text) if "inverting" in h.kinds()]
    actions = _actions(language, text)
    negations = [n for n in _negations(language, text) if not (source and "inverting" in n.kinds())]
    after = bool(language_setting(language, "negation_after_verb"))
    preverbal = {normalise(w) for w in language_setting(language, "negation_before_verb") or []}
    governed: set[int] = set()
    for negation in negations:
        if _spent_on_symptom(language, text, negation):
            continue
        between = [r for r in reverses if r != negation]
        later = [a for a in actions if a.start >= negation.end and _same_clause(text, negation, a)]
        later = later if later and _close(text, negation, later[0], source) and \
            not any(negation.end <= r.start < later[0].start for r in between) and \
            (not after or negation.text in preverbal or "prohibitive" in negation.kinds()) else []
        earlier = [a for a in actions if a.end <= negation.start and _same_clause(text, a, negation)
                   and (after or _close(text, a, negation, source) and _ends_clause(text, negation))]
        listed = [a for a in actions if _listed(language, text, negation, a)]
        if after and earlier and not ("prohibitive" in negation.kinds() and later):
            # the last verb before it, and those joined to that one ("-거나", or)
            target = earlier[-1]
            chosen = [target] + [a for a in actions if a.end <= target.start and _joined(language, text, a, target)]
        elif later and (not after or not earlier):
            # the first verb after it, and those it lists with "or" ("do not crush or chew")
            chosen = later[:1]
            for action in later[1:]:
                if not _or(language, text, chosen[-1], action):
                    break
                chosen.append(action)
        else:
            # the last verb before it, and those it lists with "or" ("за руль и работать с механизмами нельзя");
            # a "without" after them negates a thing ("Écrasez et croquez les comprimés sans eau")
            chosen = earlier[-1:]
            joined = [] if "privative" in negation.kinds() else [a for a in actions if chosen and a.end <= chosen[0].start]
            for action in reversed(joined):
                if not _or(language, text, action, chosen[0]):
                    break
                chosen.insert(0, action)
        governed.update(a.start for a in chosen + listed)
    return [(a, a.start in governed) for a in actions]


def _concepts(hit: Hit) -> frozenset[str]:
    return hit.kinds() - {"not"}


def _clause(text: str, hit: Hit) -> tuple[int, int]:
    """Where the clause of a hit begins and ends."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, hit.start)), default=0)
    end = next((m.start() for m in _CLAUSE_BREAK.finditer(text, hit.end)), len(text))
    return start, end


def _subordinate(language: str, text: str, hit: Hit) -> bool:
    """An action in an "if", "unless", "while", "before" or "after" clause ("si toma", "除非医生让您服用", "pendant que vous prenez",
    "antes de tomar", "服药后"): no instruction to do it. Where "before" and
    "after" are prepositions, they come before the action they subordinate:
    "Do not eat or drink after midnight" forbids eating and drinking."""
    clause_start, clause_end = _clause(text, hit)
    conditions = [h for h in _scan(language, "negation", text) if h.kinds() & {"condition", "during", "unless"}
                  and clause_start <= h.start < hit.start
                  and not ("unless" in h.kinds() and "、" in text[h.end:hit.start])]  # "止められない限り、服用"
    end = clause_end if language_setting(language, "postpositions") else hit.start
    links = [h for h in _scan(language, "comparative", text) if _directions(h)[0] & {"BEFORE", "AFTER"}
             and clause_start <= h.start < end]
    return bool(conditions or links)


def _limited(language: str, text: str, hit: Hit) -> bool:
    """An action whose clause sets an upper limit and no lower one ("最多服用4片",
    "Puede tomar hasta 4 tabletas"): the source's "do not take more than"
    said without a negation."""
    clause_start, clause_end = _clause(text, hit)
    directions = [_directions(h)[0] for h in _scan(language, "comparative", text)
                  if clause_start <= h.start < clause_end]
    return any("DOWN" in d for d in directions) and not any(d == {"UP"} for d in directions)


def _spent_alike(language: str, source: str, target: str) -> bool:
    """A translation whose negation governs no verb but a food or a medicine
    that the source's sentence names: "Do not take it with food" as "Tómelo
    en ayunas, no con comida", "Do not take it with milk" as "Tómelo con
    agua, no con leche" forbid what the source forbids."""
    governing = [a for a, under in _governed(language, target) if under]
    stray = [n for n in _negations(language, target) if not any(_near(target, n, a) for a in governing)
             and not _spent_on_symptom(language, target, n)]
    for section in ("food", "medicine"):
        theirs = frozenset().union(*(h.kinds() for h in _scan(SOURCE_LANGUAGE, section, source)))
        if any(h.kinds() & theirs and any(_near(target, n, h) for n in stray)
               for h in _scan(language, section, target)):
            return True
    return False


def moved_negation(source: str, target: str, language: str) -> Iterator[str]:
    """An action the source forbids (said only under a negation), said in
    the translation without one: the negation was spent on another verb."""
    if not language_data(language).get("action"):
        return
    for where, source_part, target_part in aligned(source, target):
        if not _negations(language, target_part):
            continue  # said without a negation ("Es peligroso conducir"): the count's to judge
        theirs = _governed(SOURCE_LANGUAGE, source_part, source=True)
        forbidden = {c: h for h, under in theirs if under and not _subordinate(SOURCE_LANGUAGE, source_part, h)
                     for c in _concepts(h)}
        for hit, under in theirs:
            if not under:
                for concept in _concepts(hit):
                    forbidden.pop(concept, None)
        if not forbidden or _spent_alike(language, source_part, target_part):
            continue
        for hit, under in _governed(language, target_part):
            concepts = _concepts(hit) & forbidden.keys()
            if under or not concepts or _subordinate(language, target_part, hit) or \
                    ("take" in concepts and _limited(language, target_part, hit)):
                continue
            concept = sorted(concepts)[0]
            yield f'{where}the source forbids "{forbidden[concept].text}" ({concept}) but the translation says ' \
                  f'"{hit.text}" with no negation of its own: the negation is on another word'
            return


def _carried(language: str, text: str, concord: Hit, actions: list[Hit]) -> Hit | None:
    """The action a "ni" or "nem" carries a negation to: the first after it,
    close, with no "and" or "or" between ("Ne l'écrasez pas et mélangez-le"
    mixes), where the negation before it in its clause governs an action of
    its own first ("No la triture ni la mezcle": do not crush, nor mix)."""
    joins = list_joins(language)
    following = [a for a in actions if a.start >= concord.end and _same_clause(text, concord, a)]
    if not following or not _close(text, concord, following[0], False) or \
            joins & set(text[concord.end:following[0].start].split()):
        return None
    opened = [n for n in _negations(language, text) if n.end <= concord.start and _same_clause(text, n, concord)
              and n.kinds() & {"words", "prohibitive"}]
    chained = any(n.end <= a.start and a.end <= concord.start and _close(text, n, a, False)
                  for n in opened for a in actions)
    return following[0] if chained else None


def carried_negation(source: str, target: str, language: str) -> Iterator[str]:
    """An action the source says without a negation, which the translation
    says under the "ni" or "nem" of a negation it carries on from another
    verb: "Do not crush it; mix it with food" as "No la triture ni la
    mezcle con alimentos" (do not crush it, nor mix it) keeps every count."""
    if not language_data(language).get("action"):
        return
    for where, source_part, target_part in aligned(source, target):
        chains = [n for n in _negations(language, target_part) if "concord" in n.kinds()]
        if not chains:
            continue
        theirs = _governed(SOURCE_LANGUAGE, source_part, source=True)
        forbidden = {c for h, under in theirs if under for c in _concepts(h)}
        plain = {c: h for h, under in theirs if not under and not _subordinate(SOURCE_LANGUAGE, source_part, h)
                 for c in _concepts(h) - forbidden}
        actions = _actions(language, target_part)
        for concord in chains if plain else ():
            hit = _carried(language, target_part, concord, actions)
            concepts = _concepts(hit) & plain.keys() if hit is not None else set()
            if concepts and not _subordinate(language, target_part, hit):
                concept = sorted(concepts)[0]
                yield f'{where}the source says "{plain[concept].text}" ({concept}) with no negation but the ' \
                      f'translation says "{concord.text} … {hit.text}": its negation is carried on to it'
                return


# Where a medicine is kept (`[antonym]` fridge, freezer, room): "in the refrigerator, not in the freezer"
_PLACES = frozenset({"fridge", "freezer", "room"})


def _place_negations(language: str, text: str) -> tuple[list[tuple[Hit, Hit]], list[Hit]]:
    """The places of keeping a normalised text names, and (negation, place)
    for those it names with a negation (the first place after it in its
    clause, or, where negations follow what they negate, the last before
    it: "냉동실이 아닌", "冷凍庫ではなく")."""
    places = [h for h in _scan(language, "antonym", text) if h.kinds() & _PLACES]
    after = bool(language_setting(language, "negation_after_verb"))
    pairs: list[tuple[Hit, Hit]] = []
    for negation in _negations(language, text) if places else ():
        near = [p for p in places if _same_clause(text, negation, p) and _close(text, negation, p, False)]
        chosen = [p for p in near if p.end <= negation.start][-1:] if after else \
            [p for p in near if p.start >= negation.end][:1]
        pairs += [(negation, p) for p in chosen]
    return pairs, places


def _places(language: str, text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The places of keeping a normalised text names with a negation, and
    those it names without one."""
    pairs, places = _place_negations(language, text)
    negated = {p.start for _, p in pairs}
    said = [(p.kinds() & _PLACES, p.start in negated) for p in places]
    return frozenset().union(*(k for k, under in said if under)), frozenset().union(*(k for k, under in said if not under))


def elaborated_places(language: str, text: str, source: str) -> tuple[Hit, ...]:
    """The negations of a normalised translation spent on a place of keeping
    the source does not name, beside the source's own place said without
    one: "Store it in the refrigerator" as "냉동실이 아닌 냉장고에 보관하십시오"
    (in the refrigerator, not in the freezer) says nothing the source does not."""
    pairs, _ = _place_negations(language, text)
    if not pairs:
        return ()
    theirs_negated, theirs_plain = _places(SOURCE_LANGUAGE, source)
    _, ours_plain = _places(language, text)
    if theirs_negated or not theirs_plain & ours_plain:
        return ()
    return tuple(n for n, p in pairs if not p.kinds() & (theirs_plain | theirs_negated))


def moved_place_negation(source: str, target: str, language: str) -> Iterator[str]:
    """A place of keeping the source negates said without a negation, the
    translation's negation spent on the other place: "Store in the
    refrigerator, not in the freezer" as "냉장실이 아닌 냉동실에" (in the
    freezer, not in the refrigerator) keeps every count and swaps them; and
    "Do not freeze" as "请勿冷藏" (do not refrigerate) forbids another place."""
    theirs_negated, theirs_plain = _places(SOURCE_LANGUAGE, normalise(source))
    ours_negated, ours_plain = _places(language, normalise(target))
    swapped = (theirs_negated & ours_plain) - ours_negated
    if swapped and ours_negated:
        yield f'the source says "not" before the {sorted(swapped)[0]}; the translation names the ' \
              f'{sorted(swapped)[0]} without a negation and negates the {sorted(ours_negated)[0]}: the places are swapped'
    elif theirs_negated and ours_negated and not theirs_negated & (ours_negated | ours_plain) and \
            not ours_negated & (theirs_negated | theirs_plain):
        yield f'the source forbids the {sorted(theirs_negated)[0]}; the translation forbids the ' \
              f'{sorted(ours_negated)[0]} instead'
    elif theirs_negated and not theirs_negated & ours_negated and (ours_negated & theirs_plain) - theirs_negated:
        # "Keep it at room temperature; do not refrigerate it" as "…; não o deixe fora da geladeira" (do not
        # leave it out of the refrigerator): the place the source tells, forbidden
        told = sorted((ours_negated & theirs_plain) - theirs_negated)[0]
        yield f'the source tells the {told} and forbids the {sorted(theirs_negated)[0]}; the translation ' \
              f'forbids the {told}'


# actions forbidden together, whose words the lists know in every phrasing a leaflet uses ("nada por
# boca"); "drive or use machines" is often "utilisez des machines", which they may not know
_FORBIDDEN_TOGETHER = frozenset({"eat", "drink"})


def dropped_forbidden(source: str, target: str, language: str) -> Iterator[str]:
    """Two actions the source forbids ("Do not eat or drink") of which the
    translation forbids one and names the other nowhere: "No coma nada"
    forbids only eating and leaves drinking allowed. Only eating and
    drinking, where the language's `[action]` lists both, so that a word
    the lists do not know is not read as a drop."""
    known = set(language_data(language).get("action") or ()) & _FORBIDDEN_TOGETHER
    if len(known) < 2:
        return
    for where, source_part, target_part in aligned(source, target):
        theirs = _governed(SOURCE_LANGUAGE, source_part, source=True)
        said = {c for h, under in theirs if not under for c in _concepts(h)}
        forbidden = {c: h for h, under in theirs if under for c in _concepts(h) if c not in said}
        if len(forbidden) < 2:
            continue
        ours = _governed(language, target_part)
        named = {c for h, _ in ours for c in _concepts(h)}
        kept = {c for h, under in ours if under for c in _concepts(h)} & forbidden.keys()
        lost = sorted(c for c in forbidden.keys() - named if c in known)
        if kept and lost:
            yield f'{where}the source forbids "{forbidden[lost[0]].text}" ({lost[0]}) beside ' \
                  f'"{forbidden[sorted(kept)[0]].text}"; the translation forbids only the other: ' \
                  f'"{lost[0]}" is left allowed'
            return
