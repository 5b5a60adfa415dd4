"""The dashboard's timelines: matching events binned by day, week, month or year to fit the span
shown (``axis``), in SQL for the explorer (``timeline``) and in Python for an actor's page
(``bin_series``)."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from ..models import PLOVER_TYPES
from .records import EventFilter
from .scope import and_where, parse_day, scope

DAY = timedelta(days=1)


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
    if since and (d := parse_day(since)):
        lo = d
    if until and (d := parse_day(until)):
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
    sql, params, key = scope(f, canonical)
    dated = and_where(sql, "length(e.date) = 10")
    day_counts = []
    for value, n in conn.execute(f"SELECT e.date, COUNT(*) {dated} GROUP BY 1 ORDER BY 1", params):
        if d := parse_day(value):
            day_counts.append((d, n))
    out = _empty_axis()
    if day_counts:
        lo, hi, unit = axis(day_counts, f.since, f.until)
        inside, span = and_where(dated, "e.date BETWEEN ? AND ?"), [*params, lo.isoformat(), hi.isoformat()]
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
