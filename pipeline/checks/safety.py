"""Errors that can hurt a patient: changed phone numbers, the emergency
number, links, numbers and doses; executable content; hidden bidi tricks;
English left untranslated."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Iterator

from ..tokens import (BARE_URL, EMAIL, MEASURE, NUMBER, PRONUNCIATION, Prefiltered, link_targets,
                      normalise_digits, protected_tokens, strip_link_targets)
from .base import EntryCheck, TranslationContext

_TIME = re.compile(r"(?<![\d.,])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?", re.I)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_HTML_TAG = Prefiltered(re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>"), "<")
_EVENT = Prefiltered(re.compile(r"\bon[a-z]+\s*=", re.I), "=")
_SCHEME = Prefiltered(re.compile(r"\b(?:javascript|data|vbscript)\s*:", re.I), ":")


def _numbers(text: str) -> Counter:
    """Numbers of a text, with decimal commas read as points."""
    return Counter(n.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", n) else n.replace(",", "")
                   for n in NUMBER.findall(text))


def shown(text: str) -> str:
    """The text as a reader gets it: character references decoded, as
    markdown-it decodes them (`&#x202E;` is a real U+202E on the page)."""
    return html.unescape(text) if "&" in text else text


def as_read(text: str) -> str:
    """What the number checks compare, made the same way of source and
    translation: the text as shown, digits of every script as 0-9. A source
    written `&#49;0 mg` says 10 mg, and its own copy must count as 10 mg."""
    return normalise_digits(shown(text))


def _compare(what: str, expected: Counter, found: Counter) -> Iterator[str]:
    for token in sorted(expected - found):
        yield f"{what} {token} is missing or changed"
    for token in sorted(found - expected):
        yield f"{what} {token} is not in the source"


def changed_phones(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Every phone number of the source, exactly, and no other: a number
    with a digit added (212-639-20001) or a second number is a different one."""
    yield from _compare("phone number", Counter(protected_tokens(as_read(source)).phones),
                        Counter(protected_tokens(as_read(target)).phones))


def changed_emergency(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    yield from _compare("emergency number", Counter(protected_tokens(as_read(source)).emergency),
                        Counter(protected_tokens(as_read(target)).emergency))


def _shown_addresses(text: str) -> Counter:
    """Web addresses a reader sees written out, link labels included."""
    return Counter(BARE_URL.findall(strip_link_targets(shown(text))))


def changed_links(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Link targets and written-out addresses: the source's, and no other."""
    allowed = set(context.allowed_targets)
    expected, found = Counter(link_targets(source)), Counter(link_targets(target))
    for url in sorted(expected - found):
        yield f"link target {url} is missing or changed"
    for url in sorted(found - expected):
        if url not in allowed:
            yield f"link target {url} is not in the source"
    expected, found = _shown_addresses(source), _shown_addresses(target)
    for url in sorted(expected - found):
        yield f"address {url} is missing or changed"
    for url in sorted(found - expected):
        if url not in allowed:
            yield f"address {url} is not in the source"


def changed_emails(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    yield from _compare("email address", Counter(EMAIL.findall(shown(source))),
                        Counter(EMAIL.findall(shown(target))))


def _without_times(text: str) -> tuple[str, list[tuple[int, int]]]:
    times = [(int(m.group(1)), int(m.group(2) or 0), m.group(3).lower()) for m in _TIME.finditer(text)]
    return _TIME.sub(" ", text), [(h + (12 if p == "p" and h != 12 else 0) if p == "p" else h % 12 or h, mm)
                                  for h, mm, p in times]


def missing_numbers(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Every number of the source must stay; 12-hour times may become
    24-hour times ("5 p.m." as 17:00), decimal points may become commas."""
    source_text = as_read(source)
    prose_source, times = _without_times(PRONUNCIATION.sub(" ", strip_link_targets(source_text)))
    target_text = strip_link_targets(as_read(target))
    needed = _numbers(prose_source)
    tokens = protected_tokens(source_text)
    for phone in tokens.phones:  # reported by their own checks
        for part in NUMBER.findall(phone):
            needed[part.replace(",", "")] -= 1
    for number in tokens.emergency:
        needed[number] -= 1
    found = _numbers(target_text)
    for hour, minute in times:
        twelve = hour - 12 if hour > 12 else hour
        if found[str(hour)] or found[str(twelve)] or found[f"{hour:02d}"]:
            continue
        yield f"time {twelve}{':%02d' % minute if minute else ''} ({hour:02d}:{minute:02d}) is missing"
    for number, count in needed.items():
        if count > 0 and found[number] < count:
            yield f"number {number} is missing or changed"


def changed_measures(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A dose or measure keeps its number and its unit: "5 mg" may not
    become "5 mcg" (comparing digits alone would let it)."""
    target_measures = {(n.replace(",", "."), re.sub(r"\s", "", u).lower())
                       for n, u in MEASURE.findall(as_read(target))}
    for number, unit in MEASURE.findall(as_read(source)):
        unit_key = re.sub(r"\s", "", unit).lower()
        if unit_key in ("unit", "units", "iu"):
            continue  # a unit word may be translated; the number check keeps the value
        if (number.replace(",", "."), unit_key) not in target_measures:
            yield f"measure {number} {unit} is missing or its unit changed"


def executable_content(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Markup or script addresses, typed or written as character references."""
    for pattern, what in ((_HTML_TAG, "raw HTML"), (_EVENT, "an event-handler attribute"),
                          (_SCHEME, "a javascript:/data: address")):
        found = set(pattern.findall(shown(target))) - set(pattern.findall(shown(source)))
        if found:
            yield f"{what} in the translation: {sorted(found)[0]!r}"


def bidi_controls(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    extra = set(_BIDI.findall(shown(target))) - set(_BIDI.findall(shown(source)))
    if extra:
        codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(extra))
        yield f"bidirectional control characters the source does not have: {codes}"


def copied_english(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    if context.base_language == "en" or target.strip() != source.strip():
        return
    words = [w for w in re.findall(r"[A-Za-z]+", re.sub(r"\([^)]*\)|https?://\S+", " ", source))
             if not w.isupper()]
    if len(words) >= 3:
        yield "the English text was copied unchanged"


SAFETY_CHECKS = [
    EntryCheck("phone-number", "error", changed_phones),
    EntryCheck("emergency-number", "error", changed_emergency),
    EntryCheck("link-target", "error", changed_links),
    EntryCheck("email", "error", changed_emails),
    EntryCheck("number", "error", missing_numbers),
    EntryCheck("measure", "error", changed_measures),
    EntryCheck("executable-content", "error", executable_content, include_fuzzy=True),
    EntryCheck("bidi-control", "error", bidi_controls, include_fuzzy=True),
    EntryCheck("untranslated-copy", "error", copied_english),
]
