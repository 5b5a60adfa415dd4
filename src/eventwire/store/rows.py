"""An article and its extraction as the rows of the store's tables (a pure function, no database).

``save_article`` inserts these rows; batch workers write the same rows to Parquet, so the flat
tables of a batch run have the ids and columns ``eventwire load`` gives the records.
"""

from __future__ import annotations

import json
from typing import Any

from ..dates import period_start
from ..models import Article, Extraction
from .ids import ExtractionIds, RowPlan, plan_rows

Row = dict[str, Any]
# Tables in insert order (a row's links point to rows of the tables before it).
TABLES = (
    "articles",
    "paragraphs",
    "sentences",
    "entities",
    "actors",
    "places",
    "times",
    "events",
    "event_actors",
    "counts",
    "quotes",
)


def article_rows(
    article: Article, extraction: Extraction, *, version: str, config_hash: str, ingested_at: str
) -> tuple[dict[str, list[Row]], ExtractionIds]:
    """Every row of ``article`` by table, and the ids of its extraction's rows.

    ``entities`` rows carry no id: the store numbers them (an INTEGER PRIMARY KEY).
    """
    prov = {"eventwire_version": version, "config_hash": config_hash}
    plan = plan_rows(article.id, extraction)
    aid, ex = article.id, extraction
    rows: dict[str, list[Row]] = {
        "articles": [_article_row(article, ingested_at) | prov],
        "paragraphs": [
            {"article_id": aid, "idx": p.index, "line": p.line, "text": p.text, "kept": int(p.kept)}
            | {"reason": p.reason, "start": p.start, "end": p.end}
            for p in article.paragraphs
        ],
        "sentences": [
            {"article_id": aid, "idx": i, "start": s.start, "end": s.end} for i, s in enumerate(ex.sentences)
        ],
        "entities": [
            {"article_id": aid, "text": e.text, "label": e.label, "start": e.start, "end": e.end}
            for e in ex.entities
        ],
        "actors": [_actor_row(i, aid, a) | prov for i, a in plan.actors.rows],
        "places": [_place_row(i, aid, p) | prov for i, p in plan.places.rows],
        "times": [_time_row(i, aid, t) | prov for i, t in plan.times],
        "events": [_event_row(i, aid, ev, plan) | prov for i, ev in plan.events],
        "event_actors": [row | prov for i, ev in plan.events for row in _coactor_rows(i, aid, ev, plan)],
        "counts": [_count_row(i, aid, c, plan.count_event.get(i)) | prov for i, c in plan.counts.rows],
        "quotes": [_quote_row(i, aid, q, plan) | prov for i, q in plan.quotes],
    }
    return rows, plan.ids()


def _article_row(a: Article, ingested_at: str) -> Row:
    return {
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "source": a.source,
        "format": a.format,
        "language": a.language,
        "byline": a.byline,
        "dateline": a.dateline,
        "text": a.text,
        "content_hash": a.content_hash,
        "n_paragraphs": len(a.paragraphs),
        "n_dropped": len(a.dropped),
        "meta": json.dumps(a.meta, default=str),
        "ingested_at": ingested_at,
    }


def _actor_row(row_id: str, aid: str, a) -> Row:
    return {
        "id": row_id,
        "article_id": aid,
        "text": a.text,
        "name": a.name,
        "country": a.country,
        "sector": a.sector,
        "person": a.person,
        "office": a.office,
        "anonymous": int(a.anonymous),
        "start": a.start,
        "end": a.end,
        "canonical_id": a.canonical_id,
        "canonical_name": a.canonical_name,
        "country_reason": a.country_reason,
    }


def _place_row(row_id: str, aid: str, p) -> Row:
    return {
        "id": row_id,
        "article_id": aid,
        "text": p.text,
        "name": p.name,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "kind": p.kind,
        "precision": p.precision,
        "start": p.start,
        "end": p.end,
    }


def _time_row(row_id: str, aid: str, t) -> Row:
    return {
        "id": row_id,
        "article_id": aid,
        "text": t.text,
        "value": t.value,
        "precision": t.precision,
        "type": t.type,
        "resolved": int(t.resolved),
        "start": t.start,
        "end": t.end,
    }


def _event_row(row_id: str, aid: str, ev, plan: RowPlan) -> Row:
    src, tgt, loc, att, when = ev.source, ev.target, ev.location, ev.attribution, ev.date
    return {
        "id": row_id,
        "article_id": aid,
        "type": ev.type,
        "mode": json.dumps(ev.mode),
        "trigger": ev.trigger,
        "source_actor_id": plan.actor_id(src),
        "target_actor_id": plan.actor_id(tgt),
        "source_name": src.name if src else None,
        "source_country": src.country if src else None,
        "source_sector": src.sector if src else None,
        "target_name": tgt.name if tgt else None,
        "target_country": tgt.country if tgt else None,
        "target_sector": tgt.sector if tgt else None,
        "date": sortable_date(when.value) if when else None,
        "date_precision": when.precision if when else None,
        "date_text": (when.text or None) if when else None,  # a story date has no text
        "place_id": plan.place_id(loc),
        "place_name": loc.name if loc else None,
        "place_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "modality": ev.modality,
        "attribution_speaker": att.speaker_text if att else None,
        "attribution_anonymous": int(att.anonymous) if att else None,
        "attribution_via": att.via if att else None,
        "attribution_actor_id": plan.actor_id(att.speaker) if att else None,
        "confidence": ev.confidence,
        "joint": int(ev.joint),
        "start": ev.evidence.start,
        "end": ev.evidence.end,
        "sentence_start": ev.evidence.sentence_start,
        "sentence_end": ev.evidence.sentence_end,
    }


def _coactor_rows(event_id: str, aid: str, ev, plan: RowPlan) -> list[Row]:
    """One row per co-actor of the event's source and target, by role and position in text order."""
    return [
        {"event_id": event_id, "article_id": aid, "role": role, "position": n, "actor_id": plan.actor_id(a)}
        for role, actors in (("source", ev.source_also), ("target", ev.target_also))
        for n, a in enumerate(actors)
    ]


def _count_row(row_id: str, aid: str, c, event_id: str | None) -> Row:
    return {
        "id": row_id,
        "article_id": aid,
        "event_id": event_id,
        "value": c.value,
        "value_high": c.value_high,
        "qualifier": c.qualifier,
        "unit": c.unit,
        "category": c.category,
        "text": c.text,
        "start": c.start,
        "end": c.end,
    }


def _quote_row(row_id: str, aid: str, q, plan: RowPlan) -> Row:
    return {
        "id": row_id,
        "article_id": aid,
        "text": q.text,
        "speaker_text": q.speaker_text,
        "speaker_actor_id": plan.actor_id(q.speaker),
        "speaker_country": q.speaker.country if q.speaker else None,
        "speaker_sector": q.speaker.sector if q.speaker else None,
        "cue": q.cue,
        "addressee": q.addressee,
        "anonymous": int(q.anonymous),
        "direct": int(q.direct),
        "start": q.start,
        "end": q.end,
        "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
    }


def sortable_date(value: str | None) -> str | None:
    """An event date that sorts and filters as a date: an ISO week becomes its Monday.

    Days, months and years already sort correctly as strings; the precision is stored beside it.
    """
    monday = period_start(value) if value and "-W" in value else None
    return monday.isoformat() if monday else value
