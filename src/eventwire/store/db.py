"""SQLite connections: WAL mode, foreign keys, and migrations applied on open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from .migrations import MIGRATIONS


def connect(
    path: str | Path = "eventwire.db", *, readonly: bool = False, migrate: bool = True
) -> sqlite3.Connection:
    """Open (and, unless read-only, create and migrate) an eventwire database.

    ``":memory:"`` gives an in-memory database, handy in tests.
    """
    path = str(path)
    try:
        if readonly:
            if path != ":memory:" and not Path(path).exists():
                raise StoreError(f"database not found: {path} (create it with `eventwire ingest`)")
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
        else:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are explicit (see ``transaction``), DDL included.
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if readonly:
            _check_eventwire_db(conn, path)
        else:
            if path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                apply_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not an eventwire database or unreadable ({exc})") from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (writers never leave half a record)."""
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
            f"{path}: not an eventwire database (no articles table); create one with `eventwire ingest`"
        )


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; returns the names applied now."""
    done = set(applied_migrations(conn))
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):  # a migration applies whole or not at all
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
