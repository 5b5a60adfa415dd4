"""Actors: who acts, is acted upon or speaks, coded with PLOVER/CAMEO country and sector codes.

An actor mention is a noun phrase whose head is a name from the actor lexicon ("Iran", "Hamas",
"the Kremlin"), a sector word ("officials", "police", "air defense"), a person, or a weapon used
by a named country ("Iranian missiles"). The phrase's modifiers supply the country ("Israeli
Defense Minister Yoav Gallant" -> ISR) and the sector ("U.S. intelligence" -> SPY). When the
phrase names no country, it comes from context: "a senior administration official" takes the
country of the administration named earlier, "the official" that of the last unnamed official
(that context, and the per-document ActorIndex it is kept in, live in actor_context.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..models import Actor
from .actor_context import (
    COUNTRY_LEVEL_KINDS,
    REGION_ACTOR_DEPS,
    REGION_KIND,
    ActorIndex,
    actor_index,
    context_country,
    description_referent,
    earlier_person,
    located_country,
    named_earlier,
    office_body,
    origin_country,
    place_modifier_country,
    pronoun_mention,
    pronoun_owner,
    pronoun_possessor,
    region_as_place,
    resolved_place_at,
)
from .actor_kb import (
    adjective_country,
    affiliation,
    agent_phrase_sector,
    capital_country,
    entity_names,
    knowledge_base,
    known_name,
    link_canonical,
    outlet_modifier,
)
from .actor_lexicon import LexEntry
from .actor_mentions import (
    described_as,
    is_proper,
    named_after_title,
    named_modifier,
    others_of,
    person_titles,
    stray_compound,
    subject_name,
    title_holders,
    titled_name,
    whole_entity,
)
from .actor_rows import (
    NATION_KIND,
    appositive_title,
    body_name_sector,
    conjoined_nation,
    conjoined_noun,
    is_generic,
    row_sector,
)
from .base import Context, component, doc_ents, doc_memo, doc_tokens
from .coref import is_pronoun_mention
from .lexicon import doc_words

PRE_MODIFIER_DEPS = {
    "compound",
    "amod",
    "nmod",
    "det",
    "poss",
    "nummod",
    "quantmod",
    "advmod",
    "predet",
    "case",
}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
INTERNATIONAL = {"EUR", "IGO", "UNO", "NGO"}
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
# The annotation guide codes an international body, and the U.N.'s officials and organs, as the body
# itself (sector IGO: the body's code and no state sector), not as a government, an army or a firm:
# "NATO", "the OECD", "U.N. envoy X", "the U.N. Human Rights Council". Other bodies' officials keep
# theirs ("G7 foreign ministers": GOV), as do courts, parliaments and U.N. troops.
BODY_SECTORS_DROPPED = {"UNO": {"GOV", "BUS", "CVL"}, "IGO": {"GOV", "MIL", "BUS"}}
# How sure a code is: what the words of a phrase or the knowledge base said, not the story's context
STATED_REASONS = {"lexicon", "kb", "modifier"}


def _phrase(head: Token) -> SpacySpan:
    """The noun phrase ending at ``head``: its determiners, adjectives, compounds and possessors
    (built once per head and Doc: actors, roles and attribution all ask for the same phrases)."""
    memo = doc_memo(head.doc, "phrase")
    phrase = memo.get(head.i)
    if phrase is None:
        left = min([c.left_edge.i for c in head.lefts if c.dep_ in PRE_MODIFIER_DEPS] + [head.i])
        tokens = doc_tokens(head.doc)
        while left < head.i and tokens[left].is_punct:
            left += 1
        phrase = memo[head.i] = head.doc[left : head.i + 1]
    return phrase


def _coding_tokens(head: Token, phrase: Sequence[Token]) -> list[Token]:
    """Tokens whose words may code the actor: the phrase, an apposition, an "of" or "from" complement
    ("leaders of the Quad", "top diplomats from the Group of Seven": the group, not the story's
    country)."""
    tokens = [t for t in phrase if t.i != head.i]
    preps = doc_words(head.doc, "actor_member_preps")
    for child in head.rights:
        if child.dep_ == "appos":
            tokens.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in preps:
            tokens.extend(t for t in child.subtree if t.i != child.i)
    if head.pos_ == "PROPN":
        tokens.extend(described_as(head))
    return tokens


def _sector_of_token(token: Token, index: ActorIndex) -> str | None:
    if token.i in index.sector_at:
        return index.sector_at[token.i]
    pats = index.patterns
    return (
        pats.sector_of.get(token.lower_)
        or pats.sector_of.get(token.lemma_.lower())
        or body_name_sector(token, index.patterns)
    )


def _person_of(head: Token) -> str | None:
    if head.ent_type_ == "PERSON":
        ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end), None)
        return ent.text if ent is not None else head.text
    return None


def _office(phrase: Sequence[Token], person: str | None, index: ActorIndex) -> str | None:
    """Title words before a person's name: "Defense Minister" in "Israeli Defense Minister Yoav Gallant"."""
    if not person:
        return None
    words = [
        t for t in phrase if t.ent_type_ != "PERSON" and t.dep_ == "compound" and t.i not in index.entry_at
    ]
    return " ".join(t.text for t in words) or None


