"""The story around an actor: the per-document ActorIndex and what a mention takes from it.

actors.py codes a noun phrase from its own words; this module holds what the rest of the document
lends it when those words are not enough: the lexicon matches and the story's home country (built
once per Doc), the trails of governments and unnamed officials mentioned so far, the places a phrase
is located in, and the earlier actors a person's short name, a description ("the group") or a
pronoun stands for. It never codes a phrase itself, so it imports nothing from actors.py.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token
from spacy.util import filter_spans

from ..models import Actor, Place
from .actor_kb import dateline_country, dateline_end, knowledge_base
from .actor_lexicon import PARTY_KIND, ActorPatterns, LexEntry, actor_patterns, compiled_matchers
from .actor_mentions import is_proper, relational, state_group
from .actor_rows import IN_NAME_KIND, NAME_END_KINDS, name_opening
from .base import Context
from .coref import (
    COREFERENT_SECTORS,
    description_antecedent,
    mention_of,
    plain_name,
    pronoun_antecedent,
    reporting_subject,
    reporting_subject_token,
    same_noun_antecedent,
)
from .lexicon import doc_words

# Lexicon entry kinds that name a whole country: they count towards the story's home country
COUNTRY_LEVEL_KINDS = {"country", "country_cased", "short"}
# kinds of lexicon entries whose words name a country: "Kenya", "Nairobi", "Kenyan"
PLACE_NAMING_KINDS = COUNTRY_LEVEL_KINDS | {"capital", "demonym"}
# kinds that count towards the story's home country: a country's name inside a body's ("Tehreek-e-
# Taliban Pakistan") still says where the story is
HOME_KINDS = COUNTRY_LEVEL_KINDS | {"demonym", IN_NAME_KIND}
# A union's adjective ("European leaders") codes the union but never makes it the story's home country
INTERNATIONAL_CODES = {"EUR", "IGO", "UNO", "NGO"}
# A region that acts as its union only as a clause's subject or a possessor ("Europe retaliated");
# elsewhere it is the place ("tariffs on Europe", "missiles in Europe")
REGION_KIND = "region"
REGION_ACTOR_DEPS = {"nsubj", "nsubjpass", "poss"}
# How a code was found when the story's country gave it, not the phrase's words
CONTEXT_REASONS = {"context", "dateline"}
# The index is handed on to later components (events, quotes, coder) under this name in ctx.scratch
SCRATCH_KEY = "actor_index"


@dataclass
class ActorIndex:
    """Per-document lookups built once: lexicon matches, sector words, and the context so far."""

    entry_at: dict[int, tuple[int, int, LexEntry]]  # token i -> (start, end, entry) of its match
    sector_at: dict[int, str]  # token i -> sector of a multi-word sector phrase ending there
    patterns: ActorPatterns
    home_country: str | None
    admin_trail: list[tuple[int, str]] = field(default_factory=list)  # (char offset, country)
    anon_trail: list[tuple[int, str, str | None]] = field(default_factory=list)  # (offset, country, sector)
    by_head: dict[int, Actor] = field(default_factory=dict)  # head token i -> coded actor
    from_context: set[int] = field(default_factory=set)  # starts of actors coded from context only
    antecedent: dict[int, Actor] = field(default_factory=dict)  # pronoun token i -> the actor it stands for
    home_reason: str = "context"  # how the home country was found: dateline | context
    # words opening a body's longer name that ends in a lexicon match ("Air" of "Air India"), and the
    # last words of such names whose match the lexicon's code no longer holds ("Congress" of "the
    # World Uyghur Congress"): see actor_rows.name_opening
    name_parts: set[int] = field(default_factory=set)
    name_ends: set[int] = field(default_factory=set)
    trial_place: tuple[str | None] | None = None  # (country,) once looked up: see trial_country
    dateline_end: int = 0  # end of a dateline left at the head of an uncleaned text: no party before it


def _build_index(ctx: Context) -> ActorIndex:
    from ..nlp import load_nlp

    dirs = tuple(ctx.options.lexicon_dirs)
    matchers = compiled_matchers(load_nlp(ctx.options.model), dirs)
    doc = ctx.doc
    match_ids = {(s, e): mid for mid, s, e in matchers.exact(doc) + matchers.lower(doc)}
    entry_at: dict[int, tuple[int, int, LexEntry]] = {}
    patterns = actor_patterns(dirs)
    name_parts: set[int] = set()
    name_ends: set[int] = set()
    for span in filter_spans([doc[s:e] for s, e in match_ids]):
        entry = matchers.entry_of[match_ids[(span.start, span.end)]]
        if entry.kind == PARTY_KIND and _in_longer_name(span):
            continue
        opening = name_opening(span, entry_at, patterns) if entry.kind in NAME_END_KINDS else None
        if opening is not None:
            name_parts.update(opening)  # "Taliban" of "Tehreek-e-Taliban Pakistan": no actor apart
            if entry.kind not in COUNTRY_LEVEL_KINDS:
                name_ends.add(span.end - 1)  # "the World Uyghur Congress": no U.S. parliament
                continue
            entry = LexEntry(entry.phrase, entry.country, None, IN_NAME_KIND)  # "Air India"
        for i in range(span.start, span.end):
            entry_at[i] = (span.start, span.end, entry)
    sector_at = {e - 1: matchers.sector_of[mid] for mid, s, e in matchers.sectors(doc)}
    countries = Counter(
        entry.country
        for (s, _, entry) in entry_at.values()
        if entry.kind in HOME_KINDS and entry.country not in INTERNATIONAL_CODES
    )
    home = countries.most_common(1)[0][0] if countries else None
    filed_from = dateline_country(ctx.article, knowledge_base(dirs))
    index = ActorIndex(entry_at, sector_at, patterns, filed_from or home)
    index.home_reason = "dateline" if filed_from else "context"
    index.name_parts, index.name_ends = name_parts, name_ends
    index.dateline_end = dateline_end(ctx.article, knowledge_base(dirs))
    return index


def _in_longer_name(span) -> bool:
    """A party label that ends another party's name ("Sweden Democrats", "Social Democrats"): a
    capitalised word before it, other than a chamber of Congress ("House Democrats")."""
    if span.start == 0 or span.start == span.sent.start:
        return False
    before = span.doc[span.start - 1]
    return before.text[:1].isupper() and before.lower_ not in doc_words(span.doc, "party_chamber_words")


def actor_index(ctx: Context) -> ActorIndex:
    """The document's index, built on first use (later components read the one the actors filled)."""
    if SCRATCH_KEY not in ctx.scratch:
        ctx.scratch[SCRATCH_KEY] = _build_index(ctx)
    return ctx.scratch[SCRATCH_KEY]


