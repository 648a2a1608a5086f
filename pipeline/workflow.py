"""The catalog workflows: extract, init, update, compile, stats.

Each reads the project's files, calls the pure functions of `source` and
`catalog`, and writes results only after every input has been read and
checked, so bad input changes nothing on disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import polib

from . import catalog as cat
from . import datacache
from .datacache import code_fingerprint
from .errors import LocpipeError
from .glossary import glossary_comments as read_glossary_comments
from .jobs import (PlannedWrite, catalogs, creation_date, map_jobs, planned_under_lock, read_document_by_slug,
                   write_all)
from .po import catalog_bytes, compile_problems, decode_catalog, mo_bytes, parse_catalog, read_catalog
from .progress import Progress
from .project import UI_DOMAIN, Project, settings_file, validate_language, with_languages_added
from .stats import stats_key


def ui_catalog(project: Project, path: os.PathLike | None = None):
    """The template of the page chrome; `ui` loads Jinja2 and babel, so it
    is imported only when templates are made."""
    from .ui import ui_catalog as page_strings
    return page_strings(project, path)


# Hooks filled by later stages: per-language extra comments for a template
# (glossary terms), and the template of the page chrome (UI strings).
GlossaryComments = Callable[[Project, str, polib.POFile], dict[str, list[str]]]
glossary_comments: GlossaryComments | None = read_glossary_comments
ui_template: Callable[[Project, "os.PathLike | None"], polib.POFile | None] | None = ui_catalog


# -- templates ---------------------------------------------------------------

def template_for(project: Project, domain: str) -> tuple[polib.POFile, bytes] | None:
    """The template of one domain (a document, or the UI), and its bytes as
    written to its .pot file; None when there is none."""
    if domain == UI_DOMAIN and ui_template is not None:
        catalog = ui_template(project, None)
    else:
        document = read_document_by_slug(project, domain)
        catalog = cat.template_catalog([document], project.settings.name, creation_date(),
                                       project.settings.bugs_address)
    if catalog is None:
        return None
    return catalog, template_with_kept_dates(catalog, project.template_path(domain))


TEMPLATE_RECORD = "templates"  # in the data cache: what each template on disk was made from


def template_key(project: Project, domain: str) -> str | None:
    """What a document's template is made from: its source and its path
    (the template's references), the settings that shape a template, and
    locpipe's code. Not its dates: a template that differs only in its
    dates keeps those of its file. None for the page strings, whose
    template is made from the page templates."""
    if domain == UI_DOMAIN:
        return None
    source = project.source_dir / f"{domain}.md"
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps([project.settings.name, project.settings.bugs_address,
                              project.settings.translatable_fields, project.relative(source)]).encode())
    digest.update(source.read_bytes())
    return digest.hexdigest()


def recorded_template(project: Project, domain: str, key: str | None, recorded: dict | None) -> bytes | None:
    """The template file of a domain, when the data cache records that it
    was made from exactly these inputs and it has not changed since: then
    `update` reads it instead of making it again (a template takes five
    times longer to make than to read)."""
    if key is None or not recorded or recorded.get("key") != key:
        return None
    try:
        data = project.template_path(domain).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == recorded.get("sha256") else None


def record_templates(written: dict[str, tuple[str | None, bytes]]) -> None:
    """Remember what each template just written was made from."""
    record = datacache.read_record(TEMPLATE_RECORD)
    for domain, (key, data) in written.items():
        if key is not None:
            record[domain] = {"key": key, "sha256": hashlib.sha256(data).hexdigest()}
        else:
            record.pop(domain, None)
    datacache.write_record(TEMPLATE_RECORD, record)


_DATE_LINE = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): ([^"\\]*)\\n"\n', re.M)
# Lines of a template that say when and by what it was written, not what it holds.
_STAMP_LINE = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date|Generated-By): [^"\\]*\\n"\n', re.M)


def template_with_kept_dates(catalog: polib.POFile, path: Path) -> bytes:
    """The template's bytes; the file on disk, unchanged, when it holds the
    same entries as `catalog` and differs only in its dates, the babel
    version that wrote it, its header comment or its line ends: without
    SOURCE_DATE_EPOCH the creation date is the current minute, and babel
    stamps its version, so a template (and every catalog merged from it,
    which copies its creation date) would otherwise change with no source
    change, on every run or after every babel release."""
    data = catalog_bytes(catalog)
    try:
        old = path.read_bytes()
    except OSError:
        return data
    if _STAMP_LINE.sub(b"", data) != _STAMP_LINE.sub(b"", old) and not _same_entries(old, catalog, path):
        return data
    dates = dict(_DATE_LINE.findall(old.replace(b"\r\n", b"\n")))
    try:
        created = dt.datetime.strptime(dates[b"POT-Creation-Date"].decode("ascii"), "%Y-%m-%d %H:%M%z")
        revised = (dt.datetime.strptime(dates[b"PO-Revision-Date"].decode("ascii"), "%Y-%m-%d %H:%M%z")
                   if b"PO-Revision-Date" in dates else created)
    except (KeyError, ValueError, UnicodeError):
        return data
    # the catalogs merged from the template copy its creation date
    _with_dates(catalog, created, revised)
    return old


def _with_dates(template: polib.POFile, created: dt.datetime, revised: dt.datetime) -> None:
    """Give a template other dates, written as babel writes them."""
    from babel.messages.catalog import Catalog
    fields = dict(Catalog(creation_date=created, revision_date=revised, fuzzy=False).mime_headers)
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        template.metadata[key] = fields[key].strip()


def _read_template(data: bytes, path: Path) -> polib.POFile | None:
    try:
        return parse_catalog(decode_catalog(data, str(path)), str(path))
    except LocpipeError:
        return None


def _same_entries(old: bytes, catalog: polib.POFile, path: Path) -> bool:
    """Whether a template file that differs from `catalog` in more than its
    stamps still holds what `catalog` holds (another layout: CRLF line ends,
    an edited header comment)."""
    template = _read_template(old, path)
    return template is not None and cat.same_template(template, catalog)


def template_domains(project: Project) -> list[str]:
    """Every domain with a template: the documents, then the UI when the
    page templates have strings."""
    return project.slugs() + ([UI_DOMAIN] if ui_template is not None else [])


def _extract_job(args) -> tuple[str, str | None, bytes | None]:
    project, domain = args
    template = template_for(project, domain)
    return domain, template_key(project, domain), (template[1] if template is not None else None)


def extract(project: Project, jobs: int | None = None) -> list[Path]:
    def plan():
        return map_jobs(_extract_job, [(project, d) for d in template_domains(project)], jobs)

    def write(results):
        written = write_all(project, [PlannedWrite(project.template_path(d), data)
                                      for d, _, data in results if data is not None])
        record_templates({d: (key, data) for d, key, data in results if data is not None})
        return written
    return planned_under_lock(project, plan, write)[1]


# -- init / update -----------------------------------------------------------

@dataclass
class UpdateResult:
    language: str
    domain: str
    path: Path
    report: cat.MergeReport
    created: bool
    written: bool = False  # the file was rewritten (a new entry, or only comments, references, dates)
    from_memory: int = 0   # units translation memory filled, fuzzy


@dataclass
class UpdateOutcome:
    """What an update did: each catalog's merge, and every file it rewrote."""

    catalogs: list[UpdateResult]
    written: list[Path]


def _merge_language(project: Project, domain: str, template: polib.POFile, language: str,
                    create: bool) -> tuple[UpdateResult, bytes | None] | None:
    path = project.catalog_path(domain, language)
    extra = glossary_comments(project, language, template) if glossary_comments else None
    from .interchange import fill_catalog
    if path.exists():
        po = read_catalog(path, project.relative(path))
        merged, report = cat.merge_catalog(po, template, extra)
        from_memory = fill_catalog(project, domain, language, merged)
        if cat.same_catalog(po, merged):
            # unchanged: keep the file as it is, however it is wrapped
            return UpdateResult(language, domain, path, report, False), None
        created = False
    elif create:
        merged = cat.new_catalog(template, language, creation_date())
        if extra:
            merged, _ = cat.merge_catalog(merged, template, extra)
        from_memory = fill_catalog(project, domain, language, merged)
        report = cat.MergeReport(new=[e.msgid for e in merged if not e.obsolete])
        created = True
    else:
        return None
    return UpdateResult(language, domain, path, report, created, from_memory=from_memory), catalog_bytes(merged)


@dataclass
class DomainUpdate:
    domain: str
    template: bytes
    catalogs: list[tuple[UpdateResult, bytes | None]]
    template_key: str | None = None


def _update_job(args) -> DomainUpdate | None:
    project, domain, languages, create_missing, only_new, recorded = args
    key = template_key(project, domain)
    data = recorded_template(project, domain, key, recorded)
    if data is not None:
        path = project.template_path(domain)
        template = parse_catalog(decode_catalog(data, project.relative(path)), project.relative(path))
    else:
        found = template_for(project, domain)
        if found is None:
            return None
        template, data = found
    planned = []
    for language in languages:
        if only_new and project.catalog_path(domain, language).exists():
            continue
        merged = _merge_language(project, domain, template, language, create_missing)
        if merged is not None:
            planned.append(merged)
    return DomainUpdate(domain, data, planned, key)


def _plan_updates(project: Project, languages: list[str], create_missing: bool, only_new: bool,
                  jobs: int | None, quiet: bool = False) -> list[DomainUpdate]:
    recorded = datacache.read_record(TEMPLATE_RECORD)
    items = [(project, d, languages, create_missing, only_new, recorded.get(d))
             for d in template_domains(project)]
    progress = Progress(len(items), "catalogs", quiet=quiet)
    try:
        return [u for u in map_jobs(_update_job, items, jobs, progress) if u is not None]
    finally:
        progress.close()


def _write_updates(project: Project, updates: list[DomainUpdate],
                   then: list[PlannedWrite] | None = None) -> list[Path]:
    writes = [PlannedWrite(project.template_path(u.domain), u.template) for u in updates]
    writes += [PlannedWrite(result.path, data) for u in updates for result, data in u.catalogs
               if data is not None]
    written = write_all(project, writes + (then or []))
    record_templates({u.domain: (u.template_key, u.template) for u in updates})
    return written


def update(project: Project, languages: list[str] | None = None, create_missing: bool = True,
           jobs: int | None = None, quiet: bool = False) -> UpdateOutcome:
    """Extract templates and merge them into every language's catalogs.

    Every catalog is read and merged before the first file is written, so a
    bad catalog anywhere changes nothing; the files are written from inputs
    unchanged since they were read (see planned_under_lock)."""
    languages = [validate_language(code) for code in languages or project.languages()]
    updates, written = planned_under_lock(
        project, lambda: _plan_updates(project, languages, create_missing, False, jobs, quiet),
        lambda planned: _write_updates(project, planned))
    results = [result for u in updates for result, _ in u.catalogs]
    for result in results:
        result.written = result.path in written
    return UpdateOutcome(results, written)


@dataclass
class InitResult:
    created: list[Path]
    settings: Path | None = None  # the settings file the languages were added to
    added: list[str] = field(default_factory=list)


def settings_with_languages(project: Project,
                            languages: list[str]) -> tuple[PlannedWrite, Path, list[str]] | None:
    """The project's settings file with `languages` added to its list, read
    as it is now (under the lock, so no other edit is lost): the write, the
    file, and the languages added; None when the file lists them all or has
    no list, or there is no settings file."""
    found = settings_file(project.root)
    if found is None:
        return None
    path, keys = found
    shown = project.relative(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise LocpipeError(f"cannot read settings: {exc.strerror or exc}", shown) from None
    except UnicodeDecodeError:
        raise LocpipeError("settings are not UTF-8", shown) from None
    edited = with_languages_added(text, keys, languages, shown)
    if edited is None:
        return None
    # a symlinked settings file stays a symlink: its target is replaced
    return PlannedWrite(path.resolve(), edited[0].encode("utf-8")), path, edited[1]


def init(project: Project, languages: list[str], jobs: int | None = None) -> InitResult:
    """Create catalogs for new languages (existing catalogs are left alone),
    and add the languages to the project's settings where these list the
    project's languages, so that every command takes them from now on."""
    languages = [validate_language(code) for code in languages]

    def write(planned: list[DomainUpdate]) -> InitResult:
        created = [result.path for u in planned for result, _ in u.catalogs]
        settings = settings_with_languages(project, languages)
        if settings is None:
            _write_updates(project, planned)
            return InitResult(created)
        write, path, added = settings
        _write_updates(project, planned, [write])  # the settings last: a language listed has its catalogs
        if project.settings.languages is not None:
            project.settings.languages += [code for code in added if code not in project.settings.languages]
        return InitResult(created, path, added)

    return planned_under_lock(project, lambda: _plan_updates(project, languages, True, True, jobs), write)[1]


# -- reading catalogs --------------------------------------------------------

def compile_catalogs(project: Project, languages: list[str] | None = None) -> list[Path]:
    """.mo files of the catalogs, written from catalogs unchanged since they
    were read (see planned_under_lock)."""
    for language in languages or []:
        validate_language(language)

    def plan():
        writes = []
        for _, _, path, po in catalogs(project, languages):
            problems = compile_problems(po)
            if problems:
                line, problem = problems[0]
                raise LocpipeError(f"{problem}; msgfmt --check would refuse this catalog, so no .mo is "
                                   f"written ({len(problems)} problem(s))", project.relative(path), line)
            writes.append(PlannedWrite(path.with_suffix(".mo"), mo_bytes(po)))
        return writes
    return planned_under_lock(project, plan, lambda writes: write_all(project, writes))[1]


def counted_rows(project: Project, domain: str, catalogs: dict[str, tuple[bytes, polib.POFile]],
                 source: bytes) -> dict[str, dict]:
    """The rows of a document's catalogs that a build has read (language ->
    the bytes and the catalog parsed from them), as the data cache keeps
    them for `stats`, so that `stats` after a build reads no catalog."""
    from .review import review_state
    template_path = project.template_path(domain)
    try:
        template_bytes = template_path.read_bytes()
    except FileNotFoundError:
        template_bytes = None
    shown = project.relative(template_path)
    template = parse_catalog(decode_catalog(template_bytes, shown), shown) if template_bytes is not None else None
    template_sha256 = hashlib.sha256(template_bytes).hexdigest() if template_bytes is not None else "none"
    source_sha256 = hashlib.sha256(source).hexdigest()
    rows = {}
    for language, (data, po) in catalogs.items():
        expected = None if template is None else cat.unit_msgids(template)
        row = cat.catalog_stats(po, domain, language, expected)
        state = review_state(po, source)  # of the English the key names
        row.review, row.review_note = state.status, state.note
        key = stats_key(domain, language, template_sha256, hashlib.sha256(data).hexdigest(), source_sha256)
        rows[f"{language}/{domain}"] = {"key": key, "row": dataclasses.asdict(row)}
    return rows
