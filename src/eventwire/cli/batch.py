"""``eventwire batch`` (the pipeline on Dask → Parquet shards), ``eventwire load`` (shards → store),
``eventwire cluster`` (near-duplicates and canonical events) and ``eventwire event ID``."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import typer

from ..errors import InputError, display_name, require_extra
from ..ingest.readers import FORMATS
from ..options import Options
from .output import DB_OPTION, JSON_OPTION, LOCK_TIMEOUT_OPTION

PATHS_ARGUMENT = typer.Argument(..., help="Files or directories: WARC(.gz), RSS/Atom, JSONL, text, HTML.")


def register(app: typer.Typer) -> None:
    app.command(
        epilog=(
            "Examples:\n\n"
            "  eventwire batch CC-NEWS-*.warc.gz --out shards/ --workers 4\n\n"
            "  eventwire batch feeds/ --out shards/ --scheduler tcp://10.0.0.5:8786\n\n"
            "  eventwire load shards/ --db news.db"
        )
    )(batch)
    app.command()(load)
    app.command(epilog="Example: eventwire cluster --date-window 2 --threshold 0.6")(cluster)
    app.command()(event)


def batch(
    paths: list[str] = PATHS_ARGUMENT,
    out: str = typer.Option(..., "--out", "-o", help="Output directory for the Parquet shards."),
    scheduler: str = typer.Option(
        None,
        "--scheduler",
        help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.",
    ),
    workers: int = typer.Option(
        2, "--workers", "-w", min=1, help="Worker processes of the local cluster (1 thread each)."
    ),
    partition_size: int = typer.Option(
        64, "--partition-size", min=1, help="Articles per partition (one shard file each)."
    ),
    fmt: str = typer.Option("auto", "--format", help=f"Input format: {', '.join(FORMATS)}."),
    published: str = typer.Option(None, "--published", help="Publication date for inputs that lack one."),
    model: str = typer.Option(
        Options.model, "--model", help="spaCy model package (installed on every worker)."
    ),
    batch_size: int = typer.Option(
        32, "--batch-size", min=1, help="Articles per spaCy batch inside a partition."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No dashboard link, progress or summary."),
    debug: bool = typer.Option(
        False, "--debug", help="Print the traceback of each internal error (a bug of ours, not bad input)."
    ),
) -> None:
    """Run the pipeline on a Dask cluster and write Parquet shards (then: eventwire load DIR)."""
    from ..batch import run_batch

    require_extra("scale", "eventwire batch", "dask.distributed", "pyarrow")
    if fmt not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}")
    options = Options(model=model, batch_size=batch_size)

    def started(dashboard: str | None, n_workers: int) -> None:
        if not quiet:
            typer.echo(f"dask: {n_workers} worker(s); dashboard: {dashboard or 'not available'}", err=True)

    with _progress(quiet, "partitions") as tick:
        report = run_batch(
            paths,
            out,
            options=options,
            scheduler=scheduler,
            workers=workers,
            partition_size=partition_size,
            fmt=fmt,
            published=published,
            on_start=started,
            on_partition=lambda s: tick(s.items),
        )
    for error in report.internal_errors:
        typer.echo(f"error: {error}", err=True)
        if debug:
            typer.echo(error.traceback.rstrip(), err=True)
    if not quiet:
        typer.echo(report.summary(), err=True)
        typer.echo(f"Next: eventwire load {display_name(out)} --db eventwire.db", err=True)
    if report.failed:
        raise typer.Exit(1)  # the shards hold everything else; `load` reports each failure


def load(
    directory: str = typer.Argument(..., help="Output directory of `eventwire batch`."),
    db: str = DB_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary, only errors."),
    debug: bool = typer.Option(
        False, "--debug", help="Print the traceback of each internal error (a bug of ours, not bad input)."
    ),
    lock_timeout: float = LOCK_TIMEOUT_OPTION,
) -> None:
    """Store the Parquet shards of a batch run in the database (idempotent, one writer)."""
    from ..batch import load_shards
    from ..store import connect
    from .ingest import print_failures

    require_extra("scale", "eventwire load", "pyarrow")
    conn = connect(db, lock_timeout=lock_timeout)
    with _progress(quiet, "articles") as tick:
        report = load_shards(conn, directory, on_article=lambda _s: tick(1))
    print_failures(report.failed, debug)
    if not quiet:
        typer.echo(f"{report.summary()} → {display_name(db)}", err=True)
    if report.failed:
        raise typer.Exit(1)


def cluster(
    db: str = DB_OPTION,
    date_window: int = typer.Option(
        None, "--date-window", min=0, help="Days apart two mentions of one event may be dated."
    ),
    threshold: float = typer.Option(
        None, "--threshold", min=0.0, max=1.0, help="Least similarity for a mention to join an event."
    ),
    dup_threshold: float = typer.Option(
        None, "--dup-threshold", min=0.0, max=1.0, help="Least shingle Jaccard for near-duplicate articles."
    ),
    as_json: bool = JSON_OPTION,
    lock_timeout: float = LOCK_TIMEOUT_OPTION,
) -> None:
    """Find near-duplicate articles and merge event mentions into canonical events (replaces the last run)."""
    import json

    from ..cluster import ClusterSettings, run_clustering
    from ..store import connect

    changes = {
        k: v
        for k, v in (
            ("date_window_days", date_window),
            ("threshold", threshold),
            ("duplicate_threshold", dup_threshold),
        )
        if v is not None
    }
    settings = ClusterSettings.load().with_(**changes)
    result = run_clustering(connect(db, lock_timeout=lock_timeout), settings)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        typer.echo(result.summary())


def event(
    event_id: str = typer.Argument(
        ..., help="Canonical event id (or prefix), or the id of one of its mentions."
    ),
    db: str = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one canonical event and every report of it (article, outlet, date, sentence)."""
    import json

    from ..query.canonical import get_canonical_event
    from .output import print_table
    from .query import _reader

    record = get_canonical_event(_reader(db), event_id)
    if as_json:
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False, default=str))
        return
    head = {k: v for k, v in record.items() if k != "mentions_list"}
    for key, value in head.items():
        typer.echo(f"{key:>16}: {'' if value is None else value}")
    print_table(
        record["mentions_list"],
        [
            "event_id",
            "published",
            "outlet",
            "date",
            "trigger",
            "source_name",
            "target_name",
            "place_name",
            "duplicate_of",
            "sentence",
        ],
        title="mentions",
    )


@contextmanager
def _progress(quiet: bool, unit: str):
    """A rich progress counter on a terminal; silent in pipes and under --quiet."""
    if quiet or not sys.stderr.isatty():
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [
        SpinnerColumn(),
        TextColumn(f"{{task.completed}} {unit if unit != 'partitions' else 'articles'} done"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(unit, total=None)
        yield lambda n: progress.advance(task, n)
