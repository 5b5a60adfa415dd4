"""Near-duplicate articles: MinHash/LSH over word shingles, one canonical article per group."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("datasketch")

from eventwire.cluster import ArticleText, ClusterSettings, find_duplicates, shingles  # noqa: E402
from eventwire.cluster.evaluate import read_articles  # noqa: E402

DATA = Path(__file__).parent / "data" / "cluster"


def cleaned_samples() -> list[ArticleText]:
    from eventwire.clean import clean_document
    from eventwire.pipeline.samples import sample_documents

    out = []
    for raw in sample_documents():
        article = clean_document(raw)
        out.append(ArticleText(raw.source.split("/")[-1], article.text, article.published))
    return out


def test_shingles():
    assert shingles("The cat sat on the mat today", 5) == {
        "the cat sat on the",
        "cat sat on the mat",
        "sat on the mat today",
    }
    assert shingles("Too short", 5) == {"too short"}
    assert shingles("", 5) == set()


def test_the_bundled_repost_is_the_only_near_duplicate_pair():
    members = find_duplicates(cleaned_samples(), ClusterSettings.load())
    assert {m.article_id for m in members} == {
        "ukraine_kharkiv_strike.txt",
        "ukraine_kharkiv_strike_repost.txt",
    }
    (canonical,) = {m.canonical_id for m in members}
    assert canonical == "ukraine_kharkiv_strike.txt"  # published first
    repost = next(m for m in members if m.article_id != canonical)
    assert 0.6 <= repost.similarity <= 0.95  # 5-word-shingle Jaccard of the cleaned texts ≈ 0.77


def test_wire_reposts_in_the_labelled_set_and_nothing_else():
    arts = [
        ArticleText(k, v["text"], v["published"]) for k, v in read_articles(DATA / "articles.jsonl").items()
    ]
    members = find_duplicates(arts, ClusterSettings.load())
    groups = {}
    for m in members:
        groups.setdefault(m.canonical_id, set()).add(m.article_id)
    # same-topic stories by other outlets (i1-local, i6-ngo) are not duplicates
    assert groups == {"i1-wire": {"i1-wire", "i1-blog"}, "i6-wire": {"i6-wire", "i6-repost"}}


def test_canonical_is_earliest_then_longest():
    body = " ".join(f"word{i}" for i in range(200))
    arts = [
        ArticleText("late", body, "2024-01-03"),
        ArticleText("long", body + " extra words here", "2024-01-02"),
        ArticleText("short", body, "2024-01-02"),
        ArticleText("undated", body + " more more more more", None),
        ArticleText("other", " ".join(f"term{i}" for i in range(200)), "2024-01-01"),
    ]
    members = find_duplicates(arts, ClusterSettings.load())
    assert {m.canonical_id for m in members} == {"long"}
    assert sorted(m.article_id for m in members) == ["late", "long", "short", "undated"]
