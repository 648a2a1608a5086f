"""A build with nothing to do, told from one walk of the project's inputs.

As make and ninja do, the last build leaves a stamp (in the data cache):
the size, times and inode of every file under source/, locale/ and
published/ and of the settings files, the names in the output folder, and
what the build printed of its pages. When the walk finds them all as the
stamp has them, `locpipe build` says what the last build said without
reading a catalog or the build state: for 2,000 leaflets in 10 languages,
the 40,000 files' times instead of their records and digests.

Anything the walk cannot vouch for sends the build the long way, which
checks it: a symlink, a file that is neither a file nor a folder, a name
that is not UTF-8, what a killed command left staged. A file dated at or
after its file system's clock, taken before the build read it or, for the
published/ records the build wrote, before the walk after the build looked
at it (`fsio.FileClocks`), keeps the digest of the bytes the build read or
wrote, and is read and compared, since a second change within that clock's
tick would leave its times as they were. The records the build wrote are
read once more after that walk: one changed since it wrote it leaves no
stamp.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from dataclasses import dataclass

from .. import datacache, fsio
from ..project import PUBLISHED, SETTINGS_FILES, Project
from .state import BuildResult, PageRecord, read_optional, sha256_hex


@dataclass(frozen=True)
class InputWalk:
    """What the walk found: a digest of every entry's name, kind, size,
    times and inode, and the entries themselves, to tell the recent ones."""

    digest: str
    entries: dict[str, tuple]
    clocks: fsio.FileClocks | None  # each file system's clock before the walk looked at it, if asked for


@dataclass(frozen=True)
class Stamp:
    key: str  # settings, code, languages and date of the build (build._stamp_key)
    inputs: str  # InputWalk.digest
    recent: dict[str, str]  # path -> sha256 of the bytes the build read or wrote, of files too recent to trust
    output: str  # output_listing()
    pages: list[tuple]  # each page's fields (PAGE_FIELDS), without its files and report: what the command line says
    documents: int


# A page of the stamp as a tuple of its record's fields: a library's 22,000 records as objects took
# 0.18 s to unpickle, as tuples made into records 0.08 s, of a build with nothing to do
PAGE_FIELDS = tuple(field.name for field in dataclasses.fields(PageRecord))


def stamp_path(project: Project):
    folder = datacache.cache_dir()
    if folder is None:
        return None
    return folder / f"build-stamp-{hashlib.sha256(os.path.abspath(project.root).encode()).hexdigest()[:16]}.pickle"


def walk_inputs(project: Project, clocks: bool = False) -> InputWalk | None:
    """The settings files and every entry of source/, locale/ and
    published/ (with each file system's clock before it, if asked for);
    None where something needs the long way's checks."""
    entries: dict[str, tuple] = {}
    root = str(project.root)
    measured = fsio.FileClocks() if clocks else None
    try:
        if measured is not None:
            measured.of(root, os.stat(root).st_dev)  # the settings files'
        if _staged_beside(project):
            return None
        for name in (*dict(SETTINGS_FILES), datacache.PROJECT_FOLDER, project.settings.output_dir):
            entry = _lstat(os.path.join(root, name))
            if entry is False:
                return None
            if name in dict(SETTINGS_FILES):
                entries[os.path.join(root, name)] = entry
        for folder in (str(project.source_dir), str(project.locale_dir), str(project.root / PUBLISHED)):
            top = _lstat(folder)
            if top is False or (top is not None and (top[0] != "d" or not _walk(folder, top[1], entries, measured))):
                return None
            if top is not None and os.path.realpath(folder) != folder:  # a symlink on its way ("docs/src")
                return None
            entries[folder] = top
    except OSError:
        return None
    listing = "\0".join(f"{path}\0{entry}" for path, entry in entries.items())  # no name holds a NUL
    return InputWalk(hashlib.sha256(listing.encode("utf-8")).hexdigest(), entries, measured)


def _staged_beside(project: Project) -> bool:
    """Whether a killed command left a staged file where the long way
    looks for one outside the walked folders: the project's folder, the
    output's and the data cache's."""
    folders = [project.root, project.output_dir.parent]
    cache = datacache.cache_dir()
    if cache is not None:
        folders += [cache, cache / "jinja"]
    for folder in folders:
        try:
            if any(name[:1] == "." and fsio.is_staged(name) and not fsio.is_clock(name)
                   for name in os.listdir(folder)):
                return True
        except FileNotFoundError:
            continue
    return False


def _lstat(path: str):
    """("f", size, mtime, ctime, inode, device) of a file, ("d", device) of
    a folder, None where there is none, False for anything else (a symlink)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    return _entry(found)


def _entry(found: os.stat_result):
    if stat.S_ISREG(found.st_mode):
        return ("f", found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)
    if stat.S_ISDIR(found.st_mode):
        return ("d", found.st_dev)  # a folder's times change with its entries, which the walk lists
    return False


def _walk(folder: str, device: int, entries: dict[str, tuple], clocks: fsio.FileClocks | None) -> bool:
    """Add every entry under `folder` (on `device`); False at the first one
    the walk cannot vouch for. With `clocks`, the clock of each file system
    is taken before its first folder is listed."""
    pending = [(folder, device)]
    while pending:
        path, device = pending.pop()
        if clocks is not None:
            clocks.of(path, device)
        with os.scandir(path) as found:
            for item in sorted(found, key=lambda item: item.name):
                if fsio.is_clock(item.name):  # another command's, there for a moment
                    continue
                if item.is_symlink() or (item.name[:1] == "." and fsio.is_staged(item.name)):
                    return False
                entry = _entry(item.stat(follow_symlinks=False))
                if entry is False or not _utf8(item.path):
                    return False
                entries[item.path] = entry
                if entry[0] == "d":
                    pending.append((item.path, entry[1]))
    return True


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def output_listing(output: str) -> str | None:
    """A digest of the names in the output folder and its subfolders, with
    their inodes (which the folder listing gives without a stat): a build
    that publishes exchanges the whole folder, so a build the stamp did not
    see (with the data cache off) leaves other inodes. None where the
    output holds a symlink, what a killed command staged, or a FIFO."""
    names = []
    pending = [("", output)]
    try:
        names.append(f"\0{os.stat(output).st_ino}")
        while pending:
            prefix, path = pending.pop()
            with os.scandir(path) as found:
                for item in found:
                    if item.is_symlink() or (item.name[:1] == "." and fsio.is_staged(item.name)):
                        return None
                    if item.is_dir():
                        names.append(f"{prefix}{item.name}/\0{item.inode()}")
                        pending.append((f"{prefix}{item.name}/", item.path))
                    elif item.is_file():
                        names.append(f"{prefix}{item.name}\0{item.inode()}")
                    else:  # a FIFO, a socket, a device where a page was
                        return None
    except OSError:
        return None
    names.sort()
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


def unchanged_build(project: Project, key: str) -> BuildResult | None:
    """What the last build gave, if nothing it read or wrote changed since;
    None otherwise (the build then goes the long way)."""
    path = stamp_path(project)
    found = None if path is None else datacache.load_pickle(path)
    if not isinstance(found, Stamp) or found.key != key:
        return None
    walk = walk_inputs(project)
    if walk is not None:
        _earlier_walks[str(project.root)] = walk
    if walk is None or walk.digest != found.inputs:
        return None
    clocks = fsio.FileClocks()
    for name in found.recent:  # their file systems' clocks, before they are read again
        if (entry := walk.entries.get(name)) and entry[0] == "f":
            clocks.of(os.path.dirname(name), entry[5])
    if any(sha256_hex(read_optional(name)) != sha256 for name, sha256 in found.recent.items()):
        return None
    if output_listing(str(project.output_dir)) != found.output:
        return None
    recent = _recent(walk, found.recent, clocks)
    if recent != found.recent:  # read this time; not again once their times can be trusted
        datacache.store_file(path, datacache.dump_pickle(dataclasses.replace(found, recent=recent)))
    return BuildResult([PageRecord(*fields) for fields in found.pages], [], found.documents, [])


_earlier_walks: dict[str, InputWalk] = {}  # project root -> the walk unchanged_build made, for the build after


def earlier_walk(project: Project) -> InputWalk | None:
    """The walk `unchanged_build` made of the project, once, to a build that
    goes the long way after it: made before the build read anything, as
    the walk the stamp needs (`record_build`'s `before`) must be, and the
    walk of a library's 40,000 files is not made twice. An older one only
    leaves no stamp, where a file changed since."""
    return _earlier_walks.pop(str(project.root), None)


def _recent(walk: InputWalk, known: dict[str, str], clocks: fsio.FileClocks) -> dict[str, str]:
    """Path -> the digest in `known` of each of them dated at or after its
    file system's clock in `clocks` (taken before they were read or looked
    at): a second change in the same tick of that clock would have left
    their times as they are. Files the build did not read (a language it
    did not build, the templates) are vouched for by their times alone, as
    are the settings files, whose content is in the build's key."""
    return {path: sha256 for path, sha256 in known.items()
            if (entry := walk.entries.get(path)) and entry[0] == "f" and clocks.racy(entry[5], entry[2], entry[3])}


def record_build(project: Project, key: str, before: InputWalk | None, result: BuildResult,
                 racy: dict[str, str], written: dict[str, str]) -> None:
    """Leave the stamp of a build that ended: `before`, the walk made before
    it read anything; `racy`, path -> sha256 of the inputs it read too soon
    after their last change to vouch for them by their times
    (FileDigests.racy); `written`, those of the published/ records it wrote.
    No stamp where an input changed while it ran, or a record since it was
    written."""
    path = stamp_path(project)
    if path is None:
        return
    after = walk_inputs(project, clocks=True)
    stamp = None
    if before is not None and after is not None and _only_written(project, before, after, written) and all(
            sha256_hex(read_optional(name)) == sha256 for name, sha256 in written.items()):
        recent = {name: sha256 for name, sha256 in racy.items()
                  if name not in written and after.entries.get(name, ("d",))[0] == "f"}
        recent.update(_recent(after, written, after.clocks))  # records written within the tick of the walk
        listing = output_listing(str(project.output_dir))
        if listing is not None:
            # the build's pages come from state.page_records, without their files and reports
            pages = [tuple(getattr(page, name) for name in PAGE_FIELDS) for page in result.pages]
            stamp = Stamp(key, after.digest, recent, listing, pages, len({page.document for page in result.pages}))
    if stamp is not None:
        datacache.store_file(path, datacache.dump_pickle(stamp))
    else:
        fsio.remove(path)


def _only_written(project: Project, before: InputWalk, after: InputWalk, written: dict[str, str]) -> bool:
    """Whether the inputs are as they were before the build, but for the
    published/ records it wrote."""
    records = str(project.root / PUBLISHED)
    for path in before.entries.keys() | after.entries.keys():
        if before.entries.get(path) != after.entries.get(path):
            # the folders it made (published/ itself, on a first build) and the records it wrote
            ours = path == records or path.startswith(records + os.sep)
            if not (ours and (path in written or after.entries.get(path, ("f",))[0] == "d")):
                return False
    return True
