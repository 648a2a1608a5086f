"""English syllables of words the CMU dictionary lacks.

pyphen's hyphenation points are where a line may break, not where a
syllable ends, and undercount the Latin and Greek words of medicine
("neurotoxicity" 4 of 6). In order of trust: the CMU dictionary, the
pronunciation guide the writer gave in the same unit ("cytokine
(SY-toh-kine)": 3), the parts of a hyphenated compound, spelled-out
letters of an abbreviation, and a rule-based estimator: vowel groups,
corrected for silent e, inflections and suffixes, and vowels that meet
without merging (hiatus: "me-di-a", "bi-ol-o-gy"). Its accuracy on the CMU
dictionary is measured by tests/benchmarks/syllables.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..tokens import PRONUNCIATION
from .languages import language_data

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_HAS_VOWEL = re.compile(r"[aeiouy]")

# Inflections and suffixes, stripped one at a time from the end: (suffix,
# its syllables, what the stem must match). The stem is counted with the
# same rules, so "carefully" is care + ful + ly and "likely" keeps the
# silent e of "like".
_SUFFIXES = (
    ("ings", 1, r".*[aeiouy].*"),
    ("ing", 1, r".*[aeiouy].*"),
    ("fully", 2, r".*[aeiouy].*"),
    ("ful", 1, r".*[aeiouy].*"),
    ("ness", 1, r".*[aeiouy].*"),
    ("less", 1, r".*[aeiouy].*"),
    ("ments", 1, r".*[aeiouy].*(?<!l)"),
    ("ment", 1, r".*[aeiouy].*(?<!l)"),
    ("ly", 1, r".*[aeiouy].*(?<![aeiou]l)"),
    ("ed", 1, r".*[aeiouy].*[td]"),  # want-ed, need-ed
    ("ed", 0, r".*[aeiouy].*[^aeiouyedt]"),  # called, hoped (hop(e)d), handled
    ("es", 1, r".*[aeiouy].*(?:[cgsxz]|ch|sh)"),  # box-es, chang-es, plac-es
    ("er", 1, r".*[aeiouy].*[^e]"),  # lat-er, eas-i-er; not beer, career
    ("est", 1, r".*[aeiouy].*[^e]"),
    ("s", 0, r".*[aeiouy].*[^siu'’]"),  # cells, tables; not bus, this, ous
)
_SUFFIX_RULES = tuple((suffix, n, re.compile(stem)) for suffix, n, stem in _SUFFIXES)

# Second words of closed compounds whose first word ends in a silent e
# ("homemade", "something", "lifetime"): data/en.toml, [syllables].
_COMPOUND = re.compile(r"(.*[aeiouy][^aeiouy]{1,3}e)(%s)$" % "|".join(
    map(re.escape, language_data("en")["syllables"]["compound_second_words"])))

# Vowels that meet without merging add a syllable, one for each place they
# meet: me-di-a, bi-ol-o-gy, ra-di-a-tion, di-et, vid-e-o, du-al, cru-el.
_HIATUS = re.compile("|".join((
    r"(?:^[^aeiouy]*|(?<!ll)[^cgstxaeiouy])i[aou](?!u)",  # me-di-a, bi-o (not -tion, -cial, -ious, million)
    r"(?:^[^aeiouy]*|[^cgstxaeiouy])iou",  # var-i-ous, glo-ri-ous (not gracious)
    r"[^cgtaeiouy]iet",  # di-et, qui-et, var-i-e-ty
    r"[^cstaeiouy]ien",  # cli-ent, sci-ence (not patient, efficient)
    r"[^aeiouypg]eo|geo(?!r)",  # vid-e-o, ne-on, ge-ol-o-gy (not people, George)
    r"[^gqaeiouy]ua",  # du-al, u-su-al (not quality, language)
    r"[^gqaeiouy]ue(?=[^aeiousdy])",  # cru-el, flu-ent (not blue, issues, continued)
    r"[^gqaeiouy]ui(?=[dn])",  # flu-id, ru-in
    r"uity",  # con-tin-u-i-ty
    r"[^gqaeiouy]uo(?!r)",  # du-o (not fluorescent)
    r"oe(?=[^aeiousy])",  # po-em, po-et (not toe, does)
    r"ii",  # ra-di-i
    r"(?!iou|eau|oui|uie|uee|eei)[aeiou]{3}",  # three vowels: two syllables at least
    r"ea$",  # i-de-a, a-re-a
    r"^coo[pr]",  # co-op, co-or-di-nate
    r"^(?:re|de|pre)(?=a(?:ct|ff|ss|pp|dj|dm|ttach|lign|waken)|i(?:n[^g]|mb|ss|nf)|o(?:c|pe|rd|x|bt)|u[ns])",
    r"^mc",  # Mc-Don-ald
    r"^(?:auto|anti|semi|multi|micro|neuro|immuno)(?=[aeiou])",  # au-to-im-mune
    r"[^aeiouy]ier$",  # eas-i-er, ear-li-er
    r"(?<=[^aeiouy])ism$",  # au-tis-m
    r"[cgstx]ium",  # cal-ci-um, po-tas-si-um
    r"[^aeiouy][iy]re$",  # fi-re, de-si-re as the CMU dictionary says them
    r"[cst]iate?$",  # ap-pre-ci-ate, ne-go-ti-at(ed)
    r"eate$|eation",  # cre-ate, i-de-a-tion
    r"^coi(?=nc|ns)",  # co-in-cide
    r"[^aeiouywn]y[aeiou]",  # em-bry-o, hob-by-ist
)))
# Endings read as one syllable fewer than their vowel groups: -ically is
# "ic-ly" (bas-ic-ly).
_MERGED = re.compile(r"ically$|[^aeiouy][aeiouy]+[^aeiouy]+[gq]ue$")  # ba-sic-ly; league, technique


def _silent_e(stem: str) -> bool:
    """A final e that is not read: make, whale, care; not be, table, acre, see,
    nor the e of a final -ie, -ue, -oe (brownie, tissue), already counted."""
    if not re.search(r"[^aeiouy]e$", stem) or len(_VOWEL_GROUP.findall(stem)) < 2:
        return False
    return not re.search(r"[^aeiouylrw]le$|[bcdfgkptv]re$", stem)


# Inflections end a word: "teas" in "teasing" is not a plural.
_INFLECTIONS = frozenset(("ings", "ing", "ed", "es", "er", "est", "s"))
# Letters an abbreviation without vowels is read as: "cc" is see-see.
_LETTER_SYLLABLES = {"w": 3}


@lru_cache(maxsize=65536)
def estimate(word: str) -> int:
    """Syllables of an English word by rule: at least 1."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1
    if not _HAS_VOWEL.search(w) and 1 < len(w) <= 4 and w not in ("hmm", "shh", "psst", "tsk", "nth", "pst"):
        return sum(_LETTER_SYLLABLES.get(c, 1) for c in w)
    # y between vowels or at the start is a consonant: yes, be-yond, play-er
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou])", "Y", w)
    w = re.sub(r"^y", "Y", w)
    return max(1, _count(w, ""))


