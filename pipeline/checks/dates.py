"""The date check: the dates of the source and of the translation, compared
as (month, day, year). An appointment on June 5 is not one on July 5, and
"6/5/2025" of the source (June 5, month first as U.S. English writes it)
copied into a Spanish translation reads as 6 May.

English dates are read in U.S. order ("June 5", "June 5, 2025", "Monday,
June 5", "6/5/2025") and in British order ("5 June 2025"), and as ISO 8601
("2025-06-05"). A translation's dates are read with CLDR's patterns and
month names for its language (babel: `get_date_format`, `get_month_names`
in every width and context, of the language and its regional variants, so
Russian "июня" and "июнь", Levantine "حزيران"), and its numeric dates in
the order of its short date pattern ("05/06/2025" is 5 June in French,
"05.06.2025" in Russian, "2025/6/5" in Japanese). A language babel has no
month names for (CLDR's root placeholders) is not read, and its numbers
stay the number check's.

The numbers a date is written with are the date's: the number, unit and
course checks read the texts without them (`without_dates`), as they read
clock times, so "6월 5일" holds no 5 days and "ngày 5 tháng 6" no 5 months."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_day_names, get_month_names
from babel.localedata import locale_identifiers
from babel.units import format_unit

from ..stored_patterns import stored_compile
from ..tokens import normalise_digits
from .base import EntryCheck, TranslationContext
from .date_patterns import AFTER_NO_WORD, ORDINAL_END, WORDY, compiled, pattern_pieces, trimmed
from .lexicon import SOURCE_LANGUAGE, normalise, vocabulary
from .reading import _copied, _scan, prose

_MONTHS = tuple(calendar.month_name)[1:]


@dataclass(frozen=True)
class Date:
    """A date of a text: month, day and year (None where the text does not
    say it), where it stands and the weekday written beside it."""
    month: int
    day: int
    year: int | None
    start: int
    end: int
    text: str
    weekday: str = ""

    @property
    def key(self) -> tuple[int, int, int | None]:
        return self.month, self.day, self.year

    def shown(self) -> str:
        """The date as the source's reader says it: "June 5, 2025"."""
        return f"{_MONTHS[self.month - 1]} {self.day}" + (f", {self.year}" if self.year else "")


# ---------------------------------------------------------------- the patterns of a language

@dataclass(frozen=True)
class _Language:
    """What reading a language's dates needs: its patterns with month names,
    its numeric pattern and order, its month names and numerals."""
    named: tuple[re.Pattern, ...]
    numeric: re.Pattern | None
    order: str  # "dMy", "Mdy" or "yMd": the short date pattern's
    months: dict[str, int]
    numerals: object  # Chinese and Japanese numerals (`numerals.Numerals`), or None
    day_word: str = ""  # "día", "ngày": may come before a day number


@lru_cache(maxsize=64)
def _month_names(language: str) -> dict[str, int]:
    """Month names of a language and its regional variants, normalised, by
    month; none where CLDR has only root's placeholders ("M06")."""
    return {normalise(name): number for name, number in _cldr_names(language).items()}


@lru_cache(maxsize=64)
def _cldr_names(language: str) -> dict[str, int]:
    """Month names as CLDR writes them, by month, in both contexts: wide,
    and abbreviated with their point ("juil.", "jun."); an abbreviation
    without its point is a word of the language too often (Tagalog "May",
    there is; French "sept", seven), but in English, the source. Kept in
    the data cache: reading every regional variant's CLDR data (Spanish
    has 30) took a third of a second of a build that checks one catalog."""
    from ..datacache import cached, code_fingerprint, libraries_fingerprint
    return cached("month-names", f"{code_fingerprint()}\0{libraries_fingerprint()}\0{language}",
                  lambda: _read_cldr_names(language))


