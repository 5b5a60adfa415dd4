"""What every dashboard query shares: the reports an ``EventFilter`` matches, counted in one unit
(canonical events or reports), and readable names for country and body codes."""

from __future__ import annotations

import functools
import sqlite3
from collections import defaultdict
from datetime import date
from pathlib import Path

from .dataset import is_clustered
from .records import EventFilter, event_where


def use_canonical(conn: sqlite3.Connection, unit: str) -> bool:
    """Canonical events unless reports are asked for or the store was never clustered."""
    return unit != "reports" and is_clustered(conn)


def scope(
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


def and_where(sql: str, clause: str) -> str:
    return f"{sql} AND {clause}" if " WHERE " in sql else f"{sql} WHERE {clause}"


def parse_day(value: str) -> date | None:
    """The day an ISO date string starts with, or None."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
