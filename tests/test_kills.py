"""`locpipe update` and `locpipe build` killed with SIGKILL at random
instants (seeded), on a project of 30 documents in two languages.

After every kill: each catalog passes `msgfmt --check` and keeps every
translation it had; the output is one build, whole (every file the manifest
lists is there with its checksum, no page the manifest does not list, every
page of the same build); and once the next command has run, no staged file
is left anywhere in the project. The builds are killed in test_kills_build.py,
with the helpers and the project of this file."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from conftest import REPO, SOURCE_DATE_EPOCH, msgfmt_check

DOCUMENTS = 30
LANGUAGES = ("es", "fr")
KILLS = 20
SEED = 15

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def leaflet(number: int, day: int, variant: int) -> str:
    """A small leaflet; `day` changes every page of a build, `variant` one
    unit (so that an update has entries to make fuzzy)."""
    return (f"---\ntitle: Leaflet {number}\nupdated: 2025-06-{day:02d}\n---\n\n"
            f"# Caring for yourself, part {number}\n\n"
            "Rest when you feel tired and drink water every day.\n\n"
            f"Walk slowly after each meal, round {variant}.\n\n"
            "## What to bring\n\n- Your medicines\n- A list of questions\n- A friend or relative\n\n"
            "Ask your care team when you are unsure.\n")


def write_sources(root: Path, day: int, variant: int) -> None:
    for number in range(DOCUMENTS):
        (root / "source" / f"leaflet-{number:02d}.md").write_text(leaflet(number, day, variant), encoding="utf-8")


def locpipe(root: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "pipeline", "--project", str(root), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, **kwargs)


def finished(root: Path, *args: str) -> float:
    """Run a command to its end; returns how long it took."""
    started = time.monotonic()
    process = locpipe(root, *args)
    _, err = process.communicate()
    assert process.returncode in (0, 1), err.decode()
    return time.monotonic() - started


def killed(root: Path, delay: float, *args: str) -> bool:
    """Start a command and kill it, with every worker process, after `delay`
    seconds; False if it had finished before."""
    process = locpipe(root, *args)
    try:
        process.wait(delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


def translations(path: Path) -> set[str]:
    """Every translation of a catalog, of current, fuzzy and obsolete entries."""
    return {entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def changed(paths: list[Path], seen: dict[Path, tuple[int, int]]) -> list[Path]:
    """The files that changed since the last call (all, the first time)."""
    found = []
    for path in paths:
        stat = path.stat()
        if seen.get(path) != (stat.st_mtime_ns, stat.st_size):
            seen[path] = (stat.st_mtime_ns, stat.st_size)
            found.append(path)
    return found


def staged(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root.parent)) for p in root.parent.rglob("*")
                  if ".locpipe-staged-" in p.name or ".locpipe-ready-" in p.name)


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locale").rglob("*.po"))


def assert_one_whole_build(root: Path) -> None:
    output = root / "output"
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))["files"]
    listed = {entry["path"]: entry for entry in manifest}
    for name, entry in listed.items():
        data = (output / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"]), name
    on_disk = {str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()}
    assert on_disk - set(listed) == {"manifest.json", ".locpipe-build.json"}
    dates = {line for p in (output / "en").glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()
             if "2025" in line}
    assert len(dates) == 1, dates


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    if subprocess.run(["msgfmt", "--version"], capture_output=True).returncode != 0:
        pytest.skip("GNU gettext's msgfmt is not installed (Debian package gettext)")
    root = tmp_path_factory.mktemp("kills") / "project"
    (root / "source").mkdir(parents=True)
    (root / "locale").mkdir()
    (root / "locpipe.toml").write_text("[publish]\nrequire_review = false\n", encoding="utf-8")
    write_sources(root, day=1, variant=0)
    finished(root, "init", *LANGUAGES)
    for path in catalogs(root):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = f"{path.parent.parent.name.upper()} {entry.msgid}"
        po.save()
    return root


def test_killed_updates_lose_nothing_and_leave_nothing(project):
    before = {path: translations(path) for path in catalogs(project)}
    write_sources(project, day=1, variant=1)
    duration = finished(project, "update")
    rng, kills, rounds, seen = random.Random(SEED), 0, 0, {}
    while kills < KILLS and rounds < 3 * KILLS:
        rounds += 1
        write_sources(project, day=1, variant=rounds + 1)
        kills += killed(project, rng.uniform(0.1, 1.1) * duration, "update")
        for path in changed([*catalogs(project), *(project / "locale").glob("*.pot")], seen):
            assert msgfmt_check(path).returncode == 0, path
            if path in before:
                assert before[path] <= translations(path), path
        finished(project, "stats")
        assert staged(project) == []
    assert kills >= KILLS
