"""What a build writes: its changed files into the staged folder, the
indexes, the sitemap and the manifest, the files it keeps (hard links), and
once the pages are online, what each translation was published from."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from .. import fsio
from ..errors import LocpipeError
from ..locales import bcp47, native_name
from ..project import Project
from . import published as store
from . import site
from .manifest import DocumentEntries, build_id, build_time, document_entries, manifest, manifest_bytes
from .settings import PublishSettings
from .state import (STATE_FILE, DocumentRecord, DocumentResult, PageRecord, StagedFile, read_manifest,
                    read_optional, read_state, report_summary, sha256_hex, state_bytes)


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

def with_report_summaries(project: Project, documents: list[DocumentRecord]) -> list[DocumentRecord]:
    """The documents, each page kept from a build that did not record its
    report's summary given the summary of the report the output holds (a
    job's pages have theirs)."""
    return [dataclasses.replace(d, pages=[_with_report_summary(project, d.slug, p) for p in d.pages])
            if any(_lacks_summary(d.slug, p) for p in d.pages) else d for d in documents]


def _lacks_summary(slug: str, page: PageRecord) -> bool:
    return (page.report is None or "publication" not in page.report) and \
        f"reports/{page.language}/{slug}.json" in page.files


def _with_report_summary(project: Project, slug: str, page: PageRecord) -> PageRecord:
    if not _lacks_summary(slug, page):
        return page
    try:
        report = fsio.read_regular(project.output_path("reports", page.language, f"{slug}.json"))
    except OSError:  # gone or no file: check_kept says so, naming it
        return page
    return dataclasses.replace(page, report=report_summary(report))


def stage_indexes(project: Project, settings: PublishSettings, ordered: list[DocumentRecord],
                  folder: Path, jobs: int | None = None) -> tuple[list[str], dict[str, StagedFile]]:
    """Stage the index pages, the sitemap (with a base_url) and the manifest;
    returns the names written and the bytes of every index file. The
    documents' part of the manifest is made by a forked process (`jobs`
    allowing) while this one renders the indexes."""
    from ..jobs import Background
    from ..render.html import render_bytes, reports_index  # Jinja2: not for a build that changes nothing
    from ..ui import ui_gettext

    def documents() -> DocumentEntries:
        return document_entries(ordered, read_optional(project.output_path("manifest.json")))

    other = Background(documents, jobs)
    try:
        pending: dict[str, bytes] = {}
        if settings.output.base_url:
            pending["sitemap.xml"] = site.sitemap(settings.output.base_url, site.site_documents(ordered))
        pending["index.html"] = render_bytes("index.html", ui_gettext({}), documents=site.index_documents(ordered),
                                             language_name=native_name, bcp47=bcp47, publisher=settings.publisher)
        # a document's summaries at a time, as the index is rendered
        pending["reports/index.html"] = reports_index(p.report for d in ordered for p in d.pages if p.report)
        indexes = {name: (sha256_hex(data), len(data)) for name, data in pending.items()}
        pending["manifest.json"] = manifest(other.result() or documents(), indexes,
                                            build_time(os.environ.get("SOURCE_DATE_EPOCH")))
    finally:
        other.close()
    return stage_files(project, pending, folder), {name: StagedFile(sha256_hex(data), len(data))
                                                   for name, data in pending.items()}

INDEX_FILES = ("index.html", "sitemap.xml", "reports/index.html")


