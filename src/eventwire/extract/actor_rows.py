"""Names and rows of words that tell an actor's kind without the knowledge base.

A body the knowledge base does not know still says what it is by the kind word ending its name
("the Lakeside Policy Institute", "Zenzi Securities"), and a row of national adjectives sharing
one noun ("Kenyan, Ugandan and Tanzanian troops") names one actor per nation. actors.py codes them.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..kb import KnowledgeBase
from ..nlp.pos import doc_lower, lower_of
from .actor_lexicon import ActorPatterns, LexEntry
from .actor_mentions import clause_opener
from .base import doc_tokens, pos_of
from .lexicon import doc_words

NATION_KIND = "demonym"
# A country's name inside a body's longer name ("Air India", "Tehreek-e-Taliban Pakistan"): its
# country codes the body, but it names no state actor of its own and no sector
IN_NAME_KIND = "in_name"
# lexicon kinds that a body's longer name may end in: a country ("Air India"), a capital, or a
# metonym ("World Uyghur Congress" is no U.S. Congress)
NAME_END_KINDS = {"country", "country_cased", "short", "capital", "metonym"}


def body_name_phrase_sector(token: Token, patterns: ActorPatterns) -> str | None:
    """The sector of two kind words ending a name ("the Kavango Liberation Army": REB), which says
    more than the last word's own sector ("army"); only a capitalised name's head counts."""
    i = token.i
    # the token's own tests first: most tokens fail them, and the word before costs two new Tokens
    if i == 0 or token.dep_ == "compound" or pos_of(token) != "PROPN" or not token.text[:1].isupper():
        return None
    before = doc_tokens(token.doc)[i - 1]
    if before.head.i != i or not before.text[:1].isupper():
        return None
    lower = doc_lower(token.doc)
    return patterns.body_name_sector.get(f"{lower[i - 1]} {lower[i]}")


def body_name_sector(token: Token, patterns: ActorPatterns) -> str | None:
    """The sector the kind word ending a body's own name gives ("the Lakeside Policy Institute":
    NGO, "the Savanna Insight consultancy": BUS), so that a body the knowledge base does not know,
    and the person an apposition places in it, still get one. Only the name's head counts, and only
    a capitalised word or a kind noun after a proper name ("the initiative" names no body)."""
    if token.dep_ == "compound":
        return None
    sector = body_name_phrase_sector(token, patterns) or patterns.body_name_sector.get(lower_of(token))
    if sector is None:
        return None
    named = pos_of(token) == "PROPN" and token.text[:1].isupper()
    if named or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts):
        return sector
    return None


def name_opening(
    span: Span, entry_at: dict[int, tuple[int, int, LexEntry]], patterns: ActorPatterns
) -> range | None:
    """The token positions of the words that open a longer name ending in a lexicon match:
    capitalised words of the same name before it, at least one of them not a name of the lexicon,
    a title, a person or a chamber ("Air India", "the World Uyghur Congress", "the National People's
    Congress"; not "the U.S. Congress", "the Trump White House", "House Democrats"), else None."""
    doc = span.doc
    lefts = [c for c in span.root.lefts if c.i < span.start and _name_word(c, span)]
    if not lefts:
        return None
    chamber = doc_words(doc, "party_chamber_words")
    run = range(min(c.left_edge.i for c in lefts), span.start)
    words = [doc[i] for i in run if doc[i].dep_ != "det"]  # "the" of "the National People's ..."
    if any(t.is_alpha and len(t) > 1 and not t.text[:1].isupper() for t in words):
        return None  # "Council members Greece": no one name
    own = any(
        t.text[:1].isupper()
        and t.pos_ in {"PROPN", "NOUN"}
        and t.i not in entry_at
        and t.ent_type_ != "PERSON"
        and not clause_opener(t)
        and t.lower_ not in chamber
        and t.lower_ not in patterns.titles
        and t.lower_ not in patterns.people
        for t in words
    )
    return run if own else None


def _name_word(token: Token, span: Span) -> bool:
    """A word hung on the match as part of its name: a compound, or a possessor inside the same
    named entity ("the National People's Congress")."""
    if token.dep_ == "compound":
        return True
    return token.dep_ == "poss" and token.ent_iob_ == "I" and span.root.ent_iob_ == "I"


def _joiner(token: Token) -> bool:
    return token.text == "," or pos_of(token) == "CCONJ"


def conjoined_noun(head: Token, entry_at: dict[int, tuple[int, int, LexEntry]]) -> Token | None:
    """The noun after the row of national adjectives joined by commas or a conjunction that
    ``head`` is part of ("Kenyan, Ugandan and Tanzanian troops"), else None. Read off the words, not
    the parse, which hangs such rows many ways."""
    doc = head.doc

    def in_row(t: Token) -> bool:
        hit = entry_at.get(t.i)
        return _joiner(t) or (hit is not None and hit[2].kind == NATION_KIND)

    first = last = head.i
    while first > 0 and in_row(doc[first - 1]):
        first -= 1
    while last + 1 < len(doc) and in_row(doc[last + 1]):
        last += 1
    while first < head.i and _joiner(doc[first]):
        first += 1  # "U.S., French and Chinese envoys": the row starts at the first adjective
    joined = any(_joiner(t) for t in doc[first:last])
    noun = doc[last + 1] if last + 1 < len(doc) else None
    return noun if joined and noun is not None and noun.pos_ == "NOUN" else None


def conjoined_nation(token: Token, entry_at: dict[int, tuple[int, int, LexEntry]]) -> bool:
    """One of a row of national adjectives ("a Kenyan and Ugandan proposal"): an actor of its own,
    though the tagger made it an adjective (not a noun that would head a phrase anyway)."""
    hit = entry_at.get(token.i)  # asked of every token: the sparse lexicon hits first
    return (
        hit is not None
        and pos_of(token) == "ADJ"
        and hit[2].kind == NATION_KIND
        and conjoined_noun(token, entry_at) is not None
    )


def row_sector(noun: Token, patterns: ActorPatterns, kb: KnowledgeBase, own: str | None) -> str:
    """The sector of the noun a row of national adjectives shares (``own``: its sector word's, if
    any): "Kenyan, Ugandan and Tanzanian troops" are MIL each, and where the noun names no agent of
    its own ("a Kenyan and Ugandan proposal", "... representatives") the nations act as states."""
    if own or is_generic(noun, patterns):
        return own or "GOV"
    return kb.agent(noun.lemma_.lower()) or "GOV"


def appositive_title(
    tokens: list[Token], patterns: ActorPatterns, sector_of: Callable[[Token], str | None]
) -> list[str]:
    """The sector of the title an apposition gives a person, when it also names the body they work
    at: the title outranks the body ("X, a professor at the Y Institute" teaches), and the body the
    other words ("X, a women's rights campaigner at the Y Initiative": NGO, not civilians)."""
    if not any(body_name_sector(t, patterns) for t in tokens):
        return []
    titles = [s for t in tokens if t.dep_ == "appos" and not is_generic(t, patterns) and (s := sector_of(t))]
    return titles[-1:]


def is_generic(token: Token, patterns: ActorPatterns) -> bool:
    """A head word whose sector yields to a more specific modifier ("officials", "leader")."""
    return token.lemma_.lower() in patterns.generic or token.lower_ in patterns.generic
