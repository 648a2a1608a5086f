"""A command stopped part-way, and the clean-up of what stopped commands
left: nothing staged stays behind, a second Ctrl-C does not break off the
first one's clean-up, and the clean-up removes only what locpipe staged in
the project's own folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, run, tree_checksums
from pipeline import fsio


def test_ctrl_c_while_a_batch_is_renamed_leaves_no_staged_file(tmp_path, monkeypatch):
    targets = [tmp_path / f"{name}.po" for name in ("a", "b", "c")]
    real, renamed = os.replace, []

    def replace(source, target):
        if renamed:
            raise KeyboardInterrupt
        renamed.append(target)
        real(source, target)
    monkeypatch.setattr(fsio.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        fsio.write_files([(path, b"msgid \"\"\n") for path in targets])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_a_failed_rename_names_its_file_and_leaves_no_staged_file(tmp_path, monkeypatch):
    targets = [tmp_path / f"{name}.po" for name in ("a", "b", "c")]
    real = os.replace

    def replace(source, target):
        if str(target).endswith("b.po"):
            raise PermissionError(13, "Permission denied")
        real(source, target)
    monkeypatch.setattr(fsio.os, "replace", replace)
    with pytest.raises(OSError) as failed:
        fsio.write_files([(path, b"x") for path in targets])
    assert failed.value.filename == str(tmp_path / "b.po")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_a_second_signal_while_the_command_stops_is_taken_quietly():
    """The first Ctrl-C stops the command; once it has said so, later
    signals are blocked: the interpreter's exit, which puts back their
    default actions, would end the process by the signal, not with 130."""
    script = ("import os, signal, sys\n"
              "from pipeline import cli\n"
              "def stopped(args):\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "cli._run = stopped\n"
              "sys.argv = ['locpipe', 'stats']\n"
              "code = cli.command()\n"
              "os.kill(os.getpid(), signal.SIGINT)  # blocked: the interpreter's exit would take it by default\n"
              "os.kill(os.getpid(), signal.SIGTERM)\n"
              "print(code, cli._signalled, flush=True)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["130", f"[{signal.SIGINT.value}]"]
    assert done.stderr.count("interrupted") == 1 and "Traceback" not in done.stderr


def test_a_source_folder_linked_to_the_project_root_is_refused_and_nothing_swept(bundled_project, capsys):
    """source/ as a link to the project itself (as `source = "."` is
    refused) holds the output: refused, before the clean-up of staged files
    could go over the whole tree."""
    for page in (bundled_project / "source").glob("*.md"):
        page.rename(bundled_project / page.name)
    (bundled_project / "source").rmdir()
    (bundled_project / "source").symlink_to(".")
    notes = bundled_project / "notes" / ".draft.md.locpipe-staged-999999-0a1b2c3d"
    notes.parent.mkdir()
    notes.write_text("a file of the user's", encoding="utf-8")
    assert run(bundled_project, "stats") == 2
    assert "output: error: the output folder (output) overlaps source (source)" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "a file of the user's"


def test_a_template_cache_linked_out_of_the_project_is_refused(bundled_project, tmp_path, capsys):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / ".keep.locpipe-staged-999999-0a1b2c3d").write_text("not locpipe's", encoding="utf-8")
    (bundled_project / ".locpipe-cache").mkdir(exist_ok=True)
    (bundled_project / ".locpipe-cache" / "jinja").symlink_to(outside)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    assert f".locpipe-cache/jinja: error: a symlink to {outside}, outside the project" in capsys.readouterr().err
    # the check for nothing changed, which comes first, may keep the hash of locpipe's code in the cache
    assert {k: v for k, v in tree_checksums(bundled_project).items() if "code-fingerprint" not in k} == before
    assert sorted(p.name for p in outside.iterdir()) == [".keep.locpipe-staged-999999-0a1b2c3d"]


def test_a_languages_date_patterns_are_the_same_in_every_process():
    """Stored compiled in the data cache by their text: month names of one
    length in a set's order made a new pattern, and a cache entry, per run."""
    script = ("from pipeline.checks import dates\n"
              "print([p.pattern for language in ('es', 'fr', 'ru', 'en') for p in dates._language(language).named])\n")
    texts = {subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60,
                            check=True, env=dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED=seed)).stdout
             for seed in ("1", "2", "3", "4")}
    assert len(texts) == 1 and len(next(iter(texts))) > 100


