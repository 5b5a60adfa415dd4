"""Kind ``annotated``: hand-annotated articles (``NAME.txt`` + ``NAME.expected.json``).

The format is the founding example's (spec: ``examples/README.md`` in the shared data, restated in
``docs/evaluation.md``). This module is also the matching LIBRARY for that format: tests of single
articles call ``match_event``, ``match_quote``, ``matches_all`` and ``line_of`` directly.

Conventions implemented here:
- ``field`` must equal; ``field_any_of`` lists accepted values; an absent field is not checked.
- ``date_range`` / ``value_range`` are inclusive ranges.
- names compare case-insensitively after normalising quotes, dashes and spaces; one containing the
  other is a match ("Austin" ~ "Lloyd Austin").
- the line of an extraction is the source line of the kept paragraph holding its evidence offset.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import EvalError, InputError
from ..ingest.document import RawDocument
from ..models import Actor, Article, Count, Event, Extraction, Place, Quote
from ..options import Options
from . import kind
from .progress import track

Spec = dict[str, Any]
LineOf = Callable[[int | None], int | None]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‑": "-", "\u00a0": " "})  # fmt: skip
_EDGE_PUNCT = " \t\n'\".,;:!?-()[]"


# --- small comparisons -------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Lower case, straight quotes and hyphens, single spaces, no punctuation at the edges."""
    if not text:
        return ""
    return " ".join(text.translate(_QUOTES).lower().split()).strip(_EDGE_PUNCT)


def names_match(expected: str | None, found: str | None) -> bool:
    """One name contains the other, after normalisation (empty names never match)."""
    a, b = normalise(expected), normalise(found)
    return bool(a and b) and (a in b or b in a)


def accepted(spec: Spec, key: str, value: Any, compare: Callable[[Any, Any], bool] | None = None) -> bool:
    """``spec[key]`` equals ``value`` or ``value`` is one of ``spec[key + "_any_of"]``; absent = True."""
    compare = compare or (lambda want, got: want == got)
    if key in spec:
        return compare(spec[key], value)
    if f"{key}_any_of" in spec:
        return any(compare(want, value) for want in spec[f"{key}_any_of"])
    return True


def line_of(article: Article | None, offset: int | None) -> int | None:
    """The 1-based source line of the kept paragraph containing ``offset`` (None if none)."""
    if article is None or offset is None:
        return None
    for para in article.paragraphs:
        if para.kept and para.start is not None and para.start <= offset <= (para.end or para.start):
            return para.line
    return None


def line_ok(spec: Spec, line: int | None) -> bool:
    return accepted(spec, "line", line)


def date_ok(spec: Spec, value: str | None) -> bool:
    """``date`` / ``date_any_of`` / ``date_range`` (inclusive, ISO days)."""
    if "date_range" in spec:
        first, last = spec["date_range"]
        return bool(value) and len(value) == 10 and first <= value <= last
    return accepted(spec, "date", value)


def value_ok(spec: Spec, value: float | None) -> bool:
    """``value`` (numeric equality) or ``value_range`` (inclusive)."""
    if value is None:
        return "value" not in spec and "value_range" not in spec
    if "value_range" in spec:
        low, high = spec["value_range"]
        return low <= value <= high
    return "value" not in spec or math.isclose(float(spec["value"]), float(value))


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


# --- actors, places, counts, quotes ------------------------------------------------------------


def actor_country_ok(spec: Spec | None, actor: Actor | None) -> bool:
    """A missing spec accepts anything; a spec with a country needs an actor of that country."""
    if not spec:
        return True
    if "country" not in spec and "country_any_of" not in spec:
        return True
    return actor is not None and accepted(spec, "country", actor.country)


def actor_details_ok(spec: Spec | None, actor: Actor | None) -> bool:
    """Name and sector of an event's actor, where the spec gives them."""
    if not spec or not any(k in spec for k in ("name", "name_any_of", "sector", "sector_any_of")):
        return True
    if actor is None:
        return False
    name_ok = accepted(spec, "name", actor.name, lambda w, _: names_match(w, actor.name) or names_match(w, actor.text))
    return name_ok and accepted(spec, "sector", actor.sector)


def match_actor(spec: Spec, actor: Actor) -> bool:
    """An extracted actor matches an ``actors`` item: text, country, sector, anonymous as given."""
    if "text" in spec and not (names_match(spec["text"], actor.text) or names_match(spec["text"], actor.name)):
        return False
    if "anonymous" in spec and bool(spec["anonymous"]) != bool(actor.anonymous):
        return False
    return accepted(spec, "country", actor.country) and accepted(spec, "sector", actor.sector)


