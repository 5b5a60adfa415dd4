"""A datasette ``metadata.json`` for an eventwire database: facets, search, labels, hidden internals.

``datasette news.db -m metadata.json`` then opens the store ready for browsing: events and
canonical events faceted by type, modality and countries, articles searchable (the full-text index
is declared the way datasette detects it) and faceted by outlet, internal bookkeeping tables hidden.
Only tables and columns the database really has are named, so the file fits older stores too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

FACETS = {
    "event_clusters": ["type", "modality", "source_country", "target_country", "place_country"],
    "events": ["type", "modality", "source_country", "target_country", "date_precision"],
    "articles": ["outlet", "language"],
    "actors": ["country", "sector"],
    "quotes": ["speaker_country", "anonymous"],
    "places": ["country", "kind"],
    "failures": ["stage", "component"],
}
SORT_DESC = {"event_clusters": "mentions", "events": "date", "articles": "published"}
LABELS = {"articles": "title", "actors": "name", "places": "name", "event_clusters": "type"}
DESCRIPTIONS = {
    "event_clusters": "Canonical events: one per real-world event, its reports merged (mentions, sources).",
    "events": "Event reports (mentions): one per event as written in one article, with its evidence offsets.",
    "articles": "Articles as cleaned: the text every offset points into; full-text search on title and text.",
    "event_cluster_members": "Which report belongs to which canonical event.",
    "counts": "Counts (dead, injured, arrested, crowd size, weapons) with their qualifier and phrase.",
    "quotes": "Direct and reported quotes with their resolved speaker.",
}
HIDDEN = ("_migrations", "article_lsh", "article_minhash", "ingest_progress", "articles_fts")


def datasette_metadata(conn: sqlite3.Connection, database: str) -> dict[str, Any]:
    """Metadata for ``datasette`` serving this store under the name ``database`` (the file's stem)."""
    tables: dict[str, Any] = {}
    present = _columns(conn)
    for table, columns in present.items():
        if table.startswith("articles_fts") or table in HIDDEN:
            tables[table] = {"hidden": True}
            continue
        entry: dict[str, Any] = {}
        facets = [c for c in FACETS.get(table, []) if c in columns]
        if facets:
            entry["facets"] = facets
        if SORT_DESC.get(table) in columns:
            entry["sort_desc"] = SORT_DESC[table]
        if LABELS.get(table) in columns:
            entry["label_column"] = LABELS[table]
        if table in DESCRIPTIONS:
            entry["description"] = DESCRIPTIONS[table]
        if table == "articles" and "articles_fts" in present:
            entry.update(fts_table="articles_fts", fts_pk="rowid", searchmode="raw")
        if entry:
            tables[table] = entry
    return {
        "title": "eventwire",
        "description": "Sourced event data extracted from news by eventwire: every field traceable to its "
        "sentence.",
        "databases": {database: {"tables": tables}},
    }


def database_name(path: str | Path) -> str:
    """The name datasette gives a database file: its stem."""
    return Path(path).stem


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')} for name in names}
