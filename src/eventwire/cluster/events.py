"""Cross-article event clustering: event mentions of one real-world event → one canonical event.

Mentions are blocked by PLOVER type and by factuality (a strike is never merged with a threat of
one), swept in date order, and each joins the open cluster it is most similar to, if that
similarity reaches ``threshold`` and no member of the cluster contradicts it (average linkage for
the score, complete linkage for the vetoes, so chains of loosely similar reports don't snowball).

Similarity of two mentions is a weighted mean over the fields both of them have: date (closer is
more similar), source and target country, place (by distance when both are geocoded, by name and
country otherwise) and actor-name overlap. A field both have but that disagrees is a veto:
different source/target countries, places farther apart than ``place_max_km`` or in different
countries, or dates more than ``date_window_days`` apart. A field only one mention has is neither
evidence for nor against: wire copy and a local paper rarely fill the same fields.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .settings import ClusterSettings

VETO = -1.0
_WORD = re.compile(r"[a-z]{3,}")


@dataclass
class Mention:
    """One event as reported in one article, with what clustering needs of its article."""

    id: str
    article_id: str
    type: str
    modality: str = "asserted"
    source_name: str | None = None
    source_country: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None  # the event's own date (ISO day) when the extractor resolved one
    published: str | None = None  # the article's date: the fallback when the event has none
    outlet: str | None = None  # outlet, else the URL's host; None = the article is its own source
    confidence: float = 0.5
    duplicate_group: str | None = None  # near-duplicate group of its article, if any

    @property
    def day(self) -> date | None:
        for value in (self.date, self.published):
            if value and len(value) >= 10:
                try:
                    return date.fromisoformat(value[:10])
                except ValueError:
                    continue
        return None


@dataclass
class Cluster:
    members: list[Mention] = field(default_factory=list)
    first: date | None = None
    last: date | None = None

    def add(self, m: Mention) -> None:
        self.members.append(m)
        d = m.day
        if d is not None:
            self.first = d if self.first is None else min(self.first, d)
            self.last = d if self.last is None else max(self.last, d)


def similarity(a: Mention, b: Mention, s: ClusterSettings) -> tuple[float, int]:
    """(weighted similarity in 0..1, or VETO; number of fields that positively agree)."""
    total = weight_sum = 0.0
    evidence = 0

    def add(name: str, score: float) -> None:
        nonlocal total, weight_sum
        w = s.weight(name)
        total += w * score
        weight_sum += w

    da, db = a.day, b.day
    if da is not None and db is not None:
        gap = abs((da - db).days)
        if gap > s.date_window_days:
            return VETO, 0
        add("date", 1.0 - gap / (s.date_window_days + 1))
    for attr in ("source_country", "target_country"):
        va, vb = getattr(a, attr), getattr(b, attr)
        if va and vb:
            if va != vb:
                return VETO, 0
            add(attr, 1.0)
            evidence += 1
    place = _place_score(a, b, s)
    if place == VETO:
        return VETO, 0
    if place is not None:
        add("place", place)
        evidence += place > 0.5
    names = _name_overlap(a, b)
    if names is not None:
        add("names", names)
        evidence += names >= 0.5
    if weight_sum == 0:
        return 0.0, 0
    return total / weight_sum, evidence


def _place_score(a: Mention, b: Mention, s: ClusterSettings) -> float | None:
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return VETO
    if None not in (a.lat, a.lon, b.lat, b.lon):
        km = _haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return VETO if km > s.place_max_km else 1.0 - km / s.place_max_km
    if a.place_name and b.place_name:
        return 1.0 if a.place_name.casefold() == b.place_name.casefold() else 0.0
    return None


def _name_overlap(a: Mention, b: Mention) -> float | None:
    words_a = _words(a.source_name) | _words(a.target_name)
    words_b = _words(b.source_name) | _words(b.target_name)
    if not words_a or not words_b:
        return None
    return len(words_a & words_b) / len(words_a | words_b)


def _words(name: str | None) -> set[str]:
    return set(_WORD.findall(name.lower())) if name else set()


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def cluster_mentions(
    mentions: Iterable[Mention], settings: ClusterSettings | None = None
) -> list[list[Mention]]:
    """Group mentions into events; every mention is in exactly one group. Deterministic."""
    s = settings or ClusterSettings.load()
    blocks: dict[tuple[str, bool], list[Mention]] = {}
    for m in mentions:
        blocks.setdefault((m.type, m.modality in s.factual_modalities), []).append(m)
    result: list[list[Mention]] = []
    for key in sorted(blocks):
        # Dated mentions in date order; undated ones last (they can only join by other evidence).
        block = sorted(blocks[key], key=lambda m: (m.day is None, m.day or date.min, m.article_id, m.id))
        result += [c.members for c in _sweep(block, s)]
    return result


def _sweep(block: list[Mention], s: ClusterSettings) -> list[Cluster]:
    clusters: list[Cluster] = []
    open_clusters: list[Cluster] = []
    for m in block:
        day = m.day
        if day is not None:  # close clusters that ended more than a window before this mention
            open_clusters = [
                c for c in open_clusters if c.last is None or (day - c.last).days <= s.date_window_days
            ]
        best, best_score = None, s.threshold
        for c in open_clusters:
            score = _linkage(m, c, s)
            if score >= best_score:
                best, best_score = c, score
        if best is None:
            best = Cluster()
            clusters.append(best)
            open_clusters.append(best)
        best.add(m)
    return clusters


def _linkage(m: Mention, c: Cluster, s: ClusterSettings) -> float:
    """Mean similarity to the cluster's members; VETO if any member contradicts ``m``."""
    scores, evidence = [], 0
    for other in c.members:
        score, ev = similarity(m, other, s)
        if score == VETO:
            return VETO
        scores.append(score)
        evidence = max(evidence, ev)
    if evidence < s.min_evidence:
        return VETO
    return sum(scores) / len(scores)