def _output_into_locale(project_root) -> None:
    path = project_root / "pyproject.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("[tool.locpipe]\n", '[tool.locpipe]\noutput = "locale"\n'),
                    encoding="utf-8")


def test_serve_takes_no_settings_that_put_the_output_in_locale(bundled_project):
    """`serve` reads the settings again when they are saved: an output moved
    onto locale/ is refused as `build` refuses it, and no build runs."""
    from pipeline.project import Project
    from pipeline.watch import Workspace
    workspace = Workspace(Project(bundled_project), 0)
    catalogs = sorted(bundled_project.rglob("*.po"))
    _output_into_locale(bundled_project)
    workspace.settings_changed.set()
    workspace.rebuild()
    assert "the output folder (locale) overlaps locale (locale)" in workspace.settings_error
    assert workspace.project.settings.output_dir == "output"
    assert catalogs and sorted(bundled_project.rglob("*.po")) == catalogs


def test_a_build_called_directly_refuses_an_output_in_locale(bundled_project):
    from pipeline.errors import SettingsError
    from pipeline.project import Project
    from pipeline.publish.build import build
    _output_into_locale(bundled_project)
    catalogs = sorted(bundled_project.rglob("*.po"))
    with pytest.raises(SettingsError, match="overlaps locale"):
        build(Project(bundled_project), quiet=True)
    assert catalogs and sorted(bundled_project.rglob("*.po")) == catalogs


@pytest.mark.parametrize("target", ["locale/es/LC_MESSAGES/cytokine-release-syndrome.po",
                                    "source/cytokine-release-syndrome.md", "published/es/x.json", "pyproject.toml",
                                    "output/es.tmx"])
def test_an_export_is_never_written_over_the_projects_files(bundled_project, capsys, target):
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "memory", "export", "es", "-o", str(bundled_project / target)) == 2
    assert "error: an export" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before
    assert run(bundled_project, "export", "xliff", "es", "-o", str(bundled_project / "locale" / "vendor")) == 2
    assert tree_checksums(bundled_project) == before


def test_ctrl_c_during_the_clean_up_of_a_terminated_build_lets_it_finish(bundled_project, monkeypatch, capsys):
    """SIGTERM, then Ctrl-C while the build removes its staged folder: the
    removal runs to its end, the command says "terminated" (the first
    signal), and nothing staged is left."""
    import gc
    from pipeline import cli
    from pipeline.publish import writers
    assert run(bundled_project, "build", "es") in (0, 1)
    before = tree_checksums(bundled_project / "output")
    real_complete, real_remove = writers.complete_staged, fsio.remove

    def terminated_meanwhile(*arguments):
        gc.disable()  # no finaliser runs where the signal lands
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            return real_complete(*arguments)
        finally:
            gc.enable()

    def interrupted_while_removing(path, *arguments, **options):
        os.kill(os.getpid(), signal.SIGINT)
        return real_remove(path, *arguments, **options)
    monkeypatch.setattr(writers, "complete_staged", terminated_meanwhile)
    monkeypatch.setattr(fsio, "remove", interrupted_while_removing)
    catalog = bundled_project / "locale" / "es" / "LC_MESSAGES" / "cytokine-release-syndrome.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 143
    assert "locpipe: terminated" in capsys.readouterr().err
    assert signal.SIGINT in cli._signalled
    assert tree_checksums(bundled_project / "output") == before
    assert not [p.name for p in bundled_project.parent.rglob("*") if fsio.is_staged(p.name)]