def _read_cldr_names(language: str) -> dict[str, int]:
    wide: dict[str, int] = {}
    short: dict[str, int] = {}
    for identifier in _variants(language):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, identifier).items():
                wide.setdefault(name, number)
            for number, name in get_month_names("abbreviated", context, identifier).items():
                forms = (name, name.rstrip(".")) if language == SOURCE_LANGUAGE else (name.rstrip(".") + ".",)
                for form in forms:
                    short.setdefault(form, number)
    short = {name: number for name, number in short.items() if name.rstrip(".") not in wide}  # "juin", not "juin."
    return {name: number for name, number in {**short, **wide}.items() if not re.fullmatch(r"M\d\d\.?", name)}


@lru_cache(maxsize=64)
def _variants(language: str) -> tuple[str, ...]:
    """The language's CLDR locale and its regional variants (ar_SY, es_MX)."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ()
    code = str(locale)
    if "_" in code:
        return (code,)
    # not the variants in another script (English in Deseret, en_Dsrt)
    return (code, *sorted(i for i in locale_identifiers() if i.split("_")[0] == code and i != code
                          and not any(len(part) == 4 and part.istitle() for part in i.split("_")[1:])))


def dates_readable(language: str) -> bool:
    """Whether CLDR names a language's months, so its dates can be read."""
    return bool(_month_names(language))


def _day_word(language: str) -> str:
    """The language's word for "day" (babel's unit pattern for one day:
    "día", "ngày"), which may come before a day number: "el día 5 de junio"."""
    try:
        word = format_unit(1, "duration-day", locale=language.replace("-", "_")).replace("1", "").strip()
    except (UnknownLocaleError, ValueError, KeyError):
        return ""
    return normalise(word) if word and not word.isdigit() else ""


# Dates as a language writes them beside CLDR's patterns: Vietnamese "ngày 4 tháng 3 năm 2025", the
# year after its word (the form of Decree 30/2020/NĐ-CP on administrative documents)
_WRITTEN_FORMATS = {"vi": ("d MMMM 'năm' y",)}


@lru_cache(maxsize=64)
def _language(language: str) -> _Language | None:
    """The patterns of a language's dates, or None where its months are
    not known."""
    months = _month_names(language)
    if not months:
        return None
    code = language.replace("-", "_")
    # longest first, then in order: the same pattern in every process (a set's order is not), found in the data cache
    names = "|".join(_name(n) for n in sorted({*months, *(_cldr_names(language))}, key=lambda n: (-len(n), n)))
    numerals = vocabulary(language, "unit").numerals if language != SOURCE_LANGUAGE else None
    day = r"\d{1,2}" + (f"|{numerals.run.pattern}" if numerals is not None else "")
    day = f"(?:{day}){ORDINAL_END}"
    formats = {get_date_format(width, locale=code).pattern for width in ("medium", "long", "full")}
    if language == SOURCE_LANGUAGE:  # British order too, and "the 5th of June"
        formats |= {get_date_format("long", locale="en_GB").pattern, "d 'of' MMMM"}
    formats |= set(_WRITTEN_FORMATS.get(language.split("_")[0], ()))
    named, day_word = [], _day_word(language)
    for pattern in sorted(formats):
        fields = trimmed(pattern_pieces(pattern), "E")
        # numbers with separators only ("y. M. d.") are the numeric pattern's; without the year, two numbers
        if any(f == "M" and len(t) >= 3 for f, t in fields) or any(not f and WORDY.search(t) for f, t in fields):
            for variant in (fields, trimmed(fields, "y")):
                if any(f == "d" for f, _ in variant) and any(f == "M" for f, _ in variant):
                    named.append(compiled(variant, names, day, day_word))
    order = "".join(f for f, _ in pattern_pieces(get_date_format("short", locale=code).pattern) if f in "yMd")
    return _Language(tuple(dict.fromkeys(named)), _numeric(order, day_word), order, months, numerals, day_word)


def _name(name: str) -> str:
    """A month name as a regex: a whole word ("مي" is no month inside
    "میلی‌لیتر"); a name in ideographs or Hangul ("六月", "6월") may have
    the day right after it."""
    if _UNSPACED.match(name[-1]) or name.endswith("."):
        return re.escape(name)
    return re.escape(name) + r"(?![^\W\d_])"


