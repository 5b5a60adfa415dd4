"""An event's co-actors (store migration 009): the further parties coordinated with its source and
target, as SQL over ``event_actors`` for listings and filters, and as records for canonical events.

A store opened read-only that predates the table gets an empty temporary stand-in
(``store.db.connect``), so filters may always name it; ``has_coactors`` tells the real table apart.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

ROLES = ("source", "target")
# an event's co-actors of one role as a JSON array, in text order (store migration 009)
COACTOR_FIELDS = ("name", "country", "sector", "canonical_id")


def coactors_sql(role: str) -> str:
    """The co-actors of ``role`` of the event ``e`` as a JSON array of objects (``COACTOR_FIELDS``)."""
    fields = ", ".join(f"'{f}', x.{f}" for f in COACTOR_FIELDS)
    return (
        f"(SELECT json_group_array(json_object({fields})) FROM (SELECT x.* FROM event_actors ea"
        f" JOIN actors x ON x.id = ea.actor_id WHERE ea.event_id = e.id AND ea.role = '{role}'"
        " ORDER BY ea.position) x)"
    )


def has_coactors(conn: sqlite3.Connection) -> bool:
    """True for a store with the co-actors table (a read-only older store has none to give)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_actors'"
    return conn.execute(sql).fetchone() is not None


def event_parties(conn: sqlite3.Connection, event_id: str | None) -> dict[str, Any]:
    """A stored event's ``source_country``/``target_country`` and co-actors (``source_also``,
    ``target_also``: empty lists when it has none), for ``cluster_coactors``."""
    found: dict[str, Any] = {}
    if event_id and has_coactors(conn):
        cols = ", ".join(f"e.{role}_country, {coactors_sql(role)} AS {role}_also" for role in ROLES)
        row = conn.execute(f"SELECT {cols} FROM events e WHERE e.id = ?", (event_id,)).fetchone()
        found = dict(row) if row is not None else {}
    for role in ROLES:
        found[f"{role}_also"] = json.loads(found.get(f"{role}_also") or "[]")
    return found


def cluster_coactors(cluster: dict[str, Any], best: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A canonical event's co-actors: those of its most confident report, for a role whose actor
    is the event's (same country); a report read with another actor lends the event none."""
    return {
        f"{role}_also": (best.get(f"{role}_also") or [])
        if best.get(f"{role}_country") == cluster.get(f"{role}_country")
        else []
        for role in ROLES
    }


def party_clause(column: str, test: str, role: str | None = None) -> str:
    """True for an event ``e`` with a co-actor (of ``role``, or of either role) whose ``x.column``
    passes ``test`` (an SQL comparison with its own placeholders: ``= ?``, ``IN (?,?)``, a LIKE)."""
    of_role = f" AND ea.role = '{role}'" if role else ""
    return (
        "EXISTS (SELECT 1 FROM event_actors ea JOIN actors x ON x.id = ea.actor_id"
        f" WHERE ea.event_id = e.id{of_role} AND x.{column} {test})"
    )
