"""`locpipe build`: localized pages for every document and language,
behind the publishing gates, plus an index and a manifest.

Each document is one job (a pure function from its inputs to the bytes of
its pages), so jobs run in a process pool and are skipped when nothing they
read has changed. A build is staged as a whole folder beside the output
folder: jobs write their changed files into it, the build adds the indexes,
the manifest and hard links to every file it keeps, and only then is the
folder exchanged with the output in one rename. A failed or killed build
leaves the previous output as it was, and readers never see a mix of two
builds (see `fsio.exchange`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib

from .. import __version__, fsio
from .. import catalog as cat
from ..po import parse_catalog, read_catalog
from ..errors import LocpipeError
from ..jobs import check_catalog, map_jobs, project_context, read_document_by_slug
from ..locales import bcp47, native_name, text_direction
from ..datacache import code_fingerprint
from .gates import Verdict, gate
from ..localize import localize
from .manifest import build_time, manifest, manifest_bytes, manifest_files
from ..progress import Progress
from .publisher import document_publisher
from ..project import UI_DOMAIN, Project
from ..render.html import long_date, render_template, reports_index
from ..render.pdf import OutputSettings, page_pdf
from ..render.text import body_text, final_text
from ..source import parse_document
from ..ui import ui_gettext
from . import published as store
from . import site

STATE_FILE = ".locpipe-build.json"


@dataclass(frozen=True)
class PublishSettings:
    min_percent: float = 100.0
    require_review: bool = True
    allowed_link_targets: tuple[str, ...] = ()
    publisher: dict = field(default_factory=dict)
    output: OutputSettings = OutputSettings()
    outdated: store.OutdatedPolicy = store.OutdatedPolicy()
    today: dt.date = dt.date(1970, 1, 1)  # the build's date: how long a translation has been outdated

    @classmethod
    def from_project(cls, project: Project, pdf: bool = False) -> "PublishSettings":
        publish = project.settings.section("publish")
        publisher = {"name": project.settings.name, "policy_url": "", "feedback_url": "", "rights": ""}
        publisher.update(project.settings.section("publisher"))
        return cls(min_percent=float(publish.get("min_percent", 100)),
                   require_review=bool(publish.get("require_review", True)),
                   allowed_link_targets=tuple(publish.get("allowed_link_targets", ())),
                   publisher=publisher,
                   output=OutputSettings.from_settings(project.settings.raw, pdf, project.settings.origin),
                   outdated=store.OutdatedPolicy.from_settings(publish, project.settings.origin),
                   today=build_time(os.environ.get("SOURCE_DATE_EPOCH")).date())


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


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_optional(path: Path) -> bytes:
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
        digest.update(_read_optional(project.catalog_path(UI_DOMAIN, language)))
        digest.update(_read_optional(project.glossary_path(language)))
    return digest.hexdigest()


def document_fingerprint(project: Project, slug: str, languages: list[str], shared: str,
                         today: dt.date) -> str:
    """Everything a document's pages depend on: with a translation that may
    be kept outdated, the date too (it is kept only so many days)."""
    digest = hashlib.sha256(shared.encode())
    source = _read_optional(project.source_dir / f"{slug}.md")
    digest.update(source)
    for language in languages:
        digest.update(language.encode())
        digest.update(_read_optional(project.catalog_path(slug, language)))
        kept = _read_optional(store.store_path(project.root, language, slug))
        if store.may_expire(kept, _sha(source)):  # otherwise the record is of these very pages
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


def _load(project: Project, domain: str, language: str) -> polib.POFile | None:
    path = project.catalog_path(domain, language)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _read_unchanged(path, project.relative(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read_unchanged(path: Path, shown: str, mtime_ns: int, size: int) -> polib.POFile:
    """A catalog read once per process while it is unchanged on disk: every
    document's pages read the same page strings (ui.po). Not to be modified."""
    return read_catalog(path, shown)


