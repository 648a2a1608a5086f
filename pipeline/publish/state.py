"""The build state (`output/.locpipe-build.json`): what each document's
pages were built from and what they are, as dataclasses (`BuildState`,
`DocumentRecord`, `PageRecord`, `StagedFile`) that are JSON only where the
file is read and written here, and the fingerprints that let a build skip a
document nothing it reads has changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import fsio
from ..project import UI_DOMAIN, Project
from . import published as store

STATE_FILE = ".locpipe-build.json"


@dataclass(frozen=True)
class StagedFile:
    """A file of a page as the build staged it, as the manifest lists it."""

    sha256: str
    size: int


@dataclass(frozen=True)
class OutdatedMatch:
    """The English an outdated translation matches, and since when it is outdated."""

    source_sha256: str
    updated: str
    outdated_since: str


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
    files: dict[str, StagedFile] = field(default_factory=dict)  # output name -> the file staged
    report: dict | None = None  # what the reports index shows of its readability report (see report_summary)
    review_note: str = ""  # why a sign-off no longer holds: "reviewed 2026-11-02 by Ana (...), English changed since"
    matches: OutdatedMatch | None = None  # outdated: the English it matches
    catalog_sha256: str = ""  # of the catalog a translation's pages were made from
    record_sha256: str = ""  # of the published/ record the build made of the version it published
    report_key: str = ""  # what its readability report was made from (jobs.report_key)


@dataclass
class DocumentRecord:
    """A built document as the build state records it."""

    slug: str
    fingerprint: str
    source_sha256: str
    updated: str  # the English source's `updated` date (ISO)
    pages: list[PageRecord]


@dataclass
class BuildState:
    """What the last build made (`output/.locpipe-build.json`): each
    document's record, and what its index files were made from."""

    version: str = ""
    documents: dict[str, DocumentRecord] = field(default_factory=dict)  # slug -> record, in the documents' order
    indexes: str = ""  # the fingerprint of what the index files are made from
    index_files: list[str] = field(default_factory=list)


@dataclass
class DocumentResult:
    """What a document's job gives the build: its record (None once the
    build has shelved it, see RecordShelf), the output names it wrote to
    the staged folder, language -> the sha256 of the published/ record it
    staged, and the results its process memoised
    (`memos.fresh_memo_entries`)."""

    slug: str
    record: DocumentRecord | None
    staged: list[str] = field(default_factory=list)
    published: dict[str, str] = field(default_factory=dict)
    memo: dict[tuple, dict] = field(default_factory=dict)  # what the job's process added to the memos
    stats: dict[str, dict] = field(default_factory=dict)  # its catalogs' rows for `stats`
    inputs: dict[str, str] = field(default_factory=dict)  # path -> sha256 of the bytes its pages were made from


class RecordShelf(Mapping):
    """Documents' records by slug, in the documents' order. Those the jobs
    made are kept pickled, a third of their size as objects, and made again
    at every reading: a library's build holds 2,000 of them until its
    indexes and state are written."""

    def __init__(self, slugs: list[str], reused: list[DocumentRecord]):
        self._slugs = slugs
        self._kept: dict[str, DocumentRecord | bytes] = {d.slug: d for d in reused}
        # whether every record has its fingerprint ("": pages of bytes that changed while the build ran)
        self.fingerprinted = all(d.fingerprint for d in reused)

    def shelve(self, record: DocumentRecord) -> None:
        self.fingerprinted = self.fingerprinted and bool(record.fingerprint)
        self._kept[record.slug] = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)

    def __getitem__(self, slug: str) -> DocumentRecord:
        kept = self._kept[slug]
        return pickle.loads(kept) if isinstance(kept, bytes) else kept

    def __iter__(self) -> Iterator[str]:
        return (slug for slug in self._slugs if slug in self._kept)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_optional(path: Path | str) -> bytes:
    """A file's bytes; none where it is missing or is no regular file (a
    FIFO or a folder put where a record was is not waited on, nor read)."""
    try:
        return fsio.read_regular(path)
    except (FileNotFoundError, fsio.NotRegularFile):
        return b""


def shared_fingerprint(project: Project, languages: list[str], settings_key: str, digests) -> str:
    """What every document's pages depend on: settings, templates, and each
    language's page strings and glossary (read once, not once per document;
    `digests` a FileDigests)."""
    digest = hashlib.sha256(settings_key.encode())
    for language in languages:
        digest.update(language.encode())
        digest.update(digests.sha256(str(project.catalog_path(UI_DOMAIN, language))).encode())
        digest.update(digests.sha256(str(project.glossary_path(language))).encode())
    return digest.hexdigest()


def input_folders(project: Project, languages: list[str]) -> tuple[str, list[tuple[str, str, str]]]:
    """The source folder, and each language's folders of catalogs and of
    published/ records, as strings: a build fingerprints every document's
    files, and joining paths with pathlib took a fifth of a build with
    nothing to do."""
    return str(project.source_dir), [(language, str(project.catalog_path("-", language).parent),
                                      str(store.store_path(project.root, language, "-").parent))
                                     for language in languages]


def document_fingerprint(slug: str, shared: str, today: dt.date, folders: tuple[str, list[tuple[str, str, str]]],
                         digests) -> str:
    """Everything a document's pages depend on: with a translation that may
    be kept outdated, the date too (it is kept only so many days).
    `folders`: input_folders() of the project and languages; `digests`: a
    FileDigests (digests.py), which reads a file only when it changed."""
    sources, by_language = folders
    digest = hashlib.sha256(shared.encode())
    source_sha256 = digests.sha256(os.path.join(sources, f"{slug}.md"))
    digest.update(source_sha256.encode())
    for language, catalogs, records in by_language:
        digest.update(language.encode())
        digest.update(digests.sha256(os.path.join(catalogs, f"{slug}.po")).encode())
        record = os.path.join(records, f"{slug}.json")
        kept = digests.sha256(record)
        # a record of other English may be kept outdated; one of this English is of these very pages
        if kept and not digests.contains(record, source_sha256.encode()):
            digest.update(f"{kept}{today.isoformat()}".encode())
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


