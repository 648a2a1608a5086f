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

import gc
import hashlib
import json
import os
from pathlib import Path

from .. import __version__, fsio, placement
from ..datacache import code_fingerprint
from ..memos import MemoBatches, fresh_memo_entries
from ..project import PUBLISHED, Project
from .settings import PublishSettings
from .manifest import previous_paths
from .digests import FileDigests
from . import published as store
from .published import LastBuild
from .stamp import earlier_walk, record_build, walk_inputs
from .state import (STATE_FILE, BuildResult, BuildState, DocumentRecord, RecordShelf, document_fingerprint,
                    input_folders, last_builds_of, page_records, read_manifest, read_optional,
                    read_state, shared_fingerprint, state_bytes)


def build(project: Project, allow_incomplete: bool = False, jobs: int | None = None,
          quiet: bool = False, languages: list[str] | None = None, pdf: bool = False) -> BuildResult:
    """Build the output; what it freezes for the garbage collector stays
    frozen (the process ends, or cli.main and `serve` unfreeze it)."""
    placement.refuse_misplaced_output(project, writing=True)  # as the command did; a caller that goes on may not
    settings, languages = PublishSettings.from_project(project, pdf), languages or project.languages()
    settings_key = build_key(project, settings, allow_incomplete, languages)
    # before anything is read: the stamp must not vouch for what changed meanwhile
    before = earlier_walk(project) or walk_inputs(project)
    output, state_path = project.output_dir, project.output_dir / STATE_FILE
    previous = read_state(state_path)
    last_manifest = {} if previous.version else read_manifest(output / "manifest.json")
    last_builds = last_builds_of(previous.documents, last_manifest)
    slugs = project.slugs()
    digests = FileDigests(str(project.root))
    shared = shared_fingerprint(project, languages, settings_key, digests)
    on_disk = _files_in(output)
    work, reused, indexes_key = _plan(project, slugs, languages, settings, allow_incomplete, shared, previous,
                                      last_builds, on_disk, digests)
    if not work and _indexes_on_disk(previous, indexes_key.hexdigest(), slugs, output, on_disk):
        return _as_on_disk(project, settings, reused, digests, _stamp_key(settings_key, settings), before)
    # modules a build that changes nothing never needs (the renderers, the checks, the process pool)
    from ..jobs import removed_meanwhile
    from .writers import KeptLinks, check_kept, complete_staged, kept_pages, stage_indexes, with_report_summaries
    target = output.resolve() if output.is_symlink() else output  # a symlinked output stays one
    folder = fsio.staged_folder(target)
    records = fsio.staged_folder(project.root / PUBLISHED)  # the published/ records, put in place at the end
    memo = MemoBatches()
    shelf = RecordShelf(slugs, with_report_summaries(project, reused))
    kept = old_output = None
    try:
        kept = KeptLinks(project.output_dir, folder, reused, jobs)
        results = _run_jobs(work, folder, records, memo, shelf, digests, jobs, quiet)
        gc.freeze()  # what the jobs left is no garbage: collections passed over it (30 ms of an edited build)
        ordered = shelf.values()
        indexes, index_files = stage_indexes(project, settings, ordered, folder, jobs)
        written = sorted([name for result in results for name in result.staged] + indexes)
        keep = {name for d in ordered for p in d.pages for name in p.files} | set(index_files)
        removed = _removed(project, previous, last_manifest, keep)
        state = state_bytes(BuildState(__version__, shelf, indexes_key.hexdigest(), sorted(index_files)))
        if written or removed or read_optional(state_path) != state:
            fsio.write_new(folder / STATE_FILE, state)
            checked = kept.finish()
            complete_staged(project, folder, written, removed, checked)
            check_kept(project, folder, kept_pages(ordered) + list(index_files.items()), written, checked)
            old_output, folder = fsio.exchange(folder, target), None
    except BaseException:
        fsio.remove(records)
        raise
    finally:
        if kept is not None:
            kept.close()  # before its folder goes
        if folder is not None:
            fsio.remove(folder)
    with removed_meanwhile(old_output, jobs, also=records):  # gone before the stamp's walk, which would see it
        _store_records(project, results, reused, settings.today, digests, records)
        _keep_for_later_runs(results, memo)
    result = BuildResult(page_records(ordered), written, len(reused), removed)
    _leave_for_next_build(project, _stamp_key(settings_key, settings), before, result, digests, results, shelf)
    return result


