"""Events, quotes, actors and places, with the filters every interface shares (CLI, REST, Python)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..models import DATE_PRECISIONS, MODALITIES, PLOVER_TYPES
from .coactors import ROLES, coactors_sql, has_coactors, party_clause

EVENT_COLUMNS = (
    "id",
    "article_id",
    "date",
    "date_precision",
    "type",
    "mode",
    "trigger",
    "source_name",
    "source_country",
    "source_sector",
    "target_name",
    "target_country",
    "target_sector",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "modality",
    "attribution_speaker",
    "attribution_anonymous",
    "attribution_via",
    "confidence",
    "start",
    "end",
    "sentence_start",
    "sentence_end",
)
SORTABLE = {
    "date",
    "type",
    "source_country",
    "target_country",
    "modality",
    "confidence",
    "place_name",
    "mentions",
    "sources",
}
# Sort keys on canonical events (event_clusters) and, for mentions, their cluster's counts.
CLUSTER_SORT = {"date": "c.date_first", "mentions": "c.mentions", "sources": "c.sources"}
MENTION_SORT = {"mentions": "cluster_mentions", "sources": "cluster_sources"}


@dataclass
class EventFilter:
    """Filters for events; all optional, combined with AND."""

    types: list[str] = field(default_factory=list)
    actor: str | None = None  # a country/IGO code (ISR) or a name fragment, as source or target
    country: str | None = None  # source, target or place country
    since: str | None = None
    until: str | None = None
    modality: list[str] = field(default_factory=list)
    article: str | None = None
    text: str | None = None  # substring of the evidence sentence
    date_precision: list[str] = field(default_factory=list)  # day, week, month, year, story, unknown
    # Exact values, as the dashboard's facets select them (several values of one field: any of them).
    modes: list[str] = field(default_factory=list)  # PLOVER mode (an event has a list of them)
    source_countries: list[str] = field(default_factory=list)
    target_countries: list[str] = field(default_factory=list)
    actor_names: list[str] = field(default_factory=list)  # source or target actor name
    actor_ids: list[str] = field(default_factory=list)  # source or target canonical actor id ("c:RUS")
    outlets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # place name
    dated: str | None = None  # "day" (a day or week), "partial" (a month or year only), "none"
    limit: int = 100
    offset: int = 0
    sort: str = "date"
    descending: bool = False

    def validate(self) -> EventFilter:
        self.types = [t.upper() for t in self.types]
        bad = [t for t in self.types if t not in PLOVER_TYPES]
        if bad:
            raise StoreError(
                f"unknown event type(s) {', '.join(bad)}; PLOVER types: {', '.join(PLOVER_TYPES)}"
            )
        bad = [m for m in self.modality if m not in MODALITIES]
        if bad:
            raise StoreError(f"unknown modality {', '.join(bad)}; choose from {', '.join(MODALITIES)}")
        self.date_precision = parse_date_precisions(self.date_precision)
        if self.sort.lstrip("-") not in SORTABLE:
            raise StoreError(f"cannot sort by {self.sort!r}; sortable: {', '.join(sorted(SORTABLE))}")
        if self.sort.startswith("-"):
            self.sort, self.descending = self.sort[1:], True
        if self.limit < 0 or self.offset < 0:
            raise StoreError("limit and offset must be zero or more")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _looks_like_date(value):
                raise StoreError(f"'{name}' must be a date like 2024-04-14, not {value!r}")
        if self.dated is not None and self.dated not in DATED:
            raise StoreError(f"'dated' is one of {', '.join(DATED)}, not {self.dated!r}")
        self.source_countries = [c.upper() for c in self.source_countries]
        self.target_countries = [c.upper() for c in self.target_countries]
        return self

    @property
    def needs_article(self) -> bool:
        """True when a filter reads the article (the sentence text, the outlet): join ``articles a``."""
        return bool(self.text or self.outlets)


DATED = ("day", "partial", "none")
DATED_SQL = {
    "day": "length(e.date) = 10",  # a day, or the Monday of a week
    "partial": "length(e.date) < 10",  # a month (2024-05) or a year (2024)
    "none": "e.date IS NULL",
}


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


def parse_date_precisions(values: str | Iterable[str] | None) -> list[str]:
    """The one parser of date-precision filters (CLI ``--date-precision``, API ``date_precision=``,
    ``EventFilter``, ``db.events(date_precision=...)``): one value, a list, or comma-separated
    values ("day,story") → a list of known precisions; anything else is an error naming the choices."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    out = [v.strip().lower() for item in items for v in str(item).split(",") if v.strip()]
    bad = [v for v in out if v not in DATE_PRECISIONS]
    if bad:
        raise StoreError(f"unknown date precision {', '.join(bad)}; choose from {', '.join(DATE_PRECISIONS)}")
    return list(dict.fromkeys(out))


