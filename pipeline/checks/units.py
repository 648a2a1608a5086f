"""The unit check: a number keeps its unit (teaspoon is no tablespoon,
mg no mcg, days no weeks), a rate its period (twice a day is no twice a
week), and no number word is added."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..tokens import FRACTION, MEASURE, fraction_value
from .base import TranslationContext
from .hours import hours_as_digits
from .lexicon import Hit, SOURCE_LANGUAGE, Tag, language_data, normalise
from .reading import _DIGITS, _copied, _ready, _scan, _without, candidates, prose
from .times import clock_times

if TYPE_CHECKING:
    from . import frequency


@dataclass(frozen=True)
class Amount:
    """A unit word, with the number written before it when there is one.
    A word may name either of two units (Chinese 粒, a tablet or capsule)."""
    units: frozenset[str]
    number: float | None
    spelled: bool  # the number is a word ("twice", "dos"), which the number check cannot see
    text: str
    clock: bool = False  # "9 h" of "de 9 h à 17 h": an hour of the clock, or of a duration
    number_at: int | None = None  # where the number starts in the text
    half: bool = False  # a half added to the number written ("1 tableta y media": 1.5)
    end: int = -1  # where the unit word (or its half) ends in the text

    @property
    def unit(self) -> str:
        return "/".join(sorted(self.units))


# MEASURE's symbols (of a normalised text) by the unit names of the word lists
_UNIT_OF_SYMBOL = {"ml": "mL", "mg": "mg", "mcg": "mcg", "µg": "mcg", "μg": "mcg", "g": "g", "kg": "kg", "L": "L"}


_DEGREES = re.compile(r"\d\s?°\s?([fc])(?![^\W\d_])")


def _symbol_units(text: str) -> frozenset[str]:
    """The units a normalised text writes as a measure's symbol ("5 mL",
    "38 °C"): the measure check compares those; here they only answer a unit
    written out ("5 mililitros", "38 grados centígrados") in the other text."""
    degrees = {"fahrenheit" if m.group(1) == "f" else "celsius" for m in _DEGREES.finditer(text)}
    return frozenset(_UNIT_OF_SYMBOL[m.group(2)] for m in MEASURE.finditer(text)
                     if m.group(2) in _UNIT_OF_SYMBOL) | degrees


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _events(language: str, text: str) -> tuple[str, list[Hit], list[Hit]]:
    """The text an amount is read in (measures, each-dose words, rates that
    hold a number and times of day blanked), its unit words, numbers and
    fractions in order, and the hours of the clock whose half it leaves
    unsaid ("9 h" of "de 9 h à 17 h")."""
    text = _without(text, [Hit(m.group(), m.start(), m.end(), frozenset()) for m in MEASURE.finditer(text)])
    text = _without(text, _each_dose(language, text))
    # a rate that holds a number ("1日" of "1日2回", "sa isang araw") is compared by changed_rates, not as 1 day
    text = _without(text, [h for h in _rate_hits(language, text) if _holds_number(language, h.text)])
    times = clock_times(language, text)
    text = _without(text, [t.hit for t in times if t.definite])
    fractions = [Hit(m.group(), m.start(), m.end(), frozenset({Tag("fraction", fraction_value(m))}))
                 for m in FRACTION.finditer(text) if fraction_value(m) is not None]
    digits = _without(text, fractions) if fractions else text
    numbers = [Hit(m.group(), m.start(), m.end(), frozenset()) for m in _DIGITS.finditer(digits)]
    events = sorted([*_scan(language, "unit", text), *fractions, *numbers], key=lambda h: h.start)
    return text, _halves_after_numbers(text, events), [t.hit for t in times if not t.definite]


def _value_of(hit: Hit) -> float | None:
    value = next((t.value for t in hit.tags if t.kind in ("numbers", "fraction")), None)
    return float(value) if value is not None else _number(hit.text)


def _halves_after_numbers(text: str, events: list[Hit]) -> list[Hit]:
    """A number with "and a half" after it, before its unit, as one number:
    "две с половиной таблетки", "two and a half tablets" (2.5)."""
    merged: list[Hit] = []
    for index, hit in enumerate(events):
        previous = merged[-1] if merged else None
        if "and_half" in hit.kinds() and previous is not None and _unit_next(text, events, index) \
                and (not previous.tags or previous.kinds() & {"numbers", "fraction"}) \
                and not text[previous.end:hit.start].strip(" -\u00a0") and _value_of(previous) is not None:
            merged[-1] = Hit(text[previous.start:hit.end], previous.start, hit.end,
                             frozenset({Tag("fraction", _value_of(previous) + 0.5), Tag("half")}))
        else:
            merged.append(hit)
    return merged


@lru_cache(maxsize=16384)
def amounts(language: str, text: str) -> tuple[Amount, ...]:
    """Unit words of a normalised text, each with the number right before
    it (digits or a number word, then only spaces, a hyphen or a word of
    `between`), or that it holds itself ("twice", Arabic "يومين"); "and a
    half" after either adds a half ("1 tableta y media", "1片半")."""
    text, events, hours = _events(language, text)
    found, previous, halves = [], None, []
    between = {normalise(w) for w in _section(language, "unit").get("between", [])}
    for index, hit in enumerate(events):
        kinds = hit.kinds()
        if "and_half" in kinds and not _unit_next(text, events, index):
            halves.append(hit)  # the half of the amount before it, if any
            previous = None
            continue
        units = frozenset(k.split(".", 1)[1] for k in kinds if k.startswith("words."))
        counted = next((t.value for t in hit.tags if t.kind == "counted"), None)
        if counted:
            found.append(Amount(frozenset({str(counted[1])}), float(counted[0]), True, hit.text, end=hit.end))
        elif units:
            number, spelled = None, False
            if previous is not None:
                gap = text[previous.end:hit.start].strip(" -\u00a0")
                if gap == "" or gap in between:
                    number = _value_of(previous)
                    spelled = "numbers" in previous.kinds() or not previous.text[:1].isdigit()
            said = text[previous.start:hit.end] if number is not None else hit.text
            clock = any(h.start <= hit.start < h.end for h in hours)
            start = previous.start if number is not None else None
            half = number is not None and "half" in previous.kinds()
            found.append(Amount(units, number, spelled, said, clock, start, half, hit.end))
        if kinds <= {"between", "counters"} and kinds and previous is not None:
            continue  # "un demi-comprimé": a hyphen or counter between the number and its unit
        previous = hit if (not hit.tags or kinds & {"numbers", "fraction"}) else None
    return tuple(_halves_after_units(text, found, halves))


