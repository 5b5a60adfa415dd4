"""Run dedupe and event clustering over the store, replacing the previous results in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

import numpy as np

from ..store import transaction
from .dedupe import ArticleText, DuplicateMember, find_duplicates
from .events import CanonicalEvent, Mention, canonical_event, cluster_mentions
from .reconcile import RECONCILED, load_figures, reconcile
from .settings import ClusterSettings
from .signatures import store_signatures


@dataclass
class ClusteringResult:
    articles: int
    duplicate_groups: int
    duplicate_articles: int
    events: int
    clusters: int
    merged_clusters: int  # clusters of two or more mentions
    params_hash: str

    def summary(self) -> str:
        return (
            f"{self.events} event mention(s) → {self.clusters} canonical event(s) "
            f"({self.merged_clusters} reported more than once); {self.duplicate_articles} of "
            f"{self.articles} article(s) in {self.duplicate_groups} near-duplicate group(s) "
            f"[settings {self.params_hash}]"
        )

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def iter_article_texts(conn: sqlite3.Connection) -> Iterator[ArticleText]:
    for row in conn.execute("SELECT id, text, published FROM articles ORDER BY id"):
        yield ArticleText(row["id"], row["text"], row["published"])


def load_mentions(
    conn: sqlite3.Connection,
    duplicates: list[DuplicateMember] | dict[str, str],
    where: str = "",
    params: tuple | list = (),
) -> list[Mention]:
    """Event mentions (all, or those ``where`` selects) with their article's duplicate group."""
    group_of = duplicates if isinstance(duplicates, dict) else {d.article_id: d.group_id for d in duplicates}
    rows = conn.execute(
        "SELECT e.id, e.article_id, e.type, e.modality, e.source_name, e.source_country, e.target_name,"
        " e.target_country, e.place_name, e.place_country, e.lat, e.lon, e.date, e.date_precision,"
        " e.confidence, a.published, a.outlet, a.url FROM events e JOIN articles a ON a.id = e.article_id"
        f" {where} ORDER BY e.id",
        params,
    )
    mentions = []
    for r in rows:
        mentions.append(
            Mention(
                id=r["id"],
                article_id=r["article_id"],
                type=r["type"],
                modality=r["modality"],
                source_name=r["source_name"],
                source_country=r["source_country"],
                target_name=r["target_name"],
                target_country=r["target_country"],
                place_name=r["place_name"],
                place_country=r["place_country"],
                lat=r["lat"],
                lon=r["lon"],
                # only a day-precise event date places it; coarser ones fall back to publication
                date=r["date"] if r["date_precision"] == "day" else None,
                published=r["published"],
                outlet=r["outlet"] or _host(r["url"]),
                confidence=r["confidence"] if r["confidence"] is not None else 0.5,
                duplicate_group=group_of.get(r["article_id"]),
            )
        )
    return mentions


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def run_clustering(conn: sqlite3.Connection, settings: ClusterSettings | None = None) -> ClusteringResult:
    """Find near-duplicates, cluster every event mention, store both (replacing the last run)."""
    settings = settings or ClusterSettings.load()
    params_hash = settings.params_hash()
    texts = list(iter_article_texts(conn))
    signed: list[tuple[str, np.ndarray]] = []
    duplicates = find_duplicates(
        texts, settings, lambda aid, mh: signed.append((aid, np.asarray(mh.hashvalues, dtype=np.uint64)))
    )
    mentions = load_mentions(conn, duplicates)
    events = [canonical_event(group, settings) for group in cluster_mentions(mentions, settings)]
    with transaction(conn):
        _replace(conn, duplicates, events, params_hash)
        conn.execute("DELETE FROM article_lsh")
        conn.execute("DELETE FROM article_minhash")
        store_signatures(conn, signed, settings)
        conn.execute(
            "INSERT INTO clustering_runs (params, params_hash, events, clusters, duplicate_groups, at)"
            " VALUES (?,?,?,?,?,?)",
            (
                json.dumps(settings.as_dict(), sort_keys=True),
                params_hash,
                len(mentions),
                len(events),
                len({d.group_id for d in duplicates}),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
    return ClusteringResult(
        articles=len(texts),
        duplicate_groups=len({d.group_id for d in duplicates}),
        duplicate_articles=len(duplicates),
        events=len(mentions),
        clusters=len(events),
        merged_clusters=sum(e.mentions > 1 for e in events),
        params_hash=params_hash,
    )


def _replace(
    conn: sqlite3.Connection,
    duplicates: list[DuplicateMember],
    events: list[CanonicalEvent],
    params_hash: str,
) -> None:
    conn.execute("DELETE FROM duplicate_groups")
    conn.execute("DELETE FROM event_cluster_members")
    conn.execute("DELETE FROM event_clusters")
    conn.executemany(
        "INSERT INTO duplicate_groups (article_id, group_id, canonical_id, similarity, params_hash) VALUES "
        "(?,?,?,?,?)",
        [(d.article_id, d.group_id, d.canonical_id, d.similarity, params_hash) for d in duplicates],
    )
    insert_clusters(conn, events, params_hash, load_figures(conn))


def insert_clusters(
    conn: sqlite3.Connection,
    events: list[CanonicalEvent],
    params_hash: str,
    figures: dict[str, dict[str, float]],
) -> None:
    """Write canonical events, their reconciled counts and their member links."""
    rows = []
    for e in events:
        counts = reconcile(e.member_ids, figures)
        rows.append(
            (
                e.id,
                e.type,
                e.modality,
                e.source_name,
                e.source_country,
                e.target_name,
                e.target_country,
                e.date_first,
                e.date_last,
                e.place_name,
                e.place_country,
                e.lat,
                e.lon,
                e.mentions,
                e.articles,
                e.sources,
                e.confidence,
                e.canonical_event_id,
                params_hash,
                *(counts[c] for c in RECONCILED),
            )
        )
    conn.executemany(
        "INSERT INTO event_clusters (id, type, modality, source_name, source_country, target_name, "
        "target_country,"
        " date_first, date_last, place_name, place_country, lat, lon, mentions, articles, sources, "
        "confidence,"
        f" canonical_event_id, params_hash, {', '.join(RECONCILED)}) VALUES ("
        + ",".join("?" * (19 + len(RECONCILED)))
        + ")",
        rows,
    )
    conn.executemany(
        "INSERT INTO event_cluster_members (event_id, cluster_id, article_id)"
        " SELECT id, ?, article_id FROM events WHERE id = ?",
        [(e.id, mid) for e in events for mid in e.member_ids],
    )
