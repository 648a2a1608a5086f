"""Inline Markdown and placeholders must survive translation."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..pyformat import format_problems, is_python_format
from ..tokens import (EMAIL, NUMBER, inline_tokens, link_targets, normalise_digits, prose_addresses,
                      strip_link_targets)
from .base import EntryCheck, TranslationContext

_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}")
_BRACED = re.compile(r"\{[A-Za-z_]\w*\}")
_COUNTED = {"strong_open": "bold", "em_open": "italic", "link_open": "link",
            "code_inline": "code span", "image": "image"}


@lru_cache(maxsize=16384)
def markup_profile(text: str) -> tuple[Counter, int, int]:
    """Counts of inline markup, links with empty text, and stray markers
    (emphasis characters that markdown-it left as text)."""
    counts: Counter = Counter()
    empty_links = 0
    stray = 0
    children = inline_tokens(text)
    for i, child in enumerate(children):
        if child.type in _COUNTED:
            counts[_COUNTED[child.type]] += 1
        if child.type == "link_open":
            label = []
            for inner in children[i + 1:]:
                if inner.type == "link_close":
                    break
                label.append(inner.content)
            if not "".join(label).strip():
                empty_links += 1
        if child.type == "text":
            stray += len(re.findall(r"\*+|(?<!\w)_+|_+(?!\w)", child.content))
    return counts, empty_links, stray


@lru_cache(maxsize=16384)
def italic_texts(text: str, kind: str = "em") -> tuple[str, ...]:
    """The text inside each italic span of a text (bold: `kind` "strong")."""
    texts, inside = [], None
    for child in inline_tokens(text):
        if child.type == f"{kind}_open":
            inside = []
        elif child.type == f"{kind}_close" and inside is not None:
            texts.append("".join(inside))
            inside = None
        elif inside is not None:
            inside.append(child.content)
    return tuple(texts)


def _kept_terms(italics: tuple[str, ...], other: str) -> int:
    """Italic spans over a word the other text has too, unchanged: a foreign
    or Latin name ("ginseng", "Ginkgo biloba") that Spanish or French
    typography sets in italics and English need not. Emphasis is on
    translated words, which the other language does not share."""
    return sum(1 for term in italics if len(term.strip()) >= 4 and any(c.isalpha() for c in term)
               and re.search(rf"(?<!\w){re.escape(term.strip())}(?!\w)", other, re.I))


def _bold_negations(text: str, language: str) -> int:
    """Bold spans that hold only a negation ("**No** tome", "**不要**"): the
    emphasis leaflets give a warning, which the translator may add. Whether
    the negation belongs there is the negation check's question; italics
    name titles and foreign words in these leaflets, and stay counted."""
    from .lexicon import normalise
    from .polarity import polarity
    return sum(1 for span in italic_texts(text, "strong") if 0 < len(span.split()) <= 2
               and polarity(language, normalise(span)).low > 0 and not polarity(language, normalise(span)).inverting)


_WEB_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.I)


@lru_cache(maxsize=8192)
def autolinks(text: str) -> tuple[str, ...]:
    """Targets of the autolinks of inline text ("<https://www.mskcc.org>")."""
    if "<" not in text:
        return ()
    return tuple(child.attrGet("href") or "" for child in inline_tokens(text)
                 if child.type == "link_open" and child.markup == "autolink")


def autolinked_addresses(source: str, target: str) -> Counter:
    """The translation's autolinks ("<https://www.mskcc.org>") of addresses
    the source writes out, bare or linked ("www.mskcc.org"), beyond the
    source's own link targets: the same address, made a link a reader can
    follow. An autolink of another address is none of them."""
    if "<" not in target:
        return Counter()
    prose = strip_link_targets(source)
    written = {_WEB_SCHEME.sub("", url) for url in (*prose_addresses(prose), *EMAIL.findall(prose), *link_targets(source))}
    ours = Counter(url for url in autolinks(target) if _WEB_SCHEME.sub("", url) in written)
    return (Counter(link_targets(target)) - Counter(link_targets(source))) & ours if ours else Counter()


# Emphasis a translation may split in two: French and Haitian negations surround their verb.
_SPLIT = frozenset({"bold", "italic"})


def markup_mismatch(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """The inline markup of the source, counted by kind. Italics over a name
    both texts write alike are the target language's typography, not
    added or dropped emphasis; an autolink of an address the source writes
    out is the address (`autolinked_addresses`)."""
    source_counts, source_empty_links, source_stray = markup_profile(source)
    target_counts, empty_links, target_stray = markup_profile(target)
    linked = sum(autolinked_addresses(source, target).values())
    if linked:
        target_counts = target_counts.copy()
        target_counts["link"] -= linked
    if source_counts["italic"] != target_counts["italic"]:
        source_counts = source_counts.copy()
        target_counts = target_counts.copy()
        source_counts["italic"] -= _kept_terms(italic_texts(source), target)
        target_counts["italic"] -= _kept_terms(italic_texts(target), source)
    if target_counts["bold"] > source_counts["bold"]:
        target_counts = target_counts.copy()
        target_counts["bold"] = max(source_counts["bold"], target_counts["bold"] - _bold_negations(target, context.language))
    for kind in sorted(set(source_counts) | set(target_counts)):
        if kind in _SPLIT and source_counts[kind] <= target_counts[kind] <= 2 * source_counts[kind]:
            continue  # "**Do not** take" as "**Ne** prenez **pas**": one emphasis split by the word order
        if source_counts[kind] != target_counts[kind]:
            yield f"{kind} markup: {source_counts[kind]} in the source, {target_counts[kind]} in the translation"
    if empty_links > source_empty_links:  # a source's own text-less link is its author's to fix
        yield "a link has no text"
    if target_stray > source_stray:
        yield "unbalanced emphasis markers (* or _)"
    yield from _added_titles(source, target)


@lru_cache(maxsize=8192)
def titles(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, title) of each link and image with a title ("[a](url "title")",
    "(title)" and '...' alike): shown as a tooltip and read by screen readers."""
    if "](" not in text:
        return ()
    return tuple((_COUNTED[child.type], child.attrGet("title") or "") for child in inline_tokens(text)
                 if child.type in ("link_open", "image") and child.attrGet("title") is not None)


