"""Tokens that a translation must keep: phone numbers, the emergency number,
URLs, domain names, email addresses, numbers and measures; and English
pronunciation guides that a translation should adapt.

Used by extraction (to tell translators), by the checks (to verify) and by
the renderers (tap-to-call links, left-to-right isolates).

Phone numbers of every country are found by Google's libphonenumber (the
`phonenumbers` package) and compared as E.164 values; it is slow (and takes
a tenth of a second to import), so a text goes to it only when it has seven
digits close together, and each text once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .stored_patterns import stored_compile

if TYPE_CHECKING:
    import phonenumbers


class Prefiltered:
    """A compiled pattern behind a cheap test that every match passes (a
    digit, an "@"): most units of a leaflet pass none, and the test is ten
    times faster than the pattern's scan with its lookbehinds. With
    `from_hint`, no match starts before the test's own match (a number's
    first digit), so the scan starts there. Offers the methods of a
    compiled pattern that locpipe uses."""

    def __init__(self, regex: re.Pattern, needs: str | tuple[str, ...] | re.Pattern, from_hint: bool = False):
        self.regex = regex
        self.pattern = regex.pattern
        if isinstance(needs, str):
            self._start = lambda text: 0 if needs in text else None
        elif isinstance(needs, tuple):  # one of these strings
            self._start = lambda text: 0 if any(need in text for need in needs) else None
        else:
            def start(text: str) -> int | None:
                hint = needs.search(text)
                return None if hint is None else hint.start() if from_hint else 0
            self._start = start

    def search(self, text: str) -> re.Match | None:
        start = self._start(text)
        return None if start is None else self.regex.search(text, start)

    def findall(self, text: str) -> list:
        start = self._start(text)
        return [] if start is None else self.regex.findall(text, start)

    def finditer(self, text: str):
        start = self._start(text)
        return iter(()) if start is None else self.regex.finditer(text, start)

    def sub(self, replacement, text: str) -> str:
        return text if self._start(text) is None else self.regex.sub(replacement, text)


# Boundaries are ASCII: in Chinese or Japanese a number sits right next to
# letters ("拨打911"), which \w would count as part of a word.
PHONE = Prefiltered(re.compile(
    r"(?<![A-Za-z0-9_.-])(?:\+\d{1,3}[\s.-]?|1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?![A-Za-z0-9_-])"
), re.compile(r"\d{3}[\s.-]\d{4}"))
# 911 spelled as said: "9-1-1", "9 1 1" (no-break spaces too); never part of a number ("911,000", "1,911").
EMERGENCY = Prefiltered(re.compile(r"(?<![A-Za-z0-9_.+-])(?<!\d,)(?:911|9-1-1|(?<!\d[ \u00a0])9 1 1(?![ \u00a0]\d)"
                                   r"|(?<!\d[ \u00a0])9\u00a01\u00a01(?![ \u00a0]\d)|112|999)(?![A-Za-z0-9_-]|[.,]\d)"),
                        ("911", "9-1-1", "9 1 1", "9\u00a01\u00a01", "112", "999"))
# Addresses in prose are ASCII: Chinese puts no space before or after one
# ("发送至help@mskcc.org。"), and CJK letters or punctuation are never part of it.
EMAIL = Prefiltered(re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"), "@")
BARE_URL = Prefiltered(stored_compile("tokens-bare-url",
    r"(?:https?://|(?<![A-Za-z0-9_.-])www\.)[^\s<>()\[\]\x80-\U0010ffff]*[^\s<>()\[\].,;:!?\"'\x80-\U0010ffff]"),
    ("://", "www."))  # "wwww.mskcc.org" is no www address of mskcc.org
# A domain name written in prose without scheme or www (mskcc-help.com, cancer.gov/about): lower-case
# labels and a top-level domain of this list, so that "e.g." or a missing space after a full stop is not one.
_TLDS = "|".join(("com org net gov edu info biz health care help online site app io co us uk ca au nz ie fr de es mx ru "
                   "cn jp br ht ae eg sa ch nl eu int mil ly gl gd me tv xyz top link shop club pro ai in ph vn kr pk "
                   "ng pl pt it ir tw hk sg").split())  # with link shorteners' ("bit.ly/mskcc-pe", "goo.gl", "is.gd")
DOMAIN = Prefiltered(stored_compile("tokens-domain",
    rf"(?<![A-Za-z0-9@._/:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![A-Za-z0-9_-])"
    r"(?:/[^\s<>()\[\]\x80-\U0010ffff]*[^\s<>()\[\].,;:!?\"'\x80-\U0010ffff])?"),
    re.compile(rf"\.(?:{_TLDS})(?![A-Za-z0-9_-])"))  # every match has its top-level domain
UNIT_WORDS = r"°\s?[FC]|mcg|µg|μg|mg|mL|ml|kg|g|lb|L|units?|IU|%"
_DIGIT = re.compile(r"\d")
# Right after a number's first digit: no letter, digit, "_", "." or "," before
# it. Tested there rather than before the digit, so that a scan for a digit
# (fast) comes first and the test runs only where one is found.
_AFTER_NO_WORD = r"(?<![A-Za-z0-9_.,]\d)"
# a unit ends its word: "1 gélule" (a capsule) is no "1 g"; Chinese may write "250mL水" (no spaces)
MEASURE = Prefiltered(re.compile(rf"(\d{_AFTER_NO_WORD}\d*(?:[.,]\d+)?)\s?({UNIT_WORDS})"
                                 r"(?![A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])"), _DIGIT, from_hint=True)
NUMBER = Prefiltered(re.compile(rf"\d{_AFTER_NO_WORD}\d*(?:[.,]\d+)*"), _DIGIT, from_hint=True)
# What a right-to-left text would reorder: addresses, and numbers with a unit, a decimal or time separator
# or a range (100.4 °F, 5 mg, 9:00, 3-5, 50%), whole: Arabic separators (١٠٠٫٤), the degree signs the
# checks read as "°" (ºF, ˚F, ℉, ℃). A lone integer reads the same either way (the renderers skip it).
_LTR_NUMBER = rf"\d+(?:[.,:\u066b\u066c]\d+)*(?:\s?(?:[\u00b0\u00ba\u02da]\s?[FC\uff26\uff23]|\u030a[FC]|\u2109|\u2103|{UNIT_WORDS})(?![A-Za-z]))?"
LEFT_TO_RIGHT = Prefiltered(stored_compile("tokens-left-to-right",
    rf"{BARE_URL.pattern}|{EMAIL.pattern}|{DOMAIN.pattern}"
    rf"|(?<![A-Za-z\d_.,\u066b\u066c]){_LTR_NUMBER}(?:\s?[-–]\s?{_LTR_NUMBER})?"), re.compile(r"[\d@.]"))
# What a page cannot show (HTML forbids these code points): controls other
# than whitespace, and noncharacters. Sources with one are refused; a
# translation with one is a check error.
NOT_ON_PAGES = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
PRONUNCIATION = re.compile(r"\(((?:[A-Za-z]+-)+[A-Za-z]+)\)")


# Signs of numbers as NFKC reads them (２１２－６３９, 212‑639‑2000); between digits only, Arabic separators
# (١٠٠٫٤), full-width points and dashes (212–639–2000).
_FULL_WIDTH = {"\uff0b": "+", "\uff0d": "-", "\u2010": "-", "\u2011": "-"}
_BETWEEN_DIGITS = {"\uff0e": ".", "\uff1a": ":", "\u066b": ".", "\u066c": ",", "\u2012": "-", "\u2013": "-",
                   "\u2212": "-"}  # elsewhere the prose's: "www.mskcc٫org" is no address


def _ascii_digit(char: str) -> str:
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    return _FULL_WIDTH.get(char) or _BETWEEN_DIGITS.get(char, char)


@lru_cache(maxsize=8192)
def normalise_digits(text: str) -> str:
    """Every decimal digit as its ASCII digit, by value: Arabic-Indic,
    Persian, full-width (NFKC's reading), Devanagari, ... The text keeps its
    length, so positions in it are positions in the original."""
    if text.isascii():
        return text
    return _digit_like().sub(lambda match: _ascii_digit(match.group()), text)


@lru_cache(maxsize=1)
def _digit_like() -> re.Pattern:
    """Every character `_ascii_digit` changes: the decimal digits (category Nd) of every script
    but ASCII's, the signs of _FULL_WIDTH, and those of _BETWEEN_DIGITS between two digits."""
    from .charclasses import category_class
    digit, signs, points = category_class('Nd'), re.escape(''.join(_FULL_WIDTH)), re.escape(''.join(_BETWEEN_DIGITS))
    return re.compile(f"(?![0-9])[{digit}{signs}]|(?<=[{digit}])[{points}](?=[{digit}])")


# Vulgar fractions (½, ¼, ¾, ⅓, ...) and fractions written with a slash ("1/2", NFKC's
# "1⁄2"), with a whole number before them ("1½", "2 1/2"): a dose of half a tablet is 0.5,
# never the numbers 1 and 2. A slash fraction is one below 1 with a small denominator, so
# that "24/7" and a date are not fractions.
VULGAR_FRACTION = re.compile("[\u00bc-\u00be\u2150-\u215e]")
FRACTION = Prefiltered(re.compile(
    rf"(?<![\d.,/\u2044])(?:(\d+)\s?)?(?:({VULGAR_FRACTION.pattern})|(?<![\d.,])([1-9])\s?[/\u2044]\s?([2-9]|1[0-6]))"
    r"(?![\d/\u2044]|[.,]\d)"), re.compile("[/\u2044\u00bc-\u00be\u2150-\u215e]"))


def fraction_value(match: re.Match) -> float | None:
    """The value of a FRACTION match, or None where the slash is no
    fraction's ("3/2", "2/2")."""
    whole = int(match.group(1) or 0)
    if match.group(2):
        return whole + unicodedata.numeric(match.group(2))
    numerator, denominator = int(match.group(3)), int(match.group(4))
    return whole + numerator / denominator if numerator < denominator else None


# Invisible characters that are not format characters (Unicode's default-ignorable
# code points outside category Cf): combining grapheme joiner, Hangul fillers,
# Khmer inherent vowels, Mongolian and other variation selectors.
# The line and paragraph separators (Zl, Zp) and the blank Braille pattern show no letter either.
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0\u2028\u2029\u2800"
                       + "".join(map(chr, range(0xFE00, 0xFE10))))


