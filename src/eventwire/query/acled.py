"""An ACLED-style flat CSV (``--format acled-csv``): the columns conflict analysts already load.

PLOVER types map onto ACLED's event types and sub-event types by type and mode. ACLED codes no
verbal events (meetings, statements, accusations, demands), so those PLOVER types are left out of
this preset; ``csv`` and ``plover-jsonl`` have them. Time precision follows ACLED's codes (1: the
day is known; 2: within the week, which is what a report's own date gives; 3: the month or coarser);
geo precision likewise (1: the town; 2: near it or a district; 3: a region or the country).
Fatalities are the event's reconciled death count, 0 when no report gives one, as ACLED records it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "iso3",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "plover_type",
    "modality",
    "reports",
)
VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)
_ASSAULT_BY_MODE = (
    ({"aerial", "drone", "airstrike", "air"}, ("Explosions/Remote violence", "Air/drone strike")),
    ({"suicide-attack"}, ("Explosions/Remote violence", "Suicide bomb")),
    ({"explosives", "bombing", "ied"}, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    (
        {"heavy-weapons", "missile", "shelling", "artillery", "rocket"},
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ),
    ({"abduct"}, ("Violence against civilians", "Abduction/forced disappearance")),
    ({"sexual"}, ("Violence against civilians", "Sexual violence")),
)
TIME_PRECISION = {"day": 1, "week": 2, "story": 2, "month": 3, "year": 3}
GEO_PRECISION = {"facility": 1, "city": 1, "admin": 3, "region": 3, "country": 3}


def acled_types(ev: dict[str, Any]) -> tuple[str, str] | None:
    """(event_type, sub_event_type), or None for the verbal types ACLED does not code."""
    kind, modes = ev["type"], set(ev.get("mode") or [])
    if kind in VERBAL_TYPES:
        return ("Strategic developments", "Agreement") if kind == "AGREE" else None
    if kind == "ASSAULT":
        for wanted, types in _ASSAULT_BY_MODE:
            if modes & wanted:
                return types
        if ev.get("target_sector") in ("CVL", "JRN", "REF", "EDU", "REL") or ev.get("target_name") is None:
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if kind == "PROTEST":
        return ("Riots", "Violent demonstration") if "riot" in modes else ("Protests", "Peaceful protest")
    if kind == "COERCE":
        return "Strategic developments", "Arrests" if "arrest" in modes else "Other"
    if kind == "MOBILIZE":
        return "Strategic developments", "Change to group/activity"
    if kind == "RETREAT":
        return (
            "Strategic developments",
            "Non-violent transfer of territory" if "territory" in modes else "Other",
        )
    return "Strategic developments", "Other"


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    if not code or len(code) != 3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or (country.name if country else None)


def acled_row(ev: dict[str, Any]) -> dict[str, Any] | None:
    """One event as an ACLED-style row, or None when ACLED would not code it."""
    types = acled_types(ev)
    if types is None:
        return None
    date = (ev.get("date") or ev.get("published") or "")[:10] or None
    country_code = ev.get("place_country") or ev.get("target_country") or ev.get("source_country")
    sizes = ev.get("reconciled") or {}
    dead = sizes.get("dead")
    if dead is None:
        dead = max(
            (int(c["value"]) for c in ev.get("counts") or [] if c.get("category") == "dead"), default=0
        )
    return {
        "event_id_cnty": ev["id"],
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": TIME_PRECISION.get(ev.get("date_precision") or "", 3),
        "event_type": types[0],
        "sub_event_type": types[1],
        "actor1": _actor(ev.get("source_name"), ev.get("source_country"), ev.get("source_sector")),
        "assoc_actor_1": _associated(ev.get("source_also")),
        "actor2": _actor(ev.get("target_name"), ev.get("target_country"), ev.get("target_sector")),
        "assoc_actor_2": _associated(ev.get("target_also")),
        "country": country_name(country_code),
        "iso3": country_code,
        "admin1": ev.get("place_admin1"),
        "location": ev.get("place_name"),
        "latitude": ev.get("lat"),
        "longitude": ev.get("lon"),
        "geo_precision": GEO_PRECISION.get(
            ev.get("place_precision") or "", 1 if ev.get("lat") is not None else 3
        ),
        "source": ev.get("outlet"),
        "source_scale": None,
        "notes": ev.get("sentence"),
        "fatalities": int(dead or 0),
        "plover_type": ev["type"],
        "modality": ev.get("modality"),
        "reports": ev.get("reports", 1),
    }


def _actor(name: str | None, country: str | None, sector: str | None) -> str | None:
    if not name and not country:
        return None
    label = name or country
    details = "/".join(x for x in (country, sector) if x)
    return f"{label} ({details})" if details and details != label else label


def _associated(coactors: list[dict[str, Any]] | None) -> str | None:
    """ACLED's associated actors, ";"-separated: the co-actors coordinated with the actor."""
    labels = [x for a in coactors or [] if (x := _actor(a.get("name"), a.get("country"), a.get("sector")))]
    return "; ".join(labels) or None
