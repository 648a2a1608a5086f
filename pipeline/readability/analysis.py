"""Readability analysis: scores against the target, per section, hardest
sentences, plain-language findings, and source against translation, from a
parsed document and its translations (no files)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Mapping

from ..datacache import LARGE_RESULTS
from .. import memos, model
from ..model import Document
from .measures import Counts, arabic_counts, base, formulas_for, sentence_counts, sum_counts, text_counts
from .english import guide_syllables
from .languages import counting_unit
from .frequency import has_frequencies, is_uncommon
from .settings import DEFAULT_UNCOMMON_ZIPF, ReadabilitySettings
from .verdict import judge, on_scale, target_phrase
from .text import characters, plain_text, readable_text, unit_sentences, words
from .jargon import JargonUse, flagged_jargon, term_pattern
from .passive import passive_phrases

TARGET_GRADE = 8.0
LONG_SENTENCE_WORDS = 20
HARD_SENTENCE_MIN_WORDS = 5  # shorter ones are labels and list items, not hard reading
@dataclass
class SectionScore:
    heading: str
    path: list[str]  # the headings above it and its own, as the reader sees them
    anchor: str  # the heading's id, the same in every language ("" before the first heading)
    line: int  # the heading's line in the source (0 before the first heading)
    words: int
    sentences: int
    words_per_sentence: float
    syllables_per_word: float | None
    polysyllable_share: float | None
    grade: float | None  # Flesch-Kincaid (English) where syllables are counted

    def as_dict(self) -> dict:
        return {"heading": self.heading, "path": list(self.path), "anchor": self.anchor, "line": self.line,
                "words": self.words, "sentences": self.sentences, "words_per_sentence": self.words_per_sentence,
                "syllables_per_word": self.syllables_per_word, "polysyllable_share": self.polysyllable_share,
                "grade": self.grade}


@dataclass
class ReadabilityReport:
    document: str
    language: str
    words: int  # in the report's unit: characters for Chinese and Japanese
    sentences: int
    characters: int
    scores: dict[str, float]
    meanings: dict[str, str]
    not_applicable: dict[str, str]
    measures: dict[str, float]
    unit: str = "words"
    primary: dict | None = None  # the formula the verdict rests on, and its value
    target: dict | None = None  # its target, if one is normed for the language
    verdict: dict | None = None  # status (pass, fail, none), label and text
    grade_range: dict | None = None  # the other grade formulas: low, high, their titles and text
    sections: list[SectionScore] = field(default_factory=list)
    hard_sentences: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    fallback_units: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """dataclasses.asdict's keys, order and copies, without its generic
        deep copy of every value (a tenth of a report's time)."""
        return {"document": self.document, "language": self.language, "words": self.words,
                "sentences": self.sentences, "characters": self.characters, "scores": dict(self.scores),
                "meanings": dict(self.meanings), "not_applicable": dict(self.not_applicable),
                "measures": dict(self.measures), "unit": self.unit, "primary": _copy(self.primary),
                "target": _copy(self.target), "verdict": _copy(self.verdict), "grade_range": _copy(self.grade_range),
                "sections": [s.as_dict() for s in self.sections],
                "hard_sentences": [{**h, "uncommon_words": list(h["uncommon_words"])} for h in self.hard_sentences],
                "findings": [dict(f) for f in self.findings], "fallback_units": self.fallback_units,
                "notes": list(self.notes)}


def _copy(value: dict | None) -> dict | None:
    """A copy of a verdict's dict, its lists copied too, as asdict makes."""
    if value is None:
        return None
    return {k: list(v) if isinstance(v, list) else v for k, v in value.items()}


def _fk(c: Counts) -> float | None:
    if not c.words or not c.sentences or not c.syllables:
        return None
    return round(0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59, 1)


def _measures(c: Counts, language: str) -> dict[str, float]:
    if counting_unit(language) == "characters":  # no word is "long" in characters
        return {"characters_per_sentence": round(c.words / c.sentences, 1) if c.sentences else 0.0}
    out = {"words_per_sentence": round(c.words / c.sentences, 2) if c.sentences else 0.0,
           "long_word_share": round(c.long_words / c.words, 3) if c.words else 0.0,
           "uncommon_word_share": round(c.uncommon / c.words, 3) if c.words else 0.0}
    if c.syllables and c.words:
        out["syllables_per_word"] = round(c.syllables / c.words, 2)
        out["polysyllable_share"] = round(c.polysyllables / c.words, 3)
    return out


def analyse(document: Document, language: str, translations: Mapping[str, str],
            jargon: Mapping[str, str] | None = None, settings: ReadabilitySettings | None = None) -> ReadabilityReport:
    """Readability of one language version; units without a translation are
    left out (and counted), so English fallback never flatters a score."""
    settings = settings or ReadabilitySettings()
    target_grade = settings.for_language(language)[0]
    per_unit: list[tuple[model.Unit, UnitReading]] = []
    fallback = 0
    headings: list[tuple[int, str]] = []  # (level, text) above the current unit
    section: dict[int, tuple[int, str, tuple[str, ...]]] = {}  # unit index -> (line, anchor, path)
    current = (0, "", ())
    for unit in scored_units(document):
        text = unit.text if language == "en" else translations.get(unit.text, "")
        if unit.kind in (model.HEADING, model.FRONT_MATTER):  # the title, where scored, heads the document
            level = unit.level if unit.kind == model.HEADING else 0
            headings = [h for h in headings if h[0] < level]
            headings.append((level, readable_text(text or unit.text)))
            current = (unit.line, unit.anchor, tuple(h[1] for h in headings))
        section[unit.index] = current
        if not text:
            fallback += 1
            continue
        per_unit.append((unit, unit_reading(text, language, settings.uncommon_zipf)))
    totals = sum_counts(reading.counts for _, reading in per_unit)
    if base(language) == "ar" and totals.sentences:
        totals = replace(totals, arabic=arabic_counts(totals.arabic))
    applicable, not_applicable = formulas_for(language)
    scores, meanings = {}, {}
    if totals.words and totals.sentences:
        for formula in applicable:
            value = round(formula.compute(totals, language), 1)
            scores[formula.name] = value
            shown, off_scale = on_scale(formula, value)
            meanings[formula.name] = (f"{formula.title}: {formula.meaning(shown, language)}; "
                                      + (f"{off_scale}; " if off_scale else "")
                                      + target_phrase(formula, value, language, target_grade))
    notes = []
    if "smog_index" in scores and totals.sentences < 30:
        notes.append(f"SMOG is normed on 30 sentences; this text has {totals.sentences}.")
    if counting_unit(language) == "words":
        notes.append(f"Uncommon words: used less than {settings.uncommon_zipf:g} on the Zipf scale (wordfreq)."
                     if has_frequencies(language) else
                     f"No word-frequency list for {language}: words of more than 6 letters are marked as uncommon.")
    report = ReadabilityReport(document.slug, language, totals.words, totals.sentences, totals.characters,
                               scores, meanings, not_applicable, _measures(totals, language),
                               unit=counting_unit(language), fallback_units=fallback, notes=notes,
                               **judge(scores, language, settings, totals.words, totals.sentences))
    report.sections = _sections(per_unit, language, section)
    report.hard_sentences = _hard_sentences(per_unit, language)
    report.findings = _findings(per_unit, language,
                                document_jargon(document, jargon or {}) if base(language) == "en" else {}, section)
    return report


@dataclass(frozen=True)
class UnitReading:
    """What a report takes from the text of one unit, whatever the unit:
    memoised, as the leaflets of a library repeat most of their units."""

    sentences: tuple[str, ...]
    # Its sentences' counts summed, with text_counts() of its text: summed
    # over units, arabic_counts() gives a whole text's Arabic counts.
    counts: Counts
    # (sentence, words, grade, difficulty, uncommon words) of each candidate for
    # the hardest sentences: those of at least HARD_SENTENCE_MIN_WORDS words.
    hard: tuple[tuple[str, int, float | None, float, tuple[str, ...]], ...]
    findings: tuple[tuple[str, str, str], ...]  # (kind, text, message): long sentences and passives


@lru_cache(maxsize=LARGE_RESULTS)
def unit_reading(text: str, language: str, zipf: float = DEFAULT_UNCOMMON_ZIPF) -> UnitReading:
    """What a report takes from a unit's text; kept across runs in the data
    cache, so that a build after an edit reads again only the units that
    changed."""
    memo = memos.memo_name("reading", language)
    reading = memos.recall(memo, (text, zipf))
    if reading is None:
        reading = _unit_reading(text, language, zipf)
        memos.remember(memo, (text, zipf), reading)
    return reading


def _unit_reading(text: str, language: str, zipf: float) -> UnitReading:
    # a sentence without a word ("650 mg", "212-639-2000") is not read as
    # one: counted, it would make a dosage table look easy
    sentences = tuple(s for s in unit_sentences(text, language) if sentence_words(s, language))
    guides = guide_syllables(text) if base(language) == "en" else ()
    counts = sum_counts(sentence_counts(sentence_words(s, language), language, guides) for s in sentences)
    characters, arabic = text_counts(" ".join(sentences), language)
    uncommon = sum(1 for s in sentences for w in sentence_words(s, language) if is_uncommon(w, language, zipf))
    return UnitReading(sentences, replace(counts, characters=characters, arabic=arabic, uncommon=uncommon),
                       tuple(h for s in sentences if (h := _hard_candidate(s, language, guides, zipf))),
                       tuple(f for s in sentences for f in _sentence_findings(s, language)))


@lru_cache(maxsize=LARGE_RESULTS)
def sentence_words(sentence: str, language: str) -> tuple[str, ...]:
    if counting_unit(language) == "characters":
        return tuple(characters(sentence))  # no spaces between words
    return tuple(words(sentence, language))


def _sections(per_unit, language, section) -> list[SectionScore]:
    """Scores per section, grouped by the heading (its line), not by its
    text: two "Symptoms" under different parents stay apart."""
    groups: dict[tuple, list[Counts]] = {}
    for unit, reading in per_unit:
        groups.setdefault(section[unit.index], []).append(reading.counts)
    out = []
    for (line, anchor, path), unit_counts in groups.items():
        c = sum_counts(unit_counts)
        if not c.words:
            continue
        out.append(SectionScore(path[-1] if path else "(top)", list(path), anchor, line,
                                c.words, c.sentences, round(c.words / c.sentences, 1),
                                round(c.syllables / c.words, 2) if c.syllables else None,
                                round(c.polysyllables / c.words, 3) if c.syllables else None,
                                _fk(c) if base(language) == "en" else None))
    return out


def _hard_candidate(sentence: str, language: str, guides: tuple[tuple[str, int], ...],
                    zipf: float) -> tuple | None:
    """A sentence as UnitReading.hard holds it, or None if too short to rank."""
    tokens = sentence_words(sentence, language)
    if len(tokens) < HARD_SENTENCE_MIN_WORDS:
        return None
    grade = _fk(sentence_counts(tokens, language, guides)) if base(language) == "en" else None
    difficulty = grade if grade is not None else float(len(tokens))
    uncommon = (tuple(sorted({w for w in tokens if is_uncommon(w, language, zipf)}))
                if counting_unit(language) == "words" else ())  # no word is marked where characters are counted
    return sentence, len(tokens), grade, difficulty, uncommon


def _hard_sentences(per_unit, language, limit: int = 8) -> list[dict]:
    ranked = [(difficulty, unit.line, sentence, words, grade, uncommon)
              for unit, reading in per_unit
              if unit.kind not in (model.HEADING, model.FRONT_MATTER)  # "Medicine" would rank top with grade 20
              for sentence, words, grade, difficulty, uncommon in reading.hard]
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [{"sentence": sentence, "line": line, "words": words, "grade": grade, "difficulty": difficulty,
             "uncommon_words": list(uncommon)}
            for difficulty, line, sentence, words, grade, uncommon in ranked[:limit]]


def _sentence_findings(sentence: str, language: str) -> list[tuple[str, str, str]]:
    """(kind, text, message) of a sentence's long-sentence and passive findings."""
    out = []
    n = len(sentence_words(sentence, language))
    if n > LONG_SENTENCE_WORDS and counting_unit(language) == "words":
        out.append(("long sentence", sentence, f"{n} words; aim for {LONG_SENTENCE_WORDS} or fewer"))
    if base(language) == "en":
        for phrase in passive_phrases(sentence):
            out.append(("passive voice", sentence, f"passive: “{phrase}”; say who does what"))
    return out


def _findings(per_unit, language, jargon_uses, section) -> list[dict]:
    """Long sentences and passives where they are, and the medical terms
    document_jargon() flags; each with its line and the heading of its
    section, as a reader of the page finds it."""
    out = []
    for unit, reading in per_unit:
        heading = (section[unit.index][2] or ("",))[-1]
        out += [{"kind": kind, "line": unit.line, "section": heading, "text": text, "sentence": text,
                 "message": message}
                for kind, text, message in reading.findings]
        out += [{"kind": "jargon", "line": unit.line, "section": heading, "text": use.written,
                 "sentence": _sentence_of(use, reading.sentences), "message": use.message}
                for use in jargon_uses.get(unit.index, ())]
    return out


def _sentence_of(use: JargonUse, sentences: tuple[str, ...]) -> str:
    """The sentence a flagged term stands in: a reviewer of a long
    paragraph needs more than its line."""
    pattern = term_pattern(use.term)
    return next((s for s in sentences if any(hit.group(0) == use.written for hit in pattern.finditer(s))),
                next((s for s in sentences if pattern.search(s)), ""))


_FLAGGED: dict = {}  # the last document's flagged terms: (its units, the terms) -> by unit index


def document_jargon(document: Document, jargon: Mapping[str, str]) -> dict[int, tuple[JargonUse, ...]]:
    """The medical terms to flag in the English text, by unit index: the
    one decision (flagged_jargon) that the findings and the highlighted
    text both show. Made once per document and process: the English
    report, the source report each translation is compared with and the
    highlighted text all ask."""
    key = (tuple(document.units), tuple(sorted((t.lower(), p) for t, p in jargon.items() if p)))
    if key not in _FLAGGED:
        _FLAGGED.clear()
        _FLAGGED[key] = _document_jargon(document, jargon)
    return dict(_FLAGGED[key])


def _document_jargon(document: Document, jargon: Mapping[str, str]) -> dict[int, tuple[JargonUse, ...]]:
    units = scored_units(document)
    heading_line, keyed = 0, []
    for unit in units:
        heading = unit.kind == model.HEADING or unit.kind == model.FRONT_MATTER
        if heading:
            heading_line = unit.line
        keyed.append((heading_line, plain_text(unit.text), heading))
    return {unit.index: uses for unit, uses in zip(units, flagged_jargon(keyed, jargon)) if uses}


def scored_units(document: Document) -> list[model.Unit]:
    """The units a report reads, in document order: the body, and the
    front-matter title where no H1 says the same (read as the document's
    first heading; the page shows the title either way)."""
    h1s = {_folded(u.text) for u in document.units if u.kind == model.HEADING and u.level == 1}
    return [u for u in document.units
            if u.kind != model.FRONT_MATTER or (u.field == "title" and _folded(u.text) not in h1s)]


def _folded(markdown: str) -> str:
    return " ".join(readable_text(markdown).casefold().split())


SOURCE_MAIN = ("flesch_kincaid_grade", "flesch_reading_ease")  # after the source's primary formula


def compare(source: ReadabilityReport, translation: ReadabilityReport, translated_source_words: int | None = None) -> dict:
    """The English source beside a translation: its main scores (the
    translation is scored with its own language's formulas, on their own
    scales), its measures, and how many words the translation has per
    English word, counting on the English side only the units that are
    translated (`translated_source_words`; all of them when None)."""
    english = source.words if translated_source_words is None else translated_source_words
    return {"source_scores": source.scores, "source_measures": source.measures,
            "source_words": source.words, "source_sentences": source.sentences,
            "translated_source_words": english,
            "main": [{"name": name, "title": source.meanings[name].split(":")[0], "value": source.scores[name],
                      "meaning": source.meanings[name].split(": ", 1)[1]}
                     for name in dict.fromkeys([*([source.primary["formula"]] if source.primary else []),
                                                *SOURCE_MAIN]) if name in source.scores],
            "words_ratio": round(translation.words / english, 2) if english else None}


def translated_source_words(document: Document, translations: Mapping[str, str]) -> int:
    """Words of the English units that have a translation: what a partial
    translation's words are compared with."""
    return sum(unit_reading(u.text, "en").counts.words for u in scored_units(document) if translations.get(u.text))


_SOURCE_REPORTS: dict = {}


def source_report(document, jargon: tuple, settings: ReadabilitySettings) -> ReadabilityReport:
    """The English report, once per document and process: it is the
    English version's report, and every language is compared with it."""
    key = (document.path, document.slug, tuple(document.units), jargon, settings)
    if key not in _SOURCE_REPORTS:
        _SOURCE_REPORTS.clear()
        _SOURCE_REPORTS[key] = analyse(document, "en", {}, dict(jargon), settings)
    return _SOURCE_REPORTS[key]


def unit_changes(document, translations, language) -> list[dict]:
    """Units that got markedly longer in translation (by readable words;
    characters for Chinese and Japanese, where 1.8 per English word is usual)."""
    out = []
    for unit in document.body_units():
        translated = translations.get(unit.text)
        if not translated:
            continue
        source_words = unit_reading(unit.text, "en").counts.words
        target = unit_reading(translated, language).counts.words
        expected = 1.8 if counting_unit(language) == "characters" else 1.0
        if source_words >= 8 and target > 1.6 * expected * source_words:
            out.append({"line": unit.line, "source_words": source_words, "translation_size": target,
                        "text": translated[:160]})
    return out

