"""Sign-off: a reviewer's "reviewed" tied to the English and the
translations it covers.

A sign-off is written into the catalog header (`X-Review-Status: reviewed`
with who, when, in what role, and a sha256 of the English source and of the
catalog's translations). It holds only while both are unchanged: an edited
source or translation makes the catalog a draft again, and every command
that shows review status says why. The functions here are pure; `signing`
reads and writes the files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import polib

STATUS, BY, DATE, ROLE, SOURCE, TRANSLATIONS, COMMENT = (
    "X-Review-Status", "X-Reviewed-By", "X-Reviewed-Date", "X-Reviewed-Role",
    "X-Reviewed-Source", "X-Reviewed-Translations", "X-Reviewed-Comment")
SIGNOFF_FIELDS = (BY, DATE, ROLE, SOURCE, TRANSLATIONS, COMMENT)
REVIEWED, DRAFT = "reviewed", "draft"

# The roles a reviewer signs in, as the command line names them and as the header says them.
ROLES = {"translator": "translator review", "medical": "medical review",
         "health-literacy": "health-literacy review"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_sha256(source: bytes) -> str:
    """The digest a sign-off keeps of the English file, its line ends read
    as \n: a checkout that writes CRLF (git's autocrlf) is the same text."""
    return sha256(source.replace(b"\r\n", b"\n"))


def unit_pair(entry: polib.POEntry) -> str:
    """What a reviewer saw of one unit: its English and its translation, as
    a short digest (plural forms in order; a fuzzy one is not the same)."""
    forms = [entry.msgstr] if not entry.msgid_plural else [text for _, text in sorted(entry.msgstr_plural.items())]
    text = "\x00".join([entry.msgctxt or "", entry.msgid, entry.msgid_plural or "", *forms,
                        "fuzzy" if "fuzzy" in entry.flags else ""])
    return sha256(text.encode("utf-8"))[:16]


def unit_pairs(po: polib.POFile) -> list[str]:
    """The digests of every live unit, in file order."""
    return [unit_pair(entry) for entry in po if entry.msgid and not entry.obsolete]


def translations_sha256(po: polib.POFile) -> str:
    """A digest of the catalog's translations, their English and fuzzy flags:
    not of its comments, references or header, which `update` rewrites
    without changing what a reader sees."""
    return sha256("\n".join(sorted(unit_pairs(po))).encode("ascii"))


@dataclass(frozen=True)
class SignOff:
    by: str
    role: str        # one of ROLES' values
    date: str        # YYYY-MM-DD
    source: str      # sha256 of the English source file
    translations: str  # translations_sha256 of the catalog
    comment: str = ""

    @property
    def who(self) -> str:
        return f"reviewed {self.date} by {self.by}" + (f" ({self.role})" if self.role else "")


@dataclass(frozen=True)
class ReviewState:
    """The review status a catalog has now: `reviewed` or `draft`, the
    sign-off it carries, and why a sign-off no longer holds (`void`)."""

    status: str
    signoff: SignOff | None = None
    void: str = ""   # "reviewed 2026-11-02 by Ana (medical review), English changed since"

    @property
    def note(self) -> str:
        if self.void or self.status != REVIEWED:
            return self.void
        return self.signoff.who if self.signoff is not None else "marked reviewed by hand, not tied to the English"

    def as_dict(self) -> dict:
        signed = self.signoff
        return {"review": self.status, "review_note": self.note,
                "reviewed_by": signed.by if signed else None, "reviewed_date": signed.date if signed else None,
                "reviewed_role": signed.role if signed else None,
                "reviewed_comment": signed.comment if signed else None}


def recorded_signoff(metadata: dict) -> SignOff | None:
    """The sign-off a header records, if it has any X-Reviewed-* field
    (complete or not: `signoff_gaps` says what it lacks)."""
    if not any(field in metadata for field in SIGNOFF_FIELDS):
        return None
    return SignOff(metadata.get(BY, "").strip(), metadata.get(ROLE, "").strip(), metadata.get(DATE, "").strip(),
                   metadata.get(SOURCE, "").strip(), metadata.get(TRANSLATIONS, "").strip(),
                   metadata.get(COMMENT, "").strip())


def signoff_gaps(signoff: SignOff) -> list[str]:
    """The header fields a sign-off needs and lacks: without both digests
    it ties the catalog to nothing, so one deleted line must not turn a
    void sign-off into one "marked reviewed by hand"."""
    needed = ((SOURCE, signoff.source), (TRANSLATIONS, signoff.translations), (BY, signoff.by),
              (DATE, signoff.date))
    return [field for field, value in needed if not value]


def unfinished_units(po: polib.POFile) -> tuple[int, int]:
    """(fuzzy, untranslated) live units: a sign-off holds only for a
    catalog it could have been given to."""
    live = [entry for entry in po if entry.msgid and not entry.obsolete]
    fuzzy = sum("fuzzy" in entry.flags for entry in live)
    untranslated = sum(not entry.translated() and "fuzzy" not in entry.flags for entry in live)
    return fuzzy, untranslated


def review_state(po: polib.POFile, source: bytes | None) -> ReviewState:
    """A catalog's review status now. `X-Review-Status: reviewed` with a
    sign-off holds while the English source (`source`, None where a domain
    has no source file, as the page strings) and the translations are those
    signed, and while no unit is fuzzy or untranslated. A header marked
    reviewed by hand, without any X-Reviewed-* field, stays reviewed; one
    with some of them but not both digests is a draft."""
    status = po.metadata.get(STATUS, DRAFT).strip().lower() or DRAFT
    signed = recorded_signoff(po.metadata)
    if status != REVIEWED:
        return ReviewState(status, signed)
    if signed is None:
        return ReviewState(REVIEWED)
    gaps = signoff_gaps(signed)
    if gaps:
        return ReviewState(DRAFT, signed, "sign-off incomplete: " + ", ".join(f"{field} missing" for field in gaps))
    changed = []
    if source is not None and signed.source != source_sha256(source):
        changed.append("English")
    if signed.translations != translations_sha256(po):
        changed.append("translations")
    if changed:
        return ReviewState(DRAFT, signed, f"{signed.who}, {' and '.join(changed)} changed since")
    fuzzy, untranslated = unfinished_units(po)
    if fuzzy or untranslated:
        since = [f"{count} {what} unit(s)" for count, what in ((fuzzy, "fuzzy"), (untranslated, "untranslated"))
                 if count]
        return ReviewState(DRAFT, signed, f"{signed.who}, but {' and '.join(since)}: not what a sign-off covers")
    return ReviewState(REVIEWED, signed)


def covered_units(record: dict | None, signoff: SignOff | None,
                  record_name: str) -> tuple[frozenset[str] | None, str]:
    """The unit digests a sign-off covered, from its record beside the
    catalog, or None and why that is unknown: the record is missing (a
    `git commit -a` leaves the new file out) or is not the one of this
    header's sign-off (its source digest and its units' digest must be
    the header's X-Reviewed-Source and X-Reviewed-Translations)."""
    if signoff is None:
        return None, ""
    if record is None:
        return None, f"the sign-off record {record_name} is missing"
    try:
        units = frozenset(str(unit) for unit in record["units"])
        source = record["source_sha256"]
    except (KeyError, TypeError):
        return None, f"the sign-off record {record_name} cannot be read"
    if source != signoff.source or sha256("\n".join(sorted(units)).encode("utf-8")) != signoff.translations:
        return None, f"the sign-off record {record_name} is not the record of this catalog's sign-off"
    return units, ""


def sign_refusals(percent_translated: float, fuzzy: int, untranslated: int, errors: dict[str, int]) -> list[str]:
    """Why a catalog cannot be signed off: a reviewer signs what readers
    will see, so every unit translated, none fuzzy, no check error."""
    reasons = []
    if errors:
        reasons.append(f"{sum(errors.values())} check error(s) ("
                       + ", ".join(f"{check} ×{count}" for check, count in errors.items()) + ")")
    if untranslated:
        reasons.append(f"{untranslated} unit(s) not translated ({percent_translated:.1f}% translated)")
    if fuzzy:
        reasons.append(f"{fuzzy} fuzzy unit(s)")
    return reasons


def signed(po: polib.POFile, signoff: SignOff) -> polib.POFile:
    """The catalog with `signoff` in its header (a previous one replaced);
    entries untouched."""
    metadata = {key: value for key, value in po.metadata.items() if key not in SIGNOFF_FIELDS}
    metadata[STATUS] = REVIEWED
    metadata.update({BY: signoff.by, DATE: signoff.date, ROLE: signoff.role, SOURCE: signoff.source,
                     TRANSLATIONS: signoff.translations})
    if signoff.comment:
        metadata[COMMENT] = signoff.comment
    po.metadata = metadata
    return po


BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NAME_LIMIT = 200


def reviewer_name(value: str) -> str:
    """A reviewer's name as a header can hold it and every command can show
    it as stored: one line, with a letter, no bidi control (it would show
    the name reordered), at most NAME_LIMIT characters. Raises ValueError."""
    import unicodedata
    value = header_text(value, "the reviewer's name")
    if any(c in BIDI_CONTROLS for c in value):
        raise ValueError("the reviewer's name must not contain bidirectional control characters")
    if len(value) > NAME_LIMIT:
        raise ValueError(f"the reviewer's name is longer than {NAME_LIMIT} characters")
    if value and not any(unicodedata.category(c).startswith("L") for c in value):
        raise ValueError("the reviewer's name must contain a letter")
    return value


def header_text(value: str, name: str) -> str:
    """A value a header line can hold: one line, no control characters.
    Raises ValueError naming the field otherwise."""
    value = value.strip()
    if any(ord(c) < 32 or ord(c) == 127 or c in "\u2028\u2029\x85" for c in value):
        raise ValueError(f"{name} must be one line of text without control characters")
    return value
