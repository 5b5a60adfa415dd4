"""The plover eval kind on a tiny invented sample (tests/data/eval/plover/sample.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import run_eval
from eventwire.eval.plover import gold_codes, gold_type, location_matches, pick_event, size_magnitude
from eventwire.models import Event, Evidence

SAMPLE = Path(__file__).parent / "data" / "eval" / "plover"


@pytest.fixture(scope="module")
def result():
    return run_eval("plover", SAMPLE)


def test_scores_every_record_and_is_neither_perfect_nor_zero(result):
    assert result["n"] == 4
    # the delegations sentence has no trigger we know: 3 of 4 types right, computed by hand
    assert result["metrics"]["event_type_accuracy"] == 0.75
    assert 0.0 < result["metrics"]["event_type_macro_f1"] < 1.0
    assert result["metrics"]["n_no_event"] == 1


def test_legacy_codes_and_labels_are_mapped(result):
    # Japan is coded with the legacy CAMEO code JAP in the sample; DISAPPROVE is ACCUSE; the
    # protesters Brazilian police arrest are coded BRA, as the GSR codes a state's domestic targets
    assert gold_codes([{"code": "JAP"}]) == {"JPN"}
    assert gold_type("DISAPPROVE") == "ACCUSE"
    assert gold_type("FIGHT") == "ASSAULT"
    assert result["metrics"]["source_country_f1"] == 1.0
    assert result["metrics"]["target_country_f1"] == 1.0


def test_fields_absent_from_every_record_are_none(result):
    assert result["metrics"]["dead_match"] is None
    assert result["metrics"]["n_with_location"] == 1


def test_helpers():
    assert size_magnitude("Tens of thousands") == 4
    assert size_magnitude("200") == 2
    assert size_magnitude("group") is None
    assert location_matches("Rafah", "town of Rafah")
    assert not location_matches("Gaza", "Rafah")
    ev = [
        Event("ASSAULT", "shelled", Evidence(0, 7, 0, 20), confidence=0.4),
        Event("ACCUSE", "accused", Evidence(30, 37, 20, 40), confidence=0.9),
    ]
    assert pick_event(ev, "shelled").type == "ASSAULT"
    assert pick_event([], "x") is None


def test_a_file_that_is_not_json_lines_is_one_clear_error(tmp_path):
    from eventwire.errors import EvalError

    bad = tmp_path / "gold.tsv"
    bad.write_text('{"id": "1", "text": "ok"}\nsentence_id\ttext\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold.tsv:2: not a JSON record"):
        run_eval("plover", bad)
