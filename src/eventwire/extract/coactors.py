"""Co-actors: the further parties coordinated with an event's source or target.

"The United States and Jordan agreed ...", "blows to the United States and Israel", "Both Pakistan
and China reject ...", "Sierra Leonean and Liberian refugees", "US and British forces": the roles
name one actor each (the coder's choice), and PLOVER records list every party. This component runs
once the roles are final (after the learned coder, which rewrites ``events`` too and breaks the tie
by its lower ``order``) and fills ``Event.source_also`` / ``Event.target_also`` from the parse:

- the conjuncts of the role's head (``conj`` links only, so never across an apposition), each the
  actor the actors component coded at that head; for an actor named by a modifier of a noun that is
  no actor of its own ("an Israeli peace movement and the PLO"), the conjuncts of that noun;
- the conjuncts of a national word that modifies the head ("US and British forces", "Kenyan and
  Ugandan troops"): the actor coded there, else one built as the actors component codes a row of
  national adjectives (the nation's country, the head's sector).

It never changes an event's source or confidence, and the target only of a joint act whose source is
a coordinated pair (``joint_acts.py``: "Peru and Chile agreed": Chile is the other side), so the
learned models see nothing new.
A co-actor is never the other role's actor, never the main actor again (same canonical id, or the
same country and sector), never a named person joined to an unnamed description (one person
described twice) and never listed twice.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..models import Actor
from .actor_context import PLACE_NAMING_KINDS, ActorIndex, actor_index
from .actor_kb import knowledge_base, link_canonical
from .base import Context, component, doc_tokens, span_root
from .joint_acts import pair_as_target

# parts of speech a coordinated party can be headed by: a noun, a name, a national adjective
PARTY_POS = {"NOUN", "PROPN", "ADJ"}
APPOSITION = "appos"
# a national word's links to the head it modifies ("British forces", "US forces", "U.N. troops")
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}
STATE_SECTORS = (None, "GOV")
SINGULAR_NOUN = "NN"


@component("coactors", order=80, version="0.1", requires=("events", "actor_index"), assigns=("events",))
def find_coactors(ctx: Context) -> None:
    index = actor_index(ctx)
    heads = {id(actor): i for i, actor in index.by_head.items()}
    kb = knowledge_base(tuple(ctx.options.lexicon_dirs))
    for event in ctx.result.events:
        source = _coactors(ctx, index, kb, heads, event.source, [event.target])
        paired = pair_as_target(ctx, event, source)
        # a target taken from the source's pair has the source's conjuncts, no co-actors of its own
        target = (
            []
            if paired is not source
            else _coactors(ctx, index, kb, heads, event.target, [event.source, *source])
        )
        source = paired
        if source or target:
            event.source_also, event.target_also = source, target


def _coactors(
    ctx: Context,
    index: ActorIndex,
    kb: KnowledgeBase,
    heads: dict[int, int],
    main: Actor | None,
    others: list[Actor | None],
) -> list[Actor]:
    """The actors coordinated with ``main`` (none when the role is empty or a pronoun)."""
    head = _head_of(ctx, heads, main)
    if main is None or head is None or head.pos_ == "PRON":
        return []
    found: list[Actor] = []
    conjoined = [a for a in _conjunct_actors(head, index) if not _one_person(ctx.doc, main, a)]
    for actor in [*conjoined, *_national_partners(head, main, index, kb)]:
        if _distinct(actor, [main, *found]) and _distinct(actor, [o for o in others if o is not None]):
            found.append(actor)
    return found


def _head_of(ctx: Context, heads: dict[int, int], actor: Actor | None) -> Token | None:
    """The token the actors component coded ``actor`` at, else the syntactic head of its words."""
    if actor is None:
        return None
    if id(actor) in heads:
        return doc_tokens(ctx.doc)[heads[id(actor)]]
    return span_root(ctx.doc, actor.start, actor.end)


def _party_head(head: Token, index: ActorIndex) -> Token:
    """The noun whose coordination holds the party: the actor's own head, or, for an actor named
    only by a modifier of a noun that is no actor of its own ("an Israeli peace movement and the
    PLO": the actor is "Israeli"), that noun."""
    noun = head.head
    if (
        head.dep_ in MODIFIER_DEPS - {"poss"}
        and noun.pos_ in PARTY_POS - {"ADJ"}
        and noun.i not in index.by_head
    ):
        return noun
    return head


def _conjuncts(token: Token) -> list[Token]:
    """The tokens coordinated with ``token`` ("X, Y and Z", "both X and Y"), in text order; an
    apposition is no coordination, even where the parser chains one into the conjuncts."""
    if token.dep_ == APPOSITION:
        return []
    return [c for c in token.conjuncts if c.pos_ in PARTY_POS and c.dep_ != APPOSITION]


def _conjunct_actors(head: Token, index: ActorIndex) -> list[Actor]:
    """The actors coded at the conjuncts of the head, and at those of the noun it modifies when
    that noun is no actor of its own (``_party_head``)."""
    tokens = [*_conjuncts(head), *(_conjuncts(noun) if (noun := _party_head(head, index)) != head else [])]
    return [actor for c in tokens if (actor := index.by_head.get(c.i)) is not None]


def _national_partners(head: Token, main: Actor, index: ActorIndex, kb: KnowledgeBase) -> list[Actor]:
    """The nations coordinated with a national word that modifies the head ("US and British forces"):
    each is the actor coded at its word, or one built with its country and the head's sector."""
    found = []
    for modifier in head.children:
        if modifier.dep_ not in MODIFIER_DEPS or _nation_of(modifier, index) is None:
            continue
        for partner in _conjuncts(modifier):
            country = _nation_of(partner, index)
            if country is None:
                continue
            coded = index.by_head.get(partner.i)
            found.append(coded if coded is not None else _nation_actor(partner, country, main, kb))
    return found


def _nation_of(token: Token, index: ActorIndex) -> str | None:
    """The country a word names as a country or a nation ("Iran", "US", "British"), else None."""
    hit = index.entry_at.get(token.i)
    if hit is None or hit[2].kind not in PLACE_NAMING_KINDS:
        return None
    return hit[2].country


def _nation_actor(token: Token, country: str, main: Actor, kb: KnowledgeBase) -> Actor:
    """An actor for a national word in a coordination, coded as the actors component codes one of
    a row of national adjectives: the nation's country and the sector of the noun they share."""
    start = token.idx
    actor = Actor(
        text=token.text,
        name=token.text,
        start=start,
        end=start + len(token.text),
        country=country,
        sector=main.sector,
        country_reason="modifier",
    )
    link_canonical(actor, None, main.sector in STATE_SECTORS, kb)
    return actor


def _one_person(doc, main: Actor, other: Actor) -> bool:
    """Two descriptions of one person joined by "and": a singular description naming no one and a
    person named after a title ("the Iranian American journalist and VOA host Masih Alinejad",
    "Palestinian activist and U.S. resident Mahmoud Khalil"); a bare name and a body are two
    parties ("both Farmajo and the lower house")."""
    named, unnamed = (main, other) if main.person is not None else (other, main)
    if named.person is None or unnamed.person is not None or not named.text.endswith(named.person):
        return False
    titled = len(named.text) > len(named.person)
    head = span_root(doc, unnamed.start, unnamed.end)
    return titled and head is not None and head.tag_ == SINGULAR_NOUN


def _distinct(actor: Actor, known: list[Actor]) -> bool:
    """Not one of ``known``: not the same object or words, not the same canonical actor, and not
    the same country and sector (two mentions of one party)."""
    for other in known:
        if actor is other or (actor.start, actor.end) == (other.start, other.end):
            return False
        if actor.canonical_id and actor.canonical_id == other.canonical_id:
            return False
        if actor.country and (actor.country, actor.sector) == (other.country, other.sector):
            return False
    return True
