"""Code one actor phrase: its country and sector, decided step by step.

The phrase's own words speak first (a name of the lexicon or the knowledge base, a title, a sector
word, an outlet, a weapon), then the offices and bodies it is said to belong to ("Ruritania's envoy,
Jane Doe", "X, a fellow at Y"), then earlier mentions and the places it is located in, and last
the story's context ("officials" take the story's country). Each step fills only what the earlier
ones left open. The phrase's words are read by actor_phrase.py, the context by actor_context.py.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..models import Actor
from . import actor_phrase as ph
from .actor_context import (
    COUNTRY_LEVEL_KINDS,
    REGION_KIND,
    ActorIndex,
    actor_index,
    apposed_nationality,
    earlier_person,
    led_group,
    named_earlier,
    non_state_allies,
    office_body,
    peer_sector,
    predicated_nationality,
    region_as_place,
    resolved_place_at,
)
from .actor_kb import (
    adjective_country,
    affiliation,
    agent_phrase_sector,
    capital_country,
    capitalised_name,
    entity_names,
    knowledge_base,
    known_name,
    link_canonical,
    name_tail,
    outlet_modifier,
)
from .actor_mentions import (
    apposed_name,
    is_proper,
    named_after_title,
    no_actor_noun,
    others_named,
    others_of,
    person_titles,
    state_group,
    subject_name,
    title_holders,
    titled_name,
    whole_entity,
)
from .actor_phrase import INTERNATIONAL, STATE_SECTORS
from .actor_rows import IN_NAME_KIND, NATION_KIND, conjoined_noun, row_sector
from .actor_story import Draft, context_codes, earlier_codes
from .base import Context, doc_tokens, pos_of, span_text
from .lexicon import doc_words

# The annotation guide codes an international body, and the U.N.'s officials and organs, as the body
# itself (sector IGO: the body's code and no state sector), not as a government, an army or a firm:
# "NATO", "the OECD", "U.N. envoy X", "the U.N. Human Rights Council". Other bodies' officials keep
# theirs ("G7 foreign ministers": GOV), as do courts, parliaments and U.N. troops.
BODY_SECTORS_DROPPED = {"UNO": {"GOV", "BUS", "CVL"}, "IGO": {"GOV", "MIL", "BUS"}}
# How sure a code is: what the words of a phrase or the knowledge base said, not the story's context
STATED_REASONS = {"lexicon", "kb", "modifier"}
# How a person's own nationality, office or place is said of them ("X, who is Ruritanian", "X, a
# Ruritanian national", "Ruritania's envoy, X", a person the knowledge base knows): it holds for every
# mention. Not a lexicon name among the words, which may be a body's ("president of Guinea-Lanta").
SAID_REASONS = (STATED_REASONS - {"lexicon"}) | {"located", "title"}
# A title whose holder is named beside it lends its code when stated, or when it is an office of a
# body the story named ("The court's president, Judge X")
TITLE_REASONS = STATED_REASONS | {"title"}


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
            if actor is not None and actor.country and actor.country_reason in TITLE_REASONS:
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
    if (
        region_as_place(head, index)
        or others_of(head)
        or no_actor_noun(head)
        or non_state_allies(head, index)
    ):
        return None
    draft = _read(ctx, head, phrase if phrase is not None else ph.noun_phrase(head), index, kb)
    if draft is None:
        return None
    _name_codes(draft, index, kb, ctx.article.published)
    _word_sectors(draft, index, kb)
    _said_codes(ctx, draft, index, kb)
    if ph.counterpart(draft.head, draft.words):
        draft.sector = draft.sector or peer_sector(draft.head, index)
    stated = draft.country
    earlier_codes(ctx, draft, index)
    context_codes(ctx, draft, index)
    if state_group(head) and (stated is None or others_named(head)):
        draft.country = draft.reason = None  # "other nations" in Nairobi, "Iran's allies": not that state
    if draft.country is None and draft.sector is None and draft.person is None:
        return None
    actor = _actor(draft, index, kb)
    actor.stand_in = actor.country is None and state_group(head)
    return actor


def _person(ctx: Context, head: Token, phrase: SpacySpan, index: ActorIndex) -> str | None:
    """The person the phrase names: an entity, a name after a title, a clause's subject, a surname."""
    entry_at = index.entry_at
    # a name the recogniser took for a place is a person's after a title when no lexicon entry
    # ("Defense Minister Kenya" is no one) or resolved place (checked below) lies under it
    unnamed = not any(t.i in entry_at for t in phrase if pos_of(t) == "PROPN")
    person = (
        ph.person_of(head)
        or titled_name(head, phrase, index.patterns, place_label=unnamed)
        or apposed_name(head, index.patterns)
    )
    if (
        person is None
        and head.i not in entry_at
        and not any(i in entry_at for i in range(phrase.start, phrase.end))
    ):
        person = subject_name(head)
    if person and resolved_place_at(ctx, head) is not None:
        person = None  # "Kiryat Shmona" tagged PERSON by NER is a town the gazetteer knows
    if person is None and head.i not in index.entry_at:
        person = named_earlier(index, head)
    return person


