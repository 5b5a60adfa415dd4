"""The learned event coder: models trained on real data judge, retype and add the rules' events.

For every sentence the event-type model (``learn/data/event_type.npz``) reads the sentence's words,
the CAMEO verb dictionary and what the trigger rules found there (as features), and gives a
probability to each PLOVER type and to "no event". The thresholds in ``learn/data/coder.yaml`` say
what follows: rule events of a sentence that is no event are dropped; the main rule event takes
the model's type when the model is sure and the rules' type unlikely; a sentence the rules found
nothing in gets an event (roles from the parse, as for rule events) when the model is sure. The
story-relevance model drops every event of a story that is not political news. Each event's
score blends the rules' score with the model's probability of its type; last, the event check
(``event_check.py``) turns it into the event's confidence and drops unlikely asserted events.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

import yaml

from ..learn.features import (
    RuleHint,
    document_features,
    mode_features,
    sentence_features,
    story_words,
    trigger_features,
)
from ..learn.linear import load_model
from ..learn.modes import best_mode
from ..learn.pools import NONE
from ..models import Event, Evidence
from .attribution import attribution_for
from .background import carry_background
from .base import Context, SentenceTokens, component, doc_ents, doc_tokens, sent_of
from .coder_roles import assign_roles, trigger_token
from .event_answers import answered_target
from .event_check import check_events
from .event_lexicon import Trigger, modality_lexicon, trigger_lexicon, verb_lemma
from .event_roles import verb_roles
from .events import attach_context, mode_of
from .hazards import natural_cause
from .lexicon import words_for
from .modality import modality_of
from .modality_claims import own_grievance
from .nonevents import reports_figure, reports_no_act, speech_not_act
from .speech_roles import speaker_roles

SETTINGS = Path(__file__).parents[1] / "learn" / "data" / "coder.yaml"
VERBAL_ROOTS = {"VERB"}


@lru_cache(maxsize=1)
def coder_settings() -> dict:
    return yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))


def rule_hints(doc, events: list[Event]) -> list[RuleHint]:
    hints = []
    for event in events:
        root = trigger_token(doc, event)
        if root is not None:
            hints.append(RuleHint(event.type, event.modality, root.i))
    return hints


def story_relevance(ctx: Context) -> float | None:
    model = load_model("relevance")
    if model is None:
        return None
    words = story_words(ctx.article.text)
    if len(words) < coder_settings()["relevance"]["min_words"]:
        return None
    return model.predict_proba(document_features(words))["relevant"]


@component(
    "coder",
    order=75,
    version="0.1",
    requires=("events", "actors", "actor_index", "places", "times", "counts", "quotes"),
    assigns=("events", "meta.relevance"),
)
def code_events(ctx: Context) -> None:
    if not ctx.options.coder:
        return
    settings = coder_settings()
    relevance = story_relevance(ctx)
    if relevance is not None:
        ctx.article.meta["relevance"] = round(relevance, 3)
        if relevance < settings["relevance"]["min_relevance"]:
            ctx.result.events = []
            return
    model = load_model("event_type")
    if model is None:
        return
    sentences = list(ctx.doc.sents)
    starts = [sent.start_char for sent in sentences]
    by_sentence: dict[int, list[Event]] = {}
    for event in ctx.result.events:  # the sentence holding the trigger (evidence may span more)
        by_sentence.setdefault(max(0, bisect.bisect_right(starts, event.evidence.start) - 1), []).append(
            event
        )
    kept: list[Event] = []
    numbered: list[tuple[int, Event]] = []  # the kept events with their sentence's number
    tokens, ents = doc_tokens(ctx.doc), _ents_by_sentence(ctx.doc, sentences, starts)
    for n, sent in enumerate(sentences):
        events = by_sentence.get(n, [])
        if not events and sent.root.pos_ not in VERBAL_ROOTS:
            continue  # the model could only add an event here, and _model_event needs a verbal root
        features = sentence_features(
            sent, rule_hints(ctx.doc, events), ents[n], list(tokens[sent.start : sent.end])
        )
        probs = model.predict_proba(features)
        judged = _judge(ctx, sent, events, probs, settings["event_type"])
        for event in judged:  # again with the types as judged ("called a meeting" is now a REQUEST)
            if (head := trigger_token(ctx.doc, event)) is not None and head.pos_ in VERBAL_ROOTS:
                answered_target(ctx, event, _trigger(head, event.type), numbered, n)
        numbered += [(n, event) for event in judged]
        kept += judged
    for event in kept:
        assign_roles(ctx, event, settings["roles"])
        speaker_roles(ctx, event)  # reported speech: the speaker makes the speech act
        judge_modality(ctx, event, settings["modality"])
        threat_made(event, settings["modality"])
        judge_mode(ctx, event, settings["mode"])
    carry_background(ctx, numbered, sentences, frozenset(settings["background"]["said_acts"]))
    ctx.result.events = check_events(ctx, kept, settings, relevance)


def _ents_by_sentence(doc, sentences: list, starts: list[int]) -> list[list]:
    """``sent.ents`` of every sentence from one pass over the cached entities: the entities that
    lie wholly inside it, in order."""
    found: list[list] = [[] for _ in sentences]
    for ent in doc_ents(doc):
        n = bisect.bisect_right(starts, ent.start_char) - 1
        if n >= 0 and sentences[n].start <= ent.start and ent.end <= sentences[n].end:
            found[n].append(ent)
    return found


def _judge(ctx: Context, sent, events: list[Event], probs: dict[str, float], cfg: dict) -> list[Event]:
    best = max(probs, key=probs.__getitem__)
    if not events:
        if best != NONE and probs[best] >= cfg["add"]:
            added = _model_event(ctx, sent, best, probs[best])
            return [added] if added is not None else []
        return []
    # only asserted events are judged: the rules' reading of a hedged or future clause is kept (it
    # is not counted as an event by default), and PLOVER codes intentions by their modality
    asserted = [e for e in events if e.modality == "asserted"]
    if (
        asserted
        and probs[NONE] >= cfg["drop_none"]
        and max(probs.get(e.type, 0.0) for e in asserted) < cfg["keep_rule_type"]
    ):
        events = [e for e in events if e.modality != "asserted"]
        if not events:
            return []
    main = max(events, key=lambda e: e.confidence)
    if (
        main.modality == "asserted"
        and best not in (NONE, main.type)
        # the model reads the whole sentence: when another rule event there already has its type
        # ("denounced the delay and threatened to break the cease-fire" is ACCUSE to the model),
        # that event is what it saw, and retyping the main one would only repeat it
        and all(e.type != best for e in events)
        and probs[best] >= cfg["retype"]
        and probs.get(main.type, 0.0) < cfg["retype_rule_below"]
    ):
        main.type = best
        head = trigger_token(ctx.doc, main)
        mode = (
            mode_of(_trigger(head, best), trigger_lexicon(tuple(ctx.options.lexicon_dirs))) if head else None
        )
        main.mode = [mode] if mode else []
    weight = cfg["confidence_weight"]
    for event in events:
        event.confidence = round((1 - weight) * event.confidence + weight * probs.get(event.type, 0.0), 2)
    return events


def _model_event(ctx: Context, sent, kind: str, probability: float) -> Event | None:
    """An event the rules missed: its trigger is the sentence's main verb, its roles the verb's."""
    root = sent.root
    mlex = modality_lexicon(tuple(ctx.options.lexicon_dirs))
    if (
        root.pos_ not in VERBAL_ROOTS
        or natural_cause(ctx, root)
        or _framing(ctx, root)
        or reports_no_act(root)  # a question, talk about a topic, what a poll found
        or _reports_talk(root, mlex)
        or _figure(root)
    ):
        return None
    if kind != "REQUEST" and _asks(ctx, root):
        return None  # "proposed a plan for supporting Ukraine": what is proposed is no event yet
    modality = _reported_modality(root, kind, ctx.article.published, mlex)
    head = _reported_act(ctx, root, kind, mlex) or root
    if modality == "asserted" and own_grievance(head, kind, mlex["attribution_verbs"]):
        modality = "alleged"  # "the ministry said its embassy came under attack": its claim
    source, target = verb_roles(ctx, head, None, range(head.i, head.i + 1), origin_from=kind == "ASSAULT")
    if source is not None and target is not None and source.start == target.start:
        target = None
    event = Event(
        type=kind,
        trigger=head.text,
        evidence=Evidence(head.idx, head.idx + len(head.text), sent.start_char, sent.end_char),
        source=source,
        target=target,
        modality=modality,
        confidence=round(0.5 * probability + 0.15 * (source is not None) + 0.15 * (target is not None), 2),
    )
    event.attribution = attribution_for(ctx, head, mlex)
    trigger = _trigger(head, kind)
    mode = mode_of(trigger, trigger_lexicon(tuple(ctx.options.lexicon_dirs)))
    event.mode = [mode] if mode else []
    attach_context(ctx, event, trigger)
    return event


def _reported_modality(root, kind: str, published: str | None, mlex: dict) -> str:
    """An event the model found in a sentence whose main verb reports it ("the president said the
    tariffs would take effect Wednesday"): unless saying is the act itself (an accusation, a demand,
    a statement of support), the reported clause is the event, and its future, hypothetical or
    negated reading is the event's."""
    own = modality_of(root, published, mlex)
    cfg = coder_settings()["reported"]
    reporting = root.lemma_.lower() in mlex["attribution_verbs"]
    if own == "asserted" and reporting and _hoped(root, mlex):
        return "future"  # "rights groups say they hope to persuade Bangkok": a hope, no demand made
    if own != "asserted" or kind in cfg["speech_acts"] or not reporting:
        return own
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
    reported = modality_of(clause, published, mlex) if clause is not None else own
    if reported == "asserted" and clause is not None:  # "I'm hoping they will reach out", Ivey told VOA
        governors = mlex["future"]["governors"] | mlex["hypothetical"]["governors"]
        wish = verb_lemma(clause, governors)  # "hoping" is lemmatised "hop"
        if wish in mlex["future"]["governors"]:
            reported = "future"
        elif wish in mlex["hypothetical"]["governors"]:
            reported = "hypothetical"
    return reported if reported in cfg["modalities"] else own


