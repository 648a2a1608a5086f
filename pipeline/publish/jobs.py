"""One document's job: all its language versions through the gates, and
the bytes of their pages and reports (a pure function of its inputs, run in
the process pool)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polib

from .. import catalog as cat
from .. import fsio
from ..memos import fresh_memo_entries
from ..errors import LocpipeError
from ..jobs import check_catalog, read_document_by_slug
from ..model import Document
from ..po import decode_catalog, parse_catalog, read_catalog
from ..project import UI_DOMAIN, Project
from ..source import parse_document
from . import published as store
from .gates import Verdict, gate
from .pages import PageInputs, language_pages
from .settings import PublishSettings
from .state import (DocumentRecord, DocumentResult, OutdatedMatch, PageRecord, StagedFile, read_optional,
                    report_summary, sha256_hex)
from .writers import stage_files, stage_records


def _load(project: Project, domain: str, language: str) -> polib.POFile | None:
    path = project.catalog_path(domain, language)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _read_unchanged(path, project.relative(path), stat.st_mtime_ns, stat.st_size)


def _read_bytes_once(project: Project, slug: str, language: str) -> tuple[polib.POFile | None, bytes]:
    """A document's catalog and the bytes it was parsed from (None and b""
    when there is none): what the pages are made from and what the build
    state and `stats` say they were made from are one reading of the file."""
    path = project.catalog_path(slug, language)
    try:
        data = fsio.read_regular(path)
    except FileNotFoundError:
        return None, b""
    except fsio.NotRegularFile as exc:  # a FIFO or a folder: not waited on
        raise LocpipeError(f"cannot be read: {exc.strerror}", project.relative(path)) from None
    except OSError:
        return read_catalog(path, project.relative(path)), b""  # which says why it cannot be read
    shown = project.relative(path)
    po = parse_catalog(decode_catalog(data, shown), shown)
    po.fpath = str(path)
    return po, data


@lru_cache(maxsize=64)
def _read_unchanged(path: Path, shown: str, mtime_ns: int, size: int) -> polib.POFile:
    """A catalog read once per process while it is unchanged on disk: every
    document's pages read the same page strings (ui.po). Not to be modified."""
    return read_catalog(path, shown)


def _verdict(project: Project, slug: str, language: str, inputs: PageInputs, settings: PublishSettings,
             allow_incomplete: bool) -> Verdict:
    findings = []
    for domain, catalog in ((slug, inputs.po), (UI_DOMAIN, inputs.ui_po)):
        if catalog is not None:
            findings += check_catalog(project, domain, language, catalog, project.catalog_path(domain, language))
    return gate(inputs.po, inputs.ui_po, findings, language, settings.min_percent, settings.require_review,
                allow_incomplete, tuple(unit.text for unit in inputs.document.units), inputs.source)


def _outdated(project: Project, slug: str, language: str, current: PageInputs, verdict: Verdict,
              settings: PublishSettings, updated: str,
              last: dict[str, store.LastBuild]) -> tuple[PageInputs, Verdict] | str | None:
    """The translation's last published version, to keep online in place of
    a catalog refused only because the English changed; it must still pass
    every gate itself (with today's checks and page strings), and be the
    version the last build had online (`last`: language -> what the last
    build had of it, where known). Where the last build does not say so (a
    fresh clone), the current catalog must not
    translate the record's English otherwise: a record not committed after
    a later build would put back an older translation than the one online.
    A string says why the stored version is not kept."""
    path = store.store_path(project.root, language, slug)
    shown = project.relative(path)
    stored = store.read_version(path, shown)
    if stored is None and path.exists() and settings.outdated.keep and verdict.units_behind:
        return f"{shown}: cannot be read; the outdated version is not kept"
    if stored is not None and current.po is not None and verdict.units_behind \
            and stored.source_sha256 == sha256_hex(current.source):
        return _reverted(project, slug, language, current, stored, settings, shown)
    known = last.get(language)
    if known is not None and not known.online and stored is not None:
        stored_online = "it was not online after the last build (withdrawn, refused or expired)"
    else:
        stored_online = ""
    online_sha256 = known.catalog_sha256 if known is not None and known.online else ""
    kept, why_not = store.kept_version(stored, sha256_hex(current.source), verdict.units_behind,
                                       settings.outdated, settings.today, updated, online_sha256, stored_online,
                                       settings.expiry, known.outdated_since if known is not None else "")
    if kept is None:
        return f"{shown}: {why_not}; the outdated version is not kept" if why_not else None
    try:
        document = parse_document(kept.source, slug, shown, project.settings.translatable_fields)
        po = parse_catalog(kept.catalog, shown)
    except LocpipeError as exc:
        return f"{shown}: cannot be read ({exc.message}); the outdated version is not kept"
    if not online_sha256 and current.po is not None:  # no build state says it is the version online
        newer = store.contradicting_entries(current.po, po, (unit.text for unit in document.units))
        if newer:
            catalog = project.relative(project.catalog_path(slug, language))
            more = f", {len(newer)} units in all" if len(newer) > 1 else ""
            return (f"{shown}: older than the catalog, which translates its English otherwise "
                    f"({catalog}:{newer[0].linenum}{more}); the outdated version is not kept")
    inputs = PageInputs(document, kept.source.encode("utf-8"), po, current.ui_po, kept.catalog.encode("utf-8"), kept)
    old = _verdict(project, slug, language, inputs, settings, False)
    if old.status != "published":
        return f"{shown}: the version it holds fails today's gates ({old.reason}); the outdated version is not kept"
    return inputs, old


