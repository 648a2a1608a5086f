"""The whole text of one language version, sentence by sentence, marked
for a writer as a Hemingway-style editor marks it: long and very long
sentences, uncommon words, passive voice, and medical terms with their
plain alternatives. Pure: a document, its translations and the settings
in, plain data out; reports/text.html draws it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, NamedTuple

from ..datacache import LARGE_RESULTS
from .. import memos, model
from ..model import Document
from ..tokens import BARE_URL, EMAIL, PHONE, PRONUNCIATION
from .analysis import sentence_words, document_jargon, scored_units
from .frequency import has_frequencies, is_uncommon
from .jargon import term_hits
from .languages import base, counting_unit
from .passive import passive_phrases
from .settings import ReadabilitySettings
from .text import _WORD, plain_text, spoken, split_sentences

# A sentence longer than the first number is long, longer than the second
# very long: in words (20 is the findings' long sentence), or in characters
# for Chinese and Japanese, about 1.8 characters per English word.
SENTENCE_LENGTHS = {"words": (20, 30), "characters": (36, 54)}

# Marks of a word or phrase; a span already marked keeps its first mark.
JARGON, PASSIVE, UNCOMMON = "jargon", "passive", "uncommon"


# Segments and sentences are named tuples rather than frozen dataclasses: a
# long text has tens of thousands of them, and the report's memo of each
# sentence's HTML hashes them (a tuple is made and hashed in C).
class Segment(NamedTuple):
    text: str
    mark: str = ""  # "", jargon, passive or uncommon
    plain: str = ""  # a jargon term's plain alternative


class Sentence(NamedTuple):
    segments: tuple[Segment, ...]
    size: int  # words, or characters for Chinese and Japanese
    length: str  # "", "long" or "very long"


@dataclass(frozen=True)
class Block:
    kind: str  # heading, paragraph, list item, block quote, table cell, image alt text
    level: int  # heading level; list depth
    sentences: tuple[Sentence, ...]
    translated: bool = True  # False: the English source is shown, untranslated


@dataclass
class HighlightedText:
    language: str
    unit: str  # words or characters
    long_at: int
    very_long_at: int
    jargon_marked: bool  # the jargon list is English: only the source is searched
    uncommon_marked: bool
    uncommon_by_length: bool  # no frequency list: long words are marked instead
    blocks: list[Block] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def highlight(document: Document, language: str, translations: Mapping[str, str],
              jargon: Mapping[str, str], settings: ReadabilitySettings | None = None) -> HighlightedText:
    """Every unit a report reads, in document order, its sentences marked;
    medical terms where document_jargon() flags them, as the findings do."""
    settings = settings or ReadabilitySettings()
    unit = counting_unit(language)
    long_at, very_long_at = SENTENCE_LENGTHS[unit]
    english = base(language) == "en"
    flagged = document_jargon(document, jargon) if english else {}
    terms = tuple(sorted((t.lower(), p) for t, p in jargon.items() if p))
    out = HighlightedText(language, unit, long_at, very_long_at, english and any(p for p in jargon.values()),
                          unit == "words", unit == "words" and not has_frequencies(language))
    counts = dict.fromkeys(("sentences", "long", "very long", UNCOMMON, PASSIVE, JARGON), 0)
    for source in scored_units(document):
        text = source.text if language == "en" else translations.get(source.text, "")
        translated = bool(text) or language == "en"
        shown_language = language if text else "en"
        to_mark = {use.term for use in flagged.get(source.index, ())}
        sentences = []
        for sentence in split_sentences(plain_text(text or source.text), shown_language):
            size = len(sentence_words(spoken(sentence), shown_language))
            length = ("very long" if size > very_long_at else "long" if size > long_at else "") if translated else ""
            if translated and not english and unit == "words":
                segments = _uncommon_marked(sentence, language, settings.uncommon_zipf)
            else:
                spans = []
                if translated:
                    if english:
                        spans += _jargon_spans(sentence, to_mark, terms)
                        spans += _passive_spans(sentence, passive_phrases(spoken(sentence)))
                    if unit == "words":
                        spans += _uncommon_spans(sentence, language, settings.uncommon_zipf)
                segments = _segments(sentence, spans)
            for s in segments:
                if s.mark:
                    counts[s.mark] += 1
            counts["sentences"] += translated
            if length:
                counts[length] += 1
            sentences.append(Sentence(segments, size, length))
        if sentences:
            kind = model.HEADING if source.kind == model.FRONT_MATTER else source.kind  # the title
            level = source.depth if kind != model.HEADING else source.level or 1
            out.blocks.append(Block(kind, level, tuple(sentences), translated))
    out.counts = counts
    return out


def _uncommon_spans(sentence: str, language: str, zipf: float) -> list[tuple[int, int, str, str]]:
    """The uncommon words of a sentence; kept across runs in the data cache
    (a build after an edit reads no frequency list for a sentence it read)."""
    memo = memos.memo_name("uncommon", language)
    spans = memos.recall(memo, (sentence, zipf))
    if spans is None:
        spans = tuple((a, b) for a, b, word in _word_spans(sentence) if is_uncommon(word, language, zipf))
        memos.remember(memo, (sentence, zipf), spans)
    return [(a, b, UNCOMMON, "") for a, b in spans]


@lru_cache(maxsize=LARGE_RESULTS)
def _uncommon_marked(sentence: str, language: str, zipf: float) -> tuple[Segment, ...]:
    """A translated sentence with its uncommon words marked (the only marks
    outside English): memoised, as a library's translations repeat most
    of their sentences."""
    return _segments(sentence, _uncommon_spans(sentence, language, zipf))


def _jargon_spans(sentence: str, to_mark: set[str], terms: tuple[tuple[str, str], ...]) -> list[tuple[int, int, str, str]]:
    """The first use in the sentence of each term still to mark in its
    unit; a term marked here is taken out of `to_mark`."""
    if not to_mark:
        return []
    spans = []
    for use in term_hits(sentence, terms):
        if use.term in to_mark:
            to_mark.discard(use.term)
            spans.append((use.start, use.end, JARGON, use.plain))
    return spans


def _passive_spans(sentence: str, phrases: tuple[str, ...]) -> list[tuple[int, int, str, str]]:
    spans = []
    for phrase in phrases:
        hit = re.search(r"\b" + r"\W+".join(map(re.escape, phrase.split())) + r"\b", sentence)
        if hit:
            spans.append((hit.start(), hit.end(), PASSIVE, ""))
    return spans


def _word_spans(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word a patient reads: not a number, nor
    part of an address, phone number or pronunciation guide."""
    unread = [(m.start(), m.end()) for pattern in (PRONUNCIATION, BARE_URL, EMAIL, PHONE)
              for m in pattern.finditer(sentence)]
    found = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(sentence)]
    return [(a, b, word) for a, b, word in found
            if not (word[0].isdigit() or word[0] == "°")
            and not (unread and any(start < b and a < end for start, end in unread))]


def _segments(sentence: str, spans: list[tuple[int, int, str, str]]) -> tuple[Segment, ...]:
    """The sentence cut at its marks; of overlapping marks the first given
    (jargon, then passive, then uncommon) wins."""
    if all(spans[i - 1][1] <= spans[i][0] for i in range(1, len(spans))):
        taken = list(spans)  # in order, none overlapping (a sentence's uncommon words): all taken
    else:
        taken = []
        for span in spans:
            for a, b, _, _ in taken:
                if a < span[1] and span[0] < b:
                    break
            else:
                taken.append(span)
    taken.sort()
    out, at = [], 0
    for start, end, mark, plain in taken:
        if start > at:
            out.append(Segment(sentence[at:start]))
        out.append(Segment(sentence[start:end], mark, plain))
        at = end
    if at < len(sentence):
        out.append(Segment(sentence[at:]))
    return tuple(out)