def _hoped(root, mlex: dict) -> bool:
    """The reported clause, or a clause joined to it, is a hope or a wish of the speaker's ("said
    they hope to see peacekeepers come", "say they take little comfort and still hope to persuade
    the government"): what is hoped for is neither done nor asked for."""
    wishes = mlex["hypothetical"]["wish_words"]
    clauses = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
    clauses += [j for c in clauses for j in c.conjuncts if j.pos_ == "VERB"]
    return any(verb_lemma(c, wishes) in wishes and _to_clause(c) for c in clauses)


def _to_clause(verb) -> bool:
    """The wish verb governs what is wished: "hope to see", "hope that they will" (not "hope" alone)."""
    return any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children)


def _reported_act(ctx: Context, root, kind: str, mlex: dict):
    """The verb of the clause a reporting verb reports, when that clause has a subject of its own and
    saying is not the act itself ("the Thai government said Beijing had assured it ...": Beijing
    assured, the government only reports it); None otherwise."""
    if kind in coder_settings()["reported"]["speech_acts"] or not _reporting(root, mlex):
        return None
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
    if clause is None or clause.pos_ != "VERB" or natural_cause(ctx, clause):
        return None
    own = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"PROPN", "NOUN"}]
    return clause if own else None


def _reporting(root, mlex: dict) -> bool:
    """A verb that attributes what follows to someone ("said", "told", "according to")."""
    return root.lemma_.lower() in mlex["attribution_verbs"]