def located_country(ctx: Context, head: Token, index: ActorIndex, appositions: bool = False) -> str | None:
    """ "Rebels in the Ivory Coast", "students throughout Indonesia", "a group based in Trinidad":
    an actor that names no country takes that of the place its phrase locates it in. A person is
    located by the words after the name too ("X, a council member in Ghazni province")."""
    holders = [head, *(c for c in head.rights if c.dep_ == "appos")] if appositions else [head]
    rights = [c for h in holders for c in h.rights]
    preps = [c for c in rights if c.dep_ == "prep" and c.lower_ in index.patterns.locating_preps]
    clause_preps = index.patterns.locating_preps | doc_words(head.doc, "locating_clause_preps")
    for clause in (
        c
        for c in rights
        if c.dep_ in {"acl", "relcl", "amod"}
        and c.i > c.head.i
        and c.lemma_.lower() in index.patterns.locating_verbs
    ):
        preps += [c for c in clause.children if c.dep_ == "prep" and c.lower_ in clause_preps]
    pobjs = [c for prep in preps for c in prep.children if c.dep_ == "pobj"]
    places = [*pobjs, *(t for pobj in pobjs for t in _place_words(pobj))]
    return next((country for place in places if (country := _country_at(ctx, place, index))), None)


def trial_country(ctx: Context, index: ActorIndex) -> str | None:
    """The country of the place the story's trial is held ("testified at the trial in Springfield",
    "a Ruritanian court"): the first trial or court noun the story locates. A court, judge or
    prosecutor with no place of its own sits there, not in the country the story is about."""
    if index.trial_place is None:
        nouns = doc_words(ctx.doc, "trial_place_nouns")
        trials = (t for t in ctx.doc if t.pos_ == "NOUN" and t.lemma_.lower() in nouns)
        index.trial_place = (next((c for t in trials if (c := _trial_noun_country(ctx, t, index))), None),)
    return index.trial_place[0]


def court_country(ctx: Context, index: ActorIndex) -> tuple[str | None, str | None]:
    """(country, reason) of a court, judge or prosecutor that names no place of its own: where the
    story's trial is held, else the dateline's country, else the story's; never the last country a
    government was named for ("prosecutors say Ruritania's government paid the hitman")."""
    if (court := trial_country(ctx, index)) is not None:
        return court, "located"
    return index.home_country, index.home_reason if index.home_country else None