@lru_cache(maxsize=1)
def invisible_characters() -> re.Pattern:
    """Characters that show nothing but can change what a reader, a copy or
    a tokenizer gets: zero-width spaces and joiners, the soft hyphen, the
    BOM, direction marks (category Cf) and the other default-ignorable ones."""
    from .charclasses import category_class
    return re.compile(f"[{category_class('Cf')}{''.join(sorted(_IGNORABLE))}\U000e0100-\U000e01ef]")


def invisible(char: str) -> bool:
    return not char.isascii() and invisible_characters().match(char) is not None


# Invisible characters that writing systems use inside their words, with the scripts
# of the letters on both sides (RFC 5892 appendix A, the contextual rules for ZWNJ and ZWJ;
# The Unicode Standard, ch. 23 on layout controls and variation selectors and ch. 16 on the
# word breaks of Southeast Asian scripts; r12a's character usage lists, which give Persian
# ZWNJ, ZWJ, LRM, RLM and ALM):
# the non-joiner of Persian, Urdu, Kurdish and Pashto words ("می‌شود") and of Indic
# conjuncts, the joiner of Indic conjuncts and Sinhala, the zero-width space that marks
# word breaks in Thai, Lao, Khmer, Myanmar and Tibetan, which write no spaces.
_JOINING_SCRIPTS = ("Arabic", "Syriac", "Nko", "Mongolian", "Devanagari", "Bengali", "Gurmukhi", "Gujarati",
                    "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Myanmar", "Khmer")
