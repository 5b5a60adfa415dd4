"""Aggregates over filtered events for the dashboard and the API: timeline, actor matrix, map points.

Each takes the same ``EventFilter`` as ``list_events`` (limit/offset/sort are ignored), so a chart
always shows exactly the events the table next to it lists.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .records import EventFilter, event_where

UNKNOWN = "(unknown)"  # label for an event side with no coded actor


def _from(f: EventFilter) -> str:
    # The articles join is only needed by the filters that read the article (sentence text, outlet).
    return "FROM events e JOIN articles a ON a.id = e.article_id" if f.needs_article else "FROM events e"


def _where_and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f"WHERE {clause}"


def timeline(conn: sqlite3.Connection, f: EventFilter | None = None) -> dict[str, Any]:
    """Events per day by PLOVER type.

    Only day-precision dates can sit on a daily axis; events with a coarser date ("2024-04",
    "2024-W15") are counted in ``partial`` and undated ones in ``undated`` so nothing disappears
    silently from the totals.
    """
    f = (f or EventFilter()).validate()
    where, params = event_where(f)
    day_where = _where_and(where, "length(e.date) = 10")
    rows = conn.execute(
        f"SELECT e.date AS day, e.type AS type, COUNT(*) AS n {_from(f)} {day_where} GROUP BY 1, 2 ORDER BY "
        "1, 2",
        params,
    ).fetchall()
    days = sorted({r["day"] for r in rows})
    types = sorted({r["type"] for r in rows})
    index = {d: i for i, d in enumerate(days)}
    counts = {t: [0] * len(days) for t in types}
    for r in rows:
        counts[r["type"]][index[r["day"]]] = r["n"]
    other = conn.execute(
        f"SELECT SUM(e.date IS NULL), SUM(e.date IS NOT NULL AND length(e.date) != 10) {_from(f)} {where}",
        params,
    ).fetchone()
    return {
        "days": days,
        "types": types,
        "counts": counts,
        "undated": other[0] or 0,
        "partial": other[1] or 0,
    }


def actor_matrix(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, by: str = "country", top: int = 12
) -> dict[str, Any]:
    """Source → target counts by type, for the ``top`` most active sources and targets.

    ``by`` is ``country`` (the coded country/IGO) or ``name`` (the canonical actor name).
    """
    if by not in ("country", "name"):
        from ..errors import StoreError

        raise StoreError(f"actor matrix is by 'country' or 'name', not {by!r}")
    f = (f or EventFilter()).validate()
    where, params = event_where(f)
    src, tgt = f"COALESCE(e.source_{by}, '{UNKNOWN}')", f"COALESCE(e.target_{by}, '{UNKNOWN}')"
    rows = conn.execute(
        f"SELECT {src} AS source, {tgt} AS target, e.type AS type, COUNT(*) AS n {_from(f)} {where}"
        " GROUP BY 1, 2, 3",
        params,
    ).fetchall()
    totals_src: dict[str, int] = {}
    totals_tgt: dict[str, int] = {}
    for r in rows:
        totals_src[r["source"]] = totals_src.get(r["source"], 0) + r["n"]
        totals_tgt[r["target"]] = totals_tgt.get(r["target"], 0) + r["n"]
    sources = sorted(totals_src, key=lambda k: (-totals_src[k], k))[:top]
    targets = sorted(totals_tgt, key=lambda k: (-totals_tgt[k], k))[:top]
    keep_s, keep_t = set(sources), set(targets)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["source"] in keep_s and r["target"] in keep_t:
            cell = cells.setdefault(
                (r["source"], r["target"]),
                {"source": r["source"], "target": r["target"], "events": 0, "by_type": {}},
            )
            cell["events"] += r["n"]
            cell["by_type"][r["type"]] = r["n"]
    return {
        "by": by,
        "sources": sources,
        "targets": targets,
        "cells": sorted(cells.values(), key=lambda c: (-c["events"], c["source"], c["target"])),
        "total": sum(totals_src.values()),
    }


def map_points(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, limit: int = 5000
) -> dict[str, Any]:
    """Geocoded events grouped by place (name + coordinates), with counts by type.

    ``ungeocoded`` says how many matching events had no coordinates and so are not on the map.
    """
    f = (f or EventFilter()).validate()
    where, params = event_where(f)
    geo_where = _where_and(where, "e.lat IS NOT NULL AND e.lon IS NOT NULL")
    rows = conn.execute(
        "SELECT ROUND(e.lat, 3) AS lat, ROUND(e.lon, 3) AS lon, e.place_name AS name, e.place_country AS "
        "country,"
        # SQLite takes the bare column e.article_id from the row holding MIN(e.id).
        f" e.type AS type, COUNT(*) AS n, MIN(e.id) AS example, e.article_id AS example_article"
        f" {_from(f)} {geo_where} GROUP BY 1, 2, 3, 4, 5",
        params,
    ).fetchall()
    points: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (r["lat"], r["lon"], r["name"], r["country"])
        point = points.setdefault(
            key,
            {
                "lat": r["lat"],
                "lon": r["lon"],
                "name": r["name"],
                "country": r["country"],
                "events": 0,
                "by_type": {},
                "example_event": r["example"],
                "example_article": r["example_article"],
            },
        )
        point["events"] += r["n"]
        point["by_type"][r["type"]] = r["n"]
        if r["example"] < point["example_event"]:
            point["example_event"], point["example_article"] = r["example"], r["example_article"]
    ordered = sorted(points.values(), key=lambda p: (-p["events"], p["name"] or ""))
    missing = conn.execute(
        f"SELECT COUNT(*) {_from(f)} {_where_and(where, '(e.lat IS NULL OR e.lon IS NULL)')}", params
    ).fetchone()[0]
    return {"points": ordered[:limit], "ungeocoded": missing, "truncated": len(ordered) > limit}


def summary(conn: sqlite3.Connection) -> dict[str, Any]:
    """The dashboard header's few numbers; much cheaper than ``stats`` (no GROUP BYs, no paragraph scan)."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM "
        "quotes),"
        " (SELECT COUNT(*) FROM actors), (SELECT MIN(published) FROM articles), (SELECT MAX(published) FROM "
        "articles)"
    ).fetchone()
    keys = ("articles", "events", "quotes", "actors", "first_published", "last_published")
    return dict(zip(keys, row, strict=True))
