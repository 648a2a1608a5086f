"""Medical terms a reader may not know, and where a report flags them.

One function, `flagged_jargon`, decides which uses of a term are flagged;
the findings and the highlighted text both take its answer, so the view
marks exactly what the findings list: a term once per section, where it
first appears unexplained, and no more once the document has explained
it. A term matches whole words only, with its inflections ("cytokines",
"antibodies", "metastases", "ambulated"), never the start of a longer
word ("colon" is not in "colonel", "regimen" not in "regiment"). Pure:
texts in, uses out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Mapping, Sequence

from ..stored_patterns import stored_compile
from ..tokens import PRONUNCIATION
from .text import split_sentences, spoken


@dataclass(frozen=True)
class JargonUse:
    term: str  # as the list has it
    written: str  # as the text writes it
    plain: str  # the plain words to say instead
    start: int  # in the text searched
    end: int
    explained: bool = False  # the unit explains or defines the term where it is first used
    explained_later: bool = False  # ... only after its first use: that use is flagged, later ones not

    @property
    def message(self) -> str:
        return f"medical term “{self.written}”: explain it or say “{self.plain}”"


_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def _endings(word: str) -> str:
    """A regular expression for a word and its inflections: plural -s/-es
    and possessive 's; -y → -ies/-ied; -is → -es; -us → -i; -um → -a;
    a verb's -ed and -ing (a final -e dropped)."""
    stem, forms = re.escape(word), ["s", "es", "'s", "’s", "ed", "ing"]
    if _CONSONANT_Y.search(word):
        return rf"(?:{stem}(?:'s|’s)?|{re.escape(word[:-1])}(?:ies|ied|ying))"
    if word.endswith("e"):
        return rf"(?:{stem}(?:s|d|'s|’s)?|{re.escape(word[:-1])}ing)"
    alternatives = [rf"{stem}(?:{'|'.join(forms)})?"]
    if word.endswith("is"):
        alternatives.append(re.escape(word[:-2]) + "es")
    elif word.endswith("us"):
        alternatives.append(re.escape(word[:-2]) + "i")
    elif word.endswith("um"):
        alternatives.append(re.escape(word[:-2]) + "a")
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern:
    """A term as whole words, any case, its last word inflected; words of
    a several-word term may be separated by any spaces. Compiled once and
    kept in the data cache: a case-insensitive pattern takes a millisecond
    to compile, and a report of an edited leaflet met some thirty terms."""
    return stored_compile(f"term-{_term_name(term)}", rf"(?i)(?<![\w]){_term_body(term)}(?![\w])")


def _term_name(term: str) -> str:
    """A term's part of the names its stored patterns have in the data cache."""
    return hashlib.sha256(term.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4096)
def _term_body(term: str) -> str:
    *head, last = term.split()
    return r"\s+".join([*map(re.escape, head), _endings(last)])


@lru_cache(maxsize=4096)
def _quick_key(term: str) -> str:
    """What a text must contain, folded, for the term to be in it: the
    part every inflection keeps (a cheap test before the regex)."""
    key = term.lower()
    return key[:-2] if len(key) > 3 else key


@lru_cache(maxsize=64)
def _longest_first(terms: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(terms, key=lambda tp: (-len(tp[0]), tp[0])))


def term_hits(text: str, terms: tuple[tuple[str, str], ...]) -> tuple[JargonUse, ...]:
    """Every use of a term in a text, longest term first where two overlap
    ("cytokine release syndrome" over "cytokine"), in the order of the text."""
    folded = text.lower()
    taken: list[JargonUse] = []
    for term, plain in _longest_first(terms):
        if _quick_key(term) not in folded:
            continue
        for hit in term_pattern(term).finditer(text):
            if not any(u.start < hit.end() and hit.start() < u.end for u in taken):
                taken.append(JargonUse(term, hit.group(0), plain, hit.start(), hit.end()))
    return tuple(sorted(taken, key=lambda u: u.start))


