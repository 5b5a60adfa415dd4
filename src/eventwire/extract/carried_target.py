"""A target named only in the sentence before: "Russia accused Georgia of stoking unrest. It also
demanded that ..." — the second act, by the same source, is again aimed at Georgia. News stories
often continue one party's acts against another over two sentences and name the other party only
once (issue #14, implicit actors carried from the previous sentence).

Conservative on purpose: the target is carried only to an event left with none that says it goes on
with what came before (word class ``continuation_adverbs``: "also", "again", "further") and whose own
sentence names no other party that could be it, and only from the events of the sentence just
before that have the same source and one target between them. Run by the coder (``coder.py``) once the roles,
including the speaker of reported speech, are final.
"""

from __future__ import annotations

from ..models import Actor, Event
from .base import Context, sent_of
from .coder_roles import trigger_token
from .coref import named_actors
from .event_answers import same_actor
from .lexicon import words_for


def carry_targets(ctx: Context, numbered: list[tuple[int, Event]]) -> None:
    """Fill the empty target of each event from the previous sentence's acts by the same source."""
    for n, event in numbered:
        if event.target is not None or event.source is None:
            continue
        if not _continues(ctx, event):
            continue
        earlier = [e for m, e in numbered if m == n - 1 and e.target is not None]
        target = _one_target(earlier, event.source)
        if target is not None and not _other_party(ctx, event, target):
            event.target = target


def _continues(ctx: Context, event: Event) -> bool:
    """The trigger, or a verb it hangs from, is marked as going on ("It also demanded", "it further
    called on", "It again urged"): the act continues the previous sentence's line."""
    trigger = trigger_token(ctx.doc, event)
    if trigger is None:
        return False
    words = words_for(ctx, "continuation_adverbs")
    return any(
        c.dep_ == "advmod" and c.lower_ in words for t in (trigger, *trigger.ancestors) for c in t.children
    )


def _one_target(earlier: list[Event], source: Actor) -> Actor | None:
    """The target of the earlier acts by ``source``, when they have just one between them."""
    targets: list[Actor] = []
    for prev in earlier:
        if not same_actor(prev.source, source) or same_actor(prev.target, source):
            continue
        if not any(same_actor(prev.target, t) for t in targets):
            targets.append(prev.target)
    return targets[0] if len(targets) == 1 else None


def _other_party(ctx: Context, event: Event, target: Actor) -> bool:
    """The event's sentence names a party other than its source (and the carried target): then the
    sentence speaks of someone else, and a target left empty there was left so by choice."""
    trigger = trigger_token(ctx.doc, event)
    if trigger is None:
        return True
    sent = sent_of(trigger)
    for actor in named_actors(ctx):
        if not sent.start_char <= actor.start < sent.end_char:
            continue
        if not same_actor(actor, event.source) and not same_actor(actor, target):
            return True
    return False
