"""Codes an actor phrase takes from the story around it, after its own words have spoken: an earlier
mention of the same person or body, the places it is located in, the office or body a title or a
possessor names, and last the story's context ("officials" take the story's country). Each step
fills only what the earlier ones left open; actor_code.py runs them in order on one Draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..kb import KBEntry
from . import actor_phrase as ph
from .actor_context import (
    CONTEXT_REASONS,
    ActorIndex,
    context_country,
    court_country,
    description_referent,
    earlier_person,
    located_country,
    noun_owner,
    origin_country,
    place_modifier_country,
    predicated_nationality,
    pronoun_owner,
    pronoun_possessor,
    same_body,
    title_body,
)
from .actor_lexicon import LexEntry
from .actor_phrase import STATE_SECTORS
from .base import Context, pos_of
from .lexicon import doc_words

# Sectors of domestic agents that take the story's country when they name none: the state's, and the
# people fighting, protesting or suffering in the story ("rebels", "civilians", "gunmen", "local elders")
CONTEXT_SECTORS = STATE_SECTORS | {
    "REB",
    "CVL",
    "UAF",
    "OPP",
    "CRM",
    "REF",
    "LAB",
    "PTY",
    "EDU",
    "AGR",
    "ELI",
}
# The sector of courts, judges and prosecutors: placed by the story's trial (see court_country)
JUDICIAL = "JUD"
# How a code was found when only the story's context gave it (or an earlier mention that context coded)
GUESSED_REASONS = CONTEXT_REASONS | {"coreference"}


@dataclass
class Draft:
    """One phrase being coded: what its words hold, and the codes the steps have decided so far."""

    head: Token
    phrase: SpacySpan
    tokens: list[Token]  # the words that may code it (see actor_phrase.coding_tokens)
    entries: list[LexEntry]  # the lexicon's names among them
    mod_sectors: list[str]  # the sectors their words give
    person: str | None
    known_entry: KBEntry | None  # the knowledge base's entry for the phrase's own name
    outlet: KBEntry | None  # a news outlet named as a modifier
    agent_hit: tuple[str, int] | None  # the knowledge base's agent phrase: (sector, its length)
    head_hit: tuple[int, int, LexEntry] | None = None
    head_entry: LexEntry | None = None
    words: list[Token] = field(default_factory=list)  # the final phrase's tokens, read many times
    known: tuple | None = None  # the person's (country, sector) in the patterns' people list
    ethnic: bool = False
    anonymous: bool = False
    country: str | None = None
    sector: str | None = None
    reason: str | None = None

    @property
    def word(self) -> str:
        return self.head.lemma_.lower()


def earlier_codes(ctx: Context, d: Draft, index: ActorIndex) -> None:
    """A country from an earlier mention of the same actor, or from where the phrase places it."""
    head, person, pats = d.head, d.person, index.patterns
    d.anonymous = (
        not person and not d.head_entry and (d.word in pats.anonymous or head.lower_ in pats.anonymous)
    )
    stated = _stated_nationality(ctx, d, index)
    if person and (earlier := earlier_person(index, person, head.idx)):
        if stated and earlier.country_reason in GUESSED_REASONS:
            earlier = replace(earlier, country=None)  # "Mehdiyev, who is Ruritanian": said here, not guessed
        if d.country is None and earlier.country:
            d.reason = "coreference"
        d.country, d.sector = d.country or earlier.country, d.sector or earlier.sector
    if d.country is None and stated:
        d.country, d.reason = stated, "located"
    if d.country is None and person and (country := _person_place(ctx, d, index)):
        d.country, d.reason = country, "located"  # "Dubai-based analyst X", "publisher X in Hong Kong"
    if (d.country is None or _people_only(d)) and not person:
        located = located_country(ctx, head, index) or place_modifier_country(ctx, d.tokens)
        if located or d.country is None:
            d.country, d.reason = located, "located" if located else None
    if d.country is None and (body := title_body(head, d.words, index)) is not None:
        # "foreign ministry spokesperson X": the ministry the story named last
        d.country, d.sector, d.reason = body.country, body.sector or d.sector, "title"
    if d.country is None and not person and (body := same_body(ctx, index, head)) is not None:
        # "the council" after "the U.N. Security Council": that body, its codes whole
        d.country, d.sector, d.reason = body.country, body.sector, "coreference"
    if d.country is None and not person and (earlier := description_referent(ctx, index, head, d.sector)):
        d.country, d.sector, d.reason = earlier.country, d.sector or earlier.sector, "coreference"
    if (
        d.country is None
        and not ph.counterpart(head, d.words)
        and (owner := pronoun_owner(head, index)) is not None
    ):
        d.country, d.sector, d.reason = owner.country, d.sector or owner.sector, "coreference"  # "his party"
    if d.country is None and not person and (owner := noun_owner(head, index)) is not None:
        # "the court's president": an office of the body the possessor stands for
        d.country, d.sector, d.reason = owner.country, owner.sector or d.sector, "title"


def _stated_nationality(ctx: Context, d: Draft, index: ActorIndex) -> str | None:
    """The country a person's mention says they are from ("X, from Ruritania", "X, who is
    Ruritanian"), when the phrase's own words gave none."""
    if not d.person or d.country is not None:
        return None
    return origin_country(ctx, d.head, index) or predicated_nationality(d.head, index)


def _person_place(ctx: Context, d: Draft, index: ActorIndex) -> str | None:
    """The country of a place the person's title or its complements put them in ("University of
    Melbourne professor X", "X of Istanbul's Kadir Has University", "X, a council member in Ghazni")."""
    title = [t for t in d.words if t.i < d.head.i and t.ent_type_ != "PERSON"]
    return place_modifier_country(ctx, title, any_dep=True) or located_country(
        ctx, d.head, index, appositions=True
    )


def _people_only(d: Draft) -> bool:
    """The country came only from a people living across states ("the Kurdish-led administration")."""
    peoples = doc_words(d.head.doc, "cross_border_peoples")
    coded = [e for e in (d.head_entry, *d.entries) if e is not None and e.country]
    return d.reason == "lexicon" and bool(coded) and all(e.phrase.lower() in peoples for e in coded)


def context_codes(ctx: Context, d: Draft, index: ActorIndex) -> None:
    """The story's country for an unnamed state agent, person or anonymous official."""
    head, person, anonymous = d.head, d.person, d.anonymous
    if d.country is None and d.sector == JUDICIAL and not pronoun_possessor(head):
        d.country, d.reason = court_country(ctx, index)  # the trial's place, not the last government's
        if d.reason != "located" and d.country is not None:
            index.from_context.add(d.phrase.start_char)
    # "rebels", "civilians" take the story's country; a named thing ("Zalbaragou village") does not
    named = any(pos_of(t) == "PROPN" and t.ent_type_ != "NORP" for t in d.words)  # "Baloch rebels": unnamed
    unnamed_agent = d.sector in CONTEXT_SECTORS and not named
    if d.country is None and not named and d.sector == "NGO" and ph.international(d.words):
        d.country, d.reason = "NGO", "lexicon"  # "international rights groups": no country's groups
    if (
        d.country is None
        and (anonymous or person or d.sector in STATE_SECTORS or unnamed_agent)
        and not pronoun_possessor(head)
    ):
        d.country, ctx_sector = context_country(head, d.tokens, anonymous, index)
        d.sector = d.sector or ctx_sector
        if d.country is not None:
            if anonymous or person or d.sector in STATE_SECTORS:  # the rules' weak, context-only state actors
                index.from_context.add(d.phrase.start_char)
            d.reason = index.home_reason if d.country == index.home_country else "context"
