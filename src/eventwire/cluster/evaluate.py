"""Evaluate event clustering against a labelled set (``tests/data/cluster`` is one).

A labels file is a TSV with one row per article: ``article`` (the article's external id, as in
the JSONL ``id``), ``incident`` (the gold cluster) and the event coded by hand (``type``,
``modality``, ``source_name``, ``source_country``, ``target_name``, ``target_country``,
``place_name``, ``place_country``, ``lat``, ``lon``, ``date``).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from .events import Mention, cluster_mentions
from .score import score_clustering
from .settings import ClusterSettings


def read_labels(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def read_articles(path: str | Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {rec["id"]: rec for rec in map(json.loads, fh) if rec}


def mentions_from_labels(labels: list[dict[str, str]], articles: dict[str, dict]) -> list[Mention]:
    """One hand-coded event per labelled article, with its article's outlet and date."""
    out = []
    for row in labels:
        art = articles[row["article"]]
        value = {k: (v or None) for k, v in row.items()}
        number = {k: float(row[k]) if row.get(k) else None for k in ("lat", "lon")}
        out.append(
            Mention(
                id=f"{row['article']}:e0",
                article_id=row["article"],
                type=row["type"],
                modality=value["modality"] or "asserted",
                source_name=value["source_name"],
                source_country=value["source_country"],
                target_name=value["target_name"],
                target_country=value["target_country"],
                place_name=value["place_name"],
                place_country=value["place_country"],
                lat=number["lat"],
                lon=number["lon"],
                date=value["date"],
                published=art.get("published"),
                outlet=art.get("outlet"),
            )
        )
    return out


def baselines(gold: dict[str, str]) -> dict[str, dict]:
    """Scores of the trivial clusterings: every item alone, and everything in one cluster."""
    return {
        "all_singletons": score_clustering({k: k for k in gold}, gold),
        "all_in_one": score_clustering({k: "one" for k in gold}, gold),
    }


def evaluate_mentions(
    mentions: list[Mention], gold: dict[str, str], settings: ClusterSettings | None = None
) -> dict:
    """Cluster hand-built mentions (one per article) and score the article → cluster assignment."""
    pred = {}
    for i, group in enumerate(cluster_mentions(mentions, settings)):
        for m in group:
            pred[m.article_id] = f"c{i}"
    return score_clustering(pred, gold)


def evaluate_store(
    conn: sqlite3.Connection, labels: list[dict[str, str]]
) -> tuple[dict, dict[str, str | None]]:
    """Score the clustering stored in ``conn`` (after the pipeline and ``run_clustering``).

    Each labelled article is represented by its first extracted event of the labelled type (else
    its first event): that event's canonical event is the article's predicted cluster. An article
    with no event at all is a singleton (it costs recall). Returns (scores, article → event id).
    """
    gold = {row["article"]: row["incident"] for row in labels}
    wanted_type = {row["article"]: row["type"] for row in labels}
    pred, chosen = {}, {}
    for ext_id in gold:
        rows = conn.execute(
            "SELECT e.id, e.type, m.cluster_id FROM articles a JOIN events e ON e.article_id = a.id"
            " LEFT JOIN event_cluster_members m ON m.event_id = e.id"
            " WHERE json_extract(a.meta, '$.external_id') = ? ORDER BY e.start",
            (ext_id,),
        ).fetchall()
        pick = next((r for r in rows if r["type"] == wanted_type[ext_id]), rows[0] if rows else None)
        chosen[ext_id] = pick["id"] if pick else None
        pred[ext_id] = (pick["cluster_id"] or pick["id"]) if pick else f"none:{ext_id}"
    return score_clustering(pred, gold), chosen
