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
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import EvalError, EventwireError
from ..models import Actor, Article, Count, Event, Extraction, Place, Quote, RawDocument
from ..options import Options
from . import kind
from .progress import track

Spec = dict[str, Any]
LineOf = Callable[[int | None], int | None]

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)
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


# The annotation guide (docs/annotation.md) and the PLOVER/CAMEO codes eventwire emits spell three
# things differently; a gold sector is met by the code that says the same thing:
# - the guide's MED ("media, journalists") is PLOVER's JRN (PLOVER's MED is health workers);
# - the guide's IGO or NGO sector for an international body is CAMEO's body code in the country
#   slot with no sector (the United Nations: UNO, no sector);
# - the guide's GOV for a state named as a whole ("Turkey", "the United States") is CAMEO's bare
#   country code (a mention coded as the whole country, canonical id ``c:``, with no sector).
INTERNATIONAL_CODES = {"IGO", "UNO", "EUR", "NGO"}


def sector_matches(want: str | None, actor: Actor) -> bool:
    """The actor's sector is the gold one, or the same thing in PLOVER/CAMEO's spelling (above)."""
    got = actor.sector
    if want == got or (want == "MED" and got == "JRN"):
        return True
    if got is not None:
        return False
    if want in {"IGO", "NGO"}:
        return actor.country in INTERNATIONAL_CODES
    return want == "GOV" and (actor.canonical_id or "").startswith("c:")


def actor_names_match(expected: str | None, actor: Actor) -> bool:
    """An extracted actor answers to its text as written and to its name; a coreferent mention
    ("he", "the group", "Bob" after "Omar Bob") answers only to the name it resolves to, since
    the pronoun's few letters name nobody ("he" is no match for "the ministry")."""
    if actor.country_reason == "coreference":
        return names_match(expected, actor.name)
    return names_match(expected, actor.text) or names_match(expected, actor.name)


def actor_details_ok(spec: Spec | None, actor: Actor | None) -> bool:
    """Name and sector of an event's actor, where the spec gives them."""
    if not spec or not any(k in spec for k in ("name", "name_any_of", "sector", "sector_any_of")):
        return True
    if actor is None:
        return False
    name_ok = accepted(spec, "name", actor.name, lambda w, _: actor_names_match(w, actor))
    return name_ok and accepted(spec, "sector", actor.sector, lambda want, _: sector_matches(want, actor))


def match_actor(spec: Spec, actor: Actor) -> bool:
    """An extracted actor matches an ``actors`` item: text, country, sector, anonymous as given."""
    if "text" in spec and not actor_names_match(spec["text"], actor):
        return False
    if "anonymous" in spec and bool(spec["anonymous"]) != bool(actor.anonymous):
        return False
    return accepted(spec, "country", actor.country) and accepted(
        spec, "sector", actor.sector, lambda want, _: sector_matches(want, actor)
    )


def match_place(spec: Spec, place: Place) -> bool:
    """Name (containment) and country as given; coordinates are scored separately."""
    if "name" in spec and not (
        names_match(spec["name"], place.name) or names_match(spec["name"], place.text)
    ):
        return False
    return accepted(spec, "country", place.country)


