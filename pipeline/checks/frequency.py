"""How often and over what time, said in other words: "twice a day" may be
"every 12 hours" or "morning and evening", "for 7 days" "for a week", "in
24 hours" "a day" or "в сутки"; a frequency keeps its period ("twice a
day" is not "twice", 2 doses in all) and a count over a period is not made
a count per dose ("4 tablets in 24 hours" is not "4 tablets at a time").

Durations are compared in hours (a minute, an hour, a day of 24 hours, a
week of 7 days; months and years vary, and are left as they are)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .lexicon import Hit, SOURCE_LANGUAGE, has_section, normalise
from .reading import _DIGITS, _scan
from .amounts import Amount, amounts, counted_periods, dose_rates, section_of, span
from .measures import written_value

# between the two numbers of a range: "4 to 6", "4-6", "4至6", "4 à 6"
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|~|〜|to|a|à|al|hasta|до|到|至|or|o|ou|или|و|او|أو|الى|إلى|đến|tới|~)\s*")

HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0}
_RATE_HOURS = {"per_hour": 1.0, "per_day": 24.0, "per_week": 168.0}


def _hours(amount: Amount, interval: bool = False) -> float | None:
    """The duration an amount names in hours ("7 días": 168, "una semana":
    one week), or None; a unit without a number ("varias semanas", several
    weeks) names none."""
    units = amount.units & HOURS.keys()
    # "12 horas" may be an hour of the clock ("a las 12 horas"), never after "cada"
    if len(units) != 1 or (amount.clock and not interval) or amount.half or amount.number is None:
        return None
    return amount.number * HOURS[next(iter(units))]


def intervals(language: str, text: str) -> list[tuple[Hit, float, Amount]]:
    """The dosing intervals of a normalised text ("every 12 hours", "cada 12
    horas", "de 12 em 12 horas", "12시간마다": `[dose] interval`), each with
    its length in hours and the amount whose number the phrase holds (or
    the range it begins: "每4至6小时", "каждые 4-6 часов")."""
    found = []
    counted = amounts(language, text)
    for hit in _scan(language, "dose", text):
        if "interval" not in hit.kinds():
            continue
        amount = next((a for a in counted if a.number_at is not None and hit.start <= a.number_at and
                       (a.number_at < hit.end or _RANGE_GAP.fullmatch(text, hit.end, a.number_at))), None)
        length = _hours(amount, interval=True) if amount is not None else None
        if length:
            found.append((hit, length, amount))
    return found


def _times_a_day(language: str, text: str) -> tuple[float, Hit] | None:
    """How many doses a day a normalised text gives as a frequency and a
    daily rate ("twice a day", "dos veces al día", "1日2回"): (count, rate)."""
    rates = dose_rates(language, text)
    counts = [a.number for a in amounts(language, text) if a.units & {"time"} and a.number]
    if "per_day" in rates and len(counts) == 1:
        return counts[0], rates["per_day"]
    return None


def morning_and_evening(language: str, text: str) -> Hit | None:
    """A dose in the morning and one in the evening, twice a day: a phrase of
    `[dose] morning_and_evening` ("matin et soir", "早晚", "아침저녁"), or an
    early and a late part of the day of `[time]` in one part of the text
    ("por la mañana y 1 por la noche", "утром и вечером")."""
    said = next((h for h in _scan(language, "dose", text) if "morning_and_evening" in h.kinds()), None)
    if said is not None:
        return said
    parts = _scan(language, "time", text)
    early = next((h for h in parts if "early" in h.kinds()), None)
    late = next((h for h in parts if "late" in h.kinds()), None)
    if early is not None and late is not None:
        first, last = sorted((early, late), key=lambda h: h.start)
        return Hit(text[first.start:last.end], first.start, last.end, frozenset())
    return None


def _idioms(language: str, ours: tuple[Amount, ...]) -> list[tuple[float, tuple[int, int]]]:
    """The length a duration idiom says (`[duration_idioms]`: "quince días",
    "quinze jours" are two weeks, "huit jours" one), besides the days its
    words count, in hours, with where it is written."""
    said = _duration_idioms(language)
    return [(said[key][0] * HOURS[said[key][1]], span(a)) for a in ours
            if (key := normalise(a.text)) in said and said[key][1] in HOURS]


@lru_cache(maxsize=64)
def _duration_idioms(language: str) -> dict[str, list]:
    """A language's `[duration_idioms]`, by their normalised phrases."""
    return {normalise(phrase): value for phrase, value in section_of(language, "duration_idioms").items()}


@dataclass(frozen=True)
class Equivalents:
    """What a translation says in other words: the source's amounts it
    answers (by where their number starts, or their text) and the spans of
    the translation's words that answer them."""
    source: tuple[Amount, ...]
    spans: tuple[tuple[int, int], ...]

    def answers(self, amount: Amount) -> bool:
        return amount in self.source

    def covers(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)


@lru_cache(maxsize=16384)
def equivalents(source: str, target: str, language: str) -> Equivalents:
    """The source's durations and daily frequencies a normalised translation
    says in other units or words: "7 days" as "una semana", "一周"; "24
    hours" as "un día", "al día", "в сутки"; "twice a day" as "cada 12
    horas" or "matin et soir", and "every 12 hours" as "dos veces al día"."""
    theirs, ours = amounts(SOURCE_LANGUAGE, source), amounts(language, target)
    answered: list[Amount] = []
    spans: list[tuple[int, int]] = []
    lengths = [(_hours(a), span(a)) for a in ours] + _idioms(language, ours)
    lengths += [(_RATE_HOURS[k], (h.start, h.end)) for k, h in dose_rates(language, target).items() if k in _RATE_HOURS]
    for amount in theirs:
        length = _hours(amount)
        if length is None:
            continue
        if any(a.units & amount.units and a.number == amount.number for a in ours):
            # said alike, and said again in another unit: "1 semana (7 días)"
            spans += [span(a) for a in ours if not a.units & amount.units and (hours := _hours(a)) is not None
                      and abs(hours - length) < 1e-9]
            continue
        match = next((where for hours, where in lengths if hours is not None and abs(hours - length) < 1e-9), None)
        if match is not None:
            answered.append(amount)
            spans.append(match)
    spaced = intervals(language, target)
    if spaced:  # "每6小时服用一次" (every 6 hours, once): the interval's dose
        spans += [span(a) for a in ours if a.units == {"time"} and a.number == 1]
    spans += _own_counts(source, target, language, ours)
    daily = _times_a_day(SOURCE_LANGUAGE, source)
    if daily is not None and not any(a.units & {"time"} and a.number and a.number != 1 for a in ours):
        count = daily[0]
        said = [(h.start, h.end) for h, hours, _ in spaced if abs(hours * count - 24) < 1e-9]
        both = morning_and_evening(language, target)
        if not said and both is not None and count == 2:
            said = [(both.start, both.end)]
        meals = [h for h in _scan(language, "dose", target) if "each_meal" in h.kinds()]
        if not said and meals and count == 3:  # "毎食後" (after each meal): three times a day
            said = [(meals[0].start, meals[0].end)]
        if said:
            answered += [a for a in theirs if a.units & {"time"} and a.number]
            spans += said
    if not any(a.units & {"time"} for a in ours):
        # "once a week" as "cada semana", "semanalmente", "еженедельно": one dose in each period
        rates = dose_rates(language, target)
        for kind in dose_rates(SOURCE_LANGUAGE, source).keys() & rates.keys():
            once = [a for a in theirs if a.units == {"time"} and a.number == 1]
            answered += once
            spans += [(rates[kind].start, rates[kind].end)] if once else []
    ours_daily = _times_a_day(language, target)
    if ours_daily is not None and not any(a.units & {"time"} and a.number for a in theirs):
        # "every 12 hours" as "dos veces al día", "每日2次"
        count, rate = ours_daily
        kept = [a for _, hours, a in intervals(SOURCE_LANGUAGE, source) if abs(hours * count - 24) < 1e-9]
        if kept:
            # "4 veces al día, cada 6 horas" says both: the interval's own number stays the source's
            answered += [a for a in kept if not any(o.units == a.units and o.number == a.number for o in ours)]
            spans += [span(a) for a in ours if a.units & {"time"} and a.number] + [(rate.start, rate.end)]
    return Equivalents(tuple(answered), tuple(spans))


def _own_counts(source: str, target: str, language: str, ours: list[Amount]) -> list[tuple[int, int]]:
    """The "once" a phrase of the translation holds as its own count: the
    dose of every other day ("隔日服用一次", "Cứ hai ngày ... một lần",
    "tuwing makalawa") and the one time of a source's "at a time" ("за
    один раз", "एक बार में", "1回につき"): no count of doses of their own."""
    hits = _scan(language, "dose", target)
    alternate = [h for h in hits if "every_other_day" in h.kinds()]
    at_a_time = per_dose(language, target) if per_dose(SOURCE_LANGUAGE, source) else []  # not "1日1回"
    found = []
    for amount in ours:
        if "time" not in amount.units:  # "1回" is a dose or a time
            continue
        start, end = span(amount)
        if any(h.start <= start and end <= h.end for h in alternate + at_a_time) or \
                (alternate and amount.number == 1):
            found.append((start, end))
    return found


def dropped_period(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """A frequency keeps its period: "twice a day for 7 days" said as "dos
    veces durante 7 días" or "共服2次" is two doses in all, not fourteen. An
    error where the source counts doses a day and the translation counts
    them with no period (no rate, interval or "24 hours a day")."""
    daily = _times_a_day(SOURCE_LANGUAGE, source)
    if daily is None:
        return
    ours = amounts(language, target)
    counts = [a for a in ours if a.units & {"time"} and a.number]
    if not counts or dose_rates(language, target) or intervals(language, target):
        return
    if any(a.units & {"day"} and a.number is None for a in ours):
        return  # "ngày 2 lần" (a day, 2 times), "dos veces durante el día": the day without a number
    yield f'{where}the source says "{daily[1].text}" (per day); the translation says "{counts[0].text}" ' \
          f'with no period ({counts[0].number:g} dose{"s" if counts[0].number != 1 else ""} in all)'


def per_dose(language: str, text: str) -> list[Hit]:
    """The "at a time", "each time" words of a normalised text; "1회" and
    "一次" right after a rate ("1일 1회", "每日一次") count times, not doses."""
    hits = _scan(language, "dose", text)
    rates = [h for h in hits if h.kinds() & _RATE_HOURS.keys()]
    return [h for h in hits if "per_dose" in h.kinds()
            and not any(r.end <= h.start and not text[r.end:h.start].strip() for r in rates)]


def made_per_dose(source: str, target: str, language: str) -> Iterator[str]:
    """A count the source gives over a period, with no dose of its own ("Do
    not take more than 4 tablets in 24 hours", "4 a day"), is not made a
    count per dose: "4 tabletas a la vez", "за прием", "每次…4片" (at one
    time) let the reader take 4 at each of any number of doses. Where the
    source counts doses (a frequency, "twice a day", or an interval, "every
    6 hours"), an amount may be said per dose ("每次1片")."""
    ours = per_dose(language, target)
    if not ours or per_dose(SOURCE_LANGUAGE, source):
        return
    if any(a.units & {"time"} and a.number for a in amounts(SOURCE_LANGUAGE, source)) or \
            intervals(SOURCE_LANGUAGE, source):
        return
    counted = counted_periods(SOURCE_LANGUAGE, source)
    period = next((a.text for a in amounts(SOURCE_LANGUAGE, source) if a.number not in (None, 1.0)
                   and any(f"per_{u}" in counted for u in a.units)), None) or \
        next((h.text for k, h in dose_rates(SOURCE_LANGUAGE, source).items() if k in _RATE_HOURS), None)
    if period is not None:
        yield f'the translation says "{ours[0].text}" (each dose), which the source does not say: it counts ' \
              f'its amount over "{period}", not per dose'


# the number an "about" holds ("unos 2") or stands before ("約 2")
_NEXT_NUMBER = re.compile(r"(\d+(?:[.,\s]\d+)*)")


def _written(number: str) -> str:
    return written_value(re.sub(r"\s", "", number))


def made_approximate(source: str, target: str, language: str, converted: Counter | None = None) -> Iterator[str]:
    """A number the source gives exactly stays exact: "for 7 days" is not
    "7天左右", "khoảng 7 ngày" or "7일 정도" (about 7 days: a day less is
    as good), "at 8 p.m." not "晚上8点左右". An "about" of the translation
    (`[approximate]`) where the source has numbers and none is an error,
    but for one before a measure the translation adds in another unit
    (`converted`, its numbers: "64 onzas, unos 2 litros"), which rounds
    what the source does not say."""
    if not has_section(language, "approximate") or not _DIGITS.search(source):
        return
    ours = [h for h in _scan(language, "approximate", target)
            if not (converted and (n := _NEXT_NUMBER.search(target, h.start)) and n.start() <= h.end
                    and converted[_written(n.group(1))])]
    if ours and not _scan(SOURCE_LANGUAGE, "approximate", source):
        yield f'the translation says "{ours[0].text}" (about), which the source does not say: its numbers are exact'
