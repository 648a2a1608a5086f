"""The time-of-day check: clock times compared as 24-hour values, parts of
the day (bedtime, waking) kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..tokens import normalise_digits
from .base import TranslationContext
from .hours import hours_as_digits
from .lexicon import Hit, SOURCE_LANGUAGE, language_data
from .reading import _copied, _ready, _scan, aligned


@dataclass(frozen=True)
class ClockTime:
    """A time of day as minutes after midnight; `values` holds both halves
    of the day when the text does not say which ("a las 8", "8点")."""
    hit: Hit
    values: frozenset[int]
    definite: bool

    def shown(self) -> str:
        return " or ".join(f"{v // 60:02d}:{v % 60:02d}" for v in sorted(self.values))


# A time's minutes after a point ("8.00") are followed by a word or end the sentence: "2.50 mg" has a unit
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2})(?:(?::|h\s?|\.(?=\d\d(?:\s*[^\W\d_]|[.,;)]?\s*$|[,;)]\s)))(\d{2}))?(?![\d])")


_HALF_DAY = 12 * 60
_DIGIT = re.compile(r"\d")
# a year before "à" ("le 5 juin 2025 à 10 h 30") starts no range of hours ("de 4 à 6 h")
_YEAR_END = re.compile(r"(?<![\d:.,])\d{4}\s*$")


def _in_half(hour: int, half: str) -> int | None:
    """An hour of a 12-hour clock in the half of the day a word names."""
    if half == "am":
        return hour % 12 if hour <= 12 else None
    if half in ("pm", "noon"):
        return hour % 12 + 12 if hour <= 12 else hour
    if half == "evening":  # 晚上8点 is 20:00, 晚上12点 and 晚0点 midnight
        return 0 if hour in (0, 12) else hour % 12 + 12 if hour < 12 else hour
    if half == "night":  # 8 de la noche is 20:00, 2 de la noche is 02:00, 12 de la noche midnight
        return 0 if hour == 12 else hour if hour < 6 else hour + 12 if hour < 12 else hour
    return None


def _words_after(text: str, hits: tuple[Hit, ...], match: re.Match, minute: int) -> tuple[int, int, str | None, bool, bool]:
    """The words after a clock number: o'clock, its minutes, half past, the
    half of the day. Returns where they end, the minute, the half of the day,
    whether an o'clock word came and whether it is of a 24-hour clock."""
    end, half, oclock, day_clock = match.end(), None, False, False
    for hit in hits:
        if hit.start < end or text[end:hit.start].strip():
            continue
        kinds = hit.kinds()
        if kinds & {"oclock", "oclock24"} and not oclock:
            oclock, day_clock, end = True, "oclock24" in kinds, hit.end
            minutes = re.match(r"\s*(\d{2})(?!\d)", text[end:])
            if minutes and not match.group(2):
                minute, end = int(minutes.group(1)), end + minutes.end()
        elif "half" in kinds and oclock:
            minute, end = 30, hit.end
        elif kinds & {"am", "pm", "night", "noon"}:
            half, end = next(iter(kinds & {"am", "pm", "night", "noon"})), hit.end
            break
        elif "minutes" in kinds:
            end = hit.end
        else:
            break
    return end, minute, half, oclock, day_clock


_RANGE_START = re.compile(r"(?<![\d:.,])\d+\s*$")


@lru_cache(maxsize=16384)
@lru_cache(maxsize=64)
def _h_of_day(language: str) -> bool:
    """Whether a language writes its 24-hour clock with "h" ("9h30" is 09:30,
    "21h30" the evening: `[time] oclock24`), as others write "9:30"."""
    return "h" in language_data(language).get("time", {}).get("oclock24", [])


