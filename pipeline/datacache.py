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
turns it off.

What is loaded as code (pickles, compiled templates) is signed: a project
is shared, and a pickle planted in its cache folder would run as code on
the machine of whoever builds it. Each entry carries an HMAC-SHA256 of its
bytes under a key of this user's, kept outside every project
(`$XDG_CACHE_HOME/locpipe/signing-key`, made on first use); an entry
without a valid signature is made again. Without a key (a home folder
that cannot be written) nothing is loaded from the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import re
import stat
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__
from .fsio import RECENT_NS, read_regular, write_file

T = TypeVar("T")


PROJECT_FOLDER = ".locpipe-cache"
_project_cache: Path | None = None


def use_project_cache(folder: Path | None) -> None:
    global _project_cache
    _project_cache = folder


def project_cache() -> Path | None:
    """The project's data cache folder this process was told to use."""
    return _project_cache


def cache_dir() -> Path | None:
    return cache_dir_for(_project_cache)


def cache_dir_for(project_folder: Path | None) -> Path | None:
    """The data cache of a project whose own cache folder is `project_folder`:
    $LOCPIPE_CACHE_DIR's where it is set (None where it is off)."""
    chosen = os.environ.get("LOCPIPE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    return project_folder


PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """locpipe's version, code, templates and data (the checks' word
    lists): what turns sources into templates and catalogs into pages.
    Hashing them took most of the time of a build with nothing to do: the
    hash is kept in the cache, named by each file's size and times (the
    change time too, which no tool sets back), and made again when one
    differs."""
    files = _package_files()
    recent = time.time_ns() - RECENT_NS
    if any(stat.st_mtime_ns > recent or stat.st_ctime_ns > recent for _, stat in files):
        return _code_digest(files)  # a file changed again within the clock's tick would keep its times
    listing = "\n".join(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}"
                        for name, stat in files)
    return cached("code-fingerprint", f"{__version__}\0{PACKAGE}\n{listing}", lambda: _code_digest(files))


def _package_files() -> list[tuple[str, os.stat_result]]:
    """(path relative to the package, its stat) of each file of locpipe,
    outside __pycache__, in the order of their relative paths' parts."""
    found = []
    pending = [((), str(PACKAGE))]
    while pending:
        parts, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(((*parts, entry.name), entry.path))
                elif entry.is_file():
                    found.append(((*parts, entry.name), entry.stat()))
    return [(os.path.join(*parts), stat) for parts, stat in sorted(found)]


