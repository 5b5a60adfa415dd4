"""What every dashboard query shares: the reports an ``EventFilter`` matches, counted in one unit
(canonical events or reports), and readable names for country and body codes."""

from __future__ import annotations

import functools
import sqlite3
from datetime import date

from ..kb import country_labels as kb_country_labels
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
    """Country and region codes → common English names: the knowledge base's labels, and names for
    the CAMEO/PLOVER codes of bodies and regions that are not countries."""
    return {**kb_country_labels(), **IGO_LABELS}


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