def _dated_entry(kb: KnowledgeBase, entry: LexEntry, published: str | None) -> LexEntry:
    """The lexicon's code for a name, or the one the knowledge base dates to the story ("the
    Taliban" are REB until August 2021 and the Afghan government after)."""
    known = kb.lookup_name(entry.phrase, published) if entry.kind not in COUNTRY_LEVEL_KINDS else None
    if known is None or not known.dated or (known.country, known.sector) == (entry.country, entry.sector):
        return entry
    return LexEntry(entry.phrase, known.country or entry.country, known.sector or entry.sector, entry.kind)


def _modifier_codes(
    tokens: list[Token], index: ActorIndex, kb: KnowledgeBase, published: str | None
) -> tuple[list[LexEntry], list[str]]:
    entries: list[LexEntry] = []
    sectors: list[str] = []
    seen: set[int] = set()
    for t in tokens:
        hit = index.entry_at.get(t.i)
        if hit and hit[2].kind == REGION_KIND and t.dep_ not in REGION_ACTOR_DEPS:
            continue  # "the Europe Bridge", "European-based missiles": the place, no actor
        if hit and hit[0] not in seen:
            seen.add(hit[0])
            entry = _dated_entry(kb, hit[2], published)
            entries.append(entry)
            if entry.sector and not (entry.kind == "capital" and t.dep_ == "pobj"):  # "of Nairobi": a place
                sectors.append(entry.sector)
        elif not hit and (sector := _sector_of_token(t, index)):
            sectors.append(sector)
        elif not hit and t.pos_ == "PROPN" and (known := index.patterns.people.get(t.lower_)):
            entries.append(LexEntry(t.text, known[0], None, "person"))  # "Biden administration"
    return entries, sectors + appositive_title(tokens, index.patterns, lambda t: _sector_of_token(t, index))


def _is_actor_head(head: Token, index: ActorIndex, entries: list[LexEntry], person: str | None) -> bool:
    if head.i in index.entry_at or person or _sector_of_token(head, index):
        return True
    word = head.lemma_.lower()
    if word in index.patterns.anonymous:
        return True
    if (
        entries
        and head.tag_ == "NNS"
        and any(_sector_of_token(t, index) for t in head.lefts if t.i not in index.entry_at)
    ):
        return True  # "Russian civilian advisers": a country and a sector word around any noun
    # "the militant group Hamas", "Iranian missiles": a generic or weapon head with a named modifier
    generic = is_generic(head, index.patterns)
    return bool(entries) and (
        word in index.patterns.instruments or generic or head.ent_type_ in {"ORG", "NORP"}
    )


def _title_sector(words: Sequence[Token], person: str | None, index: ActorIndex) -> str | None:
    """The sector of the title right before a person's name ("Lt. Gen. X": MIL), which says more
    than an apposition after it ("X, the army's media wing" would make X a journalist)."""
    if not person:
        return None
    first = person.split()[0]
    title = []
    for t in words:
        if t.text == first:
            break
        if t.i not in index.entry_at:
            title.append(t)
    sectors = [s for t in title if (s := _sector_of_token(t, index))]
    return sectors[-1] if sectors else None


def _international(words: Sequence[Token]) -> bool:
    """The phrase calls its actor international ("international rights groups")."""
    return any(t.lower_ in doc_words(t.doc, "international_markers") for t in words)


def _former(phrase: SpacySpan, tokens: list[Token]) -> bool:
    """The phrase puts the office in the past: "former Ambassador X", "X, a former official"."""
    markers = doc_words(phrase.doc, "former_markers")
    return any(t.lower_ in markers for t in [*phrase, *tokens])


