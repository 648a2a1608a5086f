"""The course of a treatment: how long, how often, from when, and what
comes first. A translation may keep every number and still change it:
"Take 2 teaspoons at 9 p.m." as "... a las 9 p. m. cada hora" (every hour:
24 doses a day), "for 7 days" as "7 días a la semana" (7 days a week, with
no end), "el día 7" (on day 7 only) or "à partir du 7e jour" (from day 7
on), "twice a day for 7 days" as "... durante 7 días, dos veces" (the
course twice); "Wait 2 hours before you eat" as "Coma al menos 2 horas
antes" (eat 2 hours before) or "antes de tomarlo" (before taking it)."""

from __future__ import annotations

import re
from typing import Iterator

from .base import EntryCheck, TranslationContext
from .hours import hours_as_digits
from .lexicon import SOURCE_LANGUAGE, Hit, language_data, normalise, language_setting
from .comparative import _CLAUSE_EDGE
from .reading import _copied, _directions, _ready, _scan, _without, candidates, prose
from .times import clock_times
from .frequency import Equivalents, _hours, equivalents, intervals
from .amounts import amounts, doses_as_times, span
from .units import undated, changed_rates
from .waits import waits

# periods of time a course is counted in (years are ages: "menores de 16 años")
PERIODS = ("minute", "hour", "day", "week", "month")
_RATE_PERIODS = {"per_hour": ("hour",), "per_day": ("day",), "per_week": ("week",), "per_month": ("month",),
                 "around_the_clock": ("hour", "day", "week")}


def periods(language: str, text: str, numbered: bool = False) -> dict[str, Hit]:
    """The periods a normalised text names, in words or as a rate ("twice
    a day": day; "24 hours a day, 7 days a week": hour, day and week), by
    unit, first phrase of each. A rate's own words count as the rate ("cada
    24 horas" is per day, and names days). Periods counted with a number
    are left out (the unit check compares them) unless `numbered` (the
    source's side: every period it names answers one of the translation)."""
    found: dict[str, Hit] = {}
    text = hours_as_digits(language, text)  # "à huit heures du soir" is a time
    # the hour of a clock ("à 20 h", "الساعة 8", "8 giờ tối") is no period of hours
    # and a translation's "tomorrow", "in a few weeks" (`[urgency] delay`) are the urgency check's
    # "every morning" is a part of the day and a rate (once a day): the rate stays
    said_rates = [h for h in _scan(language, "dose", text) if h.kinds() & _RATE_PERIODS.keys()]
    words = [h for h in _scan(language, "time", text)
             if not h.kinds() & {"oclock", "oclock24", "minutes", "half", "hours", "daytime"}
             and not any((r.start, r.end) == (h.start, h.end) for r in said_rates)]
    # a phrase the unit list sets aside ("예약 시간", the appointment time) is read before the
    # urgency words ("예약", an appointment) blank a part of it
    unsaid = [h for h in _scan(language, "unit", text) if h.kinds() == {"not"}]
    text = _without(text, [*words, *unsaid, *(t.hit for t in clock_times(language, text)),
                           *(() if numbered else _scan(language, "urgency", text))])
    rates = [h for h in _scan(language, "dose", text) if h.kinds() & _RATE_PERIODS.keys()]
    for hit in rates:
        for kind in sorted(hit.kinds() & _RATE_PERIODS.keys()):
            for unit in _RATE_PERIODS[kind]:
                found.setdefault(unit, hit)
    # a period counted with a number ("4 días" for "4 hours") is the unit check's
    counted = set() if numbered else \
        {unit for amount in amounts(language, text) if amount.number is not None for unit in amount.units}
    weekdays = _weekdays(language, text)  # the 日 of 月曜日 (Monday) is no period of days
    for hit in _scan(language, "unit", _without(text, rates)):
        if any(day.start <= hit.start and hit.end <= day.end for day in weekdays):
            continue
        for kind in sorted(hit.kinds()):
            unit = kind.removeprefix("words.")
            if kind.startswith("words.") and unit in PERIODS and unit not in counted:
                found.setdefault(unit, hit)
    return found


def _weekdays(language: str, text: str) -> list[Hit]:
    return [h for h in _scan(language, "term", text) if any(k.startswith("weekday.") for k in h.kinds())]


def _of_weekday(unit: str, hit: Hit, weekdays: list[Hit], text: str) -> bool:
    """The "every" of "every Monday" a translation says with a period word:
    "每周一", "매주 월요일" (every week, Monday), "كل يوم اثنين" (every
    Monday, whose name holds يوم, day); which day is the weekday check's
    question."""
    return any(hit.start <= day.start and (day.start < hit.end or unit == "week" and not text[hit.end:day.start].strip())
               for day in weekdays)