@dataclass(frozen=True)
class PageInputs:
    """What one language version's pages are made from: the current source
    and catalogs, or for an outdated translation those it was last
    published from."""

    document: object  # model.Document
    source: bytes
    po: polib.POFile | None
    ui_po: polib.POFile | None
    catalog: bytes  # the catalog's bytes, for the PDF's revision
    kept: store.PublishedVersion | None = None


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
              online: dict[str, str] | None) -> tuple[PageInputs, Verdict] | str | None:
    """The translation's last published version, to keep online in place of
    a catalog refused only because the English changed; it must still pass
    every gate itself (with today's checks and page strings), and be the
    version the last build had online (`online`: language -> its catalog's
    sha256, "" where not recorded; None without a previous build). A string
    says why the stored version is not kept."""
    path = store.store_path(project.root, language, slug)
    shown = project.relative(path)
    stored = store.read_version(path)
    if stored is None and path.exists() and settings.outdated.keep and verdict.units_behind:
        return f"{shown}: cannot be read; the outdated version is not kept"
    if online is not None and language not in online and stored is not None:
        stored_online = "it was not online after the last build (withdrawn, refused or expired)"
    else:
        stored_online = ""
    kept, why_not = store.kept_version(stored, _sha(current.source), verdict.units_behind,
                                       settings.outdated, settings.today, updated,
                                       (online or {}).get(language, ""), stored_online)
    if kept is None:
        return f"{shown}: {why_not}; the outdated version is not kept" if why_not else None
    try:
        document = parse_document(kept.source, slug, shown, project.settings.translatable_fields)
        po = parse_catalog(kept.catalog, shown)
    except LocpipeError as exc:
        return f"{shown}: cannot be read ({exc.message}); the outdated version is not kept"
    inputs = PageInputs(document, kept.source.encode("utf-8"), po, current.ui_po, kept.catalog.encode("utf-8"), kept)
    old = _verdict(project, slug, language, inputs, settings, False)
    if old.status != "published":
        return f"{shown}: the version it holds fails today's gates ({old.reason}); the outdated version is not kept"
    return inputs, old


def build_document(args) -> DocumentResult:
    """All language versions of one document: a pure function of its inputs."""
    from ..readability.records import publication
    from ..reports import report_files  # loads textstat and its dictionaries: only when pages are built
    project, slug, languages, settings, allow_incomplete, fingerprint, online = args
    document = read_document_by_slug(project, slug)
    source = (project.source_dir / f"{slug}.md").read_bytes()
    updated = str(document.metadata.get("updated") or "")[:10]
    versions, inputs, current, records = [], {}, {}, {}
    for language in ["en", *languages]:
        po = _load(project, slug, language) if language != "en" else None
        ui_po = _load(project, UI_DOMAIN, language) if language != "en" else None
        catalog = _read_optional(project.catalog_path(slug, language)) if po is not None else b""
        current[language] = inputs[language] = PageInputs(document, source, po, ui_po, catalog)
        verdict = _verdict(project, slug, language, current[language], settings, allow_incomplete)
        version = PageRecord(slug, language, verdict.status, verdict.percent, verdict.review, verdict.reason,
                             verdict.errors, review_note=verdict.review_note)
        path = store.store_path(project.root, language, slug)
        if verdict.status == "published" and language != "en":
            records[language] = store.newly_published(store.read_version(path), source, catalog, updated,
                                                      settings.today).as_bytes()
        elif verdict.status == "refused" and language != "en":
            outdated = _outdated(project, slug, language, current[language], verdict, settings, updated, online)
            if isinstance(outdated, str):
                version.reason = f"{version.reason}; {outdated}" if version.reason else outdated
            elif outdated is not None:
                inputs[language], old = outdated
                kept = inputs[language].kept
                reason = verdict.reason
                if updated and kept.updated == updated:  # the notice dates the versions by `updated`
                    reason += (f"; {project.relative(project.source_dir / f'{slug}.md')}: the English changed but "
                               f"its `updated` date ({updated}) did not, so the notice cannot tell which is newer")
                version = PageRecord(slug, language, "outdated", old.percent, old.review, reason, {},
                                     matches={"source_sha256": kept.source_sha256, "updated": kept.updated,
                                              "outdated_since": kept.outdated_since},
                                     review_note=old.review_note or verdict.review_note)
                records[language] = kept.as_bytes()
        versions.append(version)
    shown = [v for v in versions if v.status != "refused"]
    for version in shown:
        if version.language != "en":
            version.catalog_sha256 = store.catalog_sha256(inputs[version.language].catalog)
        version.files = _pages(project, slug, version, inputs[version.language], [v.language for v in shown],
                               settings)
        if version.status != "outdated":
            translations = cat.translations(inputs[version.language].po) if version.language != "en" else {}
            version.files.update(report_files(project, document, version.language, translations,
                                              publication(version.status, version.reason)))
    for version in versions:  # a reviewer most needs the report of a refused or outdated translation
        po = current[version.language].po
        if version.status in ("refused", "outdated") and po is not None:
            version.files.update(report_files(project, document, version.language, cat.translations(po),
                                              publication(version.status, version.reason)))
    return DocumentResult(slug, fingerprint, _sha(source), versions, updated=updated, published=records)


