"""The text a patient reads, unit by unit, split into sentences.

Markup, URLs, phone numbers, English pronunciation guides, numbers and unit
symbols are not words a patient reads aloud, so they are removed. Each unit is its own sentence or
sentences: a heading or a list item without end punctuation must not run
into the next one. Sentence ends know each language's abbreviations ("5
p.m. Symptoms" is two sentences, "5 p.m. Monday" one), decimals such as
100.4, ellipses, and the full stops of CJK, Arabic and Bengali; a two-word
sentence ("Call 911.") counts, unlike in textstat's counter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datacache import LARGE_RESULTS
from ..charclasses import category_class
from ..tokens import BARE_URL, EMAIL, PHONE, PRONUNCIATION, inline_tokens
from ..stored_patterns import stored_compile
from .languages import base, language_data

# Initials such as "J.R." that a language does not list do not end a
# sentence, in any language written in Latin letters; listed ones ("U.S.")
# and other abbreviations are the language's own (see sentence_rules).
_INITIALS = r"(?<![^\W\d_])(?:[A-Z]\.){2,}"
# Spaced initials before a name ("T. J. Smith") and one initial after a
# title ("Mr. T. Smith"): the title group takes the initials after it.
_SPACED_INITIALS = r"(?<![^\W\d_])[A-Z]\.(?:\s+[A-Z]\.)+(?=\s+[A-Z][^\W\d_])"
_TITLE_INITIALS = r"(?:\s+[A-Z]\.(?=\s+[A-Z]))*"
# A sentence ends at its end punctuation (an ellipsis too) and the closing
# quotes and brackets after it ("He said “Stop.” Then..."): group 1 is the
# sentence's end; a full stop or ellipsis before a lowercase word is not
# one (see _goes_on).
_SENTENCE_END = re.compile(r"((?:\.{3}|[.!?…。！？؟।])[\"'”’»)\]」』]*)\s+|([。！？][\"'”’»)\]」』]*)")
_PLACEHOLDER = "\u0000"


@lru_cache(maxsize=8192)
def readable_text(markdown: str) -> str:
    """Inline Markdown as the words a patient reads: link text kept, link
    targets, addresses, phone numbers and pronunciation guides dropped."""
    return spoken(plain_text(markdown))


@lru_cache(maxsize=8192)
def spoken(text: str) -> str:
    """Plain text without what a patient does not read as words: addresses,
    phone numbers and pronunciation guides."""
    for pattern in (PRONUNCIATION, BARE_URL, EMAIL, PHONE):
        text = pattern.sub(" ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    return " ".join(text.split())


# What markdown-it's CommonMark inline rules act on (HTML off): escapes,
# code, emphasis, links and images, autolinks, entities and line breaks.
# A text without any of them is one text token, as written.
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<&\n\r\x00]")


@lru_cache(maxsize=8192)
def plain_text(markdown: str) -> str:
    """Inline Markdown as the page shows it, without markup: link text,
    addresses and phone numbers kept. Most units have no markup, and are
    not parsed."""
    if not _INLINE_MARKUP.search(markdown):
        return " ".join(markdown.split())
    parts = []
    for child in inline_tokens(markdown):
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


@dataclass(frozen=True)
class SentenceRules:
    """A language's full stops that do not end a sentence (data/<lang>.toml)."""

    abbreviation: re.Pattern  # groups: title, number, inside, ending, initials
    names: re.Pattern | None  # a name (or a listed phrase) that goes on after an abbreviation
    starters: frozenset[str] | None  # the only words that start a sentence after an abbreviation
    streets: frozenset[str] = frozenset()  # titles that are a street after a house number ("10 Downing St.")


def _alternatives(entries: list[str]) -> str:
    """A regex alternation of abbreviations as written, or capitalised at a
    sentence's start ("E.g."), spaces inside optional ("p. ej.", "p.ej.")."""
    variants = {v for e in entries for v in (e, e[:1].upper() + e[1:])}
    return "|".join(r"\s*".join(re.escape(part) for part in v.split(" "))
                    for v in sorted(variants, key=lambda v: (-len(v), v))) or "(?!)"


