"""The ``polnear`` eval kind on a tiny invented sample laid out like PolNeAR (tests/data/eval/polnear).

The sample (two invented articles) holds 7 gold attributions, 5 of them with quotation marks. By hand:
the pipeline finds 6 of them (all correct), among them the label "Critics called the plan
“short-sighted.”" (a mixed quote: object and quoted label), and misses "Haddad believes the port
authority is “stalling.”" (belief verbs are not cues for indirect speech, and a one-word quotation
with no speech cue is a scare quote). The opening quotation of the port article has no cue we can
find, so its speaker is missing: 5 of the 6 matched speakers are right.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import run_eval
from eventwire.eval.polnear import Attribution, gold_docs, jaccard, match, read_ann, source_offsets
from eventwire.pipeline import process_text

SAMPLE = Path(__file__).parent / "data" / "eval" / "polnear"
SHARED_QUOTES = Path(__file__).resolve().parents[2] / "shared" / "gold" / "quotes"


@pytest.fixture(scope="module")
def sample_result(nlp):
    return run_eval("polnear", SAMPLE)


def test_sample_counts_and_hand_computed_values(sample_result):
    m = sample_result["metrics"]
    assert sample_result["n"] == 2
    assert (m["all_tp"], m["all_fp"], m["all_fn"]) == (6, 0, 1)
    assert m["all_recall"] == pytest.approx(6 / 7, abs=1e-4)
    assert m["all_f1"] == pytest.approx(12 / 13, abs=1e-4)
    assert m["direct_recall"] == pytest.approx(4 / 5)
    assert m["speaker_accuracy"] == pytest.approx(5 / 6, abs=1e-4)


def test_sample_metrics_strictly_between_zero_and_one(sample_result):
    m = sample_result["metrics"]
    for name in ("all_f1", "direct_f1", "speaker_accuracy", "speaker_exact"):
        assert 0.0 < m[name] < 1.0, name


def test_first_annotator_file_is_used():
    docs = {d.name: d for d in gold_docs(SAMPLE)}
    port = docs["port-daily_2024-03-07_dock-strike"]
    assert port.ann.name.endswith("_aaaa.ann")
    assert port.published == "2024-03-07"
    gold = read_ann(port.ann, port.text)
    assert len(gold) == 4
    assert [g.direct for g in gold] == [True, False, True, True]
    assert len(gold[2].content) == 2  # a discontinuous Content around the cue


def test_jaccard_and_one_to_one_matching():
    a = Attribution([(0, 10)], True)
    b = Attribution([(5, 15)], True)
    c = Attribution([(0, 9)], True)
    assert jaccard(a, b) == pytest.approx(5 / 15)
    assert match([a], [b]) == []  # below 0.5
    assert match([a, c], [c]) == [(1, 0)]  # the better overlap wins, one gold used once


def test_offsets_map_back_through_whitespace_normalisation(nlp):
    raw = "Title  line\n\n  Mayor\u00a0Lena Ortiz   said the ferry  will stop.\n"
    processed = process_text(raw, published="2024-03-05")
    mapping = source_offsets(raw, processed.article)
    text = processed.article.text
    assert len(mapping) == len(text)
    for i, char in enumerate(text):
        if char not in " \n":
            assert raw[mapping[i]] == char


def test_dev_split_runs_when_shared_data_present(nlp):
    if not SHARED_QUOTES.is_dir():
        pytest.skip(f"PolNeAR dev data not found at {SHARED_QUOTES}")
    result = run_eval("polnear", SHARED_QUOTES, limit=2)
    assert result["n"] == 2
    assert 0.0 < result["metrics"]["all_f1"] < 1.0
