"""``eventwire export``: stream filtered events (or quotes) as PLOVER JSONL, CSV, Parquet or GeoJSON."""

from __future__ import annotations

import sys

import typer

from ..errors import display_name, require_extra
from ..query.export import EXPORT_FORMATS
from .extractions import (
    ACTOR_OPTION,
    ARTICLE_OPTION,
    COUNTRY_OPTION,
    DATE_PRECISION_OPTION,
    MODALITY_OPTION,
    SINCE_OPTION,
    SORT_OPTION,
    TEXT_OPTION,
    TYPE_OPTION,
    UNTIL_OPTION,
    event_filter_options,
)
from .output import DB_OPTION


def register(app: typer.Typer) -> None:
    app.command(
        epilog="Examples: eventwire export -f plover-jsonl --type ASSAULT > assaults.jsonl · "
        "eventwire export -f parquet -o events.parquet · eventwire export -f geojson --country UKR -o "
        "ukr.geojson"
    )(export)
    app.command(
        "datasette-metadata",
        epilog="Example: eventwire datasette-metadata --db news.db -o metadata.json && datasette news.db -m "
        "metadata.json",
    )(datasette_metadata)


def export(
    fmt: str = typer.Option(..., "--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}."),
    output: str = typer.Option(
        None, "--output", "-o", help="Output file (default: standard output; parquet needs a file)."
    ),
    db: str = DB_OPTION,
    types: list[str] = TYPE_OPTION,
    actor: str = ACTOR_OPTION,
    country: str = COUNTRY_OPTION,
    since: str = SINCE_OPTION,
    until: str = UNTIL_OPTION,
    modality: list[str] = MODALITY_OPTION,
    article: str = ARTICLE_OPTION,
    text: str = TEXT_OPTION,
    date_precision: list[str] = DATE_PRECISION_OPTION,
    sort: str = SORT_OPTION,
    mentions: bool = typer.Option(
        False, "--mentions", help="One record per report (mention) instead of per canonical event."
    ),
    asserted_only: bool = typer.Option(
        False,
        "--asserted-only",
        help="Leave out negated, hypothetical, future, historical and alleged events (kept and marked by "
        "default).",
    ),
) -> None:
    """Export every matching event (no paging), streamed: memory stays flat however many there are.

    One record per canonical event (its reports merged, counts reconciled), or per report with
    --mentions. acled-csv is an ACLED-style preset (material events only).

    Filters are those of `eventwire events`; for quotes-csv, --actor/--country match the speaker,
    --since/--until the article's publication date, --text the quoted words.
    """
    from ..errors import InputError
    from ..query.export import export as run_export
    from ..store import connect

    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet" and not output:
        raise InputError("parquet is a binary format: give an output file with -o FILE.parquet")
    if fmt == "parquet":
        require_extra("export", "export --format parquet", "pyarrow")
    f = event_filter_options(
        types, actor, country, since, until, modality, article, text, 0, 0, sort, date_precision
    )
    conn = connect(db, readonly=True)
    target = output if output and output != "-" else sys.stdout
    n = run_export(conn, fmt, target, f, mentions=mentions, asserted_only=asserted_only)
    noun = "quote" if fmt == "quotes-csv" else "event"
    if output and output != "-":
        typer.echo(f"wrote {n} {noun}(s) to {display_name(output)}", err=True)


def datasette_metadata(
    db: str = DB_OPTION,
    output: str = typer.Option(None, "--output", "-o", help="Write to this file (default: standard output)."),
) -> None:
    """Write a datasette metadata.json for the database: facets, full-text search, hidden internals."""
    import json

    from ..query.datasette import database_name
    from ..query.datasette import datasette_metadata as build
    from ..store import connect

    text = json.dumps(build(connect(db, readonly=True), database_name(db)), indent=2) + "\n"
    if output and output != "-":
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        typer.echo(
            f"wrote datasette metadata to {display_name(output)}; "
            f"run: datasette {display_name(db)} -m {display_name(output)}",
            err=True,
        )
    else:
        typer.echo(text, nl=False)
