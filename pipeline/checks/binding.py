"""The binding check: a dose, measure or phone number keeps the time of day
it belongs to. "Take 500 mg in the morning and 250 mg at night" keeps its
numbers and its parts of the day as "Tome 250 mg por la mañana y 500 mg por
la noche", and doubles the morning dose; the number and time-of-day checks,
which compare what a text says and not what goes with what, pass it.

Within a sentence, each value (an amount with its number, a measure, a phone
number) is paired with its marker (a part of the day, `early`, `late` or
`daytime` of `[time]`, a clock time, or a day of the course by its number,
`[addition] day_number`): clause by clause where every clause
with a value has one marker (commas and the `[junction]` "and" words end a
clause), otherwise by order where values and markers alternate ("500 mg in the
morning, 250 mg at night", "早上250毫克，晚上500毫克"). Otherwise the pairing is
unknown and nothing is said. A translation is reported only where it has the
source's values and markers, both paired, and pairs them otherwise: a
rewording that drops or adds one is another check's."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..tokens import MEASURE, phone_numbers, strip_link_targets
from .amounts import amounts, number_value, span
from .base import TranslationContext
from .hours import hours_as_digits
from .invisible import read
from .lexicon import SOURCE_LANGUAGE, normalise
from .reading import _copied, _directions, _ready, _scan, prose, sentences
from .times import clock_times

_PHONE_MARK = "\ue000"  # a phone number's place in the prose (prose() drops phone numbers)
_PARTS = {"early": "in the morning", "late": "in the evening or at night", "daytime": "during the day"}
# periods count how long or how often, not a dose: "for 7 days" goes with the whole sentence
_PERIODS = frozenset({"minute", "hour", "day", "week", "month", "year"})
_CLAUSE_MARK = re.compile(r"[,;:，、；،؛：]")


@dataclass(frozen=True)
class Item:
    """A value or a marker of a sentence, where it is written, and its key:
    ("n", 500.0), ("phone", "+12126392000"); "early", ("clock", 1200)."""
    key: object
    marker: bool
    start: int
    end: int
    text: str


def _phones_marked(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The text with each phone number as one mark, and the numbers (key,
    as written) in order."""
    text = strip_link_targets(read(text))
    found = phone_numbers(text)
    for phone in reversed(found):
        text = text[:phone.start] + f" {_PHONE_MARK} " + text[phone.end:]
    return text, tuple((p.key, p.text) for p in found)


def _markers(language: str, text: str) -> list[Item]:
    """Clock times, the parts of the day said without an hour, and the
    days of a course by their number."""
    found = []
    for time in clock_times(language, text):
        key = ("clock", min(time.values)) if time.definite and len(time.values) == 1 else ("clock?", time.values)
        found.append(Item(key, True, time.hit.start, time.hit.end, time.hit.text))
    for hit in _scan(language, "time", text):
        parts = hit.kinds() & _PARTS.keys()
        if len(parts) == 1 and not any(i.start < hit.end and hit.start < i.end for i in found):
            found.append(Item(next(iter(parts)), True, hit.start, hit.end, hit.text))
    return found + _ranges_joined(language, text, _days(language, text))


def _ranges_joined(language: str, text: str, days: list[Item]) -> list[Item]:
    """A range of days is one marker: "del día 2 al día 5" is "on days 2
    through 5", keyed by its first day; "el día 2 y el día 5" (and) are two."""
    kept: list[Item] = []
    ands = [h.start for h in _scan(language, "junction", text) if "and" in h.kinds()]
    for day in days:
        last = kept[-1] if kept else None
        gap = text[last.end:day.start] if last is not None and last.end <= day.start else None
        if gap is not None and len(gap.strip()) <= 6 and not _CLAUSE_MARK.search(gap) \
                and not any(last.end <= a < day.start for a in ands):
            kept[-1] = Item(last.key, True, last.start, day.end, text[last.start:day.end])
        else:
            kept.append(day)
    return kept


_DAY_AFTER = re.compile(r"\s*(\d+)")
_DAY_WITHIN = re.compile(r"(\d+)")


def _days(language: str, text: str) -> list[Item]:
    """The days of a course by their number (`[addition] day_number`: "on day
    1", "los días 2 a 5", "第1天"), keyed by the first number: the one the
    phrase holds, or the one right after it ("on day" 1)."""
    found = []
    for hit in _scan(language, "addition", text):
        if "day_number" not in hit.kinds():
            continue
        within, after = _DAY_WITHIN.search(hit.text), _DAY_AFTER.match(text, hit.end)
        end = hit.end if within or after is None else after.end()
        if within or after:
            number = int((within or after).group(1))
            found.append(Item(("day", number), True, hit.start, end, text[hit.start:end]))
    return found


