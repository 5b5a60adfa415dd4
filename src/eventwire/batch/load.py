"""``eventwire load DIR``: store the shards of a batch run through one writer.

Rows are read partition by partition in input order and stored with the same ``save_article``
the single-process ``ingest`` uses, so the database is the same as ``ingest`` would have made
(only timestamps differ); re-loading is idempotent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import EventwireError, InternalError
from ..pipeline.ingest import Failure, IngestReport, log_failure, log_internal_error, store_processed
from ..store.db import refresh_statistics
from .shards import RECORDS, completed_parts, internal_error_of, shard_name


def iter_records(out_dir: str | Path) -> Iterator[dict]:
    """The record rows of every complete partition, in input order."""
    import pyarrow.parquet as pq

    out = Path(out_dir)
    parts = completed_parts(out)
    if not parts:
        raise EventwireError(f"no batch shards in {out} (expected {out}/{RECORDS}/part-*.parquet)")
    for part in parts:
        rows = pq.read_table(out / RECORDS / shard_name(part)).to_pylist()
        yield from sorted(rows, key=lambda r: r["seq"])


def load_shards(
    conn: sqlite3.Connection, out_dir: str | Path, on_article: Callable[[str], None] | None = None
) -> IngestReport:
    """Store every article of the shards under ``out_dir``; errors of the batch run are reported."""
    from .serialize import loads

    report = IngestReport()
    for row in iter_records(out_dir):
        source = row["source"] or "<input>"
        if row["kind"] == "skipped":
            report.skipped.append(Failure(source, row["message"]))
            continue
        version, config_hash = row["eventwire_version"], row["config_hash"]
        if row["kind"] == "failed":
            internal = internal_error_of(row)
            if internal is not None:  # a bug of ours met on the worker: its traceback goes to failures
                log_internal_error(conn, report, internal, version, config_hash)
            else:
                log_failure(conn, report, Failure(source, row["message"], row["line"]))
        else:
            try:
                article, extraction = loads(row["article"]), loads(row["extraction"])
            except Exception as exc:  # a record our serialiser can't read back costs that record only
                error = InternalError.from_exception(
                    exc, stage="load", source=source, article_id=row["article_id"]
                )
                log_internal_error(conn, report, error, version, config_hash)
            else:
                store_processed(conn, report, article, extraction, version, config_hash)
        if on_article:
            on_article(source)
    if report.stored or report.replaced:
        refresh_statistics(conn)
    return report
