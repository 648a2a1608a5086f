"""What a translation must not bring to a page, whatever its source says:
markup or script addresses, hidden bidirectional controls, characters
HTML forbids; and what is no translation at all (the English copied, a
unit without words). Read as a page shows the text (`invisible.shown`)."""

from __future__ import annotations

import re
from typing import Iterator

import regex

from ..tokens import NOT_ON_PAGES, Prefiltered
from .base import TranslationContext
from .invisible import _BIDI, shown, unwrapped

# not an autolink of a web or email address ("<https://www.mskcc.org>", "<help@mskcc.org>"), which
# Markdown makes a link: whether the address is the source's is the link-target and email checks' question
_HTML_TAG = Prefiltered(re.compile(r"<(?!(?:https?|mailto):[^\s<>]*>|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
                                   r"(?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*>)"
                                   r"\s*/?\s*[A-Za-z!][^>]*>"), "<")
_EVENT = Prefiltered(re.compile(r"\bon[a-z]+\s*=", re.I), "=")
_SCHEME = Prefiltered(re.compile(r"\b(?:javascript|data|vbscript)\s*:", re.I), ":")


def executable_content(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Markup or script addresses, typed or written as character references."""
    for pattern, what in ((_HTML_TAG, "raw HTML"), (_EVENT, "an event-handler attribute"),
                          (_SCHEME, "a javascript:/data: address")):
        found = set(pattern.findall(shown(target))) - set(pattern.findall(shown(source)))
        if found:
            yield f"{what} in the translation: {sorted(found)[0]!r}"


def bidi_controls(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Embeddings, overrides and isolates the source does not have: an
    override reverses digits on the page. An isolate that holds one whole
    number or address apart from right-to-left words is none of these
    (`invisible.unwrapped`)."""
    extra = set(_BIDI.findall(unwrapped(shown(target)))) - set(_BIDI.findall(shown(source)))
    if extra:
        codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(extra))
        yield f"bidirectional control characters the source does not have: {codes}"


def control_characters(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Control characters and noncharacters, which HTML forbids: a page
    with one is invalid, and a reader's browser may show anything."""
    extra = set(NOT_ON_PAGES.findall(shown(target))) - set(NOT_ON_PAGES.findall(shown(source)))
    if extra:
        codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(extra))
        yield f"control characters a page cannot show: {codes}"


def copied_english(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    if context.base_language == "en" or target.strip() != source.strip():
        return
    words = [w for w in re.findall(r"[A-Za-z]+", re.sub(r"\([^)]*\)|https?://\S+", " ", source))
             if not w.isupper()]
    if len(words) >= 3:
        yield "the English text was copied unchanged"


def empty_translation(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A translation of words that has none (only spaces, invisible characters
    or punctuation): gettext counts it as translated, and the page would show
    an empty heading or list item where the source names a symptom."""
    if regex.search(r"\p{L}", source) and not regex.search(r"[\p{L}\p{N}]", target):
        yield "the translation has no words: it would publish an empty unit"