_UNSPACED = stored_compile("dates-unspaced", "[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _numeric(order: str, day_word: str) -> re.Pattern | None:
    """Three numbers in the short pattern's order, one separator between
    them (/ . -), the year of four digits: "05/06/2025", "2025. 6. 5.";
    the day word may come before a day that opens the date ("ngày 5/6/2025")."""
    if sorted(order) != sorted("yMd"):
        return None
    fields = {"y": r"(?P<year>\d{4})", "M": r"(?P<month_number>\d{1,2})", "d": r"(?P<day>\d{1,2})"}
    first, second, third = (fields[f] for f in order)
    if order[0] == "d" and day_word:
        first = rf"(?:{re.escape(day_word)}\s*)?" + first
    return re.compile(rf"{AFTER_NO_WORD}{first}(?P<sep>[/.-])\s?{second}(?P=sep)\s?{third}(?![\d/]|[.,-]\d)", re.I)


_ISO = re.compile(AFTER_NO_WORD + r"(?P<year>\d{4})-(?P<month_number>\d{1,2})-(?P<day>\d{1,2})(?![\d/]|[.,-]\d)", re.I)


@lru_cache(maxsize=128)
def _weekday_names(language: str, width: str = "wide") -> re.Pattern | None:
    """CLDR's weekday names of a language, normalised: wide ones (of more
    than a letter), or abbreviated ones in brackets ("(火)", "(화)")."""
    names = {normalise(n) for identifier in _variants(language)[:1] for context in ("format", "stand-alone")
             for n in get_day_names(width, context, identifier).values()}
    if width == "wide":
        names = {n for n in names if len(n) > 1}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if not names:
        return None
    return re.compile(alternatives if width == "wide" else rf"(?<=[(（])\s*(?:{alternatives})\.?\s*(?=[)）])", re.I)


# ---------------------------------------------------------------- reading

def _number(text: str, numerals) -> int | None:
    """A day or month number: digits, or Chinese and Japanese numerals (五, 十五)."""
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    run = numerals.run.match(text) if numerals is not None else None
    value = numerals.value(run.group()) if run else None
    return int(value) if value is not None and value == int(value) else None


def _date(match: re.Match, reading: _Language, order_swapped: bool = False) -> tuple[int, int, int | None] | None:
    """(month, day, year) of a pattern's match, or None where it is no date."""
    groups = match.groupdict()
    day = _number(normalise(groups["day"]), reading.numerals)
    if groups.get("month"):
        month = reading.months.get(normalise(groups["month"]))
    else:
        month = _number(groups["month_number"], reading.numerals)
    year = int(groups["year"]) if groups.get("year") else None
    if order_swapped:
        month, day = day, month
    if month is None or day is None or not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year or 2024, month)[1]:
        return None
    return month, day, year


def _matches(text: str, reading: _Language) -> list[tuple[re.Match, tuple[int, int, int | None]]]:
    """Every date a language's patterns find, the longest where two overlap;
    a numeric date impossible in the language's order ("6/25/2025" in
    Spanish) is read month first, as its writer meant it."""
    found = []
    for pattern in reading.named:
        found += [(m, _date(m, reading)) for m in pattern.finditer(text)]
    if reading.numeric is not None:
        for m in reading.numeric.finditer(text):
            date = _date(m, reading) or (_date(m, reading, True) if reading.order != "Mdy" else None)
            found.append((m, date))
    found += [(m, _date(m, reading)) for m in _ISO.finditer(text)]
    found = sorted(((m, d) for m, d in found if d is not None), key=lambda item: (item[0].start(), -item[0].end()))
    kept: list[tuple[re.Match, tuple[int, int, int | None]]] = []
    for match, date in found:
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, date))
    return kept


