"""Write processed articles: one transaction per article, idempotent, with provenance on every row.

The writer reads the records and never changes them: the rows and their ids come from
``store/rows.py`` and ``store/ids.py`` (pure functions), and ``save_article`` returns the ids.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from ..models import Article, Extraction
from .db import transaction
from .ids import ExtractionIds, assign_ids
from .rows import TABLES, Row, article_rows, sortable_date

STORED, UNCHANGED, REPLACED = "stored", "unchanged", "replaced"

__all__ = ["REPLACED", "STORED", "UNCHANGED", "Saved", "article_status", "save_article", "sortable_date"]


@dataclass(frozen=True)
class Saved:
    """What ``save_article`` did (stored/unchanged/replaced) and the ids of the article's rows.

    For an unchanged article the ids are those already stored (the same function made them).
    """

    status: str
    ids: ExtractionIds


def article_status(conn: sqlite3.Connection, article_id: str, config_hash: str, version: str) -> str | None:
    """``UNCHANGED`` when this article was stored with the same settings and version, else None/"stale"."""
    row = conn.execute(
        "SELECT config_hash, eventwire_version FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    return UNCHANGED if (row[0], row[1]) == (config_hash, version) else "stale"


def save_article(
    conn: sqlite3.Connection, article: Article, extraction: Extraction, *, version: str, config_hash: str
) -> Saved:
    """Store one article with its paragraphs and extractions; returns the status and the row ids.

    Re-ingesting the same article with the same settings changes nothing. With other settings or
    another eventwire version, its rows are replaced (so the store never mixes provenances).
    ``article`` and ``extraction`` are not modified.
    """
    if article_status(conn, article.id, config_hash, version) == UNCHANGED:
        # the common case of a re-ingest, answered without taking the write lock
        return Saved(UNCHANGED, assign_ids(article.id, extraction))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows, ids = article_rows(article, extraction, version=version, config_hash=config_hash, ingested_at=now)
    with transaction(conn):
        # Asked again under the write lock: another process may have stored it meanwhile.
        prior = article_status(conn, article.id, config_hash, version)
        if prior == UNCHANGED:
            return Saved(UNCHANGED, ids)
        if prior is not None:
            conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        insert_rows(conn, rows)
    return Saved(REPLACED if prior else STORED, ids)


def insert_rows(conn: sqlite3.Connection, rows: dict[str, list[Row]]) -> None:
    """Insert rows by table, in the order of ``TABLES`` (each row's links point to earlier tables)."""
    for table in TABLES:
        table_rows = rows.get(table) or []
        if not table_rows:
            continue
        columns = list(table_rows[0])
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        conn.executemany(sql, [tuple(r[c] for c in columns) for r in table_rows])
