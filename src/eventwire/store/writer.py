"""Write processed articles: one transaction per article, idempotent, with provenance on every row."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, date, datetime

from ..models import Actor, Article, Extraction, Place
from .db import transaction

STORED, UNCHANGED, REPLACED = "stored", "unchanged", "replaced"


def article_status(conn: sqlite3.Connection, article_id: str, config_hash: str, version: str) -> str | None:
    """``UNCHANGED`` when this article was stored with the same settings and version, else None/"stale"."""
    row = conn.execute(
        "SELECT config_hash, eventwire_version FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    return UNCHANGED if (row[0], row[1]) == (config_hash, version) else "stale"


def save_article(
    conn: sqlite3.Connection, article: Article, extraction: Extraction, *, version: str, config_hash: str
) -> str:
    """Store one article with its paragraphs and extractions; returns stored/unchanged/replaced.

    Re-ingesting the same article with the same settings changes nothing. With other settings or
    another eventwire version, its rows are replaced (so the store never mixes provenances).
    """
    if article_status(conn, article.id, config_hash, version) == UNCHANGED:
        return UNCHANGED  # the common case of a re-ingest, answered without taking the write lock
    prov = (version, config_hash)
    with transaction(conn):
        # Asked again under the write lock: another process may have stored it meanwhile.
        prior = article_status(conn, article.id, config_hash, version)
        if prior == UNCHANGED:
            return UNCHANGED
        if prior is not None:
            conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        _insert_article(conn, article, prov)
        _insert_extraction(conn, article.id, extraction, prov)
    return REPLACED if prior else STORED


def _insert_article(conn: sqlite3.Connection, a: Article, prov: tuple[str, str]) -> None:
    conn.execute(
        "INSERT INTO articles (id, url, title, outlet, published, source, format, language, byline, dateline,"
        " text, content_hash, n_paragraphs, n_dropped, meta, ingested_at, eventwire_version, config_hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            a.id,
            a.url,
            a.title,
            a.outlet,
            a.published,
            a.source,
            a.format,
            a.language,
            a.byline,
            a.dateline,
            a.text,
            a.content_hash,
            len(a.paragraphs),
            len(a.dropped),
            json.dumps(a.meta, default=str),
            datetime.now(UTC).isoformat(timespec="seconds"),
            *prov,
        ),
    )
    conn.executemany(
        'INSERT INTO paragraphs (article_id, idx, line, text, kept, reason, start, "end") VALUES '
        "(?,?,?,?,?,?,?,?)",
        [(a.id, p.index, p.line, p.text, int(p.kept), p.reason, p.start, p.end) for p in a.paragraphs],
    )


def _insert_extraction(conn: sqlite3.Connection, aid: str, ex: Extraction, prov: tuple[str, str]) -> None:
    conn.executemany(
        'INSERT INTO sentences (article_id, idx, start, "end") VALUES (?,?,?,?)',
        [(aid, i, s.start, s.end) for i, s in enumerate(ex.sentences)],
    )
    conn.executemany(
        'INSERT INTO entities (article_id, text, label, start, "end") VALUES (?,?,?,?,?)',
        [(aid, e.text, e.label, e.start, e.end) for e in ex.entities],
    )
    actor_ids = _insert_actors(conn, aid, ex, prov)
    place_ids = _insert_places(conn, aid, ex.places, prov)
    _insert_times(conn, aid, ex, prov)
    _insert_events(conn, aid, ex, actor_ids, place_ids, prov)
    _insert_counts(conn, aid, ex, prov)
    _insert_quotes(conn, aid, ex, actor_ids, prov)


def _assign_id(record, aid: str, prefix: str, i: int) -> str:
    record.id = record.id if record.id and record.id.startswith(aid) else f"{aid}:{prefix}{i}"
    return record.id


def _insert_actors(conn, aid: str, ex: Extraction, prov) -> dict[int, str]:
    """Actors of the extraction, plus any event/quote actor not listed there; keyed by id(obj)."""
    actors: list[Actor] = list(ex.actors)
    seen = {id(a) for a in actors}
    for ev in ex.events:
        for a in (ev.source, ev.target, ev.attribution.speaker if ev.attribution else None):
            if a is not None and id(a) not in seen:
                actors.append(a)
                seen.add(id(a))
    for q in ex.quotes:
        if q.speaker is not None and id(q.speaker) not in seen:
            actors.append(q.speaker)
            seen.add(id(q.speaker))
    ids = {id(a): _assign_id(a, aid, "a", i) for i, a in enumerate(actors)}
    conn.executemany(
        "INSERT INTO actors (id, article_id, text, name, country, sector, person, office, anonymous, start, "
        '"end",'
        " canonical_id, canonical_name, country_reason,"
        " eventwire_version, config_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                a.id,
                aid,
                a.text,
                a.name,
                a.country,
                a.sector,
                a.person,
                a.office,
                int(a.anonymous),
                a.start,
                a.end,
                a.canonical_id,
                a.canonical_name,
                a.country_reason,
                *prov,
            )
            for a in actors
        ],
    )
    return ids


def _insert_places(conn, aid: str, places: list[Place], prov, prefix: str = "p") -> dict[int, str]:
    ids = {id(p): _assign_id(p, aid, prefix, i) for i, p in enumerate(places)}
    conn.executemany(
        'INSERT INTO places (id, article_id, text, name, country, lat, lon, kind, precision, start, "end",'
        " eventwire_version, config_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (p.id, aid, p.text, p.name, p.country, p.lat, p.lon, p.kind, p.precision, p.start, p.end, *prov)
            for p in places
        ],
    )
    return ids


def _insert_times(conn, aid: str, ex: Extraction, prov) -> None:
    conn.executemany(
        'INSERT INTO times (id, article_id, text, value, precision, type, resolved, start, "end",'
        " eventwire_version, config_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                _assign_id(t, aid, "t", i),
                aid,
                t.text,
                t.value,
                t.precision,
                t.type,
                int(t.resolved),
                t.start,
                t.end,
                *prov,
            )
            for i, t in enumerate(ex.times)
        ],
    )


def _insert_events(
    conn, aid: str, ex: Extraction, actor_ids: dict[int, str], place_ids: dict[int, str], prov
) -> None:
    rows = []
    for i, ev in enumerate(ex.events):
        _assign_id(ev, aid, "e", i)
        src, tgt, loc, att = ev.source, ev.target, ev.location, ev.attribution
        place_id = place_ids.get(id(loc)) if loc else None
        if loc is not None and place_id is None:  # a place not in the article's list: store it too
            place_id = _insert_places(conn, aid, [loc], prov, prefix=f"e{i}p")[id(loc)]
        rows.append(
            (
                ev.id,
                aid,
                ev.type,
                json.dumps(ev.mode),
                ev.trigger,
                actor_ids.get(id(src)) if src else None,
                actor_ids.get(id(tgt)) if tgt else None,
                src.name if src else None,
                src.country if src else None,
                src.sector if src else None,
                tgt.name if tgt else None,
                tgt.country if tgt else None,
                tgt.sector if tgt else None,
                sortable_date(ev.date.value) if ev.date else None,
                ev.date.precision if ev.date else None,
                (ev.date.text or None) if ev.date else None,  # a story date has no text
                place_id,
                loc.name if loc else None,
                loc.country if loc else None,
                loc.lat if loc else None,
                loc.lon if loc else None,
                ev.modality,
                att.speaker_text if att else None,
                int(att.anonymous) if att else None,
                att.via if att else None,
                actor_ids.get(id(att.speaker)) if att and att.speaker else None,
                ev.confidence,
                ev.evidence.start,
                ev.evidence.end,
                ev.evidence.sentence_start,
                ev.evidence.sentence_end,
                *prov,
            )
        )
    conn.executemany(
        "INSERT INTO events (id, article_id, type, mode, trigger, source_actor_id, target_actor_id,"
        " source_name, source_country, source_sector, target_name, target_country, target_sector,"
        " date, date_precision, date_text, place_id, place_name, place_country, lat, lon, modality,"
        " attribution_speaker, attribution_anonymous, attribution_via, attribution_actor_id, confidence,"
        ' start, "end", sentence_start, sentence_end, eventwire_version, config_hash)'
        " VALUES (" + ",".join("?" * 33) + ")",
        rows,
    )


_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def sortable_date(value: str | None) -> str | None:
    """An event date that sorts and filters as a date: an ISO week becomes its Monday.

    Days, months and years already sort correctly as strings; the precision is stored beside it.
    """
    m = _ISO_WEEK.match(value or "")
    if not m:
        return value
    try:
        return date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
    except ValueError:
        return value


def _insert_counts(conn, aid: str, ex: Extraction, prov) -> None:
    """Counts of the article, each linked to the event that cites it (if any)."""
    event_of = {id(c): ev.id for ev in ex.events for c in ev.counts}
    counts = list(ex.counts) + [
        c for ev in ex.events for c in ev.counts if all(c is not k for k in ex.counts)
    ]
    conn.executemany(
        "INSERT INTO counts (id, article_id, event_id, value, value_high, qualifier, unit, category, text, "
        'start, "end",'
        " eventwire_version, config_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                _assign_id(c, aid, "c", i),
                aid,
                event_of.get(id(c)),
                c.value,
                c.value_high,
                c.qualifier,
                c.unit,
                c.category,
                c.text,
                c.start,
                c.end,
                *prov,
            )
            for i, c in enumerate(counts)
        ],
    )


def _insert_quotes(conn, aid: str, ex: Extraction, actor_ids: dict[int, str], prov) -> None:
    conn.executemany(
        "INSERT INTO quotes (id, article_id, text, speaker_text, speaker_actor_id, speaker_country, "
        "speaker_sector,"
        ' cue, addressee, anonymous, direct, start, "end", speaker_start, speaker_end, eventwire_version, '
        "config_hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                _assign_id(q, aid, "q", i),
                aid,
                q.text,
                q.speaker_text,
                actor_ids.get(id(q.speaker)) if q.speaker else None,
                q.speaker.country if q.speaker else None,
                q.speaker.sector if q.speaker else None,
                q.cue,
                q.addressee,
                int(q.anonymous),
                int(q.direct),
                q.start,
                q.end,
                q.speaker_start,
                q.speaker_end,
                *prov,
            )
            for i, q in enumerate(ex.quotes)
        ],
    )
