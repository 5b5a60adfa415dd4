"""Near-duplicate articles: MinHash signatures of word shingles, LSH to find candidate pairs.

Syndicated wire copy and re-posts differ from the original by a new intro, a trimmed tail or a
byline, so exact hashes miss them. The Jaccard similarity of their word 5-gram sets stays high
(≈0.6-0.9), while two different stories on the same topic share almost no 5-grams. MinHash
estimates that Jaccard from a fixed-size signature and LSH finds the pairs above the threshold
without comparing every pair of articles.

A group's canonical article is the earliest published one (the likely original), then the
longest, then the smallest id (so the choice is deterministic).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .settings import ClusterSettings

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class ArticleText:
    id: str
    text: str
    published: str | None = None


@dataclass
class DuplicateMember:
    article_id: str
    group_id: str
    canonical_id: str
    similarity: float  # estimated Jaccard with the canonical article (1.0 for the canonical one)


def shingles(text: str, k: int) -> set[str]:
    """The set of lower-cased word k-grams of ``text`` (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str, settings: ClusterSettings):
    from datasketch import MinHash

    m = MinHash(num_perm=settings.num_perm, seed=1)
    m.update_batch([s.encode("utf-8") for s in shingles(text, settings.shingle_words)])
    return m


def find_duplicates(
    articles: Iterable[ArticleText],
    settings: ClusterSettings | None = None,
    on_signature: Callable[[str, Any], None] | None = None,
) -> list[DuplicateMember]:
    """Members of every near-duplicate group (groups of two or more articles), canonical first.

    ``on_signature(article_id, minhash)`` hears of each signature (the store keeps them for
    incremental clustering, so they are computed once).
    """
    from datasketch import MinHashLSH

    settings = settings or ClusterSettings.load()
    lsh = MinHashLSH(threshold=settings.duplicate_threshold, num_perm=settings.num_perm)
    info: dict[str, tuple] = {}  # id -> canonical-choice key; the texts themselves are not kept
    sigs = {}
    for art in articles:
        if art.id in info or not art.text.strip():
            continue
        # Earliest published first (undated last), then longest, then id.
        info[art.id] = (art.published is None, art.published or "", -len(art.text), art.id)
        sigs[art.id] = signature(art.text, settings)
        if on_signature is not None:
            on_signature(art.id, sigs[art.id])
        lsh.insert(art.id, sigs[art.id])

    parent = {aid: aid for aid in sigs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid, sig in sigs.items():
        for other in lsh.query(sig):
            # LSH candidates are probable, not certain: confirm with the estimated Jaccard.
            if other != aid and sig.jaccard(sigs[other]) >= settings.duplicate_threshold:
                parent[find(other)] = find(aid)

    groups: dict[str, list[str]] = {}
    for aid in sigs:
        groups.setdefault(find(aid), []).append(aid)
    members: list[DuplicateMember] = []
    for ids in groups.values():
        if len(ids) < 2:
            continue
        ids.sort(key=info.__getitem__)
        canonical = ids[0]
        group_id = f"dup-{canonical}"
        for aid in ids:
            sim = 1.0 if aid == canonical else round(sigs[aid].jaccard(sigs[canonical]), 4)
            members.append(DuplicateMember(aid, group_id, canonical, sim))
    members.sort(key=lambda m: (m.group_id, m.article_id != m.canonical_id, m.article_id))
    return members
