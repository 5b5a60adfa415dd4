"""Features of the event check: is an event the coder is about to emit right, as a whole?

The check reads what the rules and the other models decided about one event (its type, modality,
mode, roles and how their countries were found, the blended score) and where its trigger sits in
the parse (a noun or a verb, the sentence's root or a clause under another verb, a question, a
quotation). Word forms are left out on purpose: trained on a few hundred annotated events, lemma
features learnt the training stories (5-fold cross-validated AUC 0.732 with them, 0.747 without;
docs/models.md, "The event check").
"""

from __future__ import annotations

from ..models import Actor, Event

SCORE_STEPS = (0.2, 0.3, 0.4, 0.5, 0.6)
MAX_IN_SENTENCE = 4


def check_features(trigger, event: Event, in_sentence: int, sent=None) -> dict[str, float]:
    """``trigger``: the event's trigger token (or None); ``in_sentence``: how many events the coder
    keeps in the trigger's sentence, this one included; ``sent``: the trigger's sentence, when the
    caller has it at hand (``Token.sent`` walks the Doc on every call)."""
    feats: dict[str, float] = {f"type={event.type}": 1.0, f"modality={event.modality}": 1.0}
    if trigger is not None:
        feats.update(_trigger_place(trigger, event.type, sent))
    feats.update(_role("source", event.source))
    feats.update(_role("target", event.target))
    feats["mode"] = float(bool(event.mode))
    feats["counts"] = float(bool(event.counts))
    feats["attributed"] = float(event.attribution is not None and event.attribution.speaker_text is not None)
    feats["in_sentence"] = min(in_sentence, MAX_IN_SENTENCE) / MAX_IN_SENTENCE
    feats["score"] = event.confidence
    for step in SCORE_STEPS:
        feats[f"score>={step}"] = float(event.confidence >= step)
    return feats


def _trigger_place(trigger, event_type: str, sent=None) -> dict[str, float]:
    feats = {
        f"pos={trigger.pos_}": 1.0,
        f"dep={trigger.dep_}": 1.0,
        f"type_pos={event_type}_{trigger.pos_}": 1.0,
    }
    if trigger.dep_ == "ROOT":
        feats["root"] = 1.0
    else:
        feats[f"head_pos={trigger.head.pos_}"] = 1.0
        feats[f"dep_head_pos={trigger.dep_}_{trigger.head.pos_}"] = 1.0
    if any(child.dep_ == "neg" for child in trigger.children):
        feats["negated_trigger"] = 1.0
    sent = trigger.sent if sent is None else sent
    if sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
        feats["question"] = 1.0
    if sum(token.is_quote for token in sent) >= 2:
        feats["quoted"] = 1.0
    return feats


def _role(role: str, actor: Actor | None) -> dict[str, float]:
    if actor is None:
        return {f"{role}=none": 1.0}
    return {
        f"{role}_sector={actor.sector}": 1.0,
        f"{role}_country": float(actor.country is not None),
        f"{role}_reason={actor.country_reason}": 1.0,
    }