def complete_staged(project: Project, folder: Path, written: list[str], removed: list[str],
                    linked: Iterable[str] = ()) -> None:
    """Complete the staged folder with every file of the output that this
    build neither wrote nor removed (hard links: no copy), and put the new
    files and folders on disk, so that the exchange that publishes them
    never publishes a page a power cut could empty. The names `linked` are
    in it already (KeptLinks), and are not looked at again."""
    output = project.output_dir
    try:
        fsio.link_tree(output, folder, {*removed, STATE_FILE, *linked})
        for emptied in sorted({folder.joinpath(*name.split("/")[:-1]) for name in removed if "/" in name},
                              key=lambda path: -len(path.parts)):
            with contextlib.suppress(OSError):  # a folder of removed pages only goes with them
                emptied.rmdir()
        if output.is_dir():
            shutil.copymode(output, folder)  # last: the output read-only, its staged copy is filled first
        staged = str(folder)  # strings: 130,000 paths as objects take 56 MB, as strings 19
        fsio.fsync_all([os.path.join(staged, name) for name in [*written, STATE_FILE]])
        fsio.fsync_all(sorted({os.path.join(staged, name.rsplit("/", depth)[0])
                               for name in written for depth in range(1, name.count("/") + 1)}))
    except OSError as exc:
        staged = str(exc.filename or "")  # the output's name for a staged path, which is gone by then
        shown = os.path.join(output, staged[len(str(folder)) + 1:]) if staged.startswith(str(folder) + os.sep) \
            else staged
        raise LocpipeError(f"cannot write the output: {exc.strerror or exc}; the previous output is "
                           "unchanged", project.relative(Path(shown)) if shown else project.relative(output)) from None

