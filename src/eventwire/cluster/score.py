"""Scoring a clustering against gold labels: pairwise and BCubed precision, recall and F1.

Both take two mappings item -> cluster label (predicted, gold) over the same items. Pairwise
counts pairs of items put together; BCubed (Bagga & Baldwin 1998) averages, per item, how much of
its predicted cluster shares its gold label (precision) and how much of its gold cluster was put
with it (recall). Singletons count: an item alone in both is perfectly clustered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _check(pred: Mapping, gold: Mapping) -> list:
    if set(pred) != set(gold):
        raise ValueError("predicted and gold labels must cover the same items")
    return sorted(pred)


def pairwise(pred: Mapping, gold: Mapping) -> PRF:
    items = _check(pred, gold)
    together_pred = together_gold = both = 0
    for a, b in combinations(items, 2):
        p, g = pred[a] == pred[b], gold[a] == gold[b]
        together_pred += p
        together_gold += g
        both += p and g
    # No pairs predicted (all singletons) is vacuously precise; no gold pairs, vacuously recalled.
    return PRF(both / together_pred if together_pred else 1.0, both / together_gold if together_gold else 1.0)


def bcubed(pred: Mapping, gold: Mapping) -> PRF:
    items = _check(pred, gold)
    if not items:
        return PRF(1.0, 1.0)
    joint = Counter((pred[i], gold[i]) for i in items)
    pred_size, gold_size = Counter(pred[i] for i in items), Counter(gold[i] for i in items)
    precision = sum(joint[pred[i], gold[i]] / pred_size[pred[i]] for i in items) / len(items)
    recall = sum(joint[pred[i], gold[i]] / gold_size[gold[i]] for i in items) / len(items)
    return PRF(precision, recall)


def score_clustering(pred: Mapping, gold: Mapping) -> dict[str, dict[str, float]]:
    return {"pairwise": pairwise(pred, gold).as_dict(), "bcubed": bcubed(pred, gold).as_dict()}