def match_count(spec: Spec, count: Count, line: int | None) -> bool:
    """Line, value or range, qualifier and unit (or one of ``unit_any_of``) as given; units by name
    containment."""
    if not (line_ok(spec, line) and value_ok(spec, count.value)):
        return False
    if not accepted(spec, "qualifier", count.qualifier):
        return False
    return accepted(spec, "unit", count.unit, compare=names_match)


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

    Each role is its actor or one of the co-actors coordinated with it (``source_also``,
    ``target_also``: "the United States and Jordan agreed" answers to a source of either), the
    first that fits. CONSULT is symmetric: the actors may come in either order.
    """
    sources, targets = _parties(event.source, event.source_also), _parties(event.target, event.target_also)
    orders = [(sources, targets)]
    if event.type == "CONSULT":
        orders.append((targets, sources))
    for source_parties, target_parties in orders:
        source = _first_fit(spec.get("source"), source_parties)
        target = _first_fit(spec.get("target"), target_parties)
        if source is not None and target is not None:
            return source[0], target[0]
    return None


def _parties(main: Actor | None, also: list[Actor]) -> list[Actor | None]:
    return [main, *also] if main is not None else [None]


def _first_fit(spec: Spec | None, parties: list[Actor | None]) -> tuple[Actor | None] | None:
    """The first party whose country the spec accepts, as a 1-tuple (the party may be None: a
    role the spec leaves open), or None when none fits."""
    return next(((a,) for a in parties if actor_country_ok(spec, a)), None)


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
    if any(
        s and any(k in s for k in ("name", "name_any_of", "sector", "sector_any_of")) for s, _ in actor_specs
    ):
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
    return match_event(spec, event, line_of) and all(event_attributes(spec, event).values())


def is_asserted(event: Event) -> bool:
    return event.modality in (None, "", "asserted")


# --- scoring one article -----------------------------------------------------------------------

ATTRIBUTES = ("mode", "actor", "location", "count", "date", "attribution")


def _section(expected: Spec, name: str, part: str) -> list[Spec]:
    return list((expected.get(name) or {}).get(part) or [])


def score_noise(expected: Spec, article: Article | None) -> Counter:
    gold = set(expected.get("noise_lines") or [])
    dropped = {p.line for p in article.paragraphs if not p.kept} if article else set()
    return Counter(noise_gold=len(gold), noise_dropped=len(dropped), noise_tp=len(gold & dropped))


def score_events(expected: Spec, events: list[Event], where: LineOf) -> Counter:
    c: Counter = Counter()
    required, optional = _section(expected, "events", "required"), _section(expected, "events", "optional")
    for spec in required:
        c["events_required"] += 1
        c += _score_modality(spec, events, where)
        hits = [e for e in events if match_event(spec, e, where)]
        if not hits:
            continue
        c["events_found"] += 1
        # the extracted event that gets most attributes right stands for the item
        best = max((event_attributes(spec, e) for e in hits), key=lambda a: sum(a.values()))
        for name, ok in best.items():
            c[f"attr_{name}_n"] += 1
            c[f"attr_{name}_ok"] += ok
    asserted = [e for e in events if is_asserted(e)]
    c["events_asserted"] += len(asserted)
    c["events_asserted_ok"] += sum(
        any(match_event(s, e, where) for s in required + optional) for e in asserted
    )
    c["forbidden_event_violations"] += sum(
        any(matches_all(spec, e, where) for e in events) for spec in _section(expected, "events", "forbidden")
    )
    return c


def _score_modality(spec: Spec, events: list[Event], where: LineOf) -> Counter:
    """Modality accuracy on the events found: a required item that states a modality, matched on
    line, type and parties whatever the modality; is any such event's modality the stated one?"""
    if "modality" not in spec and "modality_any_of" not in spec:
        return Counter()
    found = [
        e
        for e in events
        if line_ok(spec, where(e.evidence.start))
        and accepted(spec, "type", e.type)
        and _actors_oriented(spec, e) is not None
    ]
    if not found:
        return Counter()
    return Counter(modality_n=1, modality_ok=int(any(accepted(spec, "modality", e.modality) for e in found)))


def score_quotes(expected: Spec, quotes: list[Quote], where: LineOf) -> Counter:
    c: Counter = Counter()
    required, optional = _section(expected, "quotes", "required"), _section(expected, "quotes", "optional")
    for spec in required:
        c["quotes_required"] += 1
        hits = [q for q in quotes if match_quote(spec, q, where(q.start))]
        if hits:
            c["quotes_found"] += 1
            c["speakers_ok"] += any(speaker_ok(spec, q) for q in hits)
    c["quotes_extracted"] += len(quotes)
    c["quotes_extracted_ok"] += sum(
        any(match_quote(s, q, where(q.start)) for s in required + optional) for q in quotes
    )
    c["forbidden_quote_violations"] += sum(
        any(match_quote(spec, q, where(q.start)) for q in quotes)
        for spec in _section(expected, "quotes", "forbidden")
    )
    return c


def score_items(expected: Spec, name: str, items: list, matcher: Callable[[Spec, Any], bool]) -> Counter:
    """Recall and forbidden violations for counts, places and actors."""
    c: Counter = Counter()
    for spec in _section(expected, name, "required"):
        c[f"{name}_required"] += 1
        c[f"{name}_found"] += any(matcher(spec, item) for item in items)
    c[f"forbidden_{name[:-1]}_violations"] += sum(
        any(matcher(spec, item) for item in items) for spec in _section(expected, name, "forbidden")
    )
    return c


def score_geocodes(expected: Spec, places: list[Place]) -> Counter:
    """Required places with coordinates: is a matching place geocoded within 50 km?"""
    c: Counter = Counter()
    for spec in _section(expected, "places", "required"):
        if "lat" not in spec or "lon" not in spec:
            continue
        c["geocodes_n"] += 1
        c["geocodes_ok"] += any(
            match_place(spec, p)
            and p.lat is not None
            and p.lon is not None
            and km_between(spec["lat"], spec["lon"], p.lat, p.lon) <= 50
            for p in places
        )
    return c


