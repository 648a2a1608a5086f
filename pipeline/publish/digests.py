"""The sha256 of a build's input files, read again only when a file's size,
times or inode changed since it was hashed, as git's index does: a build
with nothing to do then reads none of a library's catalogs and published/
records (20,000 files for 2,000 leaflets in 10 languages).

Kept in the data cache (a signed pickle per project): without one, every
file is read and hashed, as before. A file dated at or after its file
system's clock, taken before the build read it (`fsio.FileClocks`), is not
remembered (racy), since a second change in the same tick of that clock
would leave its times as they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat as stat_module

from .. import datacache, fsio
from .state import read_optional, sha256_hex


def _stat_key(stat: os.stat_result) -> tuple:
    """What a digest is remembered by: the file's size, times and inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


class FileDigests:
    """path -> the sha256 of its bytes ("" for a missing file), and whether
    those bytes contain a given string, for the files of one project."""

    def __init__(self, root: str):
        folder = datacache.cache_dir()
        name = f"digests-{hashlib.sha256(os.path.abspath(root).encode()).hexdigest()[:16]}.pickle"
        self.path = None if folder is None else folder / name
        known = None if self.path is None else datacache.load_pickle(self.path)
        self.known: dict[str, tuple] = known if isinstance(known, dict) else {}
        self.used: dict[str, tuple] = {}
        self.clocks = fsio.FileClocks()  # the clock of each file system, before its first file was read
        self.made = False  # a digest or a search made again: worth saving

    def _entry(self, path: str) -> tuple:
        """(stat key, sha256, {needle: found}) of a file as it is now."""
        entry = self.used.get(path)
        if entry is not None:
            return entry
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            entry = (None, "", {})
        else:
            key = _stat_key(stat)
            entry = self.known.get(path)
            if entry is None or entry[0] != key:
                self.clocks.of(os.path.dirname(path), stat.st_dev)
                data = read_optional(path)
                racy = self.clocks.racy(stat.st_dev, stat.st_mtime_ns, stat.st_ctime_ns) or len(data) != stat.st_size
                entry = (None if racy else key, sha256_hex(data), {})
                self.made = True
        self.used[path] = entry
        return entry

    def sha256(self, path: str) -> str:
        return self._entry(path)[1]

    def contains(self, path: str, needle: bytes) -> bool:
        """Whether the file's bytes contain `needle`: read once for each
        version of the file and needle, then remembered with its digest."""
        found = self._entry(path)[2]
        if needle not in found:
            found[needle] = needle in read_optional(path)
            self.made = True
        return found[needle]

    def remember_written(self, written: dict[str, bytes]) -> None:
        """Hash again files the build wrote (path -> the string `contains`
        will be asked for: the published/ records it moved in, and the
        digest of the English each is of), where their file system's clock,
        taken after their stat, has passed their times: a later change then
        moves their times, and the next build finds them by their times
        instead of reading them (the build after a cold build of 200
        leaflets in 5 languages read its 1,000 records twice). Those still
        within the clock's tick are left to it."""
        stats = {}
        for path in written:
            with contextlib.suppress(OSError):
                stats[path] = os.stat(path)
        clocks = fsio.FileClocks()  # taken after every stat, before any read
        for path, stat in stats.items():
            clocks.of(os.path.dirname(path), stat.st_dev)
            if not stat_module.S_ISREG(stat.st_mode) or clocks.racy(stat.st_dev, stat.st_mtime_ns, stat.st_ctime_ns):
                continue
            data = read_optional(path)
            if len(data) == stat.st_size:
                key = _stat_key(stat)
                self.used[path] = (key, sha256_hex(data), {written[path]: written[path] in data})
                self.made = True

    def racy(self) -> dict[str, str]:
        """Path -> the sha256 of each file read too soon after its last
        change to be vouched for by its times."""
        return {path: entry[1] for path, entry in self.used.items() if entry[1] and entry[0] is None}

    def save(self) -> None:
        """Remember the digests of the files this build looked at (the
        others are forgotten: removed documents, another language list)."""
        kept = {path: entry for path, entry in self.used.items() if entry[0] is not None}
        if self.path is not None and (self.made or kept.keys() != self.known.keys()):
            datacache.store_file(self.path, datacache.dump_pickle(kept))
