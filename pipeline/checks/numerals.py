"""Numbers written in the positional numerals of Chinese and Japanese
(十四 is 14, 二十四 24, 一百零五 105, 三千 3000), read by value.

The unit lists name single number characters ("四" = 4, "十" = 10), and a
scan finds them one by one: "十四片" (14 tablets) would read as "四片" (4
tablets), "十六岁" (16 years) as "六岁". `unicodedata.numeric` gives each
character its value (Unihan's: 十 10, 百 100, 万 10000) but reads no
sequence, and no library of the project (babel's number parsing reads
locale digits and separators) reads the positional system, so this small
parser does: digits multiply the scale after them (二十 = 2 × 10), scales
fall from left to right within a group of ten thousand (千, 百, 十), and
万 and 亿 multiply the group before them. A run that does not follow
those rules ("三四", three or four; "万一", in case; "十四五", fourteen or
fifteen) is left as its characters."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from .hits import Hit, Tag


def positional_value(run: str, values: dict[str, float]) -> float | None:
    """The value of a run of numeral characters with at least one scale
    (十 and up), or None where the run is no one number as the positional
    system writes it."""
    total, group, digit = 0.0, 0.0, None
    last_scale, last_group_scale, scaled = float("inf"), float("inf"), False
    for char in run:
        value = values[char]
        if value < 10:
            if digit not in (None, 0):
                return None  # "三四" (three or four): two digits in a row are a range
            digit = value
        elif value < 10_000:
            if value >= last_scale or digit == 0 or (digit is None and (value != 10 or group)):
                return None  # "百五十"; a hundred or thousand is counted ("一百"), only 十 may stand alone
            group += (1 if digit is None else digit) * value
            last_scale, digit, scaled = value, None, True
        else:
            if value >= last_group_scale or group + (digit or 0) == 0:
                return None  # "万一" (in case): nothing before the scale
            total += (group + (digit or 0)) * value
            group, digit, last_scale, last_group_scale, scaled = 0, None, float("inf"), value, True
    if not scaled or (digit and values[run[-2]] > 10):
        return None  # no scale: a run of digits; "三百五" is 350 said short, not 305
    return total + group + (digit or 0)


@dataclass(frozen=True)
class Numerals:
    """A language's positional numeral characters and their values."""
    values: tuple[tuple[str, float], ...]
    pattern: re.Pattern  # a run of two or more of them
    run: re.Pattern  # a run of one or more

    def value(self, run: str) -> float | None:
        """The value of a run of the numerals: one digit or 十 by itself,
        more as the positional system reads them."""
        values = dict(self.values)
        if len(run) == 1:
            return values[run] if values[run] <= 10 else None
        return positional_value(run, values)

    def as_digits(self, text: str, hits: list[Hit]) -> str:
        """The text with the numbers its unit scan (`hits`) reads in numerals
        written in digits: "两百毫克" as "200毫克", "三千克" (3 kg) as "3千克"."""
        return numbers_as_digits(text, hits, lambda hit, value: bool(self.run.fullmatch(hit.text)) and value >= 1)

    def read(self, text: str, hits: list[Hit]) -> list[Hit]:
        """The hits of a unit scan with each run of numeral characters that
        is one positional number made one hit of its value ("十四": 14).
        A phrase of another kind that begins or ends inside the run cuts
        it: "三千克" is 3 kg (千克), not 3000 g."""
        values = dict(self.values)
        runs = []
        for match in self.pattern.finditer(text):
            start, end = match.span()
            for hit in hits:
                if hit.end <= start or hit.start >= end:
                    continue
                if hit.kinds() <= {"numbers"} and start <= hit.start and hit.end <= end:
                    continue
                if hit.start <= start:
                    start = max(start, hit.end)
                else:
                    end = min(end, hit.start)
            if end - start < 2:
                continue
            value = positional_value(text[start:end], values)
            if value is not None:
                runs.append(Hit(text[start:end], start, end,
                                frozenset({Tag("numbers", int(value) if value == int(value) else value)})))
        if not runs:
            return hits
        kept = [h for h in hits if not any(r.start <= h.start and h.end <= r.end for r in runs)]
        return sorted(kept + runs, key=lambda h: h.start)


def numerals(characters: list[str], numbers: dict[str, object]) -> Numerals | None:
    """A language's numerals (`[numerals] characters` of its data file), each
    valued by its number word (`[unit.numbers]`, where 两 is 2) or by
    Unicode (Unihan's numeric value)."""
    values = []
    for char in characters:
        value = numbers.get(char, unicodedata.numeric(char, None))
        if isinstance(value, (int, float)):
            values.append((char, float(value)))
    if not values:
        return None
    characters = "".join(re.escape(c) for c, _ in values)
    return Numerals(tuple(values), re.compile(f"[{characters}]{{2,}}"), re.compile(f"[{characters}]+"))


def numbers_as_digits(text: str, hits: list[Hit], keep: Callable[[Hit, float], bool] | None = None) -> str:
    """The text with the numbers a unit scan (`hits`) reads written in
    digits ("medio miligramo" as "0.5 miligramo"), those `keep` accepts."""
    for hit in reversed(hits):
        value = next((t.value for t in hit.tags if t.kind == "numbers"), None)
        if value is not None and (keep is None or keep(hit, value)):
            text = text[:hit.start] + f"{float(value):g}" + text[hit.end:]
    return text
