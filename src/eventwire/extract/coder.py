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
    role_features,
    sentence_features,
    story_words,
    trigger_features,
)
from ..learn.linear import load_model
from ..learn.modes import best_mode
from ..learn.pools import NONE
from ..models import Actor, Event, Evidence
from .attribution import attribution_for
from .base import Context, component, doc_ents, doc_tokens, expanded_span, sent_of, span_root
from .coref import named_actors
from .event_check import check_events
from .event_lexicon import Trigger, modality_lexicon, trigger_lexicon, verb_lemma
from .event_roles import natural_cause, verb_roles
from .events import attach_context, mode_of
from .lexicon import words_for
from .modality import modality_of
from .nonevents import in_question
from .places import PLACE_LABELS

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
    requires=("events", "actors", "actor_index", "places", "times", "counts"),
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
    tokens, ents = doc_tokens(ctx.doc), _ents_by_sentence(ctx.doc, sentences, starts)
    for n, sent in enumerate(sentences):
        events = by_sentence.get(n, [])
        features = sentence_features(
            sent, rule_hints(ctx.doc, events), ents[n], list(tokens[sent.start : sent.end])
        )
        probs = model.predict_proba(features)
        kept += _judge(ctx, sent, events, probs, settings["event_type"])
    for event in kept:
        assign_roles(ctx, event, settings["roles"])
        judge_modality(ctx, event, settings["modality"])
        judge_mode(ctx, event, settings["mode"])
    ctx.result.events = check_events(ctx, kept, settings)


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
    if root.pos_ not in VERBAL_ROOTS or natural_cause(ctx, root) or _framing(ctx, root) or in_question(root):
        return None  # a question asks, it reports no event
    if kind != "REQUEST" and _asks(ctx, root):
        return None  # "proposed a plan for supporting Ukraine": what is proposed is no event yet
    mlex = modality_lexicon(tuple(ctx.options.lexicon_dirs))
    modality = _reported_modality(root, kind, ctx.article.published, mlex)
    head = _reported_act(ctx, root, kind, mlex) or root
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


def _reported_act(ctx: Context, root, kind: str, mlex: dict):
    """The verb of the clause a reporting verb reports, when that clause has a subject of its own and
    saying is not the act itself ("the Thai government said Beijing had assured it ...": Beijing
    assured, the government only reports it); None otherwise."""
    speech_acts = coder_settings()["reported"]["speech_acts"]
    if kind in speech_acts or root.lemma_.lower() not in mlex["attribution_verbs"]:
        return None
    clause = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
    if clause is None or clause.pos_ != "VERB" or natural_cause(ctx, clause):
        return None
    own = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"PROPN", "NOUN"}]
    return clause if own else None


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


def _same(actor: Actor, other: Actor | None) -> bool:
    return other is not None and actor.start < other.end and other.start < actor.end


def trigger_token(doc, event: Event):
    return span_root(doc, event.evidence.start, event.evidence.end)


def role_rows(doc, trigger, event_type: str, actors: list[Actor], rule_source, rule_target):
    """(actor, features) for every actor of the trigger's sentence that could fill a role."""
    sent = sent_of(trigger)
    seen: set[tuple[int, int]] = set()
    rows = []
    in_sentence = sorted(
        (a for a in actors if sent.start_char <= a.start < sent.end_char), key=lambda a: (a.start, -a.end)
    )
    for actor in in_sentence:
        span = expanded_span(doc, actor.start, actor.end)
        if (
            (actor.start, actor.end) in seen
            or span is None
            or not len(span)
            or span.start <= trigger.i < span.end
        ):
            continue
        seen.add((actor.start, actor.end))
        rule_role = "source" if _same(actor, rule_source) else "target" if _same(actor, rule_target) else None
        features = role_features(trigger, span, event_type, rule_role, len(rows), actor.sector)
        rows.append((actor, features | _kin(actor, rule_source)))
    return rows


