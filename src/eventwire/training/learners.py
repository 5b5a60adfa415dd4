"""The learners and the parsing that every model of ``make train`` shares: texts parsed once with the
rules on (the coder off), multinomial logistic regression fitted with scikit-learn (a training-time
dependency only) and turned into a numpy ``LinearModel``."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..clean import clean_document
from ..extract import extract_article
from ..learn.linear import LinearModel
from ..models import RawDocument
from ..nlp import load_nlp
from ..options import Options


def parse(texts: list[str], options: Options):
    """(doc, rules' extraction) for every text, parsed as one paragraph with the coder off."""
    nlp = load_nlp(options.model)
    rules = options.with_(coder=False, clean=False, min_english_ratio=0.0)
    articles = [
        clean_document(RawDocument(source=f"train:{i}", format="text", content=" ".join(t.split())), rules)
        for i, t in enumerate(texts)
    ]
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=128), strict=True):
        yield doc, extract_article(doc, article, rules)


def balanced_weights(labels: list[str], weights: list[float], power: float) -> list[float]:
    """Every example's weight times (mean class weight / its class's total weight) ** ``power``: at 1
    every class weighs the same in the loss, at 0 nothing changes. The rarer PLOVER types (COOPERATE,
    PROTEST, MOBILIZE) were found with high precision and low recall: the loss gave them too little."""
    if not power:
        return list(weights)
    totals: dict[str, float] = {}
    for label, weight in zip(labels, weights, strict=True):
        totals[label] = totals.get(label, 0.0) + weight
    mean = sum(totals.values()) / len(totals)
    return [w * (mean / totals[label]) ** power for label, w in zip(labels, weights, strict=True)]


def fit(
    rows: list[dict],
    labels: list[str],
    weights: list[float],
    min_count: int,
    c: float,
    seed: int,
    balance: float = 0.0,
):
    """A logistic regression over ``rows``; ``balance`` evens the classes' weights (balanced_weights)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in rows for name in row)
    kept = [{k: v for k, v in row.items() if counts[k] >= min_count} for row in rows]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(kept)
    model = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    model.fit(matrix, labels, sample_weight=np.array(balanced_weights(labels, weights, balance)))
    names = list(vectorizer.get_feature_names_out())
    weights_t = model.coef_.T.astype(np.float32)
    if len(model.classes_) == 2:
        weights_t = weights_t[:, :1]
    return LinearModel(
        labels=tuple(str(c) for c in model.classes_),
        index={name: i for i, name in enumerate(names)},
        weights=weights_t,
        bias=model.intercept_.astype(np.float32),
        meta={},
    )


def fit_rows(rows, cfg: dict, seed: int) -> LinearModel:
    """A model over (features, label, ...) rows, every row of weight 1."""
    return fit(
        [r[0] for r in rows],
        [r[1] for r in rows],
        [1.0] * len(rows),
        cfg["min_feature_count"],
        cfg["C"],
        seed,
    )


def predict(model: LinearModel, row: dict) -> str:
    probs = model.predict_proba(row)
    return max(probs, key=probs.__getitem__)


def scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {
        "n": len(gold),
        "accuracy": round(float(accuracy_score(gold, predicted)), 3),
        "macro_f1": round(float(f1_score(gold, predicted, average="macro", zero_division=0)), 3),
    }


def labelled_triggers(voa_examples, parsed):
    """(example, labelled event, trigger token, the rules' event at that token or None) for every
    labelled VOA event whose trigger words are found in its sentence."""
    for example, (doc, ext) in zip(voa_examples, parsed, strict=True):
        for labelled in example.extra.get("events", []):
            trigger = (labelled.get("trigger") or "").strip()
            where = doc.text.find(trigger) if trigger else -1
            span = doc.char_span(where, where + len(trigger), alignment_mode="expand") if where >= 0 else None
            if span is None or not len(span):
                continue
            token = span.root
            rule = next(
                (e for e in ext.events if e.evidence.start <= token.idx < max(e.evidence.end, token.idx + 1)),
                None,
            )
            yield example, labelled, token, rule
