"""``eventwire eval plover``: sentence-level event coding against the PLOVER gold-standard records.

Each JSONL record gives a sentence (``text``, the only input), its event type, source and target
actor codes, and sometimes the event location and casualty/crowd counts. For every record the
pipeline runs on ``text`` and one of our events is chosen: the one whose trigger shares most words
with the gold ``eventText`` (ties: the higher confidence). Legacy labels and codes are mapped with
``eval/data/plover_legacy.yaml`` (see docs/eval-plover.md).

Metrics: ``event_type_accuracy``, ``event_type_macro_f1``, ``source_country_f1`` and
``target_country_f1`` (set-level F1 on codes, micro over records, with precision/recall; our set is
the role's actor and its co-actors, ``Event.source_also``/``target_also``),
``source_token_f1``/``target_token_f1`` (mean token F1 of our actor text vs ``actorText``),
``location_match`` (on ``n_with_location`` records), ``dead_match``, ``injured_match``,
``size_magnitude_match`` (None when no record has the field), ``n_no_event``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import EvalError
from ..models import Event, RawDocument
from ..options import Options
from . import kind
from .metrics import macro_f1, prf, safe_div, token_f1

LEGACY_YAML = Path(__file__).parent / "data" / "plover_legacy.yaml"
WORD = re.compile(r"[a-z]+")
SIZE_WORDS = {
    "tens of thousands": 4,
    "thousands": 3,
    "hundreds of thousands": 5,
    "hundreds": 2,
    "dozens": 1,
    "scores": 1,
    "millions": 6,
    "tens": 1,
}


@lru_cache(maxsize=1)
def legacy_tables() -> dict[str, dict[str, str]]:
    return yaml.safe_load(LEGACY_YAML.read_text(encoding="utf-8"))


def gold_type(label: str) -> str:
    return legacy_tables()["event_types"].get(label, label)


def scored_type(event: Event | None) -> str:
    """Our type as PLOVER's GSR codes it: a stated intention is AGREE or THREATEN (see the YAML)."""
    if event is None:
        return "NONE"
    intent = legacy_tables()["intent"]
    if event.modality in intent["modalities"]:
        if event.type in intent["cooperative"]:
            return "AGREE"
        if event.type in intent["hostile"]:
            return "THREATEN"
    return event.type


def norm_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()[:3]
    tables = legacy_tables()
    code = tables["country_codes"].get(code, code)
    return tables["non_state"].get(code, code)


def gold_codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {c for a in actors if (c := norm_code(a.get("code")))}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in WORD.findall(text.lower()) if len(w) > 2}


def pick_event(events: list[Event], event_text: str) -> Event | None:
    """Our event for a record: most words shared with ``eventText``, then highest confidence."""
    if not events:
        return None
    gold = _stems(event_text)
    return max(events, key=lambda e: (len(_stems(e.trigger) & gold), e.confidence, -e.evidence.start))


def _norm_place(text: str) -> str:
    text = re.sub(r"[^\w\s]", " ", text.lower())
    words = [w for w in text.split() if w not in {"the", "of", "city", "town"}]
    return " ".join(words)


def location_matches(predicted: str | None, gold: str) -> bool:
    """Normalised match: equal, or one contains the other ("town of Rafah" vs "Rafah")."""
    if not predicted:
        return False
    p, g = _norm_place(predicted), _norm_place(gold)
    return bool(p and g) and (p == g or f" {p} " in f" {g} " or f" {g} " in f" {p} ")


def size_magnitude(value: Any) -> int | None:
    """Order of magnitude of a gold size ("Thousands" -> 3, "200" -> 2); None if not a number."""
    text = str(value).strip().lower()
    digits = text.replace(",", "")
    if digits.isdigit():
        return int(math.log10(int(digits))) if int(digits) > 0 else 0
    return next((m for w, m in SIZE_WORDS.items() if text.startswith(w)), None)


def _count_value(event: Event | None, categories: tuple[str, ...]) -> float | None:
    if event is None:
        return None
    for category in categories:
        for count in event.counts:
            if count.category == category:
                return count.value
    return None


@dataclass
class Tally:
    gold_types: list[str] = field(default_factory=list)
    pred_types: list[str] = field(default_factory=list)
    sets: dict[str, list[int]] = field(default_factory=lambda: {"source": [0, 0, 0], "target": [0, 0, 0]})
    token_f1: dict[str, list[float]] = field(default_factory=lambda: {"source": [], "target": []})
    checks: dict[str, list[bool]] = field(default_factory=dict)
    no_event: int = 0

    def check(self, name: str, ok: bool) -> None:
        self.checks.setdefault(name, []).append(ok)