def clock_times(language: str, text: str) -> tuple[ClockTime, ...]:
    """Times of day of a normalised text: a number with a word for the half
    of the day after it ("8 p.m.", "8 de la noche") or before it ("晚上8点"),
    a 24-hour time ("20:00", "20 h", and "à 8 h" where "h" is an o'clock
    word of a 24-hour clock, `oclock24`), or a number after "at"/before
    "o'clock" words, whose half of the day is unsaid."""
    hits = _scan(language, "time", text)
    if not hits and ":" not in text:
        return ()
    times = []
    used: set[int] = set()
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 24 or minute > 59 or (hour == 24 and not match.group(2)):
            continue  # "las 24 horas" (around the clock) is no time of day
        start, at = match.start(), False
        end, minute, half, oclock, day_clock = _words_after(text, hits, match, minute)
        before = [h for h in hits if h.end <= start and not text[h.end:start].strip()]
        if before and half is None:
            kinds = before[-1].kinds()
            named = kinds & {"am_before", "pm_before", "night_before", "noon_before", "evening_before"}
            if named and not oclock and _unit_after(language, text, end):
                continue  # "सुबह 2 गोलियाँ", "早上2片": 2 tablets in the morning, no 2 o'clock
            if named:
                half = next(iter(named)).removesuffix("_before")
                start = before[-1].start
            # the "à" of "toutes les 4 à 6 heures" joins a range: a bare number is before it
            at = "at" in kinds and not (_RANGE_START.search(text, 0, before[-1].start)
                                        and not _YEAR_END.search(text, 0, before[-1].start))
        hit = Hit(text[start:end], start, end, frozenset())
        if half is not None:
            value = _in_half(hour, half)
            if value is None:
                continue
            time = ClockTime(hit, frozenset({value % 24 * 60 + minute}), True)
        elif (match.group(2) and (":" in match.group() or "h" in match.group() and _h_of_day(language))) \
                or ((oclock or match.group(2)) and 12 < hour < 24) \
                or (day_clock and at) or _padded(match):  # "à 8 h" is 08:00; "toutes les 8 h" a duration
            time = ClockTime(hit, frozenset({hour % 24 * 60 + minute}), True)
        elif oclock or at:
            time = ClockTime(hit, frozenset({hour % 12 * 60 + minute, hour % 12 * 60 + minute + _HALF_DAY}), False)
        else:
            continue
        times.append(time)
        used.update(range(start, end))
    for hit in hits:
        kinds = hit.kinds()
        if hit.start not in used and kinds & {"noon_alone", "midnight"}:
            times.append(ClockTime(hit, frozenset({_HALF_DAY if "noon_alone" in kinds else 0}), True))
    return _on_a_day_clock(tuple(times))


def _unit_after(language: str, text: str, end: int) -> bool:
    """Whether a unit word (`[unit.words]`: tablets, drops) follows a number
    that ends at `end`: the number counts it."""
    start = len(text) - len(text[end:].lstrip())
    return any(h.start == start and any(k.startswith("words.") for k in h.kinds())
               for h in _scan(language, "unit", text))


def _padded(match: re.Match) -> bool:
    """"08.00", "08:00": a leading zero is a 24-hour clock's."""
    return bool(match.group(2)) and len(match.group(1)) == 2 and match.group(1).startswith("0")


_POINTED = re.compile(r"(\d{1,2})\.(\d{2})")


def _on_a_day_clock(times: tuple[ClockTime, ...]) -> tuple[ClockTime, ...]:
    """A text that writes a time with a point on a 24-hour clock ("20.00",
    "08.00") writes its other times with a point on it too: the "8.00" of
    "a las 8.00 y a las 20.00" is 08:00. A lone "8.00" says no half of the day."""
    pointed = [_POINTED.fullmatch(t.hit.text.strip()) for t in times]
    if not any(m and t.definite and (int(m.group(1)) > 12 or m.group(1).startswith("0"))
               for m, t in zip(pointed, times)):
        return times
    return tuple(ClockTime(t.hit, frozenset({int(m.group(1)) % 24 * 60 + int(m.group(2))}), True)
                 if m and not t.definite else t for m, t in zip(pointed, times))


def _past_twelve(time: ClockTime) -> bool:
    """A time written with an hour past 12 in digits ("lúc 20h", "o godz.
    20"), which says its half of the day itself."""
    return any(13 <= int(hour) <= 23 for hour in re.findall(r"(?<!\d)(\d{1,2})(?!\d)", normalise_digits(time.hit.text)))


