"""The analyst's dataset: one record per real-world event (a canonical event), in export shape.

A canonical event is written in the same shape as a mention (so every export format serves both)
with the event-level values: its type, modality, actors and place as most reports give them, its
first and last date, its counts reconciled across reports (``cluster/reconcile.py``), and the
evidence of its most confident report. ``reports``, ``sources`` and ``report_ids`` say how many
reports it merges, how many of them are independent, and which they are.

Whether a listing gives events or reports is decided here, once, for every interface:
``wants_canonical`` (events unless mentions are asked for, or the store was never clustered).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from typing import Any

from .canonical import iter_canonical_events
from .coactors import cluster_coactors, has_coactors
from .records import (
    EventFilter,
    decode_event,
    event_counts_for,
    event_select,
    has_joint_flag,
    story_date,
)

CHUNK = 256
RECONCILED = ("dead", "injured", "arrested", "size")


def is_clustered(conn: sqlite3.Connection) -> bool:
    """True once a clustering (full or incremental after ingest) has produced canonical events."""
    try:
        return conn.execute("SELECT 1 FROM clustering_runs LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # a read-only store made before clustering existed
        return False


def wants_canonical(conn: sqlite3.Connection, mentions: bool = False) -> bool:
    """The one rule: canonical events by default; reports with ``mentions`` or before clustering."""
    return not mentions and is_clustered(conn)


def iter_canonical_export(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, paginate: bool = False
) -> Iterator[dict[str, Any]]:
    """Every canonical event matching ``f`` (a mention filter: any report may match), streamed;
    with ``paginate`` only the page ``f.limit``/``f.offset`` selects."""
    clusters = iter_canonical_events(conn, f, paginate=paginate)
    while batch := list(itertools.islice(clusters, CHUNK)):
        best = _mentions_by_id(conn, [c["canonical_event_id"] for c in batch if c["canonical_event_id"]])
        ids = [c["id"] for c in batch]
        members = _members(conn, ids)
        sizes = _reconciled(conn, ids)
        counts = event_counts_for(conn, list(best))
        for cluster in batch:
            yield canonical_record(
                cluster, best.get(cluster["canonical_event_id"], {}), members, sizes, counts
            )


def canonical_record(cluster: dict, best: dict, members: dict, sizes: dict, counts: dict) -> dict[str, Any]:
    record = dict(best)  # the evidence, article and attribution of the most confident report
    record.update(cluster_coactors(cluster, best))
    # a joint act stays one when the event keeps its report's two sides ("Peru and Chile agreed")
    sides = ("source_country", "target_country")
    record["joint"] = bool(best.get("joint")) and all(best.get(k) == cluster.get(k) for k in sides)
    record.update(
        id=cluster["id"],
        type=cluster["type"],
        modality=cluster["modality"],
        date=cluster["date"],  # by its precision: records.canonical_dates
        date_last=cluster["date_last"],
        date_precision=cluster["date_precision"],
        source_name=cluster["source_name"],
        source_country=cluster["source_country"],
        target_name=cluster["target_name"],
        target_country=cluster["target_country"],
        place_name=cluster["place_name"],
        place_country=cluster["place_country"],
        lat=cluster["lat"],
        lon=cluster["lon"],
        confidence=cluster["confidence"],
        reports=cluster["mentions"],
        sources=cluster["sources"],
        articles=cluster["articles"],
        report_ids=members.get(cluster["id"], []),
        canonical_event_id=cluster["canonical_event_id"],
        reconciled=sizes.get(cluster["id"], dict.fromkeys(RECONCILED)),
        counts=_reconciled_counts(sizes.get(cluster["id"], {}))
        or counts.get(cluster["canonical_event_id"], []),
    )
    record.setdefault("mode", [])
    return record


def list_dataset_events(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, mentions: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """One page of events as every interface lists them: ("events", canonical events) by default,
    ("mentions", reports) with ``mentions`` or before clustering. Rows have the export shape."""
    if wants_canonical(conn, mentions):
        return "events", list(iter_canonical_export(conn, f, paginate=True))
    from .records import iter_events

    rows = list(iter_events(conn, f))
    counts = event_counts_for(conn, [r["id"] for r in rows])
    for row in rows:
        row["counts"] = counts.get(row["id"], [])
    return "mentions", rows


def count_dataset_events(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, mentions: bool = False
) -> int:
    """How many events ``list_dataset_events`` lists over all pages, by the same rule."""
    from .canonical import count_canonical_events
    from .records import count_events

    return count_canonical_events(conn, f) if wants_canonical(conn, mentions) else count_events(conn, f)


def _reconciled_counts(sizes: dict[str, int | None]) -> list[dict[str, Any]]:
    """Reconciled figures as count records, so flat exports show the event's figure, not a report's."""
    return [
        {
            "value": float(v),
            "value_high": None,
            "qualifier": "reconciled",
            "unit": None,
            "category": k,
            "text": "",
        }
        for k, v in sizes.items()
        if v is not None
    ]


def _mentions_by_id(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    select = event_select(coactors=has_coactors(conn), joint=has_joint_flag(conn))
    rows = conn.execute(f"{select} WHERE e.id IN ({','.join('?' * len(ids))})", ids)
    out = {}
    for row in rows:
        record = decode_event(story_date(dict(row)))
        out[record["id"]] = record
    return out


def _members(conn: sqlite3.Connection, cluster_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    rows = conn.execute(
        "SELECT cluster_id, event_id FROM event_cluster_members WHERE cluster_id IN "
        f"({','.join('?' * len(cluster_ids))})"
        " ORDER BY cluster_id, event_id",
        cluster_ids,
    )
    for row in rows:
        out.setdefault(row[0], []).append(row[1])
    return out


def _reconciled(conn: sqlite3.Connection, cluster_ids: list[str]) -> dict[str, dict[str, int | None]]:
    try:
        rows = conn.execute(
            f"SELECT id, {', '.join(RECONCILED)} FROM event_clusters WHERE id IN "
            f"({','.join('?' * len(cluster_ids))})",
            cluster_ids,
        )
    except sqlite3.OperationalError:  # a store from before reconciled counts: none to give
        return {}
    return {row[0]: {k: row[k] for k in RECONCILED} for row in rows}
