"""The ``extraction`` eval kind: the shingle metric by hand, then the kind on a tiny repo sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EvalError
from eventwire.eval import run_eval
from eventwire.eval.extraction import doc_counts, load_pages, naive_text, shingle_scores, shingles

DATA = Path(__file__).resolve().parent / "data" / "eval" / "extraction"


def test_shingles_are_a_multiset_of_four_tokens() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert sum(shingles("x x x x x x").values()) == 3
    assert shingles("too short") == {("too", "short"): 1}
    assert not shingles("")


def test_document_counts_are_normalised() -> None:
    # predicted shingles {abcd, bcde}; gold {abcd, bcdf}: one of each kind, a third each
    assert doc_counts("a b c d e", "a b c d f") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert doc_counts("", "") == (1.0, 0.0, 0.0)
    assert doc_counts("", "w x y z") == (0.0, 0.0, 1.0)


def test_scores_from_averaged_counts_by_hand() -> None:
    # doc 1: (1/3, 1/3, 1/3); doc 2 exact: (1, 0, 0) -> averages tp 2/3, fp 1/6, fn 1/6
    scores = shingle_scores([("a b c d e", "a b c d f"), ("w, x y-z!", "w x y z")], prefix="s_")
    assert scores["s_precision"] == pytest.approx(0.8)
    assert scores["s_recall"] == pytest.approx(0.8)
    assert scores["s_f1"] == pytest.approx(0.8)
    assert scores["s_accuracy"] == 0.5


def test_naive_text_keeps_everything_but_markup() -> None:
    html = (
        "<html><head><style>p{}</style><script>var x=1;</script></head><body><nav>Home</nav>"
        "<p>One &amp; two</p><p>Three<br>four</p><!-- hidden --></body></html>"
    )
    assert naive_text(html) == "Home\nOne & two\nThree\nfour"


def test_extraction_kind_on_the_repo_sample() -> None:
    result = run_eval("extraction", DATA)
    m = result["metrics"]
    assert result["n"] == 2
    # bridge-reopens: exact; library-fire: the gold keeps the headline, which we move to metadata,
    # and we keep the "Stay informed" line that the gold drops
    assert m["eventwire_accuracy"] == 0.5
    assert 0 < m["eventwire_f1"] < 1 and 0 < m["eventwire_recall"] < 1
    assert 0 < m["trafilatura_f1"] < 1
    for name in (
        "eventwire_precision",
        "trafilatura_precision",
        "trafilatura_recall",
        "trafilatura_accuracy",
        "noisy_eventwire_f1",
        "noisy_baseline_f1",
    ):
        assert 0 <= m[name] <= 1


def test_limit_and_bad_layout() -> None:
    assert len(load_pages(DATA, limit=1)) == 1
    with pytest.raises(EvalError, match="not an extraction gold set"):
        run_eval("extraction", DATA / "html")
