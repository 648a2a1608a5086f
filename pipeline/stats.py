"""`locpipe stats`: each catalog's progress, counted against its template.

A catalog's row is kept in the data cache by what it was counted from (the
catalog's, template's and English source's bytes, and locpipe's code), by
this command or by a build; only a catalog whose row is not kept is read,
so the catalog reader and polib are imported only then. The files' sha256
come from the build's digests (publish/digests.py), made again only for a
file whose size, times or inode changed since it was hashed."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from . import datacache
from .catalog_stats import CatalogStats
from .datacache import code_fingerprint
from .errors import LocpipeError
from .project import Project, domains, source_path

if TYPE_CHECKING:
    import polib

STATS_RECORD = "stats"  # in the data cache: each catalog's row, by the bytes it was counted from


def stats(project: Project, languages: list[str] | None = None) -> list[CatalogStats]:
    """Progress of every catalog, counted against its template: a unit the
    catalog lacks (a file cut short, an update not yet run) is untranslated.
    A catalog whose bytes, template, English source and locpipe's code are
    those of an earlier count (by this command or a build) is not read
    again: its row is in the data cache."""
    from .publish.digests import FileDigests
    digests = FileDigests(str(project.root))  # the build's: a catalog it hashed is not read again
    record = datacache.read_record(STATS_RECORD)
    counted: dict[str, dict] = {}
    templates: dict[str, polib.POFile | None] = {}
    names = domains(project)
    # what every language's row of a domain is counted from besides its catalog: its template and source
    shared = {domain: (_digest(digests, project.template_path(domain)), _source_digest(project, digests, domain))
              for domain in names}
    results = []
    for language in languages or project.languages():
        for domain in names:
            path = project.catalog_path(domain, language)
            key = stats_key(domain, language, shared[domain][0], _digest(digests, path), shared[domain][1])
            name = f"{language}/{domain}"
            kept = record.get(name)
            if isinstance(kept, dict) and kept.get("key") == key:
                row = CatalogStats(**kept["row"])
                counted[name] = kept
            else:
                if domain not in templates:
                    templates[domain] = _template(project, domain)
                row = _catalog_row(project, domain, language, path, templates[domain])
                counted[name] = {"key": key, "row": asdict(row)}
            results.append(row)
    if counted != record:
        datacache.write_record(STATS_RECORD, counted)
    return results


def stats_key(domain: str, language: str, template_sha256: str, catalog_sha256: str, source_sha256: str) -> str:
    """What a catalog's row is counted from (a file that is missing: "none")."""
    key = "\0".join([code_fingerprint(), domain, language, template_sha256, catalog_sha256, source_sha256])
    return hashlib.sha256(key.encode()).hexdigest()


def record_counted_rows(rows: dict[str, dict]) -> None:
    """Add rows a build counted to the data cache's record of `stats`."""
    if rows:
        record = datacache.read_record(STATS_RECORD)
        if any(record.get(name) != row for name, row in rows.items()):
            datacache.write_record(STATS_RECORD, {**record, **rows})


def _source_digest(project: Project, digests, domain: str) -> str:
    """The sha256 of the English a catalog translates (source_bytes), of
    no bytes for the page strings or a missing source."""
    path = source_path(project, domain)
    return (digests.sha256(str(path)) if path else "") or hashlib.sha256(b"").hexdigest()


def _digest(digests, path: Path) -> str:
    """A file's sha256 (FileDigests: by its size, times and inode where a
    build hashed it), "none" for a missing file. Not saved here: the
    build's record keeps the files the build read."""
    return digests.sha256(str(path)) or "none"


def _template(project: Project, domain: str) -> polib.POFile | None:
    from .po import read_catalog
    path = project.template_path(domain)
    return read_catalog(path, project.relative(path)) if path.exists() else None


def _catalog_row(project: Project, domain: str, language: str, path: Path,
                 template: polib.POFile | None) -> CatalogStats:
    from . import catalog as cat
    from .jobs import catalog_review
    from .po import read_catalog
    if path.exists():
        po = read_catalog(path, project.relative(path))
    elif template is not None:
        po = template
    else:
        raise LocpipeError("no template; run `locpipe extract` first",
                           project.relative(project.template_path(domain)))
    expected = None if template is None else cat.unit_msgids(template)
    row = cat.catalog_stats(po, domain, language, expected)
    if path.exists():
        state = catalog_review(project, domain, po)
        row.review, row.review_note = state.status, state.note
    else:
        row.review = "none"
    return row