def _day_numbers(language: str, text: str) -> list[Hit]:
    return [h for h in _scan(language, "addition", text) if "day_number" in h.kinds()]


def _frequencies(language: str, text: str, said: Equivalents | None = None) -> list[str]:
    """Each time a normalised text counts doses ("twice", "dos veces", "3
    times"), but the "once" of an interval ("每6小时服用一次")."""
    return [amount.text for amount in amounts(language, text) if amount.units == {"time"} and amount.number
            and not (said is not None and said.covers(*span(amount)))]


def _every_other_day(language: str, text: str) -> Hit | None:
    """The first "every other day" of a normalised text ("через день",
    "cada dos días", "隔日"): `[dose] every_other_day`."""
    return next((h for h in _scan(language, "dose", text) if "every_other_day" in h.kinds()), None)


def changed_interval(theirs_text: str, ours_text: str, language: str) -> Iterator[str]:
    """A dose every other day stays every other day: "twice a day for 10
    days" with an added "через день" halves the doses, and "every other
    day" said as "todos los días" doubles them. Runs where the language
    lists its words for it."""
    if not language_data(language).get("dose", {}).get("every_other_day"):
        return
    theirs, ours = _every_other_day(SOURCE_LANGUAGE, theirs_text), _every_other_day(language, ours_text)
    if ours is not None and theirs is None:
        yield f'the translation says "{ours.text}" (every other day), which the source does not say: the ' \
              f'reader would take half the doses'
    elif theirs is not None and ours is None:
        yield f'the source says "{theirs.text}" but the translation does not say every other day: the reader ' \
              f'would take a dose every day'


def _duration_as_interval(theirs_text: str, ours_text: str, language: str) -> Iterator[str]:
    """A course's length said as a second interval between doses: "every 12
    hours for 14 days" as "cada 12 horas cada 14 días", "每14天一次", "14일마다"
    (one day a fortnight, not fourteen days in a row)."""
    theirs = intervals(SOURCE_LANGUAGE, theirs_text)
    spaced = {round(hours, 6) for _, hours, _ in theirs}
    inside = [(hit.start, hit.end) for hit, _, _ in theirs]
    lengths = {round(hours, 6) for a in amounts(SOURCE_LANGUAGE, theirs_text)
               if (hours := _hours(a)) and not any(start <= (a.number_at or -1) < end for start, end in inside)}
    for hit, hours, amount in intervals(language, ours_text):
        if round(hours, 6) not in spaced and round(hours, 6) in lengths:
            yield f'the translation says "{hit.text}" (every {amount.text}), where the source says how long the ' \
                  f'course lasts: {amount.text} in a row, not once in {amount.text}'
            return


def _interval_as_duration(theirs_text: str, ours_text: str, language: str) -> Iterator[str]:
    """An interval between doses said as a length: "every 6 hours" as
    "durante 6 horas" (for 6 hours) gives the doses of one afternoon."""
    if not language_data(language).get("dose", {}).get("interval"):
        return
    ours = intervals(language, ours_text)
    spaced = {round(hours, 6) for _, hours, _ in ours}
    # an interval phrase beside the amount ("4時間ごとに") is an interval the reading above may not pair
    inside = [(hit.start - 3, hit.end + 3) for hit in _scan(language, "dose", ours_text) if "interval" in hit.kinds()]
    # "6 horas" may be a time of day ("a las 6 horas"); where the translation has no interval, it is the length
    lengths = {round(hours, 6): a for a in amounts(language, ours_text)
               if not a.spelled and (hours := _hours(a, interval=not ours))  # "cada seis horas": no "cada #" read
               and not any(start <= (a.number_at or -1) < end or start <= a.end <= end for start, end in inside)}
    for hit, hours, amount in intervals(SOURCE_LANGUAGE, theirs_text):
        if round(hours, 6) not in spaced and round(hours, 6) in lengths:
            yield f'the source says "{hit.text}" (every {amount.text}) but the translation says ' \
                  f'"{lengths[round(hours, 6)].text}" as a length: {amount.text} in a row, not a dose every {amount.text}'
            return


