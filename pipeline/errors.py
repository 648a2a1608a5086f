"""Errors a user can act on: each names the file and, where known, the line."""

from __future__ import annotations

from pathlib import Path


class LocpipeError(Exception):
    """Bad input or bad usage; the CLI prints it and exits with status 2."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __reduce__(self):
        # keep path and line when the error crosses a process boundary
        return (self.__class__, (self.message, self.path, self.line))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return f"{where}error: {self.message}"


class SourceError(LocpipeError):
    """A source document that cannot be read or parsed."""


class CatalogError(LocpipeError):
    """A .po/.pot file that cannot be read or is malformed."""


class SettingsError(LocpipeError):
    """Project settings that are missing or invalid."""


def os_error_text(exc: OSError, shown: str = "locpipe") -> str:
    """An OS error as a command, a build error or an error page shows it:
    its file (a staged one by the name it stands for), or `shown`."""
    from .inuse import shown_path
    return f"{shown if not exc.filename else shown_path(exc.filename)}: error: {exc.strerror or exc}"
