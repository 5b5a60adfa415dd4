"""MinHash signatures and LSH band keys kept in the store, so new articles meet old ones cheaply.

A full clustering run computes every article's signature once and stores it with its band keys;
an ingest then only signs the new articles and looks their band keys up in an index
(``article_lsh``) instead of rebuilding the LSH index over the whole store.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

import numpy as np

from .dedupe import signature
from .settings import ClusterSettings


def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) whose LSH S-curve crosses 1/2 just below ``threshold``.

    Candidates are confirmed by their estimated Jaccard afterwards, so erring towards more
    candidates (a lower crossing point) costs a few comparisons and loses no duplicate.
    """
    best = (1, num_perm)
    best_gap = float("inf")
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        crossing = (1.0 / bands) ** (1.0 / rows)
        gap = threshold - crossing
        if 0 <= gap < best_gap:
            best, best_gap = (bands, rows), gap
    return best


def band_keys(hashvalues: np.ndarray, settings: ClusterSettings) -> list[str]:
    bands, rows = band_layout(settings.duplicate_threshold, settings.num_perm)
    keys = []
    for band in range(bands):
        chunk = hashvalues[band * rows : (band + 1) * rows]
        keys.append(f"{band}:{hashlib.blake2b(chunk.tobytes(), digest_size=8).hexdigest()}")
    return keys


def sign(text: str, settings: ClusterSettings) -> np.ndarray:
    return np.asarray(signature(text, settings).hashvalues, dtype=np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def store_signatures(
    conn: sqlite3.Connection, signed: Iterable[tuple[str, np.ndarray]], settings: ClusterSettings
) -> None:
    """Save (replacing) the signatures and band keys of these articles. Call inside a transaction."""
    params_hash = settings.params_hash()
    for article_id, hashvalues in signed:
        conn.execute("DELETE FROM article_lsh WHERE article_id = ?", (article_id,))
        conn.execute(
            "INSERT OR REPLACE INTO article_minhash (article_id, params_hash, signature) VALUES (?,?,?)",
            (article_id, params_hash, hashvalues.tobytes()),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO article_lsh (band_key, article_id) VALUES (?,?)",
            [(key, article_id) for key in band_keys(hashvalues, settings)],
        )


def candidates(conn: sqlite3.Connection, article_id: str, hashvalues: np.ndarray, settings: ClusterSettings):
    """(other article id, estimated Jaccard) of stored articles sharing a band, at or over the threshold."""
    keys = band_keys(hashvalues, settings)
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        "SELECT DISTINCT s.article_id, s.signature FROM article_lsh l JOIN article_minhash s"
        f" ON s.article_id = l.article_id WHERE l.band_key IN ({marks}) AND l.article_id != ?"
        " AND s.params_hash = ?",
        [*keys, article_id, settings.params_hash()],
    )
    for row in rows:
        similarity = jaccard(hashvalues, np.frombuffer(row["signature"], dtype=np.uint64))
        if similarity >= settings.duplicate_threshold:
            yield row["article_id"], similarity