def _unsaid_half(time: ClockTime, ours: tuple[ClockTime, ...], target: str, evening: bool = False) -> str | None:
    """What a translation writes for a p.m. time of the source (13:00 to
    23:59) without saying which half of the day: "a las 8", "8点", "8時",
    or the bare "5" of "de 9 a 5", which a reader takes for the morning (or,
    on a 24-hour clock, for 05:00). None when it says 20:00, "20 h" or "8
    de la noche", or does not have the hour at all (the number check's), or
    an evening hour where the sentence says the evening and not the morning
    (`evening`: "Mỗi tối, ... lúc 8 giờ", each evening, at 8)."""
    if not time.definite or len(time.values) != 1:
        return None
    value = next(iter(time.values))
    if not 13 * 60 <= value < 24 * 60 or any(o.definite and value in o.values for o in ours):
        return None
    hour, minute = divmod(value, 60)
    vague = next((o for o in ours if value in o.values and not _past_twelve(o)), None)
    if vague is not None:
        return None if evening and value >= 18 * 60 else vague.hit.text
    digits = [(int(m.group(1)), int(m.group(2) or 0)) for m in _CLOCK.finditer(target)]
    if (hour - 12, minute) in digits and (hour, minute) not in digits and \
            not any(o.definite and {v % _HALF_DAY for v in o.values} == {value % _HALF_DAY} for o in ours):
        return f"{hour - 12}" + (f":{minute:02d}" if minute else "")
    return None


_PARTS_OF_DAY = {"early": "on waking or in the morning", "late": "in the evening, at night or at bedtime",
                 "midday": "at noon"}


def _parts_of_day(language: str, text: str) -> dict[str, Hit]:
    found: dict[str, Hit] = {}
    for hit in _scan(language, "time", text):
        for kind in hit.kinds() & _PARTS_OF_DAY.keys():
            found.setdefault(kind, hit)
    return found