def _code_digest(files: list[tuple[str, os.stat_result]]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for name, _ in files:
        digest.update(name.encode() + b"\0" + (PACKAGE / name).read_bytes())
    return digest.hexdigest()


def read_record(name: str) -> dict:
    """A small JSON record kept in the cache ({} when there is none)."""
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        value = json.loads(read_regular(folder / f"{name}.json").decode("utf-8"))  # a FIFO there is not waited on
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


def store_file(path: Path, data: bytes) -> None:
    """Replace a file of the cache folder (`cache_dir()`) atomically."""
    _store(path.parent, path.name, data)


def file_key(path: Path) -> str:
    """What identifies a library's data file: its path, size and time."""
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def cached(name: str, key: str, make: Callable[[], T]) -> T:
    """`make()`, or what an earlier call with the same name and key made.
    The entry holds its name and key beside the value, under the signature:
    a signed entry copied over another's file (a medical term's pattern
    over another term's) is another entry, made again, not taken."""
    folder = cache_dir()
    if folder is None:
        return make()
    path = folder / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
    found = load_pickle(path)
    if isinstance(found, tuple) and len(found) == 3 and found[:2] == (name, key):
        return found[2]
    value = make()
    with contextlib.suppress(pickle.PicklingError):
        _store(folder, path.name, dump_pickle((name, key, value)))
    return value


def dump_pickle(value) -> bytes:
    """A pickle with its signature in front (empty without a key: never loaded)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return sign(data) + data


def load_pickle(path: Path | str):
    """What a signed pickle holds; None when it is absent, unreadable,
    unsigned, signed by another key, or from another Python."""
    try:
        data = verified(read_regular(path))  # a FIFO or a device there is passed over
        value = None if data is None else pickle.loads(data)
    except Exception:  # made again
        return None
    if value is not None:
        kept_fresh(path)
    return value


STALE_DAYS = 60  # an entry no command has read for this long goes (prune_stale)
_DAY = 86400
# what locpipe names its entries (`cached`, render.html's compiled templates); a larger file is none of them
_ENTRY_NAME = re.compile(r"^[^.].*-[0-9a-f]{16}\.pickle$|^__jinja2_[0-9a-f]+\.cache$")
_LARGEST_ENTRY = 256 << 20


def kept_fresh(path: Path | str) -> None:
    """Date an entry read now (once a day at most: one stat for the rest),
    so that `prune_stale` keeps what commands use."""
    with contextlib.suppress(OSError):
        if abs(time.time() - os.stat(path).st_mtime) > _DAY:  # or dated ahead of the clock: it would never age
            os.utime(path)


def prune_stale(folder: Path | None) -> list[str]:
    """Remove the entries (pickles, compiled templates) that no command has
    read for STALE_DAYS: each upgrade of locpipe or of a library, and each
    edit of a word list, makes new ones and leaves the old for good. Only
    files named and signed as locpipe's (`sign`, this user's key) are
    entries: a folder LOCPIPE_CACHE_DIR shares with other tools keeps
    theirs. Once a day at most (`.pruned`); the names of what went."""
    if folder is None or not _prune_turn(folder / ".pruned"):
        return []
    now, removed = time.time(), []
    for place in (folder, folder / "jinja"):
        with contextlib.suppress(OSError), os.scandir(place) as entries:
            for entry in entries:
                if _ENTRY_NAME.match(entry.name) and entry.is_file(follow_symlinks=False) and \
                        now - entry.stat(follow_symlinks=False).st_mtime > STALE_DAYS * _DAY and _signed(entry.path):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed.append(entry.name)
    return removed


def _prune_turn(marker: Path) -> bool:
    """Whether a day has passed since the marker's time, which is then made
    now, before the pruning (one that fails is not tried again by every
    command). A marker that is no regular file (a link planted to make
    locpipe write elsewhere) is never written through: no pruning."""
    try:
        found = os.lstat(marker)
        if not stat.S_ISREG(found.st_mode) or found.st_nlink > 1 or abs(time.time() - found.st_mtime) < _DAY:
            return False  # a hard link's time is its other names' too
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0),
                     0o644)
    except OSError:  # no cache folder (never made here), or one that cannot be written
        return False
    try:
        os.utime(fd)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def _signed(path: str) -> bool:
    """Whether a file carries this user's signature; read a megabyte at a
    time, not whole (a shared folder may hold another tool's gigabyte)."""
    key = signing_key()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        found = os.fstat(fd)
        if not key or not stat.S_ISREG(found.st_mode) or found.st_size > _LARGEST_ENTRY:
            return False
        signature, mac = os.read(fd, SIGNATURE_SIZE), hmac.new(key, digestmod=hashlib.sha256)
        while chunk := os.read(fd, 1 << 20):
            mac.update(chunk)
        return hmac.compare_digest(signature, mac.digest())
    except OSError:
        return False
    finally:
        os.close(fd)


SIGNATURE_SIZE = hashlib.sha256().digest_size


def sign(data: bytes) -> bytes:
    """The signature a cache entry carries in front of its bytes."""
    key = signing_key()
    return hmac.new(key, data, hashlib.sha256).digest() if key else b""


def verified(entry: bytes) -> bytes | None:
    """An entry's bytes without their signature, if the signature is this user's."""
    key = signing_key()
    data = entry[SIGNATURE_SIZE:]
    if not key or not hmac.compare_digest(entry[:SIGNATURE_SIZE], hmac.new(key, data, hashlib.sha256).digest()):
        return None
    return data


@lru_cache(maxsize=1)
def signing_key() -> bytes | None:
    """This user's key for cache signatures, made on first use (linked into
    place whole, so a second process reads it complete); None when it can
    be neither read nor made."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "locpipe"
    path = folder / "signing-key"
    if not folder.is_absolute():  # no home folder: expanduser left "~" as it was
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            staged = folder / f".signing-key-{os.getpid()}-{os.urandom(4).hex()}"
            with open(staged, "xb", opener=lambda name, flags: os.open(name, flags, 0o600)) as handle:
                handle.write(os.urandom(32))
            with contextlib.suppress(FileExistsError):
                os.link(staged, path)
            staged.unlink()
        key = read_regular(path)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    return key if len(key) == 32 else None


@lru_cache(maxsize=1)
def libraries_fingerprint() -> str:
    """The Python and the installed distributions (their `*.dist-info`
    folder names carry their versions): an upgrade of wordfreq, regex or
    phonenumbers gives new memo files. One listing per folder of sys.path."""
    import sys
    names = [sys.version]
    for entry in sys.path:
        with contextlib.suppress(OSError):
            names += sorted(e.name for e in os.scandir(entry or ".") if e.name.endswith((".dist-info", ".egg-info")))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


# In-process caches of per-text results of some kilobytes each (a sentence's
# highlighted HTML, a unit's reading): a pool's process holds one of each.
LARGE_RESULTS = 4096