def _trial_noun_country(ctx: Context, noun: Token, index: ActorIndex) -> str | None:
    """ "the trial in Springfield", "a Springfield court", "a Ruritanian tribunal": the country the
    noun's place phrase or modifiers name."""
    modifiers = [t for t in noun.lefts if t.dep_ in {"compound", "nmod", "amod", "poss"}]
    named = (
        hit[2].country
        for t in modifiers
        if (hit := index.entry_at.get(t.i)) and hit[2].kind in PLACE_NAMING_KINDS
    )
    return located_country(ctx, noun, index) or next(named, None) or place_modifier_country(ctx, modifiers)


def _place_words(pobj: Token) -> list[Token]:
    """The words before a place noun that may name its country ("in Somalia's Puntland region",
    "in north and east Syria"): the noun's own modifiers and conjuncts, not a clause after it."""
    return [t for t in pobj.subtree if t.i < pobj.i or t.dep_ == "conj" and t.head.i == pobj.i]


def origin_country(ctx: Context, head: Token, index: ActorIndex) -> str | None:
    """ "Maria Ressa from the Philippines", "X, a co-author from the University of Y in South
    Africa": a person with no country of their own takes the country they are said to come from
    (a country's name or adjective, or a resolved place, in the "from" phrase)."""
    preps = doc_words(head.doc, "origin_preps")
    # "X and Y, both from Ruritania": an apposition after coordinated names speaks of each of them
    named = [head, head.head] if head.dep_ == "conj" else [head]
    holders = [head, *(c for n in named for c in n.rights if c.dep_ == "appos")]
    phrases = (c for h in holders for c in h.rights if c.dep_ == "prep" and c.lower_ in preps)
    tokens = (t for prep in phrases for t in prep.subtree)
    return next((country for token in tokens if (country := _country_at(ctx, token, index))), None)


def apposed_nationality(head: Token, index: ActorIndex) -> str | None:
    """ "a Ruritanian national, Jane Doe", "a Ruritanian blogger, John Roe": a name set in apposition
    after a description takes the nationality the description's adjective states (the description's
    own words, not a place or body named further on)."""
    if head.dep_ != "appos" or head.head.i > head.i:
        return None
    described = head.head
    words = [described, *(c for c in described.lefts if c.dep_ in {"amod", "compound", "nmod"})]
    hits = (index.entry_at.get(t.i) for t in words)
    return next((hit[2].country for hit in hits if hit and hit[2].kind == "demonym" and hit[2].country), None)


def predicated_nationality(head: Token, index: ActorIndex) -> str | None:
    """ "X, who is Ruritanian, said ...": a person's nationality stated in a relative clause (a
    country's adjective or name as the complement of "be"), not a place the clause mentions."""
    clauses = (c for c in head.rights if c.dep_ == "relcl" and c.lemma_.lower() == "be")
    complements = (c for clause in clauses for c in clause.children if c.dep_ in {"attr", "acomp"})
    hits = (index.entry_at.get(t.i) for t in complements)
    return next((h[2].country for h in hits if h and h[2].kind in PLACE_NAMING_KINDS and h[2].country), None)


def led_group(head: Token, index: ActorIndex) -> Actor | None:
    """ "Ruritanian senators led by X and Y", "a delegation headed by X": the group a person leads,
    as the agent of the group's reduced clause, when its country came from the story's words."""
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head  # "led by X and Y": Y leads the group as X does
    by, clause = head.head, head.head.head
    if head.dep_ != "pobj" or by.lower_ != "by" or by.dep_ != "agent" and by.dep_ != "prep":
        return None
    if clause.dep_ != "acl" or clause.lemma_.lower() not in doc_words(head.doc, "leading_verbs"):
        return None
    group = index.by_head.get(clause.head.i)
    stated = group is not None and group.country and group.country_reason not in CONTEXT_REASONS
    return group if stated and group.country_reason != "coreference" else None


def _country_at(ctx: Context, token: Token, index: ActorIndex) -> str | None:
    """The country a word names: a country-level name, capital or adjective of the lexicon, else a
    place the places component resolved there."""
    hit = index.entry_at.get(token.i)
    if hit and hit[2].country and hit[2].kind in PLACE_NAMING_KINDS:
        return hit[2].country
    place = resolved_place_at(ctx, token)
    return place.country if place is not None else None


def resolved_place_at(ctx: Context, token: Token) -> Place | None:
    """The place with a country the places component resolved over this token, if any."""
    return next((p for p in ctx.result.places if p.start <= token.idx < p.end and p.country), None)