def _read(ctx: Context, head: Token, phrase: SpacySpan, index: ActorIndex, kb: KnowledgeBase) -> Draft | None:
    """What the phrase's words hold, or None when they name no actor."""
    own_phrase = phrase
    person = _person(ctx, head, phrase, index)
    known_entry = None
    # a short form of a person named earlier ("Bennett" after "Richard Bennett") is that person, not
    # whoever else the knowledge base knows by the surname
    fuller = earlier_person(index, person, head.idx) if person else None
    if fuller is not None and len(fuller.person.split()) <= len(person.split()):
        fuller = None
    if _unnamed_by_lexicon(head, index) and (person or is_proper(head)) and fuller is None:
        known_entry = known_name(kb, _names(head, phrase, person, index), ctx.article.published)
        if known_entry is not None:
            phrase = whole_entity(head, phrase)  # "Voice of America": the name, not "Voice"
    if known_entry is None and not person and is_proper(head) and _unnamed_by_lexicon(head, index):
        if (tail := name_tail(kb, head, ctx.article.published)) is not None:
            known_entry, phrase = tail[0], head.doc[tail[1] : head.i + 1]  # "Hayat Tahrir al-Sham"
    if known_entry is None and not person and _unnamed_by_lexicon(head, index):
        name = capitalised_name(head)  # "Reporters Without Borders", tagged a noun and its complement
        known_entry = known_name(kb, [name.text], ctx.article.published) if name is not None else None
        if known_entry is not None and name is not None:
            phrase = head.doc[phrase.start : name.end]
    words = list(doc_tokens(head.doc)[phrase.start : phrase.end])  # the phrase's cached tokens
    outlet = outlet_modifier(kb, head, words, ctx.article.published) if known_entry is None else None
    weapon = head.lemma_.lower() in index.patterns.instruments  # "talks on missiles": no actor alone
    agent_hit = agent_phrase_sector(kb, head, words) if pos_of(head) == "NOUN" and not weapon else None
    agent = agent_hit[0] if agent_hit else None
    stated = bool(known_entry or agent or outlet) or ph.own_actor_head(head, index, person)
    modified = not stated and ph.modified_actor_head(head, index)
    if not (stated or modified):
        return None  # no modifier could make it an actor (most nouns): their codes are not read
    tokens = ph.coding_tokens(head, own_phrase)
    entries, mod_sectors = ph.modifier_codes(tokens, index, kb, ctx.article.published)
    if not stated and not entries:  # a modified head with no name among its modifiers
        return None
    return Draft(head, phrase, tokens, entries, mod_sectors, person, known_entry, outlet, agent_hit)


def _names(head: Token, phrase: SpacySpan, person: str | None, index: ActorIndex) -> list[str]:
    """The names to look the phrase up by; of a name ending in a country, the longer ones only
    ("Tehreek-e-Taliban Pakistan", not "Pakistan")."""
    names = entity_names(head, span_text(phrase), person)
    hit = index.entry_at.get(head.i)
    if hit is None:
        return names
    match = span_text(head.doc[hit[0] : hit[1]]).lower()
    return [n for n in names if n.lower() != match]


