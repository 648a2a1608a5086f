"""Atomic writes, and the clean-up of what a killed command left staged.

A file is written under a staged name beside its target,
`.<name>.locpipe-staged-<pid>-<random>`, then renamed over the target, so a
reader sees the old file or the new one, never part of one. A build is
staged as a whole folder beside the output folder and exchanged with it in
one rename (`exchange`). A command killed before its renames (SIGKILL, a
power cut) leaves staged names behind; every command starts by removing
those of processes that no longer run (`remove_abandoned`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Iterable

from . import inuse

STAGED, READY = inuse.STAGED, inuse.READY
staged_name, is_staged = inuse.staged_name, inuse.is_staged


# -- the file system's clock --------------------------------------------------

RECENT_NS = 2_000_000_000  # without the file system's clock: files changed this recently are read again


CLOCK = "locpipe-clock"  # staged as .locpipe-clock.locpipe-staged-<pid>...: an empty file, there for a moment


def is_clock(name: str) -> bool:
    return name.startswith(f".{CLOCK}{STAGED}")


def file_clock(folder: str, device: int | None = None) -> int | None:
    """The time the file system of `folder` gives a file changed now, in
    nanoseconds: that of a file made there, then removed. A file of that
    file system dated earlier cannot change again without its times
    changing, so what was read of it after this call holds while its times
    do; one dated this time or later is racy, as git's index calls it. The
    system's clock is no measure of it: a file system dates files by a
    coarser clock, behind the system's, or to the second. Where no file can
    be made (read-only), the system's clock less RECENT_NS; None where the
    file made is not on `device` (a file mounted on its own from another
    file system, whose clock cannot be read from its folder)."""
    path = os.path.join(folder, staged_name(CLOCK))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return time.time_ns() - RECENT_NS
    try:
        found = os.fstat(fd)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
    if device is not None and found.st_dev != device:
        return None
    return min(found.st_mtime_ns, found.st_ctime_ns)


class FileClocks:
    """`file_clock` of each file system met (by device), taken the first
    time one is met, before anything on it is read or looked at: a folder
    mounted from another file system (one that dates files to the second)
    is dated by its own clock."""

    def __init__(self):
        self._clocks: dict[int, int | None] = {}

    def of(self, folder: str, device: int) -> int | None:
        """The clock of `device`, taken now in `folder` if not yet; None
        where `folder` is on another device (every file of it is racy)."""
        if device not in self._clocks:
            self._clocks[device] = file_clock(folder, device)
        return self._clocks[device]

    def racy(self, device: int, mtime_ns: int, ctime_ns: int) -> bool:
        """Whether a file of these times on `device` may change again
        without its times changing (on a device not met, or whose clock
        could not be taken: yes)."""
        clock = self._clocks.get(device)
        return clock is None or max(mtime_ns, ctime_ns) >= clock


# -- files -------------------------------------------------------------------

def _stage(path: Path, data: bytes, mode: int) -> Path:
    staged = path.with_name(staged_name(path.name))
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(staged, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise
    return staged


def fsync_path(path: Path | str) -> None:
    """Flush a file, or a folder's entries (its renames), to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        if not os.path.isdir(path):  # some systems cannot sync a folder: nothing more to do there
            raise
    finally:
        os.close(fd)


FSYNC_BATCH = 4096  # files handed to the threads at a time: a future each (130,000 futures held 200 MB)


def fsync_all(paths: list[Path | str]) -> None:
    """Flush many files at once: concurrent fsyncs share the file system's
    journal commits (a tenth of the time of one after another for a
    thousand catalogs)."""
    if len(paths) == 1:
        fsync_path(paths[0])
    elif paths:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=min(32, len(paths))) as pool:
            for start in range(0, len(paths), FSYNC_BATCH):
                list(pool.map(fsync_path, paths[start:start + FSYNC_BATCH]))


