"""Names and rows of words that tell an actor's kind without the knowledge base.

A body the knowledge base does not know still says what it is by the kind word ending its name
("the Lakeside Policy Institute", "Zenzi Securities"), and a row of national adjectives sharing
one noun ("Kenyan, Ugandan and Tanzanian troops") names one actor per nation. actors.py codes them.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..kb import KnowledgeBase
from .actor_lexicon import ActorPatterns, LexEntry

NATION_KIND = "demonym"


def body_name_sector(token: Token, patterns: ActorPatterns) -> str | None:
    """The sector the kind word ending a body's own name gives ("the Lakeside Policy Institute":
    NGO, "the Savanna Insight consultancy": BUS), so that a body the knowledge base does not know,
    and the person an apposition places in it, still get one. Only the name's head counts, and only
    a capitalised word or a kind noun after a proper name ("the initiative" names no body)."""
    sector = patterns.body_name_sector.get(token.lower_)
    if sector is None or token.dep_ == "compound":
        return None
    named = token.pos_ == "PROPN" and token.text[:1].isupper()
    if named or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts):
        return sector
    return None


def _joiner(token: Token) -> bool:
    return token.text == "," or token.pos_ == "CCONJ"


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
    hit = entry_at.get(token.i)
    return (
        token.pos_ == "ADJ"
        and hit is not None
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