# -- canonical events ----------------------------------------------------------------------------


@dataclass
class CanonicalEvent:
    id: str
    type: str
    modality: str
    source_name: str | None
    source_country: str | None
    target_name: str | None
    target_country: str | None
    date_first: str | None
    date_last: str | None
    place_name: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    mentions: int
    articles: int
    sources: int
    confidence: float
    canonical_event_id: str
    member_ids: list[str]
    article_ids: list[str]


def canonical_event(members: list[Mention], s: ClusterSettings) -> CanonicalEvent:
    """The merged record of one cluster: the most reported value of each field, and its sources."""
    best = max(members, key=lambda m: (m.confidence, -(m.day or date.max).toordinal(), m.id))
    placed = [m for m in members if m.place_name]
    place = _most_common_record(placed, lambda m: m.place_name)
    days = sorted(d for d in (m.day for m in members) if d is not None)
    per_source = _independent_sources(members)
    confidence = 1.0 - math.prod(1.0 - max(m.confidence for m in group) for group in per_source)
    ids = sorted(m.id for m in members)
    return CanonicalEvent(
        id="ev-" + hashlib.sha1("\n".join(ids).encode()).hexdigest()[:12],
        type=members[0].type,
        modality=_most_common([m.modality for m in members]) or "asserted",
        source_name=_most_common([m.source_name for m in members]),
        source_country=_most_common([m.source_country for m in members]),
        target_name=_most_common([m.target_name for m in members]),
        target_country=_most_common([m.target_country for m in members]),
        date_first=days[0].isoformat() if days else None,
        date_last=days[-1].isoformat() if days else None,
        place_name=place.place_name if place else None,
        place_country=place.place_country if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        mentions=len(members),
        articles=len({m.article_id for m in members}),
        sources=len(per_source),
        confidence=round(min(s.max_confidence, confidence), 4),
        canonical_event_id=best.id,
        member_ids=ids,
        article_ids=sorted({m.article_id for m in members}),
    )


def _independent_sources(members: list[Mention]) -> list[list[Mention]]:
    """Members grouped by independent source: same outlet or near-duplicate articles are one."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in members:
        keys = [f"article:{m.article_id}"]
        if m.outlet:
            keys.append(f"outlet:{m.outlet.casefold()}")
        if m.duplicate_group:
            keys.append(f"dup:{m.duplicate_group}")
        for k in keys[1:]:
            parent[find(k)] = find(keys[0])
    groups: dict[str, list[Mention]] = {}
    for m in members:
        groups.setdefault(find(f"article:{m.article_id}"), []).append(m)
    return list(groups.values())


def _most_common(values: list) -> object | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    top = max(counted.values())
    return min(v for v, n in counted.items() if n == top)  # ties: alphabetical, for determinism


def _most_common_record(members: list[Mention], key) -> Mention | None:
    name = _most_common([key(m) for m in members])
    return next((m for m in members if key(m) == name and m.lat is not None), None) or next(
        (m for m in members if key(m) == name), None
    )
