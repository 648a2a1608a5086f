"""The publishing gates: whether a language version of a document may be
published, from its catalogs and their check findings (pure functions)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import polib

from .. import catalog as cat
from ..project import UI_DOMAIN
from ..review import review_state
from ..ui import ui_msgids
from ..wording import counted


@dataclass(frozen=True)
class Verdict:
    """What the gates say of one language version, with every reason, so
    that one build tells a translator everything to fix."""

    status: str  # published, preview, refused
    reason: str = ""
    errors: dict[str, int] = field(default_factory=dict)  # check id -> errors that refuse it
    percent: float = 100.0
    review: str = "source"
    # the only thing wrong is that units of the document's catalog are not
    # translated yet (fuzzy, untranslated, missing): an English change, not a bad translation
    units_behind: bool = False
    review_note: str = ""  # why a sign-off no longer holds: "reviewed 2026-11-02 by Ana (...), English changed since"


def error_counts(findings) -> dict[str, int]:
    """Check id -> number of errors, in id order: what refuses a page, so
    that a translator sees every kind of error at once, not only the first.
    Errors of the page strings say so: they are in ui.po, not the document's
    catalog."""
    return dict(sorted(Counter(f.check if f.document != UI_DOMAIN else f"{f.check} (ui.po)"
                               for f in findings if f.severity == "error").items()))


def errors_summary(errors: dict[str, int]) -> str:
    """The errors in one line however many there are, each check once with
    its count: "3 errors — header-plural-forms ×1, phone-number ×2"."""
    return (f"{counted(sum(errors.values()), 'error')} — "
            + ", ".join(f"{check} ×{count}" for check, count in errors.items()))


def gate(po: polib.POFile | None, ui_po: polib.POFile | None, findings, language: str,
         min_percent: float, require_review: bool, allow_incomplete: bool,
         units: tuple[str, ...] | None = None, source: bytes | None = None) -> Verdict:
    """The verdict on one language version. The page strings (ui.po) are
    part of the page: their check errors refuse it, and untranslated page
    strings make it incomplete. `units` are the document's: a unit the
    catalog lacks is untranslated. A sign-off holds only for the English
    `source` and the translations it covered (`review.review_state`): a
    required sign-off voided by an English change refuses the page, and no
    outdated version is kept for it."""
    if language == "en":
        return Verdict("published")
    if po is None:
        return Verdict("refused", "no catalog", percent=0.0, review="none")
    stats = cat.catalog_stats(po, "", language, units)
    state = review_state(po, source)
    review = state.status
    errors = error_counts(findings)
    refusals = [errors_summary(errors)] if errors else []
    if require_review and review != "reviewed":
        refusals.append("not reviewed by a qualified medical translator (X-Review-Status)"
                        + (f": {state.void}" if state.void else ""))
    units_gap = stats.percent_translated < min_percent
    gaps = [f"{stats.percent_translated:.1f}% translated, {min_percent:g}% required"] if units_gap else []
    if ui_po is None:
        gaps.append("no catalog of page strings (ui.po)")
    else:
        ui_percent = cat.catalog_stats(ui_po, "", language, ui_msgids()).percent_translated
        if ui_percent < min_percent:
            gaps.append(f"page strings (ui.po) {ui_percent:.1f}% translated, {min_percent:g}% required")
    percent = stats.percent_translated
    behind = units_gap and len(gaps) == 1 and not errors
    if refusals:
        return Verdict("refused", "; ".join(refusals + ([] if allow_incomplete else gaps)), errors, percent, review,
                       review_note=state.void)
    if gaps:
        return Verdict("preview" if allow_incomplete else "refused", "; ".join(gaps), {}, percent, review,
                       units_behind=behind, review_note=state.void)
    return Verdict("published", "", {}, percent, review, review_note=state.void)
