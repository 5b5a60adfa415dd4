"""Small scoring helpers shared by the eval kinds."""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+", re.UNICODE)


def safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def prf(tp: int, fp: int, fn: int, prefix: str = "") -> dict[str, float]:
    """Precision, recall and F1 (0.0 when undefined), with counts, under ``prefix``."""
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    f = safe_div(2 * p * r, p + r)
    return {
        f"{prefix}precision": p,
        f"{prefix}recall": r,
        f"{prefix}f1": f,
        f"{prefix}tp": tp,
        f"{prefix}fp": fp,
        f"{prefix}fn": fn,
    }


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-tokens F1 between two strings (SQuAD style)."""
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Macro-averaged F1 over the gold classes (a predicted class never in gold adds only FPs)."""
    classes = sorted(set(gold))
    scores = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, predicted, strict=True))
        scores.append(prf(tp, fp, fn)["f1"])
    return safe_div(sum(scores), len(scores))
