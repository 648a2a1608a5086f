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

_held: dict[str, int] = {}  # staged folder, as named when made -> the descriptor holding its lock


def hold(folder: str) -> None:
    """Hold a shared lock on a folder this process stages, until `release`."""
    try:
        import fcntl
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return
    release(folder)
    _held[folder] = fd


def release(folder: str) -> None:
    """Let go of the lock on a folder staged as `folder`, wherever it is now."""
    fd = _held.pop(folder, None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def in_use(path: str) -> bool:
    """Whether some process, in any namespace, holds a lock on the folder."""
    try:
        import fcntl
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):  # no flock, or no folder (a staged file): its process's name decides
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # and with it a lock it got
    return False
