"""PLOVER events: who did what to whom, with modality, attribution, place, date and counts.

Triggers come from ``data/event_triggers.yaml`` (verbs, nouns, verb+object and phrasal rules);
roles from the dependency parse (``event_roles``); modality from ``modality``; attribution from
``attribution``. Locations, dates and counts are asked of the places/times/counts components.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..models import Event, Evidence
from ..nlp import load_nlp
from ..nlp.pos import doc_lemma_lower
from .actor_kb import knowledge_base, relink_canonical
from .actors import actor_index
from .attribution import attribution_for
from .base import Context, component, doc_memo, doc_pos, doc_tokens, sent_of
from .counts import counts_for
from .event_answers import answered_target
from .event_context import (
    authorship_source,
    carry_from_context,
    coreferent_target,
    implicit_attacker,
    implied_target,
    participle_source,
    same_mention,
)
from .event_lexicon import (
    Trigger,
    TriggerLexicon,
    find_triggers,
    modality_lexicon,
    multiword_matcher,
    trigger_lexicon,
    verb_lemma,
)
from .event_roles import actor_at, noun_roles, verb_roles
from .event_senses import own_threat, retype_by_clause, word_sense
from .hazards import natural_cause
from .lexicon import dirs_of, words_for
from .modality import (
    denied_ground,
    governor_chain,
    in_condition,
    is_negated,
    modality_of,
    nominal_cue,
)
from .modality_claims import own_grievance
from .nonevents import (
    characterised,
    counted,
    descriptive_threat,
    generic_party,
    habitual,
    in_fixed_phrase,
    obliged,
    reports_no_act,
    requested,
    set_aside,
    shown_not_protested,
    topic_of_concern,
)
from .places import locatable, location_for
from .times import dated_after_story, event_date, long_before, time_for

COMPLEMENT_DEPS = {"xcomp", "ccomp"}
# clauses of their own under a trigger: their words say nothing of how it was done


def _multiword_index(ctx: Context, dirs: tuple[str, ...]) -> dict[int, tuple[str, int]]:
    matcher, labels = multiword_matcher(load_nlp(ctx.options.model), dirs)
    return {end - 1: (labels[mid], start) for mid, start, end in matcher(ctx.doc)}


def _complement_of(trig: Trigger, by_head: dict[int, Trigger]) -> Token | None:
    """The complement clause a governing trigger takes over ("threatened to cut off ...", "its
    demand that Israel ease restrictions": the clause may hang off the noun or its verb)."""
    if trig.rule == "noun":
        head = trig.head
        owners = [head] + ([head.head] if head.dep_ == "dobj" and head.head.i not in by_head else [])
        for owner in owners:
            for child in owner.children:
                if child.dep_ in {"ccomp", "acl"} and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in child.children
                ):
                    return child
        return None
    for child in trig.head.children:
        if child.dep_ in COMPLEMENT_DEPS and child.pos_ in {"VERB", "AUX"}:
            return child
        if child.dep_ == "prep" and child.lower_ in {"to", "for"}:  # "agreed to a ceasefire"
            pobj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if pobj is not None and pobj.i in by_head:
                return pobj
    return None


def _select(triggers: list[Trigger], lex: TriggerLexicon) -> tuple[list[Trigger], dict[int, Token]]:
    """Drop triggers another one covers; note the complement each governor absorbed."""
    by_head = {t.head.i: t for t in triggers}
    covered: set[int] = set()
    complements: dict[int, Token] = {}
    for trig in triggers:
        covered.update(i for i in range(trig.start, trig.end) if i != trig.head.i)
        if trig.type in lex.complement_takers and (comp := _complement_of(trig, by_head)) is not None:
            complements[trig.head.i] = comp
            covered.add(comp.i)
    kept = []
    for trig in triggers:
        if trig.head.i in covered:
            continue
        head = trig.head
        if (
            trig.rule == "noun"
            and head.dep_ in {"dobj", "nsubjpass"}
            and head.head.i in by_head
            and head.head.i not in covered
        ):
            if verb_lemma(head.head, lex.verb_words) not in lex.light_verbs:
                continue  # "demanded the withdrawal": the verb is the event
        kept.append(trig)
    return kept, complements