def _values(language: str, text: str, phones: tuple[tuple[str, str], ...]) -> list[Item]:
    """Amounts with their number (no periods), measures and phone numbers."""
    found = [Item(("n", a.number), False, *span(a), a.text) for a in amounts(language, text)
             if a.number is not None and not a.clock and not a.units & _PERIODS]
    for match in MEASURE.finditer(text):
        value = number_value(match.group(1))
        if value is not None and not any(i.start < match.end() and match.start() < i.end for i in found):
            found.append(Item(("n", value), False, match.start(), match.end(), match.group()))
    for index, match in enumerate(re.finditer(_PHONE_MARK, text)):
        if index < len(phones):
            found.append(Item(("phone", phones[index][0]), False, match.start(), match.end(), phones[index][1]))
    return found


def _clause_ends(language: str, text: str) -> list[int]:
    """Where a sentence's clauses end: its commas and its "and" words."""
    ends = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    ends += [hit.start for hit in _scan(language, "junction", text) if "and" in hit.kinds()]
    return sorted(ends)


def _by_clause(items: list[Item], ends: list[int]) -> list[tuple[Item, Item]] | None:
    """Each value with the one marker of its clause, where every clause
    with a value has exactly one, and every marker a value."""
    clauses: dict[int, list[Item]] = {}
    for item in items:
        clauses.setdefault(sum(end <= item.start for end in ends), []).append(item)
    pairs = []
    for clause in clauses.values():
        markers = [i for i in clause if i.marker]
        if len(markers) != 1 or len(markers) == len(clause):
            return None
        pairs += [(value, markers[0]) for value in clause if not value.marker]
    return pairs


def _by_order(items: list[Item]) -> list[tuple[Item, Item]] | None:
    """Values and markers that alternate, paired as they stand:
    value-marker ("500 mg in the morning") or marker-value ("早上500毫克")."""
    if len(items) % 2 or any(a.marker == b.marker for a, b in zip(items, items[1:])):
        return None
    return [(a, b) if b.marker else (b, a) for a, b in zip(items[::2], items[1::2])]


@lru_cache(maxsize=16384)
def bindings(language: str, text: str, phones: tuple[str, ...]) -> tuple[list[Item], list[tuple[Item, Item]] | None]:
    """The values and markers of a normalised sentence, in order, and how
    they pair (None when the sentence does not say)."""
    text = hours_as_digits(language, text)
    markers = _markers(language, text)
    values = [v for v in _values(language, text, phones)
              if not any(m.start < v.end and v.start < m.end for m in markers)]  # the 1 of "day 1"
    items = sorted(markers + values, key=lambda i: i.start)
    if len(markers) < 2 or len(values) < 2:
        return items, None
    return items, _by_clause(items, _clause_ends(language, text)) or _by_order(items)


def _parts(source: str, target: str) -> list[tuple[str, tuple[str, str, tuple, tuple]]]:
    """(where, (source sentence, translation sentence, their phone keys)):
    sentence by sentence when both have as many, else the whole texts."""
    (src, src_phones), (tgt, tgt_phones) = _phones_marked(source), _phones_marked(target)
    src, tgt = prose(src), prose(tgt)
    split_src, split_tgt = sentences(src), sentences(tgt)
    if len(split_src) < 2 or len(split_src) != len(split_tgt) or \
            any(s.count(_PHONE_MARK) != t.count(_PHONE_MARK) for s, t in zip(split_src, split_tgt)):
        return [("", (normalise(src), normalise(tgt), src_phones, tgt_phones))]
    parts, taken_src, taken_tgt = [], 0, 0
    for index, (s, t) in enumerate(zip(split_src, split_tgt), 1):
        count = s.count(_PHONE_MARK)
        parts.append((f"sentence {index}: ", (normalise(s), normalise(t), src_phones[taken_src:taken_src + count],
                                              tgt_phones[taken_tgt:taken_tgt + count])))
        taken_src, taken_tgt = taken_src + count, taken_tgt + count
    return parts


def _said(key: object) -> str:
    if isinstance(key, str):
        return _PARTS[key]
    kind, minutes = key
    if kind == "day":
        return f"on day {minutes}"
    shown = sorted(minutes) if kind == "clock?" else [minutes]
    return "at " + " or ".join(f"{m // 60:02d}:{m % 60:02d}" for m in shown)


def _swapped(where: str, theirs: list[tuple[Item, Item]], ours: list[tuple[Item, Item]],
             shown: dict[object, str]) -> Iterator[str]:
    """The first marker whose values differ, in words."""
    for _, marker in theirs:
        given = sorted({shown[v.key] for v, m in theirs if m.key == marker.key})
        taken = sorted({shown[v.key] for v, m in ours if m.key == marker.key})
        if given != taken:
            yield f"{where}the source gives {' and '.join(given)} {_said(marker.key)}; the translation gives " \
                  f"{' and '.join(taken)} {_said(marker.key)}"
            return


