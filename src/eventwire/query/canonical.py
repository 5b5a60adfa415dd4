"""Canonical events: the clusters of event mentions (``eventwire.cluster``) that every interface
lists as one event, with the filters of ``EventFilter`` applied to their mentions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from .coactors import cluster_coactors, event_parties
from .records import (
    CLUSTER_SORT,
    LIKE,
    EventFilter,
    event_where,
    has_clustering_tables,
    like_escape,
    precision_clause,
)

CANONICAL_COLUMNS = (
    "id",
    "type",
    "modality",
    "date_first",
    "date_last",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "mentions",
    "articles",
    "sources",
    "confidence",
    "canonical_event_id",
)


def clustering_status(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The last clustering run (settings, when, counts) and how many mentions arrived since; None if
    never run."""
    if not has_clustering_tables(conn):
        return None
    row = conn.execute("SELECT * FROM clustering_runs ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    status = dict(row)
    status["params"] = json.loads(status["params"])
    status["unclustered"] = conn.execute(
        "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE "
        "m.event_id = e.id)"
    ).fetchone()[0]
    return status


# The date precision of a canonical event (query/dataset.py dates it by this one rule, written in
# SQL so that it can filter): "day" when its first day is a day one of its reports gives in the text;
# else the week, month or year its most confident report gives; else "story" (the clustering places
# an event without a day of its own on its report's publication date); NULL when nothing dates it.
CANONICAL_PRECISION = (
    "(CASE WHEN c.date_first IS NOT NULL AND EXISTS (SELECT 1 FROM event_cluster_members pm"
    " JOIN events pe ON pe.id = pm.event_id WHERE pm.cluster_id = c.id AND pe.date_precision = 'day'"
    " AND substr(pe.date, 1, 10) = c.date_first) THEN 'day'"
    " WHEN (SELECT pb.date IS NOT NULL AND pb.date_precision IN ('week', 'month', 'year') FROM events pb"
    " WHERE pb.id = c.canonical_event_id)"
    " THEN (SELECT pb.date_precision FROM events pb WHERE pb.id = c.canonical_event_id)"
    " WHEN c.date_first IS NOT NULL"
    " OR (SELECT pa.published FROM events pb JOIN articles pa ON pa.id = pb.article_id"
    " WHERE pb.id = c.canonical_event_id) IS NOT NULL THEN 'story' END)"
)


def _canonical_where(f: EventFilter) -> tuple[str, list[Any]]:
    """A canonical event matches when any of its mentions matches the mention filter; the
    date-precision filter applies to the canonical event's own precision."""
    clauses, params = [], []
    where, mention_params = event_where(f, precision=False)
    if where:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_cluster_members m JOIN events e ON e.id = m.event_id"
            f" JOIN articles a ON a.id = e.article_id {where} AND m.cluster_id = c.id)"
        )
        params += mention_params
    if f.date_precision:
        clause, values = precision_clause(CANONICAL_PRECISION, f.date_precision)
        clauses.append(clause)
        params += values
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def iter_canonical_events(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, paginate: bool = True
) -> Iterator[dict[str, Any]]:
    """Canonical events matching ``f`` (same filters as ``iter_events``), with their best mention's
    evidence."""
    f = (f or EventFilter()).validate()
    if not has_clustering_tables(conn):
        return
    where, params = _canonical_where(f)
    # by date: the date the listing shows (canonical_dates), so a month-dated event sorts as its month
    column = CANONICAL_DATE_SORT if f.sort == "date" else CLUSTER_SORT.get(f.sort, f'c."{f.sort}"')
    order = f"{column} {'DESC' if f.descending else 'ASC'}, c.id"
    cols = ", ".join(f'c."{c}"' for c in CANONICAL_COLUMNS)
    sql = (
        f"SELECT {cols}, {CANONICAL_PRECISION} AS date_precision, e.date AS report_date, a.published,"
        " e.trigger, a.outlet, a.url,"
        " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
        " FROM event_clusters c LEFT JOIN events e ON e.id = c.canonical_event_id"
        f" LEFT JOIN articles a ON a.id = e.article_id{where} ORDER BY {order}"
    )
    if paginate:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, f.limit, f.offset]
    for row in conn.execute(sql, params):
        record = dict(row)
        record["date"], record["date_last"] = canonical_dates(record, record.pop("report_date"))
        yield record


