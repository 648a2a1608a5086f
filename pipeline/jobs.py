"""What every command shares at the edge of the pipeline: reading the
project's documents and catalogs, running a function over them in a process
pool, checking catalogs, and writing planned files under the project lock
only when no input changed meanwhile.

The stages (`source`, `catalog`, `checks`, `readability`, `render`) are pure;
this module, `workflow`, `publish`, `reports` and `commands/` read and write."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import polib

from . import catalog as cat
from .catalog import unit_msgids
from .catalog_io import atomic_write_files
from .errors import LocpipeError
from .glossary import read_glossary
from .model import Document
from .po import read_catalog
from .progress import Progress
from .project import Project, domains, source_bytes

if TYPE_CHECKING:
    from .checks import Finding, TranslationContext
    from .review import ReviewState


def creation_date():
    return cat.source_date(os.environ.get("SOURCE_DATE_EPOCH"))


def read_documents(project: Project) -> list[Document]:
    from .source import read_document  # markdown-it and YAML: only where sources are read
    fields = project.settings.translatable_fields
    return [read_document(path, project.relative(path), fields) for path in project.source_files()]


def read_document_by_slug(project: Project, slug: str) -> Document:
    from .source import read_document
    path = project.source_dir / f"{slug}.md"
    return read_document(path, project.relative(path), project.settings.translatable_fields)


@dataclass
class PlannedWrite:
    path: Path
    data: bytes


def write_all(project: Project, writes: list[PlannedWrite]) -> list[Path]:
    """Write planned files atomically, as one batch; returns those that changed."""
    return atomic_write_files([(write.path, write.data) for write in writes])


def input_fingerprint(project: Project) -> dict[str, bytes | None]:
    """A hash of every file a plan reads: sources, templates, catalogs,
    glossaries."""
    files: list[Path] = []
    if project.locale_dir.is_dir():
        files += [p for p in project.locale_dir.rglob("*") if p.suffix in (".po", ".pot", ".csv", ".tmx")]
    if project.source_dir.is_dir():
        files += list(project.source_dir.glob("*.md"))
    prints: dict[str, bytes | None] = {}
    for path in sorted(files):
        try:
            prints[str(path)] = hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            prints[str(path)] = None
    return prints


def planned_under_lock(project: Project, plan: Callable[[], object], write: Callable[[object], object]):
    """Plan (read and merge) without the lock, then write under the project
    lock only if no input changed meanwhile; otherwise plan again under the
    lock. So a translation another locpipe command saves between this
    command's read and its write is never overwritten by a merge of the older
    file, and bad input is refused before the lock (and its file) is taken,
    leaving the disk as it was. Returns (planned, written)."""
    before = input_fingerprint(project)
    planned = plan()
    with project.lock():
        if input_fingerprint(project) != before:
            planned = plan()
        return planned, write(planned)


WORKER_ENDED = ("a worker process ended before its job was done (killed, or out of memory); "
                "files already written are complete, others unchanged")
JOBS_PER_PROCESS = 50  # in a library's build, a pool's process is replaced after this many jobs (about 450 MB in 10 languages)


def map_jobs(function, items: list, jobs: int | None, progress: Progress | None = None,
             min_items: int = 4, each: Callable | None = None, prepare: Callable | None = None) -> list:
    """Run function over items in a process pool, results in order, or in
    this process when there are fewer than min_items to share. `each` is
    given every result as it comes, and what it returns is kept instead
    (what it takes out is not held until the last job ends). `prepare`
    loads what every job loads (modules), for a pool that forks before the
    first job ends."""
    jobs = jobs or os.cpu_count() or 1
    results = []
    each = each or (lambda result: result)

    def here(some: list) -> list:
        for item in some:
            results.append(each(function(item)))
            if progress:
                progress.advance()
        return results

    if jobs <= 1 or len(items) < min_items:
        return here(items)
    import multiprocessing  # only for a pool
    library = len(items) > jobs * JOBS_PER_PROCESS
    alongside = False
    if library:
        # thousands of jobs: a new pool for every JOBS_PER_PROCESS jobs a process, which hands back what the
        # last one's caches and allocator gathered (a process that built 1,000 leaflets in 10 languages held
        # 600 MB). Its processes are started afresh, so they do not start with this one's memory; each loads
        # its own word lists (about 3 s). (ProcessPoolExecutor's max_tasks_per_child, which would replace
        # them one by one, can hang in Python 3.11 when a process it replaces ends.)
        context, size = multiprocessing.get_context("spawn"), jobs * JOBS_PER_PROCESS
    else:
        context, size = None, max(1, len(items))
        forked = multiprocessing.get_start_method() == "fork"
        # a job for each process (two edited leaflets): all at once, once this process loaded their modules
        alongside = forked and prepare is not None and len(items) <= jobs
        if forked and not alongside:
            # the first job in this process: what it loads (modules, compiled word lists,
            # dictionaries) the pool's processes then share instead of each loading it again;
            # a single job left is not worth a pool
            here(items[:1])
            items = items[1:]
            if len(items) < 2:
                return here(items)
    from concurrent.futures.process import BrokenProcessPool
    try:
        if alongside:
            prepare()
            return _alongside(function, items, here, each, progress)
        for start in range(0, len(items), size):
            some = items[start:start + size]
            with _pool(jobs, context) as pool:
                # small chunks, so that no process is left with a long last chunk while the others wait
                for result in pool.map(function, some, chunksize=max(1, len(some) // (jobs * 32))):
                    results.append(each(result))
                    if progress:
                        progress.advance()
    except BrokenProcessPool:
        raise LocpipeError(WORKER_ENDED) from None
    return results


def _pool(workers: int, context=None):
    """A process pool whose processes use the command's data cache and end with it."""
    from concurrent.futures import ProcessPoolExecutor
    from .datacache import project_cache
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(), project_cache()))


