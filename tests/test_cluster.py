"""Event clustering: the scorers on a hand-computed toy, the clusterer on the labelled set, the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cluster import ClusterSettings, Mention, bcubed, canonical_event, cluster_mentions, pairwise
from eventwire.cluster.evaluate import (
    baselines,
    evaluate_mentions,
    mentions_from_labels,
    read_articles,
    read_labels,
)

DATA = Path(__file__).parent / "data" / "cluster"


def test_scorers_on_a_hand_computed_toy():
    # gold: {a, b, c} {d, e}; predicted: {a, b} {c, d, e}
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    # pairs predicted: ab, cd, ce, de (4); gold pairs: ab, ac, bc, de (4); both: ab, de (2)
    p = pairwise(pred, gold)
    assert (p.precision, p.recall, p.f1) == (0.5, 0.5, 0.5)
    # BCubed precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
    # BCubed recall per item:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15
    b = bcubed(pred, gold)
    assert b.precision == pytest.approx(11 / 15) and b.recall == pytest.approx(11 / 15)
    assert b.f1 == pytest.approx(11 / 15)
    # all singletons: pairwise recall 0 (F1 0), BCubed precision 1
    singles = {k: k for k in gold}
    assert pairwise(singles, gold).f1 == 0.0 and bcubed(singles, gold).precision == 1.0
    with pytest.raises(ValueError):
        pairwise({"a": 1}, gold)


def labelled():
    labels = read_labels(DATA / "labels.tsv")
    mentions = mentions_from_labels(labels, read_articles(DATA / "articles.jsonl"))
    return mentions, {row["article"]: row["incident"] for row in labels}


def test_labelled_set_shape():
    mentions, gold = labelled()
    incidents = [g for g in set(gold.values()) if g.startswith("I")]
    assert len(incidents) >= 5 and len(set(gold.values()) - set(incidents)) >= 5
    sizes = [list(gold.values()).count(i) for i in incidents]
    assert all(2 <= n <= 4 for n in sizes)
    assert len({m.outlet for m in mentions}) >= 10


def test_clustering_recovers_the_labelled_incidents_and_beats_baselines():
    mentions, gold = labelled()
    scores = evaluate_mentions(mentions, gold, ClusterSettings.load())
    base = baselines(gold)
    for metric in ("pairwise", "bcubed"):
        assert scores[metric]["f1"] > base["all_singletons"][metric]["f1"]
        assert scores[metric]["f1"] > base["all_in_one"][metric]["f1"]
    # on clean hand-coded events every incident and distractor is told apart
    assert scores["bcubed"]["f1"] == 1.0, scores


def test_distractors_are_split_by_place_actor_and_date():
    mentions, _ = labelled()
    by_article = {m.article_id: m for m in mentions}
    s = ClusterSettings.load()
    groups = cluster_mentions([by_article[a] for a in ("i1-wire", "i1-local", "d1-wire")], s)
    assert sorted(len(g) for g in groups) == [1, 2]  # Odesa is 180 km from Izmail
    groups = cluster_mentions([by_article[a] for a in ("i4-wire", "d4-wire")], s)
    assert len(groups) == 2  # EU vs UK sanctions: different source countries
    # a looser date window alone doesn't merge them; a tight one splits late reports off
    late = Mention(
        **{**by_article["i6-wire"].__dict__, "id": "late", "article_id": "late", "date": "2024-05-20"}
    )
    assert len(cluster_mentions([by_article["i6-wire"], late], s)) == 2
    assert len(cluster_mentions([by_article["i6-wire"], late], s.with_(date_window_days=10))) == 1


def test_threats_never_merge_with_the_act():
    a = Mention(
        id="a", article_id="A", type="ASSAULT", source_country="RUS", target_country="UKR", date="2024-01-01"
    )
    b = Mention(
        id="b",
        article_id="B",
        type="ASSAULT",
        source_country="RUS",
        target_country="UKR",
        date="2024-01-01",
        modality="future",
    )
    assert len(cluster_mentions([a, b])) == 2
    # and mentions agreeing on nothing but type and date stay apart (min_evidence)
    c, d = (Mention(id=x, article_id=x.upper(), type="PROTEST", date="2024-01-01") for x in "cd")
    assert len(cluster_mentions([c, d])) == 2


def test_independent_sources_and_confidence():
    s = ClusterSettings.load()
    base = dict(type="ASSAULT", source_country="RUS", target_country="UKR", date="2024-01-01", confidence=0.5)
    members = [
        Mention(id="1", article_id="A", outlet="Wire", duplicate_group="dup-A", **base),
        Mention(id="2", article_id="B", outlet="Blog", duplicate_group="dup-A", **base),  # re-post of A
        Mention(id="3", article_id="A2", outlet="wire", **base),  # same outlet, other article
        Mention(id="4", article_id="C", outlet="Local", **base),
    ]
    ev = canonical_event(members, s)
    assert (ev.mentions, ev.articles, ev.sources) == (4, 4, 2)
    assert ev.confidence == pytest.approx(1 - 0.5 * 0.5)
    members.append(Mention(id="5", article_id="D", outlet="Other", **base))
    assert canonical_event(members, s).confidence == pytest.approx(1 - 0.5**3)
    assert canonical_event(members * 10, s.with_(max_confidence=0.8)).confidence == 0.8


def test_settings_are_data_and_hashed():
    s = ClusterSettings.load()
    assert s.date_window_days == 3 and s.weights["place"] == 1.5
    assert s.params_hash() != s.with_(threshold=0.9).params_hash()
    with pytest.raises(ValueError):
        s.with_(no_such_setting=1)


# -- in the store, and through the CLI ---------------------------------------------------------------


def labelled_store(path):
    """The labelled articles stored with one hand-built event each (no NLP involved)."""
    from eventwire.models import Actor, Article, Event, Evidence, Extraction, Place, TimeRef
    from eventwire.store import connect, save_article

    conn = connect(path)
    articles = read_articles(DATA / "articles.jsonl")
    for m in labelled()[0]:
        art = articles[m.article_id]
        text = art["text"]
        first = text.split("\n")[0]
        source = Actor(
            text=m.source_name or "", name=m.source_name or "", start=0, end=1, country=m.source_country
        )
        target = (
            Actor(text=m.target_name, name=m.target_name, start=0, end=1, country=m.target_country)
            if m.target_name
            else None
        )
        place = (
            Place(
                text=m.place_name,
                name=m.place_name,
                start=0,
                end=1,
                country=m.place_country,
                lat=m.lat,
                lon=m.lon,
            )
            if m.place_name
            else None
        )
        when = (
            TimeRef(text="Tuesday", start=0, end=1, value=m.date, precision="day", resolved=True)
            if m.date
            else None
        )
        event = Event(
            type=m.type,
            trigger="x",
            evidence=Evidence(0, 1, 0, len(first)),
            source=source,
            target=target,
            location=place,
            date=when,
            confidence=0.6,
        )
        article = Article(
            id=m.article_id,
            text=text,
            outlet=art["outlet"],
            published=art["published"],
            url=art["url"],
            meta={"external_id": m.article_id},
        )
        save_article(conn, article, Extraction(events=[event]), version="test", config_hash="test")
    return conn


def test_run_clustering_stores_canonical_events_and_is_reversible(tmp_path):
    pytest.importorskip("datasketch")
    from eventwire.cluster import run_clustering
    from eventwire.cluster.evaluate import evaluate_store
    from eventwire.query.canonical import (
        clustering_status,
        count_canonical_events,
        get_canonical_event,
        list_canonical_events,
    )
    from eventwire.query.records import EventFilter, list_events

    conn = labelled_store(tmp_path / "c.db")
    assert clustering_status(conn) is None
    result = run_clustering(conn)
    assert (result.events, result.clusters, result.duplicate_groups) == (23, 12, 2)
    scores, _ = evaluate_store(conn, read_labels(DATA / "labels.tsv"))
    assert scores["bcubed"]["f1"] == 1.0

    i6 = get_canonical_event(conn, "i6-wire:e0")  # found through one of its mentions
    assert (i6["mentions"], i6["articles"], i6["sources"]) == (3, 3, 2)  # the repost is not independent
    assert {m["duplicate_of"] for m in i6["mentions_list"]} == {None, "i6-wire"}
    assert i6["place_name"] == "El Fasher" and i6["date_first"] == "2024-05-11"
    assert get_canonical_event(conn, i6["id"][:10])["id"] == i6["id"]

    rows = list_canonical_events(conn, EventFilter(types=["ASSAULT"], country="SDN"))
    assert sorted(r["mentions"] for r in rows) == [1, 3]
    assert count_canonical_events(conn, EventFilter(types=["SANCTION"])) == 2
    mentions = list_events(conn, EventFilter(article="i6-ngo"))
    assert mentions[0]["cluster_id"] == i6["id"] and mentions[0]["cluster_sources"] == 2
    assert list_canonical_events(conn, EventFilter(sort="-mentions", limit=1))[0]["mentions"] == 3

    # a re-run with other settings replaces the clustering: a zero-day window splits late reports
    again = run_clustering(conn, result_settings := ClusterSettings.load().with_(date_window_days=0))
    assert again.clusters > result.clusters
    assert conn.execute("SELECT COUNT(*) FROM event_cluster_members").fetchone()[0] == 23
    status = clustering_status(conn)
    assert status["params_hash"] == result_settings.params_hash() and status["unclustered"] == 0


def test_cli_events_canonical_by_default_mentions_on_request(tmp_path, capsys):
    pytest.importorskip("datasketch")
    import json

    from eventwire.cli.main import main

    db = str(tmp_path / "c.db")
    labelled_store(db).close()
    assert main(["events", "--db", db, "--json", "--limit", "100"]) == 0
    out = capsys.readouterr()
    assert "no canonical events in this store yet" in out.err and len(json.loads(out.out)) == 23

    assert main(["cluster", "--db", db, "--date-window", "3"]) == 0
    assert "23 event mention(s) → 12 canonical event(s)" in capsys.readouterr().out
    assert main(["events", "--db", db, "--json", "--limit", "100"]) == 0
    canonical = json.loads(capsys.readouterr().out)
    assert len(canonical) == 12 and sum(r["reports"] for r in canonical) == 23
    assert main(["events", "--db", db, "--json", "--mentions", "--limit", "100"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 23

    fasher = next(r for r in canonical if r["place_name"] == "El Fasher")
    assert main(["event", fasher["id"], "--db", db, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert sorted(m["article_id"] for m in shown["mentions_list"]) == ["i6-ngo", "i6-repost", "i6-wire"]