def _light_verb(trig: Trigger, lex: TriggerLexicon) -> Token | None:
    head = trig.head
    if trig.rule == "noun" and head.dep_ in {"dobj", "nsubjpass", "attr"} and head.head.pos_ == "VERB":
        return head.head  # "Peru issued an ultimatum to Ecuador": the verb carries the actors
    prep = head.head
    if (
        trig.rule == "noun"
        and head.pos_ == "NOUN"
        and head.dep_ == "pobj"
        and prep.lower_ in lex.light_preps
        and prep.head.pos_ == "VERB"
    ):
        if verb_lemma(prep.head, lex.verb_words) not in lex.verbs:
            return prep.head  # "troops remained on alert", "converged for a rally"
    return None


def _weak_ok(ctx: Context, trig: Trigger, lex: TriggerLexicon) -> bool:
    """A common verb counts as an event only with an actor, weapon or facility around it, and
    never when it names something ("what organizers called a Peaceful March")."""
    weak = trig.head.lemma_.lower() in lex.weak_verbs
    named = [c for c in trig.head.children if c.dep_ == "oprd" and c.ent_type_ not in {"DATE", "TIME"}]
    if weak and trig.rule in {"verb", "phrasal"} and named:  # not "called Thursday on Arabs to unite"
        return False
    if trig.rule != "verb" or trig.head.lemma_.lower() not in lex.weak_verbs:
        return True
    pats = actor_index(ctx).patterns
    for child in trig.head.children:
        if child.dep_ in {"dobj", "obj"} and child.lemma_.lower() in lex.nouns:
            return True  # "host a meeting", "back the deployment": the object is an event itself
        tokens = [child] + [c for c in child.children if c.dep_ == "pobj"]
        for tok in tokens:
            if tok.dep_ in {"prep", "punct", "aux", "auxpass", "neg", "advmod", "cc", "mark"}:
                continue
            word = tok.lemma_.lower()
            if word in pats.instruments or word in lex.target_words or tok.lower_ in lex.target_words:
                return True
            if tok.pos_ in {"NOUN", "PROPN"} and actor_at(ctx, tok, facility=False) is not None:
                return True
    return False


def mode_of(trig: Trigger, lex: TriggerLexicon) -> str | None:
    if trig.mode:
        return trig.mode
    sent = sent_of(trig.head)
    hits = doc_memo(trig.head.doc, "mode_word")  # a token's mode word, once per Doc (lex: the run's)
    for pool in (trig.head.subtree, doc_tokens(sent.doc)[sent.start : sent.end]):
        for tok in pool:
            hit = hits.get(tok.i, False)
            if hit is False:
                hit = hits[tok.i] = lex.modes.get(tok.lemma_.lower()) or lex.modes.get(tok.lower_)
            if hit and hit[0] == trig.type:
                return hit[1]
    return None


def _is_question(trig: Trigger, lex: TriggerLexicon) -> bool:
    """ "When asked by a reporter if the U.S. would help": asking whether is no request."""
    if trig.head.lemma_.lower() not in lex.question_verbs:
        return False
    head, doc = trig.head, trig.head.doc
    after = head.right_edge.i + 1  # "asked by a reporter if ...", even when the parse hangs "if" elsewhere
    if after < len(doc) and doc[after].lower_ in lex.question_marks:
        return True
    clauses = [c for c in head.children if c.dep_ in {"ccomp", "advcl", "xcomp"}]
    return any(
        m.dep_ == "mark" and m.lower_ in lex.question_marks for c in clauses for m in c.children
    ) or any(
        t.tag_ in {"WDT", "WP", "WRB"} and t.i > trig.head.i
        for c in clauses
        for t in c.subtree
        if t.i == c.left_edge.i
    )