def _alongside(function, items: list, here: Callable, each: Callable, progress: Progress | None) -> list:
    """The first item's job in this process while a forked process runs
    each of the others."""
    with _pool(len(items) - 1) as pool:
        futures = [pool.submit(function, item) for item in items[1:]]
        results = here(items[:1])
        for future in futures:
            results.append(each(future.result()))
            if progress:
                progress.advance()
    return results


class Background:
    """A function run in a forked process while this one goes on (a build
    checks and links the pages it keeps while it renders its indexes). Its
    result is None where it did not run: no fork, or one process asked for,
    or the process failed or ended. So callers do without it then."""

    def __init__(self, function: Callable, jobs: int | None):
        self._process = None
        import multiprocessing
        if (jobs or os.cpu_count() or 1) <= 1 or multiprocessing.get_start_method() != "fork":
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_result, args=(function, send, os.getpid()), daemon=True)
        self._process.start()
        send.close()

    def result(self):
        if self._process is None:
            return None
        try:
            result = self._receive.recv()
        except Exception:  # the process ended without a whole result
            result = None
        self._process.join()
        self.close()
        return result

    def close(self) -> None:
        """End the process, if it still runs, and wait for it."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None


@contextlib.contextmanager
def removed_meanwhile(path: Path | None, jobs: int | None, also: Path):
    """Remove `path` (a staged folder, a previous output) in a forked
    process while the block runs; it is gone when the block ends, and so is
    `also` (what the block stages and moves away, were it interrupted)."""
    from . import fsio
    other = None
    try:
        other = Background(lambda: fsio.remove(path), jobs) if path is not None else None
        yield
    finally:
        if other is not None:
            other.result()
        if path is not None:
            fsio.remove(path)  # what the other process left, or all of it where none ran
        fsio.remove(also)


class SharedCursor:
    """The chunks of a list, shared by this process and one forked after the
    cursor was made: one takes them from the front (`front`), the other from
    the back (`back`), each writing only its own end in shared memory, so a
    process that dies holds no lock. A chunk is never left out: an end read
    late makes a process think more is left, so at most the last chunk is
    taken by both, and what is done twice must be harmless."""

    def __init__(self, size: int, chunk: int):
        import multiprocessing
        self.chunk = chunk
        self._ends = multiprocessing.RawArray("q", [0, -(-size // chunk)])  # next from the front, past the back

    def front(self) -> int | None:
        """The start of the next chunk from the front; None when none is left."""
        taken = self._ends[0]
        if taken >= self._ends[1]:
            return None
        self._ends[0] = taken + 1
        return taken * self.chunk

    def back(self) -> int | None:
        """The start of the next chunk from the back; None when none is left."""
        past = self._ends[1]
        if past <= self._ends[0]:
            return None
        self._ends[1] = past - 1
        return (past - 1) * self.chunk


def _send_result(function: Callable, send, command: int) -> None:
    _end_with(command)
    try:
        result = function()
    except Exception:  # the command does the work itself
        result = None
    send.send(result)
    send.close()


def _start_worker(command: int, cache: Path | None) -> None:
    """A pool's process: it uses the command's data cache (a process
    started afresh does not inherit the command's settings), and it ends
    when the command does."""
    from . import datacache
    datacache.use_project_cache(cache)
    _end_with(command)


def _end_with(command: int) -> None:
    """Make a pool's process end when the command's does, even when the
    command is killed with SIGKILL, which runs no clean-up: Linux's
    PR_SET_PDEATHSIG (elsewhere the pool ends its processes when the command
    exits), and at once if the command has already gone."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != command:
        os._exit(1)


# -- catalogs --------------------------------------------------------------------

def catalogs(project: Project, languages: list[str] | None = None):
    """(domain, language, path, catalog) for every existing catalog."""
    for language in languages or project.languages():
        for domain in domains(project):
            path = project.catalog_path(domain, language)
            if path.exists():
                yield domain, language, path, read_catalog(path, project.relative(path))


# -- checking --------------------------------------------------------------------

def project_context(project: Project, language: str) -> "TranslationContext":
    """A language's context in a project: its glossary, and the localized
    link targets the settings allow."""
    from .checks import TranslationContext  # the checks' word lists: only for commands that check
    allowed = tuple(project.settings.section("publish").get("allowed_link_targets", ()))
    return TranslationContext(language=language, glossary=read_glossary(project, language), allowed_targets=allowed)


def check_catalog(project: Project, domain: str, language: str, po: polib.POFile,
                  path: Path | str) -> list[Finding]:
    """Findings for one catalog of a project (the glossary of its language,
    the localized link targets its settings allow)."""
    from .checks import check_entries, review_findings
    context = project_context(project, language)
    shown = project.relative(Path(path)) if isinstance(path, Path) else str(path)
    return review_findings(catalog_review(project, domain, po).void, shown, language, domain) + check_entries(
        po, language, shown, domain, context.glossary, context.allowed_targets)


def catalog_review(project: Project, domain: str, po: polib.POFile) -> "ReviewState":
    """A catalog's review state: whether its sign-off still holds for the
    English source and the translations (`review.review_state`)."""
    from .review import review_state
    return review_state(po, source_bytes(project, domain))


def _check_jobs(items: list) -> list[list[Finding]]:
    return [_check_job(item) for item in items]


def _check_job(args) -> list[Finding]:
    from .checks import missing_entries, plural_units
    project, domain, language, expected = args
    path = project.catalog_path(domain, language)
    po = read_catalog(path, project.relative(path))
    findings = check_catalog(project, domain, language, po, path)
    if expected is not None:
        findings[:0] = missing_entries(po, expected, language, project.relative(path), domain)
        findings += plural_units(po, expected, language, project.relative(path), domain)
    return findings


def check_project(project: Project, languages: list[str] | None = None,
                  jobs: int | None = None) -> list[Finding]:
    """Findings for every catalog of a project, checked in parallel."""
    templates: dict[str, tuple[str, ...] | None] = {}
    for domain in domains(project):
        path = project.template_path(domain)
        templates[domain] = (tuple(unit_msgids(read_catalog(path, project.relative(path))))
                             if path.exists() else None)
    by_language = [[(project, domain, language, templates[domain]) for domain in domains(project)
                    if project.catalog_path(domain, language).exists()]
                   for language in languages or project.languages()]
    shares = _shares([items for items in by_language if items], jobs or os.cpu_count() or 1)
    return [finding for share in map_jobs(_check_jobs, shares, jobs, min_items=2)
            for found in share for finding in found]


def _shares(by_language: list[list], jobs: int) -> list[list]:
    """The catalogs in as few runs of one language as keep every process
    busy: each process that checks a language compiles its word lists
    (most of the cost of checking a few catalogs), so a language is split
    only when there are fewer languages than processes. In order."""
    pieces = max(1, -(-jobs // max(1, len(by_language))))
    return [items[start:start + size] for items in by_language
            for size in [-(-len(items) // pieces)] for start in range(0, len(items), size)]
