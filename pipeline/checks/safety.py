"""Errors that can hurt a patient: changed or added phone numbers, the
emergency number, links, addresses, numbers and doses; invisible characters
(`invisible.py`, registered here in its place); executable content; hidden
bidi tricks; English left untranslated.

Numbers are compared as a reader reads them: invisible characters removed
(212-639-2000<U+200B>1 is 212-639-20001) and every digit by its value
(Arabic-Indic, full-width)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..tokens import (DISGUISED_DOT, EMAIL, EMERGENCY, FRACTION, NUMBER, PRONUNCIATION, Prefiltered, blank,
                      fraction_value, link_targets, prose_addresses, strip_link_targets)
from .base import TranslationContext, compare_tokens, entry_checks
from .dates import dates_readable, without_dates
from .digit_signs import digit_forms, glued_digits, glued_numbers, marked_digits
from .invisible import INVISIBLE_CHECKS, read
from .separators import number_format
from .lexicon import SOURCE_LANGUAGE, normalise, vocabulary
from .markup import autolinked_addresses, autolinks
from .ordinals import age_groups, source_ordinals, written_ordinals
from .measures import changed_measures, conversions, joined as _joined, ungrouped as _ungrouped, \
    written_value as _value
from .hours import spoken_hours
from .phones import (changed_emergency, changed_phones, dialled_spans, dialled_tail, extension_digits,
                     phones_by_key, read_prose, unseparated_phones)
from .page_content import (bidi_controls, control_characters, copied_english, empty_translation,
                           executable_content)

# Patterns of numbers are tried only from a text's first digit: most units have none.
_A_DIGIT = re.compile(r"\d")
_TIME = Prefiltered(re.compile(r"(?<![\d.,])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?", re.I), _A_DIGIT, True)


# A time of day on a 24-hour clock, 17:00, 20h30 or 20 h 00, read as one number.
# Spaced ("20 h 00") only for an afternoon hour or on the hour: "2 h 30" may be a duration.
_CLOCK = Prefiltered(re.compile(r"(?<![\d.,:])(?:([01]?\d|2[0-4])(?:[:h]|\s?h\s?(?=00))|(1[3-9]|2[0-3])\s?h\s?)(\d{2})(?![\d:])"),
                     _A_DIGIT, True)


def _numbers(text: str) -> Counter:
    """Numbers of a text, read by _value(), clock times as one number
    (9:00, 20h30 as 20:30) and fractions by their value (½, 1/2 and 0,5 are
    0.5, "1½" is 1.5)."""
    clocks = Counter(f"{int(hour or afternoon)}:{minute}" for hour, afternoon, minute in _CLOCK.findall(text))
    fractions: Counter = Counter()
    spans = []
    for match in FRACTION.finditer(text):
        value = fraction_value(match)
        if value is not None:
            fractions[f"{value:g}"] += 1
            spans.append(match.span())
    text = blank(text, spans) if spans else text
    return clocks + fractions + Counter(_value(n) for n in NUMBER.findall(_CLOCK.sub(" ", text) if clocks else text))


def _shown_addresses(text: str) -> Counter:
    """Web addresses and domain names a reader sees written out, link
    labels included."""
    return Counter(prose_addresses(strip_link_targets(read(text))))


def _compare_allowing(what: str, expected: Counter, found: Counter, allowed: set[str]) -> Iterator[str]:
    """The source's addresses and no other, where an address the settings
    allow (a localized page: /espanol/...) may be added or stand in the
    place of one of the source's: one allowed address for one missing."""
    missing = sorted((expected - found).elements())
    added = sorted((found - expected).elements())
    localized = [url for url in added if url in allowed]
    for url in missing[len(localized):]:
        yield f"{what} {url} is missing or changed"
    for url in added:
        if url not in allowed:
            yield f"{what} {url} is not in the source"


def is_site_name(address: str) -> bool:
    """A domain written in capitals, as a site's name is ("Cancer.gov"): a
    translation may name the site in words, but may not add one."""
    return address != address.lower() and not re.search(DISGUISED_DOT, address) and "/" not in address


