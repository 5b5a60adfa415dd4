"""Parties beside an act's source, which are never its target: a party coordinated with the source
("Peru and Chile agreed") and one joined to it or to the act by "along with" / "together with"
("France, along with Germany, criticized the plan"). Read by coder_roles.py."""

from __future__ import annotations

from ..models import Actor
from .base import Context, overlaps, span_root
from .lexicon import words_for


def _root(ctx: Context, actor: Actor):
    return span_root(ctx.doc, actor.start, actor.end)


def joined(ctx: Context, actor: Actor, source: Actor) -> bool:
    """The source itself, or a party coordinated with it ("Peru and Chile", "U.S. and Russian")."""
    if overlaps(actor, source):
        return True
    mine, theirs = _root(ctx, actor), _root(ctx, source)
    if mine is None or theirs is None:
        return False
    return any(
        a.dep_ == "conj" and a.head.i == b.i or a.dep_ == "conj" and b.dep_ == "conj" and a.head.i == b.head.i
        for a, b in ((mine, theirs), (theirs, mine))
    )


def companion(ctx: Context, actor: Actor, trigger, source: Actor | None) -> bool:
    """A party "along with" / "together with" the act or its source ("France, along with Germany,
    criticized the plan", "condemned the raid, along with Uganda") acts beside the source: it is
    no target of the act."""
    root = _root(ctx, actor)
    # "along with Uganda and the African Union", "along with the Organization of American States"
    preps = words_for(ctx, "companion_preps")
    with_ = next((t for t in _up_to(root, trigger) if t.dep_ == "prep" and t.lower_ in preps), None)
    if with_ is None:
        return False
    words = words_for(ctx, "companion_words")
    if with_.head.lower_ in words:  # "along" hangs on the verb, "with" on it
        anchor = with_.head.head
    elif any(c.dep_ == "advmod" and c.lower_ in words for c in with_.children):
        anchor = with_.head  # "Kenya, together with Uganda,"
    else:
        return False
    if anchor.i == trigger.i:  # "was killed, along with two guards": beside the one acted on
        return not any(c.dep_ in {"nsubjpass", "auxpass"} for c in trigger.children)
    source_root = _root(ctx, source) if source is not None else None
    return source_root is not None and anchor.i == source_root.i


def _up_to(token, trigger) -> list:
    """The token and its heads up to (not including) the trigger or the root, at most five."""
    chain = []
    while token is not None and token.i != trigger.i and len(chain) < 5:
        chain.append(token)
        token = token.head if token.head.i != token.i else None
    return chain


def companion_phrase(ctx: Context, prep) -> bool:
    """``prep`` opens a phrase of companions ("along with Germany": "along" with its "with"), which
    names a party beside the doer, not a place (read by places.py)."""
    if prep.lower_ not in words_for(ctx, "companion_words"):
        return False
    preps = words_for(ctx, "companion_preps")
    return any(c.dep_ == "prep" and c.lower_ in preps for c in prep.children)
