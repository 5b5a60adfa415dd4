"""The other party of a joint act (issue 14): "Peru and Chile agreed", "Kenyan and Ugandan
ministers signed a pact in Nairobi", "local elders and government officials were meeting at a
hotel". A joint act (word class ``joint_act_types``: agreeing, meeting, cooperating) whose source
is a coordinated pair has two sides, and the annotation puts one in the source and the other in
the target. The coder reads the pair as one source with a co-actor and leaves the target empty,
or fills it with where the act happened ("in Nairobi", "in the capital") or with a party named
in another clause ("shared concerns over China's arsenal and agreed to ..."): in those cases the
first co-actor is the target. A party the act itself is done with ("met with X", "signed a deal
with X") keeps its place. Called by the co-actors component (``coactors.py``) once the roles are
final.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..models import Actor, Event
from .base import Context, span_root
from .lexicon import words_for

# the links by which a party hangs from the act itself: its object, or the object of a preposition
# of word class partner_preps ("met with", "signed a deal with", "talked to")
_OBJECT_DEPS = {"dobj", "dative", "obj"}


def pair_as_target(ctx: Context, event: Event, source_also: list[Actor]) -> list[Actor]:
    """Makes the first co-actor of a joint act's coordinated source its target when the act has
    no party of its own as target; returns the co-actors left to the source."""
    if not source_also or event.type.lower() not in words_for(ctx, "joint_act_types"):
        return source_also
    trigger = span_root(ctx.doc, event.evidence.start, event.evidence.end)
    if trigger is None or (event.target is not None and _own_party(ctx, event.target, trigger)):
        return source_also
    event.target = source_also[0]
    event.joint = True
    return source_also[1:]


def _own_party(ctx: Context, target: Actor, trigger: Token) -> bool:
    """The target hangs from the act as its object or partner ("met with X", "signed a pact with
    X"), not as where it happened ("met in the capital") nor from another clause."""
    root = span_root(ctx.doc, target.start, target.end)
    if root is None:
        return False
    if root.dep_ in _OBJECT_DEPS:
        return root.head.i == trigger.i or root.head.head.i == trigger.i  # "signed a pact with"
    if root.dep_ == "pobj" and root.head.lower_ in words_for(ctx, "partner_preps"):
        governor = root.head.head
        return governor.i == trigger.i or (governor.dep_ in _OBJECT_DEPS and governor.head.i == trigger.i)
    return False