def match_place(spec: Spec, place: Place) -> bool:
    """Name (containment) and country as given; coordinates are scored separately."""
    if "name" in spec and not (names_match(spec["name"], place.name) or names_match(spec["name"], place.text)):
        return False
    return accepted(spec, "country", place.country)


def match_count(spec: Spec, count: Count, line: int | None) -> bool:
    """Line, value or range, qualifier and unit as given (the unit by name containment)."""
    if not (line_ok(spec, line) and value_ok(spec, count.value)):
        return False
    if not accepted(spec, "qualifier", count.qualifier):
        return False
    return "unit" not in spec or names_match(spec["unit"], count.unit)


def match_quote(spec: Spec, quote: Quote, line: int | None) -> bool:
    """Same line, and the quote begins with ``text_starts`` (quotation marks excluded)."""
    if not line_ok(spec, line):
        return False
    if "text_starts" in spec:
        return normalise(quote.text).startswith(normalise(spec["text_starts"]))
    if "text" in spec:  # forbidden quotes give the whole (short) text
        return normalise(quote.text) == normalise(spec["text"])
    return True


def speaker_ok(spec: Spec, quote: Quote) -> bool:
    """The speaker's name matches, or an anonymous speaker is the right kind of actor."""
    if names_match(spec.get("speaker"), quote.speaker_text):
        return True
    want = spec.get("speaker_actor")
    if spec.get("anonymous") and want and quote.speaker is not None:
        return quote.speaker.country == want.get("country") and quote.speaker.sector == want.get("sector")
    return False


# --- events ------------------------------------------------------------------------------------


def _actors_oriented(spec: Spec, event: Event) -> tuple[Actor | None, Actor | None] | None:
    """(source, target) as the spec reads them, or None when the countries don't fit.

    CONSULT is symmetric: the actors may come in either order.
    """
    orders = [(event.source, event.target)]
    if event.type == "CONSULT":
        orders.append((event.target, event.source))
    for source, target in orders:
        if actor_country_ok(spec.get("source"), source) and actor_country_ok(spec.get("target"), target):
            return source, target
    return None


def match_event(spec: Spec, event: Event, line_of: LineOf) -> bool:
    """Same line, type accepted, source and target countries accepted, modality where stated."""
    if not line_ok(spec, line_of(event.evidence.start)):
        return False
    if not accepted(spec, "type", event.type) or not accepted(spec, "modality", event.modality):
        return False
    return _actors_oriented(spec, event) is not None


def event_attributes(spec: Spec, event: Event) -> dict[str, bool]:
    """Which attributes the spec states, and whether the event gets each right."""
    found: dict[str, bool] = {}
    if "mode_any_of" in spec or "mode" in spec:
        found["mode"] = any(accepted(spec, "mode", m) for m in event.mode)
    sides = _actors_oriented(spec, event) or (event.source, event.target)
    actor_specs = [(spec.get("source"), sides[0]), (spec.get("target"), sides[1])]
    if any(s and any(k in s for k in ("name", "name_any_of", "sector", "sector_any_of")) for s, _ in actor_specs):
        found["actor"] = all(actor_details_ok(s, a) for s, a in actor_specs)
    if any(k in spec for k in ("date", "date_any_of", "date_range")):
        found["date"] = date_ok(spec, event.date.value if event.date else None)
    if "location" in spec:
        found["location"] = event.location is not None and match_place(spec["location"], event.location)
    if "count" in spec:
        found["count"] = any(match_count(spec["count"], c, None) for c in event.counts)
    if "attribution" in spec:
        found["attribution"] = attribution_ok(spec["attribution"], event)
    return found


def attribution_ok(spec: Spec, event: Event) -> bool:
    attr = event.attribution
    if attr is None:
        return False
    if "speaker" in spec and not names_match(spec["speaker"], attr.speaker_text):
        return False
    if "anonymous" in spec and bool(spec["anonymous"]) != bool(attr.anonymous):
        return False
    return "via" not in spec or names_match(spec["via"], attr.via)


def matches_all(spec: Spec, event: Event, line_of: LineOf) -> bool:
    """A forbidden event is violated by an event matching EVERY field it gives.

    An item giving only ``line``/``line_any_of`` forbids any event on those lines.
    """
    if not match_event(spec, event, line_of):
        return False
    if ("mode" in spec or "mode_any_of" in spec) and not any(accepted(spec, "mode", m) for m in event.mode):
        return False
    sides = _actors_oriented(spec, event) or (None, None)
    if not (actor_details_ok(spec.get("source"), sides[0]) and actor_details_ok(spec.get("target"), sides[1])):
        return False
    return all(event_attributes({k: v for k, v in spec.items() if k != "mode_any_of"}, event).values())


def is_asserted(event: Event) -> bool:
    return event.modality in (None, "", "asserted")
