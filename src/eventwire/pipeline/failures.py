"""Internal errors (our bugs, not bad input): kept in the ``failures`` table, heard by whoever listens.

Every runner passes the ``InternalError`` of a crashed article on as an outcome in its place; the
ingest and load runners store it with ``record_failure`` (``--debug`` prints its traceback), and
``eval`` listens with ``collect_internal_errors`` to name the gold items that crashed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from ..errors import InternalError

_listeners: ContextVar[tuple[list[InternalError], ...]] = ContextVar(
    "eventwire_failure_listeners", default=()
)


@contextmanager
def collect_internal_errors() -> Iterator[list[InternalError]]:
    """Collect every InternalError the pipeline meets inside the ``with`` block."""
    found: list[InternalError] = []
    token = _listeners.set((*_listeners.get(), found))
    try:
        yield found
    finally:
        _listeners.reset(token)


def announce(error: InternalError) -> None:
    """Tell the active collectors (if any) about an article the pipeline lost to a bug."""
    for found in _listeners.get():
        found.append(error)


def record_failure(
    conn: sqlite3.Connection, error: InternalError, version: str | None, config_hash: str | None
) -> None:
    """One row in ``failures``: where, which stage and component, the message and the traceback."""
    source = f"{error.source}:{error.line}" if error.source and error.line else error.source or "<input>"
    conn.execute(
        "INSERT INTO failures (source, article_id, stage, component, error_type, message, traceback,"
        " eventwire_version, config_hash, at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (
            source,
            error.article_id,
            error.stage,
            error.component,
            error.error_type,
            error.message,
            error.traceback,
            version,
            config_hash,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def list_failures(conn: sqlite3.Connection, limit: int = 100) -> list[dict]:
    """The most recent internal errors, newest first."""
    rows = conn.execute("SELECT * FROM failures ORDER BY id DESC LIMIT ?", (limit,))
    return [dict(r) for r in rows]
