"""What the dashboard shows of one filter: totals, facets, an adaptive timeline, map layers, and the
pages of one event and one actor.

Everything here counts the *reports* (event mentions) an ``EventFilter`` matches, as one of two
units: ``events`` (canonical events: distinct clusters among the matching reports, what
``list_dataset_events`` and the exports list by default) or ``reports`` (the mentions themselves).
A canonical event matches a filter when one of its reports does, so every count here is the number
of rows the table, the API and ``eventwire export`` give for the same filter with that value added.

The timeline lives in ``timeline.py``, the event and actor pages in ``detail.py`` and what they all
share (the matched reports in a unit, code labels) in ``scope.py``; their public names are importable
from here, where the dashboard imports them.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from typing import Any

from .detail import actor_profile, attach_reported_dates, event_detail
from .records import EventFilter, has_clustering_tables
from .scope import IGO_LABELS, and_where, country_label, country_labels, scope, use_canonical
from .timeline import BIN_SQL, axis, bin_series, bin_start, bin_unit, timeline

__all__ = [
    "AREA_PRECISIONS",
    "BIN_SQL",
    "FACETS",
    "FACET_BY_NAME",
    "IGO_LABELS",
    "UNITS",
    "Facet",
    "actor_profile",
    "attach_reported_dates",
    "axis",
    "bin_series",
    "bin_start",
    "bin_unit",
    "country_label",
    "country_labels",
    "event_detail",
    "facets",
    "map_layers",
    "timeline",
    "totals",
    "unclustered",
    "use_canonical",
    "value_label",
]

UNITS = ("events", "reports")
AREA_PRECISIONS = ("country", "region")  # known only to a country or a region: shaded, never a point


@dataclasses.dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter
    label: str
    attr: str  # the EventFilter field it sets
    expr: str  # the SQL value, over ``events e`` (and ``articles a``, ``json_each j``, ``sides k``)
    article: bool = False  # needs the articles join
    join: str = ""


FACETS = (
    Facet("type", "Event type", "types", "e.type"),
    Facet("mode", "Mode", "modes", "j.value", join=", json_each(COALESCE(e.mode, '[]')) j"),
    Facet("modality", "Modality", "modality", "e.modality"),
    Facet("source_country", "Source country", "source_countries", "e.source_country"),
    Facet("target_country", "Target country", "target_countries", "e.target_country"),
    Facet(
        "actor_name",
        "Actor (source or target)",
        "actor_names",
        "CASE k.side WHEN 1 THEN e.source_name ELSE e.target_name END",
        join=" JOIN (SELECT 1 AS side UNION ALL SELECT 2) k",
    ),
    Facet("outlet", "Outlet", "outlets", "a.outlet", article=True),
    Facet("place", "Place", "places", "e.place_name"),
)
FACET_BY_NAME = {facet.name: facet for facet in FACETS}


# --- totals ---------------------------------------------------------------------------------------


def totals(conn: sqlite3.Connection, f: EventFilter, canonical: bool) -> dict[str, Any]:
    """The cards: events (in the unit), reports, articles, outlets, countries, first and last date."""
    f = f.validate()
    sql, params, key = scope(f, canonical, article=True)
    row = conn.execute(
        f"SELECT COUNT(DISTINCT {key}), COUNT(*), COUNT(DISTINCT e.article_id), COUNT(DISTINCT a.outlet),"
        " MIN(CASE WHEN length(e.date) = 10 THEN e.date END),"
        " MAX(CASE WHEN length(e.date) = 10 THEN e.date END),"
        f" COUNT(DISTINCT e.place_country) {sql}",
        params,
    ).fetchone()
    out = dict(
        zip(("events", "reports", "articles", "outlets", "first", "last", "countries"), row, strict=True)
    )
    out["dead"] = None
    if canonical:
        try:
            out["dead"] = conn.execute(
                f"SELECT SUM(c.dead) FROM event_clusters c WHERE c.id IN (SELECT {key} {sql})", params
            ).fetchone()[0]
        except sqlite3.OperationalError:  # a store from before reconciled counts
            pass
    return out


def unclustered(conn: sqlite3.Connection) -> int:
    """Reports no canonical event covers yet (stored without the incremental clustering)."""
    if not has_clustering_tables(conn):
        return 0
    return conn.execute(
        "SELECT COUNT(*) FROM events e"
        " WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = e.id)"
    ).fetchone()[0]


# --- facets ---------------------------------------------------------------------------------------


def facets(
    conn: sqlite3.Connection, f: EventFilter, canonical: bool, *, size: int = 40
) -> list[dict[str, Any]]:
    """Counts by type, mode, modality, source and target country, actor, outlet and place.

    Each facet is counted with the filter minus its own selection (so picking a second type shows
    what it would add: values of one facet are alternatives, facets combine with AND). The selected
    values always appear, with their count."""
    f = f.validate()
    out = []
    for facet in FACETS:
        selected = list(getattr(f, facet.attr))
        others = dataclasses.replace(f, **{facet.attr: []})  # type: ignore[arg-type]
        sql, params, key = scope(others, canonical, article=facet.article, extra=facet.join)
        sql = and_where(sql, f"{facet.expr} IS NOT NULL AND {facet.expr} != ''")
        # One row per report unless the facet's join repeats it (modes, the two sides): count rows then.
        count = f"COUNT(DISTINCT {key})" if canonical or facet.join else "COUNT(*)"
        rows = conn.execute(
            f"SELECT {facet.expr} AS value, {count} AS n {sql} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [*params, size + 1],
        ).fetchall()
        values = [
            {"value": r["value"], "count": r["n"], "selected": r["value"] in selected} for r in rows[:size]
        ]
        seen = {v["value"] for v in values}
        for value in selected:
            if value not in seen:
                values.insert(
                    0, {"value": value, "count": _count_value(conn, others, canonical, facet, value)}
                )
                values[0]["selected"] = True
        for v in values:
            v["label"] = value_label(facet.name, v["value"])
        out.append(
            {
                "name": facet.name,
                "label": facet.label,
                "values": values,
                "more": len(rows) > size,
                "selected": selected,
            }
        )
    return out


def _count_value(conn, f: EventFilter, canonical: bool, facet: Facet, value: str) -> int:
    sql, params, key = scope(f, canonical, article=facet.article, extra=facet.join)
    return conn.execute(
        f"SELECT COUNT(DISTINCT {key}) {and_where(sql, f'{facet.expr} = ?')}", [*params, value]
    ).fetchone()[0]


def value_label(facet: str, value: Any) -> str:
    if facet in ("source_country", "target_country"):
        name = country_label(value)
        return f"{value} · {name}" if name else str(value)
    return str(value)


# --- map ------------------------------------------------------------------------------------------


@functools.cache
def _iso_numeric() -> dict[str, str]:
    """ISO alpha-3 → numeric (the ids of the Natural Earth country shapes)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a core dependency
        return {}
    return {c.alpha_3: c.numeric for c in pycountry.countries}


