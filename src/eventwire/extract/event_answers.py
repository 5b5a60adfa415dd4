"""The target of an answer to an earlier speech act: "Beijing denies the allegations" after "The
United States accused Beijing of genocide" is a rejection of the United States; "Trump denied the
request" after "Kim asked Trump for sanctions relief" a rejection of Kim. The answered act is named
by a definite noun of its kind (word classes ``answered_accusation_nouns``,
``answered_request_nouns``) that names no author of its own ("the panel's findings" does, and the
rules read it there); its author is the source of the nearest earlier event of that type. A refusal
that names nothing refused, conjoined to a proposal ("the Chinese side proposed a price, but the
European side refused"), refuses the proposer. Called by ``events.find_events`` as each event is
built, and by the coder (``coder.py``) again once the types are judged."""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Actor, Event
from .base import Context
from .event_context import CONTEXT_WINDOW, same_mention
from .event_lexicon import Trigger
from .event_roles import actor_at, inner_actor_tokens, prep_objects
from .lexicon import words_for

_REFUSED_DEPS = {"dobj", "xcomp", "ccomp", "prep"}  # what a refusal may name as refused
ANSWERED_KINDS = {"answered_accusation_nouns": "ACCUSE", "answered_request_nouns": "REQUEST"}


def answered_target(
    ctx: Context, event: Event, trig: Trigger, previous: list[tuple[int, Event]], sent_i: int
) -> None:
    """Replace the event's target by the author of the earlier act its object answers, if any."""
    if trig.rule == "noun" or event.source is None:
        return
    if event.type == "REJECT" and event.target is None:
        event.target = _proposer(ctx, trig.head, event.source)
    for obj in _answered_objects(ctx, trig.head):
        kind = _kind(ctx, obj)
        if kind is None or _authored(ctx, obj):
            continue
        # whatever the rules read instead (a place inside the claim: "reject the claims that ... the
        # province"; a party joined to the source) is not whom the answer concerns
        author = _author(event, kind, previous, sent_i)
        if author is not None:
            event.target = author
        return


def _proposer(ctx: Context, verb: Token, source: Actor) -> Actor | None:
    """ "X proposed ..., but Y refused": a refusal naming nothing it refuses, conjoined to a
    proposal (word class ``proposing_verbs``), refuses the proposer."""
    if verb.dep_ != "conj" or any(c.dep_ in _REFUSED_DEPS for c in verb.children):
        return None
    offer = verb.head
    if offer.lemma_.lower() not in words_for(ctx, "proposing_verbs"):
        return None
    subject = next((c for c in offer.children if c.dep_ == "nsubj"), None)
    proposer = actor_at(ctx, subject, facility=False) if subject is not None else None
    return proposer if proposer is not None and not _one(proposer, source) else None


def _answered_objects(ctx: Context, verb: Token) -> list[Token]:
    """The verb's direct object, or the object of its "against"-like phrase ("spoke out against")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return objects + prep_objects(verb, words_for(ctx, "target_preps"))


def _kind(ctx: Context, noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    return next((kind for name, kind in ANSWERED_KINDS.items() if lemma in words_for(ctx, name)), None)


def _authored(ctx: Context, noun: Token) -> bool:
    """The noun names its author ("Kim's request", "the U.S. allegations", "claims by Iran")."""
    return any(actor_at(ctx, t, facility=False) is not None for t in inner_actor_tokens(noun))


def _authored(ctx: Context, noun: Token) -> bool:
    """The noun names its author ("Kim's request", "the U.S. allegations", "claims by Iran")."""
    return any(actor_at(ctx, t, facility=False) is not None for t in inner_actor_tokens(noun))


def _inside(actor: Actor, noun: Token) -> bool:
    first, last = noun.left_edge, noun.right_edge
    return first.idx <= actor.start < last.idx + len(last)


def _author(event: Event, kind: str, previous: list[tuple[int, Event]], sent_i: int) -> Actor | None:
    """The source of the nearest earlier act of ``kind`` by another actor than the event's source."""
    for prev_sent, prev in reversed(previous):
        if sent_i - prev_sent > CONTEXT_WINDOW:
            return None
        author = prev.source
        if prev.type != kind or author is None or not author.country or _one(author, event.source):
            continue
        return author
    return None


def _one(a: Actor, b: Actor | None) -> bool:
    """The same actor: one mention, or two mentions of one coded actor or one name."""
    if b is None:
        return False
    if same_mention(a, b) or (a.canonical_id and a.canonical_id == b.canonical_id):
        return True
    return (a.name or a.text).lower() == (b.name or b.text).lower()