def _evidence(doc, trig: Trigger) -> Evidence:
    first, last = doc[trig.start], doc[trig.end - 1]
    sent = sent_of(trig.head)
    return Evidence(first.idx, last.idx + len(last.text), sent.start_char, sent.end_char)


def _confidence(event: Event, trig: Trigger, complement: bool) -> float:
    score = 0.45 + 0.15 * (event.source is not None) + 0.15 * (event.target is not None)
    score += 0.1 * (trig.head.dep_ == "ROOT" or complement) - 0.1 * (trig.rule == "noun")
    return round(min(score, 0.95), 2)


def _build_event(
    ctx: Context, trig: Trigger, lex: TriggerLexicon, mlex: dict, complement: Token | None
) -> Event:
    light = None
    if trig.rule == "noun":
        light = _light_verb(trig, lex)
        source, target = noun_roles(ctx, trig.head, light, complement)
        modality = modality_of(light if light is not None else trig.head, ctx.article.published, mlex)
        if light is None or trig.head.dep_ not in {"dobj", "nsubjpass"}:
            modality = modality_of(trig.head, ctx.article.published, mlex)
        elif modality == "asserted":
            # "past attacks were claimed by", "claimed the killing": the light verb's reading is not theirs
            modality = nominal_cue(trig.head, ctx.article.published, mlex) or modality
    else:
        source, target = verb_roles(
            ctx, trig.head, complement, range(trig.start, trig.end), origin_from=trig.type == "ASSAULT"
        )
        modality = modality_of(trig.head, ctx.article.published, mlex)
    event_type = trig.type
    doer = light if trig.rule == "noun" and light is not None else trig.head
    if _refused(trig, doer, modality, lex, mlex):
        event_type, modality = "REJECT", "asserted"  # "wouldn't participate" is a refusal
        if in_condition(governor_chain(doer, mlex["attribution_verbs"]), mlex["hypothetical"]):
            modality = "hypothetical"  # "if Tehran does not comply": a refusal only supposed
    if (
        event_type == "ASSAULT"
        and source is None
        and target is not None
        and (author := authorship_source(ctx, trig, lex))
    ):
        source = author
    if same_mention(source, target):
        target = None
    text = ctx.doc[trig.start : trig.end].text
    mode = mode_of(trig, lex)
    event = Event(
        type=event_type,
        trigger=text,
        evidence=_evidence(ctx.doc, trig),
        mode=[mode] if mode else [],
        source=source,
        target=target,
        modality=modality,
    )
    event.attribution = attribution_for(ctx, trig.head, mlex)
    grievance = own_grievance(trig.head, event_type, mlex["attribution_verbs"])
    if event.modality == "asserted" and (_own_claim(ctx, event, trig.head) or grievance):
        event.modality = "alleged"
    event.confidence = _confidence(event, trig, complement is not None)
    return event


def _own_claim(ctx: Context, event: Event, head: Token) -> bool:
    """An armed group's own word about what it did ("Militants said they released dozens"): a
    claim the reporter does not vouch for, unlike a state's report of its operations. The doer is
    the speaker, by name or by a pronoun in the reported clause (resolved only later)."""
    speaker = event.attribution.speaker if event.attribution else None
    if speaker is None or (speaker.sector or "").lower() not in words_for(ctx, "self_report_sectors"):
        return False
    if event.source is None:
        return any(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in head.children)
    same_name = speaker.canonical_id is not None and event.source.canonical_id == speaker.canonical_id
    return event.source.id == speaker.id or same_name