def _reverted(project: Project, slug: str, language: str, current: PageInputs, stored: store.PublishedVersion,
              settings: PublishSettings, shown: str) -> tuple[PageInputs, Verdict] | None:
    """The record of the current English, published again from its catalog
    when the current catalog differs from it only by the fuzzy entries of an
    English change since reverted (its `#| msgid` is its msgid again)."""
    try:
        po = parse_catalog(stored.catalog, shown)
    except LocpipeError:
        return None
    if not store.only_reverted(current.po, po, (unit.text for unit in current.document.units)):
        return None
    inputs = PageInputs(current.document, current.source, po, current.ui_po, stored.catalog.encode("utf-8"))
    old = _verdict(project, slug, language, inputs, settings, False)
    return (inputs, old) if old.status == "published" else None


@dataclass
class BuiltDocument:
    """A document's pages made in memory: its record (its pages' files
    not staged yet), their bytes, and language -> its published/ record."""

    record: DocumentRecord
    contents: dict[str, dict[str, bytes]]  # language -> output name -> bytes
    published: dict[str, bytes]
    stats: dict[str, dict]  # its catalogs' rows for `stats` (workflow.counted_rows)
    inputs: dict[str, str]  # path -> sha256 of the source's and catalogs' bytes the pages were made from


def build_document(args) -> BuiltDocument:
    """All language versions of one document: a pure function of its inputs."""
    project, slug, languages, settings, allow_incomplete, fingerprint, last, shared, earlier = args
    document = read_document_by_slug(project, slug)
    source = (project.source_dir / f"{slug}.md").read_bytes()
    updated = str(document.metadata.get("updated") or "")[:10]
    versions, inputs, current, records = [], {}, {}, {}
    counted: dict[str, tuple[bytes, polib.POFile]] = {}  # language -> its catalog's bytes and what they parse as
    for language in ["en", *languages]:
        po, catalog = _read_bytes_once(project, slug, language) if language != "en" else (None, b"")
        ui_po = _load(project, UI_DOMAIN, language) if language != "en" else None
        if po is not None:
            counted[language] = (catalog, po)
        current[language] = inputs[language] = PageInputs(document, source, po, ui_po, catalog)
        verdict = _verdict(project, slug, language, current[language], settings, allow_incomplete)
        version = PageRecord(slug, language, verdict.status, verdict.percent, verdict.review, verdict.reason,
                             verdict.errors, review_note=verdict.review_note)
        path = store.store_path(project.root, language, slug)
        if verdict.status == "published" and language != "en":
            try:
                previous = store.read_version(path)
            except store.RecordError:  # the record of what this build publishes replaces it
                previous = None
            records[language] = store.newly_published(previous, source, catalog, updated, settings.today).as_bytes()
        elif verdict.status == "refused" and language != "en":
            outdated = _outdated(project, slug, language, current[language], verdict, settings, updated, last)
            if isinstance(outdated, str):
                version.reason = f"{version.reason}; {outdated}" if version.reason else outdated
            elif outdated is not None and outdated[0].kept is None:  # the record of this very English
                inputs[language], old = outdated
                version = PageRecord(slug, language, "published", old.percent, old.review, "", {},
                                     review_note=old.review_note)
            elif outdated is not None:
                inputs[language], old = outdated
                kept = inputs[language].kept
                reason = verdict.reason
                if updated and kept.updated == updated:  # the notice dates the versions by `updated`
                    reason += (f"; {project.relative(project.source_dir / f'{slug}.md')}: the English changed but "
                               f"its `updated` date ({updated}) did not, so the notice cannot tell which is newer")
                version = PageRecord(slug, language, "outdated", old.percent, old.review, reason, {},
                                     matches=OutdatedMatch(kept.source_sha256, kept.updated, kept.outdated_since),
                                     review_note=old.review_note or verdict.review_note)
                records[language] = kept.as_bytes()
        versions.append(version)
    shown = [v for v in versions if v.status != "refused"]
    contents: dict[str, dict[str, bytes]] = {v.language: {} for v in versions}
    for version in shown:
        if version.language != "en":
            version.catalog_sha256 = store.catalog_sha256(inputs[version.language].catalog)
        contents[version.language] = language_pages(project, slug, version, inputs[version.language],
                                                    [v.language for v in shown], settings)
    _add_reports(project, document, source, shared, versions, current, earlier, contents)
    record = DocumentRecord(slug, fingerprint, sha256_hex(source), updated, versions)
    from ..workflow import counted_rows
    inputs = {str(project.source_dir / f"{slug}.md"): sha256_hex(source)}
    inputs.update({str(project.catalog_path(slug, language)): sha256_hex(page.catalog) if page.po is not None else ""
                   for language, page in current.items() if language != "en"})
    return BuiltDocument(record, contents, records, counted_rows(project, slug, counted, source), inputs)


