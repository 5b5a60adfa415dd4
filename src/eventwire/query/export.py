"""Exports: PLOVER JSONL, CSV, Parquet, GeoJSON and a quotes CSV, all streamed.

Events come from ``iter_events(..., paginate=False)`` (a live cursor) and are written as they
arrive; only one chunk of events (``CHUNK`` rows, to fetch their counts in one query) is in memory
at a time, so exporting a million events needs about as much memory as exporting a thousand.
The field mapping is documented in ``docs/exports.md``.
"""

from __future__ import annotations

import csv
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..dates import period_start
from ..errors import InputError
from .acled import ACLED_COLUMNS, acled_row
from .dataset import iter_canonical_export, wants_canonical
from .plover import plover_record
from .records import LIKE, EventFilter, event_counts_for, iter_events, like_escape

EXPORT_FORMATS = ("plover-jsonl", "csv", "acled-csv", "parquet", "geojson", "quotes-csv")
CHUNK = 256  # events fetched per counts lookup: the unit of memory use while streaming
PARQUET_BATCH = 10_000
COUNT_COLUMNS = ("dead", "injured", "arrested", "size", "weapon")

CSV_COLUMNS = (
    "id",
    "date",
    "date_last",
    "date_precision",
    "type",
    "mode",
    "source_name",
    "source_country",
    "source_sector",
    "target_name",
    "target_country",
    "target_sector",
    "source_also",
    "target_also",
    "joint",
    "place_name",
    "place_country",
    "place_precision",
    "lat",
    "lon",
    *COUNT_COLUMNS,
    "counts",
    "modality",
    "attribution_speaker",
    "attribution_anonymous",
    "attribution_via",
    "confidence",
    "reports",
    "sources",
    "trigger",
    "sentence",
    "url",
    "outlet",
    "published",
    "article_id",
)
QUOTE_COLUMNS = (
    "id",
    "article_id",
    "published",
    "speaker_text",
    "speaker_country",
    "speaker_sector",
    "anonymous",
    "direct",
    "cue",
    "addressee",
    "text",
    "start",
    "end",
    "outlet",
    "url",
)


def iter_export_events(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, chunk: int = CHUNK
) -> Iterator[dict]:
    """Every matching event (no paging) with its linked counts under ``counts``, streamed in chunks."""
    events = iter_events(conn, f, paginate=False)
    while batch := list(itertools.islice(events, chunk)):
        counts = event_counts_for(conn, [e["id"] for e in batch])
        for event in batch:
            event["counts"] = counts.get(event["id"], [])
            yield event


# --- record shapes -------------------------------------------------------------------------------


def count_columns(counts: list[dict[str, Any]]) -> dict[str, int | None]:
    """The largest figure per category, as whole numbers: two mentions of "12 killed" must not
    become 24, and a range or a vague figure codes its lower bound ("dozens" is at least 24)."""
    out: dict[str, int | None] = dict.fromkeys(COUNT_COLUMNS)
    for c in counts:
        low = lower_bound(c)
        if c["category"] in out and low is not None:
            out[c["category"]] = max(out[c["category"]] or 0, int(low))
    return out


def lower_bound(count: dict[str, Any]) -> float | None:
    """The figure a count guarantees: the lower end of a range ("20 to 30" → 20, whichever end is
    written first) and of a vague figure ("dozens" → 24; the extractor stores that bound)."""
    values = [v for v in (count.get("value"), count.get("value_high")) if v is not None]
    return min(values) if values else None


def _coactor_label(actor: dict[str, Any]) -> str:
    """A co-actor in a CSV cell: its name and codes, "Jordan (JOR)", "British forces (GBR MIL)"."""
    codes = " ".join(c for c in (actor.get("country"), actor.get("sector")) if c)
    return f"{actor.get('name') or ''} ({codes})" if codes else actor.get("name") or ""


def _count_label(c: dict[str, Any]) -> str:
    value = f"{c['value']:g}" + (f"-{c['value_high']:g}" if c.get("value_high") is not None else "")
    return f"{c['category']}={value} ({c.get('qualifier') or 'exact'}: {c['text']})"