CANONICAL_DATE_SORT = (
    f"(CASE WHEN {CANONICAL_PRECISION} IN ('week', 'month', 'year') THEN e.date"
    " ELSE COALESCE(c.date_first, substr(a.published, 1, 10)) END)"
)


def canonical_dates(cluster: dict[str, Any], report_date: str | None) -> tuple[str | None, str | None]:
    """(date, date_last) of a canonical event by its precision (``CANONICAL_PRECISION``): its
    first and last day; for a week, month or year, its most confident report's date; for
    ``story``, the days of its reports' stories (its best report's publication date if none)."""
    precision = cluster.get("date_precision")
    if precision in ("week", "month", "year"):
        return report_date, report_date
    if precision in ("day", "story") and cluster.get("date_first"):
        return cluster["date_first"], cluster["date_last"]
    if precision == "story":
        return cluster.get("published"), cluster.get("published")
    return None, None


def list_canonical_events(conn: sqlite3.Connection, f: EventFilter | None = None) -> list[dict[str, Any]]:
    return list(iter_canonical_events(conn, f))


def count_canonical_events(conn: sqlite3.Connection, f: EventFilter | None = None) -> int:
    f = (f or EventFilter()).validate()
    if not has_clustering_tables(conn):
        return 0
    where, params = _canonical_where(f)
    return conn.execute(f"SELECT COUNT(*) FROM event_clusters c{where}", params).fetchone()[0]


def get_canonical_event(conn: sqlite3.Connection, event_id: str) -> dict[str, Any]:
    """One canonical event (by id, unique id prefix, or the id of one of its mentions) with every mention."""
    from ..errors import NotFoundError

    if not has_clustering_tables(conn):
        raise NotFoundError("no canonical events in this store; run `eventwire cluster` first")
    rows = conn.execute(
        f"SELECT id FROM event_clusters WHERE id {LIKE} LIMIT 2", (f"{like_escape(event_id)}%",)
    ).fetchall()
    if not rows:
        rows = conn.execute(
            "SELECT cluster_id FROM event_cluster_members WHERE event_id = ?", (event_id,)
        ).fetchall()
    if not rows:
        raise NotFoundError(
            f"no canonical event or clustered mention with id {event_id!r} (run `eventwire cluster`?)"
        )
    if len(rows) > 1:
        raise NotFoundError(f"event id prefix {event_id!r} is ambiguous; give more characters")
    cols = ", ".join(CANONICAL_COLUMNS)
    record = dict(
        conn.execute(f"SELECT {cols}, params_hash FROM event_clusters WHERE id = ?", (rows[0][0],)).fetchone()
    )
    record.update(cluster_coactors(record, event_parties(conn, record.get("canonical_event_id"))))
    record["mentions_list"] = [
        dict(r)
        for r in conn.execute(
            "SELECT e.id AS event_id, e.article_id, a.published, a.outlet, a.url, a.title, e.date, e.type, "
            "e.trigger,"
            " e.source_name, e.source_country, e.target_name, e.target_country, e.place_name, e.modality,"
            " e.confidence, d.canonical_id AS duplicate_of,"
            " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
            " FROM event_cluster_members m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = "
            "e.article_id"
            " LEFT JOIN duplicate_groups d ON d.article_id = e.article_id AND d.canonical_id != d.article_id"
            " WHERE m.cluster_id = ? ORDER BY a.published, e.article_id, e.start",
            (record["id"],),
        )
    ]
    return record
