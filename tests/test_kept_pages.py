"""The pages a build keeps from the output: checked against the bytes the
build that made them recorded and hard-linked into the staged folder, by
the command and a forked process at once (publish/writers.KeptLinks)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal

import pytest

from conftest import run, tree_checksums
from pipeline import jobs
from pipeline.publish import writers
from pipeline.publish.state import StagedFile

SLUG = "cytokine-release-syndrome"
forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                            reason="the pages are shared with a forked process only where fork is the start method")


class Cursor:
    """Every page in one chunk, for link_checked run alone."""
    chunk = 1000

    def __init__(self):
        self.given = False

    def claim(self) -> int:
        start, self.given = (self.chunk if self.given else 0), True
        return start


def _page(root, name: str, data: bytes) -> tuple[str, StagedFile]:
    path = root.joinpath(*name.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name, StagedFile(hashlib.sha256(data).hexdigest(), len(data))


def test_a_kept_page_is_linked_only_when_its_bytes_are_those_recorded(tmp_path):
    output, staged = tmp_path / "output", tmp_path / "staged"
    staged.mkdir()
    good = _page(output, "es/a.html", b"<p>Llame al 911.</p>")
    name, recorded = _page(output, "es/b.html", b"<p>Llame al 911.</p>")
    (output / "es" / "b.html").write_bytes(b"<p>Llame al 119.</p>")  # same size, other bytes
    assert writers.link_checked(output, staged, [good, (name, recorded)], Cursor()) == {"es/a.html"}
    assert os.path.samefile(staged / "es" / "a.html", output / "es" / "a.html")
    assert not (staged / "es" / "b.html").exists()


def test_a_page_swapped_between_its_read_and_its_link_is_not_linked(tmp_path, monkeypatch):
    """The page is replaced by another file (a rename over it) after it was
    read: the link would lead to bytes nobody checked, so it is undone and
    left to the check that reads what is linked."""
    output, staged = tmp_path / "output", tmp_path / "staged"
    staged.mkdir()
    page = _page(output, "es/a.html", b"<p>Llame al 911.</p>")
    real_link = os.link

    def swapping(source, target, **kwargs):
        other = output / "es" / "other"
        other.write_bytes(b"<p>Llame al 119.</p>")
        os.replace(other, source)
        return real_link(source, target, **kwargs)
    monkeypatch.setattr(os, "link", swapping)
    assert writers.link_checked(output, staged, [page], Cursor()) == set()
    assert not (staged / "es" / "a.html").exists()


def test_a_page_in_a_symlinked_folder_is_left_to_the_tree_link(tmp_path):
    """A symlinked folder of the output stays a symlink in the new output
    (fsio.link_tree): no plain folder is made for its pages."""
    output, staged, elsewhere = tmp_path / "output", tmp_path / "staged", tmp_path / "elsewhere"
    staged.mkdir()
    page = _page(elsewhere, "es/a.html", b"<p>Llame al 911.</p>")
    output.mkdir()
    (output / "es").symlink_to(elsewhere / "es")
    assert writers.link_checked(output, staged, [page], Cursor()) == set()
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


@forked
def test_kept_pages_are_shared_in_chunks_with_a_forked_process(tmp_path):
    output, staged = tmp_path / "output", tmp_path / "staged"
    staged.mkdir()
    pages = [_page(output, f"{language}/doc{n}.html", f"{language} {n}".encode())
             for language in ("es", "ar", "zh") for n in range(40)]
    cursor = jobs.SharedCursor(7)
    other = jobs.Background(lambda: writers.link_checked(output, staged, pages, cursor), 2)
    mine = writers.link_checked(output, staged, pages, cursor)
    theirs = other.result()
    assert not mine & theirs and mine | theirs == {name for name, _ in pages}
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

    def taken_then_killed(output, folder, pages, cursor):
        if os.getpid() != command:
            while cursor.claim() < len(pages):
                pass
            os.kill(os.getpid(), signal.SIGKILL)
        return real(output, folder, pages, cursor)
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


@pytest.mark.parametrize("processes", [1, 2])
def test_the_previous_output_is_gone_when_the_build_ends_even_if_it_fails(tmp_path, processes):
    old = tmp_path / ".output.locpipe-staged-1.1-ab12"
    _page(old, "es/a.html", b"<p>Llame al 911.</p>")
    with jobs.removed_meanwhile(old, processes):
        pass
    assert not old.exists()
    _page(old, "es/a.html", b"<p>Llame al 911.</p>")
    with pytest.raises(KeyError), jobs.removed_meanwhile(old, processes):
        raise KeyError("stamp")
    assert not old.exists() and list(tmp_path.iterdir()) == []