_WORD_BREAK_SCRIPTS = ("Thai", "Lao", "Khmer", "Myanmar", "Tibetan")
_IN_WORDS = {"\u200c": _JOINING_SCRIPTS, "\u200d": _JOINING_SCRIPTS, "\u200b": _WORD_BREAK_SCRIPTS}
# Direction marks (LRM, RLM, ALM) belong to right-to-left text: "(‏مثلاً‏)" keeps its brackets
_DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
_RIGHT_TO_LEFT = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
_PICTOGRAPH = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]")
_IDEOGRAPH = regex.compile(r"\p{Unified_Ideograph}")


def _letter_beside(text: str, index: int, step: int) -> str:
    """The nearest character that is no mark or invisible character, from
    `index` in the direction of `step` ("" at the edge)."""
    index += step
    while 0 <= index < len(text) and (unicodedata.category(text[index]).startswith("M") or invisible(text[index])):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _script_of(char: str, scripts: tuple[str, ...]) -> str | None:
    return next((name for name in scripts if regex.match(rf"\p{{scx={name}}}", char)), None) if char else None


def written_in_words(text: str, index: int) -> bool:
    """Whether the invisible character at `index` is one its writing system
    puts there: a joiner between letters of a script that joins ("نیم‌شب",
    a Devanagari conjunct), an emoji sequence (a joiner or variation
    selector after a pictograph), an ideographic variation selector, a
    zero-width space between words of Thai or Khmer, a direction mark in a
    right-to-left text outside a word. A soft hyphen, a word joiner or a
    zero-width space inside a Latin, Cyrillic or Chinese word is none of
    these."""
    char = text[index]
    before, after = _letter_beside(text, index, -1), _letter_beside(text, index, 1)
    if char in _DIRECTION_MARKS:  # beside a space, a bracket or a number, never between two letters
        inside = 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
        return not inside and bool(_RIGHT_TO_LEFT.search(text))
    if char == "\u200d" and _PICTOGRAPH.match(text[index - 1] if index else "") and _PICTOGRAPH.match(after or " "):
        return True
    if "\ufe00" <= char <= "\ufe0f" or 0xE0100 <= ord(char) <= 0xE01EF:
        previous = text[index - 1] if index else ""
        return bool(previous) and bool(_PICTOGRAPH.match(previous) or _IDEOGRAPH.match(previous)
                                       or unicodedata.category(previous) == "So" or previous in "0123456789#*")
    scripts = _IN_WORDS.get(char)
    if scripts is None:
        return False
    script = _script_of(before, scripts)
    return script is not None and _script_of(after, (script,)) is not None


