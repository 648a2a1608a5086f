"""A cache of data that is slow to make: pyphen's hyphenation patterns
(half a second per language) and the syllable counts of the CMU dictionary,
which each process of a build would otherwise read again (a pickle loads in
a twentieth of the time), and small records such as what each template was
made from.

Entries are named by what they were made from (library version, data
file, size and modification time), so a library upgrade makes new ones.
The cache is only ever an accelerator: an entry that cannot be read is
made again, and a cache folder that cannot be written is ignored.

Location: the project's `.locpipe-cache/` folder (set by the command line,
as pytest and mypy keep theirs), or $LOCPIPE_CACHE_DIR; LOCPIPE_CACHE_DIR=off
turns it off. Nothing is written outside these.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__
from .fsio import write_file

T = TypeVar("T")


PROJECT_FOLDER = ".locpipe-cache"
_project_cache: Path | None = None


def use_project_cache(folder: Path | None) -> None:
    global _project_cache
    _project_cache = folder


def cache_dir() -> Path | None:
    chosen = os.environ.get("LOCPIPE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    return _project_cache


PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """locpipe's version, code, templates and data (the checks' word
    lists): what turns sources into templates and catalogs into pages."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.relative_to(PACKAGE).parts:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def read_record(name: str) -> dict:
    """A small JSON record kept in the cache ({} when there is none)."""
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        value = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def write_record(name: str, value: dict) -> None:
    folder = cache_dir()
    if folder is not None:
        _store(folder, f"{name}.json", json.dumps(value, sort_keys=True).encode("utf-8"))


def _store(folder: Path, filename: str, data: bytes) -> None:
    """Replace a cache file atomically; a folder that cannot be written is
    ignored. Not synced to disk: an entry lost in a power cut is made again."""
    with contextlib.suppress(OSError):
        write_file(folder / filename, data, durable=False)


def file_key(path: Path) -> str:
    """What identifies a library's data file: its path, size and time."""
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def cached(name: str, key: str, make: Callable[[], T]) -> T:
    """`make()`, or what an earlier call with the same name and key made."""
    folder = cache_dir()
    if folder is None:
        return make()
    path = folder / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # absent, unreadable, truncated, or from another Python: make it again
        pass
    value = make()
    with contextlib.suppress(pickle.PicklingError):
        _store(folder, path.name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
