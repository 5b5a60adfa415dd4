"""What the API and the dashboard share: the per-request read connection, the event filter parameters
and the error type with a stable code.

The import graph is one way: ``app`` imports ``api`` and ``pages``; those two import this module
and ``eventwire.query``, never ``app``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from .. import query
from ..models import DATE_PRECISIONS, MODALITIES, PLOVER_TYPES
from ..store import connect

MAX_LIMIT = 1000
MAX_OFFSET = 100_000  # deeper pages: narrow the filters (a date range) or use `eventwire export`
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class ApiError(Exception):
    """An HTTP error with a stable machine-readable code (``writes_disabled``, ``unauthorized``...)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        self.status, self.code, self.message, self.headers = status, code, message, headers
        super().__init__(message)


def reader(request: Request) -> Iterator[sqlite3.Connection]:
    """Dependency: a read-only connection for this request, closed afterwards."""
    conn = connect(request.app.state.db, readonly=True)
    conn.set_query_budget(getattr(request.app.state, "query_budget", None))
    try:
        yield conn
    finally:
        conn.close()


Conn = Annotated[sqlite3.Connection, Depends(reader)]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Rows to skip (at most {MAX_OFFSET:,}).")]
DateParam = Query(pattern=DATE_PATTERN, description="A date: YYYY-MM-DD.")
Many = list[str] | None


def split_values(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def exact_values(values: list[str] | None) -> list[str]:
    """Repeated parameters taken as they are (names may hold commas: "Washington, D.C.")."""
    return [v.strip() for v in values or [] if v.strip()]


def event_filter(
    type: Annotated[
        Many,
        Query(description=f"PLOVER type(s), repeat or comma-separate: {', '.join(PLOVER_TYPES)}"),
    ] = None,
    actor: Annotated[
        str | None, Query(description="Source or target: a code (ISR, UNO) or a name fragment.")
    ] = None,
    country: Annotated[
        str | None, Query(description="Source, target or place country (ISO alpha-3).")
    ] = None,
    since: Annotated[str | None, DateParam] = None,
    until: Annotated[str | None, DateParam] = None,
    modality: Annotated[Many, Query(description=f"Modality: {', '.join(MODALITIES)}")] = None,
    article: Annotated[str | None, Query(description="Article id or prefix.")] = None,
    text: Annotated[str | None, Query(description="Evidence sentence contains.")] = None,
    date_precision: Annotated[
        Many,
        Query(
            description=f"Date precision, repeat or comma-separate: {', '.join(DATE_PRECISIONS)} "
            "(story: the publication date stands in)."
        ),
    ] = None,
    mode: Annotated[
        Many, Query(description="PLOVER mode(s), repeat or comma-separate (any of them).")
    ] = None,
    source_country: Annotated[Many, Query(description="Source country code(s), repeatable.")] = None,
    target_country: Annotated[Many, Query(description="Target country code(s), repeatable.")] = None,
    actor_name: Annotated[
        Many, Query(description="Exact source or target actor name(s), repeatable.")
    ] = None,
    outlet: Annotated[Many, Query(description="Exact outlet name(s), repeatable.")] = None,
    place: Annotated[Many, Query(description="Exact place name(s), repeatable.")] = None,
    dated: Annotated[
        str | None,
        Query(
            pattern="^(day|partial|none)?$",
            description="day: a day or week date; partial: only a month or year; none: undated.",
        ),
    ] = None,
    sort: Annotated[
        str,
        Query(
            description="date, type, source_country, target_country, modality, confidence, place_name,"
            " mentions, sources; prefix - for descending."
        ),
    ] = "date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> query.EventFilter:
    """The same filters as ``eventwire events`` plus the dashboard's facets (blank fields are absent)."""
    blank = lambda v: v.strip() or None if isinstance(v, str) else v  # noqa: E731
    return query.EventFilter(
        types=split_values(type),
        actor=blank(actor),
        country=blank(country),
        since=blank(since),
        until=blank(until),
        modality=split_values(modality),
        article=blank(article),
        text=blank(text),
        date_precision=split_values(date_precision),
        modes=split_values(mode),
        source_countries=split_values(source_country),
        target_countries=split_values(target_country),
        actor_names=exact_values(actor_name),
        outlets=exact_values(outlet),
        places=exact_values(place),
        dated=blank(dated),
        limit=limit,
        offset=offset,
        sort=sort or "date",
    ).validate()


Filter = Annotated[query.EventFilter, Depends(event_filter)]