def _ethnic(head: Token, phrase: Sequence[Token], index: ActorIndex) -> bool:
    """A demonym marked as an ethnic group ("ethnic Albanians", "ethnic Turks")."""
    marked = any(t.lower_ in index.patterns.ethnic_markers for t in phrase)
    return marked and any(
        index.entry_at.get(t.i, (0, 0, None))[2] is not None and index.entry_at[t.i][2].kind == "demonym"
        for t in phrase
    )


def _title_actor(ctx: Context, head: Token, index: ActorIndex) -> Actor | None:
    """The office a person's name stands beside, when its words say whose it is ("North Korea's
    army chief of staff X", "X, Ontario's premier", "the U.N. envoy, X"): that holder's actor."""
    for title in person_titles(head, index.patterns):
        for holder in title_holders(title):
            actor = index.by_head.get(holder.i)
            if actor is None and holder.i > head.i:  # coded later in the story's order
                marked = set(index.from_context)
                actor = code_head(ctx, holder)
                index.from_context = marked  # asked only for its code, not as a mention
            if actor is not None and actor.country and actor.country_reason in STATED_REASONS:
                return actor
    return None


def _named_after_title(head: Token, person: str, index: ActorIndex) -> Actor | None:
    if earlier_person(index, person.split()[-1], head.idx) is not None:
        return None  # named before: that mention decides
    holder = named_after_title(head, index.by_head, index.patterns.titles)
    return holder if holder is not None and holder.country_reason in STATED_REASONS else None