@lru_cache(maxsize=8192)
def visible(text: str) -> str:
    """The text without its invisible characters: what a reader reads, so
    212-639-2000<U+200B>1 is 212-639-20001."""
    if text.isascii():
        return text
    return invisible_characters().sub("", text)


@dataclass(frozen=True)
class Phone:
    """A phone number as written in a text, and what it dials."""

    text: str
    start: int
    end: int
    key: str  # E.164 (+12126392000); a vanity number's letters as written (+1-800-4CANCER)
    tel: str  # tel: address, ASCII digits

    def __str__(self) -> str:
        return self.text


# Seven digits close together, or a toll-free number spelt with letters: a text
# without either has no phone number and skips phonenumbers' matcher.
_PHONE_HINT = re.compile(r"\d(?:[\s().\-/\u00a0]{0,3}\d){6}")
VANITY = Prefiltered(re.compile(
    r"(?<![A-Za-z0-9_.-])(?:\+?1[\s.-]?)?(?:\(8(?:00|33|44|55|66|77|88)\)\s?|8(?:00|33|44|55|66|77|88)[\s.-])"
    r"(?=[0-9A-Z-]*[A-Z])[0-9A-Z](?:-?[0-9A-Z]){6,9}(?![A-Za-z0-9_-])"), re.compile(r"8\d\d[\s.)-]+\d?-?[A-Z]{2}"))


def _vanity(match: re.Match) -> Phone:
    import phonenumbers
    written = match.group(0)
    letters = re.sub(r"[^0-9A-Z]", "", written)
    national = letters[1:] if letters.startswith("1") else letters
    dialled = phonenumbers.convert_alpha_characters_in_number(national)[:10]
    return Phone(written, match.start(), match.end(), f"+1-{national[:3]}-{national[3:]}", f"tel:+1{dialled}")


def _e164(number: phonenumbers.PhoneNumber) -> str:
    import phonenumbers
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _without_extension(raw: str, extension: str | None) -> str:
    """The number without its extension (", extension 3"), which stays in
    the prose for the number check, as a translation writes it in its words."""
    if not extension:
        return raw
    digits = [i for i, char in enumerate(raw) if char.isdecimal()]
    return raw[:digits[-len(extension) - 1] + 1]


