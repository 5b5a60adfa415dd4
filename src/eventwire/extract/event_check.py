"""The coder's last step: the learned event check gives each event its confidence and drops the
asserted events it finds unlikely to be right.

The check model (``learn/data/event_check.npz``, trained by ``make train`` on the events eventwire
itself extracts from the annotated VOA train stories, labelled by the annotations: right type,
line, parties and modality or not) reads what the rules and the other models decided about an
event (``learn/check.py``), including its score: the blended score through the logistic curve of
``coder.yaml``'s ``calibration``, which is the confidence when the check is off. The check's
probability becomes the event's confidence: the chance that the event is right as a whole.
"""

from __future__ import annotations

import math
from collections import Counter

from ..learn.check import check_features, shape_of
from ..learn.linear import load_model
from ..models import Event
from .base import Context, doc_sents, doc_tokens, sent_of, span_root, span_text

RIGHT = "right"


def check_events(
    ctx: Context, events: list[Event], settings: dict, relevance: float | None = None
) -> list[Event]:
    """The events that pass the check, each with its confidence set. ``relevance`` is the story's
    score by the relevance model: a story that is barely political news needs surer events."""
    for event in events:  # the check reads the calibrated score, as it was trained
        event.confidence = calibrated(event.confidence, settings["calibration"])
    model = load_model("event_check") if ctx.options.event_check else None
    # the check is trained on the events of whole stories (roles found from the story's context,
    # several events to a story): a text of a few sentences (a gold record, a headline) is not one
    if model is None or len(doc_sents(ctx.doc)[1]) < settings["check"]["min_sentences"]:
        return events
    per_sentence = Counter(event.evidence.sentence_start for event in events)
    floor = ctx.options.min_confidence
    if floor is None:
        floor = asserted_floor(settings, relevance)
    kept = []
    shapes: dict[int, tuple[bool, bool]] = {}  # a sentence's shape, once for all its events
    for event in events:
        trigger = span_root(ctx.doc, event.evidence.start, event.evidence.end)
        in_sentence = per_sentence[event.evidence.sentence_start]
        sent = sent_of(trigger) if trigger is not None else None
        shape = None
        if sent is not None:
            if sent.start not in shapes:
                shapes[sent.start] = _sentence_shape(sent)
            shape = shapes[sent.start]
        features = check_features(trigger, event, in_sentence, sent, shape)
        event.confidence = round(model.predict_proba(features)[RIGHT], 2)
        if event.modality != "asserted" or event.confidence >= floor:
            kept.append(event)
    return kept


def _sentence_shape(sent) -> tuple[bool, bool]:
    """``learn.check.sentence_shape`` read from the Doc's cached text and tokens."""
    quote_marks = sum(t.is_quote for t in doc_tokens(sent.doc)[sent.start : sent.end])
    return shape_of(span_text(sent), quote_marks)


def asserted_floor(settings: dict, relevance: float | None) -> float:
    """The confidence an asserted event needs: the check's floor, raised in a story the relevance
    model scores low. A story just above ``min_relevance`` is most often a business, media or
    technology story on politics (an IMF loan, an EU budget row) whose events are read off a story
    that is no political news; from ``low_relevance.below`` down to ``min_relevance`` the floor
    rises in a straight line to ``low_relevance.needs``, so only the surest events of such a story
    stay, and a political story that scores low keeps its clearest events."""
    floor = settings["check"]["min_asserted"]
    ramp = settings["check"].get("low_relevance")
    if relevance is None or not ramp or relevance >= ramp["below"]:
        return floor
    bottom = settings["relevance"]["min_relevance"]
    share = min(1.0, (ramp["below"] - relevance) / max(ramp["below"] - bottom, 1e-9))
    return floor + share * (ramp["needs"] - floor)


def calibrated(score: float, cfg: dict) -> float:
    """The chance that an event with this score is a real event of the right type and parties:
    a logistic curve fitted on the VOA train stories (docs/models.md, "Confidence")."""
    return round(1.0 / (1.0 + math.exp(-(cfg["slope"] * score + cfg["intercept"]))), 2)
