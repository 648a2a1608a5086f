"""Uncommon words, by how often they are used rather than by their length:
"fatigue" and "symptoms" are long and known to most readers, "CRS" and
"triage" short and not. Frequencies are wordfreq's (Speer et al.), whose
lists ship in its wheel, so nothing is downloaded; on the Zipf scale, 3
is once per million words, 6 once per thousand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..datacache import cached, file_key
from .languages import base, counting_unit
from .measures import WordCounts

LONG_WORD_LETTERS = 6  # more letters than this: a long word, where no frequency list exists


@lru_cache(maxsize=None)
def has_frequencies(language: str) -> bool:
    """A language whose words wordfreq counts (not Chinese or Japanese,
    which are counted in characters here)."""
    if counting_unit(language) != "words":
        return False
    return base(language) in _wordfreq_languages()


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    """The languages of wordfreq's lists, as its `available_languages` finds
    them (its data folder's `small_<lang>` and `large_<lang>` files), without
    importing wordfreq (a third of a second) in a build that only reads
    memoised results."""
    import importlib.util
    spec = importlib.util.find_spec("wordfreq")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return frozenset()
    names = [path.name.split(".")[0] for folder in folders for path in Path(folder, "data").glob("*.msgpack.gz")]
    return frozenset(name.split("_")[1] for name in names
                     if not name.startswith("_") and name.split("_")[0] in ("small", "large"))


class CommonWords:
    """A language's common words, kept as one sorted text (`WordCounts`):
    it loads in a fraction of a millisecond, where a set of a language's
    30,000 words took 9 ms to unpickle, for each language a build after one
    edit reports on. A process that asks of many words (a cold build) turns
    it into a set after the first thousand, so each asks in constant time."""

    SET_AFTER = 1000

    def __init__(self, table: WordCounts):
        self._table, self._set, self._asked = table, None, 0

    def __contains__(self, word: str) -> bool:
        if self._set is None:
            self._asked += 1
            if self._asked <= self.SET_AFTER:
                return word in self._table
            self._set = frozenset(self._table.words.split("\n")[:-1])  # splitlines would also split at U+2028
        return word in self._set


@lru_cache(maxsize=None)
def common_words(language: str, zipf: float) -> CommonWords:
    """The words of a language at or above a Zipf frequency: read once per
    language, threshold and process, from the data cache after the first."""
    return CommonWords(cached(f"wordfreq-{base(language)}", f"wordfreq v2 {_wordfreq_files(base(language))} {zipf}",
                              lambda: WordCounts.of(dict.fromkeys(_read_common_words(base(language), zipf), 1))))


def _wordfreq_files(language: str) -> list[str]:
    """What identifies wordfreq's lists of a language: its code's and the
    lists' paths, sizes and times (its version would take importing
    `importlib.metadata`, tens of milliseconds of a build)."""
    import importlib.util
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return []
    package = Path(spec.origin).parent
    return [file_key(path) for path in [Path(spec.origin), *sorted(package.glob(f"data/*_{language}.msgpack.gz"))]]


def _read_common_words(language: str, zipf: float) -> frozenset[str]:
    """The words wordfreq's `get_frequency_dict` would give at least the
    frequency, read from its frequency bands instead: that dictionary of
    every word (and wordfreq's cache of it, kept for the life of the
    process) took 300 MB for ten languages. A word listed twice counts at
    its last band, as in the dictionary."""
    from wordfreq import cB_to_freq, get_frequency_list
    least = 10 ** (zipf - 9)  # Zipf is log10 of frequency per billion words
    common: set[str] = set()
    for index, band in enumerate(get_frequency_list(language, "best")):
        if cB_to_freq(-index) >= least:
            common.update(band)
        else:
            common.difference_update(band)
    get_frequency_list.cache_clear()  # the bands of every language read so far: read once per language
    return frozenset(common)


_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
_DIACRITIC_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARABIC")


def lookup_form(word: str) -> str:
    """A word as wordfreq lists it: NFC, lower case, without Arabic short
    vowels, shadda or tatweel, and without the combining marks a reader may
    add to a Latin, Greek or Cyrillic letter (Russian stress: "лихора́дка").
    Marks that are letters' own (Bengali and Devanagari vowel signs) stay."""
    text = _TASHKEEL.sub("", unicodedata.normalize("NFC", word))
    out: list[str] = []
    for char in text:
        if unicodedata.category(char).startswith("M") and out:
            base_name = unicodedata.name(out[-1], "")
            if base_name.startswith(_DIACRITIC_SCRIPTS):
                continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out)).lower().replace("’", "'")


@lru_cache(maxsize=262144)
def is_uncommon(word: str, language: str, zipf: float) -> bool:
    """A word below the Zipf threshold; a hyphenated word when one of its
    parts is; without a frequency list, a word of more than 6 letters."""
    if not has_frequencies(language):
        return sum(1 for c in word if c.isalpha()) > LONG_WORD_LETTERS
    known = common_words(language, zipf)
    folded = lookup_form(word)
    if folded in known or folded.rstrip(".") in known:
        return False
    stem = re.sub(r"'s?$", "", folded)
    if stem != folded and stem in known:
        return False
    if base(language) == "ar" and any(form in known for form in arabic_without_proclitics(folded)):
        return False
    parts = [p for p in stem.split("-") if p]
    return len(parts) < 2 or any(is_uncommon(p, language, zipf) for p in parts)


def arabic_without_proclitics(word: str) -> list[str]:
    """An Arabic word without the one-letter words written joined to it:
    "and" و or "so" ف, then "with" ب, "to" ل or "like" ك ("والعلاجات" is
    "and the treatments", "بالطبيب" "with the doctor"; "للطبيب" is ل with
    الطبيب). wordfreq counts the joined forms apart, so they look rare."""
    out, rest = [], word
    if rest[:1] in ("و", "ف") and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest[:2] == "لل" and len(rest) > 3:
        out.append("ال" + rest[2:])
    if rest[:1] in ("ب", "ل", "ك") and len(rest) > 3:
        out.append(rest[1:])
    return out
