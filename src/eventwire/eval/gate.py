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
        return (
            f"{self.gold_set}: {self.metric} = {shown}, below its floor {self.floor:.3f} (epsilon {EPSILON})"
        )


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


def check_metrics(
    gold_set: str, metrics: dict[str, Any], floors: dict[str, float], epsilon: float = EPSILON
) -> list[Drop]:
    """Every metric that fell more than ``epsilon`` below its floor (or above its ceiling)."""
    drops = []
    for metric, floor in floors.items():
        score = metrics.get(metric)
        if score is None:
            drops.append(Drop(gold_set, metric, None, floor))
        elif lower_is_better(metric) and score > floor + epsilon:
            drops.append(Drop(gold_set, metric, score, floor))
        elif not lower_is_better(metric) and score < floor - epsilon:
            drops.append(Drop(gold_set, metric, score, floor))
    return drops


_NOT_GATED = ("_tp", "_fp", "_fn", "_n", "_gold", "_predicted", "_km")


def gateable(metric: str, value: Any) -> bool:
    """Rates in [0, 1] and violation counts; not raw counts, sizes or distances."""
    if lower_is_better(metric):
        return isinstance(value, int | float)
    return isinstance(value, float) and 0.0 <= value <= 1.0 and not metric.endswith(_NOT_GATED)


def updated_floors(
    old: dict[str, float], metrics: dict[str, Any], allow_lower: bool
) -> tuple[dict, list[str]]:
    """New floors from current scores; returns them and the metrics that would have to go DOWN.

    A set whose ``metrics`` is empty adopts every gateable metric the kind reports (first run).
    """
    if not old:
        old = {
            name: (math.inf if lower_is_better(name) else 0.0)
            for name, v in metrics.items()
            if gateable(name, v)
        }
    new, lowered = dict(old), []
    for metric, floor in old.items():
        score = metrics.get(metric)
        if score is None:
            continue
        candidate = int(score) if lower_is_better(metric) else floor_down(float(score))
        worse = candidate > floor if lower_is_better(metric) else candidate < floor
        if worse:
            lowered.append(f"{metric}: {floor} -> {candidate}")
            if not allow_lower:
                continue
        new[metric] = candidate
    return new, lowered


def kind_available(kind: str) -> bool:
    """False while a kind's module hasn't been written yet (the gate then skips its sets)."""
    import importlib.util

    from . import KIND_MODULES

    return (
        kind in KIND_MODULES and importlib.util.find_spec(f"{__package__}.{KIND_MODULES[kind]}") is not None
    )


def entry_path(entry: dict[str, Any], shared: Path) -> Path:
    """Where a set's gold data is: in the shared folder (default) or, with ``"root": "repo"``, in the repo."""
    return (REPO if entry.get("root") == "repo" else shared) / entry["path"]


def run_entry(entry: dict[str, Any], shared: Path) -> dict[str, Any]:
    from . import run_eval

    return run_eval(entry["kind"], entry_path(entry, shared), limit=entry.get("limit"))


def update(
    shared: Path,
    allow_lower: bool = False,
    reason: str | None = None,
    only: list[str] | None = None,
    floors_file: Path = FLOORS_FILE,
) -> int:
    """Re-run the gold sets and raise floors; refuse to lower any unless allowed with a reason."""
    if allow_lower and not (reason or "").strip():
        raise EvalError('--allow-lower needs --reason "why the floor may go down"')
    data = load_floors(floors_file)
    refused: list[str] = []
    for name, entry in data["sets"].items():
        if (only and name not in only) or not _runnable(name, entry):
            continue
        metrics = run_entry(entry, shared)["metrics"]
        entry["metrics"], lowered = updated_floors(entry["metrics"], metrics, allow_lower)
        if lowered and allow_lower:
            data.setdefault("history", []).append(
                {"date": dt.date.today().isoformat(), "set": name, "lowered": lowered, "reason": reason}
            )
        refused += [f"{name}: {line}" for line in lowered if not allow_lower]
        print(f"{name}: {json.dumps(entry['metrics'])}")
    save_floors(data, floors_file)
    for line in refused:
        print(f"refused to lower {line} (use --allow-lower --reason ...)", file=sys.stderr)
    return 1 if refused else 0


def _runnable(name: str, entry: dict[str, Any]) -> bool:
    if kind_available(entry["kind"]):
        return True
    print(f"{name}: skipped, eval kind {entry['kind']!r} is not implemented yet", file=sys.stderr)
    return False


def check(shared: Path, only: list[str] | None = None, floors_file: Path = FLOORS_FILE) -> int:
    data = load_floors(floors_file)
    drops: list[Drop] = []
    for name, entry in data["sets"].items():
        if (only and name not in only) or not _runnable(name, entry):
            continue
        metrics = run_entry(entry, shared)["metrics"]
        drops += check_metrics(name, metrics, entry["metrics"], data.get("epsilon", EPSILON))
    for drop in drops:
        print(drop, file=sys.stderr)
    return 1 if drops else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.eval.gate", description=__doc__.split("\n\n")[0]
    )
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