def _pages(project: Project, slug: str, version: PageRecord, inputs: PageInputs, languages: list[str],
           settings: PublishSettings) -> dict[str, bytes]:
    """The HTML, text and PDF of one language version."""
    language, document = version.language, inputs.document
    translations = cat.translations(inputs.po) if inputs.po is not None else {}
    ui_translations = cat.translations(inputs.ui_po) if inputs.ui_po is not None else {}
    gettext = ui_gettext(ui_translations, mark_english=language != "en")
    check_context = project_context(project, language) if language != "en" else None
    localized = localize(document, language, translations, settings.allowed_link_targets, check_context)
    publisher = document_publisher(settings.publisher, document, inputs.source)
    updated = document.metadata.get("updated")
    rights = localized.field("rights") if document.front_matter_unit("rights") else None
    page_publisher = {**publisher, "rights": rights.text if rights else publisher["rights"],
                      "rights_lang": "en" if language != "en" and (rights is None or rights.fallback) else ""}
    base_url = settings.output.base_url
    first = site.first_paragraph(document.blocks)
    description = localized.field("description") if document.front_matter_unit("description") else None
    kept = inputs.kept
    context = dict(
        doc=localized, lang=language, dir=text_direction(language),
        title=localized.field("title", document.slug),
        category=localized.field("category") if document.front_matter_unit("category") else None,
        updated=long_date(updated, language) if updated else "",
        publisher=page_publisher,
        alternates=[{"code": code, "name": native_name(code), "href": f"../{site.page_path(code, slug)}"}
                    for code in languages],
        links=site.alternates(base_url, slug, languages), canonical=site.page_url(base_url, language, slug),
        description=site.description(description.text if description else None,
                                     localized.texts[first].text if first is not None else None),
        incomplete=version.status == "preview" or localized.fallback_count > 0 and language != "en",
        draft=language != "en" and version.review != "reviewed",
        outdated={"date": long_date(kept.updated or kept.published, language),
                  "english": f"../{site.page_path('en', slug)}",
                  # paper and plain text cannot link: they give the address, when the site has one
                  "english_url": site.page_url(base_url, "en", slug)} if kept is not None else None)
    html = render_template("page.html", gettext, **context)
    text = render_template("page.txt", ui_gettext(ui_translations, html=False), body=body_text(localized),
                           **{**context, "category": context["category"].text if context["category"] else ""})
    files = {f"{language}/{slug}.html": html.encode("utf-8")}
    if "text" in settings.output.formats:
        files[f"{language}/{slug}.txt"] = final_text(text).encode("utf-8")
    if "pdf" in settings.output.formats:
        files[f"{language}/{slug}.pdf"] = page_pdf(context, gettext, settings.output, slug, updated,
                                                   version.review, inputs.source, inputs.catalog)
    return files


def stage_files(project: Project, files: dict[str, bytes], folder: Path) -> list[str]:
    """Write each changed file of a build into the staged folder; returns
    their names. A file the output already holds with these bytes is not
    written: it is linked from the output with every other file kept."""
    written = []
    try:
        for name in sorted(files):
            data = files[name]
            current = project.output_path(*name.split("/"))
            if current.is_file() and current.stat().st_size == len(data) and current.read_bytes() == data:
                continue
            fsio.write_new(fsio.make_parents(folder, name), data)
            written.append(name)
    except OSError as exc:
        raise LocpipeError(f"cannot write the output: {exc.strerror or exc}; the previous output is "
                           "unchanged", exc.filename or project.relative(project.output_dir)) from None
    return written


def build_and_stage(args) -> DocumentResult:
    """A document's pages, staged for publishing: only their names, sizes
    and checksums go back to the build, not their bytes."""
    *build_args, folder = args
    result = build_document(tuple(build_args))
    project = build_args[0]
    files = {name: data for page in result.pages for name, data in page.files.items()}
    result.staged = stage_files(project, files, folder)
    for page in result.pages:
        summary = page.files.get(f"reports/{page.language}/{result.slug}.json")
        page.report = report_summary(summary) if summary is not None else None
        page.files = {name: {"sha256": _sha(data), "size": len(data)} for name, data in page.files.items()}
    return result


