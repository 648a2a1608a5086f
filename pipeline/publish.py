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

import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polib

from . import __version__, fsio
from . import catalog as cat
from .po import read_catalog
from .errors import LocpipeError
from .jobs import check_catalog, map_jobs, project_context, read_document_by_slug
from .locales import bcp47, native_name, text_direction
from .datacache import code_fingerprint
from .localize import localize
from .progress import Progress
from .review import review_state
from .project import UI_DOMAIN, Project
from .render.html import long_date, render_template, reports_index
from .render.pdf import OutputSettings, page_pdf
from .render.text import WIDTH, body_text, display_width, wrap
from .ui import ui_gettext, ui_msgids
from .wording import counted

STATE_FILE = ".locpipe-build.json"


@dataclass(frozen=True)
class PublishSettings:
    min_percent: float = 100.0
    require_review: bool = True
    allowed_link_targets: tuple[str, ...] = ()
    publisher: dict = field(default_factory=dict)
    output: OutputSettings = OutputSettings()

    @classmethod
    def from_project(cls, project: Project, pdf: bool = False) -> "PublishSettings":
        publish = project.settings.section("publish")
        publisher = {"name": project.settings.name, "policy_url": "", "feedback_url": "", "rights": ""}
        publisher.update(project.settings.section("publisher"))
        return cls(min_percent=float(publish.get("min_percent", 100)),
                   require_review=bool(publish.get("require_review", True)),
                   allowed_link_targets=tuple(publish.get("allowed_link_targets", ())),
                   publisher=publisher,
                   output=OutputSettings.from_settings(project.settings.raw, pdf, project.settings.origin))


# Front-matter fields by which a document names its own publisher and terms
# (an NCI leaflet among MSK's is NCI's, in the public domain).
PUBLISHER_FIELDS = ("publisher", "rights", "policy_url", "source_url", "document_id")


def document_publisher(publisher: dict, document, source: bytes) -> dict:
    """The project's publisher settings with the document's own front matter
    over them; addresses must be web addresses (they become links)."""
    own = {key: document.metadata[key] for key in PUBLISHER_FIELDS if document.metadata.get(key) not in (None, "")}
    if isinstance(own.get("document_id"), int) and not isinstance(own["document_id"], bool):
        own["document_id"] = str(own["document_id"])  # document_id: 4521
    for key, value in own.items():
        if not isinstance(value, str) or key.endswith("_url") and not value.startswith(("https://", "http://")):
            line = next((number for number, text in enumerate(source.decode("utf-8", "replace").splitlines(), 1)
                         if text.startswith(f"{key}:")), None)
            kind = "a web address (https://...)" if key.endswith("_url") else "text"
            raise LocpipeError(f"front matter '{key}' must be {kind}", document.path, line)
    merged = {**publisher, "source_url": "", "document_id": document.slug,
              **{("name" if key == "publisher" else key): value for key, value in own.items()}}
    if own.get("publisher", publisher["name"]) != publisher["name"]:
        # another publisher's document: the project's own rights line and policy are not its
        merged.update({key: own.get(key, "") for key in ("rights", "policy_url")})
    return merged


@dataclass
class PageRecord:
    """One published (or refused) version of a document."""

    document: str
    language: str
    status: str  # published, preview, refused
    percent: float
    review: str
    reason: str = ""  # every reason it is refused or a preview, for the command line
    errors: dict[str, int] = field(default_factory=dict)  # check id -> errors that refuse it
    # output name -> bytes; once staged, output name -> {"sha256", "size"}
    files: dict[str, bytes] | dict[str, dict] = field(default_factory=dict)
    report: dict | None = None  # what the reports index shows of its readability report
    review_note: str = ""  # why a sign-off no longer holds: "reviewed 2026-11-02 by Ana (...), English changed since"


@dataclass
class DocumentResult:
    slug: str
    fingerprint: str
    source_sha256: str
    pages: list[PageRecord]
    staged: list[str] = field(default_factory=list)  # output names written to the staged folder


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


def document_fingerprint(project: Project, slug: str, languages: list[str], shared: str) -> str:
    """Everything a document's pages depend on."""
    digest = hashlib.sha256(shared.encode())
    digest.update(_read_optional(project.source_dir / f"{slug}.md"))
    for language in languages:
        digest.update(language.encode())
        digest.update(_read_optional(project.catalog_path(slug, language)))
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


