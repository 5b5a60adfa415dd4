"""``eventwire ingest`` and ``eventwire demo``."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import typer

from ..errors import InputError, display_name
from ..ingest.readers import FORMATS
from ..options import MAX_ARTICLE_BYTES, Options
from .output import DB_OPTION, LOCK_TIMEOUT_OPTION

PROGRESS_THRESHOLD = 5  # show a progress bar from this many articles on


def register(app: typer.Typer) -> None:
    app.command(
        epilog=(
            "Examples:\n\n"
            "  eventwire ingest article.txt --published 2024-04-14\n\n"
            "  eventwire ingest pages/ feed.jsonl --db news.db\n\n"
            "  curl -s https://example.org/story | eventwire ingest - --format html\n\n"
            "Exit code 0 when every input went in, 1 when any failed (the rest are still stored).\n\n"
            "Articles in other languages are skipped with a note (errors with --strict)."
        )
    )(ingest)
    app.command()(demo)


def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files or directories (walked recursively); '-' reads standard input."
    ),
    db: str = DB_OPTION,
    published: str = typer.Option(
        None,
        "--published",
        help="Publication date (YYYY-MM-DD) for inputs that lack one; relative dates resolve against it.",
    ),
    url: str = typer.Option(None, "--url", help="Source URL for inputs that lack one."),
    fmt: str = typer.Option(
        "auto",
        "--format",
        help=f"Input format: {', '.join(FORMATS)}. 'auto' goes by file extension, then content.",
    ),
    processes: int = typer.Option(
        1, "--processes", "-p", min=1, help="Worker processes for parsing and extraction."
    ),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per spaCy batch."),
    noise_patterns: Path = typer.Option(
        None,
        "--noise-patterns",
        exists=True,
        dir_okay=False,
        help="Extra noise-pattern YAML merged over the bundled one.",
    ),
    no_clean: bool = typer.Option(False, "--no-clean", help="Keep every paragraph (no noise filter)."),
    lexicon_dirs: list[Path] = typer.Option(
        [],
        "--lexicon-dir",
        exists=True,
        file_okay=False,
        help="Folder of extra lexicon files (actors.tsv, event_triggers.yaml, reporting_verbs.yaml …) read "
        "on top of the bundled ones; repeatable.",
    ),
    model: str = typer.Option(
        Options.model, "--model", help="spaCy model package to load (never downloaded)."
    ),
    max_size: float = typer.Option(
        MAX_ARTICLE_BYTES / 1_000_000, "--max-size", help="Largest article accepted, in MB."
    ),
    min_confidence: float = typer.Option(
        None,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Drop asserted events whose confidence (the learned event check's chance that the event is "
        "right: type, parties, modality) is below this. Default: the shipped floor (check.min_asserted "
        "in learn/data/coder.yaml); 0 keeps every event.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary, only errors."),
    no_resume: bool = typer.Option(
        False,
        "--no-resume",
        help="Read every file from the start, ignoring where an interrupted ingest stopped.",
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Print the traceback of each internal error (also kept in the failures table)."
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Count articles in other languages as failures (exit code 1)."
    ),
    lock_timeout: float = LOCK_TIMEOUT_OPTION,
    force: bool = typer.Option(
        False,
        "--force",
        help="Add eventwire's tables to a SQLite file that holds other applications' tables.",
    ),
) -> None:
    """Ingest articles (text, HTML, JSONL, WARC, RSS) into the store: clean, parse, extract, save.

    Re-ingesting an article that is already stored with the same settings changes nothing and says so.
    """
    from ..pipeline.ingest import ingest_paths
    from ..store import connect

    if fmt not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if published:
        _check_date(published)
    options = Options(
        model=model,
        batch_size=batch_size,
        n_process=processes,
        clean=not no_clean,
        noise_patterns=str(noise_patterns) if noise_patterns else None,
        max_bytes=int(max_size * 1_000_000),
        lexicon_dirs=tuple(str(d) for d in lexicon_dirs),
        min_confidence=min_confidence,
    )
    conn = connect(db, force=force, lock_timeout=lock_timeout)
    with _progress(quiet, _estimate(paths)) as tick:
        report = ingest_paths(
            conn,
            paths,
            fmt=fmt,
            published=published,
            url=url,
            options=options,
            on_article=tick,
            resume=not no_resume,
        )
    print_failures(report.failed, debug)
    if not quiet:
        for skipped in report.skipped:
            typer.echo(f"note: {skipped}", err=True)
        for other in report.not_english:
            typer.echo(f"{'error' if strict else 'note'}: {other}", err=True)
        typer.echo(f"{report.summary()} → {display_name(db)}", err=True)
    if report.failed or (strict and report.not_english):
        raise typer.Exit(1)


def demo(
    db: str = DB_OPTION,
    limit: int = typer.Option(15, "--limit", help="How many events to print."),
) -> None:
    """Ingest the bundled sample articles, cluster their events, and print what eventwire found."""
    from ..pipeline.samples import run_demo
    from ..store import connect

    conn = connect(db)
    with _progress(False, 12) as tick:
        run = run_demo(conn, limit, on_article=tick)
    typer.echo(f"{run.report.summary()} → {display_name(db)}")
    s = run.stats
    typer.echo(
        f"\n{s['articles']} articles · {s['paragraphs_dropped']} noise paragraphs dropped · "
        f"{s['entities']} entities · {s['actors']} actors · {s['events']} event mentions · "
        f"{s['quotes']} quotes · {s['places']} places · {s['counts']} counts"
    )
    if s["drop_reasons"]:
        typer.echo("dropped as noise: " + "; ".join(f"{r} ×{n}" for r, n in s["drop_reasons"].items()))
    if run.cluster_summary:
        typer.echo("\n" + run.cluster_summary)
    kind = "events, most reported first" if run.cluster_summary else "event reports"
    typer.echo(f"\nTop {len(run.events)} {kind}:")
    for ev in run.events:
        typer.echo(_event_line(ev))
    typer.echo(
        f"\nNext: eventwire events --db {db} · eventwire show ID --db {db} · eventwire quotes --db {db}\n"
        f"Dashboard and REST API: eventwire serve --db {db}  (then open http://127.0.0.1:8000/)"
    )


def _event_line(ev: dict) -> str:
    """One event as a readable line: date, type, who → whom, where, modality, reports."""
    date = ev.get("date_first") or ev.get("date") or "date ?"
    who = f"{ev.get('source_name') or '?'} [{ev.get('source_country') or '-'}]"
    whom = f"{ev.get('target_name') or '?'} [{ev.get('target_country') or '-'}]"
    where = f" at {ev['place_name']}" if ev.get("place_name") else ""
    seen = f" · {ev['mentions']} reports, {ev['sources']} sources" if ev.get("mentions") else ""
    return f"  {date:<10}  {ev['type']:<9} {who} → {whom}{where} ({ev['modality']}{seen})"


def print_failures(failures, debug: bool) -> None:
    """One line per failed input; with ``debug``, an internal error's traceback after its line."""
    internal = 0
    for failure in failures:
        typer.echo(f"error: {failure}", err=True)
        if failure.internal is not None:
            internal += 1
            if debug:
                typer.echo(failure.internal.traceback.rstrip(), err=True)
    if internal and not debug:
        typer.echo(
            f"note: {internal} internal error(s) (a bug of ours, please report it): the tracebacks are in "
            "the failures table; --debug prints them",
            err=True,
        )


def _check_date(value: str) -> None:
    from ..dates import checked_published

    checked_published(value, source="--published")


def _estimate(paths: list[str]) -> int | None:
    """Number of articles when it is cheap to know (plain files), else None."""
    from ..ingest.readers import expand_paths, guess_format

    files = list(expand_paths(p for p in paths if p != "-"))
    if any(guess_format(Path(f)) in ("jsonl", "warc", "rss") for f in files):
        return None
    return len(files)


@contextmanager
def _progress(quiet: bool, total: int | None):
    """A progress bar with articles/s on a terminal; nothing in pipes, under --quiet or for a few files."""
    if quiet or not sys.stderr.isatty() or (total is not None and total < PROGRESS_THRESHOLD):
        yield lambda _label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0)

        def tick(_label: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, rate=progress.tasks[0].completed / elapsed)

        yield tick