def _kin(actor: Actor, source: Actor | None) -> dict[str, float]:
    """Whether a candidate is another mention of the rules' source, or of its country ("Tehran
    rejected ... Iran's program"): an actor is rarely its own target."""
    if source is None or _same(actor, source):
        return {}
    if actor.canonical_id and actor.canonical_id == source.canonical_id:
        return {"kin:same_actor": 1.0}
    if actor.country and actor.country == source.country:
        return {"kin:same_country": 1.0}
    return {"kin:other": 1.0} if actor.country and source.country else {}


def assign_roles(ctx: Context, event: Event, cfg: dict) -> None:
    """Source and target chosen by the role model among the sentence's actors.

    A role the model is not sure of keeps the rules' choice when the rules took it from outside the
    sentence (an actor carried from earlier sentences); a named actor in the sentence is never left
    out when the event would otherwise have no actor at all.
    """
    model = load_model("roles")
    trigger = trigger_token(ctx.doc, event) if model is not None else None
    if trigger is None:
        return
    # the rules' own actors first: the same words may carry a country the rules inferred from context,
    # and a place taken as target ("shelled Sivas") is a candidate only through them
    rules_actors = [a for a in (event.source, event.target) if a is not None]
    # pronoun mentions are no candidates: the role model was trained on named and described actors, and
    # the rules already read a pronoun role as the named actor it stands for
    candidates = list(named_actors(ctx))
    if event.target is not None and _press_addressee(ctx, event.target, trigger, cfg):
        rules_actors.remove(event.target)
        event.target = None
    placed = _drop_settings(ctx, event, trigger, rules_actors, cfg)
    rows = role_rows(ctx.doc, trigger, event.type, rules_actors + candidates, event.source, event.target)
    rows = [r for r in rows if not _press_addressee(ctx, r[0], trigger, cfg)]
    if not rows:
        return
    probs = [model.predict_proba(features) for _, features in rows]
    fallback = _carried if cfg["fallback"] == "carried" else _rules_choice
    # the model picks among parties only: a place named as where something happened ("in Goma") is
    # a target only when the rules read it so ("shelled Sivas", "a curfew in Sudan"), never a doer
    everyone = [i for i in range(len(rows)) if not _setting(ctx, rows[i][0])]
    doers = [
        i
        for i in everyone
        if not _object_of(ctx, rows[i][0], trigger) and not _outside_passive(ctx, rows[i][0], trigger)
    ]
    source = _choose(rows, probs, "source", event.source, doers, trigger, cfg)
    source = source if source is not None else fallback(ctx, event.source, trigger)
    # nor is a party joined to the source ("Peru and Chile agreed") its target: a joint act
    others = [i for i in everyone if source is None or not _joined(ctx, rows[i][0], source)]
    if source is not None and _two_sided(ctx, source):
        others = []  # both parties are the source ("U.S. and Russian negotiators"): the rules' target only
    target = _choose(rows, probs, "target", event.target, others, trigger, cfg)
    target = target if target is not None else fallback(ctx, event.target, trigger)
    if target is None and placed is not None and not _same(placed, source):
        target = placed  # no party found: where it happened stands for whom it concerned (PLOVER)
    if source is None and target is None and everyone:  # a named actor in the sentence is never left out
        best = max(everyone, key=lambda i: max(probs[i]["source"], probs[i]["target"]))
        if probs[best]["source"] >= probs[best]["target"]:
            source = rows[best][0]
        else:
            target = rows[best][0]
    event.source, event.target = source, target
    if source is not None and _same(source, target):
        event.target = None


def _drop_settings(ctx: Context, event: Event, trigger, rules_actors: list[Actor], cfg: dict) -> Actor | None:
    """A place the rules read as a party only because it is named as where things happen ("said at
    a news conference in Toronto", "a meeting last month in Doha") is no party: never the source,
    and the target only of acts done to a place ("lifted the curfew in Sudan", ``place_target_types``)
    or when no party is found. Returns the place target dropped, if any."""

    def placed(actor: Actor | None) -> bool:  # in this sentence: a carried actor's phrase is elsewhere
        return actor is not None and _carried(ctx, actor, trigger) is None and _setting(ctx, actor)

    if placed(event.source):
        rules_actors.remove(event.source)
        event.source = None
    if (
        placed(event.target)
        and event.target in rules_actors
        and not (event.type in cfg["place_target_types"] and _place_acted_on(ctx, event.target, trigger))
    ):
        rules_actors.remove(event.target)
        dropped, event.target = event.target, None
        return dropped
    return None


