"""The phone-number and emergency-number checks: every number a reader may
dial, compared by what it dials.

A number dials its digits and whatever a reader would key in after it: an
extension ("ext. 12", "x12", "доб. 12" are one extension), a dial pause
(",5") or a digit set apart from it ("212-639-2000 1.", across a line
break or any space). So a digit added after the source's number is a
changed number, not an extra word.

A source's phone number written in a translation as one run of digits
("2126392000" for 212-639-2000): `tokens.phone_numbers` reads ten digits in
a row as a number, not a phone, but a run of exactly the source number's
digits dials the same number. A digit more, less or changed is another run."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from babel.core import get_global

from ..tokens import BARE_URL, DOMAIN, EMAIL, EMERGENCY, Phone, blank, phone_numbers, strip_link_targets
from .base import TranslationContext, compare_tokens
from .invisible import read

# a run of digits with no digit, separator or decimal part joined to it
_RUN = re.compile(r"(?<![\d+\-.,/])\+?\d{7,15}(?![\d\-/]|[.,]\d)")

# What a reader keys in after a number: a marked extension ("x12", ", ext. 12", "доб. 12", "内线12"), a
# dial pause or tone sign joined to digits (",5", ";5", "#5", "^1^"; "p5", "w5", a dial string's pause
# and wait), or digits set apart by spaces or a line break that end a phrase ("212-639-2000 1.";
# "212-639-2000 24 horas" goes on in words).
_EXTENSION_WORD = (r"(?i:x|p|w|ext|extn|extension|ext[eé]nsi[oó]n|poste|anexo|ramal|durchwahl|доб|добавочный)\.?"
                   r"|内线|分机|內線|分機|内線|转|轉|내선")
_TAIL = re.compile(
    rf"(?:(?:[\s\\]*,)?[\s\\]*(?<![^\W\d_])(?:{_EXTENSION_WORD})[\s.:]*|[,;#*^~]+"
    r"|[\s\\]+(?=\d+(?![.,:/\-]\d)\s*(?:[^\w\s]|$)))(\d+)(?!\d)")


def dialled_tail(prose: str, end: int) -> re.Match | None:
    """What a reader would key in after a number that ends at `end`."""
    return _TAIL.match(prose, end)


@lru_cache(maxsize=8192)
def read_prose(text: str) -> str:
    """Read text without link targets, addresses and email addresses
    (memoised: the phone, emergency and number checks each read it)."""
    prose = EMAIL.sub(" ", strip_link_targets(read(text)))
    return DOMAIN.sub(" ", BARE_URL.sub(" ", prose))


@lru_cache(maxsize=256)
def _region(language: str) -> str | None:
    """The country whose national phone formats a language's text may use
    (fr: France, ar: Egypt), from CLDR's likely subtags."""
    parts = language.replace("-", "_").split("_")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isupper()), None)
    if region is None:
        likely = get_global("likely_subtags").get(parts[0], "")
        region = likely.split("_")[-1] if "_" in likely else None
    return region if region and region != "US" else None


@lru_cache(maxsize=8192)
def _found(prose: str, language: str = "") -> tuple[Phone, ...]:
    """Phone numbers of a read prose; in a translation, numbers in its
    country's national format too (01 45 67 89 10 in French)."""
    found = list(phone_numbers(prose))
    region = _region(language) if language else None
    if region:
        found += [p for p in phone_numbers(prose, region)
                  if all(p.end <= q.start or p.start >= q.end for q in found)]
    return tuple(found)


@lru_cache(maxsize=8192)
def dialled_spans(prose: str, language: str = "") -> tuple[tuple[int, int, str, str, str], ...]:
    """(start, end, what it dials (E.164), as written, extension) of each
    phone number of a read prose, the span and the writing with what a
    reader keys in after it ("+44 20 7946 0958 ext. 12", extension "12")."""
    found = _found(prose, language)
    spans = []
    for phone in found:
        tail = dialled_tail(prose, phone.end)
        if tail is not None and any(q.start <= tail.start(1) < q.end for q in found):
            tail = None  # the next number of a list ("212-639-2000, 212-639-7900")
        end = tail.end() if tail else phone.end
        written = " ".join(prose[phone.start:end].replace("\\", " ").split())  # a line break as a space
        spans.append((phone.start, end, phone.key, written, tail.group(1) if tail else ""))
    return tuple(spans)


