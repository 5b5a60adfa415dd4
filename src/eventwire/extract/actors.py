"""Actors: who acts, is acted upon or speaks, coded with PLOVER/CAMEO country and sector codes.

An actor mention is a noun phrase whose head is a name from the actor lexicon ("Iran", "Hamas",
"the Kremlin"), a sector word ("officials", "police", "air defense"), a person, or a weapon used
by a named country ("Iranian missiles"). The phrase's modifiers supply the country ("Israeli
Defense Minister Yoav Gallant" -> ISR) and the sector ("U.S. intelligence" -> SPY). When the
phrase names no country, it comes from context: "a senior administration official" takes the
country of the administration named earlier, "the official" that of the last unnamed official
(that context, and the per-document ActorIndex it is kept in, live in actor_context.py).

This module finds the candidate heads in story order and keeps what each coded mention lends the
later ones; actor_code.py codes one phrase, step by step, from the words actor_phrase.py reads.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..models import Actor
from ..nlp.pos import doc_lower
from .actor_code import SAID_REASONS, code_head
from .actor_context import COUNTRY_LEVEL_KINDS, ActorIndex, actor_index, pronoun_mention
from .actor_initials import initialism_mention
from .actor_kb import body_modifier, knowledge_base, relink_canonical
from .actor_mentions import named_modifier, stray_compound
from .actor_phrase import noun_phrase, sector_of_token
from .actor_rows import conjoined_nation
from .actor_story import GUESSED_REASONS
from .base import Context, component, doc_pos, doc_tokens, pos_of
from .coref import is_pronoun_mention, share_stated_countries
from .lexicon import doc_words

# the names other components import from here: the phrase of a head, the index, the coder of a phrase
__all__ = ["_phrase", "actor_index", "code_actor_span", "code_head", "find_actors"]
_phrase = noun_phrase


def code_actor_span(ctx: Context, span: SpacySpan) -> Actor | None:
    """Code any phrase (a spaCy Span over ``ctx.doc``) as an actor, or None."""
    if span is None or len(span) == 0:
        return None
    head = span.root
    if span.start_char < actor_index(ctx).dateline_end:
        return None  # the place an uncleaned text's dateline names ("KANO, Nigeria —") is no party
    if head.i in actor_index(ctx).by_head:
        return actor_index(ctx).by_head[head.i]
    return code_head(ctx, head, span if len(span) > 1 else None)


def _is_place_use(head: Token, index: ActorIndex) -> bool:
    """Countries and cities after "in"/"at"... are places, not actors."""
    hit = index.entry_at.get(head.i)
    if not hit or hit[2].kind not in COUNTRY_LEVEL_KINDS | {"capital"}:
        return False
    return head.dep_ == "pobj" and head.head.lower_ in doc_words(head.doc, "actor_place_preps")


def _candidate_heads(ctx: Context, index: ActorIndex) -> list[Token]:
    kb = knowledge_base(tuple(ctx.options.lexicon_dirs))

    def named(t: Token) -> bool:  # a body named only as a modifier ("a U.N. Security Council meeting")
        if named_modifier(t, index.entry_at):
            return True
        # a known body before a noun that names no actor ("One Ipsos survey"); before an agent noun
        # ("HTS fighters") it only lends the agents its country, and the phrase stays one actor
        agent = sector_of_token(t.head, index) or kb.agent(t.head.lemma_.lower())
        return not agent and body_modifier(kb, t, ctx.article.published) is not None

    pos = doc_pos(ctx.doc)
    return [
        t
        for t in doc_tokens(ctx.doc)
        if t.idx >= index.dateline_end  # "KANO, Nigeria —" left in an uncleaned text
        and (
            t.i not in index.name_parts
            and pos[t.i] in {"NOUN", "PROPN"}
            and (t.dep_ != "compound" or stray_compound(t) or named(t))
            or is_pronoun_mention(ctx, t)
            or conjoined_nation(t, index.entry_at)
        )
    ]


def _remember(index: ActorIndex, head: Token, actor: Actor) -> None:
    index.by_head[head.i] = actor
    phrase = _phrase(head)
    words = set(doc_lower(head.doc)[phrase.start : phrase.end])
    if actor.country and words & doc_words(head.doc, "government_words") and not actor.anonymous:
        index.admin_trail.append((actor.start, actor.country))
    if actor.anonymous and actor.country and head.tag_ != "NNS":
        index.anon_trail.append((actor.start, actor.country, actor.sector))


@component("actors", order=50, version="0.4", requires=("places",), assigns=("actors", "actor_index"))
def find_actors(ctx: Context) -> None:
    index = actor_index(ctx)
    actors = []
    for head in _candidate_heads(ctx, index):
        if pos_of(head) == "PRON":
            actor = pronoun_mention(ctx, index, head, actors)
        elif _is_place_use(head, index):
            continue
        else:
            actor = code_head(ctx, head) or initialism_mention(ctx, head, actors)
        if actor is None:
            continue
        _remember(index, head, actor)
        actors.append(actor)
    kb = knowledge_base(tuple(ctx.options.lexicon_dirs))
    for actor in share_stated_countries(actors, GUESSED_REASONS, SAID_REASONS):
        index.from_context.discard(actor.start)  # a stated nationality now codes it, not the context
        relink_canonical(actor, kb)
    for n, actor in enumerate(actors):
        actor.id = f"A{n + 1}"
    ctx.result.actors = actors
