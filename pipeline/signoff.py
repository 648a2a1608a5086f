"""`locpipe review`: signing a catalog off and listing review states.

Reads the project's files, calls the pure functions of `review`, and writes
a sign-off through the locked, atomic catalog write of `update`: under the
project lock, from the file as it is then, and only if it is still the file
the reviewer saw.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import review
from .errors import LocpipeError
from .project import Project


def record_path(project: Project, domain: str, language: str) -> Path:
    """Which units a sign-off covered, beside the catalog: what lets a
    reviewer see only the units changed since."""
    return project.catalog_path(domain, language).with_suffix(".review.json")


def signoff_record(project: Project, domain: str, language: str) -> dict | None:
    """The record of the last sign-off (`review.covered_units` reads it):
    None when there is none, {} when it cannot be read."""
    try:
        record = json.loads(record_path(project, domain, language).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def signing_date() -> str:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH for reproducible runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and epoch.strip().isdigit()
                  else dt.datetime.now(dt.timezone.utc))
    except (OverflowError, OSError, ValueError):
        raise LocpipeError(f"SOURCE_DATE_EPOCH={epoch} is not a date (seconds since 1970); "
                           "unset it to sign with today's date") from None
    return moment.date().isoformat()


def role_name(role: str) -> str:
    """A role as the header says it; `medical` and `medical review` alike."""
    for key, name in review.ROLES.items():
        if role.strip().lower() in (key, name):
            return name
    raise LocpipeError(f"no review role {role!r}; use one of {', '.join(review.ROLES)}")


@dataclass
class SignResult:
    path: Path
    signoff: review.SignOff


def sign(project: Project, language: str, domain: str, by: str, role: str, comment: str = "",
         seen_sha256: str | None = None) -> SignResult:
    """Sign a document's catalog off. Refused (LocpipeError: nothing
    written) unless it is complete, not fuzzy and without check errors, and,
    with `seen_sha256`, unless the file is still the one the reviewer saw."""
    from .catalog import catalog_stats
    from .catalog_io import atomic_write_files
    from .jobs import check_catalog, read_document_by_slug
    from .project import source_bytes
    from .po import catalog_bytes, catalog_from_bytes
    from .publish.gates import error_counts
    if domain not in project.slugs():
        raise LocpipeError(f"no document {domain!r} to sign off; documents: {', '.join(project.slugs())}")
    path = project.catalog_path(domain, language)
    shown = project.relative(path)
    try:
        by, comment = review.reviewer_name(by), review.header_text(comment, "the comment")
    except ValueError as exc:
        raise LocpipeError(str(exc)) from None
    if not by:
        raise LocpipeError("a sign-off needs the reviewer's name (--by)")
    role = role_name(role)
    document = read_document_by_slug(project, domain)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LocpipeError(f"no catalog; run `locpipe init {language}`", shown) from None
    if seen_sha256 is not None and review.sha256(data) != seen_sha256:
        raise LocpipeError("the catalog changed on disk since the page was loaded; reload the page, "
                           "review the changes and sign again", shown)
    po = catalog_from_bytes(data, shown)
    stats = catalog_stats(po, domain, language, [unit.text for unit in document.units])
    errors = error_counts(check_catalog(project, domain, language, po, path))
    refusals = review.sign_refusals(stats.percent_translated, stats.fuzzy, stats.untranslated, errors)
    if refusals:
        raise LocpipeError("cannot sign off: " + "; ".join(refusals), shown)
    signoff = review.SignOff(by, role, signing_date(), review.source_sha256(source_bytes(project, domain) or b""),
                             review.translations_sha256(po), comment)
    record = {"source_sha256": signoff.source, "units": sorted(set(review.unit_pairs(po)))}
    with project.lock():  # written only over the file that was checked, as `update` writes
        if path.read_bytes() != data or review.source_sha256(source_bytes(project, domain) or b"") != signoff.source:
            raise LocpipeError("the catalog or its English changed while it was being checked; sign again", shown)
        atomic_write_files([(path, catalog_bytes(review.signed(po, signoff))),
                            (record_path(project, domain, language),
                             (json.dumps(record, indent=1) + "\n").encode("utf-8"))])
    return SignResult(path, signoff)


@dataclass
class CatalogReview:
    document: str
    language: str
    path: str
    state: review.ReviewState

    def as_dict(self) -> dict:
        return {"document": self.document, "language": self.language, "path": self.path, **self.state.as_dict()}


def statuses(project: Project, languages: list[str] | None = None) -> list[CatalogReview]:
    """Every catalog's review state, documents first, in the project's order."""
    from .jobs import catalog_review, catalogs
    return [CatalogReview(domain, language, project.relative(path), catalog_review(project, domain, po))
            for domain, language, path, po in catalogs(project, languages)]
