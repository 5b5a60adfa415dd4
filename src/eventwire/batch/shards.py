"""One partition of articles through the pipeline, written as Parquet shards (runs on a Dask worker).

Layout of an output directory (one file per partition in each table directory)::

    OUT/records/part-00000.parquet    one row per input item: the Article and Extraction as JSON
                                      (what ``eventwire load`` stores), or the input error
    OUT/articles/part-00000.parquet   flat tables for analysts, with exactly the columns of the
    OUT/events/part-00000.parquet     store's tables of the same name (pandas, DuckDB, Spark and
    OUT/...                           pyarrow.dataset read a table directory as one dataset)

The flat tables hold the rows the store's writer would insert (``store.article_rows``, a pure
function of the article and its extraction), so their ids and columns are the ones ``eventwire load``
will give the records. Only ``entities.id`` differs: the store numbers entities, the shards number
them within the partition.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import EventwireError, InternalError
from ..ingest.readers import Skip
from ..options import Options
from ..store.rows import TABLES

RECORDS = "records"
FLAT_TABLES = TABLES  # the store's tables, in the order their rows link
SQL_TO_ARROW = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}


@dataclass
class PartitionSummary:
    part: int
    items: int
    articles: int
    failed: int
    events: int
    cpu_seconds: float = 0.0  # CPU time the worker spent on it (vs wall time: how contended it was)
    wall_seconds: float = 0.0
    internal_errors: list[InternalError] = field(default_factory=list)  # articles lost to a bug of ours


def shard_name(part: int) -> str:
    return f"part-{part:05d}.parquet"


def record_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("seq", pa.int32()),
            ("kind", pa.string()),  # article | failed | skipped
            ("source", pa.string()),
            ("line", pa.int64()),
            ("message", pa.string()),
            ("article_id", pa.string()),
            ("article", pa.string()),
            ("extraction", pa.string()),
            ("eventwire_version", pa.string()),
            ("config_hash", pa.string()),
            # internal errors only (a bug of ours): where it happened and the traceback
            ("stage", pa.string()),
            ("component", pa.string()),
            ("error_type", pa.string()),
            ("traceback", pa.string()),
        ]
    )


def process_partition(part: int, items: list, options: Options, out_dir: str) -> PartitionSummary:
    """Clean, parse, extract ``items`` and write this partition's shards; returns counts only."""
    from ..pipeline import process_chunk
    from ..pipeline.ingest import extractor_provenance
    from ..store import article_rows
    from .serialize import dumps

    wall, cpu = time.perf_counter(), time.process_time()
    version, config_hash = extractor_provenance(options)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    flat: dict[str, list[dict]] = {table: [] for table in FLAT_TABLES}
    rows: list[dict] = []
    articles = failed = events = 0
    internal: list[InternalError] = []
    for seq, outcome in enumerate(process_chunk(items, options.with_(n_process=1))):
        row = {"seq": seq, "eventwire_version": version, "config_hash": config_hash}
        if not isinstance(outcome, EventwireError):
            try:
                tables, _ = article_rows(
                    outcome.article,
                    outcome.extraction,
                    version=version,
                    config_hash=config_hash,
                    ingested_at=now,
                )
                row.update(article_row(outcome.article, outcome.extraction, dumps))
                for table in FLAT_TABLES:
                    flat[table] += tables[table]
                articles += 1
                events += len(outcome.extraction.events)
                rows.append(row)
                continue
            except Exception as exc:  # a bug in the writer or serialiser costs this article only
                outcome = InternalError.from_exception(
                    exc, stage="store", source=outcome.article.source, article_id=outcome.article.id
                )
        kind = "skipped" if isinstance(outcome, Skip) else "failed"
        failed += kind == "failed"
        row.update(kind=kind, source=outcome.source, line=outcome.line, message=outcome.message)
        if isinstance(outcome, InternalError):
            internal.append(outcome)
            row.update(
                stage=outcome.stage,
                component=outcome.component,
                error_type=outcome.error_type,
                traceback=outcome.traceback,
                article_id=outcome.article_id,
            )
        rows.append(row)
    _write_flat_tables(flat, Path(out_dir), part)
    # The records shard is written last: its presence marks the partition complete.
    _write_table(rows, record_schema(), Path(out_dir) / RECORDS, part)
    seconds = time.process_time() - cpu, time.perf_counter() - wall
    return PartitionSummary(part, len(items), articles, failed, events, *seconds, internal_errors=internal)


def article_row(article, extraction, dumps) -> dict:
    return {
        "kind": "article",
        "source": article.source,
        "article_id": article.id,
        "article": dumps(article),
        "extraction": dumps(extraction),
    }


def internal_error_of(row: dict) -> InternalError | None:
    """The InternalError a failed record row stands for (None for input errors and older shards)."""
    if row.get("kind") != "failed" or not row.get("stage"):
        return None
    return InternalError(
        row["message"],
        source=row["source"],
        line=row["line"],
        stage=row["stage"],
        component=row.get("component"),
        article_id=row.get("article_id"),
        error_type=row.get("error_type") or "Exception",
        traceback=row.get("traceback") or "",
    )


def _write_flat_tables(flat: dict[str, list[dict]], out: Path, part: int) -> None:
    import pyarrow as pa

    from ..store.db import table_columns

    for n, entity in enumerate(flat["entities"], start=1):
        entity["id"] = n  # the store's INTEGER PRIMARY KEY, numbered within the partition
    for table in FLAT_TABLES:
        columns = table_columns(table)
        schema = pa.schema([(name, SQL_TO_ARROW.get(kind, "string")) for name, kind in columns])
        _write_table(flat[table], schema, out / table, part)


def _write_table(rows: list[dict], schema, directory: Path, part: int) -> None:
    """Write atomically (temp file, then rename): a killed worker never leaves half a shard."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    target = directory / shard_name(part)
    tmp = directory / f".{target.name}.{os.getpid()}.tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
    os.replace(tmp, target)


def completed_parts(out_dir: str | Path) -> list[int]:
    """Partitions whose records shard exists, in order."""
    directory = Path(out_dir) / RECORDS
    if not directory.is_dir():
        return []
    return sorted(int(p.stem.split("-")[1]) for p in directory.glob("part-*.parquet"))
