"""Clustering as articles are stored: new reports join the canonical events they belong to.

``update_clustering`` runs after every ingest, so canonical events exist without a separate step.
The first time (or when the settings differ from the last full run's) it does a full run; after
that it only looks at what is new:

1. each new article is signed (MinHash) and meets its near-duplicates through the stored LSH band
   keys; groups merge and their canonical article is chosen again;
2. each new mention is compared with the canonical events of its type and factuality dated within
   the date window (or, for an undated mention, those of its own article and duplicates) and
   joins the most similar one over the threshold, else starts a canonical event of its own;
3. every canonical event that gained, lost (re-extracted articles) or re-grouped members is
   recomputed from its members, counts reconciled.

This is the full run's rule applied to one arrival at a time, so its result can differ slightly
from a full run over the same store (a full run sees every mention in date order);
``eventwire cluster`` re-runs everything, with the same or other settings.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..store import transaction
from .events import Cluster, Mention, _linkage, canonical_event
from .reconcile import load_figures
from .settings import ClusterSettings
from .signatures import candidates, jaccard, sign, store_signatures
from .store import ClusteringResult, insert_clusters, load_mentions, run_clustering


@dataclass
class IncrementalResult:
    articles: int = 0  # articles signed for near-duplicate detection
    mentions: int = 0  # new mentions placed
    joined: int = 0  # of which joined an existing canonical event
    new_events: int = 0
    updated_events: int = 0
    duplicate_articles: int = 0  # new articles found to be near-duplicates of stored ones
    touched: set[str] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        return (
            f"{self.mentions} new event mention(s): {self.joined} joined known events, "
            f"{self.new_events} new canonical event(s); {self.duplicate_articles} near-duplicate article(s)"
        )


def update_clustering(conn: sqlite3.Connection) -> IncrementalResult | ClusteringResult:
    """Bring canonical events up to date with what was stored since the last clustering."""
    last = conn.execute("SELECT params, params_hash FROM clustering_runs ORDER BY id DESC LIMIT 1").fetchone()
    if last is None:
        return run_clustering(conn)
    settings = ClusterSettings.from_params(last["params"])
    if settings.params_hash() != last["params_hash"]:  # bundled defaults changed meaning: start over
        return run_clustering(conn, settings)
    result = IncrementalResult()
    with transaction(conn):
        changed_articles = _sign_new_articles(conn, settings, result)
        clusters = _place_new_mentions(conn, settings, result)
        stale = _stale_clusters(conn) | _clusters_of_articles(conn, changed_articles)
        _rewrite(conn, settings, clusters, stale - set(clusters), result)
    return result


# -- near-duplicates -----------------------------------------------------------------------------


def _sign_new_articles(
    conn: sqlite3.Connection, settings: ClusterSettings, result: IncrementalResult
) -> set[str]:
    """Sign unsigned articles, merge them into near-duplicate groups; returns articles regrouped."""
    rows = conn.execute(
        "SELECT id, text FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_minhash s"
        " WHERE s.article_id = a.id AND s.params_hash = ?) ORDER BY id",
        (settings.params_hash(),),
    ).fetchall()
    regrouped: set[str] = set()
    params_hash = settings.params_hash()
    for row in rows:
        if not row["text"].strip():
            continue
        hashvalues = sign(row["text"], settings)
        found = [other for other, _similarity in candidates(conn, row["id"], hashvalues, settings)]
        store_signatures(conn, [(row["id"], hashvalues)], settings)
        result.articles += 1
        if found:
            result.duplicate_articles += 1
            regrouped |= _merge_group(conn, [row["id"], *found], params_hash)
    return regrouped


def _merge_group(conn: sqlite3.Connection, article_ids: list[str], params_hash: str) -> set[str]:
    """One group of these articles and every member of their groups; canonical chosen again."""
    marks = ",".join("?" * len(article_ids))
    groups = [
        r[0]
        for r in conn.execute(
            f"SELECT DISTINCT group_id FROM duplicate_groups WHERE article_id IN ({marks})", article_ids
        )
    ]
    members = set(article_ids)
    for group in groups:
        members |= {
            r[0] for r in conn.execute("SELECT article_id FROM duplicate_groups WHERE group_id = ?", (group,))
        }
    info = conn.execute(
        f"SELECT a.id, a.published, length(a.text) AS n, s.signature FROM articles a JOIN article_minhash s"
        f" ON s.article_id = a.id WHERE a.id IN ({','.join('?' * len(members))})",
        sorted(members),
    ).fetchall()
    # The full run's choice: earliest published (undated last), then longest, then id.
    info.sort(key=lambda r: (r["published"] is None, r["published"] or "", -r["n"], r["id"]))
    canonical = info[0]
    base = np.frombuffer(canonical["signature"], dtype=np.uint64)
    conn.execute(
        f"DELETE FROM duplicate_groups WHERE article_id IN ({','.join('?' * len(members))})", sorted(members)
    )
    conn.executemany(
        "INSERT INTO duplicate_groups (article_id, group_id, canonical_id, similarity, params_hash) VALUES "
        "(?,?,?,?,?)",
        [
            (
                r["id"],
                f"dup-{canonical['id']}",
                canonical["id"],
                1.0
                if r["id"] == canonical["id"]
                else round(jaccard(base, np.frombuffer(r["signature"], dtype=np.uint64)), 4),
                params_hash,
            )
            for r in info
        ],
    )
    return members


# -- new mentions --------------------------------------------------------------------------------


def _group_of(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT article_id, group_id FROM duplicate_groups")}


def _place_new_mentions(
    conn: sqlite3.Connection, settings: ClusterSettings, result: IncrementalResult
) -> dict[str, Cluster]:
    """Assign every unclustered mention; returns the clusters that changed, by their old id ('' + n for
    new)."""
    group_of = _group_of(conn)
    new = load_mentions(
        conn, group_of, "WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = e.id)"
    )
    new.sort(key=lambda m: (m.day is None, m.day or date.min, m.article_id, m.id))
    new_ids = {m.id for m in new}
    loaded: dict[str, Cluster] = {}
    fresh: list[Cluster] = []
    for mention in new:
        pool = [
            loaded.setdefault(cid, _load_cluster(conn, cid, group_of))
            for cid in _candidate_ids(conn, mention, settings, group_of)
        ]
        pool += [c for c in fresh if _same_block(c, mention, settings)]
        best, best_score = None, settings.threshold
        for cluster in pool:
            if not _within_window(cluster, mention, settings):
                continue
            score = _linkage(mention, cluster, settings)
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            best = Cluster()
            fresh.append(best)
            result.new_events += 1
        else:
            result.joined += any(best is c for c in loaded.values())
        best.add(mention)
        result.mentions += 1
    changed = {cid: c for cid, c in loaded.items() if any(m.id in new_ids for m in c.members)}
    changed.update({f"new-{i}": c for i, c in enumerate(fresh)})
    return changed


def _candidate_ids(
    conn: sqlite3.Connection, m: Mention, s: ClusterSettings, group_of: dict[str, str]
) -> list[str]:
    factual = m.modality in s.factual_modalities
    marks = ",".join("?" * len(s.factual_modalities))
    block = f"modality {'IN' if factual else 'NOT IN'} ({marks})"
    day = m.day
    if day is not None:
        low, high = (
            (day - timedelta(days=s.date_window_days)).isoformat(),
            (day + timedelta(days=s.date_window_days)).isoformat(),
        )
        rows = conn.execute(
            f"SELECT id FROM event_clusters WHERE type = ? AND {block}"
            " AND date_first <= ? AND date_last >= ?",
            [m.type, *s.factual_modalities, high, low],
        )
        return [r[0] for r in rows]
    # An undated mention can only join by other evidence: look among its own article's events.
    articles = {m.article_id} | {
        a for a, g in group_of.items() if m.duplicate_group and g == m.duplicate_group
    }
    rows = conn.execute(
        f"SELECT DISTINCT c.id FROM event_clusters c JOIN event_cluster_members x ON x.cluster_id = c.id"
        f" WHERE c.type = ? AND {block} AND x.article_id IN ({','.join('?' * len(articles))})",
        [m.type, *s.factual_modalities, *sorted(articles)],
    )
    return [r[0] for r in rows]


def _load_cluster(conn: sqlite3.Connection, cluster_id: str, group_of: dict[str, str]) -> Cluster:
    cluster = Cluster()
    for member in load_mentions(
        conn,
        group_of,
        "WHERE e.id IN (SELECT event_id FROM event_cluster_members WHERE cluster_id = ?)",
        (cluster_id,),
    ):
        cluster.add(member)
    return cluster


def _same_block(cluster: Cluster, m: Mention, s: ClusterSettings) -> bool:
    first = cluster.members[0]
    return first.type == m.type and (first.modality in s.factual_modalities) == (
        m.modality in s.factual_modalities
    )


def _within_window(cluster: Cluster, m: Mention, s: ClusterSettings) -> bool:
    day = m.day
    if day is None or cluster.first is None or cluster.last is None:
        return True
    return (cluster.first - day).days <= s.date_window_days and (
        day - cluster.last
    ).days <= s.date_window_days


# -- rewriting canonical events ------------------------------------------------------------------


def _stale_clusters(conn: sqlite3.Connection) -> set[str]:
    """Canonical events whose stored mention count no longer matches their members (re-extraction)."""
    rows = conn.execute(
        "SELECT c.id FROM event_clusters c LEFT JOIN (SELECT cluster_id, COUNT(*) AS n FROM "
        "event_cluster_members"
        " GROUP BY cluster_id) m ON m.cluster_id = c.id WHERE COALESCE(m.n, 0) != c.mentions"
    )
    return {r[0] for r in rows}


def _clusters_of_articles(conn: sqlite3.Connection, article_ids: set[str]) -> set[str]:
    found: set[str] = set()
    ids = sorted(article_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            "SELECT DISTINCT cluster_id FROM event_cluster_members WHERE article_id IN "
            f"({','.join('?' * len(chunk))})",
            chunk,
        )
        found |= {r[0] for r in rows}
    return found


def _rewrite(
    conn: sqlite3.Connection,
    settings: ClusterSettings,
    changed: dict[str, Cluster],
    stale: set[str],
    result: IncrementalResult,
) -> None:
    """Replace each changed or stale canonical event by the one its members make now."""
    group_of = _group_of(conn)
    groups = [c.members for c in changed.values()]
    groups += [m for m in (_load_cluster(conn, cid, group_of).members for cid in sorted(stale)) if m]
    old_ids = [cid for cid in [*changed, *stale] if not cid.startswith("new-")]
    for start in range(0, len(old_ids), 500):
        chunk = old_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM event_cluster_members WHERE cluster_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", chunk)
    # Members keep the duplicate group they have now (a merge may have regrouped their article).
    for members in groups:
        for m in members:
            m.duplicate_group = group_of.get(m.article_id)
    events = [canonical_event(members, settings) for members in groups]
    figures = load_figures(conn, [mid for e in events for mid in e.member_ids])
    insert_clusters(conn, events, settings.params_hash(), figures)
    result.updated_events = len([cid for cid in old_ids if cid in changed or cid in stale])
    result.touched = {e.id for e in events}