def write_files(files: list[tuple[Path, bytes]], durable: bool = True) -> list[Path]:
    """Write many files atomically, as one batch; returns those that changed
    (a file that already holds its bytes is left alone, with its time).
    Every changed file is staged beside its target and, when `durable`, all
    are synced together; then each is renamed over its target and the
    folders are synced. A failure before the renames (a full disk) removes
    the staged files and leaves every target as it was. Raises OSError,
    with the target's name."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            try:
                stat = path.stat()
                if stat.st_size == len(data) and path.read_bytes() == data:
                    continue
                mode = stat.st_mode & 0o777
            except FileNotFoundError:
                mode = 0o644
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                staged.append((_stage(path, data, mode), path))
            except OSError as exc:
                exc.filename = str(path)
                raise
        if durable:
            fsync_all([tmp for tmp, _ in staged])
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    renaming = 0
    try:
        for renaming, (tmp, path) in enumerate(staged):
            os.replace(tmp, path)
    except BaseException as exc:  # a failure, or Ctrl-C: the files not renamed yet are not left staged
        for tmp, _ in staged[renaming:]:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # the one renamed just before a Ctrl-C is gone already
        if isinstance(exc, OSError):
            exc.filename = str(staged[renaming][1])
        raise
    if durable:
        for folder in sorted({path.parent for _, path in staged}):
            fsync_path(folder)
    return [path for _, path in staged]


def move_files(files: list[tuple[Path, Path]], durable: bool = True) -> None:
    """Put files written elsewhere (in a staged folder on the same file
    system) in the place of their targets, each in one rename, as
    `write_files` does with the files it stages. Raises OSError, with the
    target's name."""
    if durable:
        fsync_all([staged for staged, _ in files])
    for staged, path in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.replace(staged, path)
            except OSError as exc:
                if exc.errno != errno.EXDEV:
                    raise
                write_files([(path, staged.read_bytes())], durable)  # a target on another file system
        except OSError as exc:
            exc.filename = str(path)
            raise
    if durable:
        for folder in sorted({path.parent for _, path in files}):
            fsync_path(folder)


