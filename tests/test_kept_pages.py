"""The pages a build keeps from the output: checked against the bytes the
build that made them recorded and hard-linked into the staged folder, by
the command and a forked process at once (publish/writers.KeptLinks), and
checked once more before the exchange (writers.check_kept)."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO, run, tree_checksums
from pipeline import cli, fsio, jobs
from pipeline.errors import LocpipeError
from pipeline.project import Project
from pipeline.publish import writers
from pipeline.publish.state import STATE_FILE, StagedFile

SLUG = "cytokine-release-syndrome"
forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                            reason="the pages are shared with a forked process only where fork is the start method")


def _claim_all(pages: list):
    starts = list(range(0, len(pages), writers.KEPT_CHUNK))
    return lambda: starts.pop(0) if starts else None


def _page(root, name: str, data: bytes) -> tuple[str, StagedFile]:
    path = root.joinpath(*name.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name, StagedFile(hashlib.sha256(data).hexdigest(), len(data))


@pytest.fixture
def site(tmp_path):
    """A project's output with one page, and the folder a build stages."""
    project = Project(tmp_path)
    output = project.output_dir
    staged = tmp_path / ".output.locpipe-staged-1.1-ab12"
    staged.mkdir()
    return project, output, staged, _page(output, "es/a.html", b"<p>Llame al 911.</p>")


def _refused(project, staged, pages, checked, says: str) -> None:
    with pytest.raises(LocpipeError) as raised:
        writers.check_kept(project, staged, pages, [], checked)
    assert raised.value.path.endswith("output/es/a.html") and says in str(raised.value)


def test_a_kept_page_is_linked_only_when_its_bytes_are_those_recorded(site):
    project, output, staged, good = site
    name, recorded = _page(output, "es/b.html", b"<p>Llame al 911.</p>")
    (output / "es" / "b.html").write_bytes(b"<p>Llame al 119.</p>")  # same size, other bytes
    pages = [good, (name, recorded)]
    checked = writers.link_checked(output, staged, pages, _claim_all(pages))
    assert list(checked) == ["es/a.html"]
    assert os.path.samefile(staged / "es" / "a.html", output / "es" / "a.html")
    writers.check_kept(project, staged, [good], [], checked)


def test_a_page_written_in_place_after_it_was_checked_is_refused(site):
    """The link shares the page's file: a write into the output's page after
    the check (same size, its modification time put back) is in the staged
    page too, and the check before the exchange finds it."""
    project, output, staged, page = site
    checked = writers.link_checked(output, staged, [page], _claim_all([page]))
    path = output / "es" / "a.html"
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.seek(12)
        handle.write(b"1")  # 911 -> 111
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    _refused(project, staged, [page], checked, "changed since the build that made it")


def test_a_page_swapped_between_its_open_and_its_link_is_read_again(site, monkeypatch):
    """Another file renamed over the page after it was opened: the link
    leads to bytes nobody read, so they are read before the exchange."""
    project, output, staged, page = site
    real_link = os.link

    def swapping(source, target, **kwargs):
        other = output / "es" / "other"
        other.write_bytes(b"<p>Llame al 119.</p>")
        os.replace(other, source)
        return real_link(source, target, **kwargs)
    monkeypatch.setattr(os, "link", swapping)
    assert writers.link_checked(output, staged, [page], _claim_all([page])) == {}
    monkeypatch.undo()
    _refused(project, staged, [page], {}, "changed since the build that made it")


@pytest.mark.parametrize("gone", ["deleted", "a folder", "a FIFO", "a symlink to its copy"])
def test_a_page_gone_or_no_longer_a_file_is_refused_without_waiting(site, gone):
    """What the manifest would list must be in the output: a kept page
    deleted during the build, or made a folder or a FIFO (never opened so
    as to wait for a writer), stops the build. So does a symlink, even to a
    file of the output with the page's bytes (a deduplicating tool's work):
    once the new output is in place it leads to that file's new bytes."""
    project, output, staged, page = site
    path = output / "es" / "a.html"
    if gone == "a symlink to its copy":
        path.rename(output / "es" / "copy.html")
    else:
        path.unlink()
    if gone == "a folder":
        path.mkdir()
    elif gone == "a FIFO":
        os.mkfifo(path)
    elif gone == "a symlink to its copy":
        path.symlink_to(output / "es" / "copy.html")
    signal.alarm(20)  # a test that waits on the FIFO fails instead of hanging
    try:
        assert writers.link_checked(output, staged, [page], _claim_all([page])) == {}
        fsio.link_tree(output, staged, set())
        _refused(project, staged, [page], {}, "gone, or no longer a file")
    finally:
        signal.alarm(0)