def _count(w: str, stripped: str) -> int:
    """Syllables of w, the stem left when `stripped` was taken off its end."""
    compound = _COMPOUND.fullmatch(w)
    if compound:
        return _count(compound.group(1), "") + _count(compound.group(2), stripped)
    for suffix, n, stem_rule in _SUFFIX_RULES:
        if w.endswith(suffix) and len(w) > len(suffix) + 1 and not (stripped and suffix in _INFLECTIONS):
            stem = w[:-len(suffix)]
            if stem_rule.fullmatch(stem):
                return max(1, _count(stem, suffix)) + n
    count = len(_VOWEL_GROUP.findall(w))
    if not count:
        return 1
    count += len(_HIATUS.findall(w)) - bool(_MERGED.search(w))
    if _silent_e(w):
        count -= 1
    # a stem that lost its e before -ed, -ing: "handl(e)" has a syllabic l
    if stripped in ("ed", "ing", "ings") and re.search(r"[^aeiouylrw]l$", w):
        count += 1
    return max(1, count)


@lru_cache(maxsize=None)
def _read_as() -> dict[str, str]:
    return dict(language_data("en")["syllables"]["read_as"])


def read_as_word(word: str) -> str | None:
    """The word an abbreviation is read as ("Dr" is "doctor", "Prof"
    "professor"), from data/en.toml: as listed, or capitalised."""
    table = _read_as()
    return table.get(word) or (table.get(word[0].lower() + word[1:]) if word[:1].isupper() else None)


