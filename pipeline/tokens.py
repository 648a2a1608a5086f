"""Tokens that a translation must keep: phone numbers, the emergency number,
URLs, email addresses, numbers and measures; and English pronunciation guides
that a translation should adapt.

Used by extraction (to tell translators) and by the checks (to verify).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


class Prefiltered:
    """A compiled pattern behind a cheap test that every match passes (a
    digit, an "@"): most units of a leaflet pass none, and the test is ten
    times faster than the pattern's scan with its lookbehinds. Offers the
    methods of a compiled pattern that locpipe uses."""

    def __init__(self, regex: re.Pattern, needs: str | re.Pattern):
        self.regex = regex
        self.pattern = regex.pattern
        if isinstance(needs, str):
            self._may_match = lambda text: needs in text
        else:
            self._may_match = lambda text: needs.search(text) is not None

    def search(self, text: str) -> re.Match | None:
        return self.regex.search(text) if self._may_match(text) else None

    def findall(self, text: str) -> list:
        return self.regex.findall(text) if self._may_match(text) else []

    def finditer(self, text: str):
        return self.regex.finditer(text) if self._may_match(text) else iter(())

    def sub(self, replacement, text: str) -> str:
        return self.regex.sub(replacement, text) if self._may_match(text) else text


# Boundaries are ASCII: in Chinese or Japanese a number sits right next to
# letters ("拨打911"), which \w would count as part of a word.
PHONE = Prefiltered(re.compile(
    r"(?<![A-Za-z0-9_.-])(?:\+\d{1,3}[\s.-]?|1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?![A-Za-z0-9_-])"
), re.compile(r"\d{3}[\s.-]\d{4}"))
EMERGENCY = Prefiltered(re.compile(r"(?<![A-Za-z0-9_.-])(?:911|9-1-1|112|999)(?![A-Za-z0-9_-]|\.\d)"),
                        re.compile(r"911|9-1-1|112|999"))
EMAIL = Prefiltered(re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "@")
BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"'»”]")
UNIT_WORDS = r"°\s?[FC]|mcg|µg|μg|mg|mL|ml|kg|g|lb|L|units?|IU|%"
_DIGIT = re.compile(r"\d")
MEASURE = Prefiltered(re.compile(rf"(?<![A-Za-z0-9_.,])(\d+(?:[.,]\d+)?)\s?({UNIT_WORDS})(?![A-Za-z])"), _DIGIT)
NUMBER = Prefiltered(re.compile(r"(?<![A-Za-z0-9_.,])\d+(?:[.,]\d+)*"), _DIGIT)
PRONUNCIATION = re.compile(r"\(((?:[A-Za-z]+-)+[A-Za-z]+)\)")


# Arabic-Indic and Persian digits count as the same numbers.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


_OTHER_DIGIT = re.compile("[٠-٩۰-۹]")


def normalise_digits(text: str) -> str:
    return text.translate(_DIGITS) if _OTHER_DIGIT.search(text) else text


@dataclass(frozen=True)
class ProtectedTokens:
    """What one text holds that a translation must keep unchanged."""

    phones: tuple[str, ...]
    emergency: tuple[str, ...]
    urls: tuple[str, ...]
    emails: tuple[str, ...]
    measures: tuple[str, ...]
    numbers: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for group in (self.phones, self.emergency, self.urls, self.emails, self.measures):
            for item in group:
                seen.setdefault(item, None)
        return tuple(seen)


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=65536)
def inline_tokens(text: str) -> tuple[Token, ...]:
    """markdown-it's inline tokens of a unit text, parsed once and shared by
    the checks, the plain-text renderer and readability. Read-only."""
    return tuple(child for token in _inline_parser().parseInline(text) for child in token.children or [])


@lru_cache(maxsize=32768)
def link_targets(text: str) -> tuple[str, ...]:
    """Targets of Markdown links, autolinks and images in inline text."""
    targets = []
    for child in inline_tokens(text):
        if child.type == "link_open":
            targets.append(child.attrGet("href") or "")
        elif child.type == "image":
            targets.append(child.attrGet("src") or "")
    return tuple(targets)


def strip_link_targets(text: str) -> str:
    """Text with Markdown link destinations removed, so numbers in URLs are not
    counted twice as numbers of the prose."""
    return re.sub(r"\]\([^)]*\)", "]", text)


def _normalise_measure(number: str, unit: str) -> str:
    return f"{number} {unit.replace(' ', '')}"


@lru_cache(maxsize=32768)
def protected_tokens(text: str) -> ProtectedTokens:
    prose = strip_link_targets(text)
    urls = list(dict.fromkeys(link_targets(text)))
    for match in BARE_URL.finditer(prose):
        if match.group(0) not in urls:
            urls.append(match.group(0))
    url_free = BARE_URL.sub(" ", prose)
    url_free = EMAIL.sub(" ", url_free)
    phones = tuple(m.group(0) for m in PHONE.finditer(url_free))
    no_phones = PHONE.sub(" ", url_free)
    no_guides = PRONUNCIATION.sub(" ", no_phones)
    return ProtectedTokens(
        phones=phones,
        emergency=tuple(m.group(0) for m in EMERGENCY.finditer(no_phones)),
        urls=tuple(u for u in urls if not u.startswith("mailto:")),
        emails=tuple(m.group(0) for m in EMAIL.finditer(prose)),
        measures=tuple(_normalise_measure(m.group(1), m.group(2)) for m in MEASURE.finditer(no_guides)),
        numbers=tuple(m.group(0) for m in NUMBER.finditer(no_guides)),
    )


@lru_cache(maxsize=32768)
def pronunciation_guides(text: str) -> tuple[str, ...]:
    """English pronunciation guides such as (SY-toh-kine): hyphenated
    syllables with at least one stressed (upper-case) syllable."""
    guides = []
    for match in PRONUNCIATION.finditer(text):
        parts = match.group(1).split("-")
        if any(p.isupper() and len(p) > 1 for p in parts) and any(p.islower() for p in parts):
            guides.append(match.group(0))
    return tuple(guides)

