"""Articles: list, show one with everything extracted from it, full-text search, stats."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from ..errors import NotFoundError, StoreError
from .records import LIKE, like_escape

ARTICLE_COLUMNS = (
    "id",
    "published",
    "outlet",
    "title",
    "url",
    "n_paragraphs",
    "n_dropped",
    "format",
    "source",
)


def _rows(cursor) -> list[dict[str, Any]]:
    return [dict(r) for r in cursor]


def list_articles(
    conn: sqlite3.Connection,
    *,
    limit: int = 50,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    where, params = _article_where(since, until, outlet)
    sql = (
        f"SELECT {', '.join(ARTICLE_COLUMNS)},"
        " (SELECT COUNT(*) FROM events e WHERE e.article_id = articles.id) AS events,"
        " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = articles.id) AS quotes"
        f" FROM articles {where} ORDER BY published DESC, id LIMIT ? OFFSET ?"
    )
    return _rows(conn.execute(sql, (*params, limit, offset)))


def count_articles(conn: sqlite3.Connection, *, since=None, until=None, outlet=None) -> int:
    where, params = _article_where(since, until, outlet)
    return conn.execute(f"SELECT COUNT(*) FROM articles {where}", params).fetchone()[0]


def _article_where(since, until, outlet) -> tuple[str, list]:
    clauses, params = [], []
    if since:
        clauses.append("published >= ?")
        params.append(since)
    if until:
        clauses.append("published <= ?")
        params.append(until)
    if outlet:
        clauses.append(f"outlet {LIKE}")
        params.append(f"%{like_escape(outlet)}%")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def resolve_article_id(conn: sqlite3.Connection, article_id: str) -> str:
    """The full id for an id or a unique prefix of one (like git's short hashes)."""
    rows = conn.execute(
        f"SELECT id FROM articles WHERE id {LIKE} LIMIT 2", (f"{like_escape(article_id)}%",)
    ).fetchall()
    if not rows:
        raise NotFoundError(f"no article with id {article_id!r} (list them with `eventwire articles`)")
    if len(rows) > 1:
        raise NotFoundError(f"article id prefix {article_id!r} is ambiguous; give more characters")
    return rows[0][0]


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """One article with its paragraphs (kept and dropped) and every extraction with evidence offsets."""
    aid = resolve_article_id(conn, article_id)
    article = dict(conn.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone())
    article["meta"] = json.loads(article["meta"] or "{}")
    article["paragraphs"] = _rows(
        conn.execute(
            'SELECT idx, line, text, kept, reason, start, "end" FROM paragraphs WHERE article_id = ? ORDER '
            "BY idx",
            (aid,),
        )
    )
    for table in ("events", "quotes", "actors", "places", "counts", "times", "entities", "sentences"):
        order = "idx" if table == "sentences" else "start"
        article[table] = _rows(
            conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", (aid,))
        )
    for ev in article["events"]:
        ev["mode"] = json.loads(ev["mode"] or "[]")
    return article


_FTS_SAFE = re.compile(r'[^\w\s"*-]', re.UNICODE)


def search_articles(
    conn: sqlite3.Connection, query: str, *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """Full-text search (SQLite FTS5) over titles and cleaned text, best match first."""
    if not query.strip():
        raise StoreError("empty search query")
    sql = (
        "SELECT a.id, a.published, a.outlet, a.title,"
        " snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
    )
    try:
        return _rows(conn.execute(sql, (query, limit, offset)))
    except sqlite3.OperationalError:
        # Not valid FTS5 syntax (a stray quote or colon): search the words as plain terms.
        terms = " ".join(f'"{w}"' for w in _FTS_SAFE.sub(" ", query).replace('"', " ").split())
        if not terms:
            raise StoreError(f"nothing searchable in {query!r}") from None
        return _rows(conn.execute(sql, (terms, limit, offset)))


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of everything in the store, events by type, and the provenance in use."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "paragraphs_kept": one("SELECT COUNT(*) FROM paragraphs WHERE kept = 1"),
        "paragraphs_dropped": one("SELECT COUNT(*) FROM paragraphs WHERE kept = 0"),
        "entities": one("SELECT COUNT(*) FROM entities"),
        "actors": one("SELECT COUNT(*) FROM actors"),
        "events": one("SELECT COUNT(*) FROM events"),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "places": one("SELECT COUNT(*) FROM places"),
        "counts": one("SELECT COUNT(*) FROM counts"),
        "first_published": one("SELECT MIN(published) FROM articles"),
        "last_published": one("SELECT MAX(published) FROM articles"),
        "events_by_type": dict(
            conn.execute("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY 2 DESC").fetchall()
        ),
        "drop_reasons": dict(
            conn.execute(
                "SELECT reason, COUNT(*) FROM paragraphs WHERE kept = 0 GROUP BY reason ORDER BY 2 DESC"
            ).fetchall()
        ),
        "provenance": _rows(
            conn.execute(
                "SELECT eventwire_version, config_hash, COUNT(*) AS articles FROM articles GROUP BY 1, 2"
            )
        ),
    }
