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


def check_features(
    trigger, event: Event, in_sentence: int, sent=None, shape: tuple[bool, bool] | None = None
) -> dict[str, float]:
    """``trigger``: the event's trigger token (or None); ``in_sentence``: how many events the coder
    keeps in the trigger's sentence, this one included; ``sent``: the trigger's sentence, when the
    caller has it at hand (``Token.sent`` walks the Doc on every call); ``shape``: that sentence's
    ``sentence_shape``, when the caller keeps it for the sentence's other events."""
    feats: dict[str, float] = {f"type={event.type}": 1.0, f"modality={event.modality}": 1.0}
    if trigger is not None:
        feats.update(_trigger_place(trigger, event.type, sent, shape))
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


def sentence_shape(sent) -> tuple[bool, bool]:
    """Is the sentence a question, and does it hold a quotation (two quote marks or more)? The same
    for every event of the sentence, and reading it rebuilds the sentence's text and Tokens."""
    return shape_of(sent.text, sum(token.is_quote for token in sent))


def shape_of(text: str, quote_marks: int) -> tuple[bool, bool]:
    """``sentence_shape`` from the sentence's text and its number of quote-mark tokens, for a caller
    that keeps both at hand."""
    return text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"), quote_marks >= 2


def _trigger_place(
    trigger, event_type: str, sent=None, shape: tuple[bool, bool] | None = None
) -> dict[str, float]:
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
    if shape is None:
        shape = sentence_shape(trigger.sent if sent is None else sent)
    question, quoted = shape
    if question:
        feats["question"] = 1.0
    if quoted:
        feats["quoted"] = 1.0
    return feats


def _role(role: str, actor: Actor | None) -> dict[str, float]:
    # a group of states of no one country ("donors") is read as no party: the check's chance for
    # an event is what it was before such groups were actors, so one never keeps or drops an event
    if actor is None or actor.stand_in:
        return {f"{role}=none": 1.0}
    return {
        f"{role}_sector={actor.sector}": 1.0,
        f"{role}_country": float(actor.country is not None),
        f"{role}_reason={actor.country_reason}": 1.0,
    }