@lru_cache(maxsize=8192)
def phone_numbers(text: str, region: str = "US") -> tuple[Phone, ...]:
    """Phone numbers written in a text, in order: any country's in
    international format (+44 20 7946 0958), `region`'s in its national
    formats, grouped as the country groups them (2126-397-900 is not
    212-639-2000 regrouped, it is no number: a reader may doubt or misdial
    it); toll-free numbers spelt with letters (1-800-4-CANCER); and
    North-American-shaped numbers that are not in service (400-820-1234)."""
    if not _PHONE_HINT.search(text) and not VANITY.search(text):
        return ()
    import phonenumbers
    found = [_vanity(m) for m in VANITY.finditer(text)]

    def free(start: int, end: int) -> bool:
        return all(end <= p.start or start >= p.end for p in found)

    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.STRICT_GROUPING):
        raw, start = match.raw_string, match.start
        if raw.startswith("(") and ")" not in raw:  # "(1-800-422-6237)": the parenthesis is the prose's
            raw, start = raw[1:], start + 1
        raw = _without_extension(raw, match.number.extension)
        if not re.search(r"[^\d]", raw.lstrip("+")):
            continue  # ten digits in a row are a number, kept by the number check
        if free(start, start + len(raw)):
            number = phonenumbers.PhoneNumber(country_code=match.number.country_code,
                                              national_number=match.number.national_number,
                                              italian_leading_zero=match.number.italian_leading_zero,
                                              number_of_leading_zeros=match.number.number_of_leading_zeros)
            found.append(Phone(raw, start, start + len(raw), _e164(number), "tel:" + _e164(number)))
    for match in PHONE.finditer(text):
        if free(match.start(), match.end()):
            key = _legacy_key(match.group(0))
            found.append(Phone(match.group(0), match.start(), match.end(), key, "tel:" + key))
    found += [p for p in _paired_nanp(text) if free(p.start, p.end)]
    return tuple(sorted(found, key=lambda p: p.start))


# A North American number with its line number in pairs, as French writes numbers
# ("212 639 20 00"): the same digits in the same groups but the last; any other
# regrouping ("2126 392 000") stays no number.
_PAIRED_NANP = re.compile(r"(?<![\d+\-.])(\d{3})[ .\u00a0](\d{3})[ .\u00a0](\d{2})[ .\u00a0](\d{2})(?![\d\-]|[.,]\d)")


def _paired_nanp(text: str) -> list[Phone]:
    import phonenumbers
    found = []
    for match in _PAIRED_NANP.finditer(text):
        number = phonenumbers.parse("+1" + "".join(match.groups()))
        if phonenumbers.is_valid_number(number):
            found.append(Phone(match.group(0), match.start(), match.end(), _e164(number), "tel:" + _e164(number)))
    return found


def _legacy_key(written: str) -> str:
    import phonenumbers
    try:
        return _e164(phonenumbers.parse(normalise_digits(written), "US"))
    except phonenumbers.NumberParseException:
        return "+" + re.sub(r"\D", "", normalise_digits(written))


def blank(text: str, spans) -> str:
    """The text with each (start, end) span replaced by one space."""
    out, position = [], 0
    for start, end in sorted(spans):
        if start >= position:
            out += [text[position:start], " "]
            position = end
    out.append(text[position:])
    return "".join(out)


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


@lru_cache(maxsize=8192)
def inline_tokens(text: str) -> tuple[Token, ...]:
    """markdown-it's inline tokens of a unit text, parsed once and shared by
    the checks, the plain-text renderer and readability. Read-only."""
    return tuple(child for token in _inline_parser().parseInline(text) for child in token.children or [])


@lru_cache(maxsize=8192)
def link_targets(text: str) -> tuple[str, ...]:
    """Targets of Markdown links, autolinks and images in inline text."""
    if "[" not in text and "<" not in text:
        return ()  # no link, image or autolink is written without them: no need to parse
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
    return re.sub(r"\]\([^)]*\)", "]", text) if "](" in text else text


