"""What `locpipe serve` rebuilds, and when: the served project's workspace
(its last build's outcome, which the request threads share) and the threads
that watch the project's files and rebuild it."""

from __future__ import annotations

import gc
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import placement
from .errors import LocpipeError, os_error_text
from .project import Project


@dataclass
class BuildState:
    generation: int = 0
    error: str = ""
    seconds: float = 0.0


class Workspace:
    """What the request threads share: the project, the session token, the
    last build's outcome, and a condition on which event streams wait."""

    def __init__(self, project: Project, port: int):
        self.project = project
        self.port = port
        self.token = secrets.token_urlsafe(32)
        self.state = BuildState()
        self.refused: dict[str, str] = {}  # "/es/leaflet" -> why the last build refused it
        self.settings_changed = threading.Event()
        self.settings_error = ""  # the settings as saved cannot be read: no build until they can
        self.changed = threading.Condition()
        self.stopping = threading.Event()

    def rebuild(self) -> None:
        """Build as `locpipe build` does, with the settings as saved now."""
        from .wording import refusal
        from .publish.build import build
        started = time.monotonic()
        if self.settings_changed.is_set():
            self.settings_changed.clear()
            self.reload_settings()
        error = self.settings_error
        try:
            if not error:
                # a link made since (source/x.md -> /etc/passwd), as build does
                placement.refuse_links_outside(self.project)
                result = build(self.project, quiet=True)
                self.refused = {f"/{page.language}/{page.document}": refusal(page)
                                for page in result.pages if page.status == "refused"}
        except LocpipeError as exc:
            error = str(exc)
        except OSError as exc:
            error = os_error_text(exc)
        finally:
            gc.unfreeze()  # what the build froze is collected again: this process builds again and again
        with self.changed:
            self.state = BuildState(self.state.generation + 1, error, time.monotonic() - started)
            self.changed.notify_all()

    def reload_settings(self) -> None:
        """A new project from the settings as saved now, as `locpipe build`
        would read them, and refuses an output folder they misplace (on
        locale/) as it would; the old one stays while they have an error.
        The links are checked before each rebuild (`rebuild`)."""
        try:
            project = Project(self.project.root)
            placement.refuse_misplaced_output(project)
            self.project, self.settings_error = project, ""
        except LocpipeError as exc:
            self.settings_error = str(exc)

    def status(self) -> dict:
        return {"generation": self.state.generation, "error": self.state.error}

    def warm_up(self) -> None:
        """Build the first document's pages in memory, written nowhere: this
        loads what a rebuild needs (checks' word lists of every language,
        readability data, templates), so that the first save after a start
        with nothing to build is on the page as fast as later ones."""
        from .publish.jobs import build_document
        from .publish.settings import PublishSettings
        slugs = self.project.slugs()
        if slugs:
            try:
                build_document((self.project, slugs[0], self.project.languages(),
                                PublishSettings.from_project(self.project), False, "", {}, "", {}))
            except (LocpipeError, OSError):
                pass  # the build says what is wrong


def watched_changes(project: Project, stop: threading.Event):
    """Batches of changed paths under source/, locale/, the page templates
    and the settings files, as watchfiles reports them; never the output,
    the data cache, staged files or the lock."""
    from watchfiles import watch

    from .render.html import TEMPLATES

    def relevant(change, path: str) -> bool:
        name = Path(path).name
        return not (name.startswith(".") or name.endswith((".mo", ".lock")) or "locpipe-staged" in name)

    folders = [str(p) for p in (project.source_dir, project.locale_dir, TEMPLATES) if p.is_dir()]
    yield from watch(*folders, watch_filter=relevant, stop_event=stop, debounce=400, step=30,
                     raise_interrupt=False)


def start_rebuilding(workspace: Workspace) -> None:
    """Threads that rebuild the workspace at the start and whenever a
    watched file or the settings change; after the first build, a warm-up."""
    project = workspace.project
    pending = threading.Event()
    pending.set()  # the first build: the output may be older than the files

    def builder() -> None:
        warm = True
        while not workspace.stopping.is_set():
            if pending.wait(timeout=0.5):
                pending.clear()
                workspace.rebuild()
                state = workspace.state
                print(f"not rebuilt: {state.error}" if state.error else f"rebuilt in {state.seconds:.2f} s",
                      file=sys.stderr, flush=True)
                if warm and not pending.is_set():
                    workspace.warm_up()
                    warm = False

    def watcher() -> None:
        for _ in watched_changes(project, workspace.stopping):
            pending.set()

    def settings_watcher() -> None:
        from watchfiles import watch
        for _ in watch(str(project.root), recursive=False, stop_event=workspace.stopping, debounce=400, step=30,
                       watch_filter=lambda change, path: Path(path).name in ("locpipe.toml", "pyproject.toml"),
                       raise_interrupt=False):
            workspace.settings_changed.set()
            pending.set()

    for target in (builder, watcher, settings_watcher):
        threading.Thread(target=target, daemon=True).start()
