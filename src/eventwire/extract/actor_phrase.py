"""The words of one actor phrase: its extent, the tokens that may code it, and what they say.

actor_code.py decides an actor's codes step by step; these helpers read a noun phrase for it: the
phrase ending at a head ("Israeli Defense Minister Yoav Gallant"), the modifiers, appositions and
complements whose words code it, the lexicon entries and sector words among them, and the small
tests on the phrase (a former office, an ethnic group, an international body's adjective).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..kb import KnowledgeBase
from ..nlp.pos import doc_lemma_lower, lower_of
from .actor_context import COUNTRY_LEVEL_KINDS, REGION_ACTOR_DEPS, REGION_KIND, ActorIndex
from .actor_kb import body_modifier
from .actor_lexicon import LexEntry
from .actor_mentions import clause_opener, described_as
from .actor_rows import appositive_title, body_name_phrase_sector, body_name_sector, is_generic
from .base import doc_ents, doc_memo, doc_tokens, span_text
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
POSSESSIVE_ENDINGS = ("'s", "’s")
# entity labels of a country, a place or a people: what an envoy or expert may work on
PLACE_ENTITIES = {"GPE", "LOC", "NORP"}


def noun_phrase(head: Token) -> SpacySpan:
    """The noun phrase ending at ``head``: its determiners, adjectives, compounds and possessors
    (built once per head and Doc: actors, roles and attribution all ask for the same phrases)."""
    memo = doc_memo(head.doc, "phrase")
    phrase = memo.get(head.i)
    if phrase is None:
        left = min([c.left_edge.i for c in head.lefts if c.dep_ in PRE_MODIFIER_DEPS] + [head.i])
        tokens = doc_tokens(head.doc)
        while left < head.i and (tokens[left].is_punct or clause_opener(tokens[left])):
            left += 1
        phrase = memo[head.i] = head.doc[left : head.i + 1]
    return phrase


def coding_tokens(head: Token, phrase: SpacySpan) -> list[Token]:
    """Tokens whose words may code the actor: the phrase, an apposition, an "of" or "from" complement
    ("leaders of the Quad", "top diplomats from the Group of Seven": the group, not the story's
    country)."""
    tokens = [t for t in doc_tokens(head.doc)[phrase.start : phrase.end] if t.i != head.i]
    preps = doc_words(head.doc, "actor_member_preps")
    for child in head.rights:
        if child.dep_ == "appos":
            tokens.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in preps:
            tokens.extend(t for t in child.subtree if t.i != child.i)
    if head.pos_ == "PROPN":
        tokens.extend(described_as(head))
    topics = _topic_words(tokens)
    return [t for t in tokens if t.i not in topics] if topics else tokens


def _topic_words(tokens: list[Token]) -> set[int]:
    """The words naming what an envoy or expert works on ("envoy for North Korea", "a North Korean
    expert"): their country is the subject of the work, not the one the person serves."""
    doc = tokens[0].doc if tokens else None
    if doc is None:
        return set()
    complement, modified = doc_words(doc, "topic_complement_nouns"), doc_words(doc, "topic_modifier_nouns")
    topic_preps = doc_words(doc, "office_topic_preps")
    found: set[int] = set()
    for noun in tokens:
        if noun.lower_ in complement:
            for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ in topic_preps):
                if any(c.dep_ == "pobj" and c.ent_type_ in PLACE_ENTITIES for c in prep.children):
                    found.update(t.i for t in prep.subtree)  # not "coordinator for the Federation"
        if noun.lower_ in modified:
            for mod in (c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}):
                if mod.ent_type_ in PLACE_ENTITIES:
                    found.update(t.i for t in mod.subtree)
    return found


def sector_of_token(token: Token, index: ActorIndex) -> str | None:
    if token.i in index.name_ends:
        return None  # "the World Uyghur Congress", "the African National Congress": no parliament
    if token.i in index.sector_at:
        return index.sector_at[token.i]
    pats = index.patterns
    return (
        body_name_phrase_sector(token, pats)  # "Liberation Army": rebels, whatever "army" says alone
        or pats.sector_of.get(lower_of(token))
        or pats.sector_of.get(doc_lemma_lower(token.doc)[token.i])
        or body_name_sector(token, index.patterns)
    )


def person_of(head: Token) -> str | None:
    if head.ent_type_ == "PERSON":
        ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end), None)
        name = span_text(ent) if ent is not None else head.text
        # "Jimmy Lai's case": the recogniser keeps the possessive, the person's name has none
        return name[:-2] if name.endswith(POSSESSIVE_ENDINGS) and len(name) > 2 else name
    return None


def office(phrase: Sequence[Token], person: str | None, index: ActorIndex) -> str | None:
    """Title words before a person's name: "Defense Minister" in "Israeli Defense Minister Yoav Gallant"."""
    if not person:
        return None
    words = [
        t for t in phrase if t.ent_type_ != "PERSON" and t.dep_ == "compound" and t.i not in index.entry_at
    ]
    return " ".join(t.text for t in words) or None


def dated_entry(kb: KnowledgeBase, entry: LexEntry, published: str | None) -> LexEntry:
    """The lexicon's code for a name, or the one the knowledge base dates to the story ("the
    Taliban" are REB until August 2021 and the Afghan government after)."""
    known = kb.lookup_name(entry.phrase, published) if entry.kind not in COUNTRY_LEVEL_KINDS else None
    if known is None or not known.dated or (known.country, known.sector) == (entry.country, entry.sector):
        return entry
    return LexEntry(entry.phrase, known.country or entry.country, known.sector or entry.sector, entry.kind)