def code_head(ctx: Context, head: Token, phrase: SpacySpan | None = None) -> Actor | None:
    """Code the noun phrase headed by ``head``; None when it does not denote an actor."""
    index = actor_index(ctx)
    kb = knowledge_base(tuple(ctx.options.lexicon_dirs))
    if region_as_place(head, index) or others_of(head):
        return None
    phrase = phrase if phrase is not None else _phrase(head)
    tokens = _coding_tokens(head, phrase)
    entries, mod_sectors = _modifier_codes(tokens, index, kb, ctx.article.published)
    person = _person_of(head) or titled_name(head, phrase, index.patterns)
    if person is None and head.i not in index.entry_at and not any(t.i in index.entry_at for t in phrase):
        person = subject_name(head)
    if person and resolved_place_at(ctx, head) is not None:
        person = None  # "Kiryat Shmona" tagged PERSON by NER is a town the gazetteer knows
    if person is None and head.i not in index.entry_at:
        person = named_earlier(index, head)
    known_entry = None
    # a short form of a person named earlier ("Bennett" after "Richard Bennett") is that person, not
    # whoever else the knowledge base knows by the surname
    fuller = earlier_person(index, person, head.idx) if person else None
    if fuller is not None and len(fuller.person.split()) <= len(person.split()):
        fuller = None
    if head.i not in index.entry_at and (person or is_proper(head)) and fuller is None:
        known_entry = known_name(kb, entity_names(head, phrase.text, person), ctx.article.published)
        if known_entry is not None:
            phrase = whole_entity(head, phrase)  # "Voice of America": the name, not "Voice"
    outlet = outlet_modifier(kb, head, list(phrase), ctx.article.published) if known_entry is None else None
    weapon = head.lemma_.lower() in index.patterns.instruments  # "talks on missiles": no actor alone
    agent_hit = agent_phrase_sector(kb, head, list(phrase)) if head.pos_ == "NOUN" and not weapon else None
    agent = agent_hit[0] if agent_hit else None
    if not (_is_actor_head(head, index, entries, person) or known_entry or agent or outlet):
        return None
    head_hit = index.entry_at.get(head.i)
    head_entry = _dated_entry(kb, head_hit[2], ctx.article.published) if head_hit else None
    pats = index.patterns
    word = head.lemma_.lower()
    known = pats.people.get(person.lower()) or pats.people.get(person.split()[-1].lower()) if person else None
    words = doc_tokens(head.doc)[phrase.start : phrase.end]  # the final phrase's tokens, read many times
    ethnic = _ethnic(head, words, index)
    if ethnic:  # "ethnic Albanians in Serbia": a people, not the state of that name
        head_entry, entries = None, [e for e in entries if e.kind != "demonym"]
    country = (head_entry.country if head_entry else None) or next(
        (e.country for e in entries if e.country), None
    )
    reason = "lexicon" if country else None
    if person and country in INTERNATIONAL and _former(phrase, tokens):
        country = reason = None  # "former NATO chief X" no longer speaks for the body
    country = country or (known[0] if known else None)
    sector = _title_sector(words, person, index) or _choose_sector(head, head_entry, mod_sectors, index)
    sector = sector or (known[1] if known else None)
    if (
        sector is None
        and head_entry
        and head_entry.kind == NATION_KIND
        and (noun := conjoined_noun(head, index.entry_at))
    ):
        sector = row_sector(noun, index.patterns, kb, _sector_of_token(noun, index))
    if known_entry is not None:  # a code the knowledge base dates to the story wins over the lexicon's
        if known_entry.dated or country is None:
            country, reason = known_entry.country or country, "kb"
        if known_entry.dated or sector is None or (known_entry.source == "curated" and not person):
            sector = known_entry.sector or sector  # "the Atlantic Council": a body, not a council
    reason = reason or ("lexicon" if country else None)
    if (
        agent_hit
        and not person
        and head_entry is None
        and (sector is None or _phrase_agent(head, agent_hit, entries, index))
    ):
        sector = agent
    sector = sector or ("CVL" if ethnic else None)
    if person and sector in STATE_SECTORS and _former(phrase, tokens):
        sector = "ELI"  # "former Turkish Ambassador Mithat Rende" holds no office now
    if sector is None and word in doc_words(head.doc, "state_stand_ins") and any(e.country for e in entries):
        sector = "GOV"  # "the Chinese side"
    if word in pats.instruments and not head_entry:
        sector = sector or "MIL"
    if outlet is not None and (head_entry is None or head_entry.kind == "demonym"):
        # "VOA's Korean Service", "VOA Somali", "AFP news service": the outlet, not the language
        country, sector, reason, head_entry = outlet.country, sector or outlet.sector, "kb", None
    if country is None and (country := adjective_country(kb, tokens)):
        reason = "modifier"
    if country is None and not head_entry and (country := capital_country(kb, head)):
        sector, reason = sector or "GOV", "kb"
    if country is None and person and (title := _title_actor(ctx, head, index)) is not None:
        country, reason = title.country, "title"  # "Ruritania's envoy, Jane Doe"
        sector = sector or (title.sector if title.country not in INTERNATIONAL else None)
    if country is None and person and (named := _named_after_title(head, person, index)) is not None:
        country, reason = named.country, "title"  # "Ruritania's envoy spoke. Jane Doe said ..."
        sector = sector or (named.sector if named.country not in INTERNATIONAL else None)
    if country is None and person and (found := affiliation(kb, head, ctx.article.published, STATE_SECTORS)):
        # "X, a fellow at Y": the body's sector, unless a title outside its name gives one
        body, name = found
        own = any(_sector_of_token(t, index) for t in tokens if t.i not in name)
        country, sector, reason = body.country, sector if own else body.sector, "kb"
    if country is None and not _former(phrase, tokens) and (body := office_body(head, words, tokens, index)):
        country, sector, reason = body.country, None, "title"  # "the secretary-general"
    anonymous = not person and not head_entry and (word in pats.anonymous or head.lower_ in pats.anonymous)
    if person and (earlier := earlier_person(index, person, head.idx)):
        if country is None and earlier.country:
            reason = "coreference"
        country, sector = country or earlier.country, sector or earlier.sector
    if country is None and person and (country := origin_country(ctx, head, index)):
        reason = "located"
    if country is None and not person:
        country = located_country(ctx, head, index) or place_modifier_country(ctx, tokens)
        reason = "located" if country else None
    if country is None and not person and (earlier := description_referent(ctx, index, head, sector)):
        country, sector, reason = earlier.country, sector or earlier.sector, "coreference"
    if country is None and (owner := pronoun_owner(head, index)) is not None:
        country, sector, reason = owner.country, sector or owner.sector, "coreference"  # "his party"
    # "rebels", "civilians" take the story's country; a named thing ("Zalbaragou village") does not
    named = any(t.pos_ == "PROPN" and t.ent_type_ != "NORP" for t in words)  # "Baloch rebels": unnamed
    unnamed_agent = sector in CONTEXT_SECTORS and not named
    if country is None and not named and sector == "NGO" and _international(words):
        country, reason = "NGO", "lexicon"  # "international rights groups": no country's groups
    if (
        country is None
        and (anonymous or person or sector in STATE_SECTORS or unnamed_agent)
        and not pronoun_possessor(head)
    ):
        country, ctx_sector = context_country(head, tokens, anonymous, index)
        sector = sector or ctx_sector
        if country is not None:
            if anonymous or person or sector in STATE_SECTORS:  # the rules' weak, context-only state actors
                index.from_context.add(phrase.start_char)
            reason = index.home_reason if country == index.home_country else "context"
    if country is None and sector is None and person is None:
        return None
    body_named = not person and any(e is not None and e.country == "IGO" for e in (head_entry, known_entry))
    if sector in BODY_SECTORS_DROPPED.get(country or "", set()) and (country == "UNO" or body_named):
        sector = None
    text = phrase.text
    name = person or (head_entry.phrase if head_entry and head_hit[1] - head_hit[0] == len(phrase) else text)
    if name.lower().startswith(("the ", "a ", "an ")) and not head_entry:
        name = name.split(" ", 1)[1]
    actor = Actor(
        text=text,
        name=name,
        start=phrase.start_char,
        end=phrase.end_char,
        country=country,
        sector=sector,
        person=person,
        office=_office(words, person, index),
        anonymous=anonymous,
        country_reason=reason if country else None,
    )
    whole = COUNTRY_LEVEL_KINDS | {"capital", REGION_KIND}
    country_level = head_entry is not None and head_entry.kind in whole
    link_canonical(actor, known_entry, country_level and sector in (None, "GOV"), kb)
    return actor


