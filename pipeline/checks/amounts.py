"""Amounts: the unit words of a normalised text, each with its number
("1 teaspoon", "twice", "1 tableta y media"), and the periods it counts
doses in ("twice a day"). Read here for the unit check (`units`) and for
the frequencies said in other words (`frequency`), which compare them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..tokens import FRACTION, MEASURE, fraction_value
from .lexicon import Hit, SOURCE_LANGUAGE, Tag, language_data, normalise
from .reading import _DIGITS, _scan, _without
from .times import clock_times


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


def symbol_units(text: str) -> frozenset[str]:
    """The units a normalised text writes as a measure's symbol ("5 mL",
    "38 °C"): the measure check compares those; here they only answer a unit
    written out ("5 mililitros", "38 grados centígrados") in the other text."""
    degrees = {"fahrenheit" if m.group(1) == "f" else "celsius" for m in _DEGREES.finditer(text)}
    return frozenset(_UNIT_OF_SYMBOL[m.group(2)] for m in MEASURE.finditer(text)
                     if m.group(2) in _UNIT_OF_SYMBOL) | degrees


def number_value(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _events(language: str, text: str) -> tuple[str, list[Hit], list[Hit]]:
    """The text an amount is read in (measures, each-dose words, rates that
    hold a number and times of day blanked), its unit words, numbers and
    fractions in order, and the hours of the clock whose half it leaves
    unsaid ("9 h" of "de 9 h à 17 h")."""
    each = _each_dose(language, text)  # before the measure it stands before ("1回500 mg") is blanked
    text = _without(text, [Hit(m.group(), m.start(), m.end(), frozenset()) for m in MEASURE.finditer(text)])
    text = _without(text, each)
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
    return float(value) if value is not None else number_value(hit.text)


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
    between = {normalise(w) for w in section_of(language, "unit").get("between", [])}
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


def span(amount: Amount) -> tuple[int, int]:
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
    """The "1회" of "1회 2정", the "1回" of "1回2錠" or "1回500 mg" and the
    "一次" of "一次两片" (2 tablets each dose): before an amount, in digits
    or words, and not after a rate ("1일 1회 2정" is once a day), it says
    "each dose" and counts no time."""
    hits = [hit for hit in _scan(language, "dose", text) if "per_dose" in hit.kinds()]
    if not hits:
        return []
    rates = _rate_hits(language, text)
    words = {h.start for h in _scan(language, "unit", text) if any(t.kind == "numbers" for t in h.tags)}
    return [hit for hit in hits
            if (_AMOUNT_NEXT.match(text, hit.end) or hit.end + _SPACES.match(text, hit.end).end() - hit.end in words)
            and not any(rate.end <= hit.start and not text[rate.end:hit.start].strip() for rate in rates)]


_SPACES = re.compile(r"\s*")


def _holds_number(language: str, text: str) -> bool:
    return bool(_DIGITS.search(text)) or any(t.kind == "numbers" for h in _scan(language, "unit", text) for t in h.tags)


def section_of(language: str, name: str) -> dict:
    return language_data(language).get(name, {})


def unit_families() -> dict[str, str]:
    """Units that can be mistaken for each other, named in en.toml."""
    return {unit: family for family, units in section_of(SOURCE_LANGUAGE, "unit").get("families", {}).items()
            for unit in units}


def counted_text(number: float, unit: str) -> str:
    plural = number != 1 and unit[:1].islower() and unit not in ("mg", "mcg", "g", "kg", "mL")
    return f"{number:g} {unit}{'s' if plural else ''}"


class _Uncounted(dict):
    """The units a language names with words the check does not count, by
    language: "dose", which only Korean 회 and Japanese 回 count ("4 doses"
    as "4 dosis" is not missing a unit)."""

    def __missing__(self, language: str) -> frozenset[str]:
        words = section_of(language, "unit").get("words", {})
        self[language] = frozenset(unit for unit in ("dose",) if not words.get(unit))
        return self[language]


UNCOUNTED = _Uncounted()


def doses_as_times(language: str, theirs: list[Amount], ours: list[Amount]) -> list[Amount]:
    """The translation's counts of times that count the source's doses,
    one for one and number for number: "不要超过4次" for "no more than 4
    doses", in a language whose dose word the check does not count
    (`UNCOUNTED`). A count of another number stays a count of times."""
    if "dose" not in UNCOUNTED[language]:
        return []
    wanted = [a.number for a in theirs if "dose" in a.units and a.number]
    found = []
    for amount in ours:
        if amount.units == {"time"} and amount.number in wanted:
            wanted.remove(amount.number)
            found.append(amount)
    return found


RATES = {"per_hour": "per hour", "per_day": "per day", "per_week": "per week", "per_month": "per month"}


def _rate_hits(language: str, text: str) -> list[Hit]:
    return [hit for hit in _scan(language, "dose", text) if hit.kinds() & RATES.keys()]


def dose_rates(language: str, text: str) -> dict[str, Hit]:
    """The periods a normalised text counts doses in ("twice a day": per
    day), by the name of the period, first phrase of each."""
    found: dict[str, Hit] = {}
    for hit in _scan(language, "dose", text):
        # "24 hours a day, 7 days a week" (or "круглосуточно") is per day and per week
        kinds = {"per_day", "per_week"} if "around_the_clock" in hit.kinds() else hit.kinds() & RATES.keys()
        for kind in sorted(kinds):
            found.setdefault(kind, hit)
    return found


def counted_periods(language: str, text: str) -> frozenset[str]:
    """The periods a normalised text counts with a number other than one
    ("in 24 hours"): a translation may not make them a rate ("por hora")."""
    return frozenset(f"per_{unit}" for a in amounts(language, text) if a.number not in (None, 1.0)
                     for unit in a.units if f"per_{unit}" in RATES)


# The symbols of MEASURE by the unit names of the word lists (checks/data/<language>.toml)
_SYMBOL_OF_UNIT = {"mL": "ml", "mg": "mg", "mcg": "mcg", "g": "g", "kg": "kg", "L": "l",
                   "fahrenheit": "°f", "celsius": "°c"}


@lru_cache(maxsize=64)
def spelled_units(language: str) -> tuple[re.Pattern, dict[str, str]] | None:
    """A number and a unit written out in words ("5 mililitros", "5 cc"),
    of the language's word lists or English ones: the unit's symbol by group."""
    words: dict[str, str] = {}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        listed = language_data(code).get("unit", {}).get("words", {})
        for name, symbol in _SYMBOL_OF_UNIT.items():
            for word in listed.get(name, []):
                words.setdefault(normalise(word.rstrip("*")) + ("*" if word.endswith("*") else ""), symbol)
    if not words:
        return None
    names = "|".join(f"(?P<u{i}>{_spelled_unit(w)})" for i, w in
                     enumerate(sorted(words, key=len, reverse=True)))
    # a number right after a Chinese or Japanese word ("服用5毫克"), a unit word with a Korean
    # particle ("5밀리그램을"): only Latin and Cyrillic letters make another word
    pattern = re.compile(rf"(?<![A-Za-z0-9_.,])(\d+(?:[.,]\d+)?)\s?(?:{names})(?![A-Za-z\u00c0-\u024f\u0400-\u04ff])")
    return pattern, {f"u{i}": words[w] for i, w in enumerate(sorted(words, key=len, reverse=True))}


def _spelled_unit(word: str) -> str:
    """A unit word of a data file as a pattern: a final `*` is any ending
    ("밀리그램*" = 밀리그램, 밀리그램을)."""
    return re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