def _add_reports(project: Project, document: Document, source: bytes, shared: str, versions: list[PageRecord],
                 current: dict[str, PageInputs], earlier: dict, contents: dict[str, dict[str, bytes]]) -> None:
    """Each language version's readability report, once, of its current
    catalog (a reviewer most needs a refused one's), into `contents`: read
    back from the last build where its inputs did not change."""
    from ..readability.records import publication
    from ..reports import report_files  # loads textstat and its dictionaries: only when pages are built
    slug = document.slug
    for version in versions:
        po = current[version.language].po
        if version.status not in ("refused", "outdated") or po is not None:
            published = publication(version.status, version.reason)
            version.report_key = report_key(shared, slug, version.language, source, current[version.language].catalog,
                                            published)
            files = _kept_report(project, slug, earlier.get(version.language), version.report_key)
            if files is None:
                translations = cat.translations(po) if po is not None else {}
                files = report_files(project, document, version.language, translations, published)
            contents[version.language].update(files)


def report_key(shared: str, slug: str, language: str, source: bytes, catalog: bytes, published: dict) -> str:
    """Everything a language version's readability report is made from: the
    settings, locpipe's code and the page strings (`shared`), the English,
    the catalog, what the build did with the page and the report's time."""
    from ..readability.records import build_time
    parts = [shared, slug, language, sha256_hex(source), sha256_hex(catalog),
             json.dumps(published, sort_keys=True), build_time(os.environ.get("SOURCE_DATE_EPOCH"))]
    return sha256_hex("\0".join(parts).encode("utf-8"))


def _kept_report(project: Project, slug: str, earlier: PageRecord | None, key: str) -> dict[str, bytes] | None:
    """The report files of the last build's version of a page, read back
    from the output, when it was made from the same inputs (`key`) and every
    file still has the bytes that build wrote; otherwise None (made again)."""
    if earlier is None or not earlier.report_key or earlier.report_key != key:
        return None
    prefix = f"reports/{earlier.language}/{slug}."
    names = [name for name in earlier.files if name.startswith(prefix)]
    files = {}
    for name in names:
        data = read_optional(project.output_path(*name.split("/")))
        if sha256_hex(data) != earlier.files[name].sha256:
            return None
        files[name] = data
    return files or None


def build_and_stage(args) -> DocumentResult:
    """A document's pages and published/ records, staged for publishing:
    only their names, sizes and checksums go back to the build, not their
    bytes (a library's records would otherwise all be held by the build)."""
    *build_args, folder, records = args
    built = build_document(tuple(build_args))
    project, slug = build_args[0], built.record.slug
    staged = stage_files(project, {name: data for files in built.contents.values() for name, data in files.items()},
                         folder)
    published = stage_records(built.published, slug, records)
    for page in built.record.pages:
        files = built.contents[page.language]
        summary = files.get(f"reports/{page.language}/{slug}.json")
        page.report = report_summary(summary) if summary is not None else None
        page.files = {name: StagedFile(sha256_hex(data), len(data)) for name, data in files.items()}
        if page.status == "published" and page.language in published:
            page.record_sha256 = published[page.language]
    return DocumentResult(built.record.slug, built.record, staged, published, fresh_memo_entries(), built.stats,
                          built.inputs)


def load_job_modules() -> None:
    """Import what a document's job imports where it needs it (the checks,
    the readability reports and textstat), before a pool forks: each of its
    processes then starts with them."""
    import gc
    import importlib
    for name in ("..checks", "..reports", "..workflow", "..readability.records"):
        importlib.import_module(name, __package__)
    for name in ("phonenumbers", "babel.messages.plurals", "sqlite3"):  # a leaflet's pages' and its memos'
        importlib.import_module(name)  # (the forked process imported them again: 25 ms)
    # modules are no garbage: the collector passes over them from here on, in the forked processes too (a
    # first-generation collection over what the imports made took 30 ms of a build after an edit)
    gc.freeze()
