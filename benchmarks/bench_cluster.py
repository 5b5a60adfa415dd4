"""Event clustering quality on the labelled set (tests/data/cluster), and clustering speed.

    .venv/bin/python benchmarks/bench_cluster.py [--synthetic 20000]

1. full pipeline: ingest articles.jsonl (clean, parse, extract), run dedupe + clustering, score
   each labelled article's event's canonical event against the gold incidents;
2. oracle events: the same clustering on the hand-coded events of labels.tsv (clustering alone);
3. baselines: all singletons, all in one cluster;
4. speed: clustering N synthetic mentions (pure function, no store).
Prints pairwise and BCubed precision / recall / F1.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "cluster"


def row(name: str, scores: dict) -> str:
    p, b = scores["pairwise"], scores["bcubed"]
    return (
        f"| {name} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} | "
        f"{b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} |"
    )


def synthetic(n: int):
    from eventwire.cluster import Mention

    rnd = random.Random(7)
    countries = ["UKR", "RUS", "SDN", "KEN", "PHL", "CHN", "COL", "ISR", "IRN", "USA"]
    types = ["ASSAULT", "PROTEST", "COERCE", "CONSULT", "ACCUSE"]
    start = date(2024, 1, 1)
    out = []
    for i in range(n):
        incident = rnd.randrange(n // 3)
        r = random.Random(incident)
        day = start + timedelta(days=r.randrange(365) + rnd.choice([0, 0, 1]))
        out.append(
            Mention(
                id=f"m{i}",
                article_id=f"a{i}",
                type=types[r.randrange(5)],
                source_country=r.choice(countries),
                target_country=r.choice(countries),
                lat=r.uniform(-30, 60),
                lon=r.uniform(-80, 120),
                date=day.isoformat(),
                outlet=f"outlet{rnd.randrange(50)}",
            )
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=20000)
    args = ap.parse_args()

    from eventwire.cluster import ClusterSettings, cluster_mentions, run_clustering
    from eventwire.cluster.evaluate import (
        baselines,
        evaluate_mentions,
        evaluate_store,
        mentions_from_labels,
        read_articles,
        read_labels,
    )
    from eventwire.pipeline.ingest import ingest_paths
    from eventwire.store import connect

    settings = ClusterSettings.load()
    labels = read_labels(DATA / "labels.tsv")
    gold = {r["article"]: r["incident"] for r in labels}
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        report = ingest_paths(conn, [str(DATA / "articles.jsonl")])
        t1 = time.perf_counter()
        result = run_clustering(conn, settings)
        t2 = time.perf_counter()
        pipeline_scores, chosen = evaluate_store(conn, labels)
        typed = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    oracle = evaluate_mentions(
        mentions_from_labels(labels, read_articles(DATA / "articles.jsonl")), gold, settings
    )
    base = baselines(gold)

    print(
        f"{len(report.stored)} articles ingested in {t1 - t0:.1f} s, {typed} event mentions; "
        f"{result.summary()}"
    )
    print(f"clustering the store took {t2 - t1:.2f} s")
    missing = [a for a, e in chosen.items() if e is None]
    print(f"labelled articles with no extracted event: {len(missing)} {missing}")
    print(
        f"\nsettings {settings.params_hash()}: window {settings.date_window_days} d, threshold "
        f"{settings.threshold}, "
        f"place_max_km {settings.place_max_km}; {len(gold)} articles, {len(set(gold.values()))} incidents\n"
    )
    print("| clustering | pairwise P | pairwise R | pairwise F1 | BCubed P | BCubed R | BCubed F1 |")
    print("|---|---|---|---|---|---|---|")
    print(row("full pipeline (extracted events)", pipeline_scores))
    print(row("oracle events (labels.tsv)", oracle))
    print(row("baseline: all singletons", base["all_singletons"]))
    print(row("baseline: all in one", base["all_in_one"]))

    if args.synthetic:
        mentions = synthetic(args.synthetic)
        t0 = time.perf_counter()
        groups = cluster_mentions(mentions, settings)
        dt = time.perf_counter() - t0
        print(
            f"\nspeed: {len(mentions)} synthetic mentions → {len(groups)} events in {dt:.2f} s "
            f"({len(mentions) / dt:,.0f} mentions/s)"
        )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"{date.today()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
