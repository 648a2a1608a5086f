"""Shared fixtures: temporary copies of the bundled project, the CLI in
process, GNU msgfmt, and checksums of a tree to prove nothing changed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SOURCE_DATE_EPOCH = "1750032000"  # 2025-06-16, the leaflet's last update


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


def copy_bundled_project(root: Path, languages: str | None = None) -> Path:
    """A copy of this repository's content project (sources, catalogs,
    settings) at `root`; `languages` replaces the settings' list
    (e.g. '["es", "ar"]')."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locale", root / "locale",
                    ignore=shutil.ignore_patterns("*.mo", ".locpipe.lock"))
    settings = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    # the tests build at fixed dates in 2025: outdated translations expire by that date, not the machine's
    settings = settings.replace("[tool.locpipe.publish]\n", '[tool.locpipe.publish]\noutdated_clock = "source_date_epoch"\n')
    if languages is not None:
        settings = settings.replace('languages = ["es", "zh_Hans", "ru", "ar", "ht"]', f"languages = {languages}")
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    return root


@pytest.fixture
def bundled_project(tmp_path) -> Path:
    """A copy of this repository's content project (sources, catalogs, settings)."""
    return copy_bundled_project(tmp_path / "project")


@pytest.fixture
def empty_project(tmp_path) -> Path:
    """A project with the bundled source and no catalogs, no settings."""
    root = tmp_path / "fresh"
    (root / "locale").mkdir(parents=True)
    shutil.copytree(REPO / "source", root / "source")
    return root


def run(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args])


def msgfmt_check(path: Path, *options: str) -> subprocess.CompletedProcess:
    """Run GNU msgfmt --check on a catalog; the judge of what gettext accepts."""
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed (Debian package gettext)")
    return subprocess.run(["msgfmt", "--check", *options, "-o", os.devnull, str(path)],
                          capture_output=True, text=True)


def tree_checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@contextlib.contextmanager
def serving(root: Path):
    """`locpipe serve` on a free port of 127.0.0.1, in a thread, once its
    first build has finished: yields (port, workspace)."""
    import threading
    import time

    from pipeline.project import Project
    from pipeline.serve import serve
    started = threading.Event()
    servers = []

    def ready(server):
        servers.append(server)
        started.set()

    thread = threading.Thread(target=serve, args=(Project(root), 0, ready), daemon=True)
    thread.start()
    assert started.wait(30), "the server did not start"
    server = servers[0]
    workspace = server.RequestHandlerClass.workspace
    deadline = time.monotonic() + 120
    while workspace.state.generation == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workspace.state.generation >= 1 and not workspace.state.error, workspace.state.error
    try:
        yield server.server_address[1], workspace
    finally:
        server.shutdown()
        thread.join(10)


def catalog_project(root: Path, language: str, cases: list[tuple[str, str]]) -> Path:
    """A project of one document whose `language` catalog holds each
    (source, translation) case as an entry of its own (a context apiece)."""
    (root / "source").mkdir(parents=True)
    (root / "source" / "doc.md").write_text("# Doc\n", encoding="utf-8")
    folder = root / "locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for i, (source, target) in enumerate(cases):
        po.append(polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target))
    po.save(str(folder / "doc.po"))
    return root


def pytest_collection_modifyitems(items):
    """The SIGKILL tests take longest: first, so that a parallel run (a file
    per process) does not end waiting for them."""
    items.sort(key=lambda item: not item.path.name.startswith("test_kills"))
