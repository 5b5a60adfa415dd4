"""``eventwire events``, ``quotes``, ``actors``, ``places``: filtered listings of extractions."""

from __future__ import annotations

import typer

from ..models import DATE_PRECISIONS, MODALITIES, PLOVER_TYPES
from .output import CSV_OPTION, DB_OPTION, JSON_OPTION, WIDE_OPTION, emit
from .query import LIMIT_OPTION, OFFSET_OPTION, _reader

# Table columns, most important first: a table that does not fit the terminal drops from the end.
EVENT_TABLE = [
    "date",
    "type",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "modality",
    "reports",
    "sources",
    "place_name",
    "mode",
    "sentence",
    "id",
]


def register(app: typer.Typer) -> None:
    app.command(epilog="Example: eventwire events --type ASSAULT --actor RUS --since 2024-04-01 --json")(
        events
    )
    app.command()(quotes)
    app.command()(actors)
    app.command()(places)


def event_filter_options(
    types: list[str],
    actor: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    modality: list[str],
    article: str | None,
    text: str | None,
    limit: int,
    offset: int,
    sort: str,
    date_precision: list[str] | None = None,
):
    """An EventFilter from CLI options (also used by ``eventwire export``): ``query.parse_event_filter``."""
    from ..query.filters import parse_event_filter

    return parse_event_filter(
        {
            "types": types,
            "actor": actor,
            "country": country,
            "since": since,
            "until": until,
            "modality": modality,
            "article": article,
            "text": text,
            "date_precision": date_precision,
            "limit": limit,
            "offset": offset,
            "sort": sort,
        }
    )


TYPE_OPTION = typer.Option(
    [], "--type", "-t", help=f"PLOVER type(s), repeat or comma-separate: {', '.join(PLOVER_TYPES)}."
)
ACTOR_OPTION = typer.Option(
    None, "--actor", "-a", help="Source or target: a code (ISR, USA, UNO) or a name fragment."
)
COUNTRY_OPTION = typer.Option(None, "--country", help="Source, target or place country (ISO alpha-3).")
SINCE_OPTION = typer.Option(None, "--since", help="Event date on or after (YYYY-MM-DD).")
UNTIL_OPTION = typer.Option(None, "--until", help="Event date on or before (YYYY-MM-DD).")
MODALITY_OPTION = typer.Option(
    [], "--modality", "-m", help=f"Modality, repeat or comma-separate: {', '.join(MODALITIES)}."
)
ARTICLE_OPTION = typer.Option(None, "--article", help="Only this article (id or prefix).")
DATE_PRECISION_OPTION = typer.Option(
    [],
    "--date-precision",
    help=f"Date precision, repeat or comma-separate: {', '.join(DATE_PRECISIONS)} "
    "(story: the text gives no date, the publication date stands in).",
)
TEXT_OPTION = typer.Option(None, "--text", help="Evidence sentence contains this text.")
SORT_OPTION = typer.Option(
    "date",
    "--sort",
    help="Sort by date, type, source_country, target_country, modality, confidence, place_name, mentions, "
    "sources; prefix - for descending.",
)
MENTIONS_OPTION = typer.Option(
    False,
    "--mentions",
    help="Every report of every event (one row per article mention), not canonical events.",
)


def events(
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
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    sort: str = SORT_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    mentions: bool = MENTIONS_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """List events: one row per real-world event (its reports merged, with how many and how many
    independent sources); every report of every event with --mentions.

    --csv has the columns of `eventwire export -f csv`, whichever you list.
    """
    from ..query.dataset import list_dataset_events
    from ..query.export import CSV_COLUMNS, csv_row

    f = event_filter_options(
        types, actor, country, since, until, modality, article, text, limit, offset, sort, date_precision
    )
    kind, rows = list_dataset_events(_reader(db), f, mentions=mentions)
    title = "events" if kind == "events" else "event reports"
    if kind == "mentions" and not mentions:
        typer.echo(
            "note: no canonical events in this store yet (run eventwire cluster); showing every report",
            err=True,
        )
    if as_json:
        emit(rows, as_json=True)
    elif as_csv:
        emit([csv_row(r) for r in rows], as_csv=True, columns=CSV_COLUMNS)
    else:
        emit([_table_row(r) for r in rows], columns=EVENT_TABLE, title=title, wide=wide)


def _table_row(record: dict) -> dict:
    row = dict(record)
    if row.get("reports") is None:
        row["reports"], row["sources"] = record.get("cluster_mentions"), record.get("cluster_sources")
    return row


def quotes(
    db: str = DB_OPTION,
    article: str = ARTICLE_OPTION,
    speaker: str = typer.Option(None, "--speaker", help="Speaker as written contains."),
    country: str = typer.Option(None, "--country", help="Speaker's country code."),
    anonymous: bool = typer.Option(
        None, "--anonymous/--named", help="Only anonymous, or only named speakers."
    ),
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """List direct and indirect quotes with their resolved speaker."""
    from ..query import list_quotes

    rows = list_quotes(
        _reader(db),
        article=article,
        speaker=speaker,
        country=country,
        anonymous=anonymous,
        limit=limit,
        offset=offset,
    )
    emit(
        rows,
        as_json=as_json,
        as_csv=as_csv,
        title="quotes",
        columns=None
        if as_json
        else ["speaker_text", "speaker_country", "text", "anonymous", "cue", "direct", "article_id"],
        wide=wide,
    )


def actors(
    db: str = DB_OPTION,
    country: str = typer.Option(None, "--country", help="Country or IGO code."),
    sector: str = typer.Option(None, "--sector", help="PLOVER sector (GOV, MIL, COP, REB, CVL, ...)."),
    article: str = ARTICLE_OPTION,
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """List coded actors (canonical name, country, sector) with mention counts."""
    from ..query import list_actors

    emit(
        list_actors(_reader(db), country=country, sector=sector, article=article, limit=limit, offset=offset),
        as_json=as_json,
        as_csv=as_csv,
        title="actors",
        wide=wide,
    )


def places(
    db: str = DB_OPTION,
    country: str = typer.Option(None, "--country", help="ISO alpha-3 country code."),
    kind: str = typer.Option(None, "--kind", help="country, city, region, facility, water, other."),
    article: str = ARTICLE_OPTION,
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """List geocoded places with coordinates and mention counts."""
    from ..query import list_places

    emit(
        list_places(_reader(db), country=country, kind=kind, article=article, limit=limit, offset=offset),
        as_json=as_json,
        as_csv=as_csv,
        title="places",
        wide=wide,
    )
