"""The exchange workflows: XLIFF out to CAT tools and back, translation
memory in and out. Each reads the project's files, calls the pure
functions of `xliff` and `memory`, and writes only after every input has
been read and checked, so bad input changes nothing on disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import memory, xliff
from .po import catalog_bytes, catalog_from_bytes, decode_catalog, parse_catalog, read_catalog
from .errors import LocpipeError, SettingsError
from .project import UI_DOMAIN, Project
from .jobs import PlannedWrite, planned_under_lock, write_all

MEMORY_FILE = "memory.tmx"


# -- XLIFF -------------------------------------------------------------------

def export_xliff(project: Project, languages: list[str], version: str, folder: Path) -> list[Path]:
    """`<folder>/<document>.<lang>.xlf` for every document's catalog, and
    `ui.<lang>.xlf` for the page strings where the language has them."""
    writes = []
    for language in languages:
        for domain in project.slugs() + [UI_DOMAIN]:
            path = project.catalog_path(domain, language)
            if domain == UI_DOMAIN and not path.exists():
                continue
            if not path.exists():
                raise LocpipeError(f"no catalog; run `locpipe update {language}` first", project.relative(path))
            po = read_catalog(path, project.relative(path))
            writes.append(PlannedWrite(folder / f"{domain}.{language}.xlf",
                                       xliff.export_bytes(po, domain, language, version,
                                                          project.relative(path))))
    return write_all(project, writes)


@dataclass
class XliffImport:
    written: list[Path] = field(default_factory=list)
    reports: list[tuple[str, xliff.ImportReport]] = field(default_factory=list)  # (catalog, report)


def import_xliff(project: Project, files: list[Path]) -> XliffImport:
    """Translations from XLIFF files into their catalogs; every file is read
    and checked before any catalog is written."""
    parsed = []
    for file in files:
        shown = str(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise LocpipeError(f"cannot read: {exc.strerror or exc}", shown) from None
        found = xliff.read_xliff(data, shown)
        if found.document not in project.slugs() + [UI_DOMAIN]:
            raise LocpipeError(f"document {found.document!r} is not one of the project's", shown)
        if found.language not in project.languages():
            raise LocpipeError(f"language {found.language!r} is not one of the project's languages", shown)
        parsed.append((shown, found))

    def plan():
        catalogs: dict[Path, polib.POFile] = {}
        originals: dict[Path, bytes] = {}
        reports = []
        for shown, found in parsed:
            path = project.catalog_path(found.document, found.language)
            if path not in catalogs:
                if not path.exists():
                    raise LocpipeError("no catalog for this file; run `locpipe update` first", shown)
                originals[path] = path.read_bytes()
                catalogs[path] = catalog_from_bytes(originals[path], project.relative(path))
            _, report = xliff.apply_units(catalogs[path], found.units, shown,
                                          _translation_errors(project, found.language))
            reports.append((project.relative(path), report))
        changed = [PlannedWrite(path, data) for path, po in catalogs.items()
                   if (data := catalog_bytes(po)) != originals[path]
                   and any(r.changed or r.changed_source for p, r in reports if p == project.relative(path))]
        return changed, reports

    (writes, reports), written = planned_under_lock(project, plan, lambda planned: write_all(project, planned[0]))
    return XliffImport(written, reports)


def _translation_errors(project: Project, language: str):
    """The errors the project's checks find in a finished translation (a
    changed phone number, a link the source lacks, a placeholder the page
    cannot fill in): what memory import refuses, import xliff refuses too."""
    from .checks import ERROR, translation_findings
    from .jobs import project_context
    context = project_context(project, language)

    def errors(source: str, target: str) -> list[str]:
        return [f"{check.id}: {message}" for check, message in translation_findings(source, target, context)
                if check.severity == ERROR]
    return errors


# -- memory ------------------------------------------------------------------

def min_similarity(project: Project) -> float:
    section = project.settings.section("memory")
    value = section.get("min_similarity", memory.DEFAULT_MIN_SIMILARITY)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.6 <= value <= 1:
        raise SettingsError("[memory] min_similarity must be a number from 0.6 to 1", project.settings.origin)
    return float(value)


def memory_path(project: Project, language: str) -> Path:
    return project.locale_dir / language / MEMORY_FILE


def _checked(project: Project, language: str, pairs: list[memory.MemoryPair]) -> list[memory.MemoryPair]:
    """The pairs the project's translation checks find no error in."""
    from .checks import ERROR, translation_findings
    from .jobs import project_context
    context = project_context(project, language)
    return [pair for pair in pairs
            if not any(check.severity == ERROR for check, _ in translation_findings(pair.source, pair.target, context))]


