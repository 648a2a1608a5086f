"""Per-language word lists for the meaning checks, read from
`checks/data/<language>.toml`: data a translator can extend without
touching code (Weblate's model). The schema is described at the top of
`data/en.toml`.

Texts and phrases are compared in one normal form (NFKC, case-folded,
Arabic short vowels dropped) so that a list need not spell every variant.
Phrases compile, once per language, into one pattern per section whose
alternatives are tried longest first: "no more than" is found before
"more than", "非常" before "非"."""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..stored_patterns import stored_compile
from ..tokens import VULGAR_FRACTION, normalise_digits, visible
from .hits import Hit, Tag

if TYPE_CHECKING:
    from .numerals import Numerals

DATA = Path(__file__).parent / "data"
SOURCE_LANGUAGE = "en"

# Catalog languages written with a region whose script decides the data.
_SCRIPT_OF_REGION = {"zh_TW": "zh_Hant", "zh_HK": "zh_Hant", "zh_MO": "zh_Hant",
                     "zh_CN": "zh_Hans", "zh_SG": "zh_Hans",
                     # languages written with another's data: Filipino is standard Tagalog,
                     # Cantonese is written in Traditional Chinese
                     "fil": "tl", "yue": "zh_Hant", "yue_Hant": "zh_Hant", "yue_Hans": "zh_Hans"}
# Arabic short vowels, shadda, sukun, dagger alif and tatweel: written or not, the same word.
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "’": "'", "‘": "'", "ʼ": "'",
                                  "ʻ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-",
                                  # Persian yeh and keheh as Arabic yeh and kaf: keyboards write either
                                  "\u06cc": "\u064a", "\u06a9": "\u0643"})
# Scripts written without spaces between words: a phrase there matches anywhere.
_UNSPACED = stored_compile("lexicon-unspaced",
                           "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
NUMBER_PATTERN = r"\d+(?:[.,]\d+)?"
# Combining marks are part of a word: the vowel signs of Devanagari and the other Indic
# scripts (न of "दिनों", days, is no "न", not), Arabic short vowels, accents.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed" \
         "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7\u09e2\u09e3" \
         "\u0a01-\u0a03\u0a3c-\u0a51\u0a70\u0a71\u0a75\u0a81-\u0a83\u0abc-\u0acd\u0ae2\u0ae3" \
         "\u0b01-\u0b03\u0b3c-\u0b57\u0b82\u0bbe-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c-\u0c56\u0c81-\u0c83" \
         "\u0cbc-\u0cd6\u0d00-\u0d03\u0d3b-\u0d57\u0d81-\u0d83\u0dca-\u0ddf\u0e31\u0e34-\u0e3a\u0e47-\u0e4e" \
         "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NO_MARK_BEFORE = rf"(?<![{_MARKS}])"
_OR_MARK = rf"|[{_MARKS}]"
WORD_START = rf"(?<![^\W\d_]){_NO_MARK_BEFORE}"  # no letter or mark right before
_WORD_END = rf"(?![^\W\d_]{_OR_MARK})"
# A text without combining marks is scanned with its pattern's mark tests left out: they
# cannot fail there, and the class of marks, in each word-boundary test, is most of the
# cost of compiling a language's data.
_MARK = re.compile(f"[{_MARKS}]")


# A vulgar fraction with the one space a mixed number may put before it ("2 ½")
_SPACED_VULGAR = re.compile(f"[ \u00a0\u202f\u2009]?({VULGAR_FRACTION.pattern})")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """The form in which texts and phrases are compared."""
    if VULGAR_FRACTION.search(text):  # "1½" is 1 1/2, not NFKC's "11⁄2"; "2 ½" the same 2 1/2
        text = _SPACED_VULGAR.sub(lambda m: " " + unicodedata.normalize("NFKC", m.group(1)), text)
    text = visible(unicodedata.normalize("NFKC", text)).casefold()  # "دست‌کم" with its ZWNJ as typed or not
    text = normalise_digits(text).translate(_LETTER_VARIANTS)
    if "\u0610" <= max(text, default=" "):  # only texts with Arabic (or later) letters need the scan
        text = _TASHKEEL.sub("", text)
    return text


def language_chain(language: str) -> tuple[str, ...]:
    """Data files to try, most specific first: zh_TW → zh_Hant, zh;
    pt_BR → pt; sr@latin → sr."""
    code = language.replace("-", "_").split("@")[0]
    code = _SCRIPT_OF_REGION.get(code, code)
    base, _, rest = code.partition("_")
    code = _SCRIPT_OF_REGION.get(base, base) + (f"_{rest}" if rest and base not in _SCRIPT_OF_REGION else "")
    parts = code.split("_")
    return tuple(dict.fromkeys("_".join(parts[:i]) for i in range(len(parts), 0, -1)))


def _merge(base: dict, extra: dict) -> dict:
    """A language file over the one it extends: lists add up, tables merge."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list) and \
                all(isinstance(v, str) for v in value + merged[key]):
            merged[key] = list(dict.fromkeys(merged[key] + value))
        else:
            merged[key] = value
    return merged


def _parsed(text: bytes, name: str) -> dict:
    """A data file's tables: parsed once, then read from the data cache
    (a few milliseconds where TOML takes fifty), keyed by its bytes."""
    from ..datacache import cached
    return cached(f"data-{name}", hashlib.sha256(text).hexdigest(), lambda: tomllib.loads(text.decode("utf-8")))


@lru_cache(maxsize=None)
def _read(code: str) -> dict | None:
    path = DATA / f"{code}.toml"
    if not path.is_file():
        return None
    data = _parsed(path.read_bytes(), path.name)
    parent = data.get("language", {}).get("extends")
    if parent:
        base = _read(parent)
        if base is None:
            raise ValueError(f"{path.name}: extends {parent!r}, which has no data file")
        data = _merge(base, data)
    return data


@lru_cache(maxsize=256)
def language_data(language: str) -> dict:
    """The merged data of a catalog language (empty when none is shipped)."""
    for code in language_chain(language):
        data = _read(code)
        if data is not None:
            return data
    return {}


def language_setting(language: str, name: str):
    """A setting of a language's `[language]` table (`postpositions`,
    `negation_after_verb`, `joining_endings`): how the checks read its
    word order; None where the language does not set it."""
    return language_data(language).get("language", {}).get(name)


# Tables of a section read as sections of their own ("term.side"): their phrases hold words of the
# other tables' ("each eye", "un ojo"), and one scan would read either, never both.
APART = {"term": ("side",)}


def section_table(data: dict, section: str) -> dict:
    """A section of a language's data, or one of its tables ("term.side");
    a section without its tables read `APART`."""
    head, _, table = section.partition(".")
    found = data.get(head, {})
    if table:
        return found.get(table, {}) if isinstance(found, dict) else {}
    apart = APART.get(head, ())
    return {key: value for key, value in found.items() if key not in apart} if apart else found


@lru_cache(maxsize=4096)
def has_section(language: str, section: str) -> bool:
    """Memoised: the checks ask it of every unit, and a language's data does not change."""
    return bool(section_table(language_data(language), section))


