"""Trigger words that report no event of their own (issue 14, the blind audits' non-events).

- The content of a request: "RSF asked the court to drop the charges" is a REQUEST by RSF; the
  dropping is what was asked for, not something that happened. PLOVER codes the speech act, so a
  trigger inside the complement of a verb or noun of asking, urging or proposing (and of a REQUEST
  trigger's own complement, "X said Y must Z") is dropped.
- Questions: "Would the U.S. defend Taiwan?" asks; it reports nothing.
- Fixed phrases ("as opposed to").
- "Demonstrate" with an object: it shows, it protests nothing.
- Threat nouns and verbs that describe a danger: "China poses a threat", "the growing threat from
  China", "decisions that threaten the country's stability".

The word lists are word classes (data/word_classes.yaml); this module holds only the tests.
"""

from __future__ import annotations

from spacy.tokens import Token

from .base import sent_of
from .event_lexicon import Trigger
from .lexicon import doc_words

# dependencies through which a verb of asking takes what it asks for ("urged X to go", "demanded
# that X go", "demanded talks"); a preposition's phrase only for the request prepositions
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "obj", "dative"}
NOUN_CONTENT_DEPS = {"acl", "ccomp"}
# a trigger under these is presented as done, whatever governs it ("the activists who were arrested")
PRESUPPOSED_DEPS = {"relcl", "amod", "appos"}
MAX_CLIMB = 8


def _infinitival(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _presupposed(node: Token) -> bool:
    """A relative clause, an adjective, a participle ("the sanctions imposed on Russia") or a noun's
    prepositional phrase states a fact about a thing; an infinitive after a noun ("a proposal for
    X to lift") does not."""
    if node.dep_ in PRESUPPOSED_DEPS:
        return True
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in {"NOUN", "PROPN"}:
        # "called for an investigation into the killing": the killing happened; but "its call for
        # talks" asks for the talks
        return node.head.head.lemma_.lower() not in doc_words(node.doc, "request_nouns")
    return node.dep_ == "acl" and not _infinitival(node) and node.tag_ in {"VBN", "VBG"}


def _content_edge(node: Token, governor: Token) -> bool:
    """Does ``node`` hang from ``governor`` as what is asked for?"""
    words = doc_words(governor.doc, "request_preps")
    if node.dep_ == "prep":
        return node.lower_ in words
    if governor.pos_ in {"NOUN", "PROPN"}:
        return governor.lemma_.lower() in doc_words(governor.doc, "request_nouns") and (
            node.dep_ in NOUN_CONTENT_DEPS
        )
    if node.dep_ == "xcomp" and governor.lemma_.lower() in doc_words(governor.doc, "attempt_verbs"):
        return False  # "seeks to stop the transfers": an attempt, the infinitive is the event
    if node.dep_ in {"dobj", "obj"} and (
        governor.lemma_.lower() in doc_words(governor.doc, "convening_governors")
        or any(c.dep_ == "oprd" for c in governor.children)
    ):
        return False  # "called a meeting" convenes, "called the attack an act of terror" names
    if node.dep_ == "advcl":  # "pleaded with both sides to stop the fighting"
        return _infinitival(node)
    return node.dep_ in CONTENT_DEPS


def _is_governor(token: Token, request_heads: set[int]) -> bool:
    if token.i in request_heads:
        return True
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"}:
        return lemma in doc_words(token.doc, "request_governors")
    return token.pos_ == "NOUN" and lemma in doc_words(token.doc, "request_nouns")


def requested(head: Token, request_heads: set[int], request_clauses: set[int]) -> bool:
    """Is the trigger at ``head`` only what someone asks, urges or proposes be done?

    ``request_heads`` are the REQUEST triggers' heads; ``request_clauses`` the clauses they took
    over ("X said Y must Z": the clause is asked for whatever the governing word)."""
    node = head
    for _ in range(MAX_CLIMB):
        if node.i in request_clauses:
            return True
        if _presupposed(node) or node.head.i == node.i:
            return False
        governor = node.head
        if _is_governor(governor, request_heads) and _content_edge(node, governor):
            return True
        node = governor
    return False


def obliged(head: Token, modals: frozenset[str]) -> bool:
    """The act is what someone must or should do ("this abuse must be rejected", "the U.N. must
    maintain sanctions"): an urging, no act done. A nominal act counts through the verb whose
    object or subject it is."""
    verb = head.head if head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"dobj", "nsubjpass"} else head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def in_question(token: Token) -> bool:
    """The word sits in a clause that a question mark closes: "Would the U.S. defend Taiwan?",
    "You're talking about Ukraine?"."""
    sent = sent_of(token)
    for mark in sent:
        if mark.text == "?" and mark.head.left_edge.i <= token.i <= mark.head.right_edge.i:
            return True
    return False


def descriptive_threat(trig: Trigger) -> bool:
    """A threat noun naming a danger ("poses a threat", "the threat of attacks") or a threatening
    verb whose object is an abstract good ("threaten the country's stability"): no threat made."""
    head = trig.head
    if trig.type != "THREATEN":
        return False
    lemma = head.lemma_.lower()
    if head.pos_ in {"NOUN", "PROPN"} and lemma in doc_words(head.doc, "descriptive_threat_nouns"):
        if any(c.dep_ in {"acl", "relcl", "xcomp"} and _infinitival(c) for c in head.children):
            return False  # "Trump's threat to impose tariffs"
        verb = head.head
        acts = doc_words(head.doc, "threat_act_verbs")
        return not (head.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in acts)
    if head.pos_ != "VERB" or any(c.dep_ in {"xcomp", "ccomp"} for c in head.children):
        return False  # "threatened to close the base" is a threat
    objects = [c for c in head.children if c.dep_ in {"dobj", "obj"}]
    abstract = doc_words(head.doc, "figurative_threat_objects")
    return bool(objects) and all(o.lemma_.lower() in abstract or o.lower_ in abstract for o in objects)


def shown_not_protested(trig: Trigger) -> bool:
    """A protest verb with a direct object shows something ("demonstrates a complete disregard
    for the rights of migrants"); "students demonstrated against the law" protests."""
    head = trig.head
    if trig.type != "PROTEST" or head.pos_ != "VERB":
        return False
    if head.lemma_.lower() not in doc_words(head.doc, "showing_verbs"):
        return False
    return any(c.dep_ in {"dobj", "obj"} for c in head.children)


def in_fixed_phrase(head: Token) -> bool:
    """The trigger word is part of a fixed phrase that reports nothing ("as opposed to")."""
    doc = head.doc
    for phrase in doc_words(doc, "non_event_phrases"):
        words = phrase.split()
        for k, word in enumerate(words):
            start = head.i - k
            if word != head.lower_ or start < 0 or start + len(words) > len(doc):
                continue
            if all(doc[start + j].lower_ == w for j, w in enumerate(words)):
                return True
    return False