def _score_actors(tally: Tally, role: str, record: dict, event: Event | None) -> None:
    gold = gold_codes(record.get(role))
    actor = getattr(event, role) if event is not None else None
    pred = predicted_codes(event, role)
    counts = tally.sets[role]
    counts[0] += len(pred & gold)
    counts[1] += len(pred - gold)
    counts[2] += len(gold - pred)
    if isinstance(record.get(role), list) and record[role]:
        texts = [a.get("actorText", "").replace("…", " ").replace("...", " ") for a in record[role]]
        best = max((token_f1(actor.text, t) for t in texts), default=0.0) if actor else 0.0
        tally.token_f1[role].append(best)


def predicted_codes(event: Event | None, role: str) -> set[str]:
    """The codes of a role's parties: its actor and the co-actors coordinated with it (a record
    lists every party of "the United States and Jordan agreed"). A joint act's two sides are both
    sources in PLOVER, as the PLOVER export writes them (``Event.joint``)."""
    if event is None:
        return set()
    roles = [role] if not event.joint else ["source", "target"] if role == "source" else []
    actors = [a for r in roles for a in (getattr(event, r), *getattr(event, f"{r}_also"))]
    return {c for a in actors if a is not None and (c := norm_code(a.country))}


def score_record(tally: Tally, record: dict, event: Event | None) -> None:
    tally.gold_types.append(gold_type(record["event"]))
    tally.pred_types.append(scored_type(event))
    tally.no_event += event is None
    for role in ("source", "target"):
        _score_actors(tally, role, record, event)
    loc = (record.get("eventLoc") or {}).get("name") if isinstance(record.get("eventLoc"), dict) else None
    if loc:
        tally.check(
            "location", location_matches(event.location.name if event and event.location else None, loc)
        )
    for name in ("dead", "injured"):
        if str(record.get(name, "")).strip().isdigit():
            tally.check(name, _count_value(event, (name,)) == float(record[name]))
    gold_mag = size_magnitude(record["size"]) if record.get("size") else None
    if gold_mag is not None:
        value = _count_value(event, ("size", "arrested", "other", "dead", "injured"))
        tally.check("size", value is not None and value > 0 and int(math.log10(value)) == gold_mag)


def metrics_of(tally: Tally) -> dict[str, Any]:
    n = len(tally.gold_types)
    correct = sum(g == p for g, p in zip(tally.gold_types, tally.pred_types, strict=True))
    out: dict[str, Any] = {
        "event_type_accuracy": safe_div(correct, n),
        "event_type_macro_f1": macro_f1(tally.gold_types, tally.pred_types),
    }
    for role in ("source", "target"):
        tp, fp, fn = tally.sets[role]
        scores = prf(tp, fp, fn, prefix=f"{role}_country_")
        out.update({k: v for k, v in scores.items() if not k.endswith(("_tp", "_fp", "_fn"))})
        f1s = tally.token_f1[role]
        out[f"{role}_token_f1"] = safe_div(sum(f1s), len(f1s)) if f1s else None
    names = {
        "location": "location_match",
        "dead": "dead_match",
        "injured": "injured_match",
        "size": "size_magnitude_match",
    }
    for key, metric in names.items():
        oks = tally.checks.get(key, [])
        out[metric] = safe_div(sum(oks), len(oks)) if oks else None
    out["n_with_location"] = len(tally.checks.get("location", []))
    out["n_no_event"] = tally.no_event
    return out


def read_records(path: Path, limit: int | None = None) -> list[dict]:
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    records = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                message = f"{file}:{number}: not a JSON record ({exc.msg}); PLOVER gold is JSON lines"
                raise EvalError(message) from exc
    return records[:limit] if limit else records


def predict(records: list[dict], options: Options) -> list[Event | None]:
    """Our chosen event for each record (None when the pipeline found none or rejected the text)."""
    from ..pipeline import Processed, process_documents

    docs = [RawDocument(source=r.get("id", "?"), format="text", content=r["text"].strip()) for r in records]
    chosen = []
    for record, outcome in zip(records, process_documents(docs, options.with_(clean=False)), strict=True):
        events = outcome.extraction.events if isinstance(outcome, Processed) else []
        chosen.append(pick_event(events, record.get("eventText", "")))
    return chosen


@kind("plover")
def score_plover(path: Path, *, limit: int | None = None, options: Options) -> tuple[int, dict[str, Any]]:
    records = read_records(path, limit)
    tally = Tally()
    for record, event in zip(records, predict(records, options), strict=True):
        score_record(tally, record, event)
    return len(records), metrics_of(tally)
