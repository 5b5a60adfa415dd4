"""The dashboard's pages of one event (every report of a canonical event, in its paragraph, with
its outlets) and of one actor (aliases, codes, events over time, counterparts)."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections import Counter
from typing import Any

from ..errors import NotFoundError
from .canonical import CANONICAL_COLUMNS
from .coactors import ROLES, cluster_coactors, party_clause
from .dataset import RECONCILED
from .records import (
    EventFilter,
    decode_event,
    event_counts_for,
    event_select,
    has_canonical_actors,
    has_clustering_tables,
    has_coactors,
    has_joint_flag,
)
from .scope import country_label, parse_day, scope
from .timeline import bin_series


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
        # a single report stands as its own canonical event: the same columns, from the mention
        event = {k: best[k] for k in CANONICAL_COLUMNS if k in best}
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
    event.update(cluster_coactors(event, best))  # the parties coordinated with its source and target
    event["source_label"] = country_label(event.get("source_country"))
    event["target_label"] = country_label(event.get("target_country"))
    event["place_label"] = country_label(event.get("place_country"))
    return {"event": event, "reports": reports}


def _reports(conn: sqlite3.Connection, ids: list[str]) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(ids))
    extra = ", a.text AS article_text, e.date_text"
    select = event_select(extra, coactors=has_coactors(conn), joint=has_joint_flag(conn))
    rows = [decode_event(dict(r)) for r in conn.execute(f"{select} WHERE e.id IN ({marks})", ids)]
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


CANONICAL_ID = re.compile(r"^(c|kb|g|p):\S")


def _names_canonical_actor(conn: sqlite3.Connection, name: str, has_ids: bool) -> bool:
    """Whether an actor page's key is a canonical id ("c:RUS", "g:UKR:CVL") the store holds, rather
    than a name as events give it."""
    return bool(
        has_ids
        and CANONICAL_ID.match(name)
        and conn.execute("SELECT 1 FROM actors WHERE canonical_id = ? LIMIT 1", (name,)).fetchone()
    )


def _role_hits(by_id: bool) -> str:
    """SQL columns ``source_hit`` and ``target_hit``: the actor (four ``?``, each its id or name) is
    that role's actor of the event ``e`` or one of its co-actors, so a party named beside the main
    one counts in its role as the event filters count it."""
    column = "canonical_id" if by_id else "name"
    hits = []
    for role in ROLES:
        if by_id:
            main = f"e.{role}_actor_id IN (SELECT x.id FROM actors x WHERE x.canonical_id = ?)"
        else:
            main = f"e.{role}_name = ?"
        hits.append(f"({main} OR {party_clause(column, '= ?', role)}) AS {role}_hit")
    return ", ".join(hits)


def actor_profile(
    conn: sqlite3.Connection, name: str, f: EventFilter | None = None, canonical: bool = True, top: int = 12
) -> dict[str, Any]:
    """An actor by canonical id ("c:RUS": every name it was written as) or by name (as events give
    their source and target): the aliases it was written as, its country and sector codes, its events
    as source and as target over time, and its counterparts (whom it acts on, who acts on it). ``f``
    narrows the events (dates, types...)."""
    has_ids = has_canonical_actors(conn)
    by_id = _names_canonical_actor(conn, name, has_ids)
    column = "canonical_id" if by_id else "name"
    f = dataclasses.replace(f or EventFilter(), limit=0, offset=0)
    if by_id:
        f.actor_ids = [name]
    else:
        f.actor_names = [name]
    f = f.validate()
    sql, params, key = scope(f, canonical)
    aliases = [
        dict(r)
        for r in conn.execute(
            f"SELECT x.text AS alias, COUNT(*) AS n FROM actors x WHERE x.{column} = ?"
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
            f" WHERE x.{column} = ? GROUP BY 1, 2 ORDER BY n DESC, x.country, x.sector",
            (name,),
        )
    ]
    for code in codes:
        code["label"] = country_label(code["country"])
    canonical_ids = []
    if by_id:
        canonical_ids = [name]
    elif has_ids:
        canonical_ids = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT canonical_id FROM actors WHERE name = ? AND canonical_id IS NOT NULL",
                (name,),
            )
        ]
    hits = _role_hits(by_id)
    rows = conn.execute(
        f"SELECT {key} AS k, {hits}, e.date, e.type, e.source_name, e.source_country, e.target_name,"
        f" e.target_country {sql}",
        [name] * 4 + list(params),
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
            if not r[f"{role}_hit"]:
                continue
            roles[role].add(r["k"])
            if (role, r["k"]) not in seen_type:
                seen_type.add((role, r["k"]))
                types[role][r["type"]] += 1
            if r["date"] and len(r["date"]) == 10 and (d := parse_day(r["date"])):
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
    display = name
    if by_id:
        row = conn.execute(
            "SELECT MAX(canonical_name) FROM actors WHERE canonical_id = ?", (name,)
        ).fetchone()
        display = row[0] or name
    return {
        "name": display,
        "id": name if by_id else None,
        "aliases": aliases,
        "codes": codes,
        "canonical_ids": canonical_ids,
        "mentions": sum(c["n"] for c in codes),
        "articles": conn.execute(
            f"SELECT COUNT(DISTINCT article_id) FROM actors WHERE {column} = ?", (name,)
        ).fetchone()[0],
        "events": len(roles["source"] | roles["target"]),
        "as_source": len(roles["source"]),
        "as_target": len(roles["target"]),
        "types": {role: dict(c.most_common()) for role, c in types.items()},
        "timeline": bin_series(dated, f.since, f.until, ["as source", "as target"]),
        "dated": len({k for _, _, k in dated}),  # events with a day: the others are not on the timeline
        "counterparts": counterparts,
    }