def precision_clause(column: str, precisions: list[str]) -> tuple[str, list[str]]:
    """SQL for "``column`` is one of ``precisions``" ("unknown" is also a missing precision)."""
    marks = ",".join("?" * len(precisions))
    clause = f"{column} IN ({marks})"
    if "unknown" in precisions:
        clause = f"({clause} OR {column} IS NULL)"
    return clause, list(precisions)


def _looks_like_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value[:10])
        return True
    except ValueError:
        return False


LIKE = "LIKE ? ESCAPE '\\'"  # every LIKE on user input: its % and _ are escaped (like_escape)


def like_escape(value: str) -> str:
    """``value`` with LIKE's wildcards escaped, so ``%`` and ``_`` in an id or a name match literally."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_where(f: EventFilter, *, precision: bool = True) -> tuple[str, list[Any]]:
    """The WHERE clause and parameters for ``f`` over ``events e`` (joined to ``articles a``);
    without ``precision`` the date-precision filter is left to the caller (canonical events)."""
    clauses, params = [], []
    if f.types:
        clauses.append(f"e.type IN ({','.join('?' * len(f.types))})")
        params += f.types
    if f.actor:
        if f.actor.isupper() and len(f.actor) <= 4:
            clauses.append(
                f"(e.source_country = ? OR e.target_country = ? OR {party_clause('country', '= ?')})"
            )
            params += [f.actor] * 3
        else:
            also = party_clause("name", LIKE)
            clauses.append(f"(e.source_name {LIKE} OR e.target_name {LIKE} OR {also})")
            params += [f"%{like_escape(f.actor)}%"] * 3
    if f.country:
        also = party_clause("country", "= ?")
        clauses.append(f"(e.source_country = ? OR e.target_country = ? OR e.place_country = ? OR {also})")
        params += [f.country.upper()] * 4
    if f.since:
        clauses.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("e.date <= ?")
        params.append(f.until + "\uffff")  # include partial dates of that day/month
    if f.modality:
        clauses.append(f"e.modality IN ({','.join('?' * len(f.modality))})")
        params += f.modality
    if f.article:
        clauses.append(f"e.article_id {LIKE}")
        params.append(f"{like_escape(f.article)}%")
    if f.text:
        clauses.append(
            "instr(lower(substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)), lower(?)) "
            "> 0"
        )
        params.append(f.text)
    if f.date_precision and precision:
        # a report stored undated by an older extractor is listed as story-dated (records.story_date)
        column = (
            "e.date_precision" if "story" not in f.date_precision else "IFNULL(e.date_precision, 'story')"
        )
        clause, values = precision_clause(column, f.date_precision)
        clauses.append(clause)
        params += values
    if f.modes:
        clauses.append(
            f"EXISTS (SELECT 1 FROM json_each(COALESCE(e.mode, '[]')) j WHERE {_in('j.value', f.modes)})"
        )
        params += f.modes
    for role, values in (("source", f.source_countries), ("target", f.target_countries)):
        if values:  # the role's actor, or a party coordinated with it
            also = party_clause("country", _in("", values).strip(), role)
            clauses.append(f"({_in(f'e.{role}_country', values)} OR {also})")
            params += values * 2
    for column, values in (("a.outlet", f.outlets), ("e.place_name", f.places)):
        if values:
            clauses.append(_in(column, values))
            params += values
    if f.actor_names:
        names = _in("", f.actor_names).strip()
        clauses.append(f"(e.source_name {names} OR e.target_name {names} OR {party_clause('name', names)})")
        params += f.actor_names * 3
    if f.actor_ids:  # every mention linked to the canonical actor, whatever name it was written as
        ids = _in("", f.actor_ids).strip()
        mentions = f"SELECT x.id FROM actors x WHERE x.canonical_id {ids}"
        also = party_clause("canonical_id", ids)
        clauses.append(f"(e.source_actor_id IN ({mentions}) OR e.target_actor_id IN ({mentions}) OR {also})")
        params += f.actor_ids * 3
    if f.dated:
        clauses.append(DATED_SQL[f.dated])
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def decode_event(record: dict[str, Any]) -> dict[str, Any]:
    """A row of ``event_select`` as a record: its modes and co-actors parsed from their JSON."""
    record["mode"] = json.loads(record.get("mode") or "[]")
    if "joint" in record:
        record["joint"] = bool(record["joint"])
    for role in ROLES:
        key = f"{role}_also"
        record[key] = json.loads(record.get(key) or "[]")
    return record


def event_select(
    extra: str = "",
    clusters: bool = False,
    canonical: bool = False,
    coactors: bool = False,
    joint: bool = False,
) -> str:
    """Mentions with their article; with ``clusters`` also their canonical event's id and counts;
    with ``canonical`` the canonical actor ids of their source and target; with ``coactors`` the
    further parties coordinated with each (``source_also``, ``target_also``: lists, else empty);
    with ``joint`` the joint-act flag (a store made before it, read-only and not migrated, gives 0)."""
    cols = ", ".join(f'e."{c}"' for c in EVENT_COLUMNS)
    cols += ', e."joint"' if joint else ", 0 AS joint"
    if canonical:
        cols += "".join(
            f", (SELECT x.canonical_id FROM actors x WHERE x.id = e.{role}_actor_id) AS {role}_canonical_id"
            for role in ("source", "target")
        )
    else:  # a store made before canonical actors (read-only, not migrated): same keys, no values
        cols += ", NULL AS source_canonical_id, NULL AS target_canonical_id"
    if clusters:
        cluster_cols = ", m.cluster_id, c.mentions AS cluster_mentions, c.sources AS cluster_sources"
        join = (
            " LEFT JOIN event_cluster_members m ON m.event_id = e.id"
            " LEFT JOIN event_clusters c ON c.id = m.cluster_id"
        )
    else:  # a store made before clustering existed (read-only, not migrated): same keys, no values
        cluster_cols, join = ", NULL AS cluster_id, NULL AS cluster_mentions, NULL AS cluster_sources", ""
    # how precise the event's place is: facility, city, region or country (the places table says)
    cols += ", (SELECT p.precision FROM places p WHERE p.id = e.place_id) AS place_precision"
    cols += "".join(f", {coactors_sql(role) if coactors else 'NULL'} AS {role}_also" for role in ROLES)
    return (
        f"SELECT {cols}, a.url, a.outlet, a.title, a.published, a.language,"
        " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
        f"{cluster_cols}{extra} FROM events e JOIN articles a ON a.id = e.article_id{join}"
    )


def has_joint_flag(conn: sqlite3.Connection) -> bool:
    """True for a store with the events' joint-act column (migration 010_event_joint)."""
    return any(row[1] == "joint" for row in conn.execute("PRAGMA table_info(events)"))


