"""What an event takes from the events around it: an implicit or unclaimed doer carried from an
earlier act ("Five ballistic missiles hit the base" after "Iranian missiles struck"), a vaguely
named target resolved to the same actor's earlier target, a participle's doer, and the target PLOVER
implies from where an act happened. Called by ``events.find_events`` once every trigger of the
document has its event."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..models import Actor, Event
from .actors import actor_index
from .base import Context, sent_of
from .event_lexicon import Trigger, TriggerLexicon
from .event_roles import actor_at, subject_of

CONTEXT_WINDOW = 3  # sentences back in which an implicit actor may be found
COREFERENCE_WINDOW = 6  # sentences back in which a vaguely named target may find its antecedent


def authorship_source(ctx: Context, trig: Trigger, lex: TriggerLexicon):
    """ "... widely believed to be Israel's doing" names the author of an unclaimed deed."""
    for tok in sent_of(trig.head):
        if tok.lemma_.lower() in lex.authorship_nouns or tok.lower_ in lex.authorship_nouns:
            poss = next((c for c in tok.children if c.dep_ in {"poss", "nsubj"}), None)
            if poss is not None and (actor := actor_at(ctx, poss, facility=False)) is not None:
                return actor
    return None


def carry_from_context(
    event: Event, trig: Trigger, previous: list[tuple[int, Event]], sent_i: int, pats
) -> None:
    """Implicit actors: "Five ballistic missiles hit the base" after "Iranian missiles struck"."""
    subj = next((c for c in trig.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    implicit = trig.rule != "noun" and subj is not None and subj.lemma_.lower() in pats.instruments
    for prev_sent, prev in reversed(previous):
        if sent_i - prev_sent > CONTEXT_WINDOW or prev.type != event.type:
            continue
        if (
            implicit
            and (event.source is None or event.source.country is None)
            and prev.source
            and prev.source.country
        ):
            event.source = prev.source
        if event.target is None and prev.target is not None and implicit:
            event.target = prev.target
        return


def coreferent_target(ctx: Context, event: Event, previous: list[tuple[int, Event]], sent_i: int) -> None:
    """ "Iranian missiles struck the regime's air bases" after "Iran's attack on Israel": a target
    whose country came only from the document's context is the named target of the same actor's
    earlier act of the same type."""
    target, source = event.target, event.source
    if (
        target is None
        or target.start not in actor_index(ctx).from_context
        or source is None
        or not source.country
    ):
        return
    for prev_sent, prev in reversed(previous):
        if sent_i - prev_sent > COREFERENCE_WINDOW:
            return
        if prev.type == event.type and prev.source and prev.source.country == source.country and prev.target:
            if prev.target.country and prev.target.start not in actor_index(ctx).from_context:
                event.target = prev.target
                return


def same_mention(a: Actor | None, b: Actor | None) -> bool:
    """Two actors on overlapping text are one mention: never both source and target."""
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _has_subject(head: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl", "agent"} for c in head.children)


def participle_source(built: list[tuple[int, Event, Trigger]]) -> None:
    """ "X accused Y after a Chinese ship fired water cannon at a vessel, injuring two crew": a
    subjectless participle takes the subject of the nearest act of its own type between it and
    the verb it hangs from, not that verb's subject."""
    for n, (sent_i, event, trig) in enumerate(built):
        head = trig.head
        if trig.rule == "noun" or head.tag_ != "VBG" or _has_subject(head):
            continue
        gov = head.head
        while gov.dep_ == "conj" and gov.tag_ == "VBG" and gov.head is not gov:
            gov = gov.head
        if head.dep_ == "conj":
            gov = gov.head
        if gov is head or gov.i > head.i:
            continue
        for prev_sent, prev, ptrig in reversed(built[:n]):
            if prev_sent != sent_i or ptrig.head.i <= gov.i:
                break
            if prev.type == event.type and prev.source is not None and _has_subject(ptrig.head):
                if prev.source is not event.source and not same_mention(prev.source, event.target):
                    event.source = prev.source
                    event.mode = event.mode or list(prev.mode)  # the act it results from gives the means
                break


