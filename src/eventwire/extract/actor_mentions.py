"""Which tokens head an actor mention, beyond a noun phrase's own head.

The parser and the entity recogniser miss some names: a person after a title that the recogniser
labels a work of art ("Defense Minister Rustem Umerov"), a name hung as a compound on a verb
("as President Donald Trump pushes ..."), a surname tagged as a common noun ("Trump has voiced
..."), and a named body that only modifies another noun ("a U.N. Security Council meeting",
"World Trade Organization dispute consultations"). These helpers find them; ``actors.py`` codes them.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .actor_lexicon import ActorPatterns, LexEntry
from .base import doc_ents

NAME_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
# lexicon kinds that name a body (not a country, a capital or a people) and so stay an actor when
# they only modify another noun
BODY_KINDS = {"igo", "group", "org", "metonym"}
# entity labels the recogniser gives names it did not take for a person or a body
STRAY_NAME_LABELS = {"", "WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "PERSON", "ORG"}


def is_proper(head: Token) -> bool:
    """A proper noun, or a name the tagger took for a common noun ("Trump has voiced ...", tagged
    NOUN but recognised as a named entity)."""
    return head.pos_ == "PROPN" or (head.ent_type_ in {"PERSON", "ORG"} and head.text[:1].isupper())


def stray_compound(token: Token) -> bool:
    """A name the parser hung as a compound on a verb ("as President Donald Trump pushes to ...",
    "Trump" a compound of "pushes"): no noun phrase of its own would ever be coded otherwise."""
    return token.head.pos_ in {"VERB", "AUX"} and token.ent_type_ in NAME_ENTITY_LABELS


def named_modifier(token: Token, entry_at: dict[int, tuple[int, int, LexEntry]]) -> bool:
    """The last word of a named body that modifies another noun ("a U.N. Security Council meeting")."""
    hit = entry_at.get(token.i)
    return hit is not None and hit[1] - 1 == token.i and hit[2].kind in BODY_KINDS


def _is_title(token: Token, patterns: ActorPatterns) -> bool:
    """An office or a word for an unnamed person ("Minister", "spokesperson"), not a body
    ("Parliament Road" names no one)."""
    words = {token.lower_, token.lemma_.lower()}
    return bool(words & patterns.titles or words & patterns.anonymous)


def titled_name(head: Token, phrase: SpacySpan, patterns: ActorPatterns) -> str | None:
    """A person's name after a title word that the recogniser did not label a person: "Defense
    Minister Rustem Umerov", "foreign ministry spokesperson Randhir Jaiswal" -> the name."""
    if head.pos_ != "PROPN" or head.ent_type_ not in STRAY_NAME_LABELS or head.ent_type_ == "PERSON":
        return None
    name: list[Token] = []
    for token in reversed([t for t in phrase if t.i <= head.i]):
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or _is_title(token, patterns):
            if len(name) > 1 and _is_title(token, patterns):  # a first name and a surname at least
                return " ".join(t.text for t in reversed(name))
            return None
        name.append(token)
    return None


def whole_entity(head: Token, phrase: SpacySpan) -> SpacySpan:
    """The phrase stretched to the end of the named entity its head starts ("Voice" of "Voice of
    America", whose "of America" the parser hangs on the head as a complement)."""
    if head.ent_type_ not in {"ORG", "PERSON"}:
        return phrase
    ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end), None)
    if ent is None or ent.end <= phrase.end or ent.start < phrase.start:
        return phrase
    end = ent.end
    while end > head.i + 1 and head.doc[end - 1].dep_ == "case":
        end -= 1  # "Osama bin Laden's": the name without its possessive ending
    return head.doc[phrase.start : end]
