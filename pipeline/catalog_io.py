"""Atomic writes of catalogs, templates and compiled catalogs, through
`fsio` (one batch, durable, staged beside each target)."""

from __future__ import annotations

from pathlib import Path

from .errors import LocpipeError
from .fsio import write_files


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; returns False when the file already
    holds exactly these bytes (and leaves it untouched)."""
    return bool(atomic_write_files([(path, data)]))


def atomic_write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write many files atomically and durably, as one batch (`fsio.write_files`);
    returns those that changed. A catalog that is a symlink is written
    through to its target: the link stays a link."""
    targets = {path: (path.resolve() if path.is_symlink() else path) for path, _ in files}
    try:
        changed = set(write_files([(targets[path], data) for path, data in files]))
        return [path for path, _ in files if targets[path] in changed]
    except OSError as exc:
        raise LocpipeError(f"cannot write: {exc.strerror or exc}", exc.filename) from None
