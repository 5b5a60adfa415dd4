"""The meantime eval kind on a tiny invented CAT XML sample (tests/data/eval/meantime/)."""

from __future__ import annotations

from pathlib import Path

from eventwire.eval import run_eval
from eventwire.eval.meantime import read_corpus

DATA = Path(__file__).resolve().parent / "data" / "eval" / "meantime"


def test_reader_rebuilds_text_and_skips_creation_time_and_empty_timexes():
    (doc,) = read_corpus(DATA)
    assert doc.published == "2010-03-03"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "Tuesday",
        "last year",
        "the end of the decade",
        "the spring",
    ]


def test_meantime_sample(nlp):
    metrics = run_eval("meantime", DATA)["metrics"]
    assert metrics["n_gold_timexes"] == 4
    # "the spring" (2010-SP) is a season we do not normalise: 3 of 4 values are right.
    assert metrics["value_accuracy"] == 0.75
    assert 0 < metrics["value_accuracy"] < 1
