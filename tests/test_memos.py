"""The memos kept across runs (pipeline/memos.py), on a real SQLite file:
what one process stores another reads back, a row not signed by this user
or stored for other arguments is never used, a damaged database is made
again, and the oldest rows go past the limit."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import REPO
from pipeline import datacache, memos


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    datacache.signing_key.cache_clear()
    monkeypatch.setattr(memos, "_connections", {})
    monkeypatch.setattr(memos, "_passed_over", set(), raising=False)
    memos.fresh_memo_entries()
    yield folder
    datacache.signing_key.cache_clear()


def rows(folder) -> list[tuple]:
    with sqlite3.connect(folder / memos.DATABASE) as database:
        return database.execute("SELECT name, key, value FROM memo ORDER BY rowid").fetchall()


def test_what_one_process_stores_another_recalls(cache, tmp_path):
    name = memos.memo_name("checks", "es")
    memos.remember(name, ("Call 911.", "Llame al 911.", False), ["ok"])
    memos.remember(name, ("Rest.", "Descanse.", False), [])
    memos.store_memo_entries(memos.fresh_memo_entries())
    assert len(rows(cache)) == 2
    script = ("import sys; from pipeline import memos; memo = memos.memo_name('checks', 'es'); "
              "print(memos.recall(memo, ('Call 911.', 'Llame al 911.', False)), "
              "memos.recall(memo, ('Call 911.', 'Llame al 912.', False), 'none'))")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["['ok']", "none"]


def test_a_row_not_signed_by_this_user_is_never_loaded(cache, tmp_path):
    name = memos.memo_name("checks", "es")
    arguments = ("Do not drive.", "No conduzca.", False)
    memos.store_memo_entries({name: {arguments: ["first"]}})
    marker = tmp_path / "ran"
    planted = pickle.dumps((arguments, _Planted(marker)))
    theirs = hmac.new(b"k" * 32, planted, hashlib.sha256).digest()
    for value in (planted, theirs + planted, datacache.SIGNATURE_SIZE * b"\0" + planted):
        with sqlite3.connect(cache / memos.DATABASE) as database:
            database.execute("UPDATE memo SET value = ?", (value,))
        assert memos.recall(name, arguments, "made again") == "made again"
        assert not marker.exists()
    with sqlite3.connect(cache / memos.DATABASE) as database:  # the control: signed with this user's key
        database.execute("UPDATE memo SET value = ?", (datacache.sign(planted) + planted,))
    memos.recall(name, arguments)
    assert marker.exists()


def test_a_row_of_other_arguments_under_the_same_key_is_not_their_result(cache):
    name = memos.memo_name("checks", "es")
    asked, stored = ("Take 1 tablet.", "Tome 1 tableta.", False), ("Take 2 tablets.", "Tome 2 tabletas.", False)
    memos.store_memo_entries({name: {stored: ["two"]}})
    with sqlite3.connect(cache / memos.DATABASE) as database:
        database.execute("UPDATE memo SET key = ?", (memos._key(asked),))
    assert memos.recall(name, asked, "checked again") == "checked again"
    assert memos.recall(name, stored, "checked again") == "checked again"


def test_a_damaged_database_is_made_again(cache):
    name = memos.memo_name("reading", "es")
    cache.mkdir(parents=True)
    (cache / memos.DATABASE).write_bytes(b"not a database, a file left by something else" * 100)
    assert memos.recall(name, ("Descanse.", 4.0), "made") == "made"
    memos.store_memo_entries({name: {("Descanse.", 4.0): {"words": 1}}})
    memos.store_memo_entries({name: {("Beba agua.", 4.0): {"words": 2}}})
    assert memos.recall(name, ("Descanse.", 4.0)) == {"words": 1}
    assert len(rows(cache)) == 2


def test_past_the_limit_the_oldest_rows_go(cache, monkeypatch):
    monkeypatch.setattr(memos, "LIMIT", 10)
    name = memos.memo_name("reading", "en")
    for start in range(0, 25, 5):
        memos.store_memo_entries({name: {(f"Sentence {n}.", 0.0): n for n in range(start, start + 5)}})
    kept = [pickle.loads(datacache.verified(value))[2] for _, _, value in rows(cache)]
    assert kept == list(range(15, 25))
    assert memos.recall(name, ("Sentence 3.", 0.0), "gone") == "gone"


def test_without_a_cache_nothing_is_stored_or_recalled(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
    assert memos.memo_name("checks", "es") is None
    memos.remember(None, ("a",), 1)
    assert memos.recall(None, ("a",), "default") == "default"
    assert memos.fresh_memo_entries() == {}


def test_a_cache_that_cannot_be_written_is_passed_over(cache):
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("a file where the cache folder should be", encoding="utf-8")
    name = memos.memo_name("checks", "es")
    memos.store_memo_entries({name: {("a", "b", False): []}})
    assert memos.recall(name, ("a", "b", False), "none") == "none"
    assert cache.read_text(encoding="utf-8") == "a file where the cache folder should be"


class _Planted:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_row_moved_from_another_memo_is_not_its_result(cache):
    """A glossary that changed gives another memo: the rows checked under the
    old one, moved under the new name, must not pass its translations."""
    old, new = memos.memo_name("checks", "es, old glossary"), memos.memo_name("checks", "es, new glossary")
    arguments = ("Call 911.", "Llame al 911.", False)
    memos.store_memo_entries({old: {arguments: ("clean",)}, new: {arguments: ("glossary warning",)}})
    with sqlite3.connect(cache / memos.DATABASE) as database:
        value = database.execute("SELECT value FROM memo WHERE name = ?", (old[1],)).fetchone()[0]
        database.execute("UPDATE memo SET value = ? WHERE name = ?", (value, new[1]))
    assert memos.recall(new, arguments, "checked again") == "checked again"
    assert memos.recall(old, arguments) == ("clean",)


def test_a_symlink_in_place_of_the_database_is_not_followed(cache, tmp_path):
    elsewhere = tmp_path / "someone-elses.conf"
    elsewhere.write_bytes(b"")
    cache.mkdir(parents=True)
    (cache / memos.DATABASE).symlink_to(elsewhere)
    (cache / f"{memos.DATABASE}-wal").symlink_to(tmp_path / "created-elsewhere")
    name = memos.memo_name("checks", "es")
    memos.store_memo_entries({name: {("a", "b", False): ("ok",)}})
    assert elsewhere.read_bytes() == b""
    assert not (tmp_path / "created-elsewhere").exists()
    assert not (cache / memos.DATABASE).is_symlink()
    assert memos.recall(name, ("a", "b", False)) == ("ok",)


def test_a_database_held_whole_by_another_process_is_not_waited_for_at_every_row(cache, monkeypatch):
    monkeypatch.setattr(memos, "READ_BUSY_SECONDS", 0.2)
    name = memos.memo_name("checks", "es")
    memos.store_memo_entries({name: {("a", "b", False): ("ok",)}})
    for connection in memos._connections.values():
        connection.close()
    monkeypatch.setattr(memos, "_connections", {})
    holder = sqlite3.connect(cache / memos.DATABASE, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import time
        started = time.monotonic()
        for n in range(20):
            assert memos.recall(name, (f"a{n}", "b", False), "made") == "made"
        assert time.monotonic() - started < 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_database_with_more_than_the_memo_table_is_made_again(cache):
    cache.mkdir(parents=True)
    with sqlite3.connect(cache / memos.DATABASE) as database:
        database.execute(memos.SCHEMA)
        database.execute("CREATE TABLE log (key)")
        database.execute("CREATE TRIGGER copy AFTER INSERT ON memo BEGIN INSERT INTO log VALUES (NEW.key); END")
    name = memos.memo_name("checks", "es")
    memos.store_memo_entries({name: {("a", "b", False): ("ok",)}})
    memos.store_memo_entries({name: {("c", "d", False): ("ok",)}})
    with sqlite3.connect(cache / memos.DATABASE) as database:
        assert [row[0] for row in database.execute("SELECT name FROM sqlite_master ORDER BY name")] == \
            ["memo", "sqlite_autoindex_memo_1"]
    assert memos.recall(name, ("c", "d", False)) == ("ok",)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_process_forked_while_another_thread_reads_does_not_hang(cache):
    """`locpipe serve` checks a catalog for a review page in one thread while
    its build forks a pool in another: a child must not inherit SQLite's
    mutexes held."""
    import signal
    import threading
    import time
    name = memos.memo_name("checks", "es")
    memos.store_memo_entries({name: {(f"s{n}", "t", False): ("ok",) for n in range(500)}})
    stop = threading.Event()

    def read() -> None:
        n = 0
        while not stop.is_set():
            memos.recall(name, (f"s{n % 500}", "t", False))
            n += 1

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    hung = 0
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            pid = os.fork()
            if pid == 0:
                signal.alarm(3)
                for n in range(20):
                    memos.recall(name, (f"s{n}", "t", False))
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            hung += os.WIFSIGNALED(status)
    finally:
        stop.set()
        reader.join()
    assert hung == 0


def test_the_memo_files_of_before_the_database_are_removed_when_it_is_made(cache):
    cache.mkdir(parents=True)
    old = [cache / "checks-1dbb584aa31d385c-0.memo", cache / "reading-0123456789abcdef-f.memo"]
    for path in old:
        path.write_bytes(b"a memo file of the layout before the database")
    kept = cache / "cmu-syllables-f4ffa36a7f057ea4.pickle"
    kept.write_bytes(b"another cache entry")
    memos.store_memo_entries({memos.memo_name("checks", "es"): {("a", "b", False): []}})
    assert not any(path.exists() for path in old) and kept.exists()
    assert memos.recall(memos.memo_name("checks", "es"), ("a", "b", False)) == []


def test_a_database_of_the_layout_keyed_by_text_is_made_again(cache):
    cache.mkdir(parents=True)
    name = memos.memo_name("checks", "es")
    with sqlite3.connect(cache / memos.DATABASE) as database:
        database.execute("CREATE TABLE memo (name TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                         "UNIQUE (name, key))")
        database.execute("INSERT INTO memo VALUES (?, ?, ?)", (name[1], repr(("a", "b", False)), b"old"))
    assert memos.recall(name, ("a", "b", False), "checked") == "checked"
    memos.store_memo_entries({name: {("a", "b", False): ["new"]}})
    assert memos.recall(name, ("a", "b", False)) == ["new"]
    assert [key for _, key, _ in rows(cache)] == [memos._key(("a", "b", False))]


def _aged(folder, days: float) -> None:
    then = time.time() - days * 86400
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def _locpipe(root, *arguments: str) -> int:
    """A command in a process of its own: this one keeps what it read (lru_cache) and would read nothing again."""
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH="1750032000")
    return subprocess.run([sys.executable, "-m", "pipeline", "--project", str(root), *arguments], env=env,
                          capture_output=True).returncode


def test_entries_no_command_read_for_sixty_days_are_pruned_and_the_rest_kept(tmp_path):
    """An upgrade leaves the entries of the old code and data for good;
    once a day a command removes those no command has read for 60 days.
    What the command itself read is dated again and stays, and the build
    after the pruning publishes the same bytes."""
    from conftest import copy_bundled_project, tree_checksums
    root = copy_bundled_project(tmp_path / "project")
    assert _locpipe(root, "build", "--quiet", "--allow-incomplete") == 0
    built = tree_checksums(root / "output")
    cache = root / datacache.PROJECT_FOLDER
    (cache / "pattern-es-retired-0123456789abcdef.pickle").write_bytes(datacache.dump_pickle(("old", "v1", 1)))
    (cache / "jinja" / "__jinja2_0123456789abcdef.cache").write_bytes(datacache.sign(b"old") + b"old")
    (cache / "another-tools-0123456789abcdef.pickle").write_bytes(pickle.dumps("not signed: not locpipe's"))
    _aged(cache, 61)
    shutil.rmtree(root / "output")  # the long way, which reads the cache's entries
    assert _locpipe(root, "build", "--quiet", "--allow-incomplete") == 0
    assert not (cache / "pattern-es-retired-0123456789abcdef.pickle").exists()
    assert not (cache / "jinja" / "__jinja2_0123456789abcdef.cache").exists()
    assert (cache / "another-tools-0123456789abcdef.pickle").exists()
    kept = [p for p in cache.glob("*.pickle") if not p.name.startswith("another-")] + \
        list((cache / "jinja").glob("*.cache"))
    assert {"code-fingerprint", "pattern-tokens-bare-url", "ui-template-messages"} <= {
        p.name.rsplit("-", 1)[0] for p in kept}  # read, not made again: dated on reading
    assert list((cache / "jinja").glob("*.cache"))
    assert all(time.time() - p.stat().st_mtime < 86400 for p in kept)
    assert tree_checksums(root / "output") == built
    # once a day: an entry aged since is left to tomorrow's build
    (cache / "retired-0123456789abcdef.pickle").write_bytes(datacache.dump_pickle(("old", "v1", 1)))
    os.utime(cache / "retired-0123456789abcdef.pickle", (time.time() - 90 * 86400,) * 2)
    shutil.rmtree(root / "output")
    assert _locpipe(root, "build", "--quiet", "--allow-incomplete") == 0
    assert (cache / "retired-0123456789abcdef.pickle").exists()


@pytest.mark.parametrize("marker", ["link out", "folder", "dated ahead"])
def test_the_pruning_marker_is_never_written_through_a_link(tmp_path, marker):
    """A `.pruned` planted as a link would have the build make or date a
    file wherever it leads; one dated years ahead would stop the pruning."""
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    cache.mkdir()
    (cache / "old-0123456789abcdef.pickle").write_bytes(datacache.dump_pickle(("old", "v1", 1)))
    os.utime(cache / "old-0123456789abcdef.pickle", (time.time() - 90 * 86400,) * 2)
    if marker == "link out":
        (cache / ".pruned").symlink_to(outside)
    elif marker == "folder":
        (cache / ".pruned").mkdir()
    else:
        (cache / ".pruned").touch()
        os.utime(cache / ".pruned", (time.time() + 5 * 365 * 86400,) * 2)
    removed = datacache.prune_stale(cache)
    assert not outside.exists()
    assert removed == (["old-0123456789abcdef.pickle"] if marker == "dated ahead" else [])


def test_a_large_file_of_another_tool_is_not_read_to_be_pruned(tmp_path, monkeypatch):
    """A cache folder shared with other tools: their files are neither
    removed nor read whole (a gigabyte model would fill the memory)."""
    cache = tmp_path / "shared"
    cache.mkdir()
    model = cache / "model-0123456789abcdef.pickle"
    with open(model, "wb") as handle:
        handle.truncate(300 << 20)  # sparse: no disk, no memory
    os.utime(model, (time.time() - 90 * 86400,) * 2)
    read = []
    monkeypatch.setattr(os, "read", lambda fd, size, read_=os.read: read.append(size) or read_(fd, size))
    assert datacache.prune_stale(cache) == [] and model.exists()
    assert sum(read) < 1 << 20


def test_a_command_without_a_data_cache_makes_none_to_prune(tmp_path):
    assert datacache.prune_stale(tmp_path / "absent") == []
    assert not (tmp_path / "absent").exists()


def test_a_hard_linked_pruning_marker_is_not_dated(tmp_path):
    cache, outside = tmp_path / "cache", tmp_path / "user-file"
    cache.mkdir()
    outside.write_text("mine", encoding="utf-8")
    os.utime(outside, (1_600_000_000, 1_600_000_000))
    os.link(outside, cache / ".pruned")
    assert datacache.prune_stale(cache) == []
    assert outside.stat().st_mtime == 1_600_000_000