@lru_cache(maxsize=None)
def sentence_rules(language: str) -> SentenceRules:
    data = language_data(language).get("sentences", {})
    pattern = (rf"(?<![^\W\d_])(?:(?P<title>(?:{_alternatives(data.get('titles', []))}){_TITLE_INITIALS})"
               rf"|(?P<number>{_alternatives(data.get('before_numbers', []))})(?=\s*\d)"
               rf"|(?P<inside>{_alternatives(data.get('inside', []))})"
               rf"|(?P<ending>{_alternatives(data.get('abbreviations', []))})"
               rf"|(?P<initials>{_INITIALS}|{_SPACED_INITIALS}))(?![^\W\d_])")
    names = data.get("names", [])
    names_pattern = stored_compile(f"names-{language}", "|".join(
        r"\s+".join(re.escape(part) for part in name.split()) + r"(?![\w'’-])"
        for name in sorted(names, key=lambda n: (-len(n), n)))) if names else None
    starters = data.get("sentence_starters")
    return SentenceRules(stored_compile(f"sentences-{language}", pattern), names_pattern,
                         frozenset(starters) if starters is not None else None, frozenset(data.get("streets", [])))


# A house number and a street's name before an abbreviation: "10 Downing ".
_ADDRESS_BEFORE = re.compile(r"\d[\w-]*\s+(?:[A-Z][\w'’-]*\s+){1,3}$")


# The first word after a full stop, past closing quotes and brackets, the
# space, and opening quotes and brackets: group 1.
_NEXT_WORD = re.compile(r"[\"'”’»)\]」』]*\s+[\"'“‘«¿¡(\[]*([^\W\d_][\w'’-]*)")


def _ends_sentence(abbreviation: re.Match, text: str, rules: SentenceRules) -> bool:
    """Whether an abbreviation's full stop also ends its sentence. A title
    ("Dr. Lee"), an abbreviation before a number ("No. 5"), one that
    introduces what follows ("e.g. Tylenol") and initials the language does
    not list ("J.R. Smith") never do. A listed abbreviation that commonly
    ends sentences ("5 p.m.", "etc.", "the U.S.") ends one before a
    capitalised word (or one of a script without case), unless a listed name follows it ("5 p.m. Monday",
    "U.S. Food and Drug Administration"). Whether that word is a common
    word says nothing: "Symptoms" and "Outside" both start sentences."""
    street = (abbreviation.lastgroup == "title" and abbreviation.group(0) in rules.streets
              and _ADDRESS_BEFORE.search(text, 0, abbreviation.start()))
    if abbreviation.lastgroup != "ending" and not street:
        return False
    following = _NEXT_WORD.match(text, abbreviation.end())
    if not following or following.group(1)[0].islower():
        return False  # a word of a script without case (Arabic) may start a sentence too
    if rules.names is not None and (rules.names.match(text, following.start(1))
                                    or rules.names.match(text, abbreviation.start())):
        return False
    return rules.starters is None or following.group(1) in rules.starters


def _goes_on(text: str, end: int) -> bool:
    """A full stop or an ellipsis before a lowercase word does not end a
    sentence: "Take 1 tab. twice a day", "Wait... then call". Scripts
    without case are not affected."""
    following = re.match(r"[\"'“‘«(\[]*(\w)", text[end:end + 8])
    return bool(following and following.group(1).islower())


@lru_cache(maxsize=8192)
def unit_sentences(markdown: str, language: str = "en") -> tuple[str, ...]:
    return split_sentences(readable_text(markdown), language)


