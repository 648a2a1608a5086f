"""One verdict per document and language, before any detail: the primary
formula's score against its target, in words, and how far the other grade
formulas spread. A reviewer should not have to weigh six numbers on six
scales to learn whether a leaflet is too hard.

Grade formulas (a school grade, lower is easier) share the project's
`target_grade`. Other scales have a target only where one is normed for the
language (data/<lang>.toml, [verdict] targets); elsewhere the verdict says
that no target is normed rather than calling the text too hard.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping

from ..errors import SettingsError
from ..locales import english_name
from .languages import base, language_data
from .measures import EASE, FORMULAS, GRADE, Formula, formulas_for
from .settings import DEFAULT_TARGET_GRADE, DEFAULT_UNCOMMON_ZIPF, ReadabilitySettings

_NUMBERS = "zero one two three four five six seven eight nine ten".split()

# Below these a formula's score says little: SMOG was normed on samples of
# 30 sentences, the others on passages of about 100 words.
SMOG_SAMPLE_SENTENCES = 30
MIN_SAMPLE_WORDS = 100


def formula_named(name: str) -> Formula | None:
    """A formula by its JSON name ("smog_index") or its title ("SMOG grade")."""
    wanted = name.strip().lower()
    return next((f for f in FORMULAS if wanted in (f.name, f.title.lower())), None)


def readability_settings(raw: Mapping[str, Any], origin: str = "",
                         locate: Callable[[tuple[str, ...]], int | None] = lambda keys: None) -> ReadabilitySettings:
    """The settings of a project's readability table, checked; `locate`
    gives the line of a setting (its keys below [readability]) for errors."""
    def fail(message: str, *keys: str) -> SettingsError:
        return SettingsError(message, origin, locate(keys))

    def grade(table: Mapping, where: str, *keys: str) -> float | None:
        value = table.get("target_grade")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 20:
            raise fail(f"{where}target_grade must be a school grade from 1 to 20, not {value!r}", *keys, "target_grade")
        return float(value)

    def primary(table: Mapping, where: str, *keys: str) -> str | None:
        value = table.get("primary")
        if value is None:
            return None
        formula = formula_named(value) if isinstance(value, str) else None
        if formula is None:
            names = ", ".join(sorted({f.name for f in FORMULAS}))
            raise fail(f"{where}primary must name a readability formula ({names}), not {value!r}", *keys, "primary")
        return formula.name

    languages = raw.get("languages", {})
    if not isinstance(languages, dict) or not all(isinstance(v, dict) for v in languages.values()):
        raise fail("[readability.languages] must hold one table per language", "languages")
    zipf = raw.get("uncommon_zipf", DEFAULT_UNCOMMON_ZIPF)
    if isinstance(zipf, bool) or not isinstance(zipf, (int, float)) or not 0 <= zipf <= 8:
        raise fail(f"[readability] uncommon_zipf must be a Zipf frequency from 0 to 8, not {zipf!r}", "uncommon_zipf")
    return ReadabilitySettings(
        grade(raw, "[readability] ") or DEFAULT_TARGET_GRADE, primary(raw, "[readability] "),
        tuple((code, grade(table, f"[readability.languages.{code}] ", "languages", code),
               primary(table, f"[readability.languages.{code}] ", "languages", code))
              for code, table in sorted(languages.items())), float(zipf))


@dataclass(frozen=True)
class Target:
    value: float
    at_most: bool  # grades and scores: lower is easier; ease: higher is easier

    def text(self, formula: Formula) -> str:
        if formula.scale == GRADE:
            return f"grade {self.value:g} or lower"
        return f"{self.value:g} or {'lower' if self.at_most else 'higher'}"

    def met(self, value: float) -> bool:
        return value <= self.value if self.at_most else value >= self.value


@lru_cache(maxsize=256)
def target_for(formula: Formula, language: str, target_grade: float) -> Target | None:
    """A formula's target for a language: the project's grade for a grade
    formula; for another scale, the one normed for the language, if any."""
    if formula.scale == GRADE:
        return Target(target_grade, True)
    normed = language_data(language).get("verdict", {}).get("targets", {}).get(formula.name)
    return Target(float(normed), formula.scale != EASE) if normed is not None else None


def target_phrase(formula: Formula, value: float, language: str, target_grade: float) -> str:
    """The target of a score in words, or that none is normed for the language."""
    target = target_for(formula, language, target_grade)
    if target is None:
        return f"no target is normed for {english_name(language)}"
    return f"target {target.text(formula)}: {'met' if target.met(value) else 'not met'}"


def on_scale(formula: Formula, value: float) -> tuple[float, str]:
    """A score as a report shows it, within its scale (0 to 100 for a
    reading ease, no grade below 0), and a note where it was outside:
    a very short or very simple text can compute Fernández Huerta 110.1
    or Flesch-Kincaid grade -2.8, which no reader is."""
    low, high = 0.0, 100.0 if formula.scale == EASE else None
    if value < low:
        return low, f"off the scale: computed {value:.1f}"
    if high is not None and value > high:
        return high, f"off the scale: computed {value:.1f}"
    return value, ""


def score_text(formula: Formula, value: float) -> str:
    """"10.3", or "100.0 (off the scale: computed 110.1)"."""
    shown, note = on_scale(formula, value)
    return f"{shown:.1f} ({note})" if note else f"{value:.1f}"


def sample_too_small(formula: Formula, words: int, sentences: int) -> str:
    """Why a text is too short for a formula to judge it, or ""."""
    from ..wording import counted
    if formula.name == "smog_index" and sentences < SMOG_SAMPLE_SENTENCES:
        return (f"SMOG is normed on samples of {SMOG_SAMPLE_SENTENCES} sentences and this text has "
                f"{counted(sentences, 'sentence')}")
    if words < MIN_SAMPLE_WORDS:
        return f"{formula.title} needs at least {MIN_SAMPLE_WORDS} words and this text has {words}"
    return ""


def number_word(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def judge(scores: Mapping[str, float], language: str, settings: ReadabilitySettings,
          words: int | None = None, sentences: int | None = None) -> dict:
    """primary, target, verdict and grade_range of a report (see README);
    `words` is how many words (or characters) were scored, in `sentences`.
    A text too short for its primary formula gets no pass or fail but
    "Too short to judge", with what the score would say; `primary` keeps
    the score, which --max-grade still gates on."""
    if words == 0 or (words is None and not scores and formulas_for(language)[0]):
        return {"primary": None, "target": None, "grade_range": None,
                "verdict": {"status": "none", "reason": "no-text", "label": "No text",
                            "text": "there is no text to score"
                            + ("" if language == "en" else f" in {english_name(language)}")}}
    target_grade, wanted = settings.for_language(language)
    applicable = [f for f in formulas_for(language)[0] if f.name in scores]
    defaults = [wanted, language_data(language).get("verdict", {}).get("primary")]
    formula = next((f for name in defaults if name for f in applicable if f.name == name),
                   applicable[0] if applicable else None)
    if formula is None:
        reason = "no readability formula is normed for " + english_name(language)
        return {"primary": None, "target": None, "grade_range": None,
                "verdict": {"status": "none", "reason": "no-formula", "label": "No formula", "text": reason}}
    value = scores[formula.name]
    primary = {"formula": formula.name, "title": formula.title, "value": value, "scale": formula.scale}
    target = target_for(formula, language, target_grade)
    others = [(f.title, scores[f.name]) for f in applicable if f.scale == GRADE and f is not formula]
    grade_range = None
    if others:
        computed_low, computed_high = min(v for _, v in others), max(v for _, v in others)
        (low, low_note), (high, high_note) = on_scale(formula, computed_low), on_scale(formula, computed_high)
        span = f"grade {low:.1f}" if low == high else f"grade {low:.1f}–{high:.1f}"
        notes = [note for note in dict.fromkeys([low_note, high_note]) if note]
        if notes:  # a grade below 0 is shown as 0, as the scores are
            span += " (" + (f"lowest {notes[0]}" if len(notes) == 1 and low != high else "; ".join(notes)) + ")"
        count = len(others)
        text = (f"{span} across {number_word(count)} other grade formulas" if count > 1
                else f"{span} by the one other grade formula, {others[0][0]}")
        grade_range = {"low": low, "high": high, "computed_low": computed_low, "computed_high": computed_high,
                       "formulas": [title for title, _ in others], "text": text}
    if target is None:
        verdict = {"status": "none", "reason": "no-target", "label": "No normed target",
                   "text": f"{formula.title} {score_text(formula, value)}; no target is normed for "
                           f"{english_name(language)}"}
        return {"primary": primary, "target": None, "grade_range": grade_range, "verdict": verdict}
    passed = target.met(value)
    too_small = sample_too_small(formula, words, sentences) if words is not None and sentences is not None else ""
    if too_small:
        where = "would meet" if passed else "would be above" if target.at_most else "would be below"
        verdict = {"status": "none", "reason": "too-short", "label": "Too short to judge",
                   "text": f"{formula.title} {score_text(formula, value)} {where} the target of "
                           f"{target.text(formula)}, but the text is too short to score reliably: {too_small}"}
    else:
        where = "meets" if passed else "is above" if target.at_most else "is below"
        verdict = {"status": "pass" if passed else "fail", "label": "Meets the target" if passed else "Too hard",
                   "text": f"{formula.title} {score_text(formula, value)} {where} the target of {target.text(formula)}"}
    return {"primary": primary,
            "target": {"formula": formula.name, "value": target.value, "at_most": target.at_most,
                       "text": target.text(formula)},
            "grade_range": grade_range, "verdict": verdict}


def inapplicable_primaries(raw: Mapping[str, Any], languages: list[str]) -> list[tuple[tuple[str, ...], str]]:
    """(keys below [readability], message) for each `primary` that a
    language's reports would ignore because the formula does not apply to
    it (Osman is normed for Arabic only): the verdict would silently rest
    on the language's default formula instead."""
    out = []
    tables = raw.get("languages") if isinstance(raw.get("languages"), Mapping) else {}

    def ignored(name: Any, codes: list[str]) -> list[str]:
        formula = formula_named(name) if isinstance(name, str) else None
        if formula is None:
            return []
        return [code for code in codes if formula.name not in {f.name for f in formulas_for(code)[0]}]

    ours = ["en", *languages]
    for code, table in tables.items():
        if code not in ours and code not in {base(c) for c in ours}:
            continue  # unknown_settings warns about the table itself
        if isinstance(table, Mapping) and ignored(table.get("primary"), [code]):
            out.append((("languages", code, "primary"),
                        f"[readability.languages.{code}] primary {table['primary']!r} does not apply to "
                        f"{english_name(code)}, so its verdict rests on {_default_primary(code)}: it is ignored"))
    if ours and len(ignored(raw.get("primary"), ours)) == len(ours):
        out.append((("primary",), f"[readability] primary {raw['primary']!r} applies to none of the project's "
                                  f"languages ({', '.join(ours)}): it is ignored, and each verdict rests on its "
                                  "language's default formula"))
    return out


def _default_primary(language: str) -> str:
    """The title of the formula a language's verdict rests on by default."""
    applicable = formulas_for(language)[0]
    wanted = language_data(language).get("verdict", {}).get("primary")
    formula = next((f for f in applicable if f.name == wanted), applicable[0] if applicable else None)
    return formula.title if formula else "no formula (none is normed for it)"