def test_a_page_in_a_symlinked_folder_is_left_to_the_tree_link(tmp_path):
    """A symlinked folder of the output stays a symlink in the new output
    (fsio.link_tree): no plain folder is made for its pages."""
    output, staged, elsewhere = tmp_path / "output", tmp_path / "staged", tmp_path / "elsewhere"
    staged.mkdir()
    page = _page(elsewhere, "es/a.html", b"<p>Llame al 911.</p>")
    output.mkdir()
    (output / "es").symlink_to(elsewhere / "es")
    assert writers.link_checked(output, staged, [page], _claim_all([page])) == {}
    assert not (staged / "es").exists()


def _ends_itself() -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 1


@forked
def test_a_background_process_gives_its_result_or_none_when_it_ends():
    assert jobs.Background(lambda: {"a", "b"}, 2).result() == {"a", "b"}
    assert jobs.Background(_ends_itself, 2).result() is None
    assert jobs.Background(lambda: 1 / 0, 2).result() is None
    assert jobs.Background(lambda: {"a"}, 1).result() is None  # one process asked for: nothing forked


def test_a_shared_cursor_gives_every_chunk_once_from_both_ends():
    cursor = jobs.SharedCursor(100, 7)
    starts = [cursor.front(), cursor.back(), cursor.back()]
    while (start := cursor.front()) is not None:
        starts.append(start)
    assert sorted(starts) == list(range(0, 100, 7)) and cursor.back() is None


@forked
def test_kept_pages_are_shared_in_chunks_with_a_forked_process(tmp_path):
    output, staged = tmp_path / "output", tmp_path / "staged"
    staged.mkdir()
    pages = [_page(output, f"{language}/doc{n}.html", f"{language} {n}".encode())
             for language in ("es", "ar", "zh") for n in range(100)]
    cursor = jobs.SharedCursor(len(pages), writers.KEPT_CHUNK)
    other = jobs.Background(lambda: writers.link_checked(output, staged, pages, cursor.front), 2)
    mine = writers.link_checked(output, staged, pages, cursor.back)
    theirs = other.result()
    assert set(mine) | set(theirs) == {name for name, _ in pages}
    assert all(os.path.samefile(staged / name, output / name) for name, _ in pages)


@forked
def test_a_changed_page_is_refused_when_the_process_that_took_it_ends(bundled_project, monkeypatch, capsys):
    """The forked process takes every kept page and is killed before it
    links one: the command links them and reads each, and still refuses the
    one changed since its build."""
    second = bundled_project / "source" / "second.md"
    second.write_text("# Second\n\nRest when you are tired.\n", encoding="utf-8")
    assert run(bundled_project, "build", "es") in (0, 1)
    command, real = os.getpid(), writers.link_checked

    def taken_then_killed(output, folder, pages, claim):
        if os.getpid() != command:
            while claim() is not None:
                pass
            os.kill(os.getpid(), signal.SIGKILL)
        return real(output, folder, pages, claim)
    monkeypatch.setattr(writers, "link_checked", taken_then_killed)
    page = bundled_project / "output" / "en" / f"{SLUG}.html"
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<p>", b"<p>X", 1)[:len(data)])
    second.write_text("# Second\n\nRest when you feel tired.\n", encoding="utf-8")
    before = tree_checksums(bundled_project / "output")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 2
    assert f"output/en/{SLUG}.html: error: changed since the build that made it" in capsys.readouterr().err
    assert tree_checksums(bundled_project / "output") == before
    page.write_bytes(data)
    assert run(bundled_project, "build", "es") in (0, 1)
    assert page.read_bytes() == data