def prose_addresses(prose: str) -> tuple[str, ...]:
    """Web addresses and domain names written out in prose (link targets
    removed): www.mskcc.org/pe, https://..., mskcc-help.com."""
    return addresses_and_rest(prose)[0]


@lru_cache(maxsize=8192)
def addresses_and_rest(prose: str) -> tuple[tuple[str, ...], str]:
    """The prose's addresses (`prose_addresses`), and the prose with each
    of them and each email address blanked out."""
    without_emails = EMAIL.sub(" ", prose)
    urls = BARE_URL.findall(without_emails)
    rest = BARE_URL.sub(" ", without_emails) if urls else without_emails
    domains = DOMAIN.findall(rest)
    rest = DOMAIN.sub(" ", rest) if domains else rest
    return tuple(urls) + tuple(domains) + _disguised_domains(rest, without_emails), rest


# Domain names a reader takes for an address though the pattern above does not: dots written as
# "[.]", "(dot)" or an ideographic or full-width full stop ("mskcc[.]com", "mskcc。com"), and
# capitals ("MSKCC.COM", "Mskcc-help.org"; generic top-level domains only: "dosis.Es" is a
# sentence without its space, not a Spanish domain).
DISGUISED_DOT = (r"(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|[\u3002\uff0e\uff61\ufe12\u066b\u2024\u2027\u00b7]"
                  r"|\s(?:dot|punto|point|ponto|punkt|точка)\s)")  # "٫", "․", "farmacia-barata punto com"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DISGUISED = Prefiltered(re.compile(
    rf"(?<![A-Za-z0-9@._/:-])(?:{_LABEL}(?:\.|{DISGUISED_DOT}))+(?:{_TLDS})(?![A-Za-z0-9_-])", re.I),
    re.compile(rf"(?:\.|{DISGUISED_DOT})(?:{_TLDS})(?![A-Za-z0-9_-])", re.I))
_GENERIC_TLD = re.compile(r"\.(?:com|org|net|gov|edu|info|health)$", re.I)


def _disguised_domains(rest: str, prose: str) -> tuple[str, ...]:
    """Domain names written in capitals (in the prose without the other
    addresses) or with a disguised dot (in the whole prose: "www.mskcc.org․co"
    goes on past the address the pattern above reads), as written."""
    if not _DISGUISED.search(prose):
        return ()
    capitals = [found for found in _DISGUISED.findall(rest)
                if _GENERIC_TLD.search(found) and found != found.lower() and not re.search(DISGUISED_DOT, found)]
    return tuple(capitals) + tuple(found for found in _DISGUISED.findall(prose) if re.search(DISGUISED_DOT, found))


def _normalise_measure(number: str, unit: str) -> str:
    return f"{number} {unit.replace(' ', '')}"


@lru_cache(maxsize=8192)
def protected_tokens(text: str) -> ProtectedTokens:
    prose = strip_link_targets(text)
    addresses, url_free = addresses_and_rest(prose)
    urls = list(dict.fromkeys(link_targets(text)))
    urls += [address for address in dict.fromkeys(addresses) if address not in urls]
    phones = phone_numbers(url_free)
    no_phones = blank(url_free, [(p.start, p.end) for p in phones])
    no_guides = PRONUNCIATION.sub(" ", no_phones)
    return ProtectedTokens(
        phones=tuple(p.text for p in phones),
        emergency=tuple(m.group(0) for m in EMERGENCY.finditer(no_phones)),
        urls=tuple(u for u in urls if not u.startswith("mailto:")),
        emails=tuple(m.group(0) for m in EMAIL.finditer(prose)),
        measures=tuple(_normalise_measure(m.group(1), m.group(2)) for m in MEASURE.finditer(no_guides)),
        numbers=tuple(m.group(0) for m in NUMBER.finditer(no_guides)),
    )


@lru_cache(maxsize=8192)
def pronunciation_guides(text: str) -> tuple[str, ...]:
    """English pronunciation guides such as (SY-toh-kine): hyphenated
    syllables with at least one stressed (upper-case) syllable."""
    guides = []
    for match in PRONUNCIATION.finditer(text):
        parts = match.group(1).split("-")
        if any(p.isupper() and len(p) > 1 for p in parts) and any(p.islower() for p in parts):
            guides.append(match.group(0))
    return tuple(guides)

