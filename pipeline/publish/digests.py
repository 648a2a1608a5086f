"""The sha256 of a build's input files, read again only when a file's size,
times or inode changed since it was hashed, as git's index does: a build
with nothing to do then reads none of a library's catalogs and published/
records (20,000 files for 2,000 leaflets in 10 languages).

Kept in the data cache (a signed pickle per project): without one, every
file is read and hashed, as before. A file changed within RECENT_NS of the
build that hashed it is not remembered, since a second change in the same
tick of a coarse file-system clock would leave its times as they were (as
for locpipe's own code, `datacache.code_fingerprint`).
"""

from __future__ import annotations

import hashlib
import os
import time

from .. import datacache
from ..datacache import RECENT_NS
from .state import read_optional, sha256_hex


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
        self.started = time.time_ns()
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
            key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
            entry = self.known.get(path)
            if entry is None or entry[0] != key:
                data = read_optional(path)
                racy = max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.started - RECENT_NS or len(data) != stat.st_size
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

    def read(self) -> dict[str, str]:
        """Path -> the sha256 of the bytes this build read of each file it looked at."""
        return {path: entry[1] for path, entry in self.used.items() if entry[1]}

    def save(self) -> None:
        """Remember the digests of the files this build looked at (the
        others are forgotten: removed documents, another language list)."""
        kept = {path: entry for path, entry in self.used.items() if entry[0] is not None}
        if self.path is not None and (self.made or kept.keys() != self.known.keys()):
            datacache.store_file(self.path, datacache.dump_pickle(kept))
