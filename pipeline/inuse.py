"""Staged files and folders, and whether a running command still uses them.

Each command stages what it writes under a name that says which process
made it, when, and in which PID namespace (`staged_name`); a later command
removes what a process that no longer runs left (`abandoned`, called by
`fsio.remove_abandoned`). A process in another PID namespace (a container
sharing the project folder with the host) cannot be seen that way, but the
lock it holds on a folder it stages can: flock(2) locks belong to the open
file, whichever namespace opened it, and go when the process ends, killed
or not. Where there is no flock (Windows), the process names alone decide.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from typing import Iterator

STAGED = ".locpipe-staged-"
READY = ".locpipe-ready-"  # a staged folder complete and about to replace its target
# <pid>.<start>.n<namespace>: the process, when it started (in clock ticks
# since boot, where /proc says), as a process id alone is used again (at once
# in a new container, whose first processes get the same small ids on every
# run), and its PID namespace, in which alone the id names it.
_STAGED_NAME = re.compile(r"^\.(?P<target>.+)\.locpipe-(?P<kind>staged|ready)-(?P<pid>\d+)(?:\.(?P<start>\d+))?"
                          r"(?:\.n(?P<namespace>\d+))?-[0-9a-f]+$")
FOREIGN_FILE_SECONDS = 3600  # a staged file of another PID namespace's process is abandoned this long after


def staged_name(name: str, kind: str = STAGED) -> str:
    """The name under which `name` is staged by this process."""
    import secrets  # hashlib and random: not for commands that write nothing
    start, namespace = start_time(os.getpid()), pid_namespace()
    return (f".{name}{kind}{os.getpid()}{'' if start is None else f'.{start}'}"
            f"{'' if namespace is None else f'.n{namespace}'}-{secrets.token_hex(4)}")


_namespace_of: tuple[int, int | None] | None = None  # (this process's id, its PID namespace)


def pid_namespace() -> int | None:
    """The PID namespace of this process (the inode of /proc/self/ns/pid);
    None where there is none to read. Asked again in a forked process."""
    global _namespace_of
    if _namespace_of is None or _namespace_of[0] != os.getpid():
        try:
            _namespace_of = (os.getpid(), os.stat("/proc/self/ns/pid").st_ino)
        except OSError:
            _namespace_of = (os.getpid(), None)
    return _namespace_of[1]


def start_time(pid: int) -> int | None:
    """When a process started, in clock ticks since boot (Linux's
    /proc/<pid>/stat); None where that cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rsplit(b")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def is_staged(name: str) -> bool:
    return _STAGED_NAME.match(name) is not None


def shown_path(path: str) -> str:
    """A path as a message names it: a staged file or folder by the name it
    stands for ("output/es/page.html", not ".output.locpipe-staged-…/es/…")."""
    parts = str(path).split(os.sep)
    for i, part in enumerate(parts):
        match = _STAGED_NAME.match(part)
        if match:
            parts[i] = match.group("target")
    return os.sep.join(parts)


def _staged_by_running(pid: int, start: str | None) -> bool:
    """Whether what process `pid`, started at `start`, staged may still be in
    use: the process runs and, where start times are known, is that one.
    A name without a start time, where they are known, was not staged by a
    running locpipe: it is abandoned."""
    if not _running(pid):
        return False
    known = start_time(pid)
    if known is None:
        return pid != os.getpid() or start is None
    return start is not None and int(start) == known


def _running(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie does not: it has exited).
    An id no process can have (a name made by hand) names none."""
    if pid == os.getpid():
        return True
    if not 0 < pid < 2 ** 31:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    with contextlib.suppress(OSError, IndexError):
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    return True


def _running_on_windows(pid: int) -> bool:
    import ctypes
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: another user's process
    try:
        return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
    finally:
        kernel32.CloseHandle(handle)


def abandoned(folder: str, name: str, locked: bool | None = True) -> bool:
    """Whether the staged file or folder `name` of `folder` is one a killed
    command left: its process no longer runs (or, of another PID namespace,
    `_foreign_abandoned`). An exchange cut short between its renames is
    finished instead."""
    match = _STAGED_NAME.match(name)
    path = os.path.join(folder, name)
    if match is None:
        return False
    if match["namespace"] is not None and pid_namespace() not in (None, int(match["namespace"])):
        if not _foreign_abandoned(path, locked is None):  # its process id names no process here
            return False
    elif _staged_by_running(int(match["pid"]), match["start"]):
        return False
    target = os.path.join(folder, match["target"])
    if match["kind"] == "ready" and not os.path.lexists(target) and os.path.isdir(path) and not os.path.islink(path):
        os.rename(path, target)  # finish an exchange cut short
        return False
    return True


def _foreign_abandoned(path: str, unlockable: bool = False) -> bool:
    """What a process of another PID namespace staged: a folder nobody
    holds locked (the caller holds it now); a file, or a folder where the
    file system has no flock (`unlockable`), untouched for
    FOREIGN_FILE_SECONDS (a file lives from its write to its rename)."""
    try:
        found = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISDIR(found.st_mode) and not unlockable:
        return True
    return time.time() - found.st_mtime > FOREIGN_FILE_SECONDS


_held: dict[str, int] = {}  # staged folder, as named when made -> the descriptor holding its lock


def hold(folder: str) -> bool:
    """Hold a shared lock on a folder this process has just made, until
    `release`; False when a sweep removed it first (it took the folder for
    an abandoned one in the moment before the lock): make another. Where
    locks are not had (Windows, a file system without flock), True."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if not _shared_lock(fcntl, fd):  # held past HOLD_WAIT_SECONDS: taken as swept, another is made
            os.close(fd)
            return False
    except OSError:  # a file system without flock
        os.close(fd)
        return True
    try:
        locked, there = os.fstat(fd), os.lstat(folder)
    except OSError:
        there = None
    if there is None or (there.st_dev, there.st_ino) != (locked.st_dev, locked.st_ino):
        os.close(fd)
        return False
    release(folder)
    _held[folder] = fd
    return True


HOLD_WAIT_SECONDS = 10.0  # how long a new staged folder's lock is waited for while a sweep decides about it


def _shared_lock(fcntl, fd: int) -> bool:
    """A shared lock on `fd`, waited for while a sweep holds its exclusive
    one (it decides and removes in moments); False after HOLD_WAIT_SECONDS
    (a process that holds the folder and does not let go)."""
    deadline = time.monotonic() + HOLD_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)


def release(folder: str) -> None:
    """Let go of the lock on a folder staged as `folder`, wherever it is now."""
    fd = _held.pop(folder, None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def claimed(path: str) -> Iterator[bool | None]:
    """Whether no process holds the staged folder at `path`, with an
    exclusive lock on it held while the caller decides and removes it, so
    that a command making it meanwhile waits and then finds it gone. True
    for what has no lock to take (a staged file); None where the file
    system has no flock (the process names decide)."""
    try:
        import fcntl
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):
        yield True
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            free: bool | None = True
        except BlockingIOError:
            free = False
        except OSError:  # a file system without flock: unknown, the process names decide
            free = None
        yield free
    finally:
        os.close(fd)  # and with it the lock
