"""The unit check: a number keeps its unit (teaspoon is no tablespoon,
mg no mcg, days no weeks), a rate its period (twice a day is no twice a
week), and no number word is added."""

from __future__ import annotations

import re
from typing import Iterator

from ..stored_patterns import stored_compile
from ..tokens import FRACTION, fraction_value
from .amounts import (RATES, UNCOUNTED, Amount, amounts, counted_periods, counted_text, dose_rates, doses_as_times,
                      number_value, section_of, span, symbol_units, unit_families)
from .base import TranslationContext
from .dates import dates_readable, without_dates
from .frequency import Equivalents, dropped_period, equivalents, made_approximate
from .hours import hours_as_digits
from .lexicon import Hit, SOURCE_LANGUAGE, normalise
from .measures import conversions
from .ordinals import ordinal_spans
from .reading import _DIGITS, _copied, _ready, _scan, _without, candidates, prose
from .times import clock_times


def changed_units(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A number keeps its unit, and the same unit: a teaspoon is not a
    tablespoon, hours are not days, twice a day is not three times. Units of
    the translation with a number must be units the source names, and a unit
    both texts count keeps its numbers: 1 teaspoon every 6 hours is not 6
    teaspoons every hour, though it has every number and every unit."""
    if not _ready(context, "unit") or _copied(source, target):
        return
    families = unit_families()
    converted = conversions(source, target, context.language)  # "8 ounces" as "240 mL"
    yield from added_number_words(source, target, context.language)
    yield from made_approximate(normalise(prose(source)), normalise(prose(target)), context.language,
                                converted.target_numbers())
    for where, source_part, target_part in candidates("unit", source, target, context.language):
        source_part, target_part = _without_around_the_clock(*undated(source_part, target_part, context.language),
                                                             context.language)
        target_part = _without_ordinals(hours_as_digits(context.language, target_part), context.language)
        theirs, ours = amounts(SOURCE_LANGUAGE, source_part), amounts(context.language, target_part)
        if not theirs and not ours:
            continue
        their_units = frozenset().union(*(a.units for a in theirs))
        our_units = frozenset().union(*(a.units for a in ours))
        # "7 days" as "una semana", "twice a day" as "cada 12 horas" or "matin et soir"
        equal = equivalents(source_part, target_part, context.language)
        missing = list({a.unit: a for a in theirs if a.number is not None and a.units - UNCOUNTED[context.language]
                        and not a.units & (our_units | symbol_units(target_part)) and not equal.answers(a)
                        and not any(converted.answers(a.number, u) for u in a.units)}.values())
        named = _medicines_counted(source_part)
        doses = doses_as_times(context.language, theirs, ours)  # "不要超过4次" for "no more than 4 doses"
        added = list({a.unit: a for a in ours if a.number is not None and not a.clock and not any(a is d for d in doses)
                      and not a.units & (their_units | symbol_units(source_part)) and not equal.covers(*span(a))
                      and not any(converted.gives(a.number, u) for u in a.units)
                      and not (a.number in named and {families.get(u) for u in a.units} == {"dose"})}.values())
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
        durations = list(_changed_durations(where, theirs, tuple(a for a in ours if not equal.covers(*span(a))),
                                            families))
        yield from durations or changed_rates(where, source_part, target_part, context.language, equal)
        yield from dropped_period(where, source_part, target_part, context.language)
        # "9 h" of "de 9 h à 17 h" is an hour of the clock where the source gives times of day;
        # "en 4 horas" of a source without one is a duration
        timed = bool(clock_times(SOURCE_LANGUAGE, source_part))
        yield from _changed_numbers(where, tuple(a for a in theirs if not equal.answers(a)),
                                    tuple(a for a in ours if not equal.covers(*span(a))), timed,
                                    _elliptic(context.language, target_part, ours))


def undated(source: str, target: str, language: str) -> tuple[str, str]:
    """Both texts without their dates, which count no unit ("6월 5일" is no 5
    days, "ngày 5 tháng 6" no 5 months: the date check compares them)."""
    if not dates_readable(language):
        return source, target
    return without_dates(SOURCE_LANGUAGE, source), without_dates(language, target)


# a number and up to two words before a medicine's name: "1 regular aspirin", "2 Tylenol"
_COUNTING = re.compile(r"(\d+(?:\.\d+)?)\s+(?:[^\W\d_]+\s+){0,2}$")


def _medicines_counted(text: str) -> frozenset[float]:
    """The numbers a normalised source counts a medicine by its name with
    ("chew 1 regular aspirin (325 mg)"): one of its dose forms ("1片", "1
    tableta") counts what the source counts."""
    found = set()
    for hit in _scan(SOURCE_LANGUAGE, "medicine", text):
        counted = _COUNTING.search(text, 0, hit.start)
        if counted is not None:
            found.add(float(counted.group(1)))
    return frozenset(found)


def _without_ordinals(text: str, language: str) -> str:
    """A normalised translation without its ordinal numbers ("2번째", the
    second; "2回目"): they count no unit (the number check compares them)."""
    spans = ordinal_spans(text, language)
    return _without(text, [Hit(text[a:b], a, b, frozenset()) for a, b in spans]) if spans else text


def _elliptic(language: str, text: str, ours: tuple[Amount, ...]) -> tuple[tuple[int, float], ...]:
    """Number words of a translation that count no unit of their own, where
    and of what value: "dois" of "um comprimido pela manhã e dois à noite"
    counts the tablets it leaves out."""
    spans = [span(a) for a in ours]
    return tuple((h.start, float(t.value)) for h in _scan(language, "unit", text) for t in h.tags
                 if t.kind == "numbers" and not any(start <= h.start < end for start, end in spans))


def _in_order(unit: str, theirs: tuple[Amount, ...], ours: tuple[Amount, ...],
              elliptic: tuple[tuple[int, float], ...]) -> bool:
    """Whether the translation's numbers of a unit, with its number words
    that leave the unit out, are the source's in the source's order (two
    tablets in the morning and one at night is not one and two)."""
    counted = [(a.number_at, a.number) for a in ours if unit in a.units and a.number_at is not None]
    if not counted or not elliptic:
        return False
    said = sorted((a.number_at or 0, a.number) for a in theirs if unit in a.units and a.number is not None)
    says = sorted(counted + [(start, value) for start, value in elliptic if start > min(counted)[0]])
    return [n for _, n in said] == [n for _, n in says]


def _changed_numbers(where: str, theirs: tuple[Amount, ...], ours: tuple[Amount, ...], timed: bool,
                     elliptic: tuple[tuple[int, float], ...] = ()) -> Iterator[str]:
    """A unit both texts count keeps its numbers: 1 teaspoon every 6 hours
    is not 6 teaspoons every hour (what a translation says in other words,
    "twice a day" as "每12小时服用一次", is left out by the caller), nor 1
    tablet and 2 "um comprimido ... e dois" (`elliptic` number words)."""
    for unit in sorted(frozenset().union(*(a.units for a in theirs)) & frozenset().union(*(a.units for a in ours))):
        their_numbers = {a.number for a in theirs if unit in a.units and a.number is not None and not a.clock}
        our_numbers = {a.number for a in ours if unit in a.units and a.number is not None
                       and not (a.clock and timed)}
        if their_numbers and our_numbers and their_numbers != our_numbers \
                and not _in_order(unit, theirs, ours, elliptic):
            said = next(a for a in theirs if unit in a.units and a.number not in our_numbers | {None}) \
                if their_numbers - our_numbers else next(a for a in theirs if unit in a.units and a.number is not None)
            other = next(a for a in ours if unit in a.units and a.number not in their_numbers | {None}) \
                if our_numbers - their_numbers else next(a for a in ours if unit in a.units and a.number is not None)
            yield f'{where}the source says "{said.text}" ({counted_text(said.number, unit)}) but the translation ' \
                  f'says "{other.text}" ({counted_text(other.number, unit)})'


# English words that say a number a translation may spell out: "every other day" is
# "cada dos días", "both eyes" "los dos ojos", "a dozen" "doce", "daily" "una vez al día"
_IMPLIED_NUMBERS = {"both": 2, "other": 2, "pair": 2, "couple": 2, "double": 2, "second": 2, "third": 3,
                    "dozen": 12, "zero": 0, "hundred": 100, "quarter": 0.25, "half": 0.5, "once": 1, "single": 1,
                    "daily": 1, "nightly": 1, "hourly": 1, "weekly": 1, "monthly": 1, "yearly": 1,
                    # "twelve at night" (ساعت دوازده شب, 夜12時) is midnight, "twelve o'clock" noon
                    "midnight": 12, "noon": 12, "midday": 12}


# Hangul and the scripts without spaces: number syllables there are parts of other words
_NO_NUMBER_WORDS = stored_compile("units-no-number-words",
                                  "[\u1100-\u11ff\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


# "a glass of water", "each tablet", "per day": one of that unit, said with an article
_ONE_OF = re.compile(r"\b(?:a|an|one|each|per|every|single)\s+(?:[^\W\d_]+\s+)?$")


def _source_numbers(text: str) -> set[float]:
    """The numbers a normalised source says: digits, fractions ("½",
    "1/2"), number words, counted phrases ("twice") and words that imply one
    ("both", "daily")."""
    fractions = [m for m in FRACTION.finditer(text) if fraction_value(m) is not None]
    values = {fraction_value(m) for m in fractions}
    digits = _without(text, [Hit(m.group(), m.start(), m.end(), frozenset()) for m in fractions])
    values |= {number_value(m.group()) for m in _DIGITS.finditer(digits)}
    for hit in _scan(SOURCE_LANGUAGE, "unit", text):
        for tag in hit.tags:
            if tag.kind == "numbers":
                values.add(float(tag.value))
            elif tag.kind == "counted":
                values.add(float(tag.value[0]))
    values.update(float(v) for w, v in _IMPLIED_NUMBERS.items() if re.search(rf"\b{w}\b", text))
    values.update(a.number for a in amounts(SOURCE_LANGUAGE, text) if a.half)  # "one and a half tablets"
    # a number word inside a longer phrase ("two doses at once", a change of the dose) is said too
    values.update(float(v) for w, v in section_of(SOURCE_LANGUAGE, "unit").get("numbers", {}).items()
                  if w in text and re.search(rf"\b{re.escape(w)}\b", text))
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
    text = hours_as_digits(language, undated("", normalise(prose(target)), language)[1])  # "a las nueve" is a time
    text = _without(text, _weekdays_of_source(language, text, source))
    unspaced = bool(_NO_NUMBER_WORDS.search(text))
    equal = equivalents(normalise(prose(source)), text, language)  # "每6小时服用一次": the interval's "once"
    counting = {a.number_at: a for a in amounts(language, text) if a.spelled and a.number_at is not None}
    counters = tuple(normalise(c) for c in section_of(language, "unit").get("counters", []))
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
        # a number word that is also the language's "no" (Persian نه, 9 and no) counts only before a unit
        countable = value >= 2 and value == int(value) and not unspaced and not _also_negation(language, text, hit)
        if not countable and amount is None and not (counters and text.startswith(counters, hit.end)):
            continue
        if said is None:
            said = _source_numbers(normalise(prose(source)))
        if value in said:
            continue
        if value == 1 and amount is not None and (amount.units & _units_said_once(normalise(prose(source)))
                                                  or {unit_families().get(u) for u in amount.units} == {"duration"}):
            continue  # "de un día a otro" (from day to day): only a dose counted as one is a number
        yield f'the translation says "{amount.text if amount else hit.text}" ({value:g}); the source has no {value:g}'


def _also_negation(language: str, text: str, hit: Hit) -> bool:
    """A number word that the language also writes as a negation: Persian
    "نه" is 9 and "no" ("نه، آن را با غذا مصرف نکنید", no, do not take it
    with food)."""
    return any(h.start == hit.start and h.end == hit.end and "words" in h.kinds()
               for h in _scan(language, "negation", text))


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


def changed_rates(where: str, source: str, target: str, language: str,
                  equal: Equivalents | None = None) -> Iterator[str]:
    """A dose counted per day stays per day: "twice a day" is not "dos veces
    a la semana", and "4 doses in 24 hours" is not "4 dosis por hora". A
    rate of the translation that the source does not name is an error where
    the source names another rate or counts that period in a number."""
    theirs, ours = dose_rates(SOURCE_LANGUAGE, source), dose_rates(language, target)
    lost = [(kind, hit) for kind, hit in theirs.items() if kind not in ours]
    for kind, hit in ours.items():
        if kind in theirs or (equal is not None and equal.covers(hit.start, hit.end)):
            continue  # "every 12 hours" as "dos veces al día": the frequency's rate
        if lost:
            yield f'{where}the source says "{lost[0][1].text}" ({RATES[lost[0][0]]}) but the translation ' \
                  f'says "{hit.text}" ({RATES[kind]})'
        elif kind in counted_periods(SOURCE_LANGUAGE, source):
            yield f'{where}the translation says "{hit.text}" ({RATES[kind]}); the source counts no dose ' \
                  f'{RATES[kind]}'


def _around_the_clock(language: str, text: str) -> list[Hit]:
    return [hit for hit in _scan(language, "dose", text) if "around_the_clock" in hit.kinds()]


def _without_around_the_clock(source: str, target: str, language: str) -> tuple[str, str]:
    """Both texts without their "24 hours a day, 7 days a week" where both
    say it, the translation as its language does ("круглосуточно", "全天候")."""
    theirs, ours = _around_the_clock(SOURCE_LANGUAGE, source), _around_the_clock(language, target)
    return (_without(source, theirs), _without(target, ours)) if theirs and ours else (source, target)
