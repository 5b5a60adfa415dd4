"""Counts of a canonical event, reconciled across its reports: never summed.

Six reports of "at least 12 people were killed" are one event with 12 dead, not 72. Each report's
figure for a category is the largest count of that category it gives (a report that says "12
killed" and later "the toll rose to 15" stands for 15). Across reports the canonical figure is the
lowest of those figures: when sources disagree, the conservative one is coded, as ACLED does,
and the spread stays visible in the reports themselves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

RECONCILED = ("dead", "injured", "arrested", "size")


def report_figures(rows: Iterable[tuple[str, str, float]]) -> dict[str, dict[str, float]]:
    """event id → category → that report's largest figure, from (event_id, category, value) rows."""
    figures: dict[str, dict[str, float]] = {}
    for event_id, category, value in rows:
        if category not in RECONCILED or value is None:
            continue
        per_report = figures.setdefault(event_id, {})
        per_report[category] = max(value, per_report.get(category, value))
    return figures


def reconcile(member_ids: Iterable[str], figures: dict[str, dict[str, float]]) -> dict[str, int | None]:
    """category → the lowest report figure among the members that give one (None: no report does)."""
    result: dict[str, int | None] = dict.fromkeys(RECONCILED)
    for event_id in member_ids:
        for category, value in figures.get(event_id, {}).items():
            current = result[category]
            result[category] = int(value) if current is None else min(current, int(value))
    return result


def load_figures(conn: sqlite3.Connection, event_ids: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Report figures of these events (all events when ``event_ids`` is None)."""
    sql = "SELECT event_id, category, value FROM counts WHERE event_id IS NOT NULL"
    if event_ids is None:
        return report_figures(conn.execute(sql))
    figures: dict[str, dict[str, float]] = {}
    for start in range(0, len(event_ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = event_ids[start : start + 500]
        rows = conn.execute(f"{sql} AND event_id IN ({','.join('?' * len(chunk))})", chunk)
        figures.update(report_figures(rows))
    return figures