def _final_text(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if display_width(line) > WIDTH and not line.startswith("    "):
            lines += wrap(line)
        else:
            lines.append(line)
    return "\n".join(lines).rstrip("\n") + "\n"


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


def _gate(po: polib.POFile | None, ui_po: polib.POFile | None, findings, language: str,
          settings: PublishSettings, allow_incomplete: bool,
          units: tuple[str, ...] | None = None,
          source: bytes | None = None) -> tuple[str, str, dict[str, int], float, str]:
    """(status, reasons, errors by check, percent, review status) of one
    language version. Every reason is given, so that one build tells a
    translator everything to fix. The page strings (ui.po) are part of the
    page: their check errors refuse it, and untranslated page strings make
    it incomplete. `units` are the document's: a unit the catalog lacks is
    untranslated. A sign-off holds only for the English `source` and the
    translations it covered (`review.review_state`)."""
    if language == "en":
        return "published", "", {}, 100.0, "source"
    if po is None:
        return "refused", "no catalog", {}, 0.0, "none"
    stats = cat.catalog_stats(po, "", language, units)
    state = review_state(po, source)
    review = state.status
    errors = error_counts(findings)
    refusals = [errors_summary(errors)] if errors else []
    if settings.require_review and review != "reviewed":
        refusals.append("not reviewed by a qualified medical translator (X-Review-Status)"
                        + (f": {state.void}" if state.void else ""))
    gaps = []
    if stats.percent_translated < settings.min_percent:
        gaps.append(f"{stats.percent_translated:.1f}% translated, {settings.min_percent:g}% required")
    if ui_po is None:
        gaps.append("no catalog of page strings (ui.po)")
    else:
        ui_percent = cat.catalog_stats(ui_po, "", language, ui_msgids()).percent_translated
        if ui_percent < settings.min_percent:
            gaps.append(f"page strings (ui.po) {ui_percent:.1f}% translated, {settings.min_percent:g}% required")
    if refusals:
        return "refused", "; ".join(refusals + ([] if allow_incomplete else gaps)), errors, \
            stats.percent_translated, review
    if gaps:
        return "preview" if allow_incomplete else "refused", "; ".join(gaps), {}, stats.percent_translated, review
    return "published", "", {}, stats.percent_translated, review


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


def build_document(args) -> DocumentResult:
    """All language versions of one document: a pure function of its inputs."""
    from .readability.records import publication
    from .reports import report_files  # loads textstat and its dictionaries: only when pages are built
    project, slug, languages, settings, allow_incomplete, fingerprint = args
    document = read_document_by_slug(project, slug)
    source = (project.source_dir / f"{slug}.md").read_bytes()
    publisher = document_publisher(settings.publisher, document, source)
    versions, catalogs = [], {}
    for language in ["en", *languages]:
        po = _load(project, slug, language) if language != "en" else None
        ui_po = _load(project, UI_DOMAIN, language) if language != "en" else None
        catalogs[language] = (po, ui_po)
        findings = []
        for domain, catalog in ((slug, po), (UI_DOMAIN, ui_po)):
            if catalog is not None:
                findings += check_catalog(project, domain, language, catalog,
                                          project.catalog_path(domain, language))
        status, reason, errors, percent, review = _gate(po, ui_po, findings, language, settings,
                                                        allow_incomplete, tuple(unit.text for unit in document.units),
                                                        source)
        versions.append(PageRecord(slug, language, status, percent, review, reason, errors,
                                   review_note=review_state(po, source).void if po is not None else ""))
    shown = [v for v in versions if v.status != "refused"]
    alternates = [{"code": v.language, "name": native_name(v.language),
                   "href": f"../{v.language}/{slug}.html"} for v in shown]
    for version in shown:
        language = version.language
        po, ui_po = catalogs[language]
        translations = cat.translations(po) if po is not None else {}
        ui_translations = cat.translations(ui_po) if ui_po is not None else {}
        gettext = ui_gettext(ui_translations, mark_english=language != "en")
        check_context = project_context(project, language) if language != "en" else None
        localized = localize(document, language, translations, settings.allowed_link_targets, check_context)
        updated = document.metadata.get("updated")
        rights = localized.field("rights") if document.front_matter_unit("rights") else None
        page_publisher = {**publisher, "rights": rights.text if rights else publisher["rights"],
                          "rights_lang": "en" if language != "en" and (rights is None or rights.fallback) else ""}
        context = dict(
            doc=localized, lang=language, dir=text_direction(language),
            title=localized.field("title", document.slug),
            category=localized.field("category") if document.front_matter_unit("category") else None,
            updated=long_date(updated, language) if updated else "",
            publisher=page_publisher, alternates=alternates,
            incomplete=version.status == "preview" or localized.fallback_count > 0 and language != "en",
            draft=language != "en" and version.review != "reviewed")
        html = render_template("page.html", gettext, **context)
        text = render_template("page.txt", ui_gettext(ui_translations, html=False), body=body_text(localized),
                               **{**context, "category": context["category"].text if context["category"] else ""})
        version.files = {f"{language}/{slug}.html": html.encode("utf-8"),
                         f"{language}/{slug}.txt": _final_text(text).encode("utf-8")}
        if "text" not in settings.output.formats:
            del version.files[f"{language}/{slug}.txt"]
        if "pdf" in settings.output.formats:
            catalog = _read_optional(project.catalog_path(slug, language)) if po is not None else b""
            version.files[f"{language}/{slug}.pdf"] = page_pdf(context, gettext, settings.output, slug, updated,
                                                               version.review, source, catalog)
        version.files.update(report_files(project, document, language, translations,
                                          publication(version.status, version.reason)))
    for version in versions:  # a reviewer most needs the report of a refused translation
        po = catalogs[version.language][0]
        if version.status == "refused" and po is not None:
            version.files = report_files(project, document, version.language, cat.translations(po),
                                         publication(version.status, version.reason))
    return DocumentResult(slug, fingerprint, _sha(source), versions)


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
            "pages": [{"language": p.language, "status": p.status, "percent": p.percent, "review": p.review,
                       "reason": p.reason, "errors": p.errors, "files": p.files, "report": p.report,
                       **({"review_note": p.review_note} if p.review_note else {})}
                      for p in result.pages]}