def attach_context(ctx: Context, event: Event, trig: Trigger) -> None:
    """Place, date and counts from the places, times and counts components."""
    event.location = _place_in_noun_phrase(ctx, trig) or location_for(ctx, trig.head)
    time = time_for(ctx, trig.head)
    past_tense = trig.head.tag_ in {"VBD", "VBN"}  # "met on June 9": last year's June, read wrong
    if event.modality == "asserted" and time is not None and not past_tense and dated_after_story(ctx, time):
        event.modality = "future"  # "talks on June 9" in a story of June 2: not yet happened
    event.date = event_date(ctx, time, event.modality, event.evidence)
    if event.modality == "asserted" and event.date and long_before(event.date.value, ctx.article.published):
        event.modality = "historical"  # dated by its own words to over a year before the story
    event.counts = list(counts_for(ctx, sent_of(trig.head)) or [])


def _obligation_triggers(doc, lex: TriggerLexicon, mlex: dict, taken: set[int]) -> list[Trigger]:
    """ "X said/declared that Y must Z" is a demand by X on Y (REQUEST); so is "Y should Z" when
    Z is an event itself ("Lammy said Russia should accept the deal")."""
    found = []
    verbs = mlex["attribution_verbs"] | lex.demand_verbs  # once per Doc, not once per token
    pos, lemmas = doc_pos(doc), doc_lemma_lower(doc)
    for token in doc_tokens(doc):
        if pos[token.i] != "VERB" or token.i in taken or lemmas[token.i] not in verbs:
            continue
        for comp in token.children:
            modals = {c.lower_ for c in comp.children if c.dep_ == "aux"} if comp.dep_ == "ccomp" else set()
            advised = modals & lex.advice_modals and bool(_own_clause(comp) & taken)
            if _advice_to_nobody(comp):
                continue  # "both sides should talk", "we must negotiate": an opinion, no demand
            if modals & lex.obligation_modals or advised:
                found.append(Trigger(token, "REQUEST", None, token.i, token.i + 1, "obligation"))
                break
    return found


