"""How the meaning checks read a text: its prose without placeholders and link
targets, its sentences, source and translation paired sentence by sentence
or clause by clause, and each language's words found in it."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from ..stored_patterns import stored_compile
from ..tokens import BARE_URL, EMAIL, PHONE, PRONUNCIATION, normalise_digits, strip_link_targets
from .base import TranslationContext
from .lexicon import Hit, SOURCE_LANGUAGE, has_section, normalise, vocabulary
from .invisible import read


_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}")


# A sentence ends at . ! ? followed by a space and a capital (so "a.m. to"
# and "100.4" do not end one), or at the full stops of CJK and Arabic.
# A sentence begins with a letter that is no lower-case one; or with a digit after a full stop that
# ends a word of a script that abbreviates nothing with a point ("입니다. 12세 미만 ...").
_SENTENCE_END = stored_compile("reading-sentence-end",
                               r"(?<=[.!?])[\"'”»)]*\s+(?=[\"'“«¿¡(]*[^\W\d_a-zß-ÿа-я])|(?<=[。！？؟])\s*"
                               r"|(?<=[\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af][.!?])\s+(?=\d)")


@lru_cache(maxsize=8192)
def prose(text: str) -> str:
    """The words a reader reads, as safety.read() reads them (character
    references decoded: "&#78;o tome" is "No tome"; invisible characters
    removed: "N<U+200B>o" is "No"): no link targets, addresses, phone numbers,
    pronunciation guides or placeholders (an address may hold "after")."""
    text = BARE_URL.sub(" ", strip_link_targets(read(text)))
    text = PHONE.sub(" ", EMAIL.sub(" ", text))
    if "*" in text or "_" in text:  # emphasis is no word: "**No tome** más de 8" reads "No tome más de 8"
        text = _EMPHASIS.sub("", text)
    return _PLACEHOLDER.sub(" ", PRONUNCIATION.sub(" ", text))


# Markdown emphasis delimiters at the edge of a word ("**No** tome", "_not_"), not a "*" or "_" inside one
_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def clauses(text: str) -> list[str]:
    """The sentences of a text's prose, split at semicolons too."""
    return [c for s in sentences(prose(text)) for c in re.split(r"[;；؛]", s) if c.strip()]


@lru_cache(maxsize=8192)
def aligned(source: str, target: str) -> tuple[tuple[str, str, str], ...]:
    """(where, source part, target part): sentence by sentence when both
    texts have as many (or as many clauses, split at semicolons too), in
    the order their numbers say (a translation may put the sentences in
    another order: "Take 2 tablets. Do not drive for 4 hours." as "No
    maneje durante 4 horas. Tome 2 tabletas."), otherwise the whole unit;
    normalised."""
    source, target = prose(source), prose(target)
    src, tgt = sentences(source), sentences(target)
    if len(src) != len(tgt):
        # sentences merged or split at a semicolon ("Take it with food. Do not take it
        # at night." as "No lo tome con comida; tómelo de noche."): clause by clause
        # when that gives both texts as many parts
        src, tgt = _clauses(src), _clauses(tgt)
    whole = (("", normalise(source), normalise(target)),)
    if len(src) < 2 or len(src) != len(tgt):
        return whole
    order = _anchored_order(tuple(src), tuple(tgt))
    return tuple((f"sentence {i}: ", normalise(src[i - 1]), normalise(tgt[j]))
                 for i, j in enumerate(order, 1))


def _anchors(text: str) -> Counter:
    """The numbers of a part (digits by value, phone numbers, 911): what a
    translation keeps in the sentence that says it, whatever its words."""
    return Counter(m.group().replace(",", ".") for m in _DIGITS.finditer(normalise_digits(text)))