def write_file(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write one file atomically; False when it already held these bytes."""
    return bool(write_files([(path, data)], durable))


# -- folders -----------------------------------------------------------------

def staged_folder(target: Path) -> Path:
    """A new, empty folder beside `target`, to be built and then exchanged
    with it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(5):
        folder = target.parent / staged_name(target.name)
        folder.mkdir()
        if inuse.hold(str(folder)):  # until it is exchanged or removed: seen in use from another PID namespace
            return folder
    raise OSError(errno.EBUSY, "another command removes each staged folder as it is made", str(folder))


def make_parents(folder: Path, name: str) -> Path:
    """folder/name, with its parent folders made, but never `folder` itself:
    a worker writing into a staged folder that a clean-up has removed (its
    command was killed) gets an error instead of making it again."""
    parts = name.split("/")
    path = folder
    for part in parts[:-1]:
        path = path / part
        with contextlib.suppress(FileExistsError):
            os.mkdir(path)
    return path / parts[-1]


def write_new(path: Path, data: bytes) -> None:
    """Write a file that nobody reads yet (it is in a staged folder)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


class NotRegularFile(OSError):
    """What read_regular raises for a folder, a FIFO or a device."""


def read_regular(path: str | Path, follow: bool = True, limit: int | None = None) -> bytes:
    """A regular file's bytes (its first `limit` only, with one); an
    OSError for anything else, found without waiting: a FIFO put where a
    file was is not opened so as to block (a command would hang on it with
    no word), a folder is not listed, and with `follow` false a symlink is
    not followed (ELOOP)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file (a folder, a FIFO or a device)", str(path))
        return read_to_end(fd) if limit is None else os.read(fd, limit)
    finally:
        os.close(fd)


def read_to_end(fd: int) -> bytes:
    return b"".join(iter(lambda: os.read(fd, 1 << 20), b""))


def mounts_inside(folder: str | Path) -> list[str]:
    """The mount points strictly inside a folder (where it is), from
    Linux's /proc/self/mountinfo: a bind mount of a folder of the same file
    system has the same device number, so st_dev alone does not show it.
    Empty where there is no such listing (not Linux)."""
    try:
        with open("/proc/self/mountinfo", "rb") as listing:
            lines = listing.read().decode("utf-8", "surrogateescape").splitlines()
    except OSError:
        return []
    inside = os.path.realpath(folder) + os.sep
    points = [re.sub(r"\\([0-7]{3})", lambda octal: chr(int(octal[1], 8)), line.split(" ")[4])
              for line in lines if line.count(" ") >= 4]
    return sorted(point for point in points if point.startswith(inside))


def _mount_inside(path: str):
    """The error for a mount found inside the output, which link_tree raises."""
    from .errors import LocpipeError
    return LocpipeError("is a mount point inside the output, which a build replaces as a whole (the mount "
                        "would go with the old output): mount it outside the output", path)


def link_tree(source: Path, target: Path, skip: set[str]) -> None:
    """Give `target` every file of `source` that it lacks, as hard links
    (a copy where the file system has none), except the relative names in
    `skip` and staged files, and each folder the mode of `source`'s.
    Symlinks are copied as symlinks, but for those that lead out of
    `source`: a site is served as a folder, and a web server follows links.
    A mount inside `source`, or a folder it cannot list, stops it."""
    import shutil  # with its archive modules: only for a build that writes
    if not os.path.isdir(source):
        return
    if found := mounts_inside(source):  # a bind mount of the same file system among them
        raise _mount_inside(found[0])
    inside, device = os.path.realpath(source), os.stat(source).st_dev
    modes: list[tuple[str, str]] = []  # (folder, its staged copy): the folder's mode, given once it is filled
    def unreadable(error: OSError) -> None:  # os.walk would pass over a folder it cannot list: its files would go
        from .errors import LocpipeError
        raise LocpipeError(f"cannot be listed ({error.strerror}), so the build would publish it empty: give it "
                           "back read permission, or move it out of the output", error.filename or str(source))

    for dirpath, dirnames, filenames in os.walk(source, onerror=unreadable):
        relative = os.path.relpath(dirpath, source)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        dirnames[:] = [d for d in dirnames if not is_staged(d)]
        for name in dirnames:
            if os.lstat(os.path.join(dirpath, name)).st_dev != device:  # where there is no mountinfo
                raise _mount_inside(os.path.join(dirpath, name))
        for name in [*dirnames, *filenames]:
            if is_staged(name) or prefix + name in skip:
                continue
            src, dst = os.path.join(dirpath, name), os.path.join(target, prefix + name)
            if os.path.islink(src):
                leads_to = os.path.realpath(src)
                if not os.path.lexists(dst) and (leads_to + os.sep).startswith(inside + os.sep):
                    os.symlink(os.readlink(src), dst)
            elif name in dirnames:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(dst)
                if os.path.isdir(dst) and not os.path.islink(dst):  # made here or by whoever staged a file in it
                    modes.append((src, dst))
            elif not os.path.lexists(dst):
                try:
                    os.link(src, dst)
                except OSError:
                    shutil.copy2(src, dst)
    for src, dst in reversed(modes):  # once filled, the deepest first: a read-only folder is filled before
        shutil.copymode(src, dst)


def _rename_exchange():
    """Linux's renameat2(RENAME_EXCHANGE), which swaps two paths in one
    step; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]

    def exchange(a: Path, b: Path) -> bool:
        if call(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
            return True
        error = ctypes.get_errno()
        if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot
            return False
        raise OSError(error, os.strerror(error), str(b))
    return exchange


def exchange(staged: Path, target: Path, durable: bool = True) -> Path | None:
    """Put the folder `staged` in the place of `target` in one step, so that
    a reader of `target` sees all of the old folder or all of the new one.
    Returns where the old folder now is (to be removed), or None if there was
    none. Without an atomic exchange (not Linux), the old folder is renamed
    aside, then the staged one into place: a moment without `target`, never
    a mix, and a command killed in between is finished by the next one
    (`remove_abandoned`)."""
    if os.path.ismount(target):
        from .errors import LocpipeError
        raise LocpipeError("is a mount point, which cannot be replaced in one step: mount the folder above "
                           "it instead, or serve a folder outside the project that you copy output/ into", target)
    if durable:
        fsync_path(staged)
    if found := mounts_inside(target):  # mounted since link_tree looked: it would go with the old output
        raise _mount_inside(found[0])
    if not os.path.lexists(target):
        os.rename(staged, target)
        old = None
    else:
        swap = _rename_exchange()
        if swap is not None and swap(staged, target):
            old = staged
        else:
            ready = target.parent / staged_name(target.name, READY)
            os.rename(staged, ready)
            old = target.parent / staged_name(target.name)
            os.rename(target, old)
            os.rename(ready, target)
    if durable:
        fsync_path(target.parent)
    inuse.release(str(staged))
    return old


def remove(path: Path) -> None:
    """Remove a staged file or folder; what is already gone is no error,
    and a mount point (a file system mounted on a staged name) is left."""
    inuse.release(str(path))
    if os.path.isdir(path) and not os.path.islink(path):
        if os.path.ismount(path) or os.path.realpath(path) in mounts_inside(os.path.dirname(os.path.realpath(path))):
            return  # a bind mount of the same file system: only mountinfo shows it
        with contextlib.suppress(OSError):
            _remove_tree(str(path), os.lstat(path).st_dev)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _remove_tree(path: str, device: int) -> None:
    """shutil.rmtree, but for two things: a mount inside (another file
    system, or a bind mount, which only mountinfo shows: read again at each
    folder, for one made meanwhile) is left with all it holds (it is not
    locpipe's to empty), and a folder made read-only (a copied mode, a
    chmod) is made writable to be emptied, where rmtree would leave it and
    its files behind for good."""
    mounts = set(mounts_inside(path))
    entries = _retried(lambda folder: list(os.scandir(folder)), path, path)
    real = os.path.realpath(path) if mounts else ""
    for entry in entries:
        with contextlib.suppress(OSError):
            if mounts and os.path.join(real, entry.name) in mounts:
                continue
            if not entry.is_dir(follow_symlinks=False):
                _retried(os.unlink, entry.path, path)
            elif entry.stat(follow_symlinks=False).st_dev == device:
                _remove_tree(entry.path, device)
    with contextlib.suppress(OSError):
        _retried(os.rmdir, path, os.path.dirname(path))


def _retried(call, path: str, folder: str):
    """call(path), once more after `folder` is made writable where it was refused."""
    try:
        return call(path)
    except PermissionError:
        _writable(folder)
        return call(path)


def _writable(folder: str) -> None:
    os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) | stat.S_IRWXU)


# -- clean-up ----------------------------------------------------------------

def remove_abandoned(folders: Iterable[Path], trees: Iterable[Path]) -> list[Path]:
    """Remove what killed commands staged: in `folders` (their entries) and
    `trees` (their whole depth); returns what was removed. What a running
    command stages is left alone."""
    removed: list[Path] = []

    def scan(folder: str, names: list[str]) -> list[str]:
        keep = []
        for name in names:
            if name[:1] != ".":  # every staged name starts with one (_STAGED_NAME): most are passed at once
                keep.append(name)
            elif not is_staged(name):
                keep.append(name)
            else:
                with inuse.claimed(os.path.join(folder, name)) as free:  # held while it is removed
                    if free is not False and inuse.abandoned(folder, name, free):
                        remove(Path(folder, name))
                        removed.append(Path(folder, name))
        return keep

    for folder in folders:
        with contextlib.suppress(OSError):
            scan(str(folder), sorted(os.listdir(folder)))
    for tree in trees:
        for dirpath, dirnames, filenames in os.walk(tree):
            dirnames[:] = scan(dirpath, dirnames)
            scan(dirpath, filenames)
    return removed