def changed_course(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A period, a day number or a frequency the translation says and the
    source does not: "cada hora" where the source names no hour, "cada
    mes" where it counts days, "varios días" (several days) beside a
    symptom that calls for the emergency room now, "el día 7" for "for 7
    days", a second "dos veces", an "every other day" added or dropped."""
    if not _ready(context, "unit") or _copied(source, target):
        return
    theirs_text, ours_text = undated(normalise(prose(source)), normalise(prose(target)), context.language)
    ours = periods(context.language, ours_text)
    if ours:
        theirs = periods(SOURCE_LANGUAGE, theirs_text, numbered=True)
        # a rate said as another ("twice a day" as "dos veces a la semana") is the unit check's
        swapped = any(changed_rates("", theirs_text, ours_text, context.language))
        # and a period said as another ("a few weeks" as "несколько месяцев")
        kept = theirs.keys() <= periods(context.language, ours_text, numbered=True).keys()
        said = equivalents(theirs_text, ours_text, context.language)  # "for 7 days" as "一周"
        weekly = _weekdays(context.language, ours_text) if _weekdays(SOURCE_LANGUAGE, theirs_text) else []
        for unit, hit in ours.items() if kept else ():
            if unit not in theirs and not (swapped and hit.kinds() & _RATE_PERIODS.keys()) \
                    and not said.covers(hit.start, hit.end) and not _of_weekday(unit, hit, weekly, ours_text):
                named = ", ".join(sorted(theirs)) or "no period"
                yield f'the translation says "{hit.text}" ({unit}s), a period the source does not name ' \
                      f'(it names {named})'
    days = _day_numbers(context.language, ours_text)
    if days and not _day_numbers(SOURCE_LANGUAGE, theirs_text) and not _days_passed(theirs_text, days):
        yield f'the translation says "{days[0].text}" (a day of the course by its number), which the source ' \
              f'does not say'
    yield from changed_interval(theirs_text, ours_text, context.language)
    yield from _duration_as_interval(theirs_text, ours_text, context.language)
    yield from _interval_as_duration(theirs_text, ours_text, context.language)
    said, wanted = _frequencies(context.language, ours_text, equivalents(theirs_text, ours_text, context.language)), \
        _frequencies(SOURCE_LANGUAGE, theirs_text)
    doses = doses_as_times(context.language, amounts(SOURCE_LANGUAGE, theirs_text), amounts(context.language, ours_text))
    if len(said) - len(doses) > len(wanted):
        yield f'the translation says how many times {len(said)} times ("{said[-1]}"), the source ' \
              f'{len(wanted)}: a course said twice is taken twice'


# a wait of days in the source: "if you have not had a bowel movement in 3 days" (by the 3rd day)
_DAYS_PASSED = re.compile(r"\b(?:in|within|after)\s+(\d+)\s+days?\b")


def _days_passed(source: str, days: list[Hit]) -> bool:
    """Whether a normalised source waits as many days as each day number
    of the translation counts ("3일째", the 3rd day, for "in 3 days"): the
    day the wait ends, no day of a course."""
    waited = {m.group(1) for m in _DAYS_PASSED.finditer(source)}
    return bool(waited) and all(set(re.findall(r"\d+", h.text)) <= waited and re.search(r"\d", h.text)
                                for h in days)


# ---------------------------------------------------------------- order of events

# the events of `[comparative]` whose order a "before" or "after" sets
EVENTS = {"taking": "taking the medicine", "eating": "eating"}
# the events of `[comparative]` a wait counts from: "2 days after the fever is gone" is not "after it
# starts", "8 hours before your arrival" not "before the procedure" (an hour or more later)
COUNTED_FROM = {"ended": "the end of a symptom", "began": "the start of a symptom",
                "arrival": "your arrival", "procedure": "the procedure", "appointment": "an appointment",
                "discharge": "leaving the hospital", "opened": "opening the container",
                "expiry": "the expiration date"}


def _clause(language: str, text: str, link: Hit) -> tuple[int, int]:
    """The clause a "before" or "after" governs: from the word to the next
    comma, or, in a language of postpositions ("饭前"), from the last comma
    to it."""
    if language_setting(language, "postpositions"):
        edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, 0, link.start)]
        return (edges[-1] if edges else 0), link.start
    edge = _CLAUSE_EDGE.search(text, link.end)
    return link.end, edge.start() if edge else len(text)


_NOTHING = re.compile(r"[\s.!?。！？]*")


def _governed(language: str, text: str) -> tuple[str, frozenset[str], frozenset[str], Hit] | None:
    """For a sentence with one "before" or "after" (a firm word of that
    direction only, or else a loose one that ends its clause: "Coma 2 horas
    antes", eat 2 hours beforehand): the direction, the events (`taking`,
    `eating` words of `[comparative]`) in the clause it governs, those
    outside it, and the word."""
    hits = _scan(language, "comparative", text)
    timed = [h for h in hits if len(_directions(h)[0]) == 1 and _directions(h)[0] <= {"BEFORE", "AFTER"}]
    links = [h for h in timed if _directions(h)[1]] or \
        [h for h in timed if _NOTHING.fullmatch(text[slice(*_clause(language, text, h))])]
    # "2小时后才能进食", "No coma hasta que pasen 2 horas": a wait before the event
    said = waits(language, text)
    if said and {h for h in links} <= {w.link for w in said}:
        wait = max(said, key=lambda w: bool(w.events))  # "后再": the one that governs the event
        return "BEFORE", wait.events, frozenset(), wait.link
    if len(links) != 1:
        return None
    link = links[0]
    start, end = _clause(language, text, link)
    inside, outside = set(), set()
    for hit in hits:
        for event in hit.kinds() & (EVENTS.keys() | COUNTED_FROM.keys()):  # "bago kumain" governs its own event
            (inside if start <= hit.start < end or hit == link else outside).add(event)
    return next(iter(_directions(link)[0])), frozenset(inside), frozenset(outside), link