def _halves_after_units(text: str, found: list[Amount], halves: list[Hit]) -> list[Amount]:
    """Amounts with the "and a half" written right after their unit added:
    "1 tableta y media", "un comprimé et demi", "1片半", "1정 반" (1.5)."""
    for half in halves:
        index = next((i for i, a in enumerate(found) if a.number is not None and not a.half
                      and a.number_at is not None and 0 <= a.end <= half.start
                      and not text[a.end:half.start].strip()), None)
        if index is not None:
            amount = found[index]
            found[index] = replace(amount, number=amount.number + 0.5, half=True,
                                   text=text[amount.number_at:half.end], end=half.end)
    return found


def _span(amount: Amount) -> tuple[int, int]:
    """Where an amount is written: its number, or its unit word, to its end."""
    return (amount.number_at if amount.number_at is not None else amount.end - len(amount.text)), amount.end


_AMOUNT_NEXT = re.compile(r"\s*\d")


def _unit_next(text: str, events: list[Hit], index: int) -> bool:
    """Whether a unit word follows an event with only spaces, or a word of
    `between` or `counters`, between: the "media" of "1 tableta y media
    hora" counts the hour, not the tablet; the 半 of "半个月" the month."""
    end = events[index].end
    for following in events[index + 1:]:
        if text[end:following.start].strip():
            return False
        kinds = following.kinds()
        if any(k.startswith("words.") or k == "counted" for k in kinds):
            return True
        if not kinds or not kinds <= {"between", "counters"}:
            return False
        end = following.end
    return False


