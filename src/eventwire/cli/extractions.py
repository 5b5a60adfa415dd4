"""``eventwire events``, ``quotes``, ``actors``, ``places``: filtered listings of extractions."""

from __future__ import annotations

import typer

from ..models import MODALITIES, PLOVER_TYPES
from .output import CSV_OPTION, DB_OPTION, JSON_OPTION, emit
from .query import LIMIT_OPTION, OFFSET_OPTION, _reader

EVENT_TABLE = [
    "id",
    "date",
    "type",
    "mode",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "place_name",
    "modality",
    "attribution_speaker",
    "trigger",
]


def register(app: typer.Typer) -> None:
    app.command(epilog="Example: eventwire events --type ASSAULT --actor IRN --since 2024-04-01 --json")(
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
):
    """An EventFilter from CLI options (also used by ``eventwire export``)."""
    from ..query import EventFilter

    split = lambda values: [v.strip() for value in values for v in value.split(",") if v.strip()]  # noqa: E731
    return EventFilter(
        types=split(types),
        actor=actor,
        country=country,
        since=since,
        until=until,
        modality=split(modality),
        article=article,
        text=text,
        limit=limit,
        offset=offset,
        sort=sort,
    ).validate()


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
TEXT_OPTION = typer.Option(None, "--text", help="Evidence sentence contains this text.")
SORT_OPTION = typer.Option(
    "date",
    "--sort",
    help="Sort by date, type, source_country, target_country, modality, confidence, place_name, mentions, sources; prefix - for descending.",
)
MENTIONS_OPTION = typer.Option(
    False,
    "--mentions",
    help="Every report of every event (one row per article mention), not canonical events.",
)
CANONICAL_TABLE = [
    "id",
    "date_first",
    "date_last",
    "type",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "place_name",
    "mentions",
    "sources",
    "confidence",
    "trigger",
]


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
    limit: int = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    sort: str = SORT_OPTION,
    as_json: bool = JSON_OPTION,
    as_csv: bool = CSV_OPTION,
    mentions: bool = MENTIONS_OPTION,
) -> None:
    """List events: canonical events (each real-world event once, with its mentions and independent
    sources) once `eventwire cluster` has run; every report of every event with --mentions."""
    from ..query import list_events
    from ..query.records import clustering_status, list_canonical_events

    f = event_filter_options(
        types, actor, country, since, until, modality, article, text, limit, offset, sort
    )
    conn = _reader(db)
    status = None if mentions else clustering_status(conn)
    if not mentions and status is None:
        typer.echo("note: no clustering has been run (eventwire cluster); showing every mention", err=True)
    if status is None:
        rows = list_events(conn, f)
        emit(
            rows,
            as_json=as_json,
            as_csv=as_csv,
            title="event mentions",
            columns=None if as_json else EVENT_TABLE + (["sentence", "url"] if as_csv else []),
        )
        return
    if status["unclustered"]:
        typer.echo(
            f"note: {status['unclustered']} event mention(s) stored since the last clustering are not "
            "in canonical events yet; run eventwire cluster (or use --mentions)",
            err=True,
        )
    rows = list_canonical_events(conn, f)
    emit(
        rows,
        as_json=as_json,
        as_csv=as_csv,
        title="canonical events",
        columns=None if as_json else CANONICAL_TABLE + (["sentence", "url"] if as_csv else []),
    )


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
        else ["article_id", "speaker_text", "speaker_country", "anonymous", "cue", "direct", "text"],
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
) -> None:
    """List coded actors (canonical name, country, sector) with mention counts."""
    from ..query import list_actors

    emit(
        list_actors(_reader(db), country=country, sector=sector, article=article, limit=limit, offset=offset),
        as_json=as_json,
        as_csv=as_csv,
        title="actors",
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
) -> None:
    """List geocoded places with coordinates and mention counts."""
    from ..query import list_places

    emit(
        list_places(_reader(db), country=country, kind=kind, article=article, limit=limit, offset=offset),
        as_json=as_json,
        as_csv=as_csv,
        title="places",
    )