def modifier_codes(
    tokens: list[Token], index: ActorIndex, kb: KnowledgeBase, published: str | None
) -> tuple[list[LexEntry], list[str]]:
    entries: list[LexEntry] = []
    sectors: list[str] = []
    seen: set[int] = set()
    for t in tokens:
        if t.i in index.name_parts:
            continue  # "World Uyghur" of "the World Uyghur Congress": the whole name codes the body
        hit = index.entry_at.get(t.i)
        if hit and hit[2].kind == REGION_KIND and t.dep_ not in REGION_ACTOR_DEPS:
            continue  # "the Europe Bridge", "European-based missiles": the place, no actor
        if hit and hit[0] not in seen:
            seen.add(hit[0])
            entry = dated_entry(kb, hit[2], published)
            entries.append(entry)
            if entry.sector and not (entry.kind == "capital" and t.dep_ == "pobj"):  # "of Nairobi": a place
                sectors.append(entry.sector)
        elif not hit and (sector := sector_of_token(t, index)):
            sectors.append(sector)
        elif not hit and t.pos_ == "PROPN" and (known := index.patterns.people.get(t.lower_)):
            entries.append(LexEntry(t.text, known[0], None, "person"))  # "Biden administration"
        elif not hit and (body := body_modifier(kb, t, published)) is not None and body.country:
            # "HTS fighters": Syria's; "X, a Brookings Institution researcher": the body's country and kind
            entries.append(LexEntry(t.text, body.country, None, "org"))
            sectors += [body.sector] if body.sector else []
    return entries, sectors + appositive_title(tokens, index.patterns, lambda t: sector_of_token(t, index))


# A head denotes an actor by itself (own_actor_head), or when its modifiers name one and it is a
# head such a name can make an actor of (modified_actor_head): actor_code._read asks the cheap
# question first, and reads the modifiers' codes only when they could decide.
def own_actor_head(head: Token, index: ActorIndex, person: str | None) -> bool:
    """The head alone denotes an actor: a name, a person, a sector word, an unnamed source."""
    if head.i in index.entry_at or person or sector_of_token(head, index):
        return True
    return head.lemma_.lower() in index.patterns.anonymous


def modified_actor_head(head: Token, index: ActorIndex) -> bool:
    """The head denotes an actor when a modifier names one (the caller checks that modifier)."""
    if head.tag_ == "NNS" and any(sector_of_token(t, index) for t in head.lefts if t.i not in index.entry_at):
        return True  # "Russian civilian advisers": a country and a sector word around any noun
    # "the militant group Hamas", "Iranian missiles": a generic or weapon head with a named modifier
    word = head.lemma_.lower()
    return (
        word in index.patterns.instruments
        or is_generic(head, index.patterns)
        or head.ent_type_ in {"ORG", "NORP"}
    )


def title_sector(words: Sequence[Token], person: str | None, index: ActorIndex) -> str | None:
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
    sectors = [s for t in title if (s := sector_of_token(t, index))]
    return sectors[-1] if sectors else None


def international(words: Sequence[Token]) -> bool:
    """The phrase calls its actor international ("international rights groups")."""
    return any(t.lower_ in doc_words(t.doc, "international_markers") for t in words)


def former(phrase: SpacySpan, tokens: list[Token]) -> bool:
    """The phrase puts the office in the past: "former Ambassador X", "X, a former official"."""
    markers = doc_words(phrase.doc, "former_markers")
    return any(t.lower_ in markers for t in [*doc_tokens(phrase.doc)[phrase.start : phrase.end], *tokens])


def ethnic(head: Token, phrase: Sequence[Token], index: ActorIndex) -> bool:
    """A demonym marked as an ethnic group ("ethnic Albanians", "ethnic Turks")."""
    marked = any(t.lower_ in index.patterns.ethnic_markers for t in phrase)
    return marked and any(
        index.entry_at.get(t.i, (0, 0, None))[2] is not None and index.entry_at[t.i][2].kind == "demonym"
        for t in phrase
    )


def phrase_agent(head: Token, agent_hit: tuple[str, int], entries: list[LexEntry], index: ActorIndex) -> bool:
    """A known agent phrase of several words ("armed men", "protest leaders") says more than its
    generic head word alone ("men", "leaders") unless a named modifier gave the sector."""
    generic = is_generic(head, index.patterns)
    own_phrase = head.i in index.sector_at  # our own sector phrase ("security forces") outranks the KB's
    return generic and agent_hit[1] > 1 and not own_phrase and not any(e.sector for e in entries)


def choose_sector(head: Token, head_entry: LexEntry | None, mod_sectors: list[str], index: ActorIndex):
    if head_entry and head_entry.sector:
        return head_entry.sector
    if head_entry and head_entry.country in INTERNATIONAL:
        return None  # "the European Union" is a body, not a trade union
    head_sector = sector_of_token(head, index)
    if head.i in index.sector_at:
        return head_sector  # a sector phrase ending at the head ("press freedom groups") says it all
    generic = is_generic(head, index.patterns)
    if head_sector and not (generic and mod_sectors):
        return head_sector
    if mod_sectors:
        return mod_sectors[-1]
    word = head.lemma_.lower()
    if word in index.patterns.anonymous and word not in index.patterns.unofficial:
        return "GOV"  # an unnamed source is an official unless the head says otherwise ("experts")
    return head_sector


def counterpart(head: Token, words: Sequence[Token]) -> bool:
    """The phrase names an office holder's peer ("her Indian counterpart", "Israeli counterpart X")."""
    nouns = doc_words(head.doc, "counterpart_nouns")
    return any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in words)


def counterpart_name(head: Token, words: Sequence[Token]) -> str | None:
    """The person a counterpart phrase names in apposition ("her Indian counterpart, Arvind Menon"):
    the one the phrase stands for, so its name is theirs."""
    if not counterpart(head, words):
        return None
    named = (c for c in head.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON")
    return next((person_of(c) for c in named), None)
