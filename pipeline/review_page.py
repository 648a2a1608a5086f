"""What a review page shows: each unit of a document, its English and its
translation side by side in document order, with its section, the check
findings on it (errors first), the glossary terms it contains, its state,
and whether it changed since the last sign-off. Pure: data in, data out;
`serve` reads the files and renders it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import polib

from .glossary import Glossary
from .model import Document
from .review import REVIEWED, ReviewState, sign_refusals, unit_pair

TRANSLATED, FUZZY, UNTRANSLATED = "translated", "fuzzy", "untranslated"


@dataclass(frozen=True)
class UnitFinding:
    severity: str
    check: str
    message: str


@dataclass(frozen=True)
class GlossaryHint:
    term: str
    translation: str
    note: str
    used: bool  # the translation contains the term's translation


@dataclass(frozen=True)
class ReviewRow:
    number: int          # 1-based, in document order
    kind: str
    section: str
    source: str
    translation: str
    state: str           # translated, fuzzy, untranslated
    previous: str        # a fuzzy unit's old English
    findings: tuple[UnitFinding, ...]
    glossary: tuple[GlossaryHint, ...]
    reading: tuple[str, ...]  # readability notes on the translation: long sentences
    changed: bool        # not what the last sign-off covered (always False without one)
    line: int            # the entry's line in the .po, 0 when the catalog lacks it

    @property
    def has_error(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


@dataclass(frozen=True)
class ReviewPage:
    document: str
    title: str
    language: str
    direction: str
    catalog: str          # the catalog's path in the project
    catalog_sha256: str   # the file as the page shows it: a sign-off posts it back
    rows: tuple[ReviewRow, ...]
    catalog_findings: tuple[UnitFinding, ...]  # findings on the header
    state: ReviewState
    refusals: tuple[str, ...]  # why it cannot be signed off now
    units_unknown: str = ""    # why which units changed since the sign-off is unknown (all count as changed)

    @property
    def errors(self) -> int:
        return sum(row.has_error for row in self.rows) + sum(f.severity == "error" for f in self.catalog_findings)

    @property
    def fuzzy(self) -> int:
        return sum(row.state == FUZZY for row in self.rows)

    @property
    def changed(self) -> int:
        return sum(row.changed for row in self.rows)


def _severity_order(finding: UnitFinding) -> tuple[int, str]:
    return (0 if finding.severity == "error" else 1, finding.check)


def review_page(document: Document, language: str, direction: str, po: polib.POFile, findings,
                glossary: Glossary | None, signed_units: frozenset[str] | None, state: ReviewState,
                catalog: str, catalog_sha256: str,
                reading: Callable[[str], tuple[str, ...]] = lambda text: (), units_unknown: str = "") -> ReviewPage:
    """The review page of one document in one language. `findings` are the
    checks' findings on the catalog (`checks.Finding`); `signed_units` the
    unit digests the last sign-off covered, None without a record, and
    `units_unknown` why (then a void sign-off counts every unit as
    changed); `reading` gives the readability notes on a translated text."""
    unknown = units_unknown if state.signoff is not None and state.status != REVIEWED else ""
    entries = {entry.msgid: entry for entry in po if not entry.obsolete and entry.msgctxt is None and entry.msgid}
    by_msgid: dict[str, list[UnitFinding]] = {}
    on_catalog = []
    for finding in findings:
        shown = UnitFinding(finding.severity, finding.check, finding.message)
        if finding.msgid:
            by_msgid.setdefault(finding.msgid, []).append(shown)
        elif finding.check != "missing-entries":
            on_catalog.append(shown)
    rows = []
    for number, unit in enumerate(document.units, 1):
        entry = entries.get(unit.text)
        translation = entry.msgstr if entry is not None else ""
        fuzzy = entry is not None and "fuzzy" in entry.flags
        status = FUZZY if fuzzy else TRANSLATED if translation else UNTRANSLATED
        hints = tuple(GlossaryHint(t.source, t.translation, t.note, t.translation.casefold() in translation.casefold())
                      for t in (glossary.terms_in(unit.text) if glossary else []))
        changed = bool(unknown) or (state.signoff is not None and signed_units is not None
                                    and (entry is None or unit_pair(entry) not in signed_units))
        rows.append(ReviewRow(number, unit.field or unit.kind, " › ".join(unit.section[:-1] if unit.kind == "heading"
                                                                             else unit.section),
                              unit.text, translation, status, (entry.previous_msgid or "") if fuzzy else "",
                              tuple(sorted(by_msgid.get(unit.text, []), key=_severity_order)),
                              hints, reading(translation) if translation and not fuzzy else (),
                              changed, entry.linenum if entry is not None else 0))
    errors = {}
    for finding in findings:
        if finding.severity == "error":
            errors[finding.check] = errors.get(finding.check, 0) + 1
    units = {row.source: row.state for row in rows}  # identical texts share one entry
    fuzzy = sum(state == FUZZY for state in units.values())
    untranslated = sum(state == UNTRANSLATED for state in units.values())
    percent = round(100.0 * (len(units) - fuzzy - untranslated) / len(units), 1) if units else 100.0
    return ReviewPage(document.slug, str(document.metadata.get("title", document.slug)), language, direction,
                      catalog, catalog_sha256, tuple(rows),
                      tuple(sorted(on_catalog, key=_severity_order)), state,
                      tuple(sign_refusals(percent, fuzzy, untranslated, errors)), unknown)
