"""SQLite connections: WAL mode, foreign keys, and migrations applied on open.

Several processes may write to one database (two ``eventwire ingest`` runs, an ingest beside the
API's writer): SQLite lets one of them write at a time. A writer that finds the write lock taken
waits for it, saying so on one line, for up to ``lock_timeout`` seconds (``--lock-timeout``), and
only then gives up. Migrations are applied under the write lock and checked again once it is held,
so two processes creating the same new database both find it complete.
"""

from __future__ import annotations

import functools
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError, display_name
from .migrations import MIGRATIONS

DEFAULT_LOCK_TIMEOUT = 600.0  # seconds a writer waits for another process's write lock
READ_LOCK_TIMEOUT = 10.0  # readers are rarely blocked (WAL); when they are, not for long
FIRST_WAIT = 2.0  # SQLite's own busy wait before the writer says it is waiting
CORE_MIGRATION = MIGRATIONS[0][0]


class LockTimeout(sqlite3.OperationalError):
    """The write lock stayed with another process for longer than ``lock_timeout`` seconds."""


class Connection(sqlite3.Connection):
    """A connection that waits (visibly) for a write lock held by another process.

    ``execute`` and ``executemany`` retry a statement that found the database locked until
    ``lock_timeout`` seconds have passed; the first retry calls ``on_lock_wait`` with one line.
    A statement that failed with "database is locked" did nothing, so retrying it is safe.
    """

    db_path: str = ":memory:"
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    busy_wait: float = FIRST_WAIT  # SQLite's busy_timeout on this connection, in seconds
    on_lock_wait: Callable[[str], None] | None = None

    query_budget: float | None = None  # seconds one statement may run (set_query_budget)
    _deadline: float = float("inf")

    def execute(self, sql, parameters=(), /):
        if self.query_budget:
            self._deadline = time.monotonic() + self.query_budget
        return self._waiting(super().execute, sql, parameters)

    def executemany(self, sql, parameters, /):
        if self.query_budget:
            self._deadline = time.monotonic() + self.query_budget
        return self._waiting(super().executemany, sql, parameters)

    def set_query_budget(self, seconds: float | None, steps: int = 20_000) -> None:
        """Stop any statement that runs longer than ``seconds`` (``sqlite3.OperationalError:
        interrupted``), fetching its rows included; SQLite's progress handler looks at the clock every
        ``steps`` virtual-machine steps. None removes the budget.
        """
        self.query_budget = seconds or None
        if self.query_budget is None:
            self.set_progress_handler(None, steps)
        else:
            self.set_progress_handler(lambda: time.monotonic() > self._deadline, steps)

    def _waiting(self, run, sql, parameters):
        deadline, shortened = None, False
        try:
            while True:
                try:
                    return run(sql, parameters)
                except sqlite3.OperationalError as exc:
                    if not _is_locked(exc):
                        raise
                    if deadline is None:  # SQLite's own busy handler has already waited busy_wait s
                        deadline = time.monotonic() + self.lock_timeout - self.busy_wait
                        if time.monotonic() < deadline:
                            self._announce()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise LockTimeout(
                            f"{display_name(self.db_path)} is still locked by another process after "
                            f"{self.lock_timeout:g} s (wait longer with --lock-timeout)"
                        ) from None
                    if remaining < self.busy_wait:  # the last try waits only what is left
                        super().execute(f"PRAGMA busy_timeout = {max(1, int(remaining * 1000))}")
                        shortened = True
        finally:
            if shortened:
                super().execute(f"PRAGMA busy_timeout = {int(self.busy_wait * 1000)}")

    def _announce(self) -> None:
        message = (
            f"waiting for the write lock on {display_name(self.db_path)}: another process is writing "
            f"to it (waiting up to {self.lock_timeout:g} s, --lock-timeout)"
        )
        (self.on_lock_wait or _print_to_stderr)(message)