def implicit_attacker(built: list[tuple[int, Event, Trigger]], pats) -> None:
    """ "At least 12 people were killed when Russian missiles struck", "wounding three people",
    "missiles were launched": an attack verb with no agent of its own (passive without "by", a
    participle without subject, or a bare weapon subject) takes the attacker of the attacks
    nearby (the same sentence and the three before) when exactly one attacking country is
    named there, and never one from the target's own side."""
    explicit = [
        (s, e) for s, e, _ in built if e.type == "ASSAULT" and e.source is not None and e.source.country
    ]
    if not explicit:
        return
    for sent_i, event, trig in built:
        if event.type != "ASSAULT" or trig.rule == "noun":
            continue
        subj = next((c for c in trig.head.children if c.dep_ in {"nsubj", "agent", "csubj"}), None)
        bare_weapon = (
            subj is not None
            and subj.lemma_.lower() in pats.instruments
            and (event.source is None or not event.source.country)
        )
        numeric = subj is not None and subj.pos_ == "NUM"  # "12 killed and 30 injured"
        if not (bare_weapon or ((subj is None or numeric) and event.source is None)):
            continue
        nearby = [
            (s, e)
            for s, e in explicit
            if e is not event
            and sent_i - CONTEXT_WINDOW <= s <= sent_i
            and e.source.country != _stated_country(event.target)
        ]
        if len({e.source.country for _, e in nearby}) != 1:
            continue
        same = [e for s, e in nearby if s == sent_i]
        attack = (same or [e for _, e in nearby])[-1]
        if not same_mention(attack.source, event.target):
            event.source = attack.source
            event.mode = event.mode or list(attack.mode)  # the attack it results from gives the means


def _stated_country(actor: Actor | None) -> str | None:
    """An actor's country unless it was only guessed from the story's context (villagers in a story
    about Sudan may be the Sudanese army's victims: no "own side" to protect)."""
    if actor is None or actor.country_reason in {"context", "dateline"}:
        return None
    return actor.country


def implied_target(event: Event, trig: Trigger, domestic: frozenset[str]) -> None:
    """PLOVER codes an unnamed target by where the act happened ("killed 23 people in Tel Aviv"),
    or, for a state acting on its own people, by the state ("police dispersed demonstrators");
    an act with no target at all, abroad, targets the country it happens in ("deployed
    peacekeepers in Iraq")."""
    source, target = event.source, event.target
    src = source.country if source is not None else None
    loc = event.location.country if event.location is not None else None
    if (
        target is not None
        and target.country
        and target.country_reason == "context"
        and loc
        and loc != target.country
    ):
        target = replace(target, country=None)  # the place of the act says more than the story's topic
    if target is not None and not target.country:
        if target.stand_in:
            return  # "rejected other nations' demands in Beijing": the group is not where it is asked
        if _named(trig.head.doc, target) and not (
            event.location and event.location.start <= target.start < event.location.end
        ):
            return  # an unresolved town or name takes no country from another place in the sentence
        domestic_act = src and source.sector in domestic and target.sector not in domestic
        country = loc or (src if domestic_act else None)
        if country:
            event.target = replace(target, country=country, country_reason="located")
    elif target is None and loc and src and loc != src and not _in_subject(trig, event.location.start):
        place = event.location
        event.target = Actor(text=place.text, name=place.name, start=place.start, end=place.end, country=loc)


def _named(doc, actor: Actor) -> bool:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.pos_ == "PROPN"


def _in_subject(trig: Trigger, offset: int) -> bool:
    """ "Bosnia and Slovenia agreed": a place inside the subject is one of the actors."""
    subj = subject_of(trig.head)
    return subj is not None and subj.left_edge.idx <= offset <= subj.right_edge.idx