def place_modifier_country(ctx: Context, tokens: list[Token], any_dep: bool = False) -> str | None:
    """ "New York City authorities", "Kaduna state officials": a place the places component resolved
    among the phrase's modifiers gives its country (any of a title's words with ``any_dep``:
    "Dubai-based analyst", "University of Melbourne professor")."""
    for token in tokens:
        if any_dep or token.dep_ in {"compound", "nmod", "amod", "poss"}:
            place = resolved_place_at(ctx, token)
            if place is not None:
                return place.country
    return None


def context_country(
    head: Token, tokens: list[Token], anonymous: bool, index: ActorIndex
) -> tuple[str | None, str | None]:
    """Country (and sector) of an actor that names none, from the document so far."""
    offset = head.idx
    words = {t.lower_ for t in tokens} | {head.lower_}
    governing = words & doc_words(head.doc, "government_words")
    if governing and (country := _last_before(index.admin_trail, offset)):
        return country, None
    if anonymous and index.anon_trail and head.tag_ != "NNS":
        pos = bisect.bisect_left(index.anon_trail, (offset,)) - 1
        if pos >= 0:
            return index.anon_trail[pos][1], index.anon_trail[pos][2]
    if anonymous or head.ent_type_ == "PERSON":
        return _last_before(index.admin_trail, offset) or index.home_country, None
    return index.home_country, None


def _last_before(trail: list, offset: int) -> str | None:
    pos = bisect.bisect_left(trail, (offset,)) - 1
    return trail[pos][1] if pos >= 0 else None


def last_body(index: ActorIndex, offset: int, bodies: set[str]) -> Actor | None:
    """The international body (an actor coded with one of ``bodies``) named last before ``offset``."""
    named = [a for a in index.by_head.values() if a.country in bodies and a.start < offset]
    return max(named, key=lambda a: a.start) if named else None


def earlier_person(index: ActorIndex, person: str, offset: int) -> Actor | None:
    """An earlier, fuller mention of the same person ("Austin" after "Lloyd Austin")."""
    key = plain_name(person)
    for actor in index.by_head.values():
        if actor.person and actor.start < offset and key in plain_name(actor.person) and actor.country:
            return actor
    return None


def named_earlier(index: ActorIndex, head: Token) -> str | None:
    """The full name of a person named earlier whose surname this proper noun is ("Trump" after
    "U.S. President Donald Trump"), whatever label the entity recogniser gave the short form."""
    if not is_proper(head) or not head.text[:1].isupper() or len(head.text) < 3:
        return None
    for actor in index.by_head.values():
        if actor.person and actor.start < head.idx and actor.person.split()[-1] == head.text:
            return actor.person
    return None


def description_referent(ctx: Context, index: ActorIndex, head: Token, sector: str | None) -> Actor | None:
    """The earlier actor a definite description stands for ("the group", "this ministry"), or None."""
    if (
        head.pos_ != "NOUN"
        or head.lemma_.lower() not in index.patterns.coreferent_nouns
        and head.lower_ not in index.patterns.coreferent_nouns
    ):
        return None
    anaphoric = doc_words(head.doc, "anaphoric_determiners")
    if not any(c.dep_ == "det" and c.lower_ in anaphoric for c in head.children):
        return None
    return description_antecedent(ctx, head, index.by_head, sector)


def same_body(ctx: Context, index: ActorIndex, head: Token) -> Actor | None:
    """The body a bare definite description names again ("the council", "The Commission"), when the
    story named it in full before (see coref.same_noun_antecedent), or None."""
    if head.lemma_.lower() not in doc_words(head.doc, "body_description_nouns"):
        return None
    anaphoric = doc_words(head.doc, "anaphoric_determiners")
    if not any(c.dep_ == "det" and c.lower_ in anaphoric for c in head.children):
        return None
    return same_noun_antecedent(ctx, head, index.by_head)


def pronoun_owner(head: Token, index: ActorIndex) -> Actor | None:
    """The actor a possessive pronoun before the head stands for ("His party": the party's leader)."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    owner = index.by_head.get(poss.i) if poss is not None else None
    return owner if owner is not None and owner.country else None


def noun_owner(head: Token, index: ActorIndex) -> Actor | None:
    """The earlier-coded actor a noun possessor names ("The court's president": the court, resolved
    to the tribunal the story named), when its code came from the story's words, not its country."""
    poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    owner = index.by_head.get(poss.i) if poss is not None else None
    if owner is None or not owner.country or owner.country_reason in CONTEXT_REASONS:
        return None
    # a later mention of an actor the story's country coded ("Amirov's lawyer") says no more
    home = owner.country_reason == "coreference" and owner.country == index.home_country
    return None if home else owner


