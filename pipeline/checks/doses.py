"""The medicine and dose checks: the medicines named, and no added
instruction that changes a dose (double it, repeat it, as needed)."""

from __future__ import annotations

import re
from typing import Iterator

from .base import TranslationContext
from .lexicon import Hit, SOURCE_LANGUAGE, normalise
from .reading import _copied, _ready, _scan, prose
from .frequency import intervals, made_per_dose
from .amounts import amounts, section_of


def _medicines(language: str, text: str) -> dict[str, Hit]:
    """The medicines a normalised text names, by English generic name; a
    translation may keep an English name ("Tylenol"), so English names are
    looked for in every language."""
    named: dict[str, Hit] = {}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        for hit in _scan(code, "medicine", text):
            for kind in hit.kinds():
                named.setdefault(kind, hit)
    return named


def changed_medicines(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A translation names the medicines its source names and no others:
    an added "puede tomar ibuprofeno" in a leaflet that says to take no
    medicine without asking is as dangerous as a dropped "do not take
    aspirin". Over the whole unit: a name may move between sentences."""
    if not _ready(context, "medicine") or _copied(source, target):
        return
    theirs = _medicines(SOURCE_LANGUAGE, normalise(prose(source)))
    ours = _medicines(context.language, normalise(prose(target)))
    # a medicine the language's list does not name may be spelt as no list knows ("ondansetwon")
    known = section_of(context.language, "medicine")
    for name, hit in theirs.items():
        if name not in ours and name in known:
            yield f'the source names "{hit.text}" ({name}); the translation does not'
    for name, hit in ours.items():
        if name not in theirs:
            yield f'the translation names "{hit.text}" ({name}), which the source does not'
    yield from _changed_brands(source, target)


# A brand name as leaflets mark it: the Latin word before ® or ™ ("Atarax®", "Tylenol ®"); one written
# in another script ("泰诺®", "Тайленол®") is the translator's transliteration
_MARKED_BRAND = re.compile(r"(?<![^\W\d_])([A-Za-z][A-Za-z0-9-]*)\s?[®™]")


def _changed_brands(source: str, target: str) -> Iterator[str]:
    """A registered name the translation marks that the source does not:
    a brand is never translated, so "(Apresoline®)" for "(Atarax®)" names
    another medicine whether or not the lists know either."""
    theirs = {name.casefold() for name in _MARKED_BRAND.findall(source)}
    for name in dict.fromkeys(_MARKED_BRAND.findall(target)):
        if name.casefold() not in theirs:
            yield f'the translation names "{name}®", a brand the source does not name'


# what the `[unit.changes]` lists and the `[dose]` lists `change` and `per_weight` say, in words
_CHANGES = {"double": "double the dose", "repeat": "repeat the dose", "per_weight": "a dose per kilogram of weight",
            "as_needed": "a dose as needed", "change": "a change of the dose"}


def _dose_changes(language: str, text: str) -> dict[str, Hit]:
    """The dose changes a normalised text says, by kind, first phrase of
    each; a translation's are looked for in English too ("5 mg/kg")."""
    found: dict[str, Hit] = {}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        for hit in _scan(code, "unit", text):
            for kind in sorted(k.split(".", 1)[1] for k in hit.kinds() if k.startswith("changes.")):
                found.setdefault(kind, hit)
        for hit in _scan(code, "dose", text):
            for kind in sorted(hit.kinds() & {"change", "per_weight"}):
                found.setdefault(kind, hit)
            if "doubled" in hit.kinds():  # "two doses at the same time": a double dose
                found.setdefault("double", hit)
    return found


def added_dose_changes(source: str, target: str, language: str) -> Iterator[str]:
    """A translation may not tell the reader to change the dose when the
    source does not: "double the dose", "repeat the dose", "as needed",
    "heaping", or a dose per kilogram of body weight ("5 mg/kg" is 350 mg for
    an adult); an added sentence "Si olvida una dosis, tome el doble" keeps
    every number of the source. One message per phrase of the translation."""
    ours = _dose_changes(language, target)
    if not ours:
        return
    theirs = _dose_changes(SOURCE_LANGUAGE, source)
    said: list[Hit] = []
    for change, hit in sorted(ours.items(), key=lambda item: (item[0] == "change", item[1].start)):
        if any(hit.start < h.end and h.start < hit.end for h in said):
            continue
        if change in theirs and _forbidden(SOURCE_LANGUAGE, source, theirs[change]) == \
                _forbidden(language, target, hit) and not _forgotten(language, target, theirs[change], hit):
            continue
        said.append(hit)
        if change in theirs:
            turned = "forbids it" if _forbidden(SOURCE_LANGUAGE, source, theirs[change]) else "says it, not forbids it"
            yield f'the translation says "{hit.text}" ({_CHANGES.get(change, change)}) where the source {turned}'
        else:
            yield f'the translation says "{hit.text}" ({_CHANGES.get(change, change)}), which the source does not say'


_CLAUSE_ENDS = ",;:，；、。.!?！？،؛"


def _clause(text: str, hit: Hit) -> str:
    start = max(text.rfind(c, 0, hit.start) for c in _CLAUSE_ENDS) + 1
    end = min((i for i in (text.find(c, hit.end) for c in _CLAUSE_ENDS) if i >= 0), default=len(text))
    return text[start:end]


def _forgotten(language: str, text: str, rule: Hit, hit: Hit) -> bool:
    """Whether the source's rule against two doses at once ("doubled") meets a
    double dose whose clause turns on a "forget" ("약을 잊었다면 다음 번에 두 배로
    복용하십시오", if you forgot, take double next time): told, not forbidden."""
    from .polarity import polarity  # it reads the lists the dose check reads
    return "doubled" in rule.kinds() and bool(polarity(language, _clause(text, hit)).inverting)


def _forbidden(language: str, text: str, hit: Hit) -> bool:
    """Whether the clause of a dose change negates it: "do not take 2 doses
    at the same time", "2回分を一度に服用しないでください" forbid the double
    dose that "次回に2回分をまとめて服用してください" tells the reader to take."""
    from .polarity import polarity  # it reads the lists the dose check reads
    return polarity(language, _clause(text, hit)).low % 2 == 1


def dropped_as_needed(source: str, target: str, language: str) -> Iterator[str]:
    """A dose the source gives "as needed" keeps its condition: "Take 1
    tablet every 6 hours as needed for pain" as "Tome 1 tableta cada 6
    horas para el dolor" is a schedule of 4 doses a day. The translation's
    own "as needed" answers it, and so does any "if" or "when" ("si tiene
    dolor", "si la necesita"). Only where the language lists "as needed"."""
    theirs = _dose_changes(SOURCE_LANGUAGE, source).get("as_needed")
    if theirs is None or not section_of(language, "unit").get("changes", {}).get("as_needed"):
        return
    if "as_needed" in _dose_changes(language, target) or \
            any(h.kinds() & {"condition", "unless"} for h in _scan(language, "negation", target)) or \
            any("if" in h.kinds() for h in _scan(language, "junction", target)):
        return
    yield f'the source says "{theirs.text}" ({_CHANGES["as_needed"]}) but the translation does not: the dose ' \
          f'becomes a schedule'


def changed_dose(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """No dose instruction is added or loses its "as needed", and no count
    over a period made one per dose (a rate's period is the unit check's)."""
    if not _ready(context, "dose") or _copied(source, target):
        return
    theirs, ours = normalise(prose(source)), normalise(prose(target))
    yield from added_dose_changes(theirs, ours, context.language)
    yield from dropped_as_needed(theirs, ours, context.language)
    yield from made_per_dose(theirs, ours, context.language)
    yield from made_daily_total(theirs, ours, context.language)


def made_daily_total(source: str, target: str, language: str) -> Iterator[str]:
    """An amount the source gives for each of its doses ("Take 500 mg twice
    a day") is not made the day's total divided among them ("每天500毫克，
    分两次服用", "1日500mgを2回に分けて", "하루 500mg을 2번에 나누어":
    250 mg a dose). Where the source itself divides or totals (`[dose]
    divided`: "divided into 2 doses", "a total of"), the translation may."""
    ours = [h for h in _scan(language, "dose", target) if "divided" in h.kinds()]
    if not ours or any("divided" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "dose", source)):
        return
    frequency = next((a.text for a in amounts(SOURCE_LANGUAGE, source) if a.units & {"time"}
                      and (a.number or 0) >= 2), None) or \
        next((h.text for h, _, _ in intervals(SOURCE_LANGUAGE, source)), None)
    if frequency is not None and re.search(r"\d", source):
        yield f'the translation says "{ours[0].text}" (the amount divided over the day), but the source gives ' \
              f'its amount for each dose, "{frequency}"'