def _indexes_on_disk(previous: BuildState, indexes: str, slugs: list[str], output: Path, on_disk) -> bool:
    """Whether the index files on disk are those of the same documents and
    index inputs (`indexes`, the fingerprint of what they are made from)."""
    return previous.indexes == indexes and list(previous.documents) == slugs and all(
        _is_file(output, name, on_disk) for name in previous.index_files)


def _leave_for_next_build(project: Project, key: str, before, result: BuildResult, digests: FileDigests,
                          results: list, shelf: RecordShelf) -> None:
    """The stamp of a build that went the long way (where every document has
    its fingerprint: otherwise the next build goes the long way too), and the
    digests of what it read and of the published/ records it moved in,
    hashed once their file system's clock has passed them, with whether
    each is of its document's English (what document_fingerprint asks)."""
    records = {str(store.store_path(project.root, language, r.slug)): (r.slug, sha256)
               for r in results for language, sha256 in sorted(r.published.items())}
    if shelf.fingerprinted:
        _stamped(project, key, before, result, digests, {path: sha256 for path, (_, sha256) in records.items()})
    english = {slug: shelf[slug].source_sha256.encode() for slug in {slug for slug, _ in records.values()}}
    digests.remember_written({path: english[slug] for path, (slug, _) in records.items()})
    digests.save()


def _as_on_disk(project: Project, settings: PublishSettings, reused: list[DocumentRecord], digests: FileDigests,
                key: str, before) -> BuildResult:
    """A build where nothing changed: the pages, the indexes and the state
    are those on disk; only published/ may lack a record (a build killed
    before writing it, a checkout of an older published/)."""
    from .writers import store_published
    store_published(project, [], reused, settings.today, digests)
    digests.save()
    result = BuildResult(page_records(reused), [], len(reused), [])
    return _stamped(project, key, before, result, digests, {})


def _stamped(project: Project, key: str, before, result: BuildResult, digests: FileDigests,
             written: dict[str, str]) -> BuildResult:
    """The result, once its stamp is left for the next build (stamp.py):
    what the build read, and the published/ records its jobs wrote (path
    -> sha256)."""
    record_build(project, key, before, result, digests.racy(), written)
    return result


def build_key(project: Project, settings: PublishSettings, allow_incomplete: bool, languages: list[str]) -> str:
    """What every page depends on besides the project's files: its
    settings, locpipe's code and data, and what the command asked for."""
    return json.dumps([project.settings.raw, __version__, code_fingerprint(), allow_incomplete, languages,
                       settings.output.formats], sort_keys=True, default=str)


def _stamp_key(settings_key: str, settings: PublishSettings) -> str:
    return f"{settings_key}\0{settings.today.isoformat()}\0{settings.expiry.isoformat()}"


def unchanged_build(project: Project, allow_incomplete: bool = False, pdf: bool = False) -> BuildResult | None:
    """What the last build of every language gave, when a walk of the
    project finds nothing changed since (stamp.py); None otherwise."""
    from .stamp import unchanged_build as unchanged
    settings = PublishSettings.from_project(project, pdf)
    return unchanged(project, _stamp_key(build_key(project, settings, allow_incomplete, project.languages()),
                                         settings))


def _store_records(project: Project, results: list, reused: list[DocumentRecord], today, digests: FileDigests,
                   records: Path) -> None:
    """Put the published/ records the jobs staged in place, now that their
    pages are online."""
    from .writers import store_published
    try:
        store_published(project, results, reused, today, digests, records)
    finally:
        fsio.remove(records)


