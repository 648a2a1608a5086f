"""Warnings: what a reviewer should look at before publishing; and the
one error two of them make together, a translation cut off."""

from __future__ import annotations

from typing import Iterator

import polib

from ..tokens import pronunciation_guides
from .base import EntryCheck, TranslationContext
from .reading import clauses

# Punctuation that ends a text, with the equivalents used by other scripts.
_END_EQUIVALENT = {".": ".。।۔", "?": "?？؟", "!": "!！", ":": ":：", ";": ";；؛"}
# What may close a text after its end punctuation: a bracket, emphasis, a quotation mark.
_CLOSERS = ")）*»”\""
# A translation's length relative to the English source, by characters.
_LENGTH_RANGE: dict[str, tuple[float, float]] = {"zh": (0.12, 1.0), "ja": (0.15, 1.1), "ko": (0.2, 1.2)}
_DEFAULT_LENGTH_RANGE = (0.5, 2.5)
# ... and its usual length (Chinese says in 30 characters what English says in 100)
_USUAL_LENGTH: dict[str, float] = {"zh": 0.3, "ja": 0.4, "ko": 0.5}
_DEFAULT_USUAL_LENGTH = 1.1


def fuzzy_entry(entry: polib.POEntry, context: TranslationContext) -> Iterator[str]:
    if "fuzzy" in entry.flags and not entry.obsolete:
        yield "fuzzy: the source changed; review the translation and remove the fuzzy flag"


def untranslated_entry(entry: polib.POEntry, context: TranslationContext) -> Iterator[str]:
    if not entry.msgstr and not entry.msgid_plural:
        yield "not translated yet"


def whitespace(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    if source[:1].isspace() != target[:1].isspace() or source[-1:].isspace() != target[-1:].isspace():
        yield "leading or trailing whitespace differs from the source"


def end_punctuation(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    source_end, target_end = source.rstrip()[-1:], target.rstrip()[-1:]
    for mark, equivalents in _END_EQUIVALENT.items():
        if source_end == mark and target_end not in equivalents + _CLOSERS:
            yield f"the source ends with {mark!r}, the translation with {target_end!r}"
            return


def cut_sentence(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A translation that ends with a space and without the final
    punctuation of its source lost its end: a file cut at a line end inside
    the entry (gettext breaks strings after a space), or a sentence left
    out. No translation of the bundled catalogs, the leaflet table or the
    shared corpus ends so. (One that ends in the middle of a word is no
    error here: a real translator's catalog has one that only lost its
    full stop; `checks.cut_last_entry` takes it for a cut at the end of a
    file.)"""
    if target[-1:].isspace() and not source[-1:].isspace() and any(end_punctuation(source, target, context)):
        yield ("the translation ends with a space and without the source's final punctuation: "
               "its last sentence is cut off")


def ends_mid_sentence(source: str, target: str) -> bool:
    """Whether the source ends a sentence (. ? !) and the translation, its
    closing brackets, emphasis and quotation marks aside, does not: it stops
    at a word's end, a comma, a link's ")"."""
    ends = "".join(_END_EQUIVALENT[mark] for mark in ".?!")
    return source[-1:] in ".!?" and target.rstrip(_CLOSERS + "'")[-1:] not in ends


def dropped_sentences(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A translation with fewer than half the sentences of its source (and
    clauses: a translator may join sentences with semicolons), and under
    60 % of the length its language usually gives the source, left some out
    or was cut; one that joins three sentences with commas keeps its length.
    None of the 8,197 faithful translations measured (see cut_sentence)
    does."""
    parts = [len(clauses(text)) for text in (source, target)]
    usual = _USUAL_LENGTH.get(context.base_language, _DEFAULT_USUAL_LENGTH) * len(source)
    if parts[0] >= 2 and 2 * parts[1] < parts[0] and len(target) < 0.6 * usual:
        yield (f"the source has {parts[0]} sentences or clauses, the translation {parts[1]} in "
               f"{len(target) / usual:.0%} of the usual length: a translation this much shorter leaves some out")


def doubled_spaces(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    if "  " in target.replace("\\\n", "") and "  " not in source:
        yield "doubled space"


def unusual_length(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    if len(source) < 20:
        return
    low, high = _LENGTH_RANGE.get(context.base_language, _DEFAULT_LENGTH_RANGE)
    ratio = len(target) / len(source)
    if not low <= ratio <= high:
        yield f"translation is {ratio:.1f} times the length of the source (usual: {low}-{high})"


def glossary_term(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    if context.glossary is None:
        return
    lowered = target.lower()
    for term in context.glossary.terms_in(source):
        if term.translation.lower() not in lowered:
            yield f"{term.source!r} should be translated as {term.translation!r}"


def kept_pronunciation(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    for guide in pronunciation_guides(source):
        if guide in target:
            yield f"English pronunciation guide {guide} kept unchanged; adapt it or drop it"


STYLE_CHECKS = [
    EntryCheck("fuzzy", "warning", fuzzy_entry, translated_only=False),
    EntryCheck("untranslated", "warning", untranslated_entry, translated_only=False),
    EntryCheck("whitespace", "warning", whitespace),
    EntryCheck("end-punctuation", "warning", end_punctuation),
    EntryCheck("cut-sentence", "error", cut_sentence),
    EntryCheck("dropped-sentences", "error", dropped_sentences),
    EntryCheck("double-space", "warning", doubled_spaces),
    EntryCheck("length", "warning", unusual_length),
    EntryCheck("glossary", "warning", glossary_term),
    EntryCheck("pronunciation-guide", "warning", kept_pronunciation),
]
