"""Memos kept across runs: a pure function's results, such as the checks
of a translation and the readability of a unit, so that a build after one
edit reads again only what changed.

A memo is named by what its results depend on besides the function's
arguments (locpipe's code and data, the libraries, a language's
context); its rows are found by the SHA-256 of the arguments and hold
the arguments themselves, compared on reading, so two inputs cannot
share a result. They are rows of one SQLite database in the data cache
(`memos.sqlite`): a process asks for the results it needs, one row each,
where memo files had to be read whole (a tenth of a second of unpickling
for a build after one edit), and the command that stores what a pool's
processes made appends rows instead of merging them into files that grow
to megabytes (a library's build held hundreds of megabytes doing so).
Each row's value is a pickle signed like every entry of the data cache
(datacache.sign), which also holds the memo's name and the arguments,
compared on reading.
The cache is only an accelerator: a database that cannot be read or
written is passed over, and one that is damaged is made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import threading
from functools import lru_cache

from . import datacache

DATABASE = "memos.sqlite"
LIMIT = 1_000_000  # rows; past it, the oldest stored go
BUSY_SECONDS = 30.0  # how long a writer waits for another command's write
READ_BUSY_SECONDS = 1.0  # how long a read waits: in write-ahead mode a read waits for no writer, only for a
# process holding the whole database (an exclusive lock, a recovery); longer would be paid at every row
SCHEMA = ("CREATE TABLE memo (name TEXT NOT NULL, key BLOB NOT NULL, "
          "value BLOB NOT NULL, UNIQUE (name, key))")

_fresh: dict[tuple, dict] = {}  # memo -> entries this process made since fresh_memo_entries()
_connections: dict[str, object] = {}  # database path -> this process's sqlite3 connection
_passed_over: set[str] = set()  # databases this process no longer reads (one failed a read: locked, unreadable)
_connections_of = 0  # the process id they were opened in: a pool's forked process opens its own
_inherited: list = []  # a forked process's copies of its parent's connections, never used nor closed

# Held around every call into SQLite, and taken by os.fork() (register_at_fork): a process forked while
# another thread of its parent was inside SQLite (`locpipe serve` checks a catalog for a review page while
# its build forks a pool) would inherit SQLite's mutexes held, and hang at its first read.
_sqlite_lock = threading.RLock()


def _new_lock_in_child() -> None:
    global _sqlite_lock
    _sqlite_lock = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=lambda: _sqlite_lock.acquire(), after_in_parent=lambda: _sqlite_lock.release(),
                        after_in_child=_new_lock_in_child)


def memo_name(kind: str, key: str) -> tuple[str, str] | None:
    """The memo of results that depend on `key` besides their arguments
    (and on locpipe's code and the libraries), as (its database, its name);
    None without a cache. Asked for once per unit and sentence a report
    reads."""
    global _database_of
    folder = datacache.cache_dir()
    if folder is None:
        return None
    if _database_of[0] is not folder:  # a path joined once, not once for each of a report's sentences
        _database_of = (folder, str(folder / DATABASE))
    return _memo_name(_database_of[1], kind, key)


_database_of: tuple = (None, "")  # the cache folder memo_name was last given, and its database's path


@lru_cache(maxsize=256)
def _memo_name(database: str, kind: str, key: str) -> tuple[str, str]:
    depends = f"{datacache.code_fingerprint()}\0{datacache.libraries_fingerprint()}\0{key}"
    return database, f"{kind}-{hashlib.sha256(depends.encode()).hexdigest()[:16]}"


def recall(memo: tuple[str, str] | None, arguments: tuple, default=None):
    """What an earlier run remembered for these arguments."""
    if memo is None or memo[0] in _passed_over:
        return default
    with _sqlite_lock:
        connection = _connect(memo[0])
        if connection is None:
            return default
        try:
            row = connection.execute("SELECT value FROM memo WHERE name = ? AND key = ?",
                                     (memo[1], _key(arguments))).fetchone()
        except Exception:
            row = _FAILED
    if row is _FAILED:  # damaged, or locked past the wait: made again, and not waited for again by this process
        with _sqlite_lock:
            _passed_over.add(memo[0])
        return default
    found = _unpacked(row[0]) if row else None
    # the memo's name is signed with the arguments: a row moved from another memo is not taken
    return found[2] if found is not None and found[:2] == (memo[1], arguments) else default


_FAILED = object()


def remember(memo: tuple[str, str] | None, arguments: tuple, result) -> None:
    """Keep a result to be stored; not for this process, whose callers keep
    what recurs in their own bounded caches (a process that checks a whole
    library would otherwise hold every result it made)."""
    if memo is not None:
        _fresh.setdefault(memo, {})[arguments] = result


def fresh_memo_entries() -> dict[tuple, dict]:
    """What this process remembered since the last call, to hand to the
    process that stores them (`store_memo_entries`)."""
    global _fresh
    fresh, _fresh = _fresh, {}
    return fresh


def store_memo_entries(entries: dict[tuple, dict]) -> None:
    """Add entries to their memos, one transaction a database; past LIMIT
    rows the oldest stored go."""
    for database in sorted({database for database, _ in entries}):
        rows = [(name, _key(arguments), _packed(name, arguments, result))
                for (path, name), made in sorted(entries.items()) if path == database
                for arguments, result in made.items()]
        rows = [row for row in rows if row[2] is not None]
        if rows:
            with _sqlite_lock:
                _store_rows(database, rows)


def _store_rows(database: str, rows: list[tuple]) -> None:
    connection = _connect(database, create=True)
    if connection is None:
        return
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        with connection:
            connection.executemany("INSERT OR REPLACE INTO memo (name, key, value) VALUES (?, ?, ?)", rows)
            connection.execute("DELETE FROM memo WHERE rowid <= (SELECT max(rowid) FROM memo) - ?", (LIMIT,))
    except Exception as exc:
        _forget_if_damaged(database, exc)
    with contextlib.suppress(Exception):
        connection.execute(f"PRAGMA busy_timeout = {int(READ_BUSY_SECONDS * 1000)}")


class MemoBatches:
    """Memo entries handed over by a pool's processes, stored in batches of
    at most `batch` entries as they come, so that a build of a whole
    library holds one batch, not every result of the run."""

    def __init__(self, batch: int = 5_000):
        self.batch, self.entries, self.count = batch, {}, 0

    def add(self, entries: dict[tuple, dict]) -> None:
        for name, made in entries.items():
            self.entries.setdefault(name, {}).update(made)
            self.count += len(made)
        if self.count >= self.batch:
            self.store()

    def store(self) -> None:
        store_memo_entries(self.entries)
        self.entries, self.count = {}, 0


def _key(arguments: tuple) -> bytes:
    """A row's key: the SHA-256 of the arguments' repr. The arguments
    themselves are in the row's value and compared on reading, so inputs
    whose digests collide would only miss; kept as text in the key and its
    index too, they made the database of 40 leaflets in 5 languages 27 MB,
    not 15."""
    return hashlib.sha256(repr(arguments).encode("utf-8", "surrogatepass")).digest()


def _packed(name: str, arguments: tuple, result) -> bytes | None:
    if datacache.signing_key() is None:
        return None  # nothing would be loaded back
    try:
        return datacache.dump_pickle((name, arguments, result))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def _unpacked(value: bytes):
    try:
        data = datacache.verified(bytes(value))
        found = None if data is None else pickle.loads(data)
    except Exception:  # another key's, or from another Python: made again
        return None
    return found if isinstance(found, tuple) and len(found) == 3 else None


def _connect(database: str, create: bool = False):
    """This process's connection to a memo database; None when it cannot
    be opened, or does not exist and `create` is false."""
    global _connections, _connections_of, _passed_over
    if _connections_of != os.getpid():
        # a connection must not cross a fork, nor be closed in the child (SQLite would tidy the parent's files)
        _inherited.append(_connections)
        _connections, _connections_of, _passed_over = {}, os.getpid(), set()
    connection = _connections.get(database)
    if connection is not None:
        return connection
    if datacache.signing_key() is None or not (create or os.path.lexists(database)):
        return None
    import sqlite3
    connection = None
    try:
        os.makedirs(os.path.dirname(database), exist_ok=True)
        _unlink_symlinks(database)
        new = not os.path.lexists(database)
        connection = sqlite3.connect(database, timeout=BUSY_SECONDS if create else READ_BUSY_SECONDS,
                                     check_same_thread=False)
        # a database planted in a shared project is not trusted: its SQL may only be locpipe's table
        connection.execute("PRAGMA trusted_schema = OFF")
        # write-ahead: a pool's processes read while the command writes; a commit need not reach the disk
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(SCHEMA.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
        schema = connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        if sorted(schema) != [("index", "sqlite_autoindex_memo_1", None), ("table", "memo", SCHEMA)]:
            raise sqlite3.DatabaseError("not locpipe's memo database")
        connection.execute(f"PRAGMA busy_timeout = {int(READ_BUSY_SECONDS * 1000)}")
    except Exception as exc:
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()
        if not _forget_if_damaged(database, exc) and not create:
            _passed_over.add(database)  # not waited for again at every row (a damaged one is made again)
        return None
    _connections[database] = connection
    if new:
        _remove_memo_files(os.path.dirname(database))
    return connection


def _remove_memo_files(folder: str) -> None:
    """The memo files of locpipe before the database (`*.memo`, up to
    hundreds of megabytes in a library's cache), which nothing reads now."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".memo") and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.remove(entry.path)


def _unlink_symlinks(database: str) -> None:
    """Remove a symbolic link planted in the cache folder in place of the
    database or its write-ahead files: SQLite would follow it and write
    into whatever file it names."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.islink(f"{database}{suffix}"):
            os.remove(f"{database}{suffix}")


def _forget_if_damaged(database: str, exc: Exception) -> bool:
    """A database that is not one (a damaged or foreign file) is removed, to
    be made again by the next store; a busy or read-only one is left.
    Whether it was removed."""
    import sqlite3
    damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
    if damaged:
        connection = _connections.pop(database, None)
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.remove(f"{database}{suffix}")
    return damaged
