"""The accuracy gate: floors per gold set in ``accuracy/floors.json``, and the tool that raises them.

    python -m eventwire.eval.gate                 # check: exit 1 if a metric fell below its floor
    python -m eventwire.eval.gate --update        # raise floors to the current scores
    python -m eventwire.eval.gate --update --allow-lower --reason "new PLOVER mapping"

Floors only go up unless lowering is explicitly allowed with a reason; every lowering is recorded
with its date and reason in the file's ``history`` list. Scores are rounded DOWN to 3 decimals, so
a floor never sits above the score it came from. Gold data is read from the ``shared`` folder beside
the repository (or ``--shared``); it is never needed at run time, only here and in the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError

REPO = Path(__file__).resolve().parents[3]
FLOORS_FILE = REPO / "accuracy" / "floors.json"
DEFAULT_SHARED = REPO.parent / "shared"
EPSILON = 0.005  # run-to-run wiggle allowed below a floor (thread scheduling, float sums)


@dataclass
class Drop:
    """One metric below its floor."""

    gold_set: str
    metric: str
    score: float | None
    floor: float

    def __str__(self) -> str:
        shown = "missing" if self.score is None else f"{self.score:.4f}"
        return f"{self.gold_set}: {self.metric} = {shown}, below its floor {self.floor:.3f} (epsilon {EPSILON})"


def load_floors(path: Path = FLOORS_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def save_floors(data: dict[str, Any], path: Path = FLOORS_FILE) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def floor_down(score: float, places: int = 3) -> float:
    """Round down (never up) to ``places`` decimals; the tiny nudge absorbs float noise (0.3 -> 0.3)."""
    factor = 10**places
    return math.floor(score * factor + 1e-9) / factor


def lower_is_better(metric: str) -> bool:
    """Violation counts are ceilings, not floors: fewer is better."""
    return metric.endswith("_violations")


def check_metrics(gold_set: str, metrics: dict[str, Any], floors: dict[str, float]) -> list[Drop]:
    """Every metric that fell more than EPSILON below its floor (or above its ceiling)."""
    drops = []
    for metric, floor in floors.items():
        score = metrics.get(metric)
        if score is None:
            drops.append(Drop(gold_set, metric, None, floor))
        elif lower_is_better(metric) and score > floor + EPSILON:
            drops.append(Drop(gold_set, metric, score, floor))
        elif not lower_is_better(metric) and score < floor - EPSILON:
            drops.append(Drop(gold_set, metric, score, floor))
    return drops


def updated_floors(old: dict[str, float], metrics: dict[str, Any], allow_lower: bool) -> tuple[dict, list[str]]:
    """New floors from current scores; returns them and the metrics that would have to go DOWN."""
    new, lowered = dict(old), []
    for metric, floor in old.items():
        score = metrics.get(metric)
        if score is None:
            continue
        candidate = float(score) if lower_is_better(metric) else floor_down(float(score))
        worse = candidate > floor if lower_is_better(metric) else candidate < floor
        if worse:
            lowered.append(f"{metric}: {floor} -> {candidate}")
            if not allow_lower:
                continue
        new[metric] = candidate
    return new, lowered


def run_entry(entry: dict[str, Any], shared: Path) -> dict[str, Any]:
    from . import run_eval

    return run_eval(entry["kind"], shared / entry["path"], limit=entry.get("limit"))


def update(shared: Path, allow_lower: bool, reason: str | None, only: list[str] | None = None) -> int:
    """Re-run the gold sets and raise floors; refuse to lower any unless allowed with a reason."""
    if allow_lower and not reason:
        raise EvalError("--allow-lower needs --reason \"why the floor may go down\"")
    data = load_floors()
    refused: list[str] = []
    for name, entry in data["sets"].items():
        if only and name not in only:
            continue
        metrics = run_entry(entry, shared)["metrics"]
        entry["metrics"], lowered = updated_floors(entry["metrics"], metrics, allow_lower)
        if lowered and allow_lower:
            data.setdefault("history", []).append(
                {"date": dt.date.today().isoformat(), "set": name, "lowered": lowered, "reason": reason}
            )
        refused += [f"{name}: {line}" for line in lowered if not allow_lower]
        print(f"{name}: {json.dumps(entry['metrics'])}")
    save_floors(data)
    for line in refused:
        print(f"refused to lower {line} (use --allow-lower --reason ...)", file=sys.stderr)
    return 1 if refused else 0


def check(shared: Path, only: list[str] | None = None) -> int:
    data = load_floors()
    drops: list[Drop] = []
    for name, entry in data["sets"].items():
        if only and name not in only:
            continue
        drops += check_metrics(name, run_entry(entry, shared)["metrics"], entry["metrics"])
    for drop in drops:
        print(drop, file=sys.stderr)
    return 1 if drops else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventwire.eval.gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="raise floors to the current scores")
    parser.add_argument("--allow-lower", action="store_true", help="with --update: also lower floors")
    parser.add_argument("--reason", help="why floors may go down (recorded in history)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--set", dest="only", action="append", help="only this gold set (repeatable)")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"error: shared data folder not found: {args.shared}", file=sys.stderr)
        return 2
    try:
        if args.update:
            return update(args.shared, args.allow_lower, args.reason, args.only)
        return check(args.shared, args.only)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