def changed_part_of_day(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """A time said in words keeps its part of the day: "at bedtime" may be
    "antes de acostarse" or "por la noche", never "al despertar". A part of
    the day the source does not name narrows the instruction: "Do not drive"
    is not "No maneje de noche" (only at night), "1 hour before meals" not
    "1 hora antes de acostarse". The source's clock times name theirs ("8
    p.m." may be "8 de la noche"), and a dose count per day or an interval
    lets a translation name both ("twice a day" as "mañana y noche")."""
    ours = _parts_of_day(language, target)
    if not ours:
        return
    theirs = _parts_of_day(SOURCE_LANGUAGE, source)
    parts = [h for h in _scan(SOURCE_LANGUAGE, "time", source) if h.kinds() & _PARTS_OF_DAY.keys()]
    if any(hit.kinds() & _THROUGH_THE_DAY and not _names_part(hit, parts)
           for hit in _scan(SOURCE_LANGUAGE, "dose", source)):
        return
    # noon names neither the morning nor the evening ("at noon" is not "le soir"), only itself
    clock = [time for time in clock_times(SOURCE_LANGUAGE, source) if time.definite]
    named = set(theirs) | {_half_of(value) for time in clock for value in time.values}
    if any(0 in time.values for time in clock):
        named.add("late")  # midnight ends the night: "夜12時", "밤 12시"
    for kind, hit in ours.items():
        if kind in named or (kind == "midday" and clock):
            continue  # noon in words for a clock time of the source ("ao meio-dia" for "8 p.m.") is the clock's to say
        if theirs:
            said = next(iter(theirs.values()))
            yield f'{where}the source says "{said.text}" ({_PARTS_OF_DAY[_part(said)]}) but the translation says ' \
                  f'"{hit.text}" ({_PARTS_OF_DAY[kind]})'
        else:
            yield f'{where}the translation says "{hit.text}" ({_PARTS_OF_DAY[kind]}), a part of the day the ' \
                  f'source does not name: the instruction holds at any time of day'


# a source that counts doses per day or by their interval may be said by the parts of the day
_THROUGH_THE_DAY = frozenset({"per_day", "interval", "around_the_clock", "morning_and_evening"})


def _names_part(rate: Hit, parts: list[Hit]) -> bool:
    """A rate that is itself a part of the day ("every morning", once a day
    in the morning): it counts no doses a translation may spread over the
    day, and "todas las noches" for it moves the dose to the evening."""
    return any(part.start <= rate.start and rate.end <= part.end for part in parts)


def _half_of(minutes: int) -> str:
    """The part of the day a clock time falls in: before noon early, noon itself midday, after it late."""
    return "early" if minutes < _HALF_DAY else "midday" if minutes == _HALF_DAY else "late"


def _part(hit: Hit) -> str:
    return next(iter(sorted(hit.kinds() & _PARTS_OF_DAY.keys())))


def changed_time_of_day(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A time keeps its half of the day: "8 p.m." may be "20:00",
    "8 p. m.", "8 de la noche" or "晚上8点", never "8 a. m." or "08:00".
    Reports a time of the source that the translation shows on the same
    12-hour clock face but in the other half of the day, or as a time in
    words ("minuit", "中午": 00:00 and 12:00, `noon_alone` and `midnight`),
    and two times of the source said as one twice ("8 a.m. and 8 p.m." as
    "8 утра ... 8 утра"); a time that is gone altogether, or another hour
    in digits, is the number check's."""
    if not _ready(context, "time") or _copied(source, target):
        return
    for where, source_part, target_part in aligned(source, target):
        yield from changed_part_of_day(where, source_part, target_part, context.language)
        theirs = clock_times(SOURCE_LANGUAGE, source_part)
        if not theirs:
            continue
        target_part = hours_as_digits(context.language, target_part)  # "a las nueve": 9
        ours = clock_times(context.language, target_part)
        clock24 = any(o.definite for o in ours)  # "de 9 h à 17 h": the text's clock says the half
        evening = set(_parts_of_day(context.language, target_part)) == {"late"}
        # the translation's times of day that are none of the source's ("8 a. m.", "minuit", "中午")
        extra = [o for o in ours if o.definite and not any(o.values & t.values for t in theirs)]
        for time in theirs:
            unsaid = _unsaid_half(time, ours, target_part, evening)
            if unsaid:
                yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation says ' \
                      f'"{unsaid}": it does not say which half of the day, and reads as the morning'
                continue
            unsaid = next((o for o in ours if time.values & o.values and not o.definite and not _past_twelve(o)), None)
            if time.definite and not clock24 and unsaid is not None and not (evening and min(time.values) >= 18 * 60) \
                    and not any(time.values & o.values for o in ours if o.definite):
                yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation says ' \
                      f'"{unsaid.hit.text}" ({unsaid.shown()}): it does not say which half of the day'
                continue
            if any(time.values & other.values for other in ours):
                continue
            faces = {v % _HALF_DAY for v in time.values}
            # another hour in digits is the number check's; "minuit", "中午" have none to check
            wrong = next((o for o in extra if {v % _HALF_DAY for v in o.values} & faces), None) or \
                (next((o for o in extra if not _DIGIT.search(o.hit.text)), None) if time.definite else None)
            if wrong is not None:
                extra.remove(wrong)
                yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation says ' \
                      f'"{wrong.hit.text}" ({wrong.shown()})'
            elif time.definite:
                yield from _merged_times(where, time, theirs, ours)


def _merged_times(where: str, time: ClockTime, theirs: tuple[ClockTime, ...],
                  ours: tuple[ClockTime, ...]) -> Iterator[str]:
    """A time of the source that the translation has turned into another of
    the source's: "at 8 a.m. and 8 p.m." as "8 h du matin ... 8 h du matin"
    (two doses at 08:00, none in the evening). Only where the translation
    says at least as many times as the source, so a time it leaves out
    altogether stays the number check's."""
    said = [o for o in ours if o.definite]
    if len(said) < sum(t.definite for t in theirs):
        return
    twice = next((o for o in said if sum(o.values == other.values for other in said) > 1), None)
    if twice is not None:
        yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation has no such ' \
              f'time: it says "{twice.hit.text}" ({twice.shown()}) twice'