# Which layer a report's place puts it on: a shaded country, a point, or nowhere on the map.
PRECISION_SQL = "COALESCE(p.precision, CASE WHEN p.kind IN ('country', 'region') THEN p.kind END, '')"
LAYER_SQL = (
    f"CASE WHEN {PRECISION_SQL} IN ('country', 'region') AND e.place_country IS NOT NULL THEN 'area'"
    f" WHEN {PRECISION_SQL} IN ('country', 'region') THEN 'elsewhere'"  # a sea, a region of no country
    " WHEN e.lat IS NOT NULL AND e.lon IS NOT NULL THEN 'point'"
    " WHEN e.place_name IS NOT NULL THEN 'elsewhere'"  # a name the gazetteer could not locate
    " ELSE 'none' END"
)


def map_layers(
    conn: sqlite3.Connection, f: EventFilter, canonical: bool, *, limit: int = 3000
) -> dict[str, Any]:
    """Points for events placed at a city or a site; shaded countries for events placed only at a
    country or a region (a centroid would be a fake point); and how many events have no place.

    Grouped in SQL: a few scans however many events match. (The map's popup lists a place's
    events from ``/api/events`` when it opens.)"""
    f = f.validate()
    sql, params, key = scope(f, canonical, extra=" LEFT JOIN places p ON p.id = e.place_id")
    on = lambda layer: and_where(sql, f"{LAYER_SQL} = '{layer}'")  # noqa: E731
    where = "ROUND(e.lat, 3), ROUND(e.lon, 3), e.place_name, e.place_country"
    points: dict[tuple, dict[str, Any]] = {}
    for lat, lon, name, country, type_, n in conn.execute(
        f"SELECT {where}, e.type, COUNT(DISTINCT {key}) {on('point')} GROUP BY 1, 2, 3, 4, 5", params
    ):
        point = points.setdefault(
            (lat, lon, name, country),
            {
                "lat": lat,
                "lon": lon,
                "name": name,
                "country": country,
                "events": 0,
                "by_type": {},
                "samples": [],
            },
        )
        point["by_type"][type_] = n
        point["events"] += n
    if canonical:  # an event with reports of two types at one place is one event there
        for lat, lon, name, country, n in conn.execute(
            f"SELECT {where}, COUNT(DISTINCT {key}) {on('point')} GROUP BY 1, 2, 3, 4", params
        ):
            points[lat, lon, name, country]["events"] = n
    ordered = sorted(points.values(), key=lambda p: (-p["events"], p["name"] or ""))[:limit]
    for p in ordered:
        p["by_type"] = dict(sorted(p["by_type"].items(), key=lambda kv: (-kv[1], kv[0])))
    areas: dict[str, dict[str, Any]] = {}
    numeric = _iso_numeric()
    for country, type_, n in conn.execute(
        f"SELECT e.place_country, e.type, COUNT(DISTINCT {key}) {on('area')} GROUP BY 1, 2", params
    ):
        area = areas.setdefault(
            country,
            {
                "country": country,
                "name": country_label(country) or country,
                "iso_n3": numeric.get(country),
                "events": 0,
                "by_type": {},
                "places": [],
            },
        )
        area["by_type"][type_] = n
        area["events"] += n
    if canonical:
        for country, n in conn.execute(
            f"SELECT e.place_country, COUNT(DISTINCT {key}) {on('area')} GROUP BY 1", params
        ):
            areas[country]["events"] = n
    for country, name, precision, n in conn.execute(
        f"SELECT e.place_country, e.place_name, {PRECISION_SQL}, COUNT(DISTINCT {key}) {on('area')}"
        " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 2",
        params,
    ):
        if len(areas[country]["places"]) < 8:
            areas[country]["places"].append({"name": name, "precision": precision, "events": n})
    for area in areas.values():
        area["by_type"] = dict(sorted(area["by_type"].items(), key=lambda kv: (-kv[1], kv[0])))
    # Events off the map: with no place, or at a place that cannot be drawn, and no report on the map.
    on_map = and_where(sql, f"{LAYER_SQL} IN ('point', 'area')")
    drawn = f"{key} NOT IN (SELECT {key} {on_map})"
    off = conn.execute(
        f"SELECT COUNT(DISTINCT CASE WHEN {LAYER_SQL} = 'none' THEN {key} END),"
        f" COUNT(DISTINCT CASE WHEN {LAYER_SQL} = 'elsewhere' THEN {key} END)"
        f" {and_where(sql, drawn) if canonical else sql}",
        [*params, *params] if canonical else params,
    ).fetchone()
    return {
        "points": ordered,
        "areas": sorted(areas.values(), key=lambda a: (-a["events"], a["country"])),
        "truncated": len(points) > limit,
        "unplaced": off[0],
        "not_geocoded": off[1],
        "unit": "events" if canonical else "reports",
    }
