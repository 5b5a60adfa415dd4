"""``eventwire batch``: the pipeline on a Dask cluster, writing Parquet shards.

The driver reads the inputs (streaming: WARC and JSONL are never loaded whole), cuts them into
partitions of ``partition_size`` documents in input order, and keeps a bounded number of
partitions in flight on the workers (so memory stays flat however large the input). Each worker
loads the spaCy model once (``load_nlp`` is cached per process) and writes its partition's shards
(``shards.py``). ``eventwire load`` then stores the shards through one writer.

Restartable: a ``manifest.json`` records the inputs and settings; re-running the same command
into the same directory skips the partitions whose shards are complete.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import checked_published
from ..errors import EventwireError, InternalError
from ..ingest.readers import iter_documents
from ..options import Options
from .shards import PartitionSummary, completed_parts, process_partition

MANIFEST = "manifest.json"
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker: enough to keep it busy, little memory


@dataclass
class BatchReport:
    out_dir: str
    partitions: int = 0
    reused: int = 0  # partitions already complete from an earlier run of the same command
    items: int = 0
    articles: int = 0
    failed: int = 0
    events: int = 0
    workers: int = 0
    seconds: float = 0.0  # processing time, after the cluster is up and the models are loaded
    dashboard: str | None = None
    summaries: list[PartitionSummary] = field(default_factory=list)
    internal_errors: list[InternalError] = field(default_factory=list)  # articles lost to a bug of ours

    def summary(self) -> str:
        reused = f" ({self.reused} reused from an earlier run)" if self.reused else ""
        return (
            f"{self.partitions} partition(s){reused}, {self.articles} article(s), {self.events} event(s), "
            f"{self.failed} failed input(s) on {self.workers} worker(s) → {self.out_dir}"
        )


def partitions(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_batch(
    paths: list[str],
    out_dir: str | Path,
    *,
    options: Options | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 64,
    fmt: str = "auto",
    published: str | None = None,
    url: str | None = None,
    on_start: Callable[[str | None, int], None] | None = None,
    on_partition: Callable[[PartitionSummary], None] | None = None,
) -> BatchReport:
    """Process ``paths`` on a Dask cluster into Parquet shards under ``out_dir``.

    ``scheduler`` is the address of a running cluster (``tcp://host:8786``); without it a
    LocalCluster of ``workers`` processes with one thread each is started and stopped here.
    ``on_start(dashboard_link, n_workers)`` is called once the cluster is up.
    """
    from dask.distributed import Client, LocalCluster

    options = options or Options()
    published = checked_published(published, source="--published")
    out = Path(out_dir)
    done = set(_check_manifest(out, paths, fmt, partition_size, options, published, url))
    report = BatchReport(out_dir=str(out))
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # Localhost only; a dashboard on a free port when bokeh is installed.
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        )
        client = Client(cluster)
    try:
        report.workers = len(client.scheduler_info(n_workers=-1)["workers"]) or workers
        report.dashboard = client.dashboard_link
        if on_start:
            on_start(report.dashboard, report.workers)
        _load_models(client, options)
        started = time.perf_counter()
        _run(client, paths, out, options, fmt, published, url, partition_size, done, report, on_partition)
        report.seconds = time.perf_counter() - started
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report


def _load_models(client, options: Options) -> None:
    """Every worker loads the model now, in parallel, instead of inside its first partition."""
    from ..nlp import load_nlp

    def warm(model: str) -> None:
        load_nlp(model)

    client.run(warm, options.model)


def _run(client, paths, out: Path, options, fmt, published, url, size, done, report, on_partition) -> None:
    from dask.distributed import as_completed

    items = iter_documents(paths, fmt, published=published, url=url, max_bytes=options.max_bytes)
    parts = enumerate(partitions(items, size))
    limit = max(1, report.workers * IN_FLIGHT_PER_WORKER)
    running = as_completed()
    sizes: dict[str, tuple[int, int]] = {}  # future key -> (partition, items)

    def submit_next() -> bool:
        for part, chunk in parts:
            report.partitions += 1
            report.items += len(chunk)
            if part in done:
                report.reused += 1
                continue
            key = f"eventwire-partition-{part}"
            sizes[key] = (part, len(chunk))
            running.add(client.submit(process_partition, part, chunk, options, str(out), pure=False, key=key))
            return True
        return False

    for _ in range(limit):
        if not submit_next():
            break
    for future in running:
        summary = _summary_of(future, *sizes.pop(future.key))
        report.summaries.append(summary)
        report.articles += summary.articles
        report.failed += summary.failed
        report.events += summary.events
        report.internal_errors.extend(summary.internal_errors)
        if on_partition:
            on_partition(summary)
        submit_next()
    report.summaries.sort(key=lambda s: s.part)


def _summary_of(future, part: int, n_items: int) -> PartitionSummary:
    """The partition's summary; a partition that crashed as a whole is reported (and left
    incomplete, so running the same command again redoes it) while the others go on."""
    try:
        return future.result()
    except Exception as exc:
        error = InternalError.from_exception(exc, stage="batch", source=f"partition {part}")
        return PartitionSummary(part, n_items, 0, n_items, 0, internal_errors=[error])


def _check_manifest(out: Path, paths, fmt, size, options: Options, published, url) -> list[int]:
    """Write the run's manifest; a directory from the same run keeps its complete partitions."""
    manifest = {
        "inputs": [str(Path(p).resolve()) if p != "-" else p for p in paths],
        "format": fmt,
        "partition_size": size,
        "config_hash": options.config_hash(),
        "model": options.model,
        "published": published,
        "url": url,
    }
    path = out / MANIFEST
    if path.exists():
        previous = json.loads(path.read_text(encoding="utf-8"))
        if previous == manifest:
            return completed_parts(out)
        if completed_parts(out):
            raise EventwireError(
                f"{out} holds shards of another batch run (other inputs or settings); "
                "give a new --out directory or delete it"
            )
    elif completed_parts(out):
        raise EventwireError(f"{out} holds shards without a {MANIFEST}; give a new --out directory")
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return []