def has_canonical_actors(conn: sqlite3.Connection) -> bool:
    return any(row[1] == "canonical_id" for row in conn.execute("PRAGMA table_info(actors)"))


def has_clustering_tables(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_clusters'"
        ).fetchone()
        is not None
    )


def list_events(conn: sqlite3.Connection, f: EventFilter | None = None) -> list[dict[str, Any]]:
    return list(iter_events(conn, f))


def iter_events(
    conn: sqlite3.Connection, f: EventFilter | None = None, *, paginate: bool = True
) -> Iterator[dict]:
    """Events matching ``f`` as dicts, streamed from the cursor (exports never hold them all).

    Each is one mention (one report in one article); ``cluster_id``, ``cluster_mentions`` and
    ``cluster_sources`` say which canonical event it belongs to (None before ``eventwire cluster``).
    """
    f = (f or EventFilter()).validate()
    where, params = event_where(f)
    clusters = has_clustering_tables(conn)
    column = MENTION_SORT.get(f.sort, f'e."{f.sort}"') if clusters else f'e."{f.sort}"'
    if f.sort in MENTION_SORT and not clusters:
        column = "e.confidence"
    order = f"{column} {'DESC' if f.descending else 'ASC'}, e.id"
    canonical = has_canonical_actors(conn)
    select = event_select(
        clusters=clusters, canonical=canonical, coactors=has_coactors(conn), joint=has_joint_flag(conn)
    )
    sql = f"{select} {where} ORDER BY {order}"
    if paginate:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, f.limit, f.offset]
    for row in conn.execute(sql, params):
        yield decode_event(story_date(dict(row)))


def story_date(record: dict[str, Any]) -> dict[str, Any]:
    """A report stored undated (by an extractor before 0.3 of ``events``) is dated by its story:
    the publication date, precision ``story``, as the extractor now dates it itself."""
    if record.get("date") is None and record.get("published"):
        record["date"], record["date_precision"] = record["published"], "story"
    return record


def count_events(conn: sqlite3.Connection, f: EventFilter | None = None) -> int:
    f = (f or EventFilter()).validate()
    where, params = event_where(f)
    join = " JOIN articles a ON a.id = e.article_id" if f.needs_article else ""
    return conn.execute(f"SELECT COUNT(*) FROM events e{join} {where}", params).fetchone()[0]