@lru_cache(maxsize=16384)
def read_dates(language: str, text: str) -> tuple[Date, ...]:
    """The dates of a text, in order (its digits of any script read by value,
    its letters in any case); none in a language whose months are unknown."""
    reading = _language(language)
    digits = normalise_digits(text)
    if reading is None or not re.search(r"\d", digits) and \
            not (reading.numerals is not None and any(name in text for name in reading.months)):
        return ()  # most units have no digit; "六月五日" has a month name
    found: list[Date] = []
    for match, date in _matches(digits, reading):
        found += _with_range(digits, match, reading.day_word, Date(*date, match.start(), match.end(),
                                                 text[match.start():match.end()].strip()))
    return tuple(sorted(found, key=lambda d: d.start))


# The first day of a range a day-first date ends: after a dash ("5–7 czerwca"), or between two short
# words, "from" and "to" ("del 5 al 7 de junio", "du 5 au 7 juin", "с 5 по 7 июня", "từ ngày 5 đến
# ngày 7 tháng 6", with the day word), where "Tome 2 el 5 de junio" is no range; and the last day of a
# range a month-first date begins ("June 5–7", "June 5 to 7, 2025", "6月5日至7日", "6월 5일~7일")
@lru_cache(maxsize=64)
def _day_before(day_word: str) -> re.Pattern:
    word = rf"(?:{re.escape(day_word)}\s*)?" if day_word else ""
    return re.compile(rf"(?<![\d.,/:])(\d{{1,2}})\s*[-–—]\s*$|(?<![^\s(])[^\W\d_]{{1,3}}\s+({word}(\d{{1,2}}))"
                      rf"\s+[^\W\d_]{{1,4}}\s+$", re.I)


_DAY_AFTER = re.compile(r"\s*(?:[-–—~～至到]|から|부터|\s(?:to|through|and)\s)\s*(\d{1,2})(?:日|일|号)?"
                        r"(?:,?\s*(\d{4}))?(?![\d:/]|[.,]\d|\s*[ap]\.?\s?m\b)")


def _with_range(text: str, match: re.Match, day_word: str, date: Date) -> list[Date]:
    """A date, and the other day of a range it ends or begins, in its month
    and year ("del 5 al 7 de junio" is June 5 and June 7, "từ ngày 5 đến
    ngày 7 tháng 6" too, with the day word before each day)."""
    month_at = match.start("month") if match.groupdict().get("month") else match.start("month_number")
    if match.start("day") < month_at:
        other = _day_before(day_word).search(text, max(0, match.start() - 24), match.start())
        if other is None or match.start("day") - match.start() > 8:
            return [date]
        group = 1 if other.group(1) else 3
        day, year, start, end = int(other.group(group)), date.year, other.start(group - (group == 3)), other.end(group)
    else:
        other = _DAY_AFTER.match(text, match.end())
        if other is None or match.end("day") + 4 < match.end():
            return [date]
        day, start, end = int(other.group(1)), other.start(1), other.end()
        year = date.year or (int(other.group(2)) if other.group(2) else None)
    if not 1 <= day <= calendar.monthrange(year or 2024, date.month)[1] or day == date.day:
        return [date]
    anchor = Date(date.month, date.day, year, date.start, date.end, date.text)
    return [anchor, Date(date.month, day, year, start, end, text[start:end].strip())]


def without_dates(language: str, text: str) -> str:
    """The text with its dates blanked (kept the same length): their numbers
    are the date check's, not the number, unit or course checks'."""
    for date in reversed(read_dates(language, text)):
        text = text[:date.start] + " " * (date.end - date.start) + text[date.end:]
    return text


# ---------------------------------------------------------------- weekdays

_BEFORE = re.compile(r"[\s,،、]*$")
_AFTER = re.compile(r"[\s,،、]*[(（]?\s*")


def _weekday(language: str, text: str, date: Date) -> str:
    """The weekday written right before a date ("el martes 5 de junio",
    "Monday, June 5") or right after it ("6月5日(火曜日)", "6月5日（火）"): a CLDR name or
    a `[term.weekday]` word of the language's data (Russian "в среду")."""
    spans = [(m.start(), m.end()) for width in ("wide", "abbreviated")
             if (names := _weekday_names(language, width)) is not None for m in names.finditer(text)]
    spans += [(h.start, h.end) for h in _scan(language, "term", text)
              if any(k.startswith("weekday.") for k in h.kinds())]
    for start, end in spans:
        if end <= date.start and _BEFORE.fullmatch(text, end, date.start) or \
                start >= date.end and _AFTER.fullmatch(text, date.end, start):
            return text[start:end]
    return ""