def _place_acted_on(ctx: Context, actor: Actor, trigger) -> bool:
    """The place's phrase hangs from the trigger or from what the trigger acts on ("imposed a curfew
    in Sudan"), not from some other word of the sentence ("said at a news conference in Toronto")."""
    root = _root_of(ctx, actor)
    if root is None:
        return False
    governor = root.head.head
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass", "attr", "obj"}]
    return governor.i == trigger.i or any(o.left_edge.i <= governor.i <= o.right_edge.i for o in objects)


def _root_of(ctx: Context, actor: Actor):
    return span_root(ctx.doc, actor.start, actor.end)


def _setting(ctx: Context, actor: Actor) -> bool:
    """A place in a locative phrase ("in Goma", "near the border"): where, not who."""
    root = _root_of(ctx, actor)
    anchor = root.head if root is not None and root.dep_ == "appos" else root  # "at Guantanamo Bay, Cuba"
    if (
        anchor is None
        or anchor.dep_ != "pobj"
        or anchor.head.lower_ not in words_for(ctx, "actor_place_preps")
    ):
        return False
    # a place by its entity label, the places found, or as coded: a bare country code ("Goma" tagged
    # as a person by the parser still stands for the Congo as a place)
    bare_country = actor.sector is None and (actor.canonical_id or "").startswith("c:")
    return (
        root.ent_type_ in PLACE_LABELS
        or bare_country
        or any(p.start == actor.start for p in ctx.result.places)
    )


def _two_sided(ctx: Context, actor: Actor) -> bool:
    """One mention naming two parties joined by a conjunction ("U.S. and Russian negotiators")."""
    span = expanded_span(ctx.doc, actor.start, actor.end)
    return span is not None and any(t.dep_ == "conj" and t.head.i >= span.start for t in span)


def _object_of(ctx: Context, actor: Actor, trigger) -> bool:
    """The trigger verb's own direct object ("attacked a police station") is done to, never the doer."""
    root = _root_of(ctx, actor)
    return root is not None and root.dep_ == "dobj" and root.head.i == trigger.i


def _outside_passive(ctx: Context, actor: Actor, trigger) -> bool:
    """A passive clause set beside another verb with no agent of its own ("condemned the brutality,
    as eight demonstrators were killed") names no doer; whoever acts in the governing clause is not
    it."""
    if trigger.dep_ != "advcl" or not any(c.dep_ == "nsubjpass" for c in trigger.children):
        return False
    root = _root_of(ctx, actor)
    return root is not None and not (trigger.left_edge.i <= root.i <= trigger.right_edge.i)


def _joined(ctx: Context, actor: Actor, source: Actor) -> bool:
    """The source itself, or a party coordinated with it ("Peru and Chile", "U.S. and Russian")."""
    if _same(actor, source):
        return True
    mine, theirs = _root_of(ctx, actor), _root_of(ctx, source)
    if mine is None or theirs is None:
        return False
    return any(
        a.dep_ == "conj" and a.head.i == b.i or a.dep_ == "conj" and b.dep_ == "conj" and a.head.i == b.head.i
        for a, b in ((mine, theirs), (theirs, mine))
    )


def _press_addressee(ctx: Context, actor: Actor, trigger, cfg: dict) -> bool:
    """The press a statement is told to ("told reporters", "said to VOA") is its audience, not the
    party the statement is about."""
    if actor.sector not in cfg["press_sectors"]:
        return False
    root = _root_of(ctx, actor)
    if root is None:
        return False
    governor = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "to" else root.head
    telling = words_for(ctx, "telling_verbs")
    return governor.i == trigger.i and trigger.lemma_.lower() in telling


