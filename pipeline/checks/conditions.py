"""The conditions of an instruction: with food or on an empty stomach, with
or without alcohol, and whether it is allowed ("you may") or required
("you must"). "Tómelo con el estómago lleno" for "Take it on an empty
stomach" and "Debe tomarlo" for "You may take it" keep every number; and a condition
keeps its "or": "if your face swells or you have a fever" is not "si se le
hincha la cara y tiene fiebre" (only when both happen)."""

from __future__ import annotations

import re
from typing import Iterator

from .amounts import amounts, span
from .base import TranslationContext, entry_checks
from .concepts import SOURCE_LANGUAGE, Said, parts, quoted, said
from .lexicon import Hit, language_data, normalise
from .listed import combined_alternatives, dropped_items, joined_items
from .polarity import polarity
from .reading import _copied, _ready, _scan, aligned, prose
from .terms import _terms

FOOD = {"empty": "on an empty stomach", "fed": "with food", "alcohol": "with alcohol", "abstain": "nothing to eat or drink"}
_OPPOSITE = {"empty": "fed", "fed": "empty"}
# "before meals" and "after meals" (the comparative check compares their direction) say a food
# condition in many languages ("饭后", "식후"): they keep the source's, and add none
_ANSWERS = {"before_meal": "empty", "after_meal": "fed"}
_ANSWERED_BY = {"empty": ("before_meal",), "fed": ("after_meal",)}
# what the source says that a translation's condition names: "1 hour before or 2 hours after a meal" is an
# empty stomach ("com o estômago vazio: 1 hora antes ou 2 horas após comer"), and so is "do not eat or drink
# anything" ("restez à jeun")
_NAMED_BY = {"empty": ("around_meal", "abstain")}


def _food(language: str, text: str) -> tuple[Said, dict[str, Hit]]:
    """The food conditions of a part, said or negated: whether "no lo tome
    con alimentos" keeps the source's "do not" is the negation check's."""
    found = said(language, "food", text)
    return found, {**found.negated, **found.concepts}


def _plain_and_negated(found: Said) -> tuple[str, Hit, Hit] | None:
    """A part that names both conditions, one under a negation: "with food,
    not on an empty stomach" is ("fed", "with food", "on an empty stomach")."""
    plain = {_ANSWERS.get(k, k): h for k, h in found.concepts.items() if _ANSWERS.get(k, k) in _OPPOSITE}
    if len(plain) != 1:
        return None
    kind, hit = next(iter(plain.items()))
    negated = found.negated.get(_OPPOSITE[kind])
    return (kind, hit, negated) if negated is not None and kind not in found.negated else None


def _swapped_meals(their_said: Said, our_said: Said) -> str | None:
    """Both conditions named and swapped: "Take it with food, not on an
    empty stomach" as "Tómelo en ayunas, no con alimentos" keeps both
    phrases and a negation, and says the other one."""
    theirs, ours = _plain_and_negated(their_said), _plain_and_negated(our_said)
    if theirs is None or ours is None or theirs[0] == ours[0]:
        return None
    return f"the source says {quoted(theirs[1], FOOD[theirs[0]])}, not {quoted(theirs[2], FOOD[ours[0]])}, but " \
           f"the translation says {quoted(ours[1], FOOD[ours[0]])}, not {quoted(ours[2], FOOD[theirs[0]])}"