def test_an_xliff_export_does_not_write_through_a_link_into_the_project(bundled_project, tmp_path, capsys):
    folder = tmp_path / "to-vendor"
    folder.mkdir()
    catalog = bundled_project / "locale" / "es" / "LC_MESSAGES" / "cytokine-release-syndrome.po"
    (folder / "cytokine-release-syndrome.es.xlf").symlink_to(catalog)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "export", "xliff", "es", "-o", str(folder)) == 2
    assert "cytokine-release-syndrome.es.xlf: error: an export is not written into the project's locale/" \
        in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_serve_refuses_a_link_out_of_the_project_made_while_it_runs(bundled_project, tmp_path):
    from pipeline.project import Project
    from pipeline.watch import Workspace
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    workspace = Workspace(Project(bundled_project), 0)
    (bundled_project / "source" / "evil.md").symlink_to(secret)
    workspace.rebuild()
    assert "a symlink to" in workspace.state.error and "outside the project" in workspace.state.error
    assert not list((bundled_project / "output").rglob("evil*"))  # none, or no output at all


_HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
fcntl.flock(fd, fcntl.LOCK_SH)
print("held", flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock(2)")
def test_a_staged_folder_a_process_of_another_pid_namespace_fills_is_left_alone(bundled_project):
    """A build in a container sharing the project folder stages its output
    under a process id the host does not have: the host's commands take it
    for a dead build's, unless the build holds it locked, as locpipe does
    while it fills the folder. Once the lock goes (the process ended), the
    next command removes it."""
    foreign = f".output.locpipe-staged-{2 ** 22 + 17}.12345-ab12"  # above Linux's largest process id
    staged = bundled_project / foreign
    (staged / "es").mkdir(parents=True)
    (staged / "es" / "page.html").write_text("half a build", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(staged)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        assert run(bundled_project, "stats") == 0
        assert (staged / "es" / "page.html").read_text(encoding="utf-8") == "half a build"
    finally:
        holder.kill()
        holder.wait()
    assert run(bundled_project, "stats") == 0
    assert not staged.exists()


def test_a_build_holds_its_staged_folders_until_they_are_in_place(bundled_project, monkeypatch):
    """The lock is held while the build fills its staged output and records,
    and let go once they are in place or removed: a long-running `serve`
    keeps no descriptor of each build."""
    from pipeline import fsio, inuse
    from pipeline.project import Project
    from pipeline.publish import build as publish_build
    seen = []
    exchange = fsio.exchange

    def exchanging(staged, target, durable=True):
        with inuse.claimed(str(staged)) as free:
            seen.append((staged.name, not free, sorted(inuse._held)))
        return exchange(staged, target, durable)

    monkeypatch.setattr(fsio, "exchange", exchanging)
    publish_build.build(Project(bundled_project), quiet=True, jobs=1)
    assert [(name.startswith(".output.locpipe-staged-"), used) for name, used, _ in seen] == [(True, True)]
    assert len(seen[0][2]) == 2  # the output's and the published/ records'
    assert inuse._held == {}


def test_a_staged_folder_a_sweep_removes_as_it_is_made_is_made_again(tmp_path, monkeypatch):
    """A sweep in another PID namespace may take a folder for an abandoned
    one in the moment between its making and its lock, and remove it: the
    command that made it finds it gone and makes another."""
    from pipeline import inuse
    made = []
    hold = inuse.hold

    def swept_first(folder):
        made.append(folder)
        if len(made) == 1:
            os.rmdir(folder)  # the sweep, between mkdir and the lock
        return hold(folder)

    monkeypatch.setattr(inuse, "hold", swept_first)
    folder = fsio.staged_folder(tmp_path / "output")
    try:
        assert len(made) == 2 and str(folder) == made[1] and folder.is_dir()
        with inuse.claimed(str(folder)) as free:
            assert not free
    finally:
        fsio.remove(folder)
    with inuse.claimed(str(tmp_path)) as free:
        assert free


@pytest.mark.skipif(not os.path.exists("/proc/self/ns/pid"), reason="PID namespaces (Linux)")
def test_a_staged_file_of_another_pid_namespace_is_left_an_hour(bundled_project):
    """A catalog a command in a container is saving: its process id names
    no process here, and a file has no lock, so it is left until it has
    been untouched for an hour; then it is a killed command's."""
    from pipeline import inuse
    other = inuse.pid_namespace() + 1
    catalog = bundled_project / "locale" / "es" / "LC_MESSAGES" / "cytokine-release-syndrome.po"
    saving = catalog.with_name(f".{catalog.name}.locpipe-staged-{2 ** 22 + 17}.12345.n{other}-ab12")
    left = catalog.with_name(f".{catalog.name}.locpipe-staged-{2 ** 22 + 18}.12345.n{other}-cd34")
    mine = catalog.with_name(f".{catalog.name}.locpipe-staged-{2 ** 22 + 19}.12345.n{other - 1}-ef56")
    for path in (saving, left, mine):
        path.write_text("a catalog being saved", encoding="utf-8")
    hours_ago = time.time() - 2 * inuse.FOREIGN_FILE_SECONDS
    os.utime(left, (hours_ago, hours_ago))
    assert run(bundled_project, "stats") == 0
    assert saving.exists() and not left.exists() and not mine.exists()  # mine: this namespace, no such process


def test_a_staged_name_says_its_process_and_namespace():
    from pipeline import inuse
    name = inuse.staged_name("x.po")
    match = inuse._STAGED_NAME.match(name)
    assert match and int(match["pid"]) == os.getpid()
    assert match["namespace"] == (None if inuse.pid_namespace() is None else str(inuse.pid_namespace()))


def test_a_staged_name_with_an_impossible_process_id_is_swept_not_fatal(bundled_project):
    forged = bundled_project / "source" / ".x.locpipe-staged-99999999999999999999.5-ab"
    forged.write_text("made by hand", encoding="utf-8")
    assert run(bundled_project, "stats") == 0
    assert not forged.exists()


def test_a_file_system_mounted_on_a_staged_name_is_left_whole(bundled_project, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "data.txt").write_text("precious", encoding="utf-8")
    staged = bundled_project / ".q.locpipe-staged-999999.1-ab"
    staged.mkdir()
    if subprocess.run(["mount", "--bind", str(victim), str(staged)], capture_output=True).returncode != 0:
        pytest.skip("a bind mount needs root")
    try:
        assert run(bundled_project, "stats") == 0
        assert (victim / "data.txt").read_text(encoding="utf-8") == "precious"
    finally:
        subprocess.run(["umount", str(staged)], check=True)


def test_a_folder_another_process_holds_is_given_up_not_waited_on_for_ever(tmp_path, monkeypatch):
    from pipeline import inuse
    monkeypatch.setattr(inuse, "HOLD_WAIT_SECONDS", 0.3)
    folder = tmp_path / ".output.locpipe-staged-1-ab"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER.replace("LOCK_SH", "LOCK_EX"), str(folder)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        assert inuse.hold(str(folder)) is False and time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()
    assert inuse.hold(str(folder)) is True
    inuse.release(str(folder))


def test_without_flock_another_namespaces_folder_is_judged_by_its_age(tmp_path, monkeypatch):
    """A file system without flock cannot say whether a container's build
    holds its staged folder: a folder touched within the hour is left."""
    import fcntl
    from pipeline import inuse
    if inuse.pid_namespace() is None:
        pytest.skip("PID namespaces (Linux)")
    real_flock = fcntl.flock

    def no_locks(fd, operation):
        if operation & fcntl.LOCK_EX:
            raise OSError(37, "No locks available")
        return real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", no_locks)
    other = inuse.pid_namespace() + 1
    live = tmp_path / f".output.locpipe-staged-{2 ** 22 + 1}.5.n{other}-ab"
    old = tmp_path / f".published.locpipe-staged-{2 ** 22 + 2}.5.n{other}-cd"
    live.mkdir()
    old.mkdir()
    hours_ago = time.time() - 2 * inuse.FOREIGN_FILE_SECONDS
    os.utime(old, (hours_ago, hours_ago))
    assert fsio.remove_abandoned([tmp_path], []) == [old]
    assert live.is_dir()
