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

from ..errors import InputError
from .records import EventFilter, event_counts_for, iter_events

EXPORT_FORMATS = ("plover-jsonl", "csv", "parquet", "geojson", "quotes-csv")
CHUNK = 256  # events fetched per counts lookup: the unit of memory use while streaming
PARQUET_BATCH = 10_000
COUNT_COLUMNS = ("dead", "injured", "arrested", "size", "weapon")

CSV_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "type",
    "mode",
    "source_name",
    "source_country",
    "source_sector",
    "target_name",
    "target_country",
    "target_sector",
    "place_name",
    "place_country",
    "lat",
    "lon",
    *COUNT_COLUMNS,
    "counts",
    "modality",
    "attribution_speaker",
    "attribution_anonymous",
    "attribution_via",
    "confidence",
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


def _actor(name: str | None, code: str | None, sector: str | None) -> dict[str, Any] | None:
    if name is None and code is None and sector is None:
        return None
    return {"actorText": name, "code": code, "sector": sector}


def plover_record(ev: dict[str, Any]) -> dict[str, Any]:
    """One event in PLOVER's JSON shape, our extra fields under ``eventwire``."""
    return {
        "id": ev["id"],
        "date": ev["date"],
        "event": ev["type"],
        "mode": ev["mode"][0] if ev["mode"] else None,
        "context": [],  # eventwire does not code PLOVER contexts yet
        "actor": _actor(ev["source_name"], ev["source_country"], ev["source_sector"]),
        "recipient": _actor(ev["target_name"], ev["target_country"], ev["target_sector"]),
        "event_loc": None
        if ev["place_name"] is None and ev["lat"] is None
        else {"name": ev["place_name"], "lat": ev["lat"], "lon": ev["lon"], "country": ev["place_country"]},
        "text_info": {"sentence": ev["sentence"], "trigger": ev["trigger"]},
        "cite_info": {
            "url": ev["url"],
            "outlet": ev["outlet"],
            "article_id": ev["article_id"],
            "published": ev["published"],
            "title": ev["title"],
        },
        "eventwire": {
            "modes": ev["mode"],
            "date_precision": ev["date_precision"],
            "modality": ev["modality"],
            "attribution": None
            if not (ev["attribution_speaker"] or ev["attribution_via"])
            else {
                "speaker": ev["attribution_speaker"],
                "anonymous": bool(ev["attribution_anonymous"]),
                "via": ev["attribution_via"],
            },
            "counts": ev.get("counts", []),
            "confidence": ev["confidence"],
            "evidence": {
                "start": ev["start"],
                "end": ev["end"],
                "sentence_start": ev["sentence_start"],
                "sentence_end": ev["sentence_end"],
            },
        },
    }


def count_columns(counts: list[dict[str, Any]]) -> dict[str, float | None]:
    """The largest value per category (two mentions of "12 killed" must not become 24)."""
    out: dict[str, float | None] = dict.fromkeys(COUNT_COLUMNS)
    for c in counts:
        if c["category"] in out:
            value = c["value_high"] if c.get("value_high") is not None else c["value"]
            out[c["category"]] = max(out[c["category"]] or 0, value)
    return out


def _count_label(c: dict[str, Any]) -> str:
    value = f"{c['value']:g}" + (f"-{c['value_high']:g}" if c.get("value_high") is not None else "")
    return f"{c['category']}={value} ({c.get('qualifier') or 'exact'}: {c['text']})"


def csv_row(ev: dict[str, Any]) -> dict[str, Any]:
    row = {k: ev.get(k) for k in CSV_COLUMNS}
    row["mode"] = ";".join(ev["mode"])
    row.update(count_columns(ev.get("counts", [])))
    row["counts"] = "; ".join(_count_label(c) for c in ev.get("counts", []))
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
    return pa.schema(
        [
            ("id", s),
            ("article_id", s),
            ("date", s),
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
            ("place_name", s),
            ("place_country", s),
            ("lat", f64),
            ("lon", f64),
            *[(c, f64) for c in COUNT_COLUMNS],
            ("counts", pa.list_(count)),
            ("modality", s),
            ("attribution_speaker", s),
            ("attribution_anonymous", pa.bool_()),
            ("attribution_via", s),
            ("confidence", f64),
            ("start", i64),
            ("end", i64),
            ("sentence_start", i64),
            ("sentence_end", i64),
            ("sentence", s),
            ("url", s),
            ("outlet", s),
            ("title", s),
            ("published", s),
        ]
    )


def _parquet_row(ev: dict[str, Any]) -> dict[str, Any]:
    row = dict(ev)
    row.update(count_columns(ev.get("counts", [])))
    if row["attribution_anonymous"] is not None:
        row["attribution_anonymous"] = bool(row["attribution_anonymous"])
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
        clauses.append("q.article_id LIKE ?")
        params.append(f"{f.article}%")
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
            clauses.append("q.speaker_text LIKE ?")
            params.append(f"%{f.actor}%")
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
        f" FROM quotes q JOIN articles a ON a.id = q.article_id {where} ORDER BY a.published, q.article_id, q.start"
    )
    for row in conn.execute(sql, params):
        record = dict(row)
        record["anonymous"], record["direct"] = bool(record["anonymous"]), bool(record["direct"])
        yield record


# --- entry point ---------------------------------------------------------------------------------


def export(
    conn: sqlite3.Connection, fmt: str, out: IO[str] | str | Path, f: EventFilter | None = None
) -> int:
    """Write every event (or quote) matching ``f`` in ``fmt`` to ``out``; returns how many were written.

    ``out`` is an open text stream, or a path (required for Parquet, which is binary).
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, str | Path):
            raise InputError("parquet is a binary format: give an output file with -o FILE.parquet")
        return write_parquet(iter_export_events(conn, f), out)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return export(conn, fmt, fh, f)
    if fmt == "quotes-csv":
        return write_csv(iter_quotes(conn, f), out, QUOTE_COLUMNS)
    events = iter_export_events(conn, f)
    if fmt == "plover-jsonl":
        return write_plover_jsonl(events, out)
    if fmt == "csv":
        return write_csv((csv_row(ev) for ev in events), out, CSV_COLUMNS)
    return write_geojson(events, out)