def _print_to_stderr(message: str) -> None:
    print(f"note: {message}", file=sys.stderr, flush=True)


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    return (
        isinstance(exc, sqlite3.OperationalError)
        and not isinstance(exc, LockTimeout)
        and ("database is locked" in str(exc) or "database schema is locked" in str(exc))
    )


def sqlite_uri(path: str | Path, **params: str) -> str:
    """A ``file:`` URI for ``path``, its characters escaped (``#``, ``?``, ``%`` and spaces included)."""
    uri = "file:" + quote(str(Path(path).absolute()), safe="/")
    return uri + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def connect(
    path: str | Path = "eventwire.db",
    *,
    readonly: bool = False,
    migrate: bool = True,
    force: bool = False,
    lock_timeout: float | None = None,
    on_lock_wait: Callable[[str], None] | None = None,
) -> sqlite3.Connection:
    """Open (and, unless read-only, create and migrate) an eventwire database.

    ``":memory:"`` gives an in-memory database, handy in tests. Read-only opens never create a
    file and also work in a read-only directory. Opening for writing refuses a database written
    by a newer eventwire, and a SQLite file holding other applications' tables unless ``force``.
    A writer waits up to ``lock_timeout`` seconds (default 600) for another process's write lock,
    telling ``on_lock_wait`` (default: a line on stderr) that it does.
    """
    path = str(path)
    try:
        conn = _open_readonly(path) if readonly else _open_writable(path)
        conn.db_path = path
        conn.lock_timeout = (
            lock_timeout
            if lock_timeout is not None
            else READ_LOCK_TIMEOUT
            if readonly
            else DEFAULT_LOCK_TIMEOUT
        )
        conn.on_lock_wait = on_lock_wait
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.busy_wait = min(conn.lock_timeout, READ_LOCK_TIMEOUT if readonly else FIRST_WAIT)
        conn.execute(f"PRAGMA busy_timeout = {int(conn.busy_wait * 1000)}")
        if readonly:
            _check_eventwire_db(conn, path)
            _stand_in_coactors(conn)
        else:
            check_writable_schema(conn, path, force=force)  # before anything is changed in the file
            if path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                apply_migrations(conn, force=force)
    except LockTimeout:
        raise
    except sqlite3.DatabaseError as exc:
        name = display_name(path)
        if not readonly and ("readonly" in str(exc) or "unable to open" in str(exc)):
            raise StoreError(
                f"{name}: cannot be written ({exc}); a database in a read-only place can still be read"
            ) from None
        raise StoreError(f"{name}: not an eventwire database or unreadable ({exc})") from None
    return conn


def _open_readonly(path: str) -> Connection:
    if path == ":memory:":
        return _sqlite(path)
    file = Path(path)
    if not file.is_file():
        what = "not a file" if file.exists() else "database not found"
        raise StoreError(f"{what}: {display_name(path)} (create it with `eventwire ingest`)")
    conn = _sqlite(sqlite_uri(file, mode="ro"), uri=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL database in a read-only directory: SQLite can't make its shared-memory file there.
        # Nobody can write beside us in such a place, so reading the file as immutable is safe.
        conn.close()
        return _sqlite(sqlite_uri(file, immutable="1"), uri=True)


def _open_writable(path: str) -> Connection:
    # Autocommit mode: transactions are explicit (see ``transaction``), DDL included.
    if path == ":memory:":
        return _sqlite(path)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return _sqlite(sqlite_uri(path, mode="rwc"), uri=True)


def _sqlite(target: str, uri: bool = False) -> Connection:
    """A connection of ours: autocommit (explicit transactions), usable from any thread."""
    return sqlite3.connect(target, uri=uri, check_same_thread=False, isolation_level=None, factory=Connection)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (writers never leave half a record).

    BEGIN IMMEDIATE takes the write lock up front; on an eventwire connection it waits for another
    process's lock (see ``Connection``) instead of failing.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def refresh_statistics(conn: sqlite3.Connection) -> None:
    """Sampled ANALYZE, so the query planner picks the right index (cheap even on a million events)."""
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")


def _check_eventwire_db(conn: sqlite3.Connection, path: str) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "articles" not in tables:
        raise StoreError(
            f"{display_name(path)}: not an eventwire database (no articles table); "
            "create one with `eventwire ingest`"
        )


def _stand_in_coactors(conn: sqlite3.Connection) -> None:
    """Give a read-only store written before migration 009 an empty temporary ``event_actors``, so
    the event filters, which also match an event's co-actors, read it as an event without any."""
    if "event_actors" not in _tables(conn):
        conn.execute(
            "CREATE TEMP TABLE event_actors (event_id TEXT, article_id TEXT, role TEXT, position INTEGER,"
            " actor_id TEXT)"
        )


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        )
    }