@lru_cache(maxsize=8192)
def unit_jargon(text: str, terms: tuple[tuple[str, str], ...]) -> tuple[JargonUse, ...]:
    """The first use of each term in a unit's plain text, and whether the
    unit explains it where the reader meets it: in parentheses right after
    that use, or by its plain words or a sentence that defines it
    ("Immunotherapy is a type of cancer treatment...") in the same sentence
    or one before. An explanation after the first use ("Your oncologist will
    check. ... An oncologist is a cancer doctor.") does not spare that use
    (`explained_later`), but spares every later one."""
    first: dict[str, JargonUse] = {}
    parenthesised: dict[str, bool] = {}  # term -> explained in parentheses after its first use
    for use in term_hits(text, terms):
        is_first = use.term not in first
        first.setdefault(use.term, use)
        if _explained_in_parentheses(text[use.end:]):
            parenthesised[use.term] = parenthesised.get(use.term, False) or is_first
    sentences = [s.lower() for s in split_sentences(spoken(text))]
    out = []
    for term, use in first.items():
        plain = use.plain.lower()
        met = next((i for i, sentence in enumerate(sentences) if term_pattern(term).search(sentence)), 0)
        said = [i for i, sentence in enumerate(sentences) if plain in sentence or _defines(sentence, term)]
        if parenthesised.get(term) or (said and said[0] <= met) or (not said and plain in text.lower()):
            use = JargonUse(use.term, use.written, use.plain, use.start, use.end, True)
        elif said or term in parenthesised:
            use = JargonUse(use.term, use.written, use.plain, use.start, use.end, False, True)
        out.append(use)
    return tuple(sorted(out, key=lambda u: u.start))


def flagged_jargon(units: Sequence[tuple[Hashable, str] | tuple[Hashable, str, bool]],
                   jargon: Mapping[str, str]) -> list[tuple[JargonUse, ...]]:
    """For each unit, given as (its section, its plain text[, whether it is
    the section's heading]) in document order, the uses to flag: a term's
    first use in a unit, unless the unit explains it where it is used, the
    document explained it before, or the section flagged it already. A
    heading's term is not flagged when its section goes on to explain it
    ("### Neurotoxicity syndrome" over "Neurotoxicity syndrome is a group
    of symptoms..."): the heading names what the section explains. A reader
    who was told what "cytokine" means needs no second warning."""
    terms = tuple(sorted((t.lower(), p) for t, p in jargon.items() if p))
    units = [(u[0], u[1], u[2] if len(u) > 2 else False) for u in units]
    section_explains: dict[Hashable, set[str]] = {}
    if terms:
        for section, text, _ in units:
            section_explains.setdefault(section, set()).update(
                use.term for use in unit_jargon(text, terms) if use.explained or use.explained_later)
    defined: set[str] = set()
    flagged: set[tuple[Hashable, str]] = set()
    out = []
    for section, text, heading in units:
        uses = []
        for use in unit_jargon(text, terms) if terms else ():
            if use.explained:
                defined.add(use.term)
            elif (use.term not in defined and (section, use.term) not in flagged
                  and not (heading and use.term in section_explains.get(section, ()))):
                flagged.add((section, use.term))
                uses.append(use)
            if use.explained_later:
                defined.add(use.term)
        out.append(tuple(uses))
    return out


def _defines(sentence: str, term: str) -> bool:
    """A sentence that says what a term is: "Cytokines are proteins that...",
    "Neurotoxicity syndrome is a group of symptoms...", "signaling molecules
    called cytokines"; not "... is rare", "... is released" nor "... is also
    called ...", which describe or name but do not define."""
    return _definition(term).search(sentence) is not None


@lru_cache(maxsize=4096)
def _definition(term: str) -> re.Pattern:
    """What `_defines` looks for: the term, at the sentence's start, said to
    be something, or a sentence's words that name it. Compiled once, as
    `term_pattern` is: one pattern per term, searched in every sentence of
    a unit that uses it."""
    name = _term_body(term)
    return stored_compile(f"defines-{_term_name(term)}", rf"(?i)^(?:the |an? )?{name}(?: \w+)? (?:(?:is|are|means) "
                          rf"(?:an?|the|one|when)\b|are (?!\w+(?:ous|ss)\b)\w+s\b)"
                          rf"|\w+ (?:called|known as) {name}(?!\w)")


def _explained_in_parentheses(after: str) -> bool:
    """A plain-language explanation in parentheses right after a term:
    "neurotoxicity (harm to the nervous system)". A pronunciation guide
    "(SY-toh-kine)" or an abbreviation "(CRS)" explains nothing."""
    match = re.match(r"\s*(\([^()]*\))", after)
    while match and (PRONUNCIATION.fullmatch(match.group(1)) or re.fullmatch(r"\([A-Z0-9-]+s?\)", match.group(1))):
        after = after[match.end():]
        match = re.match(r"\s*(\([^()]*\))", after)
    return bool(match and re.search(r"[^\W\d_]{2,}", match.group(1)))
