"""The catalog workflows: extract, init, update, compile, stats.

Each reads the project's files, calls the pure functions of `source` and
`catalog`, and writes results only after every input has been read and
checked, so bad input changes nothing on disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import polib

from . import catalog as cat
from .catalog_io import (atomic_write_bytes, catalog_bytes, mo_bytes, parse_catalog, read_catalog,
                         template_bytes)
from .errors import LocpipeError
from .model import Document
from .project import UI_DOMAIN, Project, validate_language
from .source import read_document

# Hooks filled by later stages: per-language extra comments for a template
# (glossary terms), and the template of the page chrome (UI strings).
GlossaryComments = Callable[[Project, str, polib.POFile], dict[str, list[str]]]
glossary_comments: GlossaryComments | None = None
ui_template: Callable[[Project, "os.PathLike | None"], object] | None = None


def creation_date():
    return cat.source_date(os.environ.get("SOURCE_DATE_EPOCH"))


def read_documents(project: Project) -> list[Document]:
    fields = project.settings.translatable_fields
    return [read_document(path, project.relative(path), fields) for path in project.source_files()]


def read_document_by_slug(project: Project, slug: str) -> Document:
    path = project.source_dir / f"{slug}.md"
    return read_document(path, project.relative(path), project.settings.translatable_fields)


@dataclass
class PlannedWrite:
    path: Path
    data: bytes


def write_all(project: Project, writes: list[PlannedWrite]) -> list[Path]:
    """Write planned files atomically, one by one; returns those that changed."""
    changed = []
    for write in writes:
        if atomic_write_bytes(write.path, write.data):
            changed.append(write.path)
    return changed


# -- extract -----------------------------------------------------------------

def plan_templates(project: Project) -> dict[str, bytes]:
    """domain -> template bytes, for every document (and the UI when present)."""
    date = creation_date()
    templates = {}
    for document in read_documents(project):
        catalog = cat.template_catalog([document], project.settings.name, date,
                                       project.settings.bugs_address)
        templates[document.slug] = cat_template_bytes(catalog)
    if ui_template is not None:
        ui = ui_template(project, None)
        if ui is not None:
            templates[UI_DOMAIN] = cat_template_bytes(ui)
    return templates


def cat_template_bytes(catalog) -> bytes:
    return template_bytes(catalog)


def extract(project: Project) -> list[Path]:
    templates = plan_templates(project)
    with project.lock():
        return write_all(project, [PlannedWrite(project.template_path(d), data)
                                   for d, data in templates.items()])


# -- init / update -----------------------------------------------------------

def _template_catalog(data: bytes, name: str) -> polib.POFile:
    return parse_catalog(data.decode("utf-8"), name)


@dataclass
class UpdateResult:
    language: str
    domain: str
    path: Path
    report: cat.MergeReport
    created: bool


def _merge_language(project: Project, domain: str, template: polib.POFile, language: str,
                    create: bool) -> tuple[UpdateResult, bytes] | None:
    path = project.catalog_path(domain, language)
    extra = glossary_comments(project, language, template) if glossary_comments else None
    if path.exists():
        po = read_catalog(path, project.relative(path))
        merged, report = cat.merge_catalog(po, template, extra)
        created = False
    elif create:
        merged = cat.new_catalog(template, language, creation_date())
        if extra:
            merged, _ = cat.merge_catalog(merged, template, extra)
        report = cat.MergeReport(new=[e.msgid for e in merged if not e.obsolete])
        created = True
    else:
        return None
    return UpdateResult(language, domain, path, report, created), catalog_bytes(merged)


def update(project: Project, languages: list[str] | None = None,
           create_missing: bool = True) -> list[UpdateResult]:
    """Extract templates and merge them into every language's catalogs."""
    languages = languages or project.languages()
    templates = plan_templates(project)
    writes = [PlannedWrite(project.template_path(d), data) for d, data in templates.items()]
    results = []
    for domain, data in templates.items():
        template = _template_catalog(data, project.relative(project.template_path(domain)))
        for language in languages:
            planned = _merge_language(project, domain, template, language, create_missing)
            if planned is None:
                continue
            result, merged = planned
            results.append(result)
            writes.append(PlannedWrite(result.path, merged))
    with project.lock():
        write_all(project, writes)
    return results


def init(project: Project, languages: list[str]) -> list[Path]:
    """Create catalogs for new languages; existing catalogs are left alone."""
    for language in languages:
        validate_language(language)
    templates = plan_templates(project)
    writes = [PlannedWrite(project.template_path(d), data) for d, data in templates.items()]
    created = []
    for domain, data in templates.items():
        template = _template_catalog(data, project.relative(project.template_path(domain)))
        for language in languages:
            path = project.catalog_path(domain, language)
            if path.exists():
                continue
            planned = _merge_language(project, domain, template, language, create=True)
            assert planned is not None
            writes.append(PlannedWrite(path, planned[1]))
            created.append(path)
    with project.lock():
        write_all(project, writes)
    return created


# -- reading catalogs --------------------------------------------------------

def domains(project: Project) -> list[str]:
    names = project.slugs()
    if project.template_path(UI_DOMAIN).exists() and UI_DOMAIN not in names:
        names.append(UI_DOMAIN)
    return names


def catalogs(project: Project, languages: list[str] | None = None):
    """(domain, language, path, catalog) for every existing catalog."""
    for language in languages or project.languages():
        for domain in domains(project):
            path = project.catalog_path(domain, language)
            if path.exists():
                yield domain, language, path, read_catalog(path, project.relative(path))


def compile_catalogs(project: Project, languages: list[str] | None = None) -> list[Path]:
    writes = [PlannedWrite(path.with_suffix(".mo"), mo_bytes(po))
              for _, _, path, po in catalogs(project, languages)]
    return write_all(project, writes)


def stats(project: Project, languages: list[str] | None = None) -> list[cat.CatalogStats]:
    results = []
    for language in languages or project.languages():
        for domain in domains(project):
            path = project.catalog_path(domain, language)
            if path.exists():
                po = read_catalog(path, project.relative(path))
            elif project.template_path(domain).exists():
                po = read_catalog(project.template_path(domain),
                                  project.relative(project.template_path(domain)))
            else:
                raise LocpipeError("no template; run `locpipe extract` first",
                                   project.relative(project.template_path(domain)))
            results.append(cat.catalog_stats(po, domain, language))
    return results