def _state_entry(result: DocumentResult) -> dict:
    """A built document as the build state and the manifest record it."""
    return {"slug": result.slug, "fingerprint": result.fingerprint, "source_sha256": result.source_sha256,
            "updated": result.updated,
            "pages": [{"language": p.language, "status": p.status, "percent": p.percent, "review": p.review,
                       "reason": p.reason, "errors": p.errors, "files": p.files, "report": p.report,
                       **({"matches": p.matches} if p.matches else {}),
                       **({"review_note": p.review_note} if p.review_note else {}),
                       **({"catalog_sha256": p.catalog_sha256} if p.catalog_sha256 else {})}
                      for p in result.pages]}


def _records(documents: list[dict]) -> list[PageRecord]:
    """The pages of built documents, as the build state records them."""
    return [PageRecord(d["slug"], p["language"], p["status"], p["percent"], p["review"], p["reason"],
                       p.get("errors", {}), p["files"], matches=p.get("matches"),
                       review_note=p.get("review_note", ""),
                       catalog_sha256=p.get("catalog_sha256", ""))
            for d in documents for p in d["pages"]]


def _stage_indexes(project: Project, settings: PublishSettings, ordered: list[dict],
                   folder: Path) -> tuple[list[str], set[str]]:
    """Stage the index pages, the sitemap (with a base_url) and the manifest;
    returns the names written and the names of every index file."""
    pending: dict[str, bytes] = {}
    if settings.output.base_url:
        pending["sitemap.xml"] = site.sitemap(settings.output.base_url, site.site_documents(ordered))
    pending["index.html"] = render_template("index.html", ui_gettext({}), documents=site.index_documents(ordered),
                                            language_name=native_name, bcp47=bcp47,
                                            publisher=settings.publisher).encode("utf-8")
    for d in ordered:  # pages kept from a build that did not record their report summary
        for p in d["pages"]:
            name = f"reports/{p['language']}/{d['slug']}.json"
            if (p.get("report") is None or "publication" not in p["report"]) and name in p["files"]:
                p["report"] = report_summary(project.output_path(*name.split("/")).read_bytes())
    summaries = [p["report"] for d in ordered for p in d["pages"] if p.get("report")]
    pending["reports/index.html"] = reports_index(summaries)
    try:
        previous = json.loads(project.output_path("manifest.json").read_bytes())
    except (OSError, ValueError):
        previous = None
    files = manifest_files(ordered, {name: (_sha(data), len(data)) for name, data in pending.items()})
    pending["manifest.json"] = manifest_bytes(manifest(files, previous, build_time(os.environ.get("SOURCE_DATE_EPOCH"))))
    return stage_files(project, pending, folder), set(pending)


@dataclass
class BuildResult:
    pages: list[PageRecord]
    written: list[str]
    skipped_documents: int
    removed: list[str]