def event_counts_for(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, list[dict]]:
    """Counts linked to each event id."""
    if not event_ids:
        return {}
    out: dict[str, list[dict]] = {}
    marks = ",".join("?" * len(event_ids))
    for row in conn.execute(
        "SELECT event_id, value, value_high, qualifier, unit, category, text FROM counts WHERE event_id IN "
        f"({marks})",
        event_ids,
    ):
        out.setdefault(row["event_id"], []).append({k: row[k] for k in row.keys() if k != "event_id"})
    return out


def where_clause(pairs: list[tuple[str, Any]]) -> tuple[str, list[Any]]:
    """``WHERE`` from (SQL condition, parameter) pairs, skipping those whose parameter is None."""
    used = [(sql, value) for sql, value in pairs if value is not None]
    return ("WHERE " + " AND ".join(sql for sql, _ in used)) if used else "", [value for _, value in used]


def quote_filters(article=None, speaker=None, country=None, anonymous=None) -> tuple[str, list[Any]]:
    """The filters of ``list_quotes`` (and its total in ``totals.count_quotes``)."""
    return where_clause(
        [
            (f"t.article_id {LIKE}", f"{like_escape(article)}%" if article else None),
            (f"t.speaker_text {LIKE}", f"%{like_escape(speaker)}%" if speaker else None),
            ("t.speaker_country = ?", country.upper() if country else None),
            ("t.anonymous = ?", None if anonymous is None else int(anonymous)),
        ]
    )


# One canonical actor per group; older rows (no canonical id) group by name, country and sector.
CANONICAL_ACTOR_KEY = (
    "COALESCE(t.canonical_id, t.name || '|' || IFNULL(t.country, '') || '|' || IFNULL(t.sector, ''))"
)


def actor_filters(country=None, sector=None, article=None) -> tuple[str, list[Any]]:
    return where_clause(
        [
            ("t.country = ?", country.upper() if country else None),
            ("t.sector = ?", sector.upper() if sector else None),
            (f"t.article_id {LIKE}", f"{like_escape(article)}%" if article else None),
        ]
    )


def place_filters(country=None, kind=None, article=None) -> tuple[str, list[Any]]:
    return where_clause(
        [
            ("t.country = ?", country.upper() if country else None),
            ("t.kind = ?", kind or None),
            (f"t.article_id {LIKE}", f"{like_escape(article)}%" if article else None),
        ]
    )


def list_quotes(
    conn,
    *,
    article: str | None = None,
    speaker: str | None = None,
    country: str | None = None,
    anonymous: bool | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where, params = quote_filters(article, speaker, country, anonymous)
    sql = (
        "SELECT t.id, t.article_id, a.published, t.speaker_text, t.speaker_country, t.speaker_sector,"
        ' t.anonymous, t.cue, t.addressee, t.direct, t.text, t.start, t."end", a.outlet, a.url'
        f" FROM quotes t JOIN articles a ON a.id = t.article_id {where}"
        " ORDER BY a.published DESC, t.article_id, t.start LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def list_actors(
    conn,
    *,
    country: str | None = None,
    sector: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Canonical actors (one per ``canonical_id``: "the U.S.", "United States" and "Washington"
    are one) with how often each was mentioned and the aliases seen; rows stored before canonical
    ids existed group by name, country and sector."""
    where, params = actor_filters(country, sector, article)
    sql = (
        f"SELECT MAX(t.canonical_id) AS canonical_id, COALESCE(MAX(t.canonical_name), MAX(t.name)) AS name,"
        " MAX(t.country) AS country, CASE WHEN MAX(t.canonical_id) LIKE 'c:%' THEN NULL ELSE MAX(t.sector) "
        "END"
        " AS sector, MAX(t.anonymous) AS anonymous, COUNT(*) AS mentions,"
        " COUNT(DISTINCT t.article_id) AS articles, GROUP_CONCAT(DISTINCT t.text) AS aliases"
        f" FROM actors t {where} GROUP BY {CANONICAL_ACTOR_KEY} ORDER BY mentions DESC, name LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]


def list_places(
    conn,
    *,
    country: str | None = None,
    article: str | None = None,
    kind: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Places grouped by canonical name, with coordinates and mention counts."""
    where, params = place_filters(country, kind, article)
    sql = (
        "SELECT t.name, t.country, t.kind, ROUND(AVG(t.lat), 4) AS lat, ROUND(AVG(t.lon), 4) AS lon,"
        f" COUNT(*) AS mentions, COUNT(DISTINCT t.article_id) AS articles FROM places t {where}"
        " GROUP BY t.name, t.country, t.kind ORDER BY mentions DESC, t.name LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (*params, limit, offset))]