def _unnamed_by_lexicon(head: Token, index: ActorIndex) -> bool:
    """The lexicon has no name for the head, or only the country ending a longer name ("Air India")."""
    hit = index.entry_at.get(head.i)
    return hit is None or hit[2].kind == IN_NAME_KIND


def _name_opener_sector(words: list[Token], index: ActorIndex) -> str | None:
    """The sector the other words of a name ending in a country give: its first word ("Air India":
    BUS) or a kind word ("the Sasakawa Peace Foundation USA": NGO)."""
    first = next((t for t in words if t.text[:1].isupper()), None)
    if first is not None and first.lower_ in doc_words(first.doc, "business_name_openers"):
        return "BUS"
    kinds = [s for t in words[:-1] if (s := index.patterns.body_name_sector.get(t.lower_))]
    return kinds[-1] if kinds else None


def _name_codes(d: Draft, index: ActorIndex, kb: KnowledgeBase, published: str | None) -> None:
    """The codes the phrase's names give: the lexicon's, a title's, a known person's, the KB's."""
    head, person, pats = d.head, d.person, index.patterns
    d.head_hit = index.entry_at.get(head.i)
    d.head_entry = ph.dated_entry(kb, d.head_hit[2], published) if d.head_hit else None
    d.known = (
        pats.people.get(person.lower()) or pats.people.get(person.split()[-1].lower()) if person else None
    )
    d.words = doc_tokens(head.doc)[d.phrase.start : d.phrase.end]
    d.ethnic = ph.ethnic(head, d.words, index)
    if d.ethnic:  # "ethnic Albanians in Serbia": a people, not the state of that name
        d.head_entry, d.entries = None, [e for e in d.entries if e.kind != "demonym"]
    head_entry, known, known_entry = d.head_entry, d.known, d.known_entry
    country = (head_entry.country if head_entry else None) or next(
        (e.country for e in d.entries if e.country), None
    )
    reason = "lexicon" if country else None
    if person and country in INTERNATIONAL and ph.former(d.phrase, d.tokens):
        country = reason = None  # "former NATO chief X" no longer speaks for the body
    country = country or (known[0] if known else None)
    sector = ph.title_sector(d.words, person, index) or ph.choose_sector(
        head, head_entry, d.mod_sectors, index
    )
    sector = sector or (known[1] if known else None)
    if (
        sector is None
        and head_entry
        and head_entry.kind == NATION_KIND
        and (noun := conjoined_noun(head, index.entry_at))
    ):
        sector = row_sector(noun, index.patterns, kb, ph.sector_of_token(noun, index))
    if known_entry is not None:  # a code the knowledge base dates to the story wins over the lexicon's
        if known_entry.dated or country is None:
            country, reason = known_entry.country or country, "kb"
        if known_entry.dated or sector is None or (known_entry.source == "curated" and not person):
            sector = known_entry.sector or sector  # "the Atlantic Council": a body, not a council
    if sector is None and head_entry and head_entry.kind == IN_NAME_KIND:
        sector = _name_opener_sector(d.words, index)  # "Air India": a firm
    d.country, d.sector, d.reason = country, sector, reason or ("lexicon" if country else None)


def _word_sectors(d: Draft, index: ActorIndex, kb: KnowledgeBase) -> None:
    """Sectors the phrase's other words give: an agent phrase, a former office, a weapon, an outlet."""
    head, person, head_entry = d.head, d.person, d.head_entry
    if (
        d.agent_hit
        and not person
        and head_entry is None
        and (d.sector is None or ph.phrase_agent(head, d.agent_hit, d.entries, index))
    ):
        d.sector = d.agent_hit[0]
    d.sector = d.sector or ("CVL" if d.ethnic else None)
    if person and d.sector in STATE_SECTORS and ph.former(d.phrase, d.tokens):
        d.sector = "ELI"  # "former Turkish Ambassador Mithat Rende" holds no office now
    stand_ins = doc_words(head.doc, "state_stand_ins")
    if d.sector is None and d.word in stand_ins and any(e.country for e in d.entries):
        d.sector = "GOV"  # "the Chinese side"
    if d.word in index.patterns.instruments and not head_entry:
        d.sector = d.sector or "MIL"
    outlet = d.outlet
    if outlet is not None and (head_entry is None or head_entry.kind == "demonym"):
        # "VOA's Korean Service", "VOA Somali", "AFP news service": the outlet, not the language
        d.country, d.sector, d.reason, d.head_entry = outlet.country, d.sector or outlet.sector, "kb", None