def title_body(head: Token, words: Sequence[Token], index: ActorIndex) -> Actor | None:
    """ "foreign ministry spokesperson X", "the army spokesman": a title that names a kind of body
    but not whose it is belongs to the body of that kind the story named last ("Afghanistan's
    Ministry of Foreign Affairs"), when its country came from the story's words."""
    modifiers = (t for t in words if t.i < head.i and t.dep_ in {"compound", "nmod", "poss"})
    kinds = {t.lemma_.lower() for t in modifiers} & doc_words(head.doc, "title_body_nouns")
    if not kinds:
        return None
    bodies = [
        a
        for i, a in index.by_head.items()
        if i < head.i and head.doc[i].lemma_.lower() in kinds and a.country and not a.person
        if a.country_reason not in CONTEXT_REASONS and a.country_reason != "coreference"
    ]
    return max(bodies, key=lambda a: a.start) if bodies else None


def pronoun_possessor(head: Token) -> bool:
    """A possessive pronoun before the head ("his party", "their leaders"): the phrase belongs to
    whoever the pronoun stands for, so it never takes the story's country."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def pronoun_mention(ctx: Context, index: ActorIndex, token: Token, earlier: list[Actor]) -> Actor | None:
    """A pronoun coded as the earlier actor it stands for (see coref.py), or None."""
    reporter = reporting_subject(token, lambda t: index.by_head.get(t.i))
    subject = reporting_subject_token(token) if reporter is not None else None
    holder = subject is not None and subject.tag_ == "NN" and _office_word(subject, index)
    # "Former ambassador X told RFI he ...": he is the named X, not the title before the name
    holder = holder and not any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in subject.children)
    antecedent = pronoun_antecedent(ctx, token, earlier, reporter, reporter_personal=holder)
    if antecedent is None:
        return None
    index.antecedent[token.i] = index.antecedent.get(_token_at(ctx, antecedent), antecedent)
    return mention_of(antecedent, token)


def _office_word(token: Token, index: ActorIndex) -> bool:
    """A noun naming one holder of an office ("chief", "spokesman", "official"): he or she."""
    pats = index.patterns
    return any(w in pats.titles or w in pats.anonymous for w in (token.lower_, token.lemma_.lower()))


def _token_at(ctx: Context, actor: Actor) -> int:
    """The token index an earlier pronoun mention starts at (-1 for a named actor's phrase)."""
    span = ctx.doc.char_span(actor.start, actor.end)
    return span.start if span is not None and len(span) == 1 and span[0].pos_ == "PRON" else -1


def office_body(head: Token, words: Sequence[Token], tokens: list[Token], index: ActorIndex) -> Actor | None:
    """The international body named last, when the phrase names one of the offices of such bodies
    ("the secretary-general", "Director General X"; hyphens read as spaces), else None."""
    text = " " + " ".join(t.lower_ for t in [*words, *tokens] if t.text != "-").replace("-", " ") + " "
    if not any(f" {title} " in text for title in doc_words(head.doc, "international_titles")):
        return None
    return last_body(index, head.idx, INTERNATIONAL_CODES)


def region_as_place(head: Token, index: ActorIndex) -> bool:
    """ "Europe retaliated", "Europe's powers" name the union; "tariffs on Europe" the place."""
    hit = index.entry_at.get(head.i)
    return hit is not None and hit[2].kind == REGION_KIND and head.dep_ not in REGION_ACTOR_DEPS


def non_state_allies(head: Token, index: ActorIndex) -> bool:
    """ "The rebel group and its allies": a group the possessor stands with is of the possessor's
    kind, so a non-state possessor's allies are no group of states (and no actor the phrase names)."""
    if not (state_group(head) and relational(head)) or not any(c.dep_ == "poss" for c in head.children):
        return False
    return peer_sector(head, index) in COREFERENT_SECTORS  # an armed group's, a party's, an NGO's


def peer_sector(head: Token, index: ActorIndex) -> str | None:
    """The sector of the one whose counterpart the phrase is: the possessor ("her" for the foreign
    minister), else the subject of the clause the phrase is in ("X met his counterpart")."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    peer = index.antecedent.get(owner.i) or index.by_head.get(owner.i) if owner is not None else None
    if peer is not None or owner is not None and owner.pos_ != "PRON":
        return peer.sector if peer is not None else None
    verb = head
    while verb.dep_ in {"pobj", "dobj", "prep", "conj", "appos", "compound"} and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ in {"acl", "relcl"}:
        subjects.append(verb.head)  # "Sullivan, speaking with his counterpart"
    peer = next((a for t in subjects if (a := index.by_head.get(t.i)) is not None), None)
    return peer.sector if peer is not None else None