@dataclass(frozen=True)
class Vocabulary:
    """One section of a language, compiled: `scan` finds its phrases."""
    pattern: re.Pattern | None
    tags: tuple[frozenset[Tag], ...]  # by group number - 1
    numerals: Numerals | None = None  # the unit section's positional numerals ("十四" is 14)
    # the pattern with its mark tests, compiled for the first text that has a combining mark
    with_marks: str | None = None
    # every phrase begins after a character that is no letter, which the pattern takes first
    after_non_letter: bool = False

    def scan(self, text: str) -> list[Hit]:
        """Phrases of a normalised text, left to right, longest first."""
        if self.pattern is None:
            return []
        pattern = self.pattern if self.with_marks is None or not _has_mark(text) else _compiled(self.with_marks)
        if self.after_non_letter:
            hits = _after_non_letters(pattern, self.tags, text)
        else:
            hits = [Hit(m.group(), m.start(), m.end(), self.tags[m.lastindex - 1]) for m in pattern.finditer(text)]
        return self.numerals.read(text, hits) if self.numerals is not None else hits


def _entries(section: dict, path: str = "") -> Iterator[tuple[str, Tag]]:
    """(phrase, tag) of a section: a list of strings is a list of phrases
    named by its key; in a table of other values, each key is a phrase."""
    for key, value in section.items():
        name = f"{path}.{key}" if path else key
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            for phrase in value:
                yield phrase, Tag(name)
        elif isinstance(value, dict):
            if value and all(isinstance(v, list) and all(isinstance(x, str) for x in v) or isinstance(v, dict)
                             for v in value.values()):
                yield from _entries(value, name)
            else:
                for phrase, meaning in value.items():
                    yield phrase, Tag(name, tuple(meaning) if isinstance(meaning, list) else meaning)


def _edge_guard(char: str, before: bool) -> str:
    """No letter right before or after a phrase that begins or ends with a
    letter or digit of a spaced script (a digit may touch it: "5pm", "8h");
    no guard beside Chinese or Japanese characters."""
    if not (char.isalnum() or re.match(f"[{_MARKS}]", char)) or _UNSPACED.match(char):
        return ""
    return WORD_START if before else _WORD_END


