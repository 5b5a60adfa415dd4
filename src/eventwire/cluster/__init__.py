"""Near-duplicate articles and cross-article event clustering (canonical events with their mentions).

Pure functions (``find_duplicates``, ``cluster_mentions``, ``canonical_event``, the scorers) work
on plain records; ``run_clustering`` applies them to a store. Needs the [scale] extra (datasketch).
"""

from .dedupe import ArticleText, DuplicateMember, find_duplicates, shingles
from .events import CanonicalEvent, Mention, canonical_event, cluster_mentions, similarity
from .score import bcubed, pairwise, score_clustering
from .settings import ClusterSettings
from .store import ClusteringResult, run_clustering

__all__ = [
    "ArticleText",
    "CanonicalEvent",
    "ClusterSettings",
    "ClusteringResult",
    "DuplicateMember",
    "Mention",
    "bcubed",
    "canonical_event",
    "cluster_mentions",
    "find_duplicates",
    "pairwise",
    "run_clustering",
    "score_clustering",
    "shingles",
    "similarity",
]
