"""Staged folders held open with a shared lock while a command fills them.

A command that finds a staged folder removes it when the process named in
its name no longer runs (`fsio.remove_abandoned`). A process in another PID
namespace (a container sharing the project folder with the host) cannot be
seen that way, but the lock it holds can: flock(2) locks belong to the open
file, whichever namespace opened it, and go when the process ends, killed
or not. Where there is no flock (Windows), the process names alone decide.
"""

from __future__ import annotations

import contextlib
import os
from typing import Iterator

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
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a sweep holds it, for as long as that sweep decides
    except OSError:
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


def release(folder: str) -> None:
    """Let go of the lock on a folder staged as `folder`, wherever it is now."""
    fd = _held.pop(folder, None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def claimed(path: str) -> Iterator[bool]:
    """Whether no process holds the staged folder at `path`, with an
    exclusive lock on it held while the caller decides and removes it, so
    that a command making it meanwhile waits and then finds it gone. True
    for what has no lock to take (a staged file, no flock here)."""
    try:
        import fcntl
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):
        yield True
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            free = True
        except BlockingIOError:
            free = False
        except OSError:  # a file system without flock: the process names alone decide
            free = True
        yield free
    finally:
        os.close(fd)  # and with it the lock