def swapped_order(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """What happens first stays first: "Wait at least 2 hours before you
    eat" is not "Coma al menos 2 horas antes" (eat at least 2 hours before),
    "Mangez au moins 2 heures avant de le prendre" (eat before taking it) or
    "Espere al menos 2 horas antes de tomarlo" (wait before taking it). Where
    both texts link two events with one "before" or "after" of the same
    direction, the event the source's word governs (eating, taking the
    medicine) is the one the translation's word governs. Where both texts
    take the medicine, `comparative` compares its side."""
    if not _ready(context, "comparative") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("comparative", source, target, context.language):
        theirs = _governed(SOURCE_LANGUAGE, source_part)
        ours = _governed(context.language, target_part)
        if theirs is None or ours is None or theirs[0] != ours[0]:
            continue
        yield from _counted_from(where, theirs, ours)
        yield from _swapped_parts(where, (source_part, theirs[3]), (target_part, ours[3]), context.language)
        theirs = (theirs[0], theirs[1] & EVENTS.keys(), theirs[2] & EVENTS.keys(), theirs[3])
        ours = (ours[0], ours[1] & EVENTS.keys(), ours[2] & EVENTS.keys(), ours[3])
        if not theirs[1]:
            continue
        if "taking" in theirs[1] | theirs[2] and "taking" in ours[1] | ours[2]:
            continue  # the comparative check's
        if theirs[1] != ours[1]:
            said = " and ".join(EVENTS[e] for e in sorted(theirs[1]))
            says = " and ".join(EVENTS[e] for e in sorted(ours[1])) or "nothing"
            yield f'{where}the source\'s "{theirs[3].text}" governs {said}; the translation\'s "{ours[3].text}" ' \
                  f'governs {says}: what comes first is changed'


def _counted_from(where: str, theirs: tuple, ours: tuple) -> Iterator[str]:
    """The event a "before" or "after" counts from, said as another: the
    source's event that the translation's word does not govern, where it
    governs another of `COUNTED_FROM` that the source's does not. A
    translation that words the event otherwise names none, and passes."""
    lost = sorted((theirs[1] - ours[1]) & COUNTED_FROM.keys())
    gained = sorted((ours[1] - theirs[1]) & COUNTED_FROM.keys())
    if lost and gained:
        yield f'{where}the source\'s "{theirs[3].text}" counts from {COUNTED_FROM[lost[0]]}; the translation\'s ' \
              f'"{ours[3].text}" counts from {COUNTED_FROM[gained[0]]}: the wait is not the source\'s'


# what a "before" or "after" sets in order besides events: parts of the body and a wound ("Wash your hands
# before you touch your wound" is not "Wash your wound before you touch your hands")
_PARTS = ("body.", "wound.")


def _parts(language: str, text: str, link: Hit) -> tuple[set[str], set[str]]:
    """The parts of the body a normalised sentence names inside the clause
    its "before" or "after" governs, and outside it."""
    start, end = _clause(language, text, link)
    inside: set[str] = set()
    outside: set[str] = set()
    for hit in _scan(language, "term", text):
        for kind in hit.kinds():
            if kind.startswith(_PARTS):
                (inside if start <= hit.start < end else outside).add(kind)
    return inside, outside


def _swapped_parts(where: str, source: tuple[str, Hit], target: tuple[str, Hit], language: str) -> Iterator[str]:
    """Parts of the body exchanged across a "before": where the source names
    one part in the clause its word governs and another outside it, the
    translation names the outside one in its governed clause and the inside
    one outside, and not the other way too. A part named on both sides, or
    left unnamed, is no swap."""
    theirs_in, theirs_out = _parts(SOURCE_LANGUAGE, *source)
    ours_in, ours_out = _parts(language, *target)
    if not theirs_in or not theirs_out or theirs_in & theirs_out or ours_in & theirs_in or ours_out & theirs_out:
        return
    if ours_in & theirs_out and ours_out & theirs_in:
        now, then = sorted(ours_in & theirs_out)[0], sorted(ours_out & theirs_in)[0]
        yield f'{where}the source\'s "{source[1].text}" governs {then.split(".")[-1]}; the translation\'s ' \
              f'"{target[1].text}" governs {now.split(".")[-1]}: what comes first is changed'


COURSE_CHECKS = [EntryCheck("course", "error", changed_course), EntryCheck("event-order", "error", swapped_order)]