def phrase_tokens(phrase: str, proclitics: str = "", suffixes: bool = False) -> tuple[str, ...]:
    """A phrase of a data file as a sequence of pattern pieces, its word
    boundaries first and last: spaces match any spacing, `*` the rest of a
    word (or its beginning, first), `#` a number in digits, `_` any one word."""
    text = normalise(phrase.strip())
    lead, trail = text.startswith("*"), text.endswith("*") and len(text) > 1
    core = text.strip("*")
    body: list[str] = []
    for piece in re.split(r"(\s+|#|(?<!\w)_(?!\w))", core):
        if piece.isspace():
            body.append(r"\s*" if _UNSPACED.search(core) else r"\s+")
        elif piece == "#":
            body.append(f"(?:{NUMBER_PATTERN})")
        elif piece == "_":
            body.append(r"[^\s.,;:!?]+")
        else:
            for word in re.split(r"(\*)", piece):
                body += [r"\w*"] if word == "*" else [re.escape(c) for c in word]
    first, last = core[:1], core[-1:]
    guard = WORD_START if lead else _edge_guard(first, True)
    head = f"{guard}\\w*" if lead else (guard and f"{guard}{proclitics}")
    tail = r"\w*" if trail else (r"\w*" if suffixes and _edge_guard(last, False) else _edge_guard(last, False))
    if first == "#":  # in Chinese or Japanese a number follows a letter with no space: "を4時間ごとに"
        head = r"(?<![\d.,])" if _UNSPACED.search(core) else r"(?<![\w.,])"
    elif first.isdigit() and _UNSPACED.search(core):  # and a phrase written with its digit: "1回1錠を1日2回"
        head = r"(?<![\d.,])"
    if last == "#":
        tail = r"(?![\d])"
    return (head, *body, tail)


# Lists a section also reads from another, where they are written once: the verbs that turn
# round what they govern and are negative themselves ("forget", "stop", "avoid") count as
# negations too; a negated objection ("no problem", "لا مانع") is read whole, and is none.
LENT = {"negation": (("reverse", "inverting"), ("permission", "unobjected"))}


def section_entries(data: dict, section: str) -> list[tuple[str, Tag]]:
    """(phrase, tag) of a section of a language's data, with the lists it
    reads from other sections (`LENT`)."""
    entries = list(_entries(section_table(data, section)))
    for other, key in LENT.get(section, ()):
        entries += [(phrase, Tag(key)) for phrase in data.get(other, {}).get(key, [])]
    return entries


@lru_cache(maxsize=1024)
def vocabulary(language: str, section: str) -> Vocabulary:
    """A language's section compiled once, as one pattern: written once,
    then read from the data cache (named by locpipe's code and data). A
    text without combining marks is scanned with the pattern without its
    mark tests (half the cost of compiling); the whole pattern is compiled
    for the first text that has one."""
    from ..datacache import cached, code_fingerprint
    written, tags, after_non_letter = cached(f"vocabulary-{language}-{section}",
                                             f"{code_fingerprint()} {language} {section}",
                                             lambda: _vocabulary_pattern(language, section))
    if written is None:
        return Vocabulary(None, ())
    data = language_data(language)
    read = None
    if section == "unit" and data.get("numerals", {}).get("characters"):
        from .numerals import numerals
        read = numerals(data["numerals"]["characters"], data.get("unit", {}).get("numbers", {}))
    without_marks = written.replace(_NO_MARK_BEFORE, "").replace(_OR_MARK, "")
    with_marks = written if without_marks != written else None
    return Vocabulary(stored_compile(f"{language}-{section}", without_marks), tags, read, with_marks,
                      after_non_letter)


def _vocabulary_pattern(language: str, section: str) -> tuple[str | None, tuple[frozenset[Tag], ...], bool]:
    """A section's pattern, as text, the tags of its groups, and whether
    every phrase begins after a character that is no letter (which the
    pattern then takes first)."""
    data = language_data(language)
    entries = section_entries(data, section)
    if not entries:
        return None, (), False
    settings = data.get("language", {})
    proclitics = [normalise(p) for p in settings.get("proclitics", [])]
    proclitic = f"(?:{_literal_trie(proclitics)})?" if proclitics else ""
    suffixes = settings.get("attached_suffixes", False)
    tags: dict[tuple[str, ...], set[Tag]] = {}
    for phrase, tag in entries:
        tags.setdefault(phrase_tokens(phrase, proclitic, suffixes), set()).add(tag)
    leaves: list[tuple[str, ...]] = []
    pattern, tail = _trie(sorted(tags), 0, leaves)
    pattern += tail or ""
    after_non_letter = all(_after_non_letter(tokens) for tokens in tags)
    if after_non_letter:
        pattern = f"{_NON_LETTER}(?:{pattern})"
    return pattern, tuple(frozenset(tags[leaf]) for leaf in leaves), after_non_letter


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern:
    return stored_compile("with-marks", pattern)


