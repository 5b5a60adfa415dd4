"""``make train``: train the event coder's models from ``../shared/train`` and the VOA annotations.

    python -m eventwire.training.train --shared ../shared [--out src/eventwire/learn/data]

Reads ``learn/train.yaml`` (seeds, pool hashes, sizes, regularisation), checks every pool file
against its pinned sha256, compiles the CAMEO verb table, parses every training text once with the
rules on (the coder off) so the rules' findings become features, fits multinomial logistic
regressions (scikit-learn, a training-time dependency only) and writes ``.npz`` artifacts that the
package reads with numpy. Each model is scored on the held-out split of every pool (never trained
on) against the rules alone on the same texts; the report goes to stdout and into the model's meta.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

from ..learn import cameo, pools
from ..learn.features import RuleHint, document_features, sentence_features, story_words, trigger_features
from ..learn.linear import DATA, LinearModel
from ..options import Options
from .check import fit_event_check
from .learners import fit, fit_rows, labelled_triggers, parse, predict, scores
from .modes import mode_examples, train_modes
from .roles import conflibert_roles, role_examples, train_roles

CONFIG = Path(__file__).parents[1] / "learn" / "train.yaml"
REPO = Path(__file__).parents[3]


class TrainingError(RuntimeError):
    pass


def check_pools(shared: Path, pinned: dict[str, str]) -> None:
    for name, digest in pinned.items():
        path = shared / "train" / name
        if not path.exists():
            raise TrainingError(f"training pool {path} is missing")
        if pools.file_sha256(path) != digest:
            raise TrainingError(f"training pool {path} changed (sha256 differs from learn/train.yaml)")


def build_cameo(shared: Path, out: Path) -> int:
    rows = cameo.build_rows(
        (shared / "kb" / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace"),
        (shared / "gold" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"),
    )
    lines = ["# verb\tword\tplover\tpatterns"] + ["\t".join(map(str, row)) for row in rows]
    (out / "cameo_verbs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cameo.cameo_table.cache_clear()
    return len(rows)


def sentence_examples(shared: Path, voa: Path, cfg: dict, seed: int) -> list[pools.Example]:
    root, w = shared / "train", cfg["weights"]
    examples = [
        *pools.voa_sentences(voa, w["voa"]),
        *pools.plv(root),
        *pools.wikievents(root),
        *pools.india_police(root, seed, cfg["max_none_india"]),
        *pools.bbc_non_political(root, seed, cfg["max_bbc_sentences"]),
        *pools.ngec_synthetic(root, seed, cfg["max_ngec"], w["ngec"]),
    ]
    for example in examples:
        if example.pool != "voa" and example.pool != "ngec":
            example.weight = w[example.pool]
    return pools.deduplicate(examples)


def hints_of(doc, events) -> list[RuleHint]:
    from ..extract.coder import rule_hints

    return rule_hints(doc, events)


def rule_label(events) -> str:
    return max(events, key=lambda e: e.confidence).type if events else pools.NONE


def report_by_pool(examples, gold, model_pred, rule_pred, split: str) -> dict:
    out = {}
    for pool in sorted({e.pool for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.pool == pool and e.split == split]
        if idx:
            out[pool] = {
                "model": scores([gold[i] for i in idx], [model_pred[i] for i in idx]),
                "rules": scores([gold[i] for i in idx], [rule_pred[i] for i in idx]),
            }
    return out


def type_rows(parsed) -> list[dict]:
    return [sentence_features(doc[:], hints_of(doc, ext.events)) for doc, ext in parsed]


def fit_event_type(examples, rows, cfg: dict, seed: int, leave_out: frozenset[str] = frozenset()):
    """The type model on the train split, without the VOA stories named in ``leave_out``."""
    train = [
        i
        for i, e in enumerate(examples)
        if e.split == "train" and not (e.pool == "voa" and e.extra.get("story") in leave_out)
    ]
    return fit(
        [rows[i] for i in train],
        [examples[i].label for i in train],
        [examples[i].weight for i in train],
        cfg["min_feature_count"],
        cfg["C"],
        seed,
        cfg.get("balance", 0.0),
    )


def train_event_type(examples, parsed, rows, cfg: dict, seed: int) -> tuple[LinearModel, dict]:
    gold = [e.label for e in examples]
    model = fit_event_type(examples, rows, cfg, seed)
    model_pred = [predict(model, row) for row in rows]
    rule_pred = [rule_label(ext.events) for _, ext in parsed]
    return model, report_by_pool(examples, gold, model_pred, rule_pred, "heldout")


def modality_examples(voa_examples, parsed) -> list[tuple[dict, str, str, str]]:
    """(features, gold modality, rules' modality, split) for each labelled VOA event found in its text."""
    out = []
    for example, labelled, token, rule in labelled_triggers(voa_examples, parsed):
        hint = RuleHint(rule.type, rule.modality, token.i) if rule else None
        rule_modality = rule.modality if rule else "asserted"
        out.append(
            (
                trigger_features(token, hint, example.extra.get("published")),
                labelled.get("modality", "asserted"),
                rule_modality,
                example.split,
            )
        )
    return out


def train_modality(rows, cfg: dict, seed: int) -> tuple[LinearModel | None, dict]:
    train = [r for r in rows if r[3] == "train"]
    if len({r[1] for r in train}) < 2:
        return None, {"skipped": "too few labelled events"}
    model = fit_rows(train, cfg, seed)
    report = {}
    for split in ("train_cv", "heldout"):
        subset = (
            _cross_validated(rows, cfg, seed)
            if split == "train_cv"
            else [(r[1], predict(model, r[0]), r[2]) for r in rows if r[3] == "heldout"]
        )
        if subset:
            report[split] = {
                "model": scores([g for g, _, _ in subset], [p for _, p, _ in subset]),
                "rules": scores([g for g, _, _ in subset], [r for _, _, r in subset]),
            }
    return model, report


def _cross_validated(rows, cfg, seed, folds: int = 5):
    train = [r for r in rows if r[3] == "train"]
    order = list(range(len(train)))
    random.Random(seed).shuffle(order)
    out = []
    for k in range(folds):
        test = set(order[k::folds])
        fold_train = [train[i] for i in range(len(train)) if i not in test]
        if len({r[1] for r in fold_train}) < 2:
            continue
        model = fit_rows(fold_train, cfg, seed)
        out += [(train[i][1], predict(model, train[i][0]), train[i][2]) for i in sorted(test)]
    return out


def train_relevance(shared: Path, voa: Path, cfg: dict, seed: int) -> tuple[LinearModel, dict]:
    root = shared / "train"
    docs = [
        *pools.voa_documents(voa),
        *pools.bbc_documents(root),
        *pools.polnear_documents(root, cfg["max_polnear"]),
        *pools.ngec_documents(root, seed, cfg["max_ngec"]),
    ]
    rows = [document_features(story_words(d.text)) for d in docs]
    train = [i for i, d in enumerate(docs) if d.split == "train"]
    # a brief (a sport result, a weather note) is judged on its few words: the opening words of
    # every training story teach the model what a short text of each kind looks like
    whole = list(train)
    for n_words in cfg.get("leads", []):
        for i in whole:
            words = story_words(docs[i].text)
            if len(words) > n_words:
                lead = " ".join(words[:n_words])
                docs.append(pools.Example(lead, docs[i].label, docs[i].pool, docs[i].weight))
                rows.append(document_features(words[:n_words]))
                train.append(len(docs) - 1)
    model = fit(
        [rows[i] for i in train],
        [docs[i].label for i in train],
        [docs[i].weight for i in train],
        cfg["min_feature_count"],
        cfg["C"],
        seed,
    )
    report = {}
    for pool in sorted({d.pool for d in docs}):
        idx = [i for i, d in enumerate(docs) if d.pool == pool and d.split == "heldout"]
        if idx:
            report[pool] = {
                "model": scores([docs[i].label for i in idx], [predict(model, rows[i]) for i in idx])
            }
    dev = list(pools.bbc_documents(root, split="dev"))
    report["bbc_dev"] = {
        "model": scores(
            [d.label for d in dev], [predict(model, document_features(story_words(d.text))) for d in dev]
        )
    }
    return model, report


def annotations_hash(voa: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(voa.rglob("*.sentences.jsonl")) + sorted(voa.rglob("*.meta.json")):
        digest.update(path.relative_to(voa).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run(shared: Path, voa: Path, out: Path, only: set[str] | None = None) -> dict:
    cfg = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    seed = cfg["seed"]
    check_pools(shared, cfg["pools"])
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"cameo_rows": build_cameo(shared, out), "annotations": annotations_hash(voa)}
    base_meta = {
        "seed": str(seed),
        "pools": json.dumps(cfg["pools"], sort_keys=True),
        "annotations": report["annotations"],
    }
    options = Options()
    if not only or "event_type" in only or "modality" in only:
        examples = sentence_examples(shared, voa, cfg["event_type"], seed)
        print(
            f"event type: {len(examples)} sentences {dict(Counter(e.pool for e in examples))}",
            file=sys.stderr,
        )
        parsed = list(parse([e.text for e in examples], options))
        rows_t = type_rows(parsed)
        model, report["event_type"] = train_event_type(examples, parsed, rows_t, cfg["event_type"], seed)
        model.meta.update(base_meta, report=json.dumps(report["event_type"], sort_keys=True))
        model.save(out / "event_type.npz")
        voa_idx = [i for i, e in enumerate(examples) if e.pool == "voa"]
        rows = modality_examples([examples[i] for i in voa_idx], [parsed[i] for i in voa_idx])
        modality, report["modality"] = train_modality(rows, cfg["modality"], seed)
        role_rows_ = role_examples(examples, parsed) + conflibert_roles(shared, options)
        roles, report["roles"] = train_roles(role_rows_, cfg["roles"], seed)
        roles.meta.update(base_meta, report=json.dumps(report["roles"], sort_keys=True))
        roles.save(out / "roles.npz")
        if modality is not None:
            modality.meta.update(base_meta, report=json.dumps(report["modality"], sort_keys=True))
            modality.save(out / "modality.npz")
        modes, report["mode"] = train_modes(
            mode_examples([examples[i] for i in voa_idx], [parsed[i] for i in voa_idx]), cfg["mode"], seed
        )
        if modes is not None:
            modes.meta.update(base_meta, report=json.dumps(report["mode"], sort_keys=True))
            modes.save(out / "mode.npz")
    if not only or "relevance" in only:
        model, report["relevance"] = train_relevance(shared, voa, cfg["relevance"], seed)
        model.meta.update(base_meta, report=json.dumps(report["relevance"], sort_keys=True))
        model.save(out / "relevance.npz")
    if not only or "event_type" in only:

        def fold_type_model(leave_out: frozenset[str]) -> LinearModel:
            return fit_event_type(examples, rows_t, cfg["event_type"], seed, leave_out)

        model, report["event_check"] = fit_event_check(voa, out, cfg["check"], seed, options, fold_type_model)
        model.meta.update(base_meta, report=json.dumps(report["event_check"], sort_keys=True))
        model.save(out / "event_check.npz")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--annotations", type=Path, default=REPO / "annotations" / "voa")
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--only", action="append", choices=["event_type", "modality", "relevance"])
    args = parser.parse_args(argv)
    try:
        report = run(args.shared, args.annotations, args.out, set(args.only or []))
    except TrainingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
