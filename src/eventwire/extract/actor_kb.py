"""What the actor knowledge base (``kb/``) adds to the rules of ``actors.py``.

The rules decide what is an actor and read its modifiers; the knowledge base knows names: people
and bodies with date-ranged codes (a leader's code is the one valid on the story's date), agent
nouns with their sectors, national adjectives and capitals, and the home place of a dateline.
Every function returns what the knowledge base says, or None, and the caller records which source
decided the country (``country_reason``).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..clean.noise import load_noise_config
from ..kb import KBEntry, KnowledgeBase, load_kb
from ..kb.context import canonical_id, group_name, home_of_dateline
from ..models import Actor, Article
from .base import doc_ents, doc_memo, doc_pos, pos_of, span_text
from .lexicon import doc_words

NAMED_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
CURATED = "curated"  # the knowledge base's source for the rows written for eventwire
# the sector the knowledge base gives news outlets and agencies (CAMEO MED, PLOVER JRN)
OUTLET_SECTOR = "JRN"
# Kinds of body whose name, modifying another noun, still names an actor of its own ("an Ipsos
# survey", "HTS fighters"); outlets are left to outlet_modifier, people and states to the lexicon.
MODIFIER_BODY_SECTORS = {"BUS", "NGO", "EDU", "PTY", "REB", "CRM"}
MODIFIER_BODY_COUNTRIES = {"IGO", "UNO", "EUR", "NGO"}
# entity labels of a name that is a person or a place, never a body used as a modifier
NOT_BODY_LABELS = {"PERSON", "GPE", "LOC"}


def knowledge_base(lexicon_dirs: tuple[str, ...]) -> KnowledgeBase:
    """The knowledge base with the user's folders (``load_kb`` keeps it for the process)."""
    return load_kb(tuple(lexicon_dirs))


@lru_cache(maxsize=1)
def _dateline_prefix():
    return load_noise_config().dateline_prefix


def known_name(kb: KnowledgeBase, names: list[str], published: str | None) -> KBEntry | None:
    """The first of ``names`` (fullest first) that the knowledge base knows on the story's date."""
    for name in names:
        if name and len(name) > 2:
            entry = kb.lookup_name(name, published)
            if entry is not None and (entry.country or entry.sector):
                return entry
    return None


def entity_names(head: Token, phrase_text: str, person: str | None) -> list[str]:
    """Names to look up for a phrase: the person, the named entity around the head, the phrase."""
    names = [person] if person else []
    if head.ent_type_ in NAMED_ENTITY_LABELS:
        ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end), None)
        if ent is not None:
            names.append(span_text(ent))
    if head.pos_ == "PROPN":
        names.append(phrase_text)
        names.append(_name_run(head.doc, head.i))  # "Afghan broadcaster TOLOnews": "TOLOnews"
    return list(dict.fromkeys(n for n in names if n))


def _name_start(doc, last: int) -> int:
    """The first token of the proper-noun name ending at token ``last``, without the descriptive
    words before it ("the Paris-based International Energy Agency" -> "International")."""
    joiners = doc_words(doc, "name_joiners")
    pos = doc_pos(doc)
    first = last
    while first > 0 and (
        pos[first - 1] == "PROPN"
        or first > 1
        and doc[first - 1].lower_ in joiners
        and pos[first - 2] == "PROPN"
    ):
        first -= 1
    return first


def _name_run(doc, last: int) -> str:
    """The text of that name ("" when ``last`` is no proper noun); once per token and Doc, as every
    phrase a name modifies asks for it again."""
    memo = doc_memo(doc, "name_run")
    run = memo.get(last)
    if run is None:
        first = _name_start(doc, last)
        run = memo[last] = span_text(doc[first : last + 1]) if doc_pos(doc)[first] == "PROPN" else ""
    return run


