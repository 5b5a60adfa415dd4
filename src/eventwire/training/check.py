"""Training data and scores of the event check (``extract/event_check.py``), for ``training/train.py``.

The check learns from eventwire's own output: the whole pipeline (the other models freshly
trained, the check itself off) runs over the annotated VOA stories, and every asserted event it
emits is labelled by the annotation scorer (``eval/annotated.py``): ``right`` when it matches an
annotated event (line, type, parties' countries, modality), else ``wrong``. The check is trained
on the train stories; the report gives its 5-fold cross-validated scores there (grouped by story,
the DEV estimate the threshold is tuned on) and its scores on the held-out test stories.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from ..clean import clean_document
from ..dates import checked_published
from ..eval.annotated import is_asserted, line_of, load_annotated, match_event, raw_documents
from ..extract import extract_article
from ..extract.base import span_root
from ..extract.event_check import RIGHT
from ..learn.check import check_features
from ..learn.linear import LinearModel, models_from
from ..nlp import load_nlp
from ..options import Options
from .learners import fit_rows

WRONG = "wrong"
FLOORS_TRIED = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4)  # reported on the cross-validated train stories
Row = tuple[dict, str, str]  # features, label, story


def fit_event_check(voa: Path, out: Path, cfg: dict, seed: int, options: Options, fold_type_model):
    """The check, trained last: it learns from the whole coder's output, so the coder runs with the
    models just written to ``out``. The type model's probability is part of every event's score,
    and that model was trained on these very stories (it is surer of them than of a new story), so
    each train story is coded with a type model that never saw it (``fold_type_model(stories left
    out)``, five folds of stories); the held-out stories with the shipped models."""
    from ..extract.coder import coder_settings

    pairs = load_annotated(voa / "train")
    stories = sorted(path.stem for path, _ in pairs)
    fold_of = story_folds(stories, seed, cfg["folds"])
    train: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="eventwire-check-") as tmp:
        for k in range(cfg["folds"]):
            folder = Path(tmp) / f"fold{k}"
            folder.mkdir()
            for model_file in out.glob("*.npz"):
                shutil.copyfile(model_file, folder / model_file.name)
            held = frozenset(s for s in stories if fold_of[s] == k)
            fold_type_model(held).save(folder / "event_type.npz")
            with models_from(folder):
                train += check_examples([(p, e) for p, e in pairs if p.stem in held], options)
    with models_from(out):
        heldout = check_examples(load_annotated(voa / "test"), options)
    print(f"event check: {len(train)} train events, {len(heldout)} held-out", file=sys.stderr)
    return train_check(train, heldout, cfg, seed, coder_settings()["check"]["min_asserted"])


def story_folds(stories: list[str], seed: int, folds: int) -> dict[str, int]:
    order = sorted(stories)
    random.Random(seed).shuffle(order)
    return {story: i % folds for i, story in enumerate(order)}


def check_examples(pairs: list[tuple[Path, dict]], options: Options) -> list[Row]:
    """One row per asserted event the pipeline (check off) emits on these annotated stories
    (``eval.annotated.load_annotated`` pairs)."""
    options = options.with_(event_check=False)
    articles = []
    for raw in raw_documents(pairs):
        raw.published = checked_published(raw.published, source=raw.source)
        articles.append(clean_document(raw, options))
    nlp = load_nlp(options.model)
    rows: list[Row] = []
    for (path, expected), article, doc in zip(
        pairs, articles, nlp.pipe(a.text for a in articles), strict=True
    ):
        rows += _labelled(doc, article, extract_article(doc, article, options).events, expected, path.stem)
    return rows


def _labelled(doc, article, events, expected: dict, story: str) -> list[Row]:
    listed = expected.get("events") or {}
    specs = list(listed.get("required") or []) + list(listed.get("optional") or [])
    per_sentence = Counter(event.evidence.sentence_start for event in events)
    rows = []
    for event in events:
        if not is_asserted(event):
            continue
        trigger = span_root(doc, event.evidence.start, event.evidence.end)
        right = any(match_event(spec, event, lambda o: line_of(article, o)) for spec in specs)
        features = check_features(trigger, event, per_sentence[event.evidence.sentence_start])
        rows.append((features, RIGHT if right else WRONG, story))
    return rows


def train_check(train: list[Row], heldout: list[Row], cfg: dict, seed: int, floor: float):
    """The check fitted on every train row, and its report: cross-validated on train, and on the
    held-out rows, at the coder's floor (``coder.yaml`` ``check.min_asserted``)."""
    model = fit_rows(train, cfg, seed)
    cv = _cross_validated(train, cfg, seed)
    report = {"train_cv": _scores(cv, floor)}
    report["train_cv_by_floor"] = {str(f): _scores(cv, f) for f in FLOORS_TRIED}
    if heldout:
        report["heldout"] = _scores([(r[1], _p_right(model, r[0])) for r in heldout], floor)
    return model, report


def _p_right(model: LinearModel, features: dict) -> float:
    return model.predict_proba(features)[RIGHT]


def _cross_validated(rows: list[Row], cfg: dict, seed: int) -> list[tuple[str, float]]:
    """(label, P(right)) of every row, each scored by a model that never saw its story."""
    fold_of = story_folds(sorted({r[2] for r in rows}), seed, cfg["folds"])
    out: list[tuple[str, float]] = []
    for k in range(cfg["folds"]):
        model = fit_rows([r for r in rows if fold_of[r[2]] != k], cfg, seed)
        out += [(r[1], _p_right(model, r[0])) for r in rows if fold_of[r[2]] == k]
    return out


def _auc(labels: list[bool], probabilities: list[float]) -> float | None:
    from sklearn.metrics import roc_auc_score

    if len(set(labels)) < 2:
        return None
    return round(float(roc_auc_score(labels, probabilities)), 3)


def _scores(scored: list[tuple[str, float]], floor: float) -> dict:
    """Events, how many are right, and the share right, before the check and after its floor."""
    kept = [(label, p) for label, p in scored if p >= floor]
    right = sum(label == RIGHT for label, _ in scored)
    right_kept = sum(label == RIGHT for label, _ in kept)
    labels = [label == RIGHT for label, _ in scored]
    return {
        "events": len(scored),
        "right": right,
        "precision": round(right / len(scored), 3) if scored else None,
        "kept": len(kept),
        "right_kept": right_kept,
        "precision_kept": round(right_kept / len(kept), 3) if kept else None,
        "auc": _auc(labels, [p for _, p in scored]),
    }
