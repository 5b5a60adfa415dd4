"""Canonical events kept up to date as articles are stored, with counts reconciled, not summed."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.cluster import run_clustering
from eventwire.cluster.incremental import update_clustering
from eventwire.cluster.reconcile import reconcile, report_figures
from eventwire.cluster.score import bcubed
from eventwire.cluster.signatures import band_layout
from eventwire.options import Options


def _partition(conn) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT event_id, cluster_id FROM event_cluster_members")}


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory):
    """The bundled samples ingested one article per ingest call, as a feed would bring them."""
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.store import connect

    conn = connect(tmp_path_factory.mktemp("inc") / "news.db")
    reports = [ingest_items(conn, [doc], options=Options()) for doc in sample_documents()]
    assert len(reports) == 12
    return conn, reports


def test_every_mention_is_in_exactly_one_canonical_event_without_a_cluster_step(one_by_one):
    conn, _ = one_by_one
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert events > 50
    assert conn.execute("SELECT COUNT(*) FROM event_cluster_members").fetchone()[0] == events
    assert conn.execute("SELECT SUM(mentions) FROM event_clusters").fetchone()[0] == events


def test_the_wire_repost_is_found_and_its_reports_join_the_original_events(one_by_one):
    conn, reports = one_by_one
    last = reports[-1].clustering  # the repost comes last in file order
    assert last.duplicate_articles == 1 and last.joined > 0
    merged = conn.execute(
        "SELECT sources, articles FROM event_clusters ORDER BY mentions DESC LIMIT 1"
    ).fetchone()
    assert merged["articles"] == 2 and merged["sources"] == 1  # a re-post is not an independent source


def test_incremental_result_agrees_with_a_full_run(one_by_one, tmp_path):
    import shutil

    conn, _ = one_by_one
    incremental = _partition(conn)
    copy = tmp_path / "full.db"
    conn.execute("VACUUM INTO ?", (str(copy),))
    from eventwire.store import connect

    full_conn = connect(copy)
    run_clustering(full_conn)
    score = bcubed(incremental, _partition(full_conn))
    assert score.f1 >= 0.95, score
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_canonical_counts_are_the_lowest_report_figure_never_the_sum(one_by_one):
    conn, _ = one_by_one
    checked = 0
    for cluster in conn.execute("SELECT id, dead FROM event_clusters WHERE dead IS NOT NULL"):
        rows = conn.execute(
            "SELECT c.event_id, c.category, c.value FROM counts c JOIN event_cluster_members m"
            " ON m.event_id = c.event_id WHERE m.cluster_id = ?",
            (cluster["id"],),
        ).fetchall()
        per_report = [f["dead"] for f in report_figures(rows).values() if "dead" in f]
        assert cluster["dead"] == int(min(per_report)) and cluster["dead"] < sum(per_report) + 1
        checked += 1
    assert checked >= 1


def test_re_extracted_articles_leave_no_stale_canonical_event(one_by_one):
    conn, _ = one_by_one
    article = conn.execute(
        "SELECT article_id FROM events GROUP BY article_id ORDER BY COUNT(*) DESC"
    ).fetchone()[0]
    conn.execute("DELETE FROM events WHERE article_id = ?", (article,))  # what re-extraction does first
    update_clustering(conn)
    events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert conn.execute("SELECT SUM(mentions) FROM event_clusters").fetchone()[0] == events
    assert (
        conn.execute(
            "SELECT COUNT(*) FROM event_clusters c WHERE NOT EXISTS"
            " (SELECT 1 FROM event_cluster_members m WHERE m.cluster_id = c.id)"
        ).fetchone()[0]
        == 0
    )


def test_clustering_can_be_left_for_later(conn):
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents

    doc = next(iter(sample_documents()))
    report = ingest_items(conn, [doc], options=Options(cluster=False))
    assert report.stored and report.clustering is None
    assert conn.execute("SELECT COUNT(*) FROM event_clusters").fetchone()[0] == 0


def test_reconcile_takes_each_reports_largest_figure_and_the_lowest_across_reports():
    figures = report_figures([("a", "dead", 12), ("a", "dead", 15), ("b", "dead", 12), ("c", "injured", 3)])
    assert figures == {"a": {"dead": 15}, "b": {"dead": 12}, "c": {"injured": 3}}
    assert reconcile(["a", "b", "c"], figures) == {"dead": 12, "injured": 3, "arrested": None, "size": None}


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.5, 128), (0.8, 128), (0.3, 64)])
def test_lsh_bands_find_pairs_at_the_threshold(threshold, num_perm):
    bands, rows = band_layout(threshold, num_perm)
    assert bands * rows <= num_perm
    # The probability that a pair at exactly the threshold shares a band is at least one half.
    assert 1 - (1 - threshold**rows) ** bands >= 0.5
    assert np.isfinite(bands) and rows >= 1