def _records(documents: list[dict]) -> list[PageRecord]:
    """The pages of built documents, as the build state records them."""
    return [PageRecord(d["slug"], p["language"], p["status"], p["percent"], p["review"], p["reason"],
                       p.get("errors", {}), p["files"], review_note=p.get("review_note", ""))
            for d in documents for p in d["pages"]]


def index_documents(documents: list[dict]) -> list[dict]:
    """What the public index shows of each language version: whether it is
    published, never why not. The reasons name the project's files and quote
    check messages; they are for translators, and `locpipe build` prints them."""
    return [{"slug": d["slug"],
             "pages": [{"language": p["language"], "status": p["status"], "percent": p["percent"],
                        "review": p["review"], "linked": f"{p['language']}/{d['slug']}.html" in p["files"]}
                       for p in d["pages"]]}
            for d in documents]


def _stage_indexes(project: Project, settings: PublishSettings, ordered: list[dict], folder: Path) -> list[str]:
    """Stage the index pages and the manifest; returns the names written."""
    pending: dict[str, bytes] = {}
    pending["index.html"] = render_template("index.html", ui_gettext({}), documents=index_documents(ordered),
                                            language_name=native_name, bcp47=bcp47,
                                            publisher=settings.publisher).encode("utf-8")
    for d in ordered:  # pages kept from a build that did not record their report summary
        for p in d["pages"]:
            name = f"reports/{p['language']}/{d['slug']}.json"
            if (p.get("report") is None or "publication" not in p["report"]) and name in p["files"]:
                p["report"] = report_summary(project.output_path(*name.split("/")).read_bytes())
    summaries = [p["report"] for d in ordered for p in d["pages"] if p.get("report")]
    pending["reports/index.html"] = reports_index(summaries)
    manifest = [{"document": d["slug"], "language": p["language"], "status": p["status"],
                 "source_sha256": d["source_sha256"], "percent_translated": p["percent"],
                 "review_status": p["review"], "path": name, "sha256": f["sha256"], "size": f["size"]}
                for d in ordered for p in d["pages"] for name, f in sorted(p["files"].items())]
    manifest += [{"document": None, "language": None, "status": "index", "path": name,
                  "sha256": _sha(pending[name]), "size": len(pending[name])}
                 for name in ("index.html", "reports/index.html")]
    pending["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return stage_files(project, pending, folder)


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
        fingerprint = document_fingerprint(project, slug, languages, shared)
        old = old_documents.get(slug)
        if old and old.get("fingerprint") == fingerprint and all(
                (output / name).is_file() for page in old["pages"] for name in page["files"]):
            reused.append(old)
        else:
            work.append((project, slug, languages, settings, allow_incomplete, fingerprint))
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
        written = sorted([name for result in results for name in result.staged]
                         + _stage_indexes(project, settings, ordered, folder))
        keep = {name for d in ordered for p in d["pages"] for name in p["files"]}
        removed = sorted({name for d in old_documents.values() for page in d.get("pages", [])
                          for name in page.get("files", {}) if name not in keep and (output / name).is_file()})
        state = {"version": __version__, "documents": {d["slug"]: d for d in ordered}}
        state_bytes = (json.dumps(state, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
        if written or removed or _read_optional(state_path) != state_bytes:
            fsio.write_new(folder / STATE_FILE, state_bytes)
            _complete(project, folder, written, removed)
            folder = fsio.exchange(folder, target)  # now the previous output, if any
    finally:
        if folder is not None:
            fsio.remove(folder)
    return BuildResult(_records(ordered), written, len(reused), removed)


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