def state_bytes(state: BuildState) -> bytes:
    """The build state as its file holds it: compact JSON with sorted keys,
    written a document at a time (the whole state as one tree of dicts
    held three times the file's size for a library of 20,000 pages)."""
    def encoded(value) -> bytes:
        return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")
    out = io.BytesIO()
    out.write(b'{"documents":{')
    for index, slug in enumerate(sorted(state.documents)):
        out.write(b"%s%s:%s" % (b"," if index else b"", encoded(slug), encoded(_document_json(state.documents[slug]))))
    out.write(b'},"index_files":%s,"indexes":%s,"version":%s}\n' % (encoded(state.index_files), encoded(state.indexes),
                                                                     encoded(state.version)))
    return out.getvalue()


def _document_json(d: DocumentRecord) -> dict:
    return {"slug": d.slug, "fingerprint": d.fingerprint, "source_sha256": d.source_sha256, "updated": d.updated,
            "pages": [_page_json(p) for p in d.pages]}


def _page_json(p: PageRecord) -> dict:
    """A page's record; what is empty for most pages is left out."""
    matches = {"source_sha256": p.matches.source_sha256, "updated": p.matches.updated,
               "outdated_since": p.matches.outdated_since} if p.matches else None
    return {"language": p.language, "status": p.status, "percent": p.percent, "review": p.review,
            "reason": p.reason, "errors": p.errors,
            "files": {name: {"sha256": f.sha256, "size": f.size} for name, f in p.files.items()},
            "report": p.report,
            **({"matches": matches} if matches else {}),
            **({"review_note": p.review_note} if p.review_note else {}),
            **({"catalog_sha256": p.catalog_sha256} if p.catalog_sha256 else {}),
            **({"record_sha256": p.record_sha256} if p.record_sha256 else {}),
            **({"report_key": p.report_key} if p.report_key else {})}


def read_state(path: Path) -> BuildState:
    """The last build's state; an empty one when it is missing, cannot be
    read or is not a build state (every document is then built again)."""
    try:
        data = json.loads(fsio.read_regular(path).decode("utf-8"))
        documents = {slug: _document_record(d) for slug, d in data["documents"].items()}
        return BuildState(str(data["version"]), documents, str(data["indexes"]),
                          [str(name) for name in data["index_files"]])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return BuildState()


def _document_record(d: dict) -> DocumentRecord:
    slug = d["slug"]
    return DocumentRecord(slug, d["fingerprint"], d["source_sha256"], d.get("updated", ""),
                          [_page_record(slug, p) for p in d["pages"]])


def _page_record(slug: str, p: dict) -> PageRecord:
    matches = p.get("matches")
    return PageRecord(slug, p["language"], p["status"], p["percent"], p["review"], p["reason"],
                      dict(p.get("errors", {})),
                      {name: StagedFile(f["sha256"], f["size"]) for name, f in p["files"].items()},
                      p.get("report"), p.get("review_note", ""),
                      OutdatedMatch(matches["source_sha256"], matches["updated"], matches["outdated_since"])
                      if matches else None,
                      p.get("catalog_sha256", ""), p.get("record_sha256", ""), p.get("report_key", ""))


def page_records(documents: Iterable[DocumentRecord]) -> list[PageRecord]:
    """The pages of built documents, as the command line tells of them:
    without their files and report summaries (a library's build would
    hold every one until it ends)."""
    return [dataclasses.replace(page, files={}, report=None) for d in documents for page in d.pages]


@dataclass
class BuildResult:
    pages: list[PageRecord]
    written: list[str]
    skipped_documents: int
    removed: list[str]


ONLINE = ("published", "outdated")  # a preview is a staging look, not a version put online


def last_builds_of(documents: dict[str, DocumentRecord], manifest: dict) -> dict[str, dict[str, store.LastBuild]]:
    """What the last build had of each document's translations (slug ->
    language -> LastBuild): from its build state (`documents`), else from
    its manifest (which lists only pages online). A document the state does
    not have was withdrawn: none of its translations was online. A language
    the last build did not build, or showed as a preview, is not known."""
    known: dict[str, dict[str, store.LastBuild]] = {}
    for slug, document in documents.items():
        known[slug] = {p.language: store.LastBuild(p.status in ONLINE, p.catalog_sha256,
                                                   p.matches.outdated_since if p.matches else "")
                       for p in document.pages if p.status != "preview"}
    for entry in manifest.get("files", []) if not documents else []:
        if isinstance(entry, dict) and entry.get("status") in ONLINE and isinstance(entry.get("document"), str):
            known.setdefault(entry["document"], {})[str(entry.get("language"))] = store.LastBuild(
                True, str(entry.get("catalog_sha256", "")), str(entry.get("outdated_since", "")))
    return known


def read_manifest(path: Path) -> dict:
    """The output's manifest, or {} when there is none or it cannot be read."""
    try:
        data = json.loads(fsio.read_regular(path).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def last_build(project: Project) -> list[PageRecord]:
    """Every language version of every document as the last build left it:
    published, preview or refused, and why; nothing before the first build."""
    return page_records(list(read_state(project.output_dir / STATE_FILE).documents.values()))