def body_modifier(kb: KnowledgeBase, token: Token, published: str | None) -> KBEntry | None:
    """The knowledge base's body whose name ends at ``token``, a proper noun modifying another noun
    ("One Ipsos survey found ...", "HTS fighters", "the Montaigne Institute research group"): the
    body is an actor of its own, and lends its country to the noun it modifies."""
    if token.dep_ != "compound" or pos_of(token) != "PROPN" or token.ent_type_ in NOT_BODY_LABELS:
        return None
    if not token.text[:1].isupper():
        return None  # written in capitals only (all-lower-case copy tags any word a name)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is None or following.pos_ == "PROPN":
        return None  # only the last word of a name, and only before another noun
    entry = known_name(kb, [_name_run(token.doc, token.i)], published)
    if entry is None or entry.code == entry.country:
        return None  # a country's own entry: the lexicon's business
    body = entry.sector in MODIFIER_BODY_SECTORS
    return entry if body or (entry.country in MODIFIER_BODY_COUNTRIES and not entry.sector) else None


def name_tail(kb: KnowledgeBase, head: Token, published: str | None) -> tuple[KBEntry, int] | None:
    """A body the curated knowledge base knows at the end of a longer proper-noun run ("the Islamist
    Hayat Tahrir al-Sham": a descriptor inside the recogniser's name), and the first token of its
    name; the longest such tail of two words or more, else None."""
    for start in range(_name_start(head.doc, head.i) + 1, head.i):
        if not head.doc[start].text[:1].isupper():
            continue  # a name written in capitals only (all-lower-case copy tags any word a name)
        entry = known_name(kb, [head.doc[start : head.i + 1].text], published)
        if entry is not None and entry.source == CURATED and entry.code != entry.country:
            return entry, start
    return None


def capitalised_name(head: Token) -> Span | None:
    """A name the tagger split into a common noun and its complement ("Reporters Without Borders":
    the noun "Reporters" and a prepositional phrase): the capitalised head and a complement right
    after it whose words are all capitalised or small joining words, as one span, else None."""
    if pos_of(head) not in {"NOUN", "PROPN"} or not head.text[:1].isupper():
        return None
    prep = next((c for c in head.rights if c.dep_ == "prep"), None)
    if prep is None or prep.i != head.i + 1:
        return None
    end = max(t.i for t in prep.subtree) + 1
    words = head.doc[head.i + 1 : end]
    small = doc_words(head.doc, "name_function_words")
    if not all(t.text[:1].isupper() or t.lower_ in small for t in words):
        return None
    if not any(t.text[:1].isupper() for t in words[1:]):
        return None  # "Members of the ..." needs a capitalised word after its preposition
    return head.doc[head.i : end]


def outlet_modifier(kb: KnowledgeBase, head: Token, phrase_tokens: list[Token], published: str | None):
    """A news outlet the knowledge base knows, named as a modifier of the phrase: "VOA's Korean
    Service", "The Wall Street Journal newspaper", "AFP news service", "VOA host X" are the
    outlet's (its country, journalists), whatever nationality a language word adds."""
    for token in phrase_tokens:
        if token.i >= head.i or pos_of(token) != "PROPN":
            continue
        entry = known_name(kb, [_name_run(token.doc, token.i)], published)
        if entry is not None and entry.sector == OUTLET_SECTOR and entry.country:
            return entry
    return None


def agent_sector(kb: KnowledgeBase, head: Token, phrase_tokens: list[Token]) -> str | None:
    """Sector of an agent noun ("customs officers" -> COP), the longest known ending first."""
    found = agent_phrase_sector(kb, head, phrase_tokens)
    return found[0] if found else None


def agent_phrase_sector(kb: KnowledgeBase, head: Token, phrase_tokens: list[Token]) -> tuple[str, int] | None:
    """``(sector, words)`` of the longest known agent ending of the phrase ("armed men" -> UAF, 2),
    so that a caller can let a known multi-word agent outrank the head word's own sector."""
    if pos_of(head) != "NOUN":
        return None
    words = [t.lower_ for t in phrase_tokens if t.i <= head.i and not t.is_punct]
    for start in range(max(0, len(words) - 3), len(words)):
        sector = kb.agent(" ".join(words[start:]))
        if sector:
            return sector, len(words) - start
    sector = kb.agent(head.lemma_.lower())
    return (sector, 1) if sector else None