@lru_cache(maxsize=8192)
def phones_by_key(text: str, language: str = "") -> dict[str, list[str]]:
    """Phone numbers of a read text by what they dial (E.164), each as
    written (extensions aside)."""
    by_key: dict[str, list[str]] = {}
    for phone in _found(read_prose(text), language):
        by_key.setdefault(phone.key, []).append(phone.text)
    return by_key


@lru_cache(maxsize=8192)
def _extensions(text: str, language: str = "") -> dict[tuple[str, str], list[str]]:
    """What a reader keys in after each phone number of a read text, by
    (number, digits), each number as written with it."""
    by_key: dict[tuple[str, str], list[str]] = {}
    for _, _, key, written, extension in dialled_spans(read_prose(text), language):
        if extension:
            by_key.setdefault((key, extension), []).append(written)
    return by_key


def extension_digits(text: str) -> Counter:
    """The extensions of a text's phone numbers, as numbers."""
    return Counter({digits: len(v) for (_, digits), v in _extensions(text).items()})


def changed_phones(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Every phone number of the source and no other, compared by what it
    dials: a number with a digit added (212-639-20001, 212-639-2000 x5), a
    second number, a number of another country or a changed letter of a
    vanity number (1-800-4-CANCEL) is a different one; the same number
    grouped as its country groups it ((212) 639-2000, +1 212 639 2000) is
    the same. An extension is the same in any words ("ext. 12", "x12"); one
    the translation writes in words this check does not know ("التحويلة 12")
    is the number check's."""
    expected, found = phones_by_key(source), phones_by_key(target, context.language)
    expected_count = Counter({key: len(v) for key, v in expected.items()})
    found_count = Counter({key: len(v) for key, v in found.items()}) + unseparated_phones(expected, read_prose(target))[0]
    yield from (f"phone number {expected[key][0]} is missing or changed" for key in sorted(expected_count - found_count))
    yield from (f"phone number {found[key][-1]} is not in the source" for key in sorted(found_count - expected_count))
    theirs, ours = _extensions(source), _extensions(target, context.language)
    added = Counter({key: len(v) for key, v in ours.items()}) - Counter({key: len(v) for key, v in theirs.items()})
    changed = {number for number, _ in added}
    digits = set(re.findall(r"\d+", read_prose(target)))  # an extension in words this check does not know
    yield from (f"phone number {theirs[key][0]} is missing or changed" for key in sorted(theirs)
                if key not in ours and (key[0] in changed or key[1] not in digits))
    yield from (f"phone number {ours[key][-1]} is not in the source" for key in sorted(added))


@lru_cache(maxsize=8192)
def _emergency(text: str) -> Counter:
    """Emergency numbers of a text with what a reader keys in after them;
    "9-1-1" and "9 1 1" are 911, "911 x1" is not."""
    prose = read_prose(text)
    prose = blank(prose, [(p.start, p.end) for p in phone_numbers(prose)])
    found: Counter = Counter()
    for match in EMERGENCY.finditer(prose):
        tail = dialled_tail(prose, match.end())
        found[re.sub(r"[- \u00a0]", "", match.group()) + (tail.group().rstrip() if tail else "")] += 1
    return found


def changed_emergency(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    yield from compare_tokens("emergency number", _emergency(source), _emergency(target))


@lru_cache(maxsize=4096)
def _digits_of(key: str) -> frozenset[str]:
    """The runs that dial an E.164 number: its national significant number,
    with or without its country code ("2126392000", "12126392000"); none for
    a number with an extension, which a run cannot write."""
    import phonenumbers
    try:
        number = phonenumbers.parse(key)
    except phonenumbers.NumberParseException:
        return frozenset()
    if number.extension:
        return frozenset()
    national = phonenumbers.national_significant_number(number)
    return frozenset({national, f"{number.country_code}{national}"})


def unseparated_phones(keys, prose: str) -> tuple[Counter, Counter]:
    """The source phone numbers (E.164 `keys`) that a read text writes as
    one run of their digits, by key, and the runs as written."""
    found: Counter = Counter()
    runs: Counter = Counter()
    wanted = {digits: key for key in keys for digits in _digits_of(key)}
    for match in _RUN.finditer(prose):
        key = wanted.get(match.group().lstrip("+"))
        if key:
            found[key] += 1
            runs[match.group()] += 1
    return found, runs
