"""Initialisms of actors named earlier: news gives a body's full name once, then its initials
("the Lakeside Water Board (LWB) ... the LWB said"), often with no parenthesised definition at all
("the National Unity Party ... the NUP's offices"). Such a short form is the same actor; the
recogniser rarely knows it, so without this it is no actor at all."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..models import Actor
from .base import Context

# a short form has two to six capital letters; fewer would match too many unrelated names
MIN_LETTERS, MAX_LETTERS = 2, 6


def is_initialism(token: Token) -> bool:
    """A proper noun written in capitals only ("NUP", "LWB")."""
    text = token.text
    return (
        token.pos_ == "PROPN"
        and MIN_LETTERS <= len(text) <= MAX_LETTERS
        and text.isalpha()
        and text.isupper()
    )


def initials(ctx: Context, actor: Actor) -> str | None:
    """The capitals that start the capitalised words of the actor's name as written, leaving out
    a determiner ("the National Unity Party" -> "NUP"); None for a name of one word."""
    span = ctx.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.pos_ != "DET" and t.text[:1].isupper() and t.text.isalpha()]
    if len(words) < MIN_LETTERS:
        return None
    return "".join(t.text[0] for t in words)


def _definition_of(token: Token, actor: Actor) -> bool:
    """The token is the parenthesised short form given right after the full name: not a new
    mention of its own ("the Lakeside Water Board (LWB)")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.text == "(" and 0 <= before.idx - actor.end <= 1


def initialism_mention(ctx: Context, token: Token, earlier: list[Actor]) -> Actor | None:
    """The token as the latest earlier actor whose name it abbreviates, or None. The mention keeps
    that actor's codes and canonical identity, with its own text and place in the story."""
    if not is_initialism(token):
        return None
    for actor in reversed(earlier):
        if actor.person or actor.end > token.idx or initials(ctx, actor) != token.text:
            continue
        if _definition_of(token, actor):
            return None
        return replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text), id=None)
    return None