def adjective_country(kb: KnowledgeBase, tokens: list[Token]) -> str | None:
    """Country of a national adjective or demonym among the modifiers ("Brazilian", "Chadian")."""
    for token in tokens:
        if token.dep_ in {"amod", "compound", "nmod"} and token.text[:1].isupper():
            country = kb.adjective(token.text)
            if country:
                return country
    return None


def capital_country(kb: KnowledgeBase, head: Token) -> str | None:
    """A capital standing for its government ("Ankara said", "talks with Kyiv")."""
    if head.pos_ == "PROPN" and head.ent_type_ == "GPE" and head.dep_ in {"nsubj", "pobj", "dobj", "poss"}:
        return kb.capital(head.text)
    return None


def dateline_country(article: Article, kb: KnowledgeBase) -> str | None:
    """The country of the place the story was filed from ("KANO, Nigeria —"): the cleaner's
    dateline, or one still at the head of the text when the article was not cleaned."""
    dateline = article.dateline or _dateline_in_text(article)[0]
    home = home_of_dateline(dateline, kb) if dateline else None
    return home.country if home is not None else None


def dateline_end(article: Article, kb: KnowledgeBase) -> int:
    """Where a dateline still at the head of the text ends (0 when there is none): an uncleaned
    article keeps "KANO, Nigeria (AP) —" in its body, and the place it names is no party."""
    if article.dateline:
        return 0  # the cleaner moved it out of the text
    dateline, end = _dateline_in_text(article)
    return end if dateline and home_of_dateline(dateline, kb) is not None else 0


def _dateline_in_text(article: Article) -> tuple[str | None, int]:
    """The dateline at the head of the text by the cleaner's own pattern (clean/noise_patterns.yaml)
    and its end offset."""
    if (prefix := _dateline_prefix()) and (match := prefix.match(article.text[:120])):
        return match.group(1), match.end()
    return None, 0


def link_canonical(actor: Actor, entry: KBEntry | None, country_level: bool, kb: KnowledgeBase) -> None:
    """Give the mention its canonical actor: one id for all the names of the same actor."""
    if entry is not None and entry.country and actor.country != entry.country:
        entry = None  # "Germany's Foreign Office" is not the body the KB knows by that name
    if entry is not None and entry.code == entry.country:
        country_level = True  # a country's own entry ("Ukraine", "Kharkiv"): the country itself
    actor.canonical_id = canonical_id(
        kb_id=entry.canonical_id if entry else None,
        country=actor.country,
        sector=actor.sector,
        name=actor.name,
        person=actor.person,
        country_level=country_level,
    )
    if actor.canonical_id.startswith("c:"):  # "Moscow" said: the actor is Russia
        actor.canonical_name = kb.country_label(actor.country) or actor.name
        return
    group = group_name(kb, actor.country, actor.sector) if actor.canonical_id.startswith("g:") else None
    actor.canonical_name = entry.canonical_name if entry else group or actor.name


def relink_canonical(actor: Actor, kb: KnowledgeBase) -> Actor:
    """The actor linked again after a later stage changed its country (a group or person only:
    a knowledge-base entry or a whole country keeps its id)."""
    if actor.canonical_id and actor.canonical_id.startswith(("kb:", "c:")):
        return actor
    link_canonical(actor, None, False, kb)
    return actor


def affiliation(
    kb: KnowledgeBase, head: Token, published: str | None, state_sectors: set[str]
) -> tuple[KBEntry, range] | None:
    """The body a person's appositive places them in ("X, a senior fellow at the Atlantic Council",
    "X, a Brookings Institution fellow"), and the tokens of its name: a non-state body the
    knowledge base knows, whose country and sector stand for the person's when their own words
    give none."""
    for appos in (c for c in head.rights if c.dep_ == "appos"):
        for token in appos.subtree:
            following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if token.pos_ != "PROPN" or (following is not None and following.pos_ == "PROPN"):
                continue  # only the last word of a name
            name = _name_run(token.doc, token.i)
            entry = known_name(kb, [name], published)
            if entry is not None and entry.country and entry.sector and entry.sector not in state_sectors:
                return entry, range(_name_start(token.doc, token.i), token.i + 1)
    return None
