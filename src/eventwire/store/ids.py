"""Row ids of an article's extraction, computed without touching the records.

Every id is the article id and the record's kind and position: ``{article}:a0`` is the first actor,
``{article}:e3`` the fourth event, ``{article}:e3p0`` a place only event 3 knows. Positions follow the
extraction's lists, then the records only events and quotes hold (in the order they are met), so the
same article and extraction always get the same ids, in ``ingest``, on a batch worker or on ``load``.

Links between rows (an event's actors, co-actors and place, a quote's speaker, a count's event) are
resolved by the record's value: its offsets, text and fields, including the extractor's own id. Two
references to equal records are one row, whether or not they are the same Python object, so an
extraction read back from JSON links the same way as the one the extractor made.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Actor, Count, Extraction, Place


def record_key(record: Any) -> Hashable:
    """A record's value as a hashable key (its type and every field)."""
    return (type(record).__name__, *(getattr(record, f.name) for f in dataclasses.fields(record)))


@dataclass(frozen=True)
class ExtractionIds:
    """The ids of one article's rows, in row order (the order ``save_article`` writes them).

    ``actors`` and ``places`` start with the extraction's own lists (same positions) and go on with
    the records only events or quotes hold; ``counts`` likewise after ``extraction.counts``;
    ``times``, ``events`` and ``quotes`` follow the extraction's lists one for one.
    """

    article_id: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    counts: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass
class _Table:
    """Records of one kind in row order, with their ids and a lookup by value."""

    rows: list[tuple[str, Any]] = field(default_factory=list)
    by_key: dict[Hashable, str] = field(default_factory=dict)

    def add(self, record: Any, row_id: str) -> str:
        self.rows.append((row_id, record))
        return self.by_key.setdefault(record_key(record), row_id)

    def id_of(self, record: Any) -> str | None:
        return None if record is None else self.by_key.get(record_key(record))

    def ids(self) -> tuple[str, ...]:
        return tuple(row_id for row_id, _ in self.rows)


@dataclass
class RowPlan:
    """Every row of an extraction with its id, and the ids each row links to."""

    article_id: str
    actors: _Table
    places: _Table
    counts: _Table
    times: list[tuple[str, Any]]
    events: list[tuple[str, Any]]
    quotes: list[tuple[str, Any]]
    count_event: dict[str, str]  # count id -> id of the (last) event that cites it

    def actor_id(self, actor: Actor | None) -> str | None:
        return self.actors.id_of(actor)

    def place_id(self, place: Place | None) -> str | None:
        return self.places.id_of(place)

    def ids(self) -> ExtractionIds:
        return ExtractionIds(
            self.article_id,
            actors=self.actors.ids(),
            places=self.places.ids(),
            times=tuple(i for i, _ in self.times),
            events=tuple(i for i, _ in self.events),
            counts=self.counts.ids(),
            quotes=tuple(i for i, _ in self.quotes),
        )


def assign_ids(article_id: str, extraction: Extraction) -> ExtractionIds:
    """The ids ``save_article`` gives the rows of ``extraction`` (a pure function of its arguments)."""
    return plan_rows(article_id, extraction).ids()


def plan_rows(article_id: str, ex: Extraction) -> RowPlan:
    """Number every record of ``ex`` and resolve the links between them (reads ``ex`` only)."""
    aid = article_id
    events = [(f"{aid}:e{i}", ev) for i, ev in enumerate(ex.events)]
    actors = _numbered(ex.actors, aid, "a")
    for a in _referenced_actors(ex):
        if actors.id_of(a) is None:
            actors.add(a, f"{aid}:a{len(actors.rows)}")
    places = _numbered(ex.places, aid, "p")
    for i, ev in enumerate(ex.events):
        if ev.location is not None and places.id_of(ev.location) is None:
            places.add(ev.location, f"{aid}:e{i}p0")  # a place not in the article's list
    counts = _numbered(ex.counts, aid, "c")
    count_event: dict[str, str] = {}
    for event_id, ev in events:
        for c in ev.counts:
            count_id = counts.id_of(c) or counts.add(c, f"{aid}:c{len(counts.rows)}")
            count_event[count_id] = event_id
    return RowPlan(
        aid,
        actors=actors,
        places=places,
        counts=counts,
        times=[(f"{aid}:t{i}", t) for i, t in enumerate(ex.times)],
        events=events,
        quotes=[(f"{aid}:q{i}", q) for i, q in enumerate(ex.quotes)],
        count_event=count_event,
    )


def _numbered(records: Iterable[Actor | Place | Count], aid: str, prefix: str) -> _Table:
    table = _Table()
    for i, r in enumerate(records):
        table.add(r, f"{aid}:{prefix}{i}")
    return table


def _referenced_actors(ex: Extraction) -> list[Actor]:
    """Actors held by events (source, target, attribution speaker) and quotes, in that order, then
    the events' co-actors (last, so adding them changed no earlier actor's id)."""
    found: list[Actor | None] = []
    for ev in ex.events:
        found += [ev.source, ev.target, ev.attribution.speaker if ev.attribution else None]
    found += [q.speaker for q in ex.quotes]
    for ev in ex.events:
        found += [*ev.source_also, *ev.target_also]
    return [a for a in found if a is not None]