def _each_dose(language: str, text: str) -> list[Hit]:
    """The "1회" of "1회 2정" and the "1回" of "1回2錠" (2 tablets each dose):
    before an amount, and not after a rate ("1일 1회 2정" is once a day), it
    says "each dose" and counts no time."""
    rates = _rate_hits(language, text)
    return [hit for hit in _scan(language, "dose", text) if "per_dose" in hit.kinds()
            and _AMOUNT_NEXT.match(text, hit.end)
            and not any(rate.end <= hit.start and not text[rate.end:hit.start].strip() for rate in rates)]


def _holds_number(language: str, text: str) -> bool:
    return bool(_DIGITS.search(text)) or any(t.kind == "numbers" for h in _scan(language, "unit", text) for t in h.tags)


def _section(language: str, name: str) -> dict:
    return language_data(language).get(name, {})


def _families() -> dict[str, str]:
    """Units that can be mistaken for each other, named in en.toml."""
    return {unit: family for family, units in _section(SOURCE_LANGUAGE, "unit").get("families", {}).items()
            for unit in units}


def _counted(number: float, unit: str) -> str:
    plural = number != 1 and unit[:1].islower() and unit not in ("mg", "mcg", "g", "kg", "mL")
    return f"{number:g} {unit}{'s' if plural else ''}"


class _Uncounted(dict):
    """The units a language names with words the check does not count, by
    language: "dose", which only Korean 회 and Japanese 回 count ("4 doses"
    as "4 dosis" is not missing a unit)."""

    def __missing__(self, language: str) -> frozenset[str]:
        words = _section(language, "unit").get("words", {})
        self[language] = frozenset(unit for unit in ("dose",) if not words.get(unit))
        return self[language]


_UNCOUNTED = _Uncounted()