def changed_food(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A food condition of the source stays, and its opposite is not added:
    "on an empty stomach" is not "with food", "after meals" or "on a full
    stomach", nor "fasting or with a meal"; "with food" is not "with
    alcohol". A translation may not add a food condition or alcohol the
    source does not name, nor drop the source's. Alcohol said under a
    negation ("evite el alcohol") keeps a source's "do not drink alcohol"."""
    for where, source_part, target_part in parts("food", source, target, context):
        their_said, theirs = _food(SOURCE_LANGUAGE, source_part)
        our_said, ours = _food(context.language, target_part)
        if swapped := _swapped_meals(their_said, our_said):
            yield f"{where}{swapped}"
            continue
        meals = {k: h for k, h in theirs.items() if k in _OPPOSITE}
        named = {**{kind: theirs[name] for kind, names in _NAMED_BY.items() for name in names if name in theirs},
                 **meals}
        for kind, hit in ours.items():
            if kind in theirs or kind in _ANSWERS or any(name in theirs for name in _NAMED_BY.get(kind, ())):
                continue
            if (_OPPOSITE.get(kind) in their_said.negated and kind not in our_said.negated) or \
                    (kind in our_said.negated and _OPPOSITE.get(kind) in their_said.concepts):
                continue  # "do not take it with food" as "con el estómago vacío", and the other way round;
                # both negated ("not on an empty stomach" as "no ... con el estómago lleno") say opposites
            if kind == "alcohol" and "alcohol" in their_said.negated:
                continue  # "do not drink alcohol" said as "evite el alcohol"
            opposite = _OPPOSITE.get(kind)
            if opposite in named:  # "1 hour before or 2 hours after a meal" as "com alimentos" too
                yield f"{where}the source says {quoted(named[opposite], FOOD[opposite])} but the translation " \
                      f"says {quoted(hit, FOOD[kind])}"
            else:
                yield f"{where}the translation says {quoted(hit, FOOD[kind])}; the source does not"
        for kind, hit in meals.items():
            # "Do not take it on an empty stomach" may be "食後に" (after meals)
            turned = _ANSWERED_BY[_OPPOSITE[kind]] if kind in their_said.negated and kind not in their_said.concepts else ()
            if not any(k in ours for k in (kind, *_ANSWERED_BY[kind], *turned)) and not ours.keys() & _OPPOSITE.keys():
                yield f"{where}the source says {quoted(hit, FOOD[kind])}; the translation does not"
        if "alcohol" in their_said.concepts and "alcohol" not in ours and "alcohol" not in our_said.negated:
            yield f"{where}the source says {quoted(their_said.concepts['alcohol'], FOOD['alcohol'])}; " \
                  f"the translation does not"


MODAL = {"may": "may, is allowed to", "must": "must, has to"}


def changed_modal(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Allowed stays allowed and required stays required: "You may take it
    with food" is not "Debe tomarlo con alimentos" (must), nor "You must"
    "Puede" (may). Only where the source says one and not the other; an
    instruction may well be written "debe" for an imperative."""
    for where, source_part, target_part in parts("modal", source, target, context):
        theirs = said(SOURCE_LANGUAGE, "modal", source_part).concepts
        ours = said(context.language, "modal", target_part).concepts
        if "may" in theirs and "must" not in theirs and "must" in ours:
            yield f"{where}the source says {quoted(theirs['may'], MODAL['may'])} but the translation says " \
                  f"{quoted(ours['must'], MODAL['must'])}"
        elif "must" in theirs and "may" not in theirs and "may" in ours and "must" not in ours:
            yield f"{where}the source says {quoted(theirs['must'], MODAL['must'])} but the translation says " \
                  f"{quoted(ours['may'], MODAL['may'])}"


# where a condition clause ends: a comma, a semicolon, a colon or the end of a sentence
# a comma or full stop between digits is a number's ("100.4 °F", "1,000 mg"), not a clause's end
_CLAUSE_BOUNDARY = re.compile(r"(?<!\d)[,.](?!\d)|[;:!?，；：。！？、،؛]")


_MORE_OR_LESS = frozenset({"UP", "DOWN"})


def _clause_end(text: str, start: int, hits: tuple[Hit, ...]) -> int:
    """Where a condition that begins at `start` ends: at the next comma or
    full stop, unless an "and" or "or" follows it ("if your fever is 100.4
    °F or higher, or you have chills" is one condition)."""
    position = start
    while (boundary := _CLAUSE_BOUNDARY.search(text, position)) is not None:
        joined = boundary.group() in ",，、" and any(
            h.kinds() & {"and", "or", "with"} and 0 < h.start - boundary.end() <= 2 for h in hits)
        if not joined:
            return boundary.start()
        position = boundary.end()
    return len(text)


def _spans(language: str, text: str, hits: tuple[Hit, ...]) -> list[tuple[int, int]]:
    """Where the condition clauses of a normalised text are: from an "if" to
    the next comma or full stop ("si se le hincha la cara y tiene fiebre,
    llame"), or, in a language that puts its "if" after the clause
    (`clause_before`: "얼굴이 부은 경우"), from the comma before it."""
    after = not language_data(language).get("junction", {}).get("clause_before")
    spans = []
    for hit in (h for h in hits if "if" in h.kinds()):
        if after:
            spans.append((hit.end, _clause_end(text, hit.end, hits)))
        else:
            start = max((m.end() for m in _CLAUSE_BOUNDARY.finditer(text, 0, hit.start)), default=0)
            spans.append((start, hit.start))
    return spans


_WITH_GAP = re.compile(r"\W*(?:[^\W\d_]+\W+){0,2}|[^\s.,;:!?。，；：！？]{0,2}")


def _joining(language: str, text: str, hit: Hit) -> bool:
    """An "and" word, or a "with" right before a symptom ("con escalofríos",
    "avec des frissons", "с ознобом"): a symptom said with another must
    happen with it. A "with" before anything else ("con comida") joins no
    condition."""
    if "and" in hit.kinds():
        return True
    return "with" in hit.kinds() and any(
        h.start >= hit.end and _WITH_GAP.fullmatch(text[hit.end:h.start]) is not None
        for h in _scan(language, "term", text) if any(k.startswith("symptom.") for k in h.kinds()))


def _joins(language: str, text: str) -> tuple[list[Hit], list[Hit], int] | None:
    """The "and" and "or" words inside the condition clauses of a normalised
    text (`_spans`), and the text's "and" words in all; None where it has no
    condition."""
    hits = _scan(language, "junction", text)
    spans = _spans(language, text, hits)
    if not spans:
        return None
    # "or higher" said "и выше" (and above) is a comparative, which the comparative check reads
    text = _spelled_as_digits(language, text)
    comparatives = [c for c in _scan(language, "comparative", text) if c.kinds() & _MORE_OR_LESS]
    hits = tuple(h for h in hits if not any(c.start <= h.start < c.end for c in comparatives))
    inside = [h for h in hits if any(start <= h.start and h.end <= end for start, end in spans)]
    return ([h for h in inside if _joining(language, text, h)], [h for h in inside if "or" in h.kinds()],
            sum(_joining(language, text, h) for h in hits))


# what a condition lists as alternatives: symptoms, and states of the reader ("pregnant or could become pregnant")
_ALTERNATIVE_FAMILIES = ("symptom", "people")


def _alternatives(text: str) -> dict[str, Hit]:
    """The symptoms and people (pregnant, breastfeeding) of the source's
    conditions that hold an "or" ("if you have a fever of 100.4 °F or
    higher, or chills"; "if you are pregnant or could become pregnant"):
    each alone is enough."""
    hits = _scan(SOURCE_LANGUAGE, "junction", text)
    comparatives = [c for c in _scan(SOURCE_LANGUAGE, "comparative", text) if c.kinds() & _MORE_OR_LESS]
    ors = [h for h in hits if "or" in h.kinds() and not any(c.start <= h.start < c.end for c in comparatives)]
    found: dict[str, Hit] = {}
    for start, end in _spans(SOURCE_LANGUAGE, text, hits):
        if any(start <= h.start < end for h in ors):
            for family in _ALTERNATIVE_FAMILIES:
                found.update(_terms(SOURCE_LANGUAGE, text[start:end], family))
    return found


def dropped_alternatives(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Every symptom or state of a condition that says "or" stays: "Call if
    you have a fever of 100.4 °F or higher, or chills" said without the
    chills tells the reader with chills alone not to call; "if you are
    pregnant or could become pregnant" said "si está embarazada" leaves out
    the reader who could become so. Only where the translation's
    condition has no "or" left (a symptom its lists do not know may stand
    beside one); whether it joins them with "y" is `joined_conditions`'."""
    for where, source_part, target_part in parts("junction", source, target, context):
        theirs = _alternatives(source_part)
        if len(theirs) < 2:
            continue
        joins = _joins(context.language, target_part)
        if joins is not None and joins[1]:
            continue  # the translation's condition keeps an "or": its alternatives are its lists' to tell
        ours = {k for family in _ALTERNATIVE_FAMILIES for k in _terms(context.language, target_part, family)}
        missing = [kind for kind in theirs if kind not in ours]
        if missing and len(missing) < len(theirs):
            yield f'{where}the source\'s condition names {quoted(theirs[missing[0]], missing[0])} as one of ' \
                  f'its alternatives ("or"); the translation leaves it out, so it alone no longer calls for ' \
                  f'the instruction'
            return


def joined_conditions(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A condition keeps its "or" and gains no "and": "Call 911 if your face
    swells or you have a fever" said "si se le hincha la cara y tiene
    fiebre" calls only when both happen, and so does "Call 911 if your face
    swells" said so, where the joined condition names a symptom or a part
    of the body the source does not ("Si los medicamentos son demasiados y
    empeoran la fatiga" says one condition in two verbs). Only inside the
    condition clause, and only where the translation has more "and" words
    than the source in all: "do not crush or chew" as "ni triture ni
    mastique", or an "and" of the main clause, is no condition."""
    if not _ready(context, "junction"):
        return
    whole = _joins(context.language, normalise(prose(target)))
    if whole is None or not whole[0]:
        return  # most units: no "and" inside a condition of the translation
    for where, source_part, target_part in parts("junction", source, target, context):
        ours = _joins(context.language, target_part)
        if ours is None or not ours[0]:
            continue
        theirs = _joins(SOURCE_LANGUAGE, source_part)
        if theirs is None or len(ours[0]) <= len(theirs[0]) or ours[2] <= theirs[2]:
            continue
        joined = ours[0][len(theirs[0])]
        if theirs[1]:
            yield f'{where}the source\'s condition says "{theirs[1][0].text}" (or: either one is enough) but the ' \
                  f'translation\'s says "{joined.text}" (and: only when both happen)'
            continue
        boundary = _CLAUSE_BOUNDARY.search(target_part, joined.end)
        added = _new_terms(source_part, target_part[joined.end:boundary.start() if boundary else None],
                           context.language)
        if added:
            yield f'{where}the translation joins a condition to the source\'s with "{joined.text}" (and), ' \
                  f'{quoted(added[0][1], added[0][0])}, which the source does not name: the instruction then ' \
                  f'holds only when both happen'


def _new_terms(source: str, joined: str, language: str) -> list[tuple[str, Hit]]:
    """The symptoms and parts of the body a joined condition names that the source does not."""
    theirs = {k for family in ("symptom", "body") for k in _terms(SOURCE_LANGUAGE, source, family)}
    return [(k, h) for family in ("symptom", "body") for k, h in _terms(language, joined, family).items()
            if k not in theirs]


# a digit, then words, then the junction: "1 tablet in the morning and", not the "1 or 2" of a range
_AFTER_VALUE = re.compile(r"\d[^\d.;!?。；！？]*[^\W\d_][^\d.;!?。；！？]*$")
_BEFORE_VALUE = re.compile(r"^[^.;!?。；！？]*?\d")


def _spelled_as_digits(language: str, text: str) -> str:
    """A text whose amounts with a spelled number ("一錠", "two tablets") are
    written "1x": values, as the digits of "1 tablet" are."""
    for amount in sorted((a for a in amounts(language, text) if a.spelled and a.number is not None),
                         key=lambda a: -a.end):
        start, end = span(amount)
        text = f"{text[:start]}{amount.number:g}x{text[end:]}"
    return text


def _value_joins(language: str, text: str) -> tuple[set[str], set[str]]:
    """The "and"/"or" kinds a normalised part says between two values of one
    sentence, words after the first ("1 tablet in the morning and 2 at
    night", "1 hour before or 2 hours after"), and the kinds it says
    anywhere; a comparative's "or" ("or higher") is none."""
    text = _spelled_as_digits(language, text)
    comparatives = [c for c in _scan(language, "comparative", text) if c.kinds() & _MORE_OR_LESS]
    hits = [h for h in _scan(language, "junction", text) if h.kinds() & {"and", "or"}
            and not any(c.start <= h.start < c.end for c in comparatives)]
    between = {k for h in hits if _AFTER_VALUE.search(text, 0, h.start) and _BEFORE_VALUE.match(text[h.end:])
               for k in h.kinds() & {"and", "or"}}
    return between, {k for h in hits for k in h.kinds() & {"and", "or"}}


def _negated_or(text: str) -> bool:
    """A source "or" a negation of its clause governs: "do not take a bath or
    swim" forbids both, and a translation may say so with "and" ("ne prenez
    pas de bain et ne nagez pas", "욕조 목욕과 수영은 피하세요")."""
    ors = [h for h in _scan(SOURCE_LANGUAGE, "junction", text) if "or" in h.kinds()]
    return any(n.end <= h.start and not re.search(r"[,;:.]", text[n.end:h.start])
               for h in ors for n in polarity(SOURCE_LANGUAGE, text).certain)


def _negated_after_and(language: str, text: str) -> bool:
    """A translation that negates again after its last "and" ("et ne nagez pas"),
    or puts its negation or "avoid" after the items it joins ("욕조 목욕과
    수영은 피하세요"): both items forbidden, not the second allowed."""
    last = max((h.end for h in _scan(language, "junction", text) if "and" in h.kinds()), default=None)
    return last is not None and any(n.start >= last for n in polarity(language, text).certain)


def changed_value_joins(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Two doses or times the source joins with "and" stay both: "Take 1
    tablet in the morning and 2 tablets at night" as "早上服1片或晚上服2片"
    or "ou 2 comprimés le soir" lets the reader take one; and two it gives
    as alternatives stay alternatives: "1 hour before or 2 hours after a
    meal" as "1 giờ trước và 2 giờ sau" asks for both. Only where the
    source says only the one between its values and the translation, which
    says the other between its own, says no "or" at all (for "or") or the
    source none (for "and")."""
    for where, source_part, target_part in parts("junction", source, target, context):
        theirs, their_words = _value_joins(SOURCE_LANGUAGE, source_part)
        if len(theirs) != 1:
            continue
        ours, our_words = _value_joins(context.language, target_part)
        if theirs == {"and"} and "or" in ours and "or" not in their_words:
            yield f'{where}the source joins its values with "and" (both) but the translation with "or" (one of them)'
        elif theirs == {"or"} and "and" in ours and "or" not in our_words and \
                not (_negated_or(source_part) and _negated_after_and(context.language, target_part)):
            yield f'{where}the source gives its values as alternatives ("or") but the translation joins them with ' \
                  f'"and" (both)'


def changed_either_or(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A condition's alternatives stay alternatives, and stay; values joined stay joined; the items
    of a short list stay (listed.py)."""
    yield from joined_conditions(source, target, context)
    yield from dropped_alternatives(source, target, context)
    yield from changed_value_joins(source, target, context)
    if not _copied(source, target):
        for where, source_part, target_part in aligned(source, target):
            yield from dropped_items(where, source_part, target_part, context.language)
            yield from joined_items(where, source_part, target_part, context.language)
            yield from combined_alternatives(where, source_part, target_part, context.language)


CONDITION_CHECKS = entry_checks("error", {"food": changed_food, "modal": changed_modal,
                                          "either-or": changed_either_or})