# A final é is read (ca-fé, ré-su-mé), unlike a silent e; a diaeresis
# parts two vowels (na-ïve, No-ël, co-ör-di-nate).
_READ_FINAL_E = re.compile(r"e\u0301(e?s?)$")
_DIAERESIS = re.compile(r"(?<=[aeiouy])(?=[aeiouy]\u0308)")


@lru_cache(maxsize=65536)
def accented_reading(word: str) -> str:
    """A word with accents as English letters that count its syllables,
    parts split by "|": "résumé" is "resumay" (3), "naïve" "na|ive" (2),
    "café" "cafay" (2); accents that change no syllable are dropped
    ("façade", "crème" as "facade", "creme")."""
    decomposed = unicodedata.normalize("NFD", word)
    decomposed = _READ_FINAL_E.sub(lambda m: "ay" + m.group(1).replace("e", ""), decomposed)
    decomposed = _DIAERESIS.sub("|", decomposed)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spelled_syllables(abbreviation: str) -> int | None:
    """Syllables of an abbreviation read letter by letter ("CRS", "U.S.",
    "AHTT"), or None for one read as a word ("ICANS", "NASA"): those of
    three letters or fewer, without a vowel, with a doubled letter or three
    consonants in a row are spelled out."""
    letters = re.sub(r"[^A-Za-z]", "", abbreviation)
    if "." in abbreviation and re.fullmatch(r"(?:[A-Za-z]\.)+", abbreviation):
        return sum(_LETTER_SYLLABLES.get(c, 1) for c in letters.lower())
    if len(letters) < 2 or not letters.isupper():
        return None
    lower = letters.lower()
    if len(lower) <= 3 or not _HAS_VOWEL.search(lower) or re.search(r"(.)\1|[^aeiouy]{3}", lower):
        return sum(_LETTER_SYLLABLES.get(c, 1) for c in lower)
    return None


_DIGIT_SYLLABLES = {"0": 2, "7": 2}  # zero, seven; the other digits are one syllable


def lettered_syllables(word: str) -> int | None:
    """Syllables of a word that can only be read letter by letter, whatever
    a dictionary says of its lowercase form ("CT" is see-tee, not "ct"):
    capitals without a vowel ("CT", "MS"), and short mixed-case
    abbreviations with a capital after the first letter and no run of three
    small letters ("mRNA", "IgG", "eGFR", "HbA1c"); digits read as numbers."""
    if not word.isascii() or not word.isalnum() or len(word) < 2:
        return None
    letters = re.sub(r"[^A-Za-z]", "", word)
    if word.isupper() and letters == word and not _HAS_VOWEL.search(word.lower()):
        pass
    elif not (len(word) <= 5 and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
              and not re.search(r"[a-z]{3}", word)):
        return None
    return sum(_DIGIT_SYLLABLES.get(c, 1) if c.isdigit() else _LETTER_SYLLABLES.get(c.lower(), 1) for c in word)


def guide_syllables(text: str) -> tuple[tuple[str, int], ...]:
    """(word, syllables) of each English pronunciation guide in a unit's text:
    "cytokine (SY-toh-kine)" gives ("cytokine", 3), one per hyphenated part."""
    out = []
    for match in PRONUNCIATION.finditer(text):
        before = re.search(r"([^\W\d_][\w'’-]*)\W*$", text[:match.start()])
        if before:
            out.append((before.group(1).lower(), match.group(1).count("-") + 1))
    return tuple(out)
