"""What the dashboard shows of one filter: totals, facets, an adaptive timeline, map layers, and the
pages of one event and one actor.

Everything here counts the *reports* (event mentions) an ``EventFilter`` matches, as one of two
units: ``events`` (canonical events: distinct clusters among the matching reports, what
``list_dataset_events`` and the exports list by default) or ``reports`` (the mentions themselves).
A canonical event matches a filter when one of its reports does, so every count here is the number
of rows the table, the API and ``eventwire export`` give for the same filter with that value added.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..errors import NotFoundError
from ..models import PLOVER_TYPES
from .dataset import RECONCILED, is_clustered
from .records import EventFilter, event_counts_for, event_select, event_where, has_clustering_tables

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


def use_canonical(conn: sqlite3.Connection, unit: str) -> bool:
    """Canonical events unless reports are asked for or the store was never clustered."""
    return unit != "reports" and is_clustered(conn)


def _scope(
    f: EventFilter, canonical: bool, *, article: bool = False, extra: str = ""
) -> tuple[str, list, str]:
    """(FROM ... WHERE ..., parameters, the SQL key of one counted unit) for the reports ``f`` matches."""
    where, params = event_where(f)
    frm = "FROM events e"
    if canonical:
        frm += " JOIN event_cluster_members m ON m.event_id = e.id"
    if article or f.needs_article:
        frm += " JOIN articles a ON a.id = e.article_id"
    return f"{frm}{extra} {where}", params, "m.cluster_id" if canonical else "e.id"


def _and(sql: str, clause: str) -> str:
    return f"{sql} AND {clause}" if " WHERE " in sql else f"{sql} WHERE {clause}"


# --- totals ---------------------------------------------------------------------------------------


def totals(conn: sqlite3.Connection, f: EventFilter, canonical: bool) -> dict[str, Any]:
    """The cards: events (in the unit), reports, articles, outlets, countries, first and last date."""
    f = f.validate()
    sql, params, key = _scope(f, canonical, article=True)
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
        sql, params, key = _scope(others, canonical, article=facet.article, extra=facet.join)
        sql = _and(sql, f"{facet.expr} IS NOT NULL AND {facet.expr} != ''")
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
    sql, params, key = _scope(f, canonical, article=facet.article, extra=facet.join)
    return conn.execute(
        f"SELECT COUNT(DISTINCT {key}) {_and(sql, f'{facet.expr} = ?')}", [*params, value]
    ).fetchone()[0]


@functools.cache
def country_labels() -> dict[str, str]:
    """Country and region codes → common English names (the knowledge base's ``label`` rows)."""
    candidates: dict[str, list[str]] = defaultdict(list)
    path = Path(__file__).resolve().parents[1] / "kb" / "data" / "kb_geo.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2] == "label":
            if len(parts) > 3 and parts[3] == "curated":
                candidates[parts[1]].insert(0, parts[0])
            else:
                candidates[parts[1]].append(parts[0])
    try:
        import pycountry

        iso = {c.alpha_3: {getattr(c, "common_name", None), c.name} for c in pycountry.countries}
    except ImportError:  # pragma: no cover - a core dependency
        iso = {}
    labels = {}
    for code, names in candidates.items():
        # Several labels for one code (UKR: Ukraine and two breakaway republics): the ISO name wins.
        labels[code] = next((n for n in names if n in iso.get(code, ())), names[0])
    labels.update(IGO_LABELS)
    return labels


# CAMEO/PLOVER codes for bodies and regions that are not countries.
IGO_LABELS = {
    "EUR": "Europe / EU",
    "UNO": "United Nations",
    "NGO": "NGO",
    "IGO": "international organisation",
    "AFR": "Africa",
    "ASA": "Asia",
    "MEA": "Middle East",
    "WST": "the West",
    "NTO": "NATO",
    "IMG": "militant group",
    "REB": "rebels",
}


def country_label(code: str | None) -> str | None:
    return country_labels().get(code) if code else None


def value_label(facet: str, value: Any) -> str:
    if facet in ("source_country", "target_country"):
        name = country_label(value)
        return f"{value} · {name}" if name else str(value)
    return str(value)


# --- timeline -------------------------------------------------------------------------------------

DAY = timedelta(days=1)


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def bin_unit(span_days: int) -> str:
    """Day bins up to three months, weeks up to a year and a half, months up to 15 years, then years."""
    if span_days <= 92:
        return "day"
    if span_days <= 550:
        return "week"
    if span_days <= 15 * 366:
        return "month"
    return "year"


def bin_start(d: date, unit: str) -> date:
    if unit == "week":
        return d - timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    if unit == "year":
        return d.replace(month=1, day=1)
    return d


def _next(d: date, unit: str) -> date:
    if unit == "day":
        return d + DAY
    if unit == "week":
        return d + 7 * DAY
    if unit == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def _label(d: date, unit: str) -> str:
    if unit == "month":
        return d.strftime("%b %Y")
    if unit == "year":
        return str(d.year)
    return d.isoformat()


def _quantile(day_counts: list[tuple[date, int]], total: int, q: float) -> date:
    target, seen = q * (total - 1), 0
    for day, n in day_counts:
        seen += n
        if seen > target:
            return day
    return day_counts[-1][0]


def axis(day_counts: list[tuple[date, int]], since: str | None, until: str | None) -> tuple[date, date, str]:
    """The span a timeline shows and its bin unit, from (day, how many) pairs in day order.

    A date filter sets the span. Without one, a few outliers (a 1947 anniversary among 2024 news)
    do not stretch the axis: when the middle 96% of dates spans less than a third of the whole, the
    axis shows that middle (and what lies near it) and the rest is counted before or after it."""
    lo, hi = day_counts[0][0], day_counts[-1][0]
    total = sum(n for _, n in day_counts)
    if not since and not until and total >= 20:
        qlo, qhi = _quantile(day_counts, total, 0.02), _quantile(day_counts, total, 0.98)
        if (hi - lo).days > 3 * max((qhi - qlo).days, 30):
            pad = timedelta(days=max(30, (qhi - qlo).days // 4))  # near the middle is no outlier
            lo = min(d for d, _ in day_counts if d >= qlo - pad)
            hi = max(d for d, _ in day_counts if d <= qhi + pad)
    if since and (d := _parse(since)):
        lo = d
    if until and (d := _parse(until)):
        hi = d
    hi = max(hi, lo)
    return lo, hi, bin_unit((hi - lo).days + 1)


def _bins(
    lo: date,
    hi: date,
    unit: str,
    counts: dict[tuple[str, str], int],
    totals: dict[str, int],
    order: list[str],
) -> list[dict[str, Any]]:
    """Every bin from ``lo`` to ``hi`` (empty ones too), from counts keyed by (bin start, series)."""
    bins, start = [], bin_start(lo, unit)
    while start <= hi:
        following = _next(start, unit)
        key = start.isoformat()
        bins.append(
            {
                "start": max(start, lo).isoformat(),
                "end": min(following - DAY, hi).isoformat(),
                "label": _label(start, unit),
                "counts": {s: counts[key, s] for s in order if counts.get((key, s))},
                "total": totals.get(key, 0),
            }
        )
        start = following
    return bins


def _empty_axis() -> dict[str, Any]:
    return {"unit": "day", "bins": [], "series": [], "before": 0, "after": 0, "domain": None, "max": 0}


def bin_series(
    rows: list[tuple[date, str, Any]], since: str | None, until: str | None, order: list[str]
) -> dict[str, Any]:
    """(day, series, unit key) rows → bins by day, week, month or year chosen by the span shown
    (``axis``); a key counts once per bin and series however many rows it has there."""
    if not rows:
        return _empty_axis()
    lo, hi, unit = axis(sorted(Counter(d for d, _, _ in rows).items()), since, until)
    keys: dict[tuple[str, str], set] = defaultdict(set)
    per_bin: dict[str, set] = defaultdict(set)
    before, after = set(), set()
    for d, series, key in rows:
        if d < lo:
            before.add(key)
        elif d > hi:
            after.add(key)
        else:
            start = bin_start(d, unit).isoformat()
            keys[start, series].add(key)
            per_bin[start].add(key)
    counts = {k: len(v) for k, v in keys.items()}
    bins = _bins(lo, hi, unit, counts, {k: len(v) for k, v in per_bin.items()}, order)
    present = {series for _, series in keys}
    return {
        "unit": unit,
        "bins": bins,
        "series": [s for s in order if s in present],
        "before": len(before),
        "after": len(after),
        "domain": [lo.isoformat(), hi.isoformat()],
        "max": max((b["total"] for b in bins), default=0),
    }


# The first day of an ISO date's bin, in SQL (a week starts on Monday).
BIN_SQL = {
    "day": "e.date",
    "week": "date(e.date, '-6 days', 'weekday 1')",
    "month": "substr(e.date, 1, 7) || '-01'",
    "year": "substr(e.date, 1, 4) || '-01-01'",
}


def timeline(conn: sqlite3.Connection, f: EventFilter, canonical: bool) -> dict[str, Any]:
    """Matching events by the date their reports give, binned to fit the span, stacked by type.

    Only a day (or a week) has a place on the axis: events with a report giving only a month or a
    year are counted in ``partial`` and those with an undated report in ``undated`` (exactly what
    the ``dated`` filter then lists), so nothing leaves the totals silently. Counted in SQL: a
    store of 100,000 events is a few grouped scans, not 100,000 Python rows."""
    f = f.validate()
    sql, params, key = _scope(f, canonical)
    dated = _and(sql, "length(e.date) = 10")
    day_counts = []
    for value, n in conn.execute(f"SELECT e.date, COUNT(*) {dated} GROUP BY 1 ORDER BY 1", params):
        if d := _parse(value):
            day_counts.append((d, n))
    out = _empty_axis()
    if day_counts:
        lo, hi, unit = axis(day_counts, f.since, f.until)
        inside, span = _and(dated, "e.date BETWEEN ? AND ?"), [*params, lo.isoformat(), hi.isoformat()]
        expr = BIN_SQL[unit]
        counts = {
            (b, t): n
            for b, t, n in conn.execute(
                f"SELECT {expr}, e.type, COUNT(DISTINCT {key}) {inside} GROUP BY 1, 2", span
            )
        }
        if canonical:  # an event with reports of two types counts once in the bar
            per_bin = dict(
                conn.execute(f"SELECT {expr}, COUNT(DISTINCT {key}) {inside} GROUP BY 1", span).fetchall()
            )
        else:
            per_bin = Counter()
            for (b, _), n in counts.items():
                per_bin[b] += n
        bins = _bins(lo, hi, unit, counts, per_bin, list(PLOVER_TYPES))
        outside = conn.execute(
            f"SELECT COUNT(DISTINCT CASE WHEN e.date < ? THEN {key} END),"
            f" COUNT(DISTINCT CASE WHEN e.date > ? THEN {key} END) {dated}",
            [lo.isoformat(), hi.isoformat(), *params],
        ).fetchone()
        present = {t for _, t in counts}
        out = {
            "unit": unit,
            "bins": bins,
            "series": [t for t in PLOVER_TYPES if t in present],
            "before": outside[0],
            "after": outside[1],
            "domain": [lo.isoformat(), hi.isoformat()],
            "max": max((b["total"] for b in bins), default=0),
        }
    out["types"] = out.pop("series")
    # Counted as the ``dated`` filter lists them: an event with an undated report is "undated" even
    # when another of its reports puts it on the axis, so the link's number is what it opens.
    out["partial"], out["undated"] = conn.execute(
        f"SELECT COUNT(DISTINCT CASE WHEN length(e.date) < 10 THEN {key} END),"
        f" COUNT(DISTINCT CASE WHEN e.date IS NULL THEN {key} END) {sql}",
        params,
    ).fetchone()
    return out


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
    sql, params, key = _scope(f, canonical, extra=" LEFT JOIN places p ON p.id = e.place_id")
    on = lambda layer: _and(sql, f"{LAYER_SQL} = '{layer}'")  # noqa: E731
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
    on_map = _and(sql, f"{LAYER_SQL} IN ('point', 'area')")
    drawn = f"{key} NOT IN (SELECT {key} {on_map})"
    off = conn.execute(
        f"SELECT COUNT(DISTINCT CASE WHEN {LAYER_SQL} = 'none' THEN {key} END),"
        f" COUNT(DISTINCT CASE WHEN {LAYER_SQL} = 'elsewhere' THEN {key} END)"
        f" {_and(sql, drawn) if canonical else sql}",
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


def attach_reported_dates(conn: sqlite3.Connection, records: list[dict[str, Any]]) -> None:
    """Canonical records carry the event's first day (a report's day, else its story's publication
    date); add the date their evidence report itself gives (``reported_date``, maybe a month or a
    year, or None), so a table can say which it shows."""
    ids = [r["canonical_event_id"] for r in records if r.get("canonical_event_id")]
    if not ids:
        return
    rows = conn.execute(
        f"SELECT id, date, date_precision FROM events WHERE id IN ({','.join('?' * len(ids))})", ids
    ).fetchall()
    found = {r["id"]: (r["date"], r["date_precision"]) for r in rows}
    for record in records:
        record["reported_date"], record["reported_precision"] = found.get(
            record.get("canonical_event_id"), (None, None)
        )


# --- one event ------------------------------------------------------------------------------------

CONTEXT_CHARS = 320  # of the paragraph around the evidence sentence, each side


def event_detail(conn: sqlite3.Connection, event_id: str) -> dict[str, Any]:
    """A canonical event (by its id, or the id of one of its reports) with every report: its evidence
    sentence in its paragraph, the trigger marked, outlet, date, counts and attribution. A report no
    clustering covers is shown as an event of one report."""
    cluster = None
    if has_clustering_tables(conn):
        cluster = conn.execute("SELECT * FROM event_clusters WHERE id = ?", (event_id,)).fetchone()
        if cluster is None:
            member = conn.execute(
                "SELECT cluster_id FROM event_cluster_members WHERE event_id = ?", (event_id,)
            ).fetchone()
            if member:
                cluster = conn.execute("SELECT * FROM event_clusters WHERE id = ?", (member[0],)).fetchone()
    if cluster is not None:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT event_id FROM event_cluster_members WHERE cluster_id = ? ORDER BY event_id",
                (cluster["id"],),
            )
        ]
    elif conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
        ids = [event_id]
    else:
        raise NotFoundError(f"no event with id {event_id!r}")
    reports = _reports(conn, ids)
    best = next(
        (r for r in reports if cluster is not None and r["id"] == cluster["canonical_event_id"]), reports[0]
    )
    if cluster is not None:
        event = dict(cluster)
        event["reconciled"] = {k: event.get(k) for k in RECONCILED if event.get(k) is not None}
        event["reports"] = event.pop("mentions")
        event["canonical"] = True
    else:
        event = {
            k: best.get(k)
            for k in (
                "type",
                "modality",
                "source_name",
                "source_country",
                "target_name",
                "target_country",
                "place_name",
                "place_country",
                "lat",
                "lon",
                "confidence",
            )
        }
        event.update(
            id=best["id"],
            date_first=best["date"],
            date_last=best["date"],
            reports=1,
            articles=1,
            sources=1,
            canonical_event_id=best["id"],
            reconciled={},
            canonical=False,
        )
    row = conn.execute(
        "SELECT p.precision, p.kind FROM events e JOIN places p ON p.id = e.place_id WHERE e.id = ?",
        (best["id"],),
    ).fetchone()
    event["place_precision"] = (row["precision"] or row["kind"]) if row else None
    event["modes"] = sorted({m for r in reports for m in r["mode"]})
    event["outlets"] = _outlets(reports)
    event["best"] = best["id"]
    event["source_label"] = country_label(event.get("source_country"))
    event["target_label"] = country_label(event.get("target_country"))
    event["place_label"] = country_label(event.get("place_country"))
    return {"event": event, "reports": reports}


def _reports(conn: sqlite3.Connection, ids: list[str]) -> list[dict[str, Any]]:
    import json

    marks = ",".join("?" * len(ids))
    extra = ", a.text AS article_text, e.date_text"
    rows = [dict(r) for r in conn.execute(f"{event_select(extra)} WHERE e.id IN ({marks})", ids)]
    counts = event_counts_for(conn, ids)
    dups = (
        {
            r[0]: r[1]
            for r in conn.execute(
                f"SELECT article_id, canonical_id FROM duplicate_groups WHERE canonical_id != article_id"
                f" AND article_id IN (SELECT article_id FROM events WHERE id IN ({marks}))",
                ids,
            )
        }
        if has_clustering_tables(conn)
        else {}
    )
    for row in rows:
        row["mode"] = json.loads(row["mode"] or "[]")
        row["counts"] = counts.get(row["id"], [])
        row["duplicate_of"] = dups.get(row["article_id"])
        row["context"] = _context(conn, row)
        del row["article_text"]
    rows.sort(key=lambda r: (r["published"] or "", r["article_id"], r["start"]))
    return rows


def _context(conn: sqlite3.Connection, ev: dict[str, Any]) -> dict[str, str]:
    """The paragraph around the evidence sentence: text before, the sentence cut at its trigger, after."""
    text = ev["article_text"]
    ss, se, ts, te = ev["sentence_start"], ev["sentence_end"], ev["start"], ev["end"]
    para = conn.execute(
        'SELECT start, "end" FROM paragraphs WHERE article_id = ? AND kept = 1 AND start <= ? AND "end" >= ?'
        " ORDER BY start DESC LIMIT 1",
        (ev["article_id"], ss, ss),
    ).fetchone()
    ps, pe = (para[0], para[1]) if para else (ss, se)
    ps, pe = min(ps, ss), max(pe, se)
    before, after = text[ps:ss], text[se:pe]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    if not (ss <= ts <= te <= se):  # a trigger outside its sentence: mark the sentence only
        ts = te = ss
    return {
        "before": before,
        "sentence_before": text[ss:ts],
        "trigger": text[ts:te],
        "sentence_after": text[te:se],
        "after": after,
    }


def _outlets(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outlets with their reports; near-duplicate articles (syndicated copy) marked as not independent."""
    by: dict[str, dict[str, Any]] = {}
    for r in reports:
        name = r["outlet"] or "(unknown outlet)"
        entry = by.setdefault(name, {"outlet": name, "reports": 0, "articles": set(), "duplicates": 0})
        entry["reports"] += 1
        entry["articles"].add(r["article_id"])
        entry["duplicates"] += bool(r["duplicate_of"])
    return [
        {
            "outlet": e["outlet"],
            "reports": e["reports"],
            "articles": len(e["articles"]),
            "duplicates": e["duplicates"],
        }
        for e in sorted(by.values(), key=lambda e: (-e["reports"], e["outlet"]))
    ]


# --- one actor ------------------------------------------------------------------------------------


def actor_profile(
    conn: sqlite3.Connection, name: str, f: EventFilter | None = None, canonical: bool = True, top: int = 12
) -> dict[str, Any]:
    """An actor by name (as events give their source and target): the aliases it was written as, its
    country and sector codes, its events as source and as target over time, and its counterparts
    (whom it acts on, who acts on it). ``f`` narrows the events (dates, types...)."""
    f = dataclasses.replace(f or EventFilter(), actor_names=[name], limit=0, offset=0).validate()
    sql, params, key = _scope(f, canonical)
    aliases = [
        dict(r)
        for r in conn.execute(
            "SELECT x.text AS alias, COUNT(*) AS n FROM actors x WHERE x.name = ?"
            " GROUP BY x.text ORDER BY n DESC, alias"
            " LIMIT 40",
            (name,),
        )
    ]
    codes = [
        dict(r)
        for r in conn.execute(
            "SELECT x.country, x.sector, COUNT(*) AS n, COUNT(DISTINCT x.article_id) AS articles"
            " FROM actors x"
            " WHERE x.name = ? GROUP BY 1, 2 ORDER BY n DESC, x.country, x.sector",
            (name,),
        )
    ]
    for code in codes:
        code["label"] = country_label(code["country"])
    canonical_ids = []
    if any(r[1] == "canonical_id" for r in conn.execute("PRAGMA table_info(actors)")):
        canonical_ids = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT canonical_id FROM actors WHERE name = ? AND canonical_id IS NOT NULL",
                (name,),
            )
        ]
    rows = conn.execute(
        f"SELECT {key} AS k, e.date, e.type, e.source_name, e.source_country, e.target_name,"
        f" e.target_country {sql}",
        params,
    ).fetchall()
    if not rows and not aliases:
        raise NotFoundError(f"no actor named {name!r}")
    roles: dict[str, set[str]] = {"source": set(), "target": set()}
    dated = []
    partners: dict[str, dict[tuple, dict[str, Any]]] = {"targets": {}, "sources": {}}
    types: dict[str, Counter] = {"source": Counter(), "target": Counter()}
    seen_type: set[tuple] = set()
    for r in rows:
        for role, other, side in (("source", "target", "targets"), ("target", "source", "sources")):
            if r[f"{role}_name"] != name:
                continue
            roles[role].add(r["k"])
            if (role, r["k"]) not in seen_type:
                seen_type.add((role, r["k"]))
                types[role][r["type"]] += 1
            if r["date"] and len(r["date"]) == 10 and (d := _parse(r["date"])):
                dated.append((d, f"as {role}", r["k"]))
            pkey = (r[f"{other}_name"], r[f"{other}_country"])
            partner = partners[side].setdefault(
                pkey, {"name": pkey[0], "country": pkey[1], "keys": set(), "types": Counter()}
            )
            if r["k"] not in partner["keys"]:
                partner["types"][r["type"]] += 1
            partner["keys"].add(r["k"])
    counterparts = {}
    for side, found in partners.items():
        ranked = sorted(found.values(), key=lambda p: (-len(p["keys"]), p["name"] or ""))[:top]
        counterparts[side] = [
            {
                "name": p["name"],
                "country": p["country"],
                "events": len(p["keys"]),
                "types": dict(p["types"].most_common(3)),
            }
            for p in ranked
        ]
    return {
        "name": name,
        "aliases": aliases,
        "codes": codes,
        "canonical_ids": canonical_ids,
        "mentions": sum(c["n"] for c in codes),
        "articles": conn.execute(
            "SELECT COUNT(DISTINCT article_id) FROM actors WHERE name = ?", (name,)
        ).fetchone()[0],
        "events": len(roles["source"] | roles["target"]),
        "as_source": len(roles["source"]),
        "as_target": len(roles["target"]),
        "types": {role: dict(c.most_common()) for role, c in types.items()},
        "timeline": bin_series(dated, f.since, f.until, ["as source", "as target"]),
        "dated": len({k for _, _, k in dated}),  # events with a day: the others are not on the timeline
        "counterparts": counterparts,
    }