def changed_units(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A number keeps its unit, and the same unit: a teaspoon is not a
    tablespoon, hours are not days, twice a day is not three times. Units of
    the translation with a number must be units the source names, and a unit
    both texts count keeps its numbers: 1 teaspoon every 6 hours is not 6
    teaspoons every hour, though it has every number and every unit."""
    if not _ready(context, "unit") or _copied(source, target):
        return
    from . import frequency  # it reads amounts as this module does
    families = _families()
    yield from added_number_words(source, target, context.language)
    yield from frequency.made_approximate(normalise(prose(source)), normalise(prose(target)), context.language)
    for where, source_part, target_part in candidates("unit", source, target, context.language):
        source_part, target_part = _without_around_the_clock(source_part, target_part, context.language)
        target_part = hours_as_digits(context.language, target_part)
        theirs, ours = amounts(SOURCE_LANGUAGE, source_part), amounts(context.language, target_part)
        if not theirs and not ours:
            continue
        their_units = frozenset().union(*(a.units for a in theirs))
        our_units = frozenset().union(*(a.units for a in ours))
        # "7 days" as "una semana", "twice a day" as "cada 12 horas" or "matin et soir"
        equal = frequency.equivalents(source_part, target_part, context.language)
        missing = list({a.unit: a for a in theirs if a.number is not None and a.units - _UNCOUNTED[context.language]
                        and not a.units & (our_units | _symbol_units(target_part)) and not equal.answers(a)}.values())
        added = list({a.unit: a for a in ours if a.number is not None and not a.clock
                      and not a.units & (their_units | _symbol_units(source_part))
                      and not equal.covers(*_span(a))}.values())
        for lost in missing:
            swap = next((a for a in added if {families.get(u) for u in a.units} & {families.get(u) for u in lost.units}),
                        None)
            if swap is not None:
                added.remove(swap)
                yield f'{where}the source says "{lost.text}" ({lost.unit}) but the translation says ' \
                      f'"{swap.text}" ({swap.unit})'
            else:
                other = next((a for a in ours if not a.units & their_units and
                              {families.get(u) for u in a.units} & {families.get(u) for u in lost.units}), None)
                instead = f', only "{other.text}" ({other.unit})' if other is not None else ""
                yield f'{where}the source says "{lost.text}" ({lost.unit}); the translation has no {lost.unit}{instead}'
        for extra in added:
            yield f'{where}the translation says "{extra.text}" ({extra.unit}); the source has no {extra.unit}'
        durations = list(_changed_durations(where, theirs, tuple(a for a in ours if not equal.covers(*_span(a))),
                                            families))
        yield from durations or changed_rates(where, source_part, target_part, context.language, equal)
        yield from frequency.dropped_period(where, source_part, target_part, context.language)
        # "9 h" of "de 9 h à 17 h" is an hour of the clock where the source gives times of day;
        # "en 4 horas" of a source without one is a duration
        timed = bool(clock_times(SOURCE_LANGUAGE, source_part))
        yield from _changed_numbers(where, tuple(a for a in theirs if not equal.answers(a)),
                                    tuple(a for a in ours if not equal.covers(*_span(a))), timed)


def _changed_numbers(where: str, theirs: tuple[Amount, ...], ours: tuple[Amount, ...], timed: bool) -> Iterator[str]:
    """A unit both texts count keeps its numbers: 1 teaspoon every 6 hours
    is not 6 teaspoons every hour (what a translation says in other words,
    "twice a day" as "每12小时服用一次", is left out by the caller)."""
    for unit in sorted(frozenset().union(*(a.units for a in theirs)) & frozenset().union(*(a.units for a in ours))):
        their_numbers = {a.number for a in theirs if unit in a.units and a.number is not None and not a.clock}
        our_numbers = {a.number for a in ours if unit in a.units and a.number is not None
                       and not (a.clock and timed)}
        if their_numbers and our_numbers and their_numbers != our_numbers:
            said = next(a for a in theirs if unit in a.units and a.number not in our_numbers | {None}) \
                if their_numbers - our_numbers else next(a for a in theirs if unit in a.units and a.number is not None)
            other = next(a for a in ours if unit in a.units and a.number not in their_numbers | {None}) \
                if our_numbers - their_numbers else next(a for a in ours if unit in a.units and a.number is not None)
            yield f'{where}the source says "{said.text}" ({_counted(said.number, unit)}) but the translation ' \
                  f'says "{other.text}" ({_counted(other.number, unit)})'


# English words that say a number a translation may spell out: "every other day" is
# "cada dos días", "both eyes" "los dos ojos", "a dozen" "doce", "daily" "una vez al día"
_IMPLIED_NUMBERS = {"both": 2, "other": 2, "pair": 2, "couple": 2, "double": 2, "second": 2, "third": 3,
                    "dozen": 12, "zero": 0, "hundred": 100, "quarter": 0.25, "half": 0.5, "once": 1, "single": 1,
                    "daily": 1, "nightly": 1, "hourly": 1, "weekly": 1, "monthly": 1, "yearly": 1}


# Hangul and the scripts without spaces: number syllables there are parts of other words
_NO_NUMBER_WORDS = re.compile("[\u1100-\u11ff\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


# "a glass of water", "each tablet", "per day": one of that unit, said with an article
_ONE_OF = re.compile(r"\b(?:a|an|one|each|per|every|single)\s+(?:[^\W\d_]+\s+)?$")


def _source_numbers(text: str) -> set[float]:
    """The numbers a normalised source says: digits, fractions ("½",
    "1/2"), number words, counted phrases ("twice") and words that imply one
    ("both", "daily")."""
    fractions = [m for m in FRACTION.finditer(text) if fraction_value(m) is not None]
    values = {fraction_value(m) for m in fractions}
    digits = _without(text, [Hit(m.group(), m.start(), m.end(), frozenset()) for m in fractions])
    values |= {_number(m.group()) for m in _DIGITS.finditer(digits)}
    for hit in _scan(SOURCE_LANGUAGE, "unit", text):
        for tag in hit.tags:
            if tag.kind == "numbers":
                values.add(float(tag.value))
            elif tag.kind == "counted":
                values.add(float(tag.value[0]))
    values.update(float(v) for w, v in _IMPLIED_NUMBERS.items() if re.search(rf"\b{w}\b", text))
    return {v for v in values if v is not None}


def _weekday_hits(language: str, text: str) -> list[tuple[Hit, frozenset[str]]]:
    return [(h, kinds) for h in _scan(language, "term", text)
            if (kinds := frozenset(k for k in h.kinds() if k.startswith("weekday.")))]


def _weekdays_of_source(language: str, text: str, source: str) -> list[Hit]:
    """The names of days in a normalised translation that the source names
    too: "thứ Hai" (Monday) and "thứ Sáu" (Friday) are names, not the
    numbers 2 and 6 (the key-term check compares the days themselves)."""
    ours = _weekday_hits(language, text)
    if not ours:
        return []
    theirs = frozenset().union(*(kinds for _, kinds in _weekday_hits(SOURCE_LANGUAGE, normalise(prose(source)))))
    return [hit for hit, kinds in ours if kinds & theirs]


def _units_said_once(text: str) -> frozenset[str]:
    """Units a normalised source names once with an article ("a glass of
    water", "each tablet"), which a translation may count ("un vaso")."""
    return frozenset(k.split(".", 1)[1] for hit in _scan(SOURCE_LANGUAGE, "unit", text)
                     if _ONE_OF.search(text[:hit.start]) for k in hit.kinds() if k.startswith("words."))


def added_number_words(source: str, target: str, language: str) -> Iterator[str]:
    """A number word of the translation ("o diez", "服用两片", "세 번") that the
    source does not say, as a word, a fraction or in digits, is an added
    number; the number check sees only digits. One ("un", "una", also an
    article), fractions ("media", "半") and the number characters of Chinese,
    Japanese and Korean (parts of other words: 一些, 两者, 세상) count only
    where they count a unit or take a counter ("una cucharadita", "两片",
    "二つ"); a "one" answers a unit the source names with "a" or "each"."""
    text = hours_as_digits(language, normalise(prose(target)))  # "a las nueve" is a time, not 9 of a unit
    text = _without(text, _weekdays_of_source(language, text, source))
    unspaced = bool(_NO_NUMBER_WORDS.search(text))
    from .frequency import equivalents  # it reads amounts as this module does
    equal = equivalents(normalise(prose(source)), text, language)  # "每6小时服用一次": the interval's "once"
    counting = {a.number_at: a for a in amounts(language, text) if a.spelled and a.number_at is not None}
    counters = tuple(normalise(c) for c in _section(language, "unit").get("counters", []))
    said: set[float] | None = None
    for hit in _scan(language, "unit", text):
        if any(k.startswith("words.") or k == "counted" for k in hit.kinds()):
            continue
        value = next((float(t.value) for t in hit.tags if t.kind == "numbers"), None)
        if value is None or equal.covers(hit.start, hit.end):
            continue
        amount = counting.get(hit.start)
        if amount is not None and amount.half:
            value = amount.number  # "una tableta y media": 1.5
        countable = value >= 2 and value == int(value) and not unspaced
        if not countable and amount is None and not (counters and text.startswith(counters, hit.end)):
            continue
        if said is None:
            said = _source_numbers(normalise(prose(source)))
        if value in said:
            continue
        if value == 1 and amount is not None and (amount.units & _units_said_once(normalise(prose(source)))
                                                  or {_families().get(u) for u in amount.units} == {"duration"}):
            continue  # "de un día a otro" (from day to day): only a dose counted as one is a number
        yield f'the translation says "{amount.text if amount else hit.text}" ({value:g}); the source has no {value:g}'


def _changed_durations(where: str, theirs: tuple[Amount, ...], ours: tuple[Amount, ...],
                       families: dict[str, str]) -> Iterator[str]:
    """Durations said without a number ("a few weeks", "hours a week",
    "несколько часов") keep their unit too: a duration of the source that
    the translation does not name, where the translation names one the
    source does not, is a swap. Either alone is not an error: "for a week"
    may well be "por 7 días", which the number check sees."""
    durations = {unit for unit, family in families.items() if family == "duration"}
    their_units = frozenset().union(*(a.units for a in theirs))
    our_units = frozenset().union(*(a.units for a in ours))
    lost = list({a.unit: a for a in theirs if a.number is None and a.units <= durations
                 and not a.units & our_units}.values())
    gained = list({a.unit: a for a in ours if a.number is None and not a.clock and a.units <= durations
                   and not a.units & their_units}.values())
    if not lost or not gained:
        # "twice a day" as "dos veces a la semana": the period of a frequency, said without a
        # number, changed where the same unit also counts something else ("for 7 days")
        their_periods = frozenset().union(*(a.units for a in theirs if a.number is None and a.units <= durations))
        our_periods = frozenset().union(*(a.units for a in ours if a.number is None and not a.clock
                                          and a.units <= durations))
        lost = list({a.unit: a for a in theirs if a.number is None and a.units <= durations
                     and not a.units & our_periods}.values())
        gained = list({a.unit: a for a in ours if a.number is None and not a.clock and a.units <= durations
                       and not a.units & their_units}.values()) if their_periods else []
    for before, after in zip(lost, gained):
        yield f'{where}the source says "{before.text}" ({before.unit}) but the translation says ' \
              f'"{after.text}" ({after.unit})'


_RATES = {"per_hour": "per hour", "per_day": "per day", "per_week": "per week", "per_month": "per month"}


def _rate_hits(language: str, text: str) -> list[Hit]:
    return [hit for hit in _scan(language, "dose", text) if hit.kinds() & _RATES.keys()]


def _rates(language: str, text: str) -> dict[str, Hit]:
    """The periods a normalised text counts doses in ("twice a day": per
    day), by the name of the period, first phrase of each."""
    found: dict[str, Hit] = {}
    for hit in _scan(language, "dose", text):
        # "24 hours a day, 7 days a week" (or "круглосуточно") is per day and per week
        kinds = {"per_day", "per_week"} if "around_the_clock" in hit.kinds() else hit.kinds() & _RATES.keys()
        for kind in sorted(kinds):
            found.setdefault(kind, hit)
    return found


def _counted_periods(language: str, text: str) -> frozenset[str]:
    """The periods a normalised text counts with a number other than one
    ("in 24 hours"): a translation may not make them a rate ("por hora")."""
    return frozenset(f"per_{unit}" for a in amounts(language, text) if a.number not in (None, 1.0)
                     for unit in a.units if f"per_{unit}" in _RATES)


def changed_rates(where: str, source: str, target: str, language: str,
                  equal: frequency.Equivalents | None = None) -> Iterator[str]:
    """A dose counted per day stays per day: "twice a day" is not "dos veces
    a la semana", and "4 doses in 24 hours" is not "4 dosis por hora". A
    rate of the translation that the source does not name is an error where
    the source names another rate or counts that period in a number."""
    theirs, ours = _rates(SOURCE_LANGUAGE, source), _rates(language, target)
    lost = [(kind, hit) for kind, hit in theirs.items() if kind not in ours]
    for kind, hit in ours.items():
        if kind in theirs or (equal is not None and equal.covers(hit.start, hit.end)):
            continue  # "every 12 hours" as "dos veces al día": the frequency's rate
        if lost:
            yield f'{where}the source says "{lost[0][1].text}" ({_RATES[lost[0][0]]}) but the translation ' \
                  f'says "{hit.text}" ({_RATES[kind]})'
        elif kind in _counted_periods(SOURCE_LANGUAGE, source):
            yield f'{where}the translation says "{hit.text}" ({_RATES[kind]}); the source counts no dose ' \
                  f'{_RATES[kind]}'


def _around_the_clock(language: str, text: str) -> list[Hit]:
    return [hit for hit in _scan(language, "dose", text) if "around_the_clock" in hit.kinds()]


def _without_around_the_clock(source: str, target: str, language: str) -> tuple[str, str]:
    """Both texts without their "24 hours a day, 7 days a week" where both
    say it, the translation as its language does ("круглосуточно", "全天候")."""
    theirs, ours = _around_the_clock(SOURCE_LANGUAGE, source), _around_the_clock(language, target)
    return (_without(source, theirs), _without(target, ours)) if theirs and ours else (source, target)