def _choose(rows, probs, role: str, rules_actor: Actor | None, among, trigger, cfg: dict) -> Actor | None:
    """The actor for ``role``: the rules' choice while the model finds it plausible, else the model's
    pick. A role the rules left empty takes any pick; the rules' own choice yields only to a surer
    pick, and an actor they carried from an earlier sentence only to a confident one."""
    kept = _keep_rules(rows, probs, role, rules_actor, cfg)
    if kept is not None:
        return rows[kept][0]
    pick = _pick(rows, probs, role, among, cfg)
    if pick is None or rules_actor is None:
        return rows[pick][0] if pick is not None else None
    carried = _carried(None, rules_actor, trigger) is not None
    needed = cfg["override_carried"] if carried else cfg["override_rules"]
    return rows[pick][0] if probs[pick][role] >= needed else None


def _keep_rules(rows, probs, role: str, chosen: Actor | None, cfg: dict) -> int | None:
    """The rules' own choice for ``role`` while the model finds it plausible enough."""
    if chosen is None:
        return None
    i = next((i for i, (actor, _) in enumerate(rows) if actor is chosen), None)
    return i if i is not None and probs[i][role] >= cfg["keep_rules_above"] else None


def _pick(rows, probs, role: str, among, cfg: dict) -> int | None:
    """The most probable candidate for ``role``, if sure enough; between candidates the model
    finds about as likely (within ``country_margin``), one with a country beats one without."""
    among = list(among)
    if not among:
        return None
    best = max(among, key=lambda i: probs[i][role])
    if probs[best][role] < cfg[f"min_{role}"]:
        return None
    if rows[best][0].country is None:
        coded = [
            i
            for i in among
            if rows[i][0].country and probs[i][role] >= probs[best][role] - cfg["country_margin"]
        ]
        if coded:
            return max(coded, key=lambda i: probs[i][role])
    return best


def _rules_choice(ctx: Context, actor: Actor | None, trigger) -> Actor | None:
    return actor


def _carried(ctx: Context | None, actor: Actor | None, trigger) -> Actor | None:
    """The rules' actor when it lies outside the trigger's sentence (carried from context)."""
    sent = sent_of(trigger)
    if actor is not None and not (sent.start_char <= actor.start < sent.end_char):
        return actor
    return None


def judge_modality(ctx: Context, event: Event, cfg: dict) -> None:
    """The modality model's reading replaces the rules' when it is sure of another one."""
    model = load_model("modality")
    trigger = trigger_token(ctx.doc, event) if model is not None else None
    if trigger is None:
        return
    hint = RuleHint(event.type, event.modality, trigger.i)
    features = trigger_features(trigger, hint, ctx.article.published, sent_of(trigger))
    probs = model.predict_proba(features)
    best = max(probs, key=probs.__getitem__)
    if best != event.modality and best in cfg["may_become"] and probs[best] >= cfg["override"]:
        if best != "historical" or not _dated_by_a_name_only(features):
            event.modality = best


def judge_mode(ctx: Context, event: Event, cfg: dict) -> None:
    """An event the rules gave no mode takes the mode model's pick among its type's modes when the
    model is sure enough; a mode the rules found (from the trigger's own words) is kept."""
    model = load_model("mode")
    if event.mode or model is None:
        return
    trigger = trigger_token(ctx.doc, event)
    if trigger is None:
        return
    features = mode_features(trigger, event.type, None, sent_of(trigger))
    mode, probability = best_mode(model, features, event.type)
    if mode is not None and probability >= cfg["fill"]:
        event.mode = [mode]


def _dated_by_a_name_only(features: dict[str, float]) -> bool:
    """The sentence's only past year names a thing ("signed the 2018 agreement on Monday"): the
    model then may not call the event historical on the strength of that year."""
    return "year_naming" in features and not {"year_near", "year_sentence"} & set(features)
