"""Event records in the PLOVER manual's JSON format, field for field (``plover.schema.json``).

The manual's "PLOVER JSON" table gives the record: ``id``, ``date``, ``source`` and ``recipient``
(lists of actor objects: ``code``, ``sector``, ``actor_text``, ``identifier_text``), ``event``,
``mode`` and ``context`` (lists), ``event_loc`` (a GeoNames-style location object with ``cc3``),
``event_text``, ``quad_code``, ``event_scale``, the size fields ``dead``/``injured``/``arrested``,
``text``, ``text_info`` (``sequence``, ``start``, ``end``) and ``cite_info`` (``url``, ``title``,
``language``, ``publication``, ``coder``, ``codebook``, ``version``), ``coder``, ``coded_date``.

Modality goes where the manual puts it: the special contexts ``negation``, ``hypothetical``,
``future`` and ``historical`` ("negated events can be excluded from the final event dataset");
eventwire adds ``alleged`` for reported-but-unconfirmed events. ``has_event`` is false for every
record that is not asserted, so a PLOVER consumer that counts events does not count "no
passengers were killed". What eventwire knows beyond the manual sits under ``eventwire``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_FILE = Path(__file__).with_name("plover.schema.json")
CODEBOOK = "plover-base (PLOVER manual, OEDA)"

# The manual's quad categories and conflict-cooperation scores; REQUEST is the manual's DEMAND.
QUAD_CODE = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
EVENT_SCALE = {
    "ASSAULT": -9.3,
    "COERCE": -7.2,
    "PROTEST": -6.6,
    "MOBILIZE": -5.3,
    "SANCTION": -5.2,
    "THREATEN": -5.1,
    "REQUEST": -5.0,
    "REJECT": -4.2,
    "ACCUSE": -2.0,
    "CONSULT": 2.1,
    "AGREE": 4.2,
    "SUPPORT": 4.6,
    "CONCEDE": 5.0,
    "COOPERATE": 6.8,
    "AID": 7.4,
    "RETREAT": 7.6,
}
MODALITY_CONTEXT = {
    "negated": "negation",
    "hypothetical": "hypothetical",
    "future": "future",
    "historical": "historical",
    "alleged": "alleged",
}


def actor_objects(
    name: str | None, code: str | None, sector: str | None, canonical: str | None = None
) -> list:
    """A one-member actor list, or ``[]`` when the text names nobody."""
    if not (name or code or sector):
        return []
    actor: dict[str, Any] = {"actor_text": name, "entity_text": name, "code": code, "sector": sector}
    if canonical:
        actor["identifier_text"] = canonical
    return [actor]


def role_actors(ev: dict[str, Any], role: str) -> list:
    """Every party of a role: its actor, then the co-actors coordinated with it (``{role}_also``:
    "the United States and Jordan agreed" has two sources), one actor object each."""
    found = actor_objects(ev.get(f"{role}_name"), ev.get(f"{role}_country"), ev.get(f"{role}_sector"))
    for also in ev.get(f"{role}_also") or []:
        found += actor_objects(also.get("name"), also.get("country"), also.get("sector"))
    return found


def event_location(ev: dict[str, Any]) -> dict[str, Any] | None:
    if ev.get("place_name") is None and ev.get("lat") is None:
        return None
    location = {
        "name": ev.get("place_name"),
        "latitude": ev.get("lat"),
        "longitude": ev.get("lon"),
        "cc3": ev.get("place_country"),
        "country code": _alpha2(ev.get("place_country")),
    }
    if ev.get("place_precision"):
        location["feature class"] = _FEATURE_CLASS.get(ev["place_precision"])
        location["precision"] = ev["place_precision"]
    return location


_FEATURE_CLASS = {"facility": "S", "city": "P", "admin": "A", "region": "L", "country": "A"}


@lru_cache(maxsize=512)
def _alpha2(cc3: str | None) -> str | None:
    if not cc3 or len(cc3) != 3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=cc3)
    return country.alpha_2 if country else None


def plover_record(ev: dict[str, Any], coded_at: str | None = None) -> dict[str, Any]:
    """One event (a mention, or a canonical event in mention shape) as a PLOVER record."""
    from .. import __version__

    modality = ev.get("modality") or "asserted"
    context = [MODALITY_CONTEXT[modality]] if modality in MODALITY_CONTEXT else []
    sizes = reconciled_sizes(ev)
    source, recipient = role_actors(ev, "source"), role_actors(ev, "target")
    if ev.get("joint"):  # "Peru and Chile agreed": PLOVER lists both sides as sources
        source, recipient = source + recipient, []
    record: dict[str, Any] = {
        "id": ev["id"],
        "has_event": modality == "asserted",
        "date": manual_date(ev.get("date")),
        "source": source,
        "recipient": recipient,
        "event": [ev["type"]],
        "mode": list(ev.get("mode") or []),
        "context": context,
        "event_loc": event_location(ev),
        "event_text": [ev["trigger"]] if ev.get("trigger") else [],
        "quad_code": QUAD_CODE.get(ev["type"]),
        "event_scale": EVENT_SCALE.get(ev["type"]),
        **{k: sizes.get(k) for k in ("dead", "injured", "arrested")},
        "text": ev.get("sentence"),
        "text_info": {"start": ev.get("start"), "end": ev.get("end"), "sequence": ev.get("sentence_index")},
        "cite_info": {
            "url": ev.get("url"),
            "title": ev.get("title"),
            "language": ev.get("language") or "en",
            "publication": ev.get("outlet"),
            "citation": ev.get("article_id"),
            "coder": f"eventwire {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"eventwire {__version__}",
        "coded_date": (coded_at or datetime.now(UTC).date().isoformat()),
    }
    if ev.get("date_last") and ev.get("date_last") != ev.get("date"):
        record["enddate"] = manual_date(ev["date_last"])
    if sizes.get("size") is not None:
        record["size"] = sizes["size"]
    record["eventwire"] = _extension(ev, modality)
    return record


def manual_date(value: str | None) -> str | None:
    """YYYY-MM-DD as the manual requires: a coarser date is given as its period's first day
    (``eventwire.date_precision`` says which period was meant)."""
    if not value:
        return None
    text = str(value)
    if len(text) >= 10:
        return text[:10]
    if len(text) == 7:
        return text + "-01"
    if len(text) == 4 and text.isdigit():
        return text + "-01-01"
    return None


def reconciled_sizes(ev: dict[str, Any]) -> dict[str, int | None]:
    """dead/injured/arrested/size: a canonical event's reconciled figures, else the report's largest."""
    if ev.get("reconciled") is not None:
        return ev["reconciled"]
    sizes: dict[str, int | None] = {}
    for count in ev.get("counts") or []:
        category = count.get("category")
        if category in ("dead", "injured", "arrested", "size") and count.get("value") is not None:
            sizes[category] = max(int(count["value"]), sizes.get(category) or 0)
    return sizes


def _extension(ev: dict[str, Any], modality: str) -> dict[str, Any]:
    ext = {
        "modality": modality,
        "date_precision": ev.get("date_precision"),
        "confidence": ev.get("confidence"),
        "published": ev.get("published"),
        "article_id": ev.get("article_id"),
        "counts": ev.get("counts") or [],
        "evidence": {k: ev.get(k) for k in ("start", "end", "sentence_start", "sentence_end")},
        "attribution": None
        if not (ev.get("attribution_speaker") or ev.get("attribution_via"))
        else {
            "speaker": ev.get("attribution_speaker"),
            "anonymous": bool(ev.get("attribution_anonymous")),
            "via": ev.get("attribution_via"),
        },
    }
    if ev.get("reports") is not None:  # a canonical event: how many reports, and which
        ext.update(
            reports=ev["reports"],
            sources=ev.get("sources"),
            report_ids=ev.get("report_ids") or [],
            canonical_mention=ev.get("canonical_event_id"),
        )
    return ext


@lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The JSON Schema of a PLOVER record, written from the manual's field tables."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