@lru_cache(maxsize=8192)
def _has_mark(text: str) -> bool:
    return _MARK.search(text) is not None


# A section whose every phrase begins after a character that is no letter (a word or a
# number does) or at a text's start has a pattern that takes that character first: a
# search then tries the pattern only where such a character is (its first-character
# scan), not at every place of a text, as a pattern that begins with a lookbehind is.
_NON_LETTER = r"[\W\d_]"
_NUMBER_HEAD = r"(?<![\w.,])"
_ANY_WORD = r"[^\s.,;:!?]+"


def _after_non_letter(tokens: tuple[str, ...]) -> bool:
    """Whether a phrase (as `phrase_tokens` gives it) begins after no letter
    or at a text's start, with a piece that takes a character."""
    head, first = tokens[0], tokens[1] if len(tokens) > 2 else ""
    return (head.startswith(WORD_START) or head == _NUMBER_HEAD) and \
        (0 < len(first) <= 2 and re.escape(first[-1]) == first or first in (f"(?:{NUMBER_PATTERN})", _ANY_WORD))


def _after_non_letters(pattern: re.Pattern, tags: tuple[frozenset[Tag], ...], text: str) -> list[Hit]:
    """What finditer finds, for a pattern that takes the character before
    each phrase: the text is read after a space (so that a phrase may begin
    it), and each next phrase may begin where the last one ends."""
    spaced, hits, position = " " + text, [], 0
    while (match := pattern.search(spaced, position)) is not None:
        start, end = match.start(), match.end() - 1  # in the text
        hits.append(Hit(text[start:end], start, end, tags[match.lastindex - 1]))
        position = end
    return hits


def _trie(sequences: list[tuple[str, ...]], depth: int, leaves: list) -> tuple[str, str | None]:
    """Phrases that begin alike written once: a scan then tests a place of
    the text against a few first letters, not against every phrase. Longer
    phrases are tried first ("no more than" before "no"); an empty group
    marks where each phrase ends, and tells which one matched.

    A phrase's last piece is its word-end test. Neighbouring alternatives
    that end with the same test share one copy of it, `(?:a()|b())END`,
    which matches as `a()END|b()END` does: the tests carry the whole class
    of combining marks, and compiling it once per phrase was most of the
    cost of compiling a language's data. Returns the pattern and, when
    every phrase below ends with the same test, that test (left for the
    caller to share further)."""
    alternatives: list[tuple[str, str | None]] = []  # (pattern, the test it still lacks, if any)
    children: dict[str, list[tuple[str, ...]]] = {}
    ended: list[tuple[str, ...]] = []
    for sequence in sequences:
        if len(sequence) == depth + 1:  # only the word-end test is left
            ended.append(sequence)
        else:
            children.setdefault(sequence[depth], []).append(sequence)
    for token, group in sorted(children.items(), key=lambda item: -max(len(s) for s in item[1])):
        pattern, tail = _trie(group, depth + 1, leaves)
        alternatives.append((token + pattern, tail))
    for sequence in ended:
        leaves.append(sequence)
        alternatives.append(("()", sequence[depth]))
    runs: list[tuple[list[str], str | None]] = []
    for pattern, tail in alternatives:
        if runs and tail is not None and runs[-1][1] == tail:
            runs[-1][0].append(pattern)
        else:
            runs.append(([pattern], tail))
    if len(runs) == 1:
        patterns, tail = runs[0]
        return _alternation(patterns), tail
    return _alternation([_alternation(patterns) + (tail or "") for patterns, tail in runs]), None


def _alternation(patterns: list[str]) -> str:
    return patterns[0] if len(patterns) == 1 else f"(?:{'|'.join(patterns)})"


def _literal_trie(words: list[str]) -> str:
    """Alternatives sharing their beginnings written once ("و", "وال",
    "وب" as و(?:ال|ب)?)."""
    if not words:
        return ""
    heads: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        heads.setdefault(word[0], []).append(word[1:])
    parts = []
    for head, tails in heads.items():
        rest = [t for t in tails if t]
        if not rest:
            parts.append(re.escape(head))
        else:
            parts.append(f"{re.escape(head)}(?:{_literal_trie(rest)}){'?' if '' in tails else ''}")
    return "|".join(parts)
