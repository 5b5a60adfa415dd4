"""Document context from the knowledge base: the home place of a dateline, canonical actor ids.

A dateline ("KANO, Nigeria", "NAIROBI, Kenya (AP)", "ISTANBUL", "AUSTIN, Texas") names the place the
story was filed from; its country is the context for domestic agents that name none ("police",
"the government"). Canonical ids make one actor of its aliases and metonyms: "the U.S.", "United
States", "Washington" and "U.S." all become ``c:USA``; a person or body the knowledge base knows
becomes ``kb:<id>``; anything else is keyed by its country, sector and name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import KnowledgeBase, load_kb, normalise

AGENCY = re.compile(r"\([^)]*\)")
NON_STATE = {"UNO", "IGO", "EUR", "NGO", "IMG"}  # a "UNITED NATIONS" dateline gives no home country
DATE_TAIL = re.compile(r"\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}$")  # "MOSCOW, Jan. 5"


@dataclass(frozen=True)
class HomePlace:
    """Where a story was filed from."""

    name: str  # the place as the dateline writes it, in title case ("Kano")
    country: str
    precision: str  # city | region | country


def home_of_dateline(dateline: str | None, kb: KnowledgeBase | None = None) -> HomePlace | None:
    """The place and country a dateline names, or None when the knowledge base cannot place it."""
    place = _home_of(dateline, kb or load_kb()) if dateline else None
    return None if place is None or place.country in NON_STATE else place


def _home_of(dateline: str, kb: KnowledgeBase) -> HomePlace | None:
    text = DATE_TAIL.sub("", AGENCY.sub("", dateline)).strip(" –—-,")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    place = parts[0].title()
    for qualifier in parts[1:]:  # "KANO, Nigeria": the stated country wins over a namesake city
        country = kb.country(qualifier) or _region_country(kb, qualifier)
        if country:
            return HomePlace(place, country, "city")
    if country := kb.country(parts[0]):
        return HomePlace(place, country, "country")
    if country := kb.capital(parts[0]):
        return HomePlace(place, country, "city")
    hit = kb.place(parts[0])
    if hit and hit[1] in {"city", "region"}:
        return HomePlace(place, hit[0], hit[1])
    return None


def _region_country(kb: KnowledgeBase, name: str) -> str | None:
    hit = kb.place(name)
    return hit[0] if hit and hit[1] == "region" else None


def canonical_id(
    *,
    kb_id: str | None,
    country: str | None,
    sector: str | None,
    name: str,
    person: str | None = None,
    country_level: bool = False,
) -> str:
    """A stable id for the actor a mention denotes.

    ``c:`` is a whole country (its names, short forms
    and capital used as a metonym); ``kb:`` a person or body the knowledge base knows; ``p:`` a person it lacks; ``g:`` a group or body keyed by
    country and sector ("Kenyan police" and a later "police" in Kenya are one). A group with no
    country is keyed by its words as well: "tankers" in one story and "two regional banks" in
    another share a sector, not an identity."""
    if country_level and country:
        return f"c:{country}"
    if kb_id:
        return f"kb:{kb_id}"
    if person:
        return f"p:{country or '-'}:{_slug(person)}"
    if sector and country:
        return f"g:{country}:{sector}"
    return f"g:{country or '-'}:{sector + ':' if sector else ''}{_slug(name)}"


def group_name(kb: KnowledgeBase, country: str | None, sector: str | None) -> str | None:
    """The name of an unnamed group of one country and sector ("civilians (Ukraine)"), which no
    single mention ("two children", "residents") names well; None when either is missing."""
    label = kb.sector_label(sector)
    if not (label and country):
        return None
    return f"{label} ({kb.country_label(country) or country})"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise(text)).strip("_") or "actor"