def _said_codes(ctx: Context, d: Draft, index: ActorIndex, kb: KnowledgeBase) -> None:
    """A country the phrase's words imply, or the office or body a person is said to hold or serve."""
    head, person, tokens = d.head, d.person, d.tokens
    # a word the lexicon names with no country ("Latin American") is no country's adjective
    unnamed = [t for t in tokens if (hit := index.entry_at.get(t.i)) is None or hit[2].country]
    # "ethnic Albanian guerrillas": the adjective names a people, not the state of that name
    if d.country is None and not d.ethnic and (country := adjective_country(kb, unnamed)):
        d.country, d.reason = country, "modifier"
    if d.country is None and not d.head_entry and (country := capital_country(kb, head)):
        d.country, d.sector, d.reason = country, d.sector or "GOV", "kb"
    if d.country is None and person and (title := _title_actor(ctx, head, index)) is not None:
        d.country, d.reason = title.country, "title"  # "Ruritania's envoy, Jane Doe"
        d.sector = d.sector or (title.sector if title.country not in INTERNATIONAL else None)
    if d.country is None and person and (named := _named_after_title(head, person, index)) is not None:
        d.country, d.reason = named.country, "title"  # "Ruritania's envoy spoke. Jane Doe said ..."
        d.sector = d.sector or (named.sector if named.country not in INTERNATIONAL else None)
    if person and d.country in (None, said := predicated_nationality(head, index)) and said:
        d.country, d.reason = said, "modifier"  # "Jane Doe, who is Ruritanian,": said of her
    if d.country is None and person and (country := apposed_nationality(head, index)):
        d.country, d.reason = country, "modifier"  # "a Ruritanian national, Jane Doe"
    if d.country is None and person and (group := led_group(head, index)) is not None:
        d.country, d.reason = group.country, "title"  # "Ruritanian senators led by Jane Doe"
        d.sector = d.sector or (group.sector if group.country not in INTERNATIONAL else None)
    if (
        d.country is None
        and person
        and (found := affiliation(kb, head, ctx.article.published, STATE_SECTORS))
    ):
        # "X, a fellow at Y": the body's sector, unless a title outside its name gives one
        body, name = found
        own = any(ph.sector_of_token(t, index) for t in tokens if t.i not in name)
        d.country, d.sector, d.reason = body.country, d.sector if own else body.sector, "kb"
    former = ph.former(d.phrase, tokens)
    if d.country is None and not former and (body := office_body(head, d.words, tokens, index)):
        d.country, d.sector, d.reason = body.country, None, "title"  # "the secretary-general"


def _actor(d: Draft, index: ActorIndex, kb: KnowledgeBase) -> Actor:
    """The Actor the draft's codes make, linked to its canonical entry."""
    country, sector, person, head_entry, head_hit = d.country, d.sector, d.person, d.head_entry, d.head_hit
    body_named = not person and any(e is not None and e.country == "IGO" for e in (head_entry, d.known_entry))
    if sector in BODY_SECTORS_DROPPED.get(country or "", set()) and (country == "UNO" or body_named):
        sector = None
    text = span_text(d.phrase)
    whole_name = head_entry and head_hit and head_hit[1] - head_hit[0] == len(d.phrase)
    name = person or ph.counterpart_name(d.head, d.words) or (head_entry.phrase if whole_name else text)
    if name.lower().startswith(("the ", "a ", "an ")) and not head_entry:
        name = name.split(" ", 1)[1]
    actor = Actor(
        text=text,
        name=name,
        start=d.phrase.start_char,
        end=d.phrase.end_char,
        country=country,
        sector=sector,
        person=person,
        office=ph.office(d.words, person, index),
        anonymous=d.anonymous,
        country_reason=d.reason if country else None,
    )
    whole = COUNTRY_LEVEL_KINDS | {"capital", REGION_KIND}
    country_level = head_entry is not None and head_entry.kind in whole
    link_canonical(actor, d.known_entry, country_level and sector in (None, "GOV"), kb)
    return actor
