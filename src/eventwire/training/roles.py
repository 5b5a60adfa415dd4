"""Training data and scores of the role model (which actor of a sentence is an event's source or
target), for ``training/train.py``: PLV and ConfliBERT marked spans and the VOA annotations."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..learn import pools
from ..learn.linear import LinearModel
from ..options import Options
from .learners import fit_rows, parse

ROLE_LABELS = ("source", "target")
CONFLIBERT_KEYS = 10**9  # ConfliBERT's event keys start here, above every other pool's


def _find(text: str, needle: str | None) -> tuple[int, int] | None:
    needle = " ".join((needle or "").split())
    if len(needle) < 2:
        return None
    where = text.find(needle)
    if where < 0:
        where = text.lower().find(needle.lower())
    return (where, where + len(needle)) if where >= 0 else None


def role_examples(examples, parsed, key_base: int = 0) -> list[tuple[dict, str, str | None, str, int]]:
    """(features, gold role, rules' role, split, event key) for every candidate actor of every event
    whose source or target the example marks (PLV, ConfliBERT spans; VOA annotations). Event keys
    start at ``key_base``, so that two lists of examples keep their events apart."""
    from ..extract.coder_roles import role_rows, trigger_token

    out: list[tuple[dict, str, str | None, str, int]] = []
    for n, (example, (doc, ext)) in enumerate(zip(examples, parsed, strict=True)):
        for k, (trigger, kind, gold, rule) in enumerate(_role_events(example, doc, ext)):
            rule_source, rule_target = (rule.source, rule.target) if rule else (None, None)
            rules_actors = [a for a in (rule_source, rule_target) if a is not None]
            for actor, features in role_rows(
                doc, trigger, kind, rules_actors + ext.actors, rule_source, rule_target
            ):
                role = next(
                    (
                        r
                        for r in ROLE_LABELS
                        if gold[r] and actor.start < gold[r][1] and gold[r][0] < actor.end
                    ),
                    "none",
                )
                ruled = "source" if rule_source is actor else "target" if rule_target is actor else "none"
                out.append((features, role, ruled, example.split, key_base + n * 100 + k))
    _ = trigger_token
    return out


def _role_events(example, doc, ext):
    """(trigger token, type, gold spans, the rules' event at that trigger) of an example's events."""
    from ..extract.coder_roles import trigger_token

    text = doc.text
    if example.pool == "voa":
        for labelled in example.extra.get("events", []):
            where = _find(text, labelled.get("trigger"))
            span = doc.char_span(*where, alignment_mode="expand") if where else None
            if span is None or not len(span):
                continue
            gold = {
                r: _find(text, (labelled.get(r) or {}).get("text"))
                if not (labelled.get(r) or {}).get("implicit")
                else None
                for r in ROLE_LABELS
            }
            rule = next(
                (e for e in ext.events if (t := trigger_token(doc, e)) is not None and t.i == span.root.i),
                None,
            )
            yield span.root, labelled["type"], gold, rule
        return
    spans = example.extra.get("spans")
    if spans is None:
        spans = {r: _find(text, example.extra.get(r)) for r in ROLE_LABELS}
    if not any(spans.values()):
        return
    rule = None
    for event in sorted(ext.events, key=lambda e: -e.confidence):
        touched = [
            a
            for a in (event.source, event.target)
            if a is not None
            for r in ROLE_LABELS
            if spans[r] and a.start < spans[r][1] and spans[r][0] < a.end
        ]
        if touched:
            rule = event
            break
    rule = rule or (max(ext.events, key=lambda e: e.confidence) if ext.events else None)
    trigger = trigger_token(doc, rule) if rule else doc[:].root
    if trigger is not None:
        yield trigger, rule.type if rule else example.label, spans, rule


def conflibert_roles(shared: Path, options: Options) -> list:
    """ConfliBERT's source/target-tagged sentences (reciprocal parties count as sources)."""
    examples = []
    path = shared / "train" / "conflibert" / "cameo_ner_train_nogsr.txt"
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            word, _, tag = line.rpartition(" ")
            tokens.append((word, tag))
            continue
        if tokens:
            examples.append(_tagged_example(tokens))
            tokens = []
    examples = [e for e in pools.deduplicate(examples) if any(e.extra["spans"].values())]
    return role_examples(examples, list(parse([e.text for e in examples], options)), key_base=CONFLIBERT_KEYS)


def _tagged_example(tokens: list[tuple[str, str]]) -> pools.Example:
    """A sentence from CoNLL tokens, with the character span of its first source and target."""
    text = ""
    spans: dict[str, tuple[int, int] | None] = {"source": None, "target": None}
    previous = None
    for word, tag in tokens:
        start = len(text) + (1 if text else 0)
        text = f"{text} {word}" if text else word
        role = {"S": "source", "R": "source", "T": "target"}.get(tag[2:]) if tag[:2] in {"B-", "I-"} else None
        current = spans[role] if role else None
        if role and current is None:
            spans[role] = (start, len(text))
        elif role and current is not None and previous == role and tag.startswith("I-"):
            spans[role] = (current[0], len(text))  # only the first span of each role is kept
        previous = role
    example = pools._example(text, pools.NONE, "conflibert")
    example.extra["spans"] = spans
    return example


def train_roles(rows, cfg: dict, seed: int) -> tuple[LinearModel, dict]:
    train = [r for r in rows if r[3] == "train"]
    model = fit_rows(train, cfg, seed)
    report: dict = {"validation": validate_fill(train, cfg, seed)}
    for split in ("train", "heldout"):
        chosen = _choices([r for r in rows if r[3] == split], model)
        if chosen:
            report[split] = _accuracies(chosen)
    return model, report


def _accuracies(chosen: list[dict]) -> dict:
    """How often each of the three gets each role right, over every event and (``_marked``) over the
    events whose pool marks a party for that role: most pools leave a party unmarked rather than
    saying there is none, so an empty role counts as right only in the first."""
    out: dict = {"events": len(chosen)}
    for role in ROLE_LABELS:
        marked = [c for c in chosen if c[role]["gold"] is not None]
        out[f"{role}_marked_events"] = len(marked)
        for who in ("model", "rules", "coder"):
            for suffix, events in (("", chosen), ("_marked", marked)):
                right = sum(c[role][who] == c[role]["gold"] for c in events)
                out[f"{who}_{role}_accuracy{suffix}"] = round(right / max(1, len(events)), 3)
    return out


# the least model probabilities tried for filling a role the rules left empty (``fill_<role>`` in
# coder.yaml); above 1 the model never fills one
FILL_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def validate_fill(train, cfg: dict, seed: int, folds: int = 5) -> dict:
    """The coder's role accuracy on the training part of the pool alone, cross-fitted by event (each
    fifth of the events chosen for by a model fitted on the other four fifths), for every least
    probability at which the model may fill a role the rules left empty (``FILL_GRID``). This is
    where ``fill_target`` and ``fill_source`` are chosen; the held-out split is only reported."""
    from ..extract.coder import coder_settings

    settings = coder_settings()["roles"]
    chosen: list[dict] = []
    for fold in range(folds):
        held = [r for r in train if _fold(r[4], folds) == fold]
        fitted = fit_rows([r for r in train if _fold(r[4], folds) != fold], cfg, seed)
        chosen += _choices(held, fitted, keep_probs=True)
    out: dict = {"events": len(chosen), "shipped": _accuracies([_settle(c, settings) for c in chosen])}
    for role in ROLE_LABELS:
        # an event whose pool marks no party for the role counts an empty role as right, though
        # most pools only leave a party unmarked: the events that mark one are scored apart
        marked = [c for c in chosen if c[role]["gold"] is not None]
        out[f"{role}_marked_events"] = len(marked)
        for fill in FILL_GRID:
            tried = settings | {f"fill_{role}": fill}
            for name, events in (("all", chosen), ("marked", marked)):
                right = sum(_settle(c, tried)[role]["coder"] == c[role]["gold"] for c in events)
                out[f"{role}_fill_{fill}_{name}"] = round(right / max(1, len(events)), 4)
    return out


def _fold(key: int, folds: int) -> int:
    return int(hashlib.sha256(str(key).encode()).hexdigest(), 16) % folds


def _settle(choice: dict, settings: dict) -> dict:
    """The per-event choice recombined under other settings (``_choices`` with keep_probs)."""
    out = {}
    for role in ROLE_LABELS:
        c = dict(choice[role])
        c["coder"] = _combined(c["rules"], c["best"], c["probs"], role, settings)
        out[role] = c
    return out


def _choices(rows, model, keep_probs: bool = False) -> list[dict]:
    """Per event: the gold, the rules' and the model's pick (row index or None) for each role; the
    model's pick needs the least probability the coder ships with (``coder.yaml``). ``coder`` is what
    the two give together as the coder combines them (``coder_roles._choose``, without the
    sentence-level constraints, which need the parse): the rules' choice while the model gives it
    ``keep_rules_above``, else the model's pick, which must reach ``override_rules`` to replace a
    choice the rules made (failing that the rules' choice stands, as the coder's fallback keeps it)
    and ``fill_<role>`` to fill a role the rules left empty. It is the number that says whether the
    shipped roles beat the rules."""
    from ..extract.coder import coder_settings

    settings = coder_settings()["roles"]
    least = {role: settings[f"min_{role}"] for role in ROLE_LABELS}
    events: dict[int, list] = {}
    for i, row in enumerate(rows):
        events.setdefault(row[4], []).append(i)
    out = []
    for members in events.values():
        probs = {i: model.predict_proba(rows[i][0]) for i in members}
        pick = {}
        for role in ROLE_LABELS:
            gold = next((i for i in members if rows[i][1] == role), None)
            ruled = next((i for i in members if rows[i][2] == role), None)
            best = max(members, key=lambda i: probs[i][role])
            sure = probs[best][role] >= least[role]
            model_pick = best if sure else None
            pick[role] = {
                "gold": gold,
                "rules": ruled,
                "model": model_pick,
                "coder": _combined(ruled, best, probs, role, settings),
            }
            if keep_probs:
                pick[role] |= {"best": best, "probs": probs}
        out.append(pick)
    return out


def _combined(ruled: int | None, best: int, probs: dict, role: str, settings: dict) -> int | None:
    """The coder's choice for ``role`` from the rules' pick and the model's likeliest candidate (see
    ``_choices``): a role the rules left empty is filled only by a pick of ``fill_<role>``."""
    if ruled is not None and probs[ruled][role] >= settings["keep_rules_above"]:
        return ruled
    sure = probs[best][role] >= settings[f"min_{role}"]
    if ruled is None:
        return best if sure and probs[best][role] >= settings.get(f"fill_{role}", 0.0) else None
    if sure and probs[best][role] >= settings["override_rules"]:
        return best
    return ruled if settings["fallback"] == "rules" else None  # the coder falls back on the rules