def _recorded_migrations(conn: sqlite3.Connection, tables: set[str] | None = None) -> list[str]:
    """The migrations recorded in the file (nothing is created; [] for a new file)."""
    if "_migrations" not in (tables if tables is not None else _tables(conn)):
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def check_writable_schema(conn: sqlite3.Connection, path: str, *, force: bool = False) -> list[str]:
    """Refuse to write to a newer eventwire's database or to another application's SQLite file.

    Returns the migrations already recorded. Reading such files stays possible (``readonly``).
    """
    tables = _tables(conn)
    recorded = _recorded_migrations(conn, tables)
    if tables and CORE_MIGRATION not in recorded:
        if force:
            return recorded
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(
            f"{display_name(path)} is a SQLite database of another application (tables: {shown}): "
            "not adding eventwire's tables to it; use another --db file, or --force to add them anyway"
        )
    newer = sorted(set(recorded) - {name for name, _ in MIGRATIONS})
    if newer:
        from .. import __version__

        raise StoreError(
            f"{display_name(path)} was written by a newer eventwire (its migration {', '.join(newer)} is "
            f"unknown to eventwire {__version__}): not writing to it; upgrade eventwire to add to it "
            "(reading it works)"
        )
    return recorded


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in order."""
    return _recorded_migrations(conn)


def apply_migrations(conn: sqlite3.Connection, *, force: bool = False) -> list[str]:
    """Apply every migration not yet recorded; returns the names applied now.

    Each migration runs in its own write transaction and applies whole or not at all. The set of
    applied migrations is read again once the write lock is held: another process may have applied
    them while this one waited (two ingests creating the same new database).
    """
    done = set(_recorded_migrations(conn))
    if all(name in done for name, _ in MIGRATIONS):
        return []
    path = getattr(conn, "db_path", "database")
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):  # a migration applies whole or not at all
            done = set(check_writable_schema(conn, path, force=force))
            if name in done:  # another process applied it while we waited for the lock
                continue
            conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            _run_script(conn, sql)
            conn.execute(
                "INSERT INTO _migrations(name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied


def _run_script(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() commits first; we want each statement inside the migration's transaction.
    for statement in _split_sql(sql):
        conn.execute(statement)


def _split_sql(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (BEGIN ... END;) whole."""
    statements, buf = [], []
    for line in sql.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        buf.append(line)
        joined = "\n".join(buf)
        in_trigger = "CREATE TRIGGER" in joined.upper() and not stripped.upper().startswith("END;")
        if stripped.endswith(";") and not in_trigger:
            statements.append(joined)
            buf = []
    if buf:
        statements.append("\n".join(buf))
    return statements


@functools.cache
def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(name, declared type) of each column of ``table`` in the current schema, in table order.

    Read from the migrations applied to an empty in-memory database, once per process; batch
    workers use it to give their Parquet shards exactly the store's columns.
    """
    conn = sqlite3.connect(":memory:")
    try:
        for _, sql in MIGRATIONS:
            _run_script(conn, sql)
        return tuple((r[1], (r[2] or "").upper()) for r in conn.execute(f"PRAGMA table_info({table})"))
    finally:
        conn.close()