def _reports_talk(root, mlex: dict) -> bool:
    """A reporting verb whose clause only talks ("'Ishiba has spoken openly about the challenges,'
    said an analyst"): a comment on a comment, no act to anchor an event on."""
    return _reporting(root, mlex) and any(c.dep_ == "ccomp" and speech_not_act(c) for c in root.children)


def _figure(root) -> bool:
    """The sentence states a figure, itself or in the clause its main verb reports ("the number of
    people arrested has climbed to 300, police figures show"): no act to anchor an event on."""
    return reports_figure(root) or any(c.dep_ == "ccomp" and reports_figure(c) for c in root.children)


def _asks(ctx: Context, root) -> bool:
    """A verb of asking or proposing ("called Canada a tariff king" names, it asks for nothing)."""
    lemma = root.lemma_.lower()
    return lemma in words_for(ctx, "request_governors") and lemma not in words_for(ctx, "convening_governors")


def _framing(ctx: Context, root) -> bool:
    """The main verb only places one event beside another ("The warning comes as the Senate
    prepares to vote", "The unrest comes amid evictions"): no act of its own to anchor an event on."""
    if root.lemma_.lower() not in words_for(ctx, "framing_verbs"):
        return False
    framing = words_for(ctx, "framing_preps")
    preps = [c for c in root.children if c.dep_ == "prep"]
    if any(p.lower_ not in framing for p in preps):
        return False  # "came under attack as it passed": the verb carries an event noun
    marks = [g for c in root.children if c.dep_ == "advcl" for g in c.children if g.dep_ == "mark"]
    return any(t.lower_ in framing for t in preps + marks)