def changed_binding(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A value said with another time of day than the source's: the
    source's values and markers all kept, paired otherwise."""
    if not _ready(context, "time") or _copied(source, target):
        return
    for where, (src, tgt, src_phones, tgt_phones) in _parts(source, target):
        items, theirs = bindings(SOURCE_LANGUAGE, src, src_phones)
        if theirs is None:
            continue
        others, ours = bindings(context.language, tgt, tgt_phones)
        if ours is None or Counter(i.key for i in items) != Counter(i.key for i in others):
            continue
        if len({m.key for _, m in theirs}) < 2 or len({v.key for v, _ in theirs}) < 2:
            continue
        if Counter((v.key, m.key) for v, m in theirs) != Counter((v.key, m.key) for v, m in ours):
            shown = {i.key: i.text for i in items if not i.marker}
            yield from _swapped(where, theirs, ours, shown)
    for where, (src, tgt, _, _) in _parts(source, target):
        yield from _swapped_waits(where, src, tgt, context.language)
        yield from _range_as_days(where, src, tgt, context.language)
        yield from _removed_otherwise(where, src, tgt, context.language)


def _removal_part(language: str, text: str) -> Item | None:
    """The one part of the day in the clause of a text's one removal
    (`[antonym]` remove): "take them off at night"."""
    removals = [h for h in _scan(language, "antonym", text) if "remove" in h.kinds()]
    if len(removals) != 1:
        return None
    ends = _clause_ends(language, text)
    clause = sum(end <= removals[0].start for end in ends)
    parts = [m for m in _markers(language, text) if isinstance(m.key, str)
             and sum(end <= m.start for end in ends) == clause]
    return parts[0] if len(parts) == 1 else None


def _removed_otherwise(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """"Wear them during the day and take them off at night" is not "use
    them at night and take them off during the day": the part of the day
    of the removal, where each text gives one, is the source's."""
    theirs = _removal_part(SOURCE_LANGUAGE, source)
    ours = _removal_part(language, target) if theirs else None
    if ours is not None and ours.key != theirs.key:
        yield f'{where}the source says to take it off {_PARTS[theirs.key]} ("{theirs.text}"); the translation ' \
              f'says {_PARTS[ours.key]} ("{ours.text}")'


_DAY_RANGE = re.compile(r"\s*(?:through|to|until|-|–)\s*(?:day\s*)?(\d+)")


def _range_as_days(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """"On days 2 through 5" said "el día 2 y el día 5": the two ends of
    the source's range of days as two days of their own, the days between
    dropped."""
    for day in _days(SOURCE_LANGUAGE, source):
        end = _DAY_RANGE.match(source, day.end)
        first, last = day.key[1], int(end.group(1)) if end else 0
        if last <= first + 1:
            continue
        ours = _ranges_joined(language, target, _days(language, target))
        numbers = [i.key[1] for i in ours]
        if first in numbers and last in numbers and not any(first < n < last for n in numbers):
            yield f'{where}the source says days {first} through {last}; the translation says day {first} and ' \
                  f'day {last}, not the days between'
            return


def _timed_links(language: str, text: str) -> list[tuple[Item, Item]] | None:
    """The times of a sentence paired with the "before" or "after" each
    counts ("1 hour before or 2 hours after a meal", "饭前1小时或饭后2小时"):
    times and one-way link words that alternate, paired as they stand."""
    links = [Item(next(iter(_directions(h)[0])), True, h.start, h.end, h.text)
             for h in _scan(language, "comparative", text)
             if len(_directions(h)[0]) == 1 and _directions(h)[0] <= {"BEFORE", "AFTER"}]
    times = [Item((a.number, tuple(sorted(a.units))), False, *span(a), a.text) for a in amounts(language, text)
             if a.number is not None and a.units and a.units <= _PERIODS]
    if len(links) < 2 or len(times) < 2 or len({i.key for i in links}) < 2:
        return None
    return _by_order(sorted(links + times, key=lambda i: i.start))


def _swapped_waits(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """"1 hour before or 2 hours after a meal" is not "2 horas antes ou 1
    hora depois": both texts pair the same times and directions otherwise."""
    theirs = _timed_links(SOURCE_LANGUAGE, source)
    ours = _timed_links(language, target) if theirs else None
    if not ours or Counter(v.key for v, _ in theirs) != Counter(v.key for v, _ in ours) \
            or Counter(m.key for _, m in theirs) != Counter(m.key for _, m in ours):
        return
    if Counter((v.key, m.key) for v, m in theirs) != Counter((v.key, m.key) for v, m in ours):
        given = {m.key: v.text for v, m in theirs}
        taken = {m.key: v.text for v, m in ours}
        side = next(k for k in given if given[k] != taken.get(k) and k in taken)
        yield f'{where}the source says {given[side]} {side.lower()}; the translation says {taken[side]} ' \
              f'{side.lower()}: the times are swapped'

