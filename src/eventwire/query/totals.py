"""Totals for paginated listings (the API answers ``{"data", "total", "limit", "offset"}``).

Counts share their filters with ``list_quotes``/``list_actors``/``list_places`` (the ``*_filters``
builders in ``records.py``); ``tests/test_api.py`` checks each total against the length of the
unpaginated listing.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import NotFoundError, StoreError
from .coactors import has_coactors
from .records import (
    CANONICAL_ACTOR_KEY,
    actor_filters,
    decode_event,
    event_counts_for,
    event_select,
    has_canonical_actors,
    has_clustering_tables,
    has_joint_flag,
    place_filters,
    quote_filters,
    story_date,
)


def count_quotes(
    conn: sqlite3.Connection,
    *,
    article: str | None = None,
    speaker: str | None = None,
    country: str | None = None,
    anonymous: bool | None = None,
) -> int:
    where, params = quote_filters(article, speaker, country, anonymous)
    return conn.execute(f"SELECT COUNT(*) FROM quotes t {where}", params).fetchone()[0]


def count_actors(
    conn: sqlite3.Connection,
    *,
    country: str | None = None,
    sector: str | None = None,
    article: str | None = None,
) -> int:
    """Distinct canonical actors, as ``list_actors`` lists them."""
    where, params = actor_filters(country, sector, article)
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM actors t {where} GROUP BY {CANONICAL_ACTOR_KEY})"
    return conn.execute(sql, params).fetchone()[0]


def count_places(
    conn: sqlite3.Connection,
    *,
    country: str | None = None,
    article: str | None = None,
    kind: str | None = None,
) -> int:
    """Distinct (name, country, kind) groups, as ``list_places`` lists them."""
    where, params = place_filters(country, kind, article)
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM places t {where} GROUP BY t.name, t.country, t.kind)"
    return conn.execute(sql, params).fetchone()[0]


def count_search(conn: sqlite3.Connection, query: str) -> int:
    """How many articles ``search_articles(query)`` matches (same fallback for invalid FTS syntax)."""
    from .articles import _FTS_SAFE

    if not query.strip():
        raise StoreError("empty search query")
    sql = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"
    try:
        return conn.execute(sql, (query,)).fetchone()[0]
    except sqlite3.OperationalError:
        terms = " ".join(f'"{w}"' for w in _FTS_SAFE.sub(" ", query).replace('"', " ").split())
        if not terms:
            raise StoreError(f"nothing searchable in {query!r}") from None
        return conn.execute(sql, (terms,)).fetchone()[0]


def get_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any]:
    """One event (as ``list_events`` shapes it) with its linked counts."""
    clusters, canonical = has_clustering_tables(conn), has_canonical_actors(conn)
    select = event_select(
        clusters=clusters, canonical=canonical, coactors=has_coactors(conn), joint=has_joint_flag(conn)
    )
    row = conn.execute(
        f"{select} WHERE e.id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no event with id {event_id!r}")
    record = decode_event(story_date(dict(row)))
    record["counts"] = event_counts_for(conn, [event_id]).get(event_id, [])
    return record