def test_an_index_file_replaced_before_it_is_linked_is_refused(bundled_project, monkeypatch, capsys):
    """An index file the build makes with the bytes the output holds is not
    written but linked from the output: one replaced in between (a deploy
    hook) is found before the exchange."""
    second = bundled_project / "source" / "second.md"
    second.write_text("# Second\n\nRest when you are tired.\n", encoding="utf-8")
    assert run(bundled_project, "build", "es") in (0, 1)
    real = fsio.link_tree

    def replaced_first(source, target, skip):
        index = source / "index.html"
        index.with_name("new").write_bytes(index.read_bytes().replace(b"<html", b"<html data-x", 1))
        os.replace(index.with_name("new"), index)
        return real(source, target, skip)
    monkeypatch.setattr(fsio, "link_tree", replaced_first)
    second.write_text("# Second\n\nRest when you are tired.\n\nDrink water.\n", encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 2
    assert "output/index.html: error: changed since the build that made it" in capsys.readouterr().err


def test_a_folder_of_the_output_keeps_its_mode_whichever_process_makes_it(site):
    """A job that writes a page makes its folder in the staged folder, as
    may the process that links the kept pages: the folder takes the mode of
    the output's, as one link_tree makes does."""
    project, output, staged, page = site
    (output / "es").chmod(0o750)
    fsio.write_new(fsio.make_parents(staged, "es/b.html"), b"<p>Nuevo</p>")  # as a job writes its page
    fsio.write_new(staged / STATE_FILE, b"{}")
    writers.complete_staged(project, staged, ["es/b.html"], [])
    assert (staged / "es").stat().st_mode & 0o777 == 0o750
    assert os.path.samefile(staged / "es" / "a.html", output / "es" / "a.html")


@pytest.mark.parametrize("processes", [1, 2])
def test_the_previous_output_is_gone_when_the_build_ends_even_if_it_fails(tmp_path, processes):
    old, records = tmp_path / ".output.locpipe-staged-1.1-ab12", tmp_path / ".published.locpipe-staged-1.1-ab12"
    _page(old, "es/a.html", b"<p>Llame al 911.</p>")
    records.mkdir()
    with jobs.removed_meanwhile(old, processes, also=records):
        pass
    assert not old.exists() and not records.exists()
    _page(old, "es/a.html", b"<p>Llame al 911.</p>")
    with pytest.raises(KeyError), jobs.removed_meanwhile(old, processes, also=records):
        raise KeyError("stamp")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("record", ["output/.locpipe-build.json", "output/manifest.json", "output/reports/es/{slug}.json",
                                    ".locpipe-cache/stats.json"])
def test_a_fifo_among_the_outputs_records_is_not_waited_on(bundled_project, record):
    """The build state, the manifest and a kept report are read from the
    output, and the data cache's entries from its folder: a FIFO put in the
    place of one is taken for a missing record (the build makes it again),
    not opened so as to wait for a writer."""
    assert run(bundled_project, "build", "es") in (0, 1)
    path = sorted(bundled_project.glob(record.format(slug=SLUG)))[0]
    path.unlink()
    os.mkfifo(path)
    _edit_catalog(bundled_project)
    signal.alarm(60)
    try:
        assert run(bundled_project, "build", "es") in (0, 1)
        assert run(bundled_project, "stats") in (0, 1)
    finally:
        signal.alarm(0)
    assert path.is_file()


def test_a_fifo_in_the_data_cache_is_passed_over(tmp_path):
    """The data cache is an accelerator: an entry that is a FIFO (or a
    device) is passed over as a missing one, never waited on nor read."""
    from jinja2.bccache import Bucket

    from pipeline import datacache
    from pipeline.render.html import _BytecodeCache, environment
    os.mkfifo(tmp_path / "entry.pickle")
    os.mkfifo(tmp_path / "record.json")
    bucket = Bucket(environment(), "key", "checksum")
    os.mkfifo(tmp_path / "__jinja2_key.cache")
    signal.alarm(20)
    try:
        assert datacache.load_pickle(tmp_path / "entry.pickle") is None
        _BytecodeCache(tmp_path).load_bytecode(bucket)
        with pytest.MonkeyPatch.context() as patched:
            patched.setenv("LOCPIPE_CACHE_DIR", str(tmp_path))
            assert datacache.read_record("record") == {}
    finally:
        signal.alarm(0)
    assert bucket.code is None


@contextlib.contextmanager
def _scratch_for_nobody():
    """A folder in /tmp, which the unprivileged user of _as_nobody can reach
    (pytest's tmp_path is root's alone)."""
    with tempfile.TemporaryDirectory() as scratch:
        os.chmod(scratch, 0o755)
        yield Path(scratch)


def _give_to_nobody(*roots: Path) -> None:
    if os.geteuid() == 0:
        for root in roots:
            for path in [root, *root.rglob("*")]:
                os.chown(path, 65534, 65534)


def _edit_catalog(project: Path) -> None:
    """A change to the Spanish catalog's bytes, so that the next build writes."""
    catalog = project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _unmount_inside(project: Path) -> None:
    """Every mount inside the project, wherever a build moved it, innermost first."""
    for point in reversed(fsio.mounts_inside(project)):
        subprocess.run(["umount", point], check=True)


def _as_nobody(call) -> int:
    """Run call() in a forked process as an unprivileged user (one root's
    permission to write anywhere would not show a read-only folder)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            call()
            code = 0
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@forked
def test_the_previous_output_is_removed_with_its_read_only_folders():
    """A folder made read-only in the output (its mode is copied to the new
    output's) would keep its files, and the old output with them, for good:
    the removal makes it writable first."""
    with _scratch_for_nobody() as scratch:
        old = scratch / "project" / ".output.locpipe-staged-1.1-ab12"
        _page(old, "es/a.html", b"<p>Llame al 911.</p>")
        _page(old, "es/deeper/b.html", b"<p>Llame al 911.</p>")
        _give_to_nobody(old.parent)
        for folder in (old / "es" / "deeper", old / "es"):
            folder.chmod(0o555)
        assert _as_nobody(lambda: fsio.remove(old)) == 0
        assert not old.exists()


@pytest.mark.parametrize("mount", [["-t", "tmpfs", "tmpfs"], ["--bind", "{elsewhere}"]])
def test_a_mount_point_inside_the_output_stops_the_build_and_keeps_its_files(bundled_project, tmp_path, mount):
    """A file system mounted inside the output, or a folder bound there
    from the same file system (same device number), would go with the old
    output and be emptied by its removal: the build refuses before the
    exchange."""
    assert run(bundled_project, "build", "es") in (0, 1)
    folder = bundled_project / "output" / "es"
    (tmp_path / "elsewhere").mkdir()
    arguments = [part.format(elsewhere=tmp_path / "elsewhere") for part in mount]
    if subprocess.run(["mount", *arguments, str(folder)], capture_output=True).returncode != 0:
        pytest.skip("mounting needs root (CAP_SYS_ADMIN)")
    try:
        (folder / "mine.txt").write_text("not locpipe's", encoding="utf-8")
        _edit_catalog(bundled_project)
        assert run(bundled_project, "build", "es") == 2
        assert fsio.mounts_inside(bundled_project / "output") == [str(folder)]
        assert (folder / "mine.txt").read_text(encoding="utf-8") == "not locpipe's"
        assert not [p for p in bundled_project.iterdir() if fsio.is_staged(p.name)]
    finally:  # wherever the mount went (a build that moved it with the old output)
        _unmount_inside(bundled_project)


def test_a_build_terminated_removes_what_it_staged(bundled_project, monkeypatch, capsys):
    """SIGTERM (`kill`, `docker stop`) stops a build as Ctrl-C does: exit
    143 with a message, the output as it was, and nothing staged left, where
    the signal's default would leave the staged folders to the next command."""
    assert run(bundled_project, "build", "es") in (0, 1)
    before = tree_checksums(bundled_project / "output")
    real = writers.complete_staged

    def terminated_meanwhile(*arguments):
        gc.disable()  # no finaliser runs where the signal lands: one would drop its exception (tested below)
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            return real(*arguments)
        finally:
            gc.enable()
    monkeypatch.setattr(writers, "complete_staged", terminated_meanwhile)
    _edit_catalog(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 143
    assert "locpipe: terminated" in capsys.readouterr().err
    assert tree_checksums(bundled_project / "output") == before
    assert not [p.name for p in bundled_project.rglob("*") if fsio.is_staged(p.name)]
    assert signal.getsignal(signal.SIGTERM) is not cli._terminated  # the handler is the command's only


@forked
def test_a_read_only_folder_of_the_output_is_filled_before_it_takes_its_mode():
    """The staged copy of a read-only folder takes the folder's mode once it
    holds its files: taken first, it would refuse them to a user who is not
    root, and no build could publish again."""
    with _scratch_for_nobody() as scratch:
        output, staged = scratch / "output", scratch / "staged"
        _page(output, "es/deeper/a.html", b"<p>Llame al 911.</p>")
        staged.mkdir()
        _give_to_nobody(output, staged)
        for folder in (output / "es" / "deeper", output / "es"):
            folder.chmod(0o555)
        assert _as_nobody(lambda: fsio.link_tree(output, staged, set())) == 0
        assert os.path.samefile(staged / "es" / "deeper" / "a.html", output / "es" / "deeper" / "a.html")
        assert (staged / "es").stat().st_mode & 0o777 == (staged / "es" / "deeper").stat().st_mode & 0o777 == 0o555
        for folder in (output / "es", output / "es" / "deeper", staged / "es", staged / "es" / "deeper"):
            folder.chmod(0o755)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the one the signal raised
@pytest.mark.parametrize("number, code, said", [(signal.SIGTERM, 143, "terminated"),
                                                (signal.SIGINT, 130, "interrupted")])
def test_a_terminate_signal_lost_in_a_finaliser_still_stops_the_command(bundled_project, monkeypatch, capsys,
                                                                        number, code, said):
    """Python drops an exception raised while a __del__ runs: a SIGTERM or
    a Ctrl-C that lands then would be lost, and the command would end as if
    none came. It still exits 143 or 130."""
    assert run(bundled_project, "build", "es") in (0, 1)
    real = writers.complete_staged

    class Finalised:
        def __del__(self):
            os.kill(os.getpid(), number)
            sum(range(1000))  # the handler runs here, inside __del__

    def terminated_in_a_finaliser(*arguments):
        Finalised()
        return real(*arguments)
    monkeypatch.setattr(writers, "complete_staged", terminated_in_a_finaliser)
    _edit_catalog(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == code
    assert f"locpipe: {said}" in capsys.readouterr().err


def test_ctrl_c_at_a_terminal_ends_a_forked_process_quietly():
    """A terminal's Ctrl-C reaches the command's whole process group: a
    forked process (a pool's, the kept pages', the manifest's) ends as
    processes do, without a traceback of its own; the command says
    "interrupted" once."""
    script = ("import os, signal, sys, time\n"
              "from pipeline import cli, jobs\n"
              "signal.signal(signal.SIGINT, cli._interrupted)  # as cli.main takes Ctrl-C\n"
              "other = jobs.Background(lambda: time.sleep(60), 2)\n"
              "time.sleep(0.5)\n"
              "os.kill(other._process.pid, signal.SIGINT)\n"
              "other._process.join(30)\n"
              "print(other._process.exitcode)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=90,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert (done.stdout.strip(), done.stderr) == (str(-signal.SIGINT), "")


@forked
def test_a_folder_of_the_output_that_cannot_be_listed_stops_the_build():
    """os.walk passes over a folder it cannot list: its staged copy would be
    published empty and the old one, with the files, removed. link_tree
    stops instead, before anything is exchanged."""
    with _scratch_for_nobody() as scratch:
        output, staged = scratch / "output", scratch / "staged"
        _page(output, "uploads/secret.txt", b"not locpipe's")
        staged.mkdir()
        _give_to_nobody(output, staged)
        (output / "uploads").chmod(0o333)  # enter and write, not list

        def refused() -> None:
            try:
                fsio.link_tree(output, staged, set())
            except LocpipeError as error:
                assert "cannot be listed" in str(error) and error.path.endswith("uploads")
                return
            raise AssertionError("linked without the folder's files")
        try:
            assert _as_nobody(refused) == 0
        finally:
            (output / "uploads").chmod(0o755)
        assert (output / "uploads" / "secret.txt").read_bytes() == b"not locpipe's"


def test_a_mount_made_during_the_build_stops_the_exchange(bundled_project, tmp_path, monkeypatch):
    """A folder mounted inside the output after the staged tree was
    completed would leave with the old output: the exchange looks again."""
    assert run(bundled_project, "build", "es") in (0, 1)
    folder, elsewhere = bundled_project / "output" / "assets", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("not locpipe's", encoding="utf-8")
    real = writers.complete_staged

    def mounted_meanwhile(*arguments):
        real(*arguments)
        if subprocess.run(["mount", "--bind", str(elsewhere), str(folder)], capture_output=True).returncode:
            pytest.skip("mounting needs root (CAP_SYS_ADMIN)")
    monkeypatch.setattr(writers, "complete_staged", mounted_meanwhile)
    _edit_catalog(bundled_project)
    try:
        assert run(bundled_project, "build", "es") == 2
        assert fsio.mounts_inside(bundled_project / "output") == [str(folder)]
        assert (folder / "mine.txt").read_text(encoding="utf-8") == "not locpipe's"
    finally:
        _unmount_inside(bundled_project)


def test_a_terminate_signal_turned_into_another_error_still_stops_the_command(bundled_project, monkeypatch,
                                                                              capsys):
    """Library code the signal interrupts may raise its own error instead
    (a process pool starting up: "cannot join thread before it is
    started"): the command still says it was terminated, with 143 and no
    traceback."""
    real = writers.complete_staged

    def broken_by_the_signal(*arguments):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(1000))
        except KeyboardInterrupt:
            raise RuntimeError("cannot join thread before it is started") from None
        return real(*arguments)
    monkeypatch.setattr(writers, "complete_staged", broken_by_the_signal)
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 143
    assert "locpipe: terminated" in capsys.readouterr().err


def test_a_terminate_signal_before_the_command_starts_its_work_still_stops_it(monkeypatch, capsys):
    """A SIGTERM while the command still imports its modules (before its
    own handling of errors) ends it as any other: 143, no traceback."""
    def importing(args):
        raise cli.Terminated()
    monkeypatch.setattr(cli, "_run", importing)
    assert cli.main(["stats"]) == 143
    assert capsys.readouterr().err == "locpipe: terminated; files already written are complete, others unchanged\n"


def test_the_exception_a_signal_raises_in_a_finaliser_is_not_printed(bundled_project, monkeypatch, capsys):
    """Python prints an exception it cannot raise (in a finaliser, a fork
    hook): the signal's own is not printed, the command's message says it."""
    import sys
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: seen.append(unraisable.exc_type))

    class Finalised:
        def __del__(self):
            raise cli.Terminated()

    def finalising(args):
        Finalised()
        return 0
    monkeypatch.setattr(cli, "_run", finalising)
    assert cli.main(["stats"]) == 0
    assert seen == []


def test_build_verify_reads_the_output_against_its_manifest(bundled_project, capsys):
    """A build with nothing to do reads no page; `--verify` reads every file
    the manifest lists and names each that is not the bytes listed."""
    assert run(bundled_project, "build", "es") in (0, 1)
    assert run(bundled_project, "build", "es", "--verify") in (0, 1)
    page = bundled_project / "output" / "es" / f"{SLUG}.html"
    data = page.read_bytes()
    edited = data.replace(b"<p>", b"<P>", 1)
    assert edited != data
    with open(page, "r+b") as handle:  # in place, same size: what a hand edit of a page does
        handle.write(edited)
    capsys.readouterr()
    assert run(bundled_project, "build", "es") in (0, 1)  # nothing changed in the project: no page read
    assert run(bundled_project, "build", "es", "--verify") == 2
    assert f"output/es/{SLUG}.html: error: changed since the build that made it" in capsys.readouterr().err
    with open(page, "r+b") as handle:
        handle.write(data)
    assert run(bundled_project, "build", "es", "--verify") in (0, 1)


def test_verify_output_refuses_a_symlink_a_missing_file_and_a_path_out_of_the_output(bundled_project):
    assert run(bundled_project, "build", "es") in (0, 1)
    output = bundled_project / "output"
    page = output / "es" / f"{SLUG}.html"
    page.rename(output / "es" / "copy.html")
    page.symlink_to(output / "es" / "copy.html")  # the same bytes, through a symlink
    (output / "en" / f"{SLUG}.txt").unlink()
    manifest = output / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        f'"path": "es/{SLUG}.txt"', '"path": "../locpipe.toml"', 1), encoding="utf-8")
    found = {str(path.relative_to(bundled_project)): problem for path, problem in
             writers.verify_output(Project(bundled_project))}
    assert found[f"output/es/{SLUG}.html"].startswith("gone, or no longer a file")
    assert found[f"output/en/{SLUG}.txt"].startswith("gone, or no longer a file")
    assert found["output/manifest.json"] == "lists '../locpipe.toml', no path inside the output"
    assert len(found) == 3


def test_a_catalog_that_cannot_be_read_is_said_so(bundled_project, monkeypatch):
    """A catalog the build cannot read: one that is no regular file is named
    (never waited on); one the system refuses goes to the catalog reader,
    which says why (root reads it: here it parses)."""
    from pipeline.publish import jobs as page_jobs
    project = Project(bundled_project)
    catalog = project.catalog_path(SLUG, "es")
    data = catalog.read_bytes()
    catalog.unlink()
    os.mkfifo(catalog)
    with pytest.raises(LocpipeError, match="cannot be read: not a regular file"):
        page_jobs._read_bytes_once(project, SLUG, "es")
    catalog.unlink()
    catalog.write_bytes(data)

    def refused(path, follow=True):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(fsio, "read_regular", refused)
    po, read = page_jobs._read_bytes_once(project, SLUG, "es")
    assert read == b"" and len(po) > 0