def _anchored_order(src: tuple[str, ...], tgt: tuple[str, ...]) -> tuple[int, ...]:
    """The target part for each source part: in order, unless another order
    pairs more of the parts' numbers ("8 p.m." may well be "20:00", so
    numbers need not all match)."""
    theirs, ours = [_anchors(s) for s in src], [_anchors(t) for t in tgt]
    identity = tuple(range(len(src)))
    if theirs == ours:
        return identity

    def shared(i: int, j: int) -> int:
        return sum((theirs[i] & ours[j]).values())

    order: list[int] = []
    free = list(identity)
    for i in identity:  # the part sharing most numbers, the first of them on a tie
        best = max(free, key=lambda j: (shared(i, j), j == i, -j))
        order.append(best)
        free.remove(best)
    if sum(shared(i, j) for i, j in enumerate(order)) > sum(shared(i, i) for i in identity):
        return tuple(order)
    return identity


_CLAUSE_END = re.compile(r"(?<=[;；؛])\s*")


def _clauses(parts: list[str]) -> list[str]:
    """Sentences split at their semicolons too."""
    return [c for part in parts for c in _CLAUSE_END.split(part) if c.strip()]


def candidates(section: str, source: str, target: str, language: str) -> tuple[tuple[str, str, str], ...]:
    """The aligned parts of a unit, or none when neither text has a word of
    the section: most units of a leaflet need no sentence splitting."""
    if not _scan(SOURCE_LANGUAGE, section, normalise(prose(source))) and \
            not _scan(language, section, normalise(prose(target))):
        return ()
    return aligned(source, target)


def _without(text: str, hits: Iterable[Hit]) -> str:
    """The text with the hits' spans blanked (kept the same length)."""
    for hit in hits:
        text = text[:hit.start] + " " * (hit.end - hit.start) + text[hit.end:]
    return text


def _quote(hits: Iterable[Hit]) -> str:
    return ", ".join(f'"{h.text}"' for h in hits)


def _copied(source: str, target: str) -> bool:
    """A translation that is its source unchanged says what the source says;
    `untranslated-copy` is the error for it, and the target language's words
    cannot be looked for in English."""
    return source.strip() == target.strip()


def _ready(context: TranslationContext, section: str) -> bool:
    return has_section(SOURCE_LANGUAGE, section) and has_section(context.language, section)


@lru_cache(maxsize=8192)
def _scan(language: str, section: str, text: str) -> tuple[Hit, ...]:
    return tuple(vocabulary(language, section).scan(text))


DIRECTIONS = {"UP": "higher/more", "DOWN": "lower/less", "BEFORE": "before", "AFTER": "after"}


@lru_cache(maxsize=16384)
def _directions(hit: Hit) -> tuple[frozenset[str], bool]:
    """The directions a phrase gives, and whether it must be matched (a
    `loose` phrase, such as "once" or "until", only may be)."""
    kinds = hit.kinds()
    firm = frozenset(k for k in kinds if k in DIRECTIONS)
    loose = frozenset(k.split(".", 1)[1] for k in kinds if k.startswith("loose."))
    return firm | loose, bool(firm)


@lru_cache(maxsize=16384)
def _negated(hit: Hit) -> bool:
    """A source phrase that holds a negation ("no more than", "do not take
    more than"): the negation check does not count it, this check does."""
    return any("words" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "negation", hit.text))


_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])|(?<=[^\W\d_])\d+(?:[.,]\d+)?(?![\d])")


# a negation and the word it negates: at most three words apart, within one clause
_NEGATED_SPAN = re.compile(r"[^\W\d_]*(?:[\s'’-]+[^\W\d_]+){0,3}[\s'’-]*|[^\s.,;:!?。，；：！？،؛]{0,6}")


def _near(text: str, first: Hit, second: Hit) -> bool:
    """Two hits of one clause, at most three words apart ("no es peligroso",
    "n'est pas dangereux", "不危险", "危険ではありません")."""
    start, end = (first.end, second.start) if first.end <= second.start else (second.end, first.start)
    return start <= end and _NEGATED_SPAN.fullmatch(text[start:end]) is not None