def changed_links(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Link targets and written-out addresses: the source's, and no other;
    `allowed_link_targets` may be added or replace the source's; an address
    of the source may be made an autolink."""
    allowed = set(context.allowed_targets)
    theirs = Counter(link_targets(source))
    ours = Counter(link_targets(target)) - autolinked_addresses(source, target)  # "<https://www.mskcc.org>"
    yield from _compare_allowing("link target", theirs, _as_same_pages(ours, theirs), allowed)
    theirs = _shown_addresses(source)
    # "[our website](https://www.mskcc.org)" as "<https://www.mskcc.org>": the link's address, shown
    shown = _shown_addresses(target)
    shown -= (shown - theirs) & Counter(url for url in autolinks(target) if url in link_targets(source))
    ours = _as_same_pages(_with_schemes_of(shown, theirs), theirs)
    # a site named by its domain in capitals ("help with the Cancer.gov website") may be said in words
    theirs -= Counter({address: count - ours[address] for address, count in theirs.items() if is_site_name(address)})
    yield from _compare_allowing("address", theirs, ours, allowed)


_WEB_SCHEME = re.compile(r"https?://", re.I)


def _with_schemes_of(found: Counter, expected: Counter) -> Counter:
    """A translation's addresses, where one writes a source's bare address
    with its scheme ("https://www.mskcc.org/pe" for "www.mskcc.org/pe"),
    as the source writes it: the same page."""
    said: Counter = Counter()
    for url, count in found.items():
        bare = _WEB_SCHEME.sub("", url, count=1) if _WEB_SCHEME.match(url) else url
        said[bare if url not in expected and bare in expected else url] += count
    return said


_SITE = re.compile(r"^((?:[a-z][a-z0-9+.-]*://)?)(?:www\.)?([^/?#]+)(.*)$", re.I)


def _page(url: str) -> tuple[str, str, str]:
    """An address as scheme, host and the rest, where a host's case and its
    "www." say nothing (www.MSKCC.org is mskcc.org). A localized page
    ("/es/pe") is another page: the project's `allowed_link_targets` name
    those."""
    match = _SITE.match(url)
    if not match:
        return ("", url, "")
    scheme, host, rest = match.groups()
    return scheme.lower(), host.lower(), rest


def _as_same_pages(found: Counter, expected: Counter) -> Counter:
    """A translation's addresses, where one is a source's address written
    another way that names the same page (`_page`), as the source writes it."""
    pages = {_page(url): url for url in expected}
    said: Counter = Counter()
    for url, count in found.items():
        same = pages.get(_page(url)) if url not in expected else None
        said[same or url] += count
    return said


def changed_emails(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    yield from compare_tokens("email address", Counter(EMAIL.findall(read(source))), Counter(EMAIL.findall(read(target))))


def _hour(match: re.Match) -> tuple[int, int]:
    """A 12-hour time as hour (0-23) and minute."""
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3).lower()
    return (hour + (12 if hour != 12 else 0) if half == "p" else hour % 12 or hour), minute


def _without_times(text: str) -> tuple[str, list[tuple[int, int]]]:
    return _TIME.sub(" ", text), [_hour(m) for m in _TIME.finditer(text)]


def _as_24_hour(text: str) -> str:
    """12-hour times written on a 24-hour clock: "5 p. m." as 17:00."""
    return _TIME.sub(lambda m: " %d:%02d " % _hour(m), text)


# "24 heures sur 24", "7j/7", "24/24": one number said twice.
_REPEATED = Prefiltered(re.compile(r"(?<![\d.,])(\d+)(\s*\w{0,8}\s*(?:/|sur|sou)\s*)\1(?!\d|[.,]\d)"), _A_DIGIT, True)
# English number words a translation may write as digits ("twice a day": "2 fois par jour").
_NUMBER_WORDS = {word: str(value) for value, words in enumerate((
    "zero", "one|once|another", "two|twice", "three|thrice", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve|dozen", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty")) for word in words.split("|")} | {"half": "0.5", "quarter": "0.25"}
_WORD = re.compile(r"[A-Za-z]+")
# "twice a day" is "1日2回" (twice in 1 day), "2 veces por 1 día": a one the source says as "a"
# "a day" as "1日", "a full glass of water" as "コップ1杯の水"
_ONE_PER = re.compile(r"\b(?:a|an|per|each|every)\s+(?:day|week|month|hour|night|morning|evening|(?:full\s+)?glass)\b",
                      re.I)
# A citation's identifier names a paper, not a number a reader acts on; a
# publisher's translated page may cite its own edition or none.
_CITATION_ID = re.compile(r"\b(?:PMID|PMCID)\s*:?\s*(?:PMC)?\d+|\bNCT\d{8}\b|\bdoi:\s*10\.\d{4,9}/\S+", re.I)


@lru_cache(maxsize=8192)
def _prose_numbers(text: str, dates: str = "") -> str:
    """The read text with what other checks compare removed: link targets,
    addresses, pronunciation guides, phone and emergency numbers; citation
    identifiers (PMID: 26389259); and the dates of language `dates` (the
    date check's: "6月5日" holds no number 6)."""
    prose = _CITATION_ID.sub(" ", PRONUNCIATION.sub(" ", read_prose(text)))
    prose = blank(prose, [span[:2] for span in dialled_spans(prose)])  # with their extensions: the phone check's
    # 911 and what a reader keys in after it ("911 x1"): the emergency check's
    prose = blank(prose, [(m.start(), (dialled_tail(prose, m.end()) or m).end()) for m in EMERGENCY.finditer(prose)])
    if dates:
        prose = without_dates(dates, prose)
    return _REPEATED.sub(lambda m: m.group(1) + m.group(2), _joined(EMERGENCY.sub(" ", prose)))


def _time_forms(hour: int, minute: int) -> tuple[str, ...]:
    """How a translation may write a time of the source, hour 0-23: 17:00,
    17.00, 17, 5 or 5:00 (with words for the evening, which the numbers
    cannot tell: the time-of-day check reads those, and "5:00" alone as 5 a.m.)."""
    twelve = hour - 12 if hour > 12 else hour
    return (f"{hour}:{minute:02d}", f"{hour}.{minute:02d}", f"{hour:02d}.{minute:02d}", str(hour), f"{hour:02d}",
            str(twelve), f"{twelve}:{minute:02d}")


_NOON = re.compile(r"\b(?:noon|midday)\b", re.I)
_MIDNIGHT = re.compile(r"\bmidnight\b", re.I)
_ON_THE_HOUR = re.compile(r"(\d{1,2}):00")


def _clock_said_as_hours(needed: Counter, found: Counter) -> Counter:
    """A 24-hour time of the source on the hour said as its hour ("20:00" as
    "20 h", "20時", "8 de la noche", "오후 8시"): the translation's number
    is the time's. Whether "8" is the morning or the evening is the
    `time-of-day` check's question."""
    found = found.copy()
    for clock, count in needed.items():
        hour = _ON_THE_HOUR.fullmatch(clock)
        if not hour:
            continue
        hour = int(hour.group(1))
        forms = (f"{hour}.00", f"{hour:02d}.00", str(hour), f"{hour:02d}") + ((str(hour - 12),) if hour > 12 else ())
        for _ in range(count - found[clock]):
            if any(found[form] > 0 for form in forms):
                _take(found, *forms)
                found[clock] += 1
    return found


def _take(found: Counter, *forms: str) -> None:
    """One number of a text, the first of `forms` it has, is accounted for."""
    for form in forms:
        if found[form] > 0:
            found[form] -= 1
            return


@lru_cache(maxsize=16384)
def _spelled_numbers(text: str, language: str) -> Counter:
    """Numbers a translation writes as words of its language's lists ("una
    cucharadita" for "1 teaspoon", Arabic "قرصين", two tablets): they may
    stand for a number of the source, never add one."""
    found: Counter = Counter()
    if not language:
        return found
    for hit in vocabulary(language, "unit").scan(normalise(text)):
        for tag in hit.tags:
            values = (tag.value[0],) if tag.kind == "counted" else (tag.value,) if tag.kind == "numbers" \
                else tag.value if tag.kind == "ranges" else ()  # "이삼 일" (2 to 3 days) says 2 and 3
            found.update(f"{float(value):g}" for value in values)
    return found


@lru_cache(maxsize=16384)
def _around_the_clock(text: str, language: str) -> Counter | None:
    """The numbers of a text's "24 hours a day, 7 days a week" (`around_the_clock`
    of its language), or None where it says none."""
    if not language:
        return None
    hits = [h for h in vocabulary(language, "dose").scan(normalise(text)) if "around_the_clock" in h.kinds()]
    return Counter(n for h in hits for n in re.findall(r"\d+", h.text)) if hits else None


# and the "1" of a per-dose phrase ("1回1錠", "1회 1정": one tablet each dose), which says "each"
_RATE_KINDS = frozenset({"per_hour", "per_day", "per_week", "per_month", "per_dose"})


@lru_cache(maxsize=16384)
def _rate_numbers(text: str, language: str) -> Counter:
    """The digits of a translation's rates ("1日" of Japanese "1日2回", twice a
    day; "1回" of "1回1錠", each dose): they say "per day" or "each", not a
    number of the source."""
    if not language or not _DIGIT_IN.search(text):
        return Counter()
    return Counter(n for hit in vocabulary(language, "dose").scan(normalise(text)) if hit.kinds() & _RATE_KINDS
                   for n in NUMBER.findall(hit.text))


_DIGIT_IN = re.compile(r"\d")


def _said_otherwise(source: str, target: str, language: str) -> tuple[Counter, Counter]:
    """The source's numbers a translation says in other units or words ("7
    days" as "una semana", "in 24 hours" as "al día", "twice a day" as
    "cada 12 horas"), and the translation's numbers that say them."""
    if not language or not _DIGIT_IN.search(source + target):
        return Counter(), Counter()
    from .frequency import equivalents  # it reads amounts as the unit check does
    theirs, ours = normalise(source), normalise(target)
    said = equivalents(theirs, ours, language)
    numbers = Counter(f"{a.number:g}" for a in said.source if not a.spelled and a.number is not None)
    return numbers, Counter(_value(n) for start, end in said.spans for n in NUMBER.findall(ours[start:end]))


def _with_halves(text: str, language: str, found: Counter, spelled: Counter) -> tuple[Counter, Counter]:
    """The numbers of a translation with "and a half" added where it follows
    an amount: "1 tableta y media", "1片半", "две с половиной" are 1.5 and
    2.5, never the source's 1 or 2 (`[unit] and_half`)."""
    if not language:
        return found, spelled
    from .amounts import amounts  # the unit check reads the amounts; it reads texts as this module does
    halves = [a for a in amounts(language, normalise(text)) if a.half]
    if not halves:
        return found, spelled
    found, spelled = found.copy(), spelled.copy()
    for amount in halves:
        whole = f"{amount.number - 0.5:g}"
        if not amount.spelled and found[whole] > 0:
            found[whole] -= 1
            found[f"{amount.number:g}"] += 1
        else:
            spelled[whole] -= 1
            spelled[f"{amount.number:g}"] += 1
    return found, spelled


@lru_cache(maxsize=16384)
def _interval_repeats(text: str, language: str) -> Counter:
    """The number an interval phrase says twice ("de 6 em 6 horas", "de 8 en
    8 horas": every 6 hours), once more than the source writes it."""
    if not language or not _DIGIT_IN.search(text):
        return Counter()
    found = Counter()
    for hit in vocabulary(language, "dose").scan(normalise(text)):
        if "interval" in hit.kinds():
            said = Counter(_value(n) for n in NUMBER.findall(hit.text))
            found += Counter({n: c - 1 for n, c in said.items() if c > 1})
    return found


def _every_other_day(text: str, language: str) -> Counter:
    """The digits of a translation's "every other day" ("1日おき", "2日に1回"):
    the rate's, which the check `course` compares, not numbers of the source."""
    if not language or not _DIGIT_IN.search(text):
        return Counter()
    return Counter(n for hit in vocabulary(language, "dose").scan(normalise(text)) if "every_other_day" in hit.kinds()
                   for n in NUMBER.findall(hit.text))


def _also_allowed(prose_source: str, prose_target: str, language: str) -> Counter:
    """Numbers a translation may write that the source does not write in
    digits: its number words ("twice" as "2 veces"), a one it says as "a"
    ("1日2回"), the digits of its rates, the hours noon and midnight are ("a
    las 12:00", "午前0時", "24:00") and an age group's ("10代", the teens)."""
    return Counter(_NUMBER_WORDS[w.lower()] for w in _WORD.findall(prose_source) if w.lower() in _NUMBER_WORDS) + \
        Counter("1" for _ in _ONE_PER.finditer(prose_source)) + _rate_numbers(prose_target, language) + \
        Counter(form for _ in _NOON.finditer(prose_source) for form in ("12", "12:00", "12.00")) + \
        Counter(form for _ in _MIDNIGHT.finditer(prose_source) for form in ("0", "0:00", "0.00", "24", "24:00", "12")) + \
        _interval_repeats(prose_target, language) + _every_other_day(prose_target, language) + \
        age_groups(prose_source, prose_target, language)


def missing_numbers(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """The numbers of the source, as many times as the source has them, and
    no other: a dose in an added sentence ("Tome 2 tabletas más") is an
    error. 12-hour times may become 24-hour times ("5 p.m." as 17:00),
    decimal points may become commas, digits may be any script's, and a
    number the source writes as a word ("twice") may be a digit."""
    dated = dates_readable(context.language)  # a date's numbers are the date check's
    theirs = _prose_numbers(source, SOURCE_LANGUAGE if dated else "")
    prose_source, times = _without_times(theirs)
    target = _ungrouped(target, context.language)
    ours = _prose_numbers(target, context.language if dated else "")
    # an ordinal ("2nd", "la 2.ª dosis") answers an ordinal of its value, in words or digits
    their_ordinals = source_ordinals(prose_source)
    our_ordinals = written_ordinals(ours, context.language)
    needed = _numbers(prose_source) - written_ordinals(prose_source, SOURCE_LANGUAGE)
    needed += extension_digits(source) - extension_digits(target)  # one not written as an extension: in words
    found = _numbers(_as_24_hour(ours)) - our_ordinals + \
        Counter(str(hour) for hour in spoken_hours(context.language, normalise(ours)))
    found -= Counter(_value(run) for run in unseparated_phones(phones_by_key(source), ours)[1].elements())  # the phone's
    their_clock = _around_the_clock(theirs, SOURCE_LANGUAGE)
    our_clock = _around_the_clock(ours, context.language)
    if their_clock and our_clock is not None:  # "24 hours a day, 7 days a week" as "круглосуточно"
        needed, found = needed - their_clock, found - our_clock
    for hour, minute in times:
        twelve = hour - 12 if hour > 12 else hour
        if not any(found[form] for form in _time_forms(hour, minute)):
            yield f"time {twelve}{':%02d' % minute if minute else ''} ({hour:02d}:{minute:02d}) is missing"
    for hour, minute in times:  # the number a time is written with is the time's
        _take(found, *_time_forms(hour, minute))
        if minute:  # "9 h 30", "9時30分", "9 giờ 30": the minutes written apart
            _take(found, str(minute))
    found = _clock_said_as_hours(needed, found)
    spelled = _spelled_numbers(ours, context.language)
    found, spelled = _with_halves(ours, context.language, found, spelled)
    said_as, saying = _said_otherwise(theirs, ours, context.language)
    needed = needed - said_as + glued_digits(prose_source)  # "B12": a number, in a name
    converted = conversions(source, target, context.language)  # "8 ounces" as "240 mL"
    given = converted.source_numbers() + glued_digits(ours)  # "COVID-19" as "COVID19"
    for number, count in needed.items():
        if count > 0 and found[number] + spelled[number] + given[number] < count:
            yield f"number {number} is missing or changed"
    # "every 8 hours" as "trois fois par jour, à 8 heures d'intervalle": said otherwise, and also written
    allowed = needed + said_as + saying + converted.target_numbers() + \
        _also_allowed(prose_source, ours, context.language)
    # "half an hour" may be "30 minutos": a number the source's words count
    allowed |= _with_halves(prose_source, SOURCE_LANGUAGE, Counter(), _spelled_numbers(prose_source, SOURCE_LANGUAGE))[1]
    for number in sorted(found - allowed):
        yield f"number {number} is not in the source"
    for number in sorted(our_ordinals - their_ordinals):
        yield f"ordinal number {number} is not in the source"
    yield from marked_digits(theirs, ours)
    yield from digit_forms(theirs, ours)
    yield from glued_numbers(theirs, ours)


SAFETY_CHECKS = [
    *entry_checks("error", {
        "phone-number": changed_phones, "emergency-number": changed_emergency, "link-target": changed_links,
        "email": changed_emails, "number": missing_numbers, "number-format": number_format,
        "measure": changed_measures}),
    *INVISIBLE_CHECKS,
    *entry_checks("error", {"executable-content": executable_content, "bidi-control": bidi_controls,
                            "control-character": control_characters}, include_fuzzy=True),
    *entry_checks("error", {"untranslated-copy": copied_english, "empty-translation": empty_translation}),
]

