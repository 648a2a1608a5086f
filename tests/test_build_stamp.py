"""A build with nothing to do answers from one walk of the project
(publish/stamp.py): it says what the long way says, and any change to what
a build reads or writes sends it the long way."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import run
from pipeline import datacache
from pipeline.project import Project
from pipeline.publish.stamp import stamp_path

SLUG = "cytokine-release-syndrome"
STATE = "output/.locpipe-build.json"


def _spoil_state(project: Path) -> None:
    """A build state the long way cannot use: it would build everything
    again and write a new one, so a state left as it is shows the build
    answered from the stamp."""
    (project / STATE).write_bytes(b"{}")


def _answered_from_stamp(project: Path) -> bool:
    return (project / STATE).read_bytes() == b"{}"


@pytest.fixture
def built(tmp_path, capsys):
    from conftest import copy_bundled_project
    project = copy_bundled_project(tmp_path / "project", '["es", "ar"]')
    assert run(project, "build") == 0
    capsys.readouterr()
    return project


def _set_text_keeping_times(path: Path, old: str, new: str) -> None:
    """Change a file's bytes but neither its size nor its modification time
    (as `rsync --inplace -t` or a careless tool can)."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    data = path.read_text(encoding="utf-8")
    assert old in data
    path.write_text(data.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_nothing_changed_answers_from_the_stamp_and_says_what_the_long_way_says(built, capsys):
    project = built
    assert run(project, "build") == 0  # the long way once more: its words, to compare
    long_way = capsys.readouterr()
    _spoil_state(project)
    pages = sorted(str(p.relative_to(project)) for p in (project / "output").rglob("*"))
    assert run(project, "build") == 0
    stamped = capsys.readouterr()
    assert _answered_from_stamp(project)
    assert (stamped.out, stamped.err) == (long_way.out, long_way.err)
    assert "0 files written" in stamped.out
    assert sorted(str(p.relative_to(project)) for p in (project / "output").rglob("*")) == pages


def _edit_catalog(project: Path) -> tuple[str, str]:
    path = project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    _set_text_keeping_times(path, 'msgstr "El tipo de cáncer', 'msgstr "EL TIPO de cáncer')
    return f"output/es/{SLUG}.html", "EL TIPO de cáncer"


def _edit_source(project: Path) -> tuple[str, str]:
    _set_text_keeping_times(project / "source" / f"{SLUG}.md", "fever", "fevar")
    return f"output/en/{SLUG}.html", "fevar"


def _delete_page(project: Path) -> None:
    os.remove(project / "output" / "es" / f"{SLUG}.txt")


def _delete_record(project: Path) -> None:
    os.remove(project / "published" / "es" / f"{SLUG}.json")


def _edit_settings(project: Path) -> None:
    with open(project / "pyproject.toml", "a", encoding="utf-8") as settings:
        settings.write("\n")


CHANGES = {"a catalog's bytes, times kept": _edit_catalog, "the source's bytes, times kept": _edit_source,
           "a page deleted": _delete_page, "a published record deleted": _delete_record,
           "the settings": _edit_settings}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_goes_the_long_way(built, capsys, change):
    project = built
    _spoil_state(project)
    expected = CHANGES[change](project)
    assert run(project, "build") == 0
    capsys.readouterr()
    assert not _answered_from_stamp(project)
    json.loads((project / STATE).read_text(encoding="utf-8"))
    assert (project / "output" / "es" / f"{SLUG}.txt").is_file()
    assert (project / "published" / "es" / f"{SLUG}.json").is_file()
    if expected:
        page, text = expected
        assert text in (project / page).read_text(encoding="utf-8")


def test_another_day_languages_or_options_go_the_long_way(built, capsys, monkeypatch):
    project = built
    for args, epoch in ((["es"], None), (["--allow-incomplete"], None), ([], "1750132000")):
        assert run(project, "build") == 0
        _spoil_state(project)
        if epoch:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert run(project, "build", *args) == 0
        assert not _answered_from_stamp(project), args or epoch
    capsys.readouterr()


def test_a_link_out_of_the_project_or_a_staged_leftover_is_seen(built, capsys, tmp_path):
    project = built
    leftover = project / "locale" / "es" / "LC_MESSAGES" / f".{SLUG}.po.locpipe-staged-999999-0a1b2c3d"
    leftover.write_text("half a catalog", encoding="utf-8")
    assert run(project, "build") == 0
    assert not leftover.exists()
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Secret\n", encoding="utf-8")
    (project / "source" / "secret.md").symlink_to(outside)
    assert run(project, "build") == 2
    assert "outside the project" in capsys.readouterr().err


def test_a_recent_file_is_read_and_compared(built, capsys):
    """A file changed within the clock's tick of the stamp keeps its times
    through a second change: its bytes are compared with those the build
    read."""
    project = built
    assert run(project, "build") == 0
    datacache.use_project_cache(project / datacache.PROJECT_FOLDER)
    path = stamp_path(Project(project))
    stamp = datacache.load_pickle(path)
    catalog = str(project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po")
    # as if the catalog had been written just before the build that left the stamp
    datacache.store_file(path, datacache.dump_pickle(dataclasses.replace(stamp, recent={catalog: "0" * 64})))
    _spoil_state(project)
    assert run(project, "build") == 0
    assert not _answered_from_stamp(project)
    stamp = datacache.load_pickle(path)  # the long way's, of the output it made
    datacache.store_file(path, datacache.dump_pickle(dataclasses.replace(stamp, recent={})))
    _spoil_state(project)
    assert run(project, "build") == 0
    assert _answered_from_stamp(project)
    capsys.readouterr()


def test_without_a_data_cache_every_build_goes_the_long_way(built, capsys, monkeypatch):
    project = built
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
    assert run(project, "build") == 0
    _spoil_state(project)
    assert run(project, "build") == 0
    assert not _answered_from_stamp(project)
    shutil.rmtree(project / "output")
    capsys.readouterr()



def test_a_build_the_stamp_did_not_see_is_seen(built, capsys, monkeypatch):
    """A build with the data cache off leaves the stamp as it was, but its
    output is another folder (the exchange), with other inodes."""
    project = built
    os.remove(project / "output" / "es" / f"{SLUG}.txt")
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
    assert run(project, "build", "--allow-incomplete") == 0
    monkeypatch.delenv("LOCPIPE_CACHE_DIR")
    _spoil_state(project)
    assert run(project, "build") == 0
    assert not _answered_from_stamp(project)
    capsys.readouterr()


def _newline_name(project: Path) -> None:
    """One file whose name joins two names with a newline, for two files."""
    os.remove(project / "output" / "index.html")
    os.remove(project / "output" / "manifest.json")
    (project / "output" / "index.html\nmanifest.json").write_text("", encoding="utf-8")


def _fifo_page(project: Path) -> None:
    page = project / "output" / "es" / f"{SLUG}.txt"
    os.remove(page)
    os.mkfifo(page)


@pytest.mark.parametrize("change", [_newline_name, _fifo_page])
def test_what_the_output_listing_cannot_vouch_for_goes_the_long_way(built, capsys, change):
    project = built
    _spoil_state(project)
    change(project)
    assert run(project, "build") == 0
    assert not _answered_from_stamp(project)
    for name in ("index.html", "manifest.json", f"es/{SLUG}.txt"):
        assert (project / "output" / name).is_file()
    capsys.readouterr()


def test_a_leftover_in_the_data_cache_is_removed(built, capsys):
    leftover = project_cache = built / datacache.PROJECT_FOLDER / ".stats.json.locpipe-staged-999999-0a1b2c3d"
    leftover.write_text("half a file", encoding="utf-8")
    assert run(built, "build") == 0
    assert not leftover.exists() and project_cache.parent.is_dir()
    capsys.readouterr()


def test_a_symlink_on_the_way_to_a_nested_source_folder_is_refused(tmp_path, capsys):
    """`source = "docs/src"` with docs/ a symlink out of the project: the
    last part of the path is no link, the folder still is elsewhere."""
    from conftest import copy_bundled_project
    project = copy_bundled_project(tmp_path / "project", '["es"]')
    outside = tmp_path / "outside"
    (outside / "src").mkdir(parents=True)
    for page in (project / "source").iterdir():
        shutil.copy(page, outside / "src" / page.name)
    shutil.rmtree(project / "source")
    (project / "docs").symlink_to(outside)
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[tool.locpipe]\n", '[tool.locpipe]\nsource = "docs/src"\n', 1), encoding="utf-8")
    for _ in range(2):  # the long way, then where a stamp could answer
        assert run(project, "build") == 2
        assert "outside the project" in capsys.readouterr().err


def test_the_first_build_of_a_project_leaves_a_stamp(tmp_path, capsys):
    """A first build makes published/ itself: the next build answers at once."""
    from conftest import copy_bundled_project
    project = copy_bundled_project(tmp_path / "project", '["es"]')
    assert not (project / "published").exists()
    assert run(project, "build") == 0
    _spoil_state(project)
    assert run(project, "build") == 0
    assert _answered_from_stamp(project)
    capsys.readouterr()


def test_a_file_is_racy_when_dated_at_or_after_its_file_systems_clock(tmp_path):
    """What was read of a file dated before its file system's clock holds
    while its times do; one dated at or after it may change again within the
    same tick, so the stamp keeps its digest and the next build reads it; so
    is one on a file system whose clock was not taken. The clock leaves no
    file behind, and where it cannot make one (here, a file is no folder) it
    falls back to the system's clock less two seconds."""
    import time
    from pipeline import fsio
    from pipeline.publish.stamp import InputWalk, _lstat, _recent
    old = tmp_path / "old.po"
    old.write_bytes(b"old")
    dated = max(old.stat().st_mtime_ns, old.stat().st_ctime_ns)
    device = old.stat().st_dev
    clocks = fsio.FileClocks()
    while clocks.of(str(tmp_path), device) <= dated:  # a coarse clock: its next tick
        time.sleep(0.001)
        clocks = fsio.FileClocks()
    new = tmp_path / "new.po"
    new.write_bytes(b"new")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.po", "old.po"]
    walk = InputWalk("", {str(path): _lstat(str(path)) for path in (old, new)}, clocks)
    assert _recent(walk, {str(old): "1" * 64, str(new): "2" * 64}, clocks) == {str(new): "2" * 64}
    assert _recent(walk, {str(old): "1" * 64}, fsio.FileClocks()) == {str(old): "1" * 64}
    assert fsio.file_clock(str(old)) <= time.time_ns() - fsio.RECENT_NS
    # a file mounted on its own from another file system: its folder's clock is not its clock
    elsewhere = fsio.FileClocks()
    assert elsewhere.of(str(tmp_path), device + 1) is None
    assert elsewhere.racy(device + 1, 0, 0)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.po", "old.po"]


def test_a_record_changed_after_the_build_wrote_it_leaves_no_stamp(built, capsys, monkeypatch):
    """The published/ records a build wrote are read again once it walked
    the project: one edited in between (keeping its size and times) leaves
    no stamp, and the next build goes the long way and puts it right."""
    from pipeline.publish import stamp as stamp_module
    project = built
    record = project / "published" / "es" / f"{SLUG}.json"
    (project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po").touch()  # the long way, which writes no record
    real = stamp_module.walk_inputs

    def walk_then_edit(project_, clocks=False):
        walk = real(project_, clocks)
        if clocks:  # the walk after the build: the record edited as it ends
            before = record.stat()
            data = record.read_bytes()
            record.write_bytes(data.replace(b"{", b" ", 1) if data.startswith(b"{\n") else data[:-1] + b" ")
            os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
        return walk

    shutil.rmtree(project / "published")
    monkeypatch.setattr(stamp_module, "walk_inputs", walk_then_edit)
    assert run(project, "build") == 0
    monkeypatch.setattr(stamp_module, "walk_inputs", real)
    datacache.use_project_cache(project / datacache.PROJECT_FOLDER)
    assert datacache.load_pickle(stamp_path(Project(project))) is None
    edited = record.read_bytes()
    _spoil_state(project)
    assert run(project, "build") == 0
    assert not _answered_from_stamp(project)
    assert record.read_bytes() != edited
    capsys.readouterr()


def test_a_clock_file_left_in_a_walked_folder_does_not_turn_the_stamp_off(built, capsys):
    """The empty file the file system's clock is read from is there for a
    moment; one left by a command killed at that moment is passed over."""
    project = built
    assert run(project, "build") == 0
    leftover = project / "source" / ".locpipe-clock.locpipe-staged-999999.12345-deadbeef"
    leftover.touch()
    assert run(project, "build") == 0
    _spoil_state(project)
    assert run(project, "build") == 0
    assert _answered_from_stamp(project)
    assert run(project, "stats") == 0  # a command that goes the long way removes it, as every leftover
    assert not leftover.exists()
    capsys.readouterr()


def test_files_a_build_wrote_are_found_by_their_times_once_the_clock_passed_them(tmp_path, monkeypatch):
    """The published/ records a build moves in are hashed again at its end,
    where their file system's clock has passed their times, so the build
    after it does not read them; one changed since, with its size and
    modification time kept, is read again by its change time."""
    import time

    from pipeline.publish import digests as digests_module
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(tmp_path / "cache"))
    record = tmp_path / "published" / "es" / "leaflet.json"
    record.parent.mkdir(parents=True)
    record.write_text('{"source_sha256": "abc"}', encoding="utf-8")
    time.sleep(0.05)  # past the clock's tick: the time a later write gives is another
    made = digests_module.FileDigests(str(tmp_path))
    made.remember_written({str(record): b"abc"})
    made.save()
    read = []
    real = digests_module.read_optional
    monkeypatch.setattr(digests_module, "read_optional", lambda path: read.append(path) or real(path))
    later = digests_module.FileDigests(str(tmp_path))
    assert later.sha256(str(record)) == hashlib.sha256(record.read_bytes()).hexdigest()
    assert later.contains(str(record), b"abc") and read == []
    _set_text_keeping_times(record, "abc", "abd")
    again = digests_module.FileDigests(str(tmp_path))
    assert again.sha256(str(record)) == hashlib.sha256(b'{"source_sha256": "abd"}').hexdigest()
    assert read == [str(record)]
