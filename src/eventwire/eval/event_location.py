"""``eventwire eval event-location PATH``: where did the event happen? (Halterman's event_location)

PATH is a folder holding ``relabel_dev.jsonl`` or one ``relabel_*.jsonl`` file. Each item is one
sentence with a VERB span (the event) and zero or more LOCATION spans (where it happened). We
parse the sentence (cleaning disabled), take the token at the verb and ask
``extract.places.location_for`` for the event's place. Gold spans are read from the token offsets
(the items' own character offsets for LOCATION spans are unreliable upstream).

Metrics (over items with a VERB span; ``limit`` = number of items):
- ``exact_accuracy``: our place has exactly the span of one gold LOCATION, or both say "none".
- ``overlap_accuracy``: our place overlaps a gold LOCATION, or both say "none".
- ``none_precision``: of the items where we predict no location, the share with no gold location.
- ``none_recall``: of the items with no gold location, the share where we predict none.
- ``n``: items scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from ..options import Options
from . import kind
from .geowebnews import original_offsets, parsed_contexts
from .metrics import safe_div


@dataclass
class LocationItem:
    text: str
    verb: tuple[int, int]
    locations: list[tuple[int, int]]


def read_items(path: Path, limit: int | None = None) -> list[LocationItem]:
    files = sorted(path.glob("relabel_*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise EvalError(f"no relabel_*.jsonl in {path}")
    items: list[LocationItem] = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip() and (item := _item(json.loads(line))) is not None:
                items.append(item)
                if limit and len(items) >= limit:
                    return items
    return items


def _item(record: dict) -> LocationItem | None:
    tokens = {t["id"]: t for t in record.get("tokens", [])}
    spans = [
        (s["label"], tokens[s["token_start"]]["start"], tokens[s["token_end"]]["end"])
        for s in record.get("spans", [])
        if s["token_start"] in tokens and s["token_end"] in tokens
    ]
    verbs = [(a, b) for label, a, b in spans if label == "VERB"]
    if not verbs:
        return None
    return LocationItem(record["text"], verbs[0], [(a, b) for label, a, b in spans if label == "LOCATION"])


def predict_locations(items: list[LocationItem], options: Options) -> list[tuple[int, int] | None]:
    """Our location span (in the item's text) for each item's verb, or None."""
    from ..extract.places import location_for

    predictions = []
    for item, (article, ctx) in zip(
        items, parsed_contexts([i.text for i in items], options, ("places",)), strict=True
    ):
        verb = _token_at(ctx.doc, article, item) if ctx is not None else None
        place = location_for(ctx, verb) if verb is not None else None
        predictions.append(original_offsets(article, item.text, place.start, place.end) if place else None)
    return predictions


def _token_at(doc, article, item: LocationItem):
    """The first token of ours that overlaps the gold verb span."""
    cache: dict = {}
    for token in doc:
        span = original_offsets(article, item.text, token.idx, token.idx + len(token.text), cache)
        if span and span[0] < item.verb[1] and item.verb[0] < span[1]:
            return token
    return None


@kind("event-location")
def score_event_location(
    path: Path, *, limit: int | None = None, options: Options
) -> tuple[int, dict[str, float]]:
    items = read_items(path, limit)
    predictions = predict_locations(items, options)
    exact = overlap = predicted_none = right_none = gold_none = 0
    for item, predicted in zip(items, predictions, strict=True):
        if not item.locations:
            gold_none += 1
        if predicted is None:
            predicted_none += 1
            hit = not item.locations
            right_none += hit
            exact += hit
            overlap += hit
            continue
        exact += predicted in item.locations
        overlap += any(predicted[0] < b and a < predicted[1] for a, b in item.locations)
    metrics = {
        "exact_accuracy": safe_div(exact, len(items)),
        "overlap_accuracy": safe_div(overlap, len(items)),
        "none_precision": safe_div(right_none, predicted_none),
        "none_recall": safe_div(right_none, gold_none),
        "n": len(items),
    }
    return len(items), metrics
