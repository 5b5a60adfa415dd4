"""The Python interface for notebooks and scripts: ``eventwire.open("news.db")``.

A thin layer over ``eventwire.query`` (the same functions the CLI, the REST API and the dashboard
call), shaped for interactive use: every listing returns a ``Results`` that iterates over *all*
matches (never a silent first page) and turns into a pandas DataFrame with typed columns.

    import eventwire
    db = eventwire.open("news.db")
    for event in db.events(type="ASSAULT", actor="IRN"):
        print(event["date_first"], event["source_name"], "→", event["target_name"])
    df = db.mentions(since="2024-01-01").to_pandas()
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import InputError
from .query.articles import list_articles
from .query.canonical import clustering_status, iter_canonical_events
from .query.filters import parse_event_filter
from .query.records import iter_events, list_actors, list_quotes

PAGE = 1000  # rows fetched per round trip for listings the query layer pages
_DATE_COLUMNS = ("date", "published", "date_first", "date_last")
_INT_COLUMNS = ("mentions", "sources", "articles", "events", "quotes", "n_dropped", "start", "end")


class Results(Iterable[dict[str, Any]]):
    """Rows of one listing: iterate over all of them, or ``to_pandas()`` / ``to_list()``."""

    def __init__(self, fetch: Callable[[], Iterator[dict[str, Any]]], kind: str) -> None:
        self._fetch = fetch
        self.kind = kind

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._fetch()

    def __repr__(self) -> str:
        return f"<eventwire.Results of {self.kind}: iterate, or call .to_list() / .to_pandas()>"

    def to_list(self) -> list[dict[str, Any]]:
        return list(self)

    def to_pandas(self):
        """A DataFrame: dates as datetimes, counts as nullable integers, lists kept as lists."""
        try:
            import pandas as pd
        except ImportError:
            raise InputError("to_pandas() needs pandas: pip install pandas") from None
        frame = pd.DataFrame.from_records(self.to_list())
        for column in frame.columns:
            if column in _DATE_COLUMNS:
                frame[column] = pd.to_datetime(frame[column], errors="coerce", format="mixed")
            elif column in _INT_COLUMNS:
                frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        return frame


class Database:
    """An eventwire database opened for reading (and, with ``ingest``, writing)."""

    def __init__(self, path: str | Path, *, readonly: bool = True) -> None:
        from .store import connect

        self.path = str(path)
        self.conn: sqlite3.Connection = connect(self.path, readonly=readonly)

    def __repr__(self) -> str:
        return f"<eventwire.Database {self.path}>"

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def events(self, **filters: Any) -> Results:
        """Canonical events (one per real-world event, each with its reports and sources).

        Before clustering has run there are no canonical events yet; then every report stands for
        its own event, and the rows are the mentions (``Results.kind`` says which you got).
        """
        event_filter = parse_event_filter(filters, paging=False)
        if clustering_status(self.conn) is None:
            return Results(lambda: iter_events(self.conn, event_filter, paginate=False), "mentions")
        return Results(lambda: iter_canonical_events(self.conn, event_filter, paginate=False), "events")

    def mentions(self, **filters: Any) -> Results:
        """Every event report as written in one article, with its evidence sentence."""
        event_filter = parse_event_filter(filters, paging=False)
        return Results(lambda: iter_events(self.conn, event_filter, paginate=False), "mentions")

    def actors(self, **filters: Any) -> Results:
        """Actors with mention counts; filters: country, sector, article."""
        return Results(
            _paged(lambda limit, offset: list_actors(self.conn, **filters, limit=limit, offset=offset)),
            "actors",
        )

    def quotes(self, **filters: Any) -> Results:
        """Direct and reported quotes; filters: article, speaker, country, anonymous."""
        return Results(
            _paged(lambda limit, offset: list_quotes(self.conn, **filters, limit=limit, offset=offset)),
            "quotes",
        )

    def articles(self, **filters: Any) -> Results:
        """Stored articles, newest first; filters: since, until, outlet."""
        return Results(
            _paged(lambda limit, offset: list_articles(self.conn, **filters, limit=limit, offset=offset)),
            "articles",
        )


def open(path: str | Path = "eventwire.db") -> Database:  # noqa: A001 - mirrors sqlite3/shelve usage
    """Open an eventwire database for reading: ``db = eventwire.open("news.db")``."""
    return Database(path)


def _paged(fetch_page: Callable[[int, int], list[dict[str, Any]]]) -> Callable[[], Iterator[dict[str, Any]]]:
    """All rows of a listing the query layer pages, one page at a time."""

    def rows() -> Iterator[dict[str, Any]]:
        offset = 0
        while page := fetch_page(PAGE, offset):
            yield from page
            offset += len(page)
            if len(page) < PAGE:
                return

    return rows