def publish_into_output(project: Project, files: dict[str, bytes]) -> None:
    """Put files into the output as one change, by the exchange a build
    publishes by (a reader sees all of the old files or all of the new),
    with the manifest and the build state made to list their bytes: how
    `locpipe readability` writes its reports into a built site."""
    output = project.output_dir
    target = output.resolve() if output.is_symlink() else output
    digests = {name: StagedFile(sha256_hex(data), len(data)) for name, data in files.items()}
    staged = dict(files)
    previous = read_manifest(output / "manifest.json")
    if previous.get("files"):
        listed = [{**entry, "sha256": digests[entry["path"]].sha256, "size": digests[entry["path"]].size}
                  if entry.get("path") in digests else entry for entry in previous["files"]]
        staged["manifest.json"] = manifest_bytes({**previous, "files": listed,
                                                  "build": {**previous.get("build", {}), "id": build_id(listed)}})
    state = read_state(output / STATE_FILE)
    if state.documents:
        documents = {slug: dataclasses.replace(d, pages=[dataclasses.replace(p, files={
            name: digests.get(name, file) for name, file in p.files.items()}) for p in d.pages])
            for slug, d in state.documents.items()}
        staged[STATE_FILE] = state_bytes(dataclasses.replace(state, documents=documents))
    folder: Path | None = fsio.staged_folder(target)
    try:
        for name, data in staged.items():
            path = folder.joinpath(*name.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            fsio.write_new(path, data)
        fsio.link_tree(output, folder, set(staged))
        fsio.fsync_all([folder.joinpath(*name.split("/")) for name in staged])
        folder = fsio.exchange(folder, target)  # now the previous output, if any
    finally:
        if folder is not None:
            fsio.remove(folder)


def kept_pages(documents: list[DocumentRecord]) -> list[tuple[str, StagedFile]]:
    """Each file of the documents' pages, with the bytes recorded for it."""
    return [(name, staged) for document in documents for page in document.pages
            for name, staged in page.files.items()]


KEPT_CHUNK = 64  # kept pages a process takes at a time


class KeptLinks:
    """The pages a build keeps, checked and linked into its staged folder
    (`link_checked`) by a forked process and, once it is done with the
    indexes, by this one, sharing them in chunks (`jobs.SharedCursor`).
    The forked process starts before the jobs, as their modules load: a
    processor is free then, and where a job or two leave one free."""

    def __init__(self, output: Path, folder: Path, reused: list[DocumentRecord], jobs: int | None):
        from ..jobs import Background, SharedCursor
        self._arguments = (output, folder, kept_pages(reused))
        self._cursor = SharedCursor(len(self._arguments[2]), KEPT_CHUNK)
        self._other = Background(self._link_behind, jobs) if self._arguments[2] else None

    def _link_behind(self) -> dict[str, tuple]:
        """The forked process's share, at the lowest priority: it takes a
        processor only where the jobs and this process leave one free, which
        would otherwise wait on it (this process links what it leaves)."""
        with contextlib.suppress(OSError):
            os.nice(19)
        return link_checked(*self._arguments, self._cursor.front)

    def finish(self) -> dict[str, tuple]:
        """What `link_checked` gives for the pages both processes linked:
        what the other process did not finish (it failed or ended) is left
        to complete_staged and check_kept."""
        mine = link_checked(*self._arguments, self._cursor.back)
        return {**((self._other.result() if self._other else None) or {}), **mine}

    def close(self) -> None:
        if self._other:
            self._other.close()


def link_checked(output: Path, folder: Path, pages: list[tuple[str, StagedFile]], claim) -> dict[str, tuple]:
    """Link into the staged folder each kept page, of the chunks `claim`
    gives, whose bytes are those its build recorded; returns each one's
    inode, size and times once read (`_linked_as_read`), for check_kept to
    find it as it was read. What this leaves, complete_staged links and
    check_kept reads."""
    linked = {}
    folders: dict[str, bool] = {}
    while (start := claim()) is not None:
        for name, staged in pages[start:start + KEPT_CHUNK]:
            parent = name.rpartition("/")[0]
            if parent not in folders:
                folders[parent] = _same_folder(output, folder, parent)
            if folders[parent]:
                found = _linked_as_read(os.path.join(output, name), os.path.join(folder, name), staged)
                if found is not None:
                    linked[name] = found
    return linked


def _same_folder(output: Path, folder: Path, parent: str) -> bool:
    """Whether `parent` is a plain folder of the output (a symlinked one is
    left to link_tree, which keeps it a symlink), made in the staged folder."""
    path = ""
    try:
        for part in parent.split("/") if parent else []:
            path = f"{path}/{part}" if path else part
            if not stat.S_ISDIR(os.lstat(os.path.join(output, path)).st_mode):
                return False
            with contextlib.suppress(FileExistsError):
                os.mkdir(os.path.join(folder, path))
    except OSError:
        return False
    return True


def _linked_as_read(source: str, target: str, staged: StagedFile) -> tuple | None:
    """Link a page, then read it through the file linked, held open: its
    (inode, size, modification and change times) when it holds the bytes
    recorded and its change time stayed that of the link while it was read
    (so no write came between); None otherwise."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))  # a FIFO put there does not block
    except OSError:
        return None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or opened.st_size != staged.size:
            return None
        os.link(source, target, follow_symlinks=False)
        linked = os.lstat(target)
        if (linked.st_dev, linked.st_ino) != (opened.st_dev, opened.st_ino):
            return None  # another file took the name before the link: check_kept reads what was linked
        data = fsio.read_to_end(fd)
        read = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) != staged.size or sha256_hex(data) != staged.sha256 or \
            (read.st_ctime_ns, read.st_mtime_ns, read.st_size) != (linked.st_ctime_ns, opened.st_mtime_ns, staged.size):
        return None
    return _identity(read)


def _identity(info: os.stat_result) -> tuple:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def check_kept(project: Project, folder: Path, expected: list[tuple[str, StagedFile]], written: list[str],
               checked: dict[str, tuple]) -> None:
    """Refuse to publish a page, or an index file, that the output held and
    the build keeps but that has changed since the build that made it or
    while this one ran (by hand, by a deploy hook, on a failing disk), or is
    gone: the new manifest would list bytes it does not carry. A page in
    `checked` was read as it was linked; it is read again only if its inode,
    size or times moved since (`_linked_as_read`)."""
    fresh = set(written)
    for name, staged in expected:
        if name in fresh:
            continue
        path = os.path.join(folder, name)
        with contextlib.suppress(OSError):  # a page gone is told by the reading
            if name in checked and _identity(os.lstat(path)) == checked[name]:
                continue
        problem = _unlike_recorded(path, staged.size, staged.sha256)
        if problem:
            raise LocpipeError(problem, project.relative(project.output_dir.joinpath(*name.split("/"))))


def _unlike_recorded(path: str | Path, size, sha256) -> str | None:
    """What is wrong with a file of the output that a build recorded with
    this size and SHA-256; None when it holds those bytes. A symlink, even
    to a page of the output, is not the page."""
    try:
        data = fsio.read_regular(path, follow=False)
    except PermissionError:
        return ("cannot be read (permission denied), so the build cannot tell it holds the bytes the manifest "
                "lists: give it back read permission, or delete it (a build makes it again), then build")
    except OSError:
        return ("gone, or no longer a file (a symlink, a folder, a FIFO), since the build that made it, whose "
                "manifest lists it: delete it (a build makes it again), then build")
    if len(data) != size or sha256_hex(data) != sha256:
        return ("changed since the build that made it, whose manifest lists other bytes: delete it (a build "
                "makes it again) or restore it, then build")
    return None


def verify_output(project: Project) -> list[tuple[Path, str]]:
    """Every file the output's manifest lists, read and compared with the
    size and SHA-256 it lists: (path, what is wrong) for each that differs.
    A build reads the pages it keeps; one with nothing to do reads none, so
    a page edited by hand since is found here (`build --verify`)."""
    listed = read_manifest(project.output_path("manifest.json")).get("files")
    if not isinstance(listed, list):
        return [(project.output_path("manifest.json"), "no manifest listing the output's files: build first")]
    problems = []
    for entry in listed:
        name = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name or name.startswith("/") or ".." in name.split("/"):
            problems.append((project.output_path("manifest.json"), f"lists {name!r}, no path inside the output"))
            continue
        path = project.output_dir.joinpath(*name.split("/"))
        problem = _unlike_recorded(path, entry.get("size"), entry.get("sha256"))
        if problem:
            problems.append((path, problem))
    return problems


def _reused_records(project: Project, reused: list[DocumentRecord], today: dt.date,
                    digests) -> list[tuple[Path, bytes]]:
    """The published/ record of each translation published from the current
    source and catalog by an earlier build whose pages this build reuses,
    where the record is missing or of another version (a build interrupted
    before writing it, a published/ deleted or checked out from an older
    commit), so that published/ always holds what is online."""
    records = []
    for d in reused:
        source = None
        for p in d.pages:
            if p.status != "published" or p.language == "en":
                continue
            path = store.store_path(project.root, p.language, d.slug)
            if p.record_sha256 and digests.sha256(str(path)) == p.record_sha256:
                # the very record the build that published these pages made: the document is reused, so its
                # source and catalog are those it was made from, and it would be made again byte for byte
                continue
            if source is None:
                source = read_optional(project.source_dir / f"{d.slug}.md")
            if sha256_hex(source) != d.source_sha256:
                break
            catalog = read_optional(project.catalog_path(d.slug, p.language))
            if not catalog or store.catalog_sha256(catalog) != p.catalog_sha256:
                continue
            try:
                previous = store.read_version(path)
            except store.RecordError:  # after the pages went online: replaced by the record of what is online
                previous = None
            data = store.newly_published(previous, source, catalog, d.updated, today).as_bytes()
            if read_optional(path) != data:
                records.append((path, data))
    return records


def stage_records(records: dict[str, bytes], slug: str, folder: Path) -> dict[str, str]:
    """Write a document's published/ records (language -> bytes) into the
    build's staged folder of records; returns language -> their sha256."""
    for language, data in sorted(records.items()):
        fsio.write_new(fsio.make_parents(folder, f"{language}/{slug}.json"), data)
    return {language: sha256_hex(data) for language, data in records.items()}


def store_published(project: Project, results: list[DocumentResult], reused: list[DocumentRecord],
                    today: dt.date, digests, staged: Path | None = None) -> None:
    """Record what each translation was published from (published/), once
    its pages are online: the records the jobs staged in `staged` (renamed
    into place, each that differs from the one there), and those of
    documents reused; a build killed before this leaves the previous
    record, which the next build brings up to date (see _reused_records)."""
    moved = []
    for result in results:
        for language, digest in sorted(result.published.items()):
            path = store.store_path(project.root, language, result.slug)
            if digests.sha256(str(path)) != digest:
                moved.append((staged / language / f"{result.slug}.json", path))
    try:
        fsio.move_files(moved)
        fsio.write_files(_reused_records(project, reused, today, digests))
    except OSError as exc:
        raise LocpipeError(f"cannot write what was published: {exc.strerror or exc}",
                           exc.filename or store.FOLDER) from None
