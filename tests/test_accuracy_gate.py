"""The accuracy gate: no gold set may fall below its floor in accuracy/floors.json.

The gold sets live in the ``shared`` folder beside the repository; without it the gate is skipped.
Run only the gate with ``pytest -m gate``; raise floors with ``python -m eventwire.eval.gate --update``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eventwire.errors import EvalError
from eventwire.eval import run_eval
from eventwire.eval.gate import (
    FLOORS_FILE,
    check_metrics,
    entry_path,
    floor_down,
    kind_available,
    load_floors,
    update,
    updated_floors,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPO_SAMPLES = Path(__file__).resolve().parent / "data" / "eval"
FLOORS = load_floors(FLOORS_FILE)


@pytest.mark.gate
@pytest.mark.parametrize("name", sorted(FLOORS["sets"]))
def test_gold_set_stays_above_its_floors(name: str) -> None:
    entry = FLOORS["sets"][name]
    if entry.get("root") != "repo" and not SHARED.is_dir():
        pytest.skip(f"shared gold data not found at {SHARED}; the accuracy gate needs it")
    if not kind_available(entry["kind"]):
        pytest.skip(f"eval kind {entry['kind']!r} is not implemented yet")
    if not entry["metrics"]:
        pytest.skip(f"{name} has no floors yet: run python -m eventwire.eval.gate --update --set {name}")
    result = run_eval(entry["kind"], entry_path(entry, SHARED), limit=entry.get("limit"))
    drops = check_metrics(name, result["metrics"], entry["metrics"], FLOORS.get("epsilon", 0.005))
    assert not drops, "accuracy fell below its floor:\n" + "\n".join(str(d) for d in drops)


# --- the gate's own logic (fast, no gold data needed) ------------------------------------------


def test_floors_file_is_well_formed() -> None:
    for name, entry in FLOORS["sets"].items():
        assert {"kind", "path", "limit", "metrics"} <= set(entry), name
        assert not Path(entry["path"]).is_absolute(), name
    kinds = {e["kind"] for e in FLOORS["sets"].values()}
    assert {
        "annotated",
        "extraction",
        "plover",
        "case2021",
        "polnear",
        "geowebnews",
        "event-location",
        "meantime",
        "relevance-dev",
        "relevance-heldout",
    } <= kinds


def test_floor_down_never_rounds_up() -> None:
    assert floor_down(0.95789) == 0.957
    assert floor_down(0.3) == 0.3
    assert floor_down(1.0) == 1.0


def test_check_metrics_uses_epsilon_and_ceilings() -> None:
    floors = {"f1": 0.8, "forbidden_event_violations": 0}
    assert check_metrics("s", {"f1": 0.796, "forbidden_event_violations": 0}, floors) == []
    drops = check_metrics("s", {"f1": 0.79, "forbidden_event_violations": 1}, floors)
    assert [d.metric for d in drops] == ["f1", "forbidden_event_violations"]
    assert "f1 = 0.7900, below its floor 0.800" in str(drops[0])
    assert check_metrics("s", {}, {"f1": 0.8})[0].score is None


def test_updated_floors_raise_but_refuse_to_lower() -> None:
    new, lowered = updated_floors(
        {"f1": 0.8, "recall": 0.9}, {"f1": 0.8567, "recall": 0.85}, allow_lower=False
    )
    assert new == {"f1": 0.856, "recall": 0.9} and lowered == ["recall: 0.9 -> 0.85"]
    new, _ = updated_floors({"recall": 0.9}, {"recall": 0.85}, allow_lower=True)
    assert new == {"recall": 0.85}
    adopted, _ = updated_floors(
        {}, {"f1": 0.5, "f1_tp": 3, "median_km": 0.2, "x_violations": 2}, allow_lower=False
    )
    assert adopted == {"f1": 0.5, "x_violations": 2}


def test_update_rewrites_the_file_and_records_lowering(tmp_path: Path) -> None:
    floors_file = tmp_path / "floors.json"
    entry = {
        "kind": "extraction",
        "path": "extraction",
        "limit": None,
        "metrics": {"eventwire_f1": 0.999, "eventwire_accuracy": 0.1},
    }
    floors_file.write_text(json.dumps({"sets": {"tiny": entry}, "history": []}))
    shutil.copytree(REPO_SAMPLES / "extraction", tmp_path / "shared" / "extraction")
    score = run_eval("extraction", REPO_SAMPLES / "extraction")["metrics"]["eventwire_f1"]

    assert update(tmp_path / "shared", floors_file=floors_file) == 1  # refuses to lower f1
    data = json.loads(floors_file.read_text())
    assert data["sets"]["tiny"]["metrics"] == {"eventwire_f1": 0.999, "eventwire_accuracy": 0.5}
    assert data["history"] == []

    with pytest.raises(EvalError, match="--reason"):
        update(tmp_path / "shared", allow_lower=True, floors_file=floors_file)
    assert update(tmp_path / "shared", allow_lower=True, reason="new sample", floors_file=floors_file) == 0
    data = json.loads(floors_file.read_text())
    assert data["sets"]["tiny"]["metrics"]["eventwire_f1"] == floor_down(score)
    assert data["history"][0]["reason"] == "new sample" and data["history"][0]["set"] == "tiny"