def _catalog_memory(project: Project, language: str) -> list[memory.MemoryPair]:
    pairs = []
    for domain in project.slugs():
        path = project.catalog_path(domain, language)
        if path.exists():
            pairs += memory.catalog_pairs(read_catalog(path, project.relative(path)), path.name)
    return pairs


def _imported_memory(project: Project, language: str) -> list[memory.MemoryPair]:
    path = memory_path(project, language)
    if not path.exists():
        return []
    return memory.memory_from_tmx(path.read_bytes(), project.relative(path), language, MEMORY_FILE)


_LANGUAGE_MEMORY: dict[tuple, list[memory.MemoryPair]] = {}


def language_memory(project: Project, language: str) -> list[memory.MemoryPair]:
    """Every checked pair of a language: its documents' finished units and
    its imported memory; kept per process while the files are unchanged."""
    files = [project.catalog_path(d, language) for d in project.slugs()] + [memory_path(project, language)]
    key = (str(project.root), language,
           tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.exists()))
    if key not in _LANGUAGE_MEMORY:
        _LANGUAGE_MEMORY.clear()
        pairs = _catalog_memory(project, language) + _imported_memory(project, language)
        _LANGUAGE_MEMORY[key] = _checked(project, language, pairs)
    return _LANGUAGE_MEMORY[key]


def fill_catalog(project: Project, domain: str, language: str, po: polib.POFile) -> int:
    """Fill a merged catalog's untranslated units from the memory of the
    language's other documents and its imported memory (update's last step)."""
    if domain == UI_DOMAIN or not any(memory.needs_translation(e) for e in po):
        return 0
    own = f"{domain}.po"
    pairs = [pair for pair in language_memory(project, language) if pair.origin != own]
    if not pairs:
        return 0
    return memory.fill_from_memory(po, pairs, min_similarity(project))[1]


@dataclass
class MemoryImport:
    added: dict[str, int]          # language: pairs added
    refused: list[str]             # pairs with check errors, as messages
    written: list[Path]


def _pairs_from_file(project: Project, file: Path) -> list[tuple[str, memory.MemoryPair]]:
    shown = str(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise LocpipeError(f"cannot read: {exc.strerror or exc}", shown) from None
    if file.suffix == ".tmx":
        return [(language, memory.MemoryPair(source, target, noted or file.name))
                for language, source, target, noted in memory.read_tmx(data, shown)]
    if file.suffix in (".po", ".pot"):
        po = parse_catalog(decode_catalog(data, shown), shown)
        language = (po.metadata.get("Language") or "").replace("-", "_")
        if not language:
            raise LocpipeError("a compendium needs a Language in its header", shown, 1)
        return [(language, pair) for pair in memory.catalog_pairs(po, file.name)]
    raise LocpipeError("memory files are .tmx (TMX 1.4b) or .po (a compendium)", shown)


def import_memory(project: Project, files: list[Path]) -> MemoryImport:
    """Pairs from TMX files and .po compendia into `locale/<lang>/memory.tmx`,
    for the project's languages; a pair the checks find an error in is
    never imported."""
    from .checks import ERROR, translation_findings
    from .jobs import project_context
    found: dict[str, list[memory.MemoryPair]] = {}
    refused = []
    for file in files:
        for language, pair in _pairs_from_file(project, file):
            if language not in project.languages():
                continue
            context = project_context(project, language)
            errors = [message for check, message in translation_findings(pair.source, pair.target, context)
                      if check.severity == ERROR]
            if errors:
                refused.append(f"{file}: {language}: not imported: {pair.source[:60]!r}: {errors[0]}")
                continue
            found.setdefault(language, []).append(pair)

    def plan():
        writes, added = [], {}
        for language, pairs in sorted(found.items()):
            existing = _imported_memory(project, language)
            merged = sorted(set(existing) | set(pairs))
            added[language] = len(merged) - len(set(existing))
            writes.append(PlannedWrite(memory_path(project, language), memory.tmx_bytes(merged, language)))
        return writes, added

    (writes, added), written = planned_under_lock(project, plan, lambda planned: write_all(project, planned[0]))
    return MemoryImport(added, refused, written)


def export_memory(project: Project, language: str, output: Path) -> tuple[Path, int]:
    pairs = language_memory(project, language)
    write_all(project, [PlannedWrite(output, memory.tmx_bytes(pairs, language))])
    return output, len(set(pairs))