def _trigger(head, kind: str) -> Trigger:
    return Trigger(head=head, type=kind, mode=None, start=head.i, end=head.i + 1, rule="verb")


def judge_modality(ctx: Context, event: Event, cfg: dict) -> None:
    """The modality model's reading replaces the rules' when it is sure of another one."""
    model = load_model("modality")
    trigger = trigger_token(ctx.doc, event) if model is not None else None
    if trigger is None:
        return
    hint = RuleHint(event.type, event.modality, trigger.i)
    sent = SentenceTokens.of(sent_of(trigger))
    features = trigger_features(trigger, hint, ctx.article.published, sent)
    probs = model.predict_proba(features)
    best = max(probs, key=probs.__getitem__)
    if best != event.modality and best in cfg["may_become"] and probs[best] >= cfg["override"]:
        if best == "alleged" and event.type in cfg["said_acts"]:
            return  # an accusation or a threat is made: what it says is the claim, not the saying
        if best != "historical" or not _years_not_its_own(features):
            event.modality = best


def threat_made(event: Event, cfg: dict) -> None:
    """A threat its maker voices in the future tense ("'I will raise the tariffs,' Trump declared")
    is a threat made now: the future is what it threatens. Only when the speaker is the one who
    threatens; "the army will threaten the rebels" is still to come."""
    if event.type not in cfg["threats"] or event.modality != "future" or event.attribution is None:
        return
    speaker, source = event.attribution.speaker, event.source
    if speaker is None or source is None:
        return
    same_name = speaker.canonical_id is not None and speaker.canonical_id == source.canonical_id
    if speaker.id == source.id or same_name or speaker.text == source.text:
        event.modality = "asserted"


def judge_mode(ctx: Context, event: Event, cfg: dict) -> None:
    """An event the rules gave no mode takes the mode model's pick among its type's modes when the
    model is sure enough; a mode the rules found (from the trigger's own words) is kept."""
    model = load_model("mode")
    if event.mode or model is None:
        return
    trigger = trigger_token(ctx.doc, event)
    if trigger is None:
        return
    features = mode_features(trigger, event.type, None, SentenceTokens.of(sent_of(trigger)))
    mode, probability = best_mode(model, features, event.type)
    if mode is not None and probability >= cfg["fill"]:
        event.mode = [mode]


def _years_not_its_own(features: dict[str, float]) -> bool:
    """The sentence's only years name a thing ("signed the 2018 agreement on Monday") or date an
    act the event speaks of ("blamed Rwanda for walking out in 2019"): the model then may not call
    the event historical on the strength of those years."""
    return bool({"year_naming", "year_nested"} & set(features)) and not {"year_near", "year_sentence"} & set(
        features
    )