def _advice_to_nobody(comp: Token) -> bool:
    """The advised clause's every subject is nobody in particular ("everyone", "both sides")."""
    subjects = [c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and all(generic_party(s) for s in subjects)


def _own_clause(verb: Token) -> set[int]:
    """The words of a clause without the clauses joined to it by a conjunction."""
    joined = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    return {t.i for t in verb.subtree} - joined


def _place_in_noun_phrase(ctx: Context, trig: Trigger):
    """For a nominal event, a place under "in/at/near" inside its own phrase ("a strike on what
    Iran called its consulate in Damascus")."""
    if trig.rule != "noun":
        return None
    for tok in trig.head.subtree:
        if tok.dep_ == "prep" and tok.lower_ in words_for(ctx, "event_place_preps"):
            for inner in tok.subtree:
                place = next((p for p in ctx.result.places if p.start <= inner.idx < p.end), None)
                if place is not None and locatable(place, dirs_of(ctx)):
                    return place
    return None


def _asserted_acts(
    triggers: list[Trigger], complements: dict[int, Token], lex: TriggerLexicon
) -> list[Trigger]:
    """Drop what only a request asks for or someone must or should do, what a question asks, and
    threats that name a danger."""
    asks = {t.head.i for t in triggers if t.type == "REQUEST"}
    clauses = {complements[i].i for i in asks if i in complements}
    modals = lex.obligation_modals | lex.advice_modals
    return [
        t
        for t in triggers
        if not (
            requested(t.head, asks, clauses)
            or (t.type != "REQUEST" and obliged(t.head, modals))
            or reports_no_act(t.head)
            or descriptive_threat(t)
            or shown_not_protested(t)
            or in_fixed_phrase(t.head)
            or habitual(t.head)
            or topic_of_concern(t.head)
            or counted(t.head)
            or set_aside(t)
            or characterised(t)
        )
    ]


def _refused(trig: Trigger, doer: Token, modality: str, lex: TriggerLexicon, mlex: dict) -> bool:
    """A negated act of cooperating is a refusal ("wouldn't participate"), but not one a denied
    noun of evidence or intent negates: "there is no sign they will negotiate" refuses nothing."""
    cooperating = trig.rule == "refusal" or doer.lemma_.lower() in lex.refusal_when_negated
    if modality != "negated" or not cooperating:
        return False
    return not denied_ground(governor_chain(doer, mlex["attribution_verbs"]))


def _drop_bare_nouns(events: list[tuple[int, Event, Trigger]]) -> list[tuple[int, Event, Trigger]]:
    """A nominal mention with no actor ("the attack", "a meeting") is a reference, not a record."""
    return [
        (s, e, t) for s, e, t in events if not (t.rule == "noun" and e.source is None and e.target is None)
    ]


def _refusal_triggers(doc, lex: TriggerLexicon, mlex: dict, taken: set[int]) -> list[Trigger]:
    """Negated cooperation verbs that are not triggers themselves: "wouldn't participate"."""
    found, pos, refusing = [], doc_pos(doc), lex.refusal_when_negated
    for token in doc_tokens(doc):
        if pos[token.i] == "VERB" and token.i not in taken and token.lemma_.lower() in refusing:
            if any(c.dep_ == "auxpass" for c in token.children):
                continue  # "women are not allowed to travel": a ban by someone else, no refusal
            if is_negated(governor_chain(token, mlex["attribution_verbs"]), mlex):
                found.append(Trigger(token, "REJECT", None, token.i, token.i + 1, "refusal"))
    return found


@component(
    "events",
    order=70,
    version="0.4",
    requires=("actors", "actor_index", "places", "times", "counts"),
    assigns=("events",),
)
def find_events(ctx: Context) -> None:
    dirs = tuple(ctx.options.lexicon_dirs)
    lex, mlex = trigger_lexicon(dirs), modality_lexicon(dirs)
    pats, kb = actor_index(ctx).patterns, knowledge_base(dirs)
    found = find_triggers(ctx.doc, lex, _multiword_index(ctx, dirs))
    found += _refusal_triggers(ctx.doc, lex, mlex, {t.head.i for t in found})
    found += _obligation_triggers(ctx.doc, lex, mlex, {t.head.i for t in found})
    found = retype_by_clause(ctx, found)  # "ordered X to release", "withdrew from ECOWAS"
    triggers, complements = _select(sorted(found, key=lambda t: t.head.i), lex)
    sent_index = {s.start: n for n, s in enumerate(ctx.doc.sents)}
    built: list[tuple[int, Event, Trigger]] = []
    sanctions = [t.head for t in triggers if t.type == "SANCTION"]
    triggers = _asserted_acts(triggers, complements, lex)
    for trig in triggers:
        if not _weak_ok(ctx, trig, lex) or _is_question(trig, lex) or natural_cause(ctx, trig.head):
            continue
        sense = word_sense(ctx, trig, lex, sanctions)
        if sense is None:
            continue
        if sense != trig.type:
            trig = replace(trig, type=sense)
        sent_i = sent_index[sent_of(trig.head).start]
        event = _build_event(ctx, trig, lex, mlex, complements.get(trig.head.i))
        own_threat(ctx, event, trig.head)
        carry_from_context(event, trig, [(s, e) for s, e, _ in built], sent_i, pats)
        coreferent_target(ctx, event, [(s, e) for s, e, _ in built], sent_i)
        answered_target(ctx, event, trig, [(s, e) for s, e, _ in built], sent_i)
        built.append((sent_i, event, trig))
    participle_source(built)
    implicit_attacker(built, pats)
    built = _drop_bare_nouns(built)
    for n, (_, event, trig) in enumerate(built):
        attach_context(ctx, event, trig)
        implied_target(event, trig, lex.domestic_sectors)
        target = event.target
        if target is not None and (target.country_reason == "located" or not target.canonical_id):
            relink_canonical(target, kb)  # a fresh copy: its country was just decided here
        if same_mention(event.source, event.target):
            event.target = None
        event.id = f"E{n + 1}"
    ctx.result.events = [e for _, e, _ in built]