def score_article(expected: Spec, article: Article | None, extraction: Extraction | None) -> Counter:
    """All counts for one annotated article (``article`` None when ingest rejected it)."""
    ex = extraction or Extraction()

    def where(offset: int | None) -> int | None:
        return line_of(article, offset)

    c = score_noise(expected, article)
    c += score_events(expected, ex.events, where)
    c += score_quotes(expected, ex.quotes, where)
    c += score_items(expected, "counts", ex.counts, lambda s, n: match_count(s, n, where(n.start)))
    c += score_items(expected, "places", ex.places, match_place)
    c += score_items(expected, "actors", ex.actors, match_actor)
    c += score_geocodes(expected, ex.places)
    c["articles"] += 1
    return c


def _ratio(num: float, den: float) -> float | None:
    """None when there is nothing to measure (shown as n/a, never as a fake 0 or 1)."""
    return num / den if den else None


def metrics_from_counts(c: Counter) -> dict[str, float | int | None]:
    metrics: dict[str, float | int | None] = {
        "noise_precision": _ratio(c["noise_tp"], c["noise_dropped"]),
        "noise_recall": _ratio(c["noise_tp"], c["noise_gold"]),
        "event_recall": _ratio(c["events_found"], c["events_required"]),
        "event_precision": _ratio(c["events_asserted_ok"], c["events_asserted"]),
        "forbidden_event_violations": c["forbidden_event_violations"],
        "quote_recall": _ratio(c["quotes_found"], c["quotes_required"]),
        "quote_precision": _ratio(c["quotes_extracted_ok"], c["quotes_extracted"]),
        "speaker_accuracy": _ratio(c["speakers_ok"], c["quotes_found"]),
        "forbidden_quote_violations": c["forbidden_quote_violations"],
        "count_recall": _ratio(c["counts_found"], c["counts_required"]),
        "forbidden_count_violations": c["forbidden_count_violations"],
        "place_recall": _ratio(c["places_found"], c["places_required"]),
        "forbidden_place_violations": c["forbidden_place_violations"],
        "geocode_accuracy": _ratio(c["geocodes_ok"], c["geocodes_n"]),
        "actor_recall": _ratio(c["actors_found"], c["actors_required"]),
        "forbidden_actor_violations": c["forbidden_actor_violations"],
    }
    for name in ATTRIBUTES:
        metrics[f"event_{name}_accuracy"] = _ratio(c[f"attr_{name}_ok"], c[f"attr_{name}_n"])
    metrics["event_modality_accuracy"] = _ratio(c["modality_ok"], c["modality_n"])
    return metrics


# --- the gold folder ---------------------------------------------------------------------------


def load_annotated(path: Path, limit: int | None = None) -> list[tuple[Path, Spec]]:
    """``(text_file, expected)`` pairs: a folder of NAME.txt + NAME.expected.json, or one .txt."""
    if path.is_file():
        files = [
            path if path.suffix == ".txt" else path.with_name(path.name.replace(".expected.json", ".txt"))
        ]
    else:
        files = sorted(p for p in path.glob("*.txt") if p.with_suffix(".expected.json").is_file())
    pairs = []
    for text_file in files[:limit] if limit else files:
        gold = text_file.with_suffix(".expected.json")
        if not (text_file.is_file() and gold.is_file()):
            raise EvalError(f"{text_file}: needs both {text_file.name} and {gold.name}")
        try:
            pairs.append((text_file, json.loads(gold.read_text(encoding="utf-8"))))
        except json.JSONDecodeError as exc:
            raise EvalError(f"{gold}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not pairs:
        raise EvalError(f"{path}: no NAME.txt + NAME.expected.json pairs found")
    return pairs


def raw_documents(pairs: Iterable[tuple[Path, Spec]]) -> Iterable[RawDocument]:
    """The annotated texts as the pipeline reads them, with their annotated publication dates."""
    for text_file, expected in pairs:
        yield RawDocument(
            source=str(text_file),
            format="text",
            content=text_file.read_text(encoding="utf-8"),
            published=expected.get("published"),
        )


def evaluate_annotated(path: Path, *, limit: int | None = None, options: Options | None = None) -> Counter:
    """Run the pipeline over every annotated article and add up the counts."""
    from ..pipeline import process_documents

    pairs = load_annotated(path, limit)
    totals: Counter = Counter()
    outcomes = process_documents(raw_documents(pairs), options or Options())
    for (_file, expected), outcome in zip(track(pairs, "annotated"), outcomes, strict=True):
        if isinstance(outcome, EventwireError):  # refused or crashed: no prediction
            totals += score_article(expected, None, None)
        else:
            totals += score_article(expected, outcome.article, outcome.extraction)
    return totals


@kind("annotated")
def score_annotated(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict]:
    totals = evaluate_annotated(path, limit=limit, options=options)
    return totals["articles"], metrics_from_counts(totals)
