"""The case2021 eval kind on a tiny invented sample (tests/data/eval/case2021/sample.tsv)."""

from __future__ import annotations

from pathlib import Path

from eventwire.eval import run_eval
from eventwire.eval.case2021 import label_for, mappable_labels
from eventwire.models import Event, Evidence

SAMPLE = Path(__file__).parent / "data" / "eval" / "case2021"


def test_sample_scores_by_hand():
    result = run_eval("case2021", SAMPLE)
    assert result["n"] == 5
    # four rows right; "exchanged fire" (ARMED_CLASH) is missed: accuracy 4/5, and macro-F1 over
    # the five gold classes is (1 + 1 + 1 + 1 + 0) / 5
    assert result["metrics"]["accuracy"] == 0.8
    assert result["metrics"]["macro_f1"] == 0.8
    assert 0.0 < result["metrics"]["accuracy"] < 1.0


def test_mapping_uses_type_mode_and_context():
    strike = Event("ASSAULT", "bombed", Evidence(0, 6, 0, 10), mode=["aerial"])
    assert label_for(strike, "Jets bombed the town.") == "AIR_STRIKE"
    arrest = Event("COERCE", "arrested", Evidence(0, 6, 0, 10), mode=["arrest"])
    assert label_for(arrest, "Police arrested five men.") == "ARREST"
    assert label_for(None, "An earthquake hit the region.") == "NATURAL_DISASTER"
    assert label_for(None, "Nothing of note.") == "OTHER"
    assert {"ATTACK", "DIPLO", "AGREEMENT", "PEACE_PROTEST"} <= mappable_labels()
