"""Measures: a number and its unit (5 mg, 240 mL, 8 ounces), read as the
number and measure checks read them, the measure check itself, and the
measures a translation gives in another unit of the same dimension.

A translator may give a household or imperial measure in metric units, or
a metric one in another metric unit ("8 ounces (240 mL)", "4,000 mg" as
"4 g"): the same amount, which the number check would read as a changed
number and the unit check as a lost unit. A metric measure must equal
the source's exactly; a household or imperial one within 5 %, the rounding
of the usual equivalents (8 fl oz is 236.6 mL, written 240 mL). An amount
changed (8 oz as 500 mL, a teaspoon as a tablespoon, mg as mcg) is none."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from babel.core import UnknownLocaleError
from babel.numbers import get_group_symbol

from ..tokens import MEASURE, Prefiltered
from .amounts import amounts, spelled_units
from .base import TranslationContext
from .invisible import read
from .lexicon import SOURCE_LANGUAGE, language_data, normalise, vocabulary
from .numerals import numbers_as_digits

_A_DIGIT = re.compile(r"\d")


def written_value(number: str) -> str:
    """A number as written, with a decimal comma read as a point (100,4)
    and thousands separators dropped (1,000)."""
    return number.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", number) else number.replace(",", "")


# Digit groups of one number: 1 000, 1 000 000 (spaces, no-break and thin spaces, apostrophes).
_GROUPED = Prefiltered(re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f\u2009'’]\d{3})+(?!\d|[.,]\d|[ \u00a0\u202f\u2009]\d)"),
                       _A_DIGIT, True)


def joined(text: str) -> str:
    """Digit groups of one number written as one: 1 000 000 as 1000000."""
    return _GROUPED.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)


# "1.000" of Spanish, Portuguese, Vietnamese: a thousand, its digits grouped by points
_POINT_GROUPED = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})+(?![\d]|[.,]\d)")


@lru_cache(maxsize=256)
def _groups_with_points(language: str) -> bool:
    """Whether a language groups the digits of a number with points (es,
    pt, vi, de: 1.000 mg); es_MX and es_US group them with commas."""
    try:
        return bool(language) and get_group_symbol(language.replace("-", "_")) == "."
    except (UnknownLocaleError, ValueError):
        return False


def ungrouped(text: str, language: str) -> str:
    """A translation's numbers with the points that group their digits
    dropped where its language groups them so ("1.000 mg" is 1000 mg)."""
    if not _groups_with_points(language) or "." not in text:
        return text
    return _POINT_GROUPED.sub(lambda m: m.group().replace(".", ""), text)


# A range or a pair whose first number leaves its unit to the second: "15 a 25%",
# "2-3 mg", "1 или 2 мл" (to, a, à, al, hasta, до, 到, 至, and, y, et, or, o, ou, или, و, أو).
_RANGE_FIRST = Prefiltered(re.compile(r"(?<![A-Za-z0-9_.,])(\d+(?:[.,]\d+)?)\s*(?:-|–|—|~|〜|to|a|à|al|hasta|до|到|至|and|"
                                      r"y|e|et|or|o|ou|или|и|و|او|أو|إلى|الى)\s*(?=\d)"), _A_DIGIT, True)


def _measures(text: str) -> set[tuple[str, str]]:
    """(number, unit) of a read text; the first number of a range takes
    the unit of the second ("15 a 25%" is 15% and 25%)."""
    found = {(written_value(n), re.sub(r"\s", "", u).lower()) for n, u in MEASURE.findall(text)}
    for match in _RANGE_FIRST.finditer(text):
        second = MEASURE.regex.match(text, match.end())
        if second:
            found.add((written_value(match.group(1)), re.sub(r"\s", "", second.group(2)).lower()))
    return found


_SAME_SYMBOL = {"µg": "mcg", "μg": "mcg"}


def _spelled_measures(text: str, language: str) -> set[tuple[str, str]]:
    compiled = spelled_units(language)
    if compiled is None:
        return set()
    pattern, symbols = compiled
    text = normalise(text)
    numerals = vocabulary(language, "unit").numerals if language else None
    if numerals is not None:  # "两百毫克" is 200 mg
        text = numerals.as_digits(text, vocabulary(language, "unit").scan(text))
    elif language:  # "medio miligramo" is 0.5 mg
        text = numbers_as_digits(text, vocabulary(language, "unit").scan(text))
    return {(written_value(m.group(1)), symbols[m.lastgroup]) for m in pattern.finditer(text)}


@lru_cache(maxsize=16384)
def translated_measures(target: str, language: str) -> frozenset[tuple[str, str]]:
    """(number, unit symbol) of a translation's measures, symbols and units
    written out ("5 mililitros"), digit groups of its language read."""
    text = ungrouped(joined(unicodedata.normalize("NFKC", read(target))), language)
    return frozenset({(n, _SAME_SYMBOL.get(u, u)) for n, u in _measures(text)} | _spelled_measures(text, language)
                     | _scales_first(text, language))


@lru_cache(maxsize=64)
def _scale_patterns(language: str) -> tuple[tuple[re.Pattern, str], ...]:
    """A language's temperatures written with the scale before the number
    (`[temperature]`: "攝氏#度" is # °C), as patterns and the unit."""
    listed = language_data(language).get("temperature", {}) if language else {}
    parts = [(normalise(phrase).partition("#"), unit) for name, unit in (("celsius", "°c"), ("fahrenheit", "°f"))
             for phrase in listed.get(name, [])]
    return tuple((re.compile(rf"{re.escape(before)}\s*(\d+(?:[.,]\d+)?)\s*{re.escape(after)}"), unit)
                 for (before, _, after), unit in parts)


def _scales_first(text: str, language: str) -> set[tuple[str, str]]:
    return {(written_value(m.group(1)), unit) for pattern, unit in _scale_patterns(language)
            for m in pattern.finditer(normalise(text))}


def changed_measures(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A dose or measure keeps its number and its unit: "5 mg" may not
    become "5 mcg" (comparing digits alone would let it); "15% to 25%" may
    be "15 a 25%"; "5 mL" may be written out ("5 mililitros", "5 cc", "5 мг");
    units are read as NFKC reads them (full-width "ｍｇ", "㎎", "℃"); the same
    amount in another unit ("4,000 mg" as "4 g") is the measure."""
    target_measures = translated_measures(target, context.language)
    converted = None
    for number, unit in MEASURE.findall(joined(read(source))):
        unit_key = re.sub(r"\s", "", unit).lower()
        if unit_key in ("unit", "units", "iu"):
            # a unit word may be translated ("unidades"), but its number in mL or mg is another dose
            other = next((u for v, u in sorted(target_measures) if v == written_value(number)
                          and u not in ("unit", "units", "iu", "ui", "u", "%")), None)
            if other is not None:
                shown = {"ml": "mL", "l": "L"}.get(other, other)
                yield f"measure {number} {unit} is given as {number} {shown}: units of a medicine are not {shown}"
            continue
        unit_key = _SAME_SYMBOL.get(unit_key, unit_key)
        if (written_value(number), unit_key) not in target_measures:
            converted = converted or conversions(source, target, context.language)
            if not converted.answers(float(written_value(number)), unit_key):
                yield f"measure {number} {unit} is missing or its unit changed"
    yield from _relabelled(source, target, context.language)


def _relabelled(source: str, target: str, language: str) -> Iterator[str]:
    """A household or imperial measure whose number the translation gives
    a metric unit of its dimension, not as its amount: "10 pounds" as
    "10 kg" is twice the weight, "8 ounces" as "8 mL" a spoonful."""
    converted = conversions(source, target, language)
    # symbols only: a unit word's first letters may begin another word (Arabic "مل" of "ملعقة", a spoon)
    text = ungrouped(joined(unicodedata.normalize("NFKC", read(target))), language)
    ours = {(float(n), u) for n, u in _measures(text) | _worded(target, language)}
    for number, unit in _source_quantities(source):
        if unit not in _CUSTOMARY or converted.answers(number, unit):
            continue
        dimensions = {d for d, _ in _CUSTOMARY[unit]}
        other = next((u for n, u in sorted(ours) if n == number and _METRIC.get(u, ("",))[0] in dimensions), None)
        if other is not None:
            yield f"measure {number:g} {unit} is given as {number:g} {other}: another amount"


# The quantity of a unit in the base unit of its dimension (mL, g, cm). Metric units by
# their SI prefixes; U.S. customary ones as NIST Handbook 44 (2024), appendix C, defines
# them (1 in = 2.54 cm, 1 lb = 453.59237 g, 1 oz = 28.349523125 g, 1 fl oz = 29.5735 mL),
# household spoons and cups as FDA labelling gives them in metric units (21 CFR
# 101.9(b)(5)(viii): 1 teaspoon 5 mL, 1 tablespoon 15 mL, 1 cup 240 mL). An ounce of a
# leaflet is a fluid ounce or one of weight.
# the Chinese 斤 (jin) is 500 g by law (市斤, State Council order of 1959), a metric unit as the others
_METRIC = {"mcg": ("mass", 1e-6), "mg": ("mass", 1e-3), "g": ("mass", 1.0), "kg": ("mass", 1e3), "jin": ("mass", 500.0),
           "ml": ("volume", 1.0), "l": ("volume", 1e3), "mm": ("length", 0.1), "cm": ("length", 1.0)}
_CUSTOMARY = {"teaspoon": (("volume", 5.0),), "tablespoon": (("volume", 15.0),), "cup": (("volume", 240.0),),
              "ounce": (("volume", 29.5735), ("mass", 28.349523125)), "lb": (("mass", 453.59237),),
              "pound": (("mass", 453.59237),), "inch": (("length", 2.54),), "foot": (("length", 30.48),)}
_TOLERANCE = 0.05  # household and imperial measures given in rounded metric ones


def _same_amount(theirs: tuple[float, str], ours: tuple[float, str]) -> bool:
    """Whether a measure of the translation, in a metric unit other than the
    source measure's, is the source's amount: exactly for a metric one,
    within the tolerance for a household or imperial one."""
    (their_number, their_unit), (our_number, our_unit) = theirs, ours
    if {their_unit, our_unit} == {"°f", "°c"}:  # "100.4 °F (38 °C)": the other scale, to its written tenth
        said = (their_number - 32) * 5 / 9 if their_unit == "°f" else their_number * 9 / 5 + 32
        return abs(said - our_number) <= (0.5 if our_number == int(our_number) else 0.051)  # 101 °F: 38 °C
    if our_unit not in _METRIC or our_unit == their_unit:
        return False
    dimension, per_unit = _METRIC[our_unit]
    amount = our_number * per_unit
    if their_unit in _METRIC:
        their_dimension, their_per_unit = _METRIC[their_unit]
        return their_dimension == dimension and math.isclose(amount, their_number * their_per_unit, rel_tol=1e-9)
    return any(d == dimension and abs(amount - their_number * q) <= _TOLERANCE * their_number * q
               for d, q in _CUSTOMARY.get(their_unit, ()))


@dataclass(frozen=True)
class Conversions:
    """Measures of the source a translation gives in another unit, and the
    measures of the translation that give them: (number, unit) each."""
    source: tuple[tuple[float, str], ...] = ()
    target: tuple[tuple[str, str], ...] = ()  # the translation's numbers as written (written_value)
    # a measure both texts write alike, said again in another unit: "1,000 mg (1 g)", "1 g (1 000 mg)"
    restated: tuple[tuple[str, str], ...] = ()

    def answers(self, number: float | None, unit: str) -> bool:
        return number is not None and (number, unit.lower()) in self.source

    def gives(self, number: float | None, unit: str) -> bool:
        return number is not None and any(float(n) == number and u == unit.lower()
                                          for n, u in self.target + self.restated)

    def source_numbers(self) -> Counter:
        return Counter(f"{number:g}" for number, _ in self.source)

    def target_numbers(self) -> Counter:
        return Counter(number for number, _ in self.target + self.restated)


_NO_CONVERSIONS = Conversions()


@lru_cache(maxsize=16384)
def conversions(source: str, target: str, language: str) -> Conversions:
    """The source's measures that the translation gives in another unit
    only: a measure both texts write alike is no conversion, and each
    measure of the translation gives one of the source's; one the
    translation also restates in another unit ("1,000 mg (1 g)") is kept as
    `restated`, the numbers of the restatement allowed."""
    if not _A_DIGIT.search(source) or not _A_DIGIT.search(target):
        return _NO_CONVERSIONS
    theirs = _source_quantities(source)
    ours = [(n, u) for n, u in sorted(translated_measures(target, language) | _worded(target, language))
            if u in _METRIC or u in ("°c", "°f")]
    if not theirs or not ours:
        return _NO_CONVERSIONS
    alike = {(float(n), u) for n, u in ours} & set(theirs)
    ours = [(n, u) for n, u in ours if (float(n), u) not in alike]
    said, giving = [], []
    # a temperature may be said on the other scale, again or in its place ("77 °F" as "25 °C"), to its rounding
    for measure in (m for m in theirs if m not in alike):
        match = next(((n, u) for n, u in ours if _same_amount(measure, (float(n), u))), None)
        if match is not None:
            ours.remove(match)
            said.append(measure)
            giving.append(match)
    said += _said_once(theirs, alike, said, {u for _, u in ours} | {u for _, u in alike}, target)
    said += _given_in_metric_only(theirs, alike, said, ours)
    restated = []
    for measure in sorted(alike):
        match = next(((n, u) for n, u in ours if _same_amount(measure, (float(n), u))), None)
        if match is not None:
            ours.remove(match)
            restated.append(match)
    restated += _restating(sorted(alike), target, language)
    return Conversions(tuple(said), tuple(giving), tuple(restated)) if said or restated else _NO_CONVERSIONS


def _said_once(theirs: list, alike: set, said: list, units: set, target: str) -> list[tuple[float, str]]:
    """The source's temperatures that it gives again on the other scale,
    said once on that scale: "100.4 °F (38 °C)" as "38 °C"; not where the
    translation gives another temperature (`units`: "100.4 °F (39 °C)").
    A household measure is not said so: "1 C (5 mL)" may be a tablespoon."""
    # one degree sign for each temperature both texts write alike: "100.4 °F（三十九 °C）" gives another
    shown = unicodedata.normalize("NFKC", read(target)).count("°") <= sum(u in ("°c", "°f") for _, u in alike)
    return [m for m in theirs if m not in alike and m not in said and m[1] not in units
            and m[1] in ("°c", "°f") and shown and any(_same_amount(m, a) for a in alike)]


_IMPERIAL = ("pound", "lb", "inch", "foot")


def _given_in_metric_only(theirs: list, alike: set, said: list, ours: list) -> list[tuple[float, str]]:
    """The source's imperial measures that it gives again in metric units,
    said in those units only: "10 pounds (4.5 kilograms)" as "4,5 kg", or as
    "9斤" where the kilograms are given in another unit (`said`). Not
    where the translation gives another measure of that dimension, which
    may be the pounds changed ("4,5 kg (20 livres)" leaves a number of its own)."""
    left = {_METRIC[u][0] for _, u in ours if u in _METRIC}
    return [m for m in theirs if m not in alike and m not in said and m[1] in _IMPERIAL
            and not any(d in left for d, _ in _CUSTOMARY[m[1]]) and any(_same_amount(m, a) for a in (*alike, *said))]


_EXACT = ("teaspoon", "tablespoon", "cup")  # exact in millilitres by FDA labelling (`_CUSTOMARY`)
_CC = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s?cc\b", re.I)


def _restating(alike: list[tuple[float, str]], target: str, language: str) -> list[tuple[str, str]]:
    """A measure that says a metric one of both texts again in other units:
    "5 mL (1 cucharadita)", "1 ml (1 cc)" exactly, "20 kg (44 libras)"
    within the tolerance of a rounded imperial one. The measure stays
    written in metric units; a restatement of another amount ("5 mL (1
    cucharada)", "20 kg (22 libras)") restates nothing."""
    quantities = [(_METRIC[u][0], n * _METRIC[u][1]) for n, u in alike if u in _METRIC]
    if not quantities:
        return []
    said = [(a.number, u) for a in amounts(language, normalise(read(target))) if a.number
            for u in a.units if u in _EXACT]
    said += [(float(n), u) for n, u in sorted(_worded(target, language)) if u in _CUSTOMARY and u not in _EXACT]
    said += [(float(written_value(m.group(1))), "cc") for m in _CC.finditer(read(target))]
    found = []
    for number, unit in said:
        scales = (("volume", 1.0),) if unit == "cc" else _CUSTOMARY[unit]
        tolerance = 1e-9 if unit in _EXACT or unit == "cc" else _TOLERANCE
        match = next(((d, q) for d, q in quantities for dimension, per in scales
                      if d == dimension and abs(number * per - q) <= tolerance * q), None)
        if match is not None:
            quantities.remove(match)
            found.append((f"{number:g}", "ml" if unit == "cc" else unit))
    return found


def _source_quantities(source: str) -> list[tuple[float, str]]:
    """The source's measures: symbols, units written out, household units
    of [unit.words] ("2 1/2 teaspoons") and of [conversion] ("150 pounds")."""
    text = joined(unicodedata.normalize("NFKC", read(source)))
    found = {(float(n), _SAME_SYMBOL.get(u, u)) for n, u in _measures(text) | _spelled_measures(text, SOURCE_LANGUAGE)}
    found |= {(float(n), u) for n, u in _worded(source, SOURCE_LANGUAGE)}
    found |= {(a.number, unit) for a in amounts(SOURCE_LANGUAGE, normalise(read(source))) if a.number is not None
              for unit in a.units if unit in _CUSTOMARY}
    return sorted(found)


@lru_cache(maxsize=64)
def _conversion_words(language: str) -> re.Pattern | None:
    """A number and a unit of the [conversion] words of a language and of
    English, the unit's name by group."""
    names: dict[str, str] = {}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        for unit, words in language_data(code).get("conversion", {}).items():
            for word in words:
                names.setdefault(normalise(word), unit)
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    groups = "|".join(f"(?P<{names[w]}_{i}>{re.escape(w)})" for i, w in enumerate(ordered))
    return re.compile(rf"(?<![A-Za-z0-9_.,])(\d+(?:[.,]\d+)?)\s?-?\s?(?:{groups})(?![A-Za-z\u00c0-\u024f\u0400-\u04ff])")


def _worded(text: str, language: str) -> set[tuple[str, str]]:
    """(number, unit) of the measures a text writes with [conversion] words."""
    pattern = _conversion_words(language)
    if pattern is None:
        return set()
    found = pattern.finditer(ungrouped(joined(normalise(read(text))), language))
    return {(written_value(m.group(1)), m.lastgroup.rsplit("_", 1)[0]) for m in found}