@lru_cache(maxsize=LARGE_RESULTS)
def split_sentences(text: str, language: str = "en") -> tuple[str, ...]:
    """The sentences of a plain text, by the language's sentence rules."""
    if not text:
        return ()
    rules = sentence_rules(base(language))

    def protect(match: re.Match) -> str:
        found = match.group(0)
        if _ends_sentence(match, text, rules):
            return found[:-1].replace(".", _PLACEHOLDER) + "."
        return found.replace(".", _PLACEHOLDER)

    protected = rules.abbreviation.sub(protect, text)
    protected = re.sub(r"(?<=\d)\.(?=\d)", _PLACEHOLDER, protected)
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(protected):
        if end.group(0)[0] in ".…" and end.lastindex == 1 and _goes_on(protected, end.end()):
            continue
        pieces.append(protected[start:end.end(end.lastindex)])
        start = end.end()
    pieces.append(protected[start:])
    # a piece without words (a stray "!" or "—") stays with the sentence
    # before it, or the one after it at the start: nothing of the text is lost
    sentences: list[str] = []
    pending = ""
    for piece in (p.replace(_PLACEHOLDER, ".").strip() for p in pieces):
        if not piece:
            continue
        if re.search(r"\w", piece):
            sentences.append(f"{pending} {piece}".strip())
            pending = ""
        elif sentences:
            sentences[-1] += " " + piece
        else:
            pending = f"{pending} {piece}".strip()
    return tuple(sentences)


# Combining marks (Mn, Mc, Me) are part of a word: Bengali vowel signs and
# virama, Arabic short vowels and shadda, decomposed accents (NFD "médico").
MARKS = category_class("M")
_UNIT = r"°\s*[CFK]\b|%|(?:mg|mcg|µg|μg|kg|g|mL|ml|L|cm|mm|km|lbs?|oz|IU|mmHg|mmol)\b"
# "a.m.", "p.m.", "e.g.", "U.S." are one word each.
_WORD = stored_compile("readability-word", rf"(?:[^\W\d_]{{1,3}}\.){{2,}}|[^\W\d_](?:[\w{MARKS}'’-]*[\w{MARKS}])?"
                       rf"|\d+(?:[.,]\d+)*[^\W\d_]*(?:\s*(?:{_UNIT}))?|°\s*[CFK]\b")


@lru_cache(maxsize=None)
def _spaced_abbreviations(language: str) -> re.Pattern:
    """A language's listed abbreviations of several shortened parts ("p. ej.",
    "т. е.", "z. B.", "a. m.") and spaced initials before a name ("T. J.
    Smith"): each is one word, as "e.g." and "J.R." are. A part that is a
    word of its own ("и др.", "et al.") keeps them two."""
    data = language_data(language).get("sentences", {})
    spaced = [entry for kind in ("titles", "inside", "abbreviations", "before_numbers") for entry in data.get(kind, [])
              if " " in entry and all(part.endswith(".") for part in entry.split(" "))]
    return re.compile(rf"(?<![^\W\d_])(?:{_alternatives(spaced)}|{_SPACED_INITIALS})(?![^\W\d_])")


def words(sentence: str, language: str = "en") -> list[str]:
    """The words of a sentence. Numbers ("2", "100.4", "2nd") and unit
    symbols ("°F", "mg", "%") are not words: the formulas were normed on
    words, and how many syllables "100.4 °F" has depends on who reads it."""
    if ". " in sentence:
        sentence = _spaced_abbreviations(base(language)).sub(lambda m: re.sub(r"\s+", "", m.group(0)), sentence)
    return [w for w in _WORD.findall(sentence) if not (w[0].isdigit() or w[0] == "°")]


# Han ideographs (with the iteration mark 々 and the extensions beyond the
# Basic Multilingual Plane), hiragana, katakana (with ー) and half-width katakana.
_CJK_LETTER = re.compile("[\u3005\u3006\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                         "\uff66-\uff9f\U00020000-\U0003134f]")


def characters(sentence: str) -> list[str]:
    """The characters of a Chinese or Japanese sentence, in the order
    written: each Han ideograph and kana letter counts one; punctuation
    (。、「」・) none. A word of another script counts one, as a reader
    takes it in ("CAR-T", "CRS"), and, as in every other language, numbers
    and unit symbols count none ("38.5 °C", "100°F"): how many characters
    they are depends on how they are read (三十八点五度)."""
    return words(_CJK_LETTER.sub(lambda m: f" {m.group(0)} " if m.group(0).isalpha() else " ", sentence))