def csv_row(ev: dict[str, Any]) -> dict[str, Any]:
    row = {k: ev.get(k) for k in CSV_COLUMNS}
    row["mode"] = ";".join(ev["mode"])
    if ev.get("reports") is None:  # a mention: the size of the event it belongs to
        row["reports"], row["sources"] = ev.get("cluster_mentions"), ev.get("cluster_sources")
    row.update(count_columns(ev.get("counts", [])))
    row["counts"] = "; ".join(_count_label(c) for c in ev.get("counts", []))
    for key in ("source_also", "target_also"):
        row[key] = "; ".join(_coactor_label(a) for a in ev.get(key) or [])
    row["joint"] = bool(ev.get("joint"))
    if row["attribution_anonymous"] is not None:
        row["attribution_anonymous"] = bool(row["attribution_anonymous"])
    return row


def geojson_feature(ev: dict[str, Any]) -> dict[str, Any] | None:
    """A Point feature (lon, lat order, per RFC 7946), or None for an event without coordinates."""
    if ev["lat"] is None or ev["lon"] is None:
        return None
    props = {k: v for k, v in csv_row(ev).items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": ev["id"],
        "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
        "properties": props,
    }


# --- writers -------------------------------------------------------------------------------------


def write_plover_jsonl(events: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[dict], out: IO[str], columns: tuple[str, ...]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_geojson(events: Iterable[dict], out: IO[str]) -> int:
    """A FeatureCollection written feature by feature (never built as one list)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev in events:
        feature = geojson_feature(ev)
        if feature is None:
            continue
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def parquet_schema():
    import pyarrow as pa

    s, f64, i64 = pa.string(), pa.float64(), pa.int64()
    count = pa.struct(
        [("value", f64), ("value_high", f64), ("qualifier", s), ("unit", s), ("category", s), ("text", s)]
    )
    party = pa.struct([("name", s), ("country", s), ("sector", s), ("canonical_id", s)])
    return pa.schema(
        [
            ("id", s),
            ("article_id", s),
            ("date", pa.date32()),
            ("date_last", pa.date32()),
            ("date_precision", s),
            ("type", s),
            ("mode", pa.list_(s)),
            ("trigger", s),
            ("source_name", s),
            ("source_country", s),
            ("source_sector", s),
            ("target_name", s),
            ("target_country", s),
            ("target_sector", s),
            ("source_also", pa.list_(party)),
            ("target_also", pa.list_(party)),
            ("joint", pa.bool_()),
            ("place_name", s),
            ("place_country", s),
            ("lat", f64),
            ("lon", f64),
            *[(c, i64) for c in COUNT_COLUMNS],
            ("counts", pa.list_(count)),
            ("modality", s),
            ("attribution_speaker", s),
            ("attribution_anonymous", pa.bool_()),
            ("attribution_via", s),
            ("confidence", f64),
            ("reports", i64),
            ("sources", i64),
            ("start", i64),
            ("end", i64),
            ("sentence_start", i64),
            ("sentence_end", i64),
            ("sentence", s),
            ("url", s),
            ("outlet", s),
            ("title", s),
            ("published", pa.date32()),
        ]
    )


def _as_date(value: str | None):
    """A typed date for Parquet: the first day of a coarser period (its precision says which)."""
    return period_start(str(value)) if value else None


def _parquet_row(ev: dict[str, Any]) -> dict[str, Any]:
    row = dict(ev)
    row.update(count_columns(ev.get("counts", [])))
    for key in ("date", "date_last", "published"):
        row[key] = _as_date(row.get(key))
    if row.get("reports") is None:
        row["reports"], row["sources"] = ev.get("cluster_mentions"), ev.get("cluster_sources")
    if row["attribution_anonymous"] is not None:
        row["attribution_anonymous"] = bool(row["attribution_anonymous"])
    row["joint"] = bool(ev.get("joint"))
    return row


def write_parquet(events: Iterable[dict], path: str | Path, *, batch_size: int = PARQUET_BATCH) -> int:
    """Typed Parquet, one row group per ``batch_size`` events (only one batch in memory)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        it = iter(events)
        while batch := [_parquet_row(ev) for ev in itertools.islice(it, batch_size)]:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


# --- quotes --------------------------------------------------------------------------------------


def iter_quotes(conn: sqlite3.Connection, f: EventFilter | None = None) -> Iterator[dict]:
    """Every quote matching the export filters, streamed.

    The event filters map onto quotes as: ``article``, ``since``/``until`` (article published
    date), ``actor`` (speaker country code, or speaker name fragment), ``country`` (speaker
    country) and ``text`` (quoted words contain). Types and modality do not apply to quotes.
    """
    f = (f or EventFilter()).validate()
    clauses, params = [], []
    if f.article:
        clauses.append(f"q.article_id {LIKE}")
        params.append(f"{like_escape(f.article)}%")
    if f.since:
        clauses.append("a.published >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("a.published <= ?")
        params.append(f.until + "\uffff")
    if f.actor:
        if f.actor.isupper() and len(f.actor) <= 4:
            clauses.append("q.speaker_country = ?")
            params.append(f.actor)
        else:
            clauses.append(f"q.speaker_text {LIKE}")
            params.append(f"%{like_escape(f.actor)}%")
    if f.country:
        clauses.append("q.speaker_country = ?")
        params.append(f.country.upper())
    if f.text:
        clauses.append("instr(lower(q.text), lower(?)) > 0")
        params.append(f.text)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (
        "SELECT q.id, q.article_id, a.published, q.speaker_text, q.speaker_country, q.speaker_sector,"
        ' q.anonymous, q.direct, q.cue, q.addressee, q.text, q.start, q."end", a.outlet, a.url'
        f" FROM quotes q JOIN articles a ON a.id = q.article_id {where} ORDER BY a.published, q.article_id, "
        "q.start"
    )
    for row in conn.execute(sql, params):
        record = dict(row)
        record["anonymous"], record["direct"] = bool(record["anonymous"]), bool(record["direct"])
        yield record


# --- entry point ---------------------------------------------------------------------------------


def export(
    conn: sqlite3.Connection,
    fmt: str,
    out: IO[str] | str | Path,
    f: EventFilter | None = None,
    *,
    mentions: bool = False,
    asserted_only: bool = False,
) -> int:
    """Write every event (or quote) matching ``f`` in ``fmt`` to ``out``; returns how many were written.

    Events are canonical events (one per real-world event, counts reconciled across its reports);
    ``mentions`` writes every report instead. Negated, hypothetical, future, historical and alleged
    events are kept and marked (PLOVER: ``has_event`` false, a special context); ``asserted_only``
    drops them. ``out`` is an open text stream, or a path (required for Parquet, which is binary).
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, str | Path):
            raise InputError("parquet is a binary format: give an output file with -o FILE.parquet")
        return write_parquet(export_events(conn, f, mentions, asserted_only), out)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export(conn, fmt, fh, f, mentions=mentions, asserted_only=asserted_only)
    if fmt == "quotes-csv":
        return write_csv(iter_quotes(conn, f), out, QUOTE_COLUMNS)
    events = export_events(conn, f, mentions, asserted_only)
    if fmt == "plover-jsonl":
        return write_plover_jsonl(events, out)
    if fmt == "csv":
        return write_csv((csv_row(ev) for ev in events), out, CSV_COLUMNS)
    if fmt == "acled-csv":
        return write_csv((row for row in map(acled_row, events) if row is not None), out, ACLED_COLUMNS)
    return write_geojson(events, out)


def export_events(
    conn: sqlite3.Connection, f: EventFilter | None, mentions: bool = False, asserted_only: bool = False
) -> Iterator[dict]:
    """The records an export writes: canonical events by default, every report with ``mentions``."""
    events = (
        iter_canonical_export(conn, f) if wants_canonical(conn, mentions) else iter_export_events(conn, f)
    )
    if asserted_only:
        return (ev for ev in events if (ev.get("modality") or "asserted") == "asserted")
    return events