def _run_jobs(work: list, folder: Path, records: Path, memo: MemoBatches, shelf: RecordShelf, digests: FileDigests,
              jobs: int | None, quiet: bool) -> list:
    """Each document's job; what their processes remembered goes to the
    data cache in batches as the results come, and their records to the
    shelf, not held to the end as they came."""
    from ..jobs import map_jobs
    from ..progress import Progress
    from .jobs import build_and_stage, load_job_modules

    def lighter(result):
        memo.add(result.memo)
        result.memo = {}
        if any(digests.sha256(path) != sha256 for path, sha256 in result.inputs.items()):
            # a file changed between the plan and the job (and may change back): the pages are of
            # bytes the fingerprint does not describe, so the next build makes them again
            result.record.fingerprint = ""
        result.inputs = {}
        shelf.shelve(result.record)
        result.record = None
        return result

    progress = Progress(len(work), "documents", quiet=quiet)
    try:
        # a document's pages take long enough that two are worth two processes
        return map_jobs(build_and_stage, [(*job, folder, records) for job in work], jobs, progress, min_items=2,
                        each=lighter, prepare=load_job_modules)
    finally:
        progress.close()


def _keep_for_later_runs(results: list, memo: MemoBatches) -> None:
    """Write into the data cache what the jobs remembered (check results,
    readability) and the catalogs' rows they counted for `stats`."""
    memo.add(fresh_memo_entries())  # what this process remembered after its jobs (the indexes)
    memo.store()
    from ..stats import record_counted_rows
    record_counted_rows({name: row for result in results for name, row in result.stats.items()})


def _removed(project: Project, previous: BuildState, last_manifest: dict, keep: set[str]) -> list[str]:
    """The pages of the previous build, and the index files it made, that
    this build does not make (sitemap.xml); without a build state, the files
    the last manifest lists. Never a file no build made: one put in the
    output since (a sitemap.xml of the user's where the settings make none,
    a page in a language's folder) stays."""
    from .writers import INDEX_FILES
    output = project.output_dir
    earlier = {name for d in previous.documents.values() for page in d.pages for name in page.files}
    listed = set(previous_paths(last_manifest)) if not previous.documents else set()
    made = set(previous.index_files) if previous.version else listed
    return sorted({name for name in earlier | listed | (set(INDEX_FILES) & made)
                   if name not in keep and (output / name).is_file()})


def _plan(project: Project, slugs: list[str], languages: list[str], settings: PublishSettings,
          allow_incomplete: bool, shared: str, previous: BuildState,
          last_builds: dict, on_disk: set[str], digests: FileDigests) -> tuple[list, list[DocumentRecord], object]:
    """The documents to build (their jobs' arguments), those whose pages
    the output already holds (their state), and the fingerprint of what the
    index files are made from."""
    output = project.output_dir
    work, reused = [], []
    indexes_key = hashlib.sha256(f"{shared}{settings.today.isoformat()}".encode())
    folders = input_folders(project, languages)
    for slug in slugs:
        fingerprint = document_fingerprint(slug, shared, settings.expiry, folders, digests)
        indexes_key.update(f"{slug}\0{fingerprint}\n".encode())
        old = previous.documents.get(slug)
        if old and old.fingerprint == fingerprint and all(
                _is_file(output, name, on_disk) for page in old.pages for name in page.files):
            reused.append(old)
        else:
            # a document the last build's state does not have was withdrawn: none of its translations online
            # (a build state, even one of no documents, says what was online; a fresh clone has none)
            withdrawn = {language: LastBuild(False) for language in languages} if previous.version else {}
            work.append((project, slug, languages, settings, allow_incomplete, fingerprint,
                         last_builds.get(slug, withdrawn), shared, {p.language: p for p in old.pages} if old else {}))
    return work, reused, indexes_key


def _files_in(folder: Path) -> set[str]:
    """The names of the files in a folder and its subfolders (not through
    a symlinked subfolder), as output names: one listing per folder instead
    of one look-up per file the last build made."""
    found: set[str] = set()
    pending = [("", str(folder))]
    while pending:
        prefix, path = pending.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((f"{prefix}{entry.name}/", entry.path))
                    elif entry.is_file():
                        found.add(prefix + entry.name)
        except OSError:
            continue
    return found


def _is_file(output: Path, name: str, on_disk: set[str]) -> bool:
    """Whether an output name is a file (listed, or found through a symlink)."""
    return name in on_disk or (output / name).is_file()