def _added_titles(source: str, target: str) -> Iterator[str]:
    """A title on a link or image whose kind has no title left in the source:
    its text reaches the page, and no check of phone numbers, numbers or
    negations reads it ("Llame al 212-555-0199", "No llame al 911")."""
    theirs = Counter(kind for kind, _ in titles(source))
    added = False
    for kind, title in titles(target):
        if theirs[kind] > 0:
            theirs[kind] -= 1
        else:
            added = True
            yield f"a {kind} title the source does not have: {title!r}"
    if added:
        return
    theirs, ours = (Counter(NUMBER.findall(normalise_digits(" ".join(t for _, t in titles(text)))))
                    for text in (source, target))
    if theirs != ours:  # a title the source has is translated: its numbers stay those of the source
        yield (f"the numbers of the titles: {' '.join(sorted(theirs.elements())) or 'none'} in the source, "
               f"{' '.join(sorted(ours.elements())) or 'none'} in the translation")


def placeholder_mismatch(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Placeholders as the page templates fill them in: `%`-format strings
    as msgfmt --check-format reads them, `{name}` by name."""
    if is_python_format(source):
        yield from format_problems(source, target)
        pattern = _BRACED
    else:
        pattern = _PLACEHOLDER
    expected, found = Counter(pattern.findall(source)), Counter(pattern.findall(target))
    for name in expected - found:
        yield f"placeholder {name} is missing"
    for name in found - expected:
        yield f"placeholder {name} is not in the source"


MARKUP_CHECKS = [
    EntryCheck("markup", "error", markup_mismatch),
    EntryCheck("placeholder", "error", placeholder_mismatch),
]