def _phrase_agent(
    head: Token, agent_hit: tuple[str, int], entries: list[LexEntry], index: ActorIndex
) -> bool:
    """A known agent phrase of several words ("armed men", "protest leaders") says more than its
    generic head word alone ("men", "leaders") unless a named modifier gave the sector."""
    generic = is_generic(head, index.patterns)
    own_phrase = head.i in index.sector_at  # our own sector phrase ("security forces") outranks the KB's
    return generic and agent_hit[1] > 1 and not own_phrase and not any(e.sector for e in entries)


def _choose_sector(head: Token, head_entry: LexEntry | None, mod_sectors: list[str], index: ActorIndex):
    if head_entry and head_entry.sector:
        return head_entry.sector
    if head_entry and head_entry.country in INTERNATIONAL:
        return None  # "the European Union" is a body, not a trade union
    head_sector = _sector_of_token(head, index)
    if head.i in index.sector_at:
        return head_sector  # a sector phrase ending at the head ("press freedom groups") says it all
    generic = is_generic(head, index.patterns)
    if head_sector and not (generic and mod_sectors):
        return head_sector
    if mod_sectors:
        return mod_sectors[-1]
    if head.lemma_.lower() in index.patterns.anonymous:
        return "GOV"
    return head_sector


def code_actor_span(ctx: Context, span: SpacySpan) -> Actor | None:
    """Code any phrase (a spaCy Span over ``ctx.doc``) as an actor, or None."""
    if span is None or len(span) == 0:
        return None
    head = span.root
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
    return [
        t
        for t in doc_tokens(ctx.doc)
        if t.pos_ in {"NOUN", "PROPN"}
        and (t.dep_ != "compound" or stray_compound(t) or named_modifier(t, index.entry_at))
        or is_pronoun_mention(ctx, t)
        or conjoined_nation(t, index.entry_at)
    ]


def _remember(index: ActorIndex, head: Token, actor: Actor) -> None:
    index.by_head[head.i] = actor
    words = {t.lower_ for t in _phrase(head)}
    if actor.country and words & doc_words(head.doc, "government_words") and not actor.anonymous:
        index.admin_trail.append((actor.start, actor.country))
    if actor.anonymous and actor.country and head.tag_ != "NNS":
        index.anon_trail.append((actor.start, actor.country, actor.sector))


@component("actors", order=50, version="0.4", requires=("places",), assigns=("actors", "actor_index"))
def find_actors(ctx: Context) -> None:
    index = actor_index(ctx)
    actors = []
    for head in _candidate_heads(ctx, index):
        if head.pos_ == "PRON":
            actor = pronoun_mention(ctx, index, head, actors)
        elif _is_place_use(head, index):
            continue
        else:
            actor = code_head(ctx, head)
        if actor is None:
            continue
        _remember(index, head, actor)
        actors.append(actor)
    for n, actor in enumerate(actors):
        actor.id = f"A{n + 1}"
    ctx.result.actors = actors