def _with_weekdays(language: str, text: str) -> tuple[Date, ...]:
    dates = read_dates(language, text)
    if not dates:
        return dates
    return tuple(Date(d.month, d.day, d.year, d.start, d.end, d.text, _weekday(language, text, d)) for d in dates)


def _names_weekday(text: str) -> bool:
    """Whether a normalised source names a day of the week anywhere (then
    a weekday the translation adds or changes is the key-term check's)."""
    return any(names is not None and names.search(text) for names in
               (_weekday_names(SOURCE_LANGUAGE), _weekday_names(SOURCE_LANGUAGE, "abbreviated"))) or \
        any(k.startswith("weekday.") for h in _scan(SOURCE_LANGUAGE, "term", text) for k in h.kinds())


# ---------------------------------------------------------------- the check

def _unanswered(theirs: tuple[Date, ...], ours: tuple[Date, ...]) -> tuple[list[Date], list[Date]]:
    """The source's dates the translation does not give, and the
    translation's the source does not, each date answering one: month, day
    and year alike (a year left out or added is another date)."""
    left, lost = list(ours), []
    for date in theirs:
        same = next((o for o in left if o.key == date.key), None)
        if same is None:
            lost.append(date)
        else:
            left.remove(same)
    return lost, left


def _as_read(date: Date, language: str = "") -> str:
    """A date as the message names it: June 5, with the text that says it
    where that is not the words (the digits "6/5/2025", and the order the
    reader reads them in)."""
    if language:
        order = _ORDER_WORDS.get(_order(language), "")
        read = f", read {order} in {language}" if order and _in_digits(date) else ""
        return f'{date.shown()} ("{date.text}"{read})'
    return f'{date.shown()} ("{date.text}", month first)' if _in_digits(date) else date.shown()


_ORDER_WORDS = {"dMy": "day first", "yMd": "year first", "Mdy": "month first"}


def _order(language: str) -> str:
    reading = _language(language)
    return reading.order if reading is not None else ""


def _in_digits(date: Date) -> bool:
    """A date written in numbers only ("6/5/2025", "ngày 6/5/2025"), whose
    order the reader's language decides."""
    return bool(re.search(r"\d\s?[/.-]\s?\d", date.text))


def changed_dates(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """The source's dates, and no other, compared as (month, day, year): "5
    de julio" for June 5 is an error, "el 5 de junio", "5/6/2025", "6月5日",
    "ngày 5 tháng 6" are June 5; "6/5/2025" copied into a day-first language
    is 6 May to its reader. A date left out or added is an error, and so is
    a weekday added to a date where the source names no day of the week
    ("el martes 5 de junio" for "June 5": a day the source does not give)."""
    language = context.language
    if not dates_readable(language) or _copied(source, target):
        return
    theirs_text, ours_text = normalise(prose(source)), normalise(prose(target))
    theirs, ours = _with_weekdays(SOURCE_LANGUAGE, theirs_text), _with_weekdays(language, ours_text)
    if not theirs and not ours:
        return
    lost, gained = _unanswered(theirs, ours)
    for date in lost:
        said = f"the source says {_as_read(date)}"
        if gained:
            yield f"{said}; the translation says {_as_read(gained.pop(0), language)}"
        else:
            yield f"{said}; the translation has no such date"
    for other in gained:
        yield f"the translation says {_as_read(other, language)}, a date the source does not give"
    if not _names_weekday(theirs_text):
        for date in ours:
            if date.weekday and any(d.key == date.key for d in theirs):
                yield f'the translation says "{date.weekday}" with the date {date.shown()}, a day of the week ' \
                      f'the source does not give'


DATE_CHECKS = [EntryCheck("date", "error", changed_dates)]
