"""Training data and scores of the mode model (which PLOVER mode an event of a given type has:
ASSAULT by firearms or explosives, ACCUSE as disapproval or allegation, REQUEST for a change or for
assistance, ...), for ``training/train.py``: the events of the VOA annotations that give a mode."""

from __future__ import annotations

import random

from ..learn.features import mode_features
from ..learn.linear import LinearModel
from ..learn.modes import best_mode, mode_label
from .learners import fit_rows, labelled_triggers


def mode_examples(voa_examples, parsed) -> list[tuple[dict, str, str | None, str]]:
    """(features, gold label, the rules' mode, split) of every labelled VOA event with a mode whose
    trigger is found in its sentence; the rules' event is the one at that trigger, if any."""
    out = []
    for example, labelled, token, rule in labelled_triggers(voa_examples, parsed):
        if not labelled.get("mode"):
            continue
        rule_mode = rule.mode[0] if rule and rule.mode and rule.type == labelled["type"] else None
        features = mode_features(token, labelled["type"], rule_mode)
        out.append((features, mode_label(labelled["type"], labelled["mode"]), rule_mode, example.split))
    return out


def train_modes(rows, cfg: dict, seed: int) -> tuple[LinearModel | None, dict]:
    train = [r for r in rows if r[3] == "train"]
    if len({r[1] for r in train}) < 2:
        return None, {"skipped": "too few events with a mode"}
    model = fit_rows(train, cfg, seed)
    report = {"train_cv": _cross_validated(train, cfg, seed)}
    for split in ("train", "heldout"):
        subset = [r for r in rows if r[3] == split]
        if subset:
            report[split] = {
                "n": len(subset),
                "model_accuracy": _accuracy(subset, lambda r: best_mode(model, r[0], r[1].split(":")[0])[0]),
                "rules_accuracy": _accuracy(subset, lambda r: r[2]),
            }
    return model, report


def _accuracy(rows, guess) -> float:
    return round(sum(guess(r) == r[1].split(":", 1)[1] for r in rows) / len(rows), 3)


def _cross_validated(train, cfg: dict, seed: int, folds: int = 5) -> dict:
    """Five-fold accuracy on the train part (each fold scored by a model that never saw it): the
    DEV estimate the coder's threshold may be tuned on."""
    order = list(range(len(train)))
    random.Random(seed).shuffle(order)
    hits = 0
    for k in range(folds):
        test = set(order[k::folds])
        model = fit_rows([train[i] for i in order if i not in test], cfg, seed)
        hits += sum(
            best_mode(model, train[i][0], train[i][1].split(":")[0])[0] == train[i][1].split(":", 1)[1]
            for i in test
        )
    return {"n": len(train), "model_accuracy": round(hits / len(train), 3)}