def build(project: Project, allow_incomplete: bool = False, jobs: int | None = None,
          quiet: bool = False, languages: list[str] | None = None, pdf: bool = False) -> BuildResult:
    settings = PublishSettings.from_project(project, pdf)
    languages = languages or project.languages()
    settings_key = json.dumps([project.settings.raw, __version__, code_fingerprint(),
                               allow_incomplete, languages, settings.output.formats], sort_keys=True, default=str)
    output = project.output_dir
    state_path = output / STATE_FILE
    try:
        previous = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    except (OSError, ValueError):
        previous = {}
    old_documents = previous.get("documents", {})

    slugs = project.slugs()
    work, reused = [], []
    shared = shared_fingerprint(project, languages, settings_key)
    for slug in slugs:
        fingerprint = document_fingerprint(project, slug, languages, shared, settings.today)
        old = old_documents.get(slug)
        if old and old.get("fingerprint") == fingerprint and all(
                (output / name).is_file() for page in old["pages"] for name in page["files"]):
            reused.append(old)
        else:
            # what the last build had online of each language, when there was one
            online = {p["language"]: p.get("catalog_sha256", "") for p in (old or {}).get("pages", [])
                      if p["status"] != "refused"} if old_documents else None
            work.append((project, slug, languages, settings, allow_incomplete, fingerprint, online))
    target = output.resolve() if output.is_symlink() else output  # a symlinked output stays one
    folder = fsio.staged_folder(target)
    try:
        progress = Progress(len(work), "documents", quiet=quiet)
        try:
            # a document's pages take long enough that two are worth two processes
            results = map_jobs(build_and_stage, [(*job, folder) for job in work], jobs, progress, min_items=2)
        finally:
            progress.close()
        documents = {d["slug"]: d for d in reused}
        documents.update({d["slug"]: d for d in map(_state_entry, results)})
        ordered = [documents[s] for s in slugs]
        indexes, index_names = _stage_indexes(project, settings, ordered, folder)
        written = sorted([name for result in results for name in result.staged] + indexes)
        keep = {name for d in ordered for p in d["pages"] for name in p["files"]} | index_names
        # the pages of the previous build, and index files it made that this one does not (sitemap.xml)
        removed = sorted({name for d in old_documents.values() for page in d.get("pages", [])
                          for name in page.get("files", {}) if name not in keep and (output / name).is_file()}
                         | {name for name in INDEX_FILES if name not in keep and (output / name).is_file()})
        state = {"version": __version__, "documents": {d["slug"]: d for d in ordered}}
        state_bytes = (json.dumps(state, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
        if written or removed or _read_optional(state_path) != state_bytes:
            fsio.write_new(folder / STATE_FILE, state_bytes)
            _complete(project, folder, written, removed)
            folder = fsio.exchange(folder, target)  # now the previous output, if any
    finally:
        if folder is not None:
            fsio.remove(folder)
    _store_published(project, results, reused, settings.today)
    return BuildResult(_records(ordered), written, len(reused), removed)


def _reused_records(project: Project, reused: list[dict], today: dt.date) -> list[tuple[Path, bytes]]:
    """The published/ record of each translation published from the current
    source and catalog by an earlier build whose pages this build reuses,
    where the record is missing or of another version (a build interrupted
    before writing it, a published/ deleted or checked out from an older
    commit), so that published/ always holds what is online."""
    records = []
    for d in reused:
        source = _read_optional(project.source_dir / f"{d['slug']}.md")
        for p in d["pages"]:
            if p["status"] != "published" or p["language"] == "en" or _sha(source) != d["source_sha256"]:
                continue
            catalog = _read_optional(project.catalog_path(d["slug"], p["language"]))
            if not catalog or store.catalog_sha256(catalog) != p.get("catalog_sha256"):
                continue
            path = store.store_path(project.root, p["language"], d["slug"])
            data = store.newly_published(store.read_version(path), source, catalog, d.get("updated", ""),
                                         today).as_bytes()
            if _read_optional(path) != data:
                records.append((path, data))
    return records


def _store_published(project: Project, results: list[DocumentResult], reused: list[dict], today: dt.date) -> None:
    """Record what each translation was published from (published/), once
    its pages are online; a build killed before this leaves the previous
    record, which the next build brings up to date (see _reused_records)."""
    try:
        fsio.write_files([(store.store_path(project.root, language, result.slug), data)
                          for result in results for language, data in sorted(result.published.items())]
                         + _reused_records(project, reused, today))
    except OSError as exc:
        raise LocpipeError(f"cannot write what was published: {exc.strerror or exc}",
                           exc.filename or store.FOLDER) from None


INDEX_FILES = ("index.html", "sitemap.xml", "reports/index.html")


def _complete(project: Project, folder: Path, written: list[str], removed: list[str]) -> None:
    """Complete the staged folder with every file of the output that this
    build neither wrote nor removed (hard links: no copy), and put the new
    files and folders on disk, so that the exchange that publishes them
    never publishes a page a power cut could empty."""
    output = project.output_dir
    try:
        if output.is_dir():
            shutil.copymode(output, folder)
        fsio.link_tree(output, folder, set(removed) | {STATE_FILE})
        for emptied in sorted({folder.joinpath(*name.split("/")[:-1]) for name in removed if "/" in name},
                              key=lambda path: -len(path.parts)):
            with contextlib.suppress(OSError):  # a folder of removed pages only goes with them
                emptied.rmdir()
        fsio.fsync_all([folder / name for name in [*written, STATE_FILE]])
        fsio.fsync_all(sorted({folder / "/".join(name.split("/")[:depth])
                               for name in written for depth in range(1, name.count("/") + 1)}))
    except OSError as exc:
        raise LocpipeError(f"cannot write the output: {exc.strerror or exc}; the previous output is "
                           "unchanged", exc.filename or project.relative(output)) from None


def last_build(project: Project) -> list[PageRecord]:
    """Every language version of every document as the last build left it:
    published, preview or refused, and why; nothing before the first build."""
    try:
        state = json.loads((project.output_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return _records(list(state.get("documents", {}).values()))
