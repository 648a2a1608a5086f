"""The conditions of an instruction: with food or on an empty stomach, with
or without alcohol, and whether it is allowed ("you may") or required
("you must"). "Tómelo con el estómago lleno" for "Take it on an empty
stomach" and "Debe tomarlo" for "You may take it" keep every number."""

from __future__ import annotations

from typing import Iterator

from .base import EntryCheck, TranslationContext
from .concepts import SOURCE_LANGUAGE, Said, parts, quoted, said
from .lexicon import Hit

FOOD = {"empty": "on an empty stomach", "fed": "with food", "alcohol": "with alcohol"}
_OPPOSITE = {"empty": "fed", "fed": "empty"}
# "before meals" and "after meals" (the comparative check compares their direction) say a food
# condition in many languages ("饭后", "식후"): they keep the source's, and add none
_ANSWERS = {"before_meal": "empty", "after_meal": "fed"}
_ANSWERED_BY = {"empty": ("before_meal",), "fed": ("after_meal",)}


def _food(language: str, text: str) -> tuple[Said, dict[str, Hit]]:
    """The food conditions of a part, said or negated: whether "no lo tome
    con alimentos" keeps the source's "do not" is the negation check's."""
    found = said(language, "food", text)
    return found, {**found.negated, **found.concepts}


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
        meals = {k: h for k, h in theirs.items() if k in _OPPOSITE}
        for kind, hit in ours.items():
            if kind in theirs or kind in _ANSWERS:
                continue
            if _OPPOSITE.get(kind) in their_said.negated or \
                    (kind in our_said.negated and _OPPOSITE[kind] in their_said.concepts):
                continue  # "do not take it with food" as "con el estómago vacío", and the other way round
            if kind == "alcohol" and "alcohol" in their_said.negated:
                continue  # "do not drink alcohol" said as "evite el alcohol"
            opposite = _OPPOSITE.get(kind)
            if opposite in meals:
                yield f"{where}the source says {quoted(meals[opposite], FOOD[opposite])} but the translation " \
                      f"says {quoted(hit, FOOD[kind])}"
            else:
                yield f"{where}the translation says {quoted(hit, FOOD[kind])}; the source does not"
        for kind, hit in meals.items():
            if not any(k in ours for k in (kind, *_ANSWERED_BY[kind])) and not ours.keys() & _OPPOSITE.keys():
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


CONDITION_CHECKS = [EntryCheck("food", "error", changed_food), EntryCheck("modal", "error", changed_modal)]
