"""The build state (`output/.locpipe-build.json`): what each document's
pages were built from and what they are, typed as `PageRecord`s, and the
fingerprints that let a build skip a document nothing it reads has changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..project import UI_DOMAIN, Project
from . import published as store

STATE_FILE = ".locpipe-build.json"


@dataclass
class PageRecord:
    """One published (or refused) version of a document."""

    document: str
    language: str
    status: str  # published, preview, refused, outdated (an earlier version kept online)
    percent: float
    review: str
    reason: str = ""  # every reason it is refused or a preview, for the command line
    errors: dict[str, int] = field(default_factory=dict)  # check id -> errors that refuse it
    # output name -> bytes; once staged, output name -> {"sha256", "size"}
    files: dict[str, bytes] | dict[str, dict] = field(default_factory=dict)
    report: dict | None = None  # what the reports index shows of its readability report
    review_note: str = ""  # why a sign-off no longer holds: "reviewed 2026-11-02 by Ana (...), English changed since"
    # outdated: the English it matches (source_sha256, updated) and since when it is outdated
    matches: dict | None = None
    catalog_sha256: str = ""  # of the catalog a translation's pages were made from


@dataclass
class DocumentResult:
    slug: str
    fingerprint: str
    source_sha256: str
    pages: list[PageRecord]
    staged: list[str] = field(default_factory=list)  # output names written to the staged folder
    updated: str = ""  # the English source's `updated` date (ISO)
    published: dict[str, bytes] = field(default_factory=dict)  # language -> its published/ record


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_optional(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def shared_fingerprint(project: Project, languages: list[str], settings_key: str) -> str:
    """What every document's pages depend on: settings, templates, and each
    language's page strings and glossary (read once, not once per document)."""
    digest = hashlib.sha256(settings_key.encode())
    for language in languages:
        digest.update(language.encode())
        digest.update(read_optional(project.catalog_path(UI_DOMAIN, language)))
        digest.update(read_optional(project.glossary_path(language)))
    return digest.hexdigest()


def document_fingerprint(project: Project, slug: str, languages: list[str], shared: str,
                         today: dt.date) -> str:
    """Everything a document's pages depend on: with a translation that may
    be kept outdated, the date too (it is kept only so many days)."""
    digest = hashlib.sha256(shared.encode())
    source = read_optional(project.source_dir / f"{slug}.md")
    digest.update(source)
    for language in languages:
        digest.update(language.encode())
        digest.update(read_optional(project.catalog_path(slug, language)))
        kept = read_optional(store.store_path(project.root, language, slug))
        if store.may_expire(kept, sha256_hex(source)):  # otherwise the record is of these very pages
            digest.update(kept + today.isoformat().encode())
    return digest.hexdigest()


def report_summary(data: bytes) -> dict:
    """What the reports index shows of one report."""
    report = json.loads(data)
    summary = {key: report.get(key) for key in ("document", "language", "unit", "words", "sentences", "verdict",
                                                 "grade_range")}
    # sorted, as the build state (written with sorted keys) gives it back next time
    summary["scores"] = dict(sorted((report.get("scores") or {}).items()))
    summary["publication"] = report.get("publication")
    return summary


def state_entry(result: DocumentResult) -> dict:
    """A built document as the build state and the manifest record it."""
    return {"slug": result.slug, "fingerprint": result.fingerprint, "source_sha256": result.source_sha256,
            "updated": result.updated,
            "pages": [{"language": p.language, "status": p.status, "percent": p.percent, "review": p.review,
                       "reason": p.reason, "errors": p.errors, "files": p.files, "report": p.report,
                       **({"matches": p.matches} if p.matches else {}),
                       **({"review_note": p.review_note} if p.review_note else {}),
                       **({"catalog_sha256": p.catalog_sha256} if p.catalog_sha256 else {})}
                      for p in result.pages]}


def page_records(documents: list[dict]) -> list[PageRecord]:
    """The pages of built documents, as the build state records them."""
    return [PageRecord(d["slug"], p["language"], p["status"], p["percent"], p["review"], p["reason"],
                       p.get("errors", {}), p["files"], matches=p.get("matches"),
                       review_note=p.get("review_note", ""),
                       catalog_sha256=p.get("catalog_sha256", ""))
            for d in documents for p in d["pages"]]


@dataclass
class BuildResult:
    pages: list[PageRecord]
    written: list[str]
    skipped_documents: int
    removed: list[str]


ONLINE = ("published", "outdated")  # a preview is a staging look, not a version put online


def last_builds_of(documents: dict, manifest: dict) -> dict[str, dict[str, store.LastBuild]]:
    """What the last build had of each document's translations (slug ->
    language -> LastBuild): from its build state (`documents`), else from
    its manifest (which lists only pages online). A document the state does
    not have was withdrawn: none of its translations was online. A language
    the last build did not build, or showed as a preview, is not known."""
    known: dict[str, dict[str, store.LastBuild]] = {}
    for slug, document in documents.items():
        pages = document.get("pages", []) if isinstance(document, dict) else []
        known[slug] = {p["language"]: store.LastBuild(p["status"] in ONLINE, p.get("catalog_sha256", ""),
                                                      (p.get("matches") or {}).get("outdated_since", ""))
                       for p in pages if p.get("status") != "preview"}
    for entry in manifest.get("files", []) if not documents else []:
        if isinstance(entry, dict) and entry.get("status") in ONLINE and isinstance(entry.get("document"), str):
            known.setdefault(entry["document"], {})[str(entry.get("language"))] = store.LastBuild(
                True, str(entry.get("catalog_sha256", "")), str(entry.get("outdated_since", "")))
    return known


def read_manifest(path: Path) -> dict:
    """The output's manifest, or {} when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def language_files(output: Path, languages: set[str]) -> set[str]:
    """Every file in the output's folders of these languages (their pages
    and reports), as output names."""
    found = set()
    for folder in [output / language for language in languages] + [output / "reports" / language for language in languages]:
        if folder.is_dir() and not folder.is_symlink():
            found |= {path.relative_to(output).as_posix() for path in folder.rglob("*") if path.is_file()}
    return found


def last_build(project: Project) -> list[PageRecord]:
    """Every language version of every document as the last build left it:
    published, preview or refused, and why; nothing before the first build."""
    try:
        state = json.loads((project.output_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return page_records(list(state.get("documents", {}).values()))
