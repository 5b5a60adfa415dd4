"""Deaths and damage that nobody did: natural hazards, diseases and accidents (issue 14).

"An earthquake killed eight people", "a fire destroyed the market", "six workers were killed when a
chemical plant exploded": news, but no PLOVER event, because no party acted. An event verb is
caused by a hazard when its doer (subject, "by"/"in" cause, a relative clause's antecedent, the
subject a conjoined or participle verb shares) is one, or when a passive casualty with no doer of
its own is set in a clause of an accident ("were killed when their bus plunged off a bridge").

Troops, rebels and bombs stay doers: "troops struck the town", "Israeli fire killed three", "were
killed when a bomb exploded". The word lists are word classes (data/word_classes.yaml).
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_roles import SUBJECT_DEPS
from .lexicon import doc_words

# the parties that make a fire an act of war ("Israeli fire", "the army's fire")
PARTY_ENTITIES = {"NORP", "GPE", "ORG"}
MAX_CLAUSES = 3


def natural_cause(ctx, head: Token) -> bool:
    """Whether the event verb's doer is a natural hazard, a disease or an accident ("an earthquake
    killed eight", "were killed in floods"): no actor acted, so there is no event to code."""
    return _caused_by_hazard(head, MAX_CLAUSES)


def _caused_by_hazard(head: Token, depth: int) -> bool:
    causes = _causes(head)
    if any(_is_hazard(c) for c in causes) or (depth > 0 and _accident_casualty(head, depth)):
        return True
    if depth == 0 or causes:
        return False
    # a verb with no doer of its own has its governor's: "the cyclone slammed into the coast,
    # killing dozens", "a tsunami killed 43 people and injured hundreds"
    shares_doer = (head.dep_ == "advcl" and head.tag_ == "VBG") or (
        head.dep_ == "conj" and head.head.pos_ in {"VERB", "AUX"}
    )
    return shares_doer and _caused_by_hazard(head.head, depth - 1)


def _causes(head: Token) -> list[Token]:
    """The verb's doers: its subject, the noun a relative subject stands for, and the objects of its
    cause prepositions ("killed by floods", "died in a crash")."""
    doc = head.doc
    causes = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    if head.dep_ == "relcl" and any(c.lower_ in doc_words(doc, "relative_pronouns") for c in causes):
        causes += _antecedents(head.head)
    causes += [
        g
        for c in head.children
        if c.dep_ in {"agent", "prep"} and c.lower_ in doc_words(doc, "cause_preps")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    # a named storm: "Cyclone Idai slammed into Mozambique" (the name heads, the hazard is its compound)
    causes += [g for c in causes if c.pos_ == "PROPN" for g in c.children if g.dep_ == "compound"]
    return causes


def _antecedents(noun: Token) -> list[Token]:
    """The noun a relative clause hangs on and, when the parser hung it on the place of a noun
    ("a fire at one cafe that killed 25"), that noun too: the one the place's preposition follows,
    whatever the parser hung the preposition on."""
    found = [noun]
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.i > 0:
        before = noun.doc[prep.i - 1]
        found += [before] if before.pos_ in {"NOUN", "PROPN"} else []
    return found


def _is_hazard(noun: Token) -> bool:
    doc = noun.doc
    lemma, word = noun.lemma_.lower(), noun.lower_
    if lemma in doc_words(doc, "natural_hazards") or word in doc_words(doc, "natural_hazards"):
        return True
    if lemma in doc_words(doc, "accident_sites") and noun.dep_ in SUBJECT_DEPS:
        return True  # "a chemical plant exploded" (but "the plant was struck" is its target)
    if lemma in doc_words(doc, "blast_nouns"):  # "a gas explosion", "a factory fire"
        fuels = doc_words(doc, "accident_blast_compounds")
        if any(c.dep_ == "compound" and c.lemma_.lower() in fuels for c in noun.children):
            return True
    return lemma in doc_words(doc, "accidental_fires") and _unowned_fire(noun)


def _unowned_fire(noun: Token) -> bool:
    """ "A fire", "the blaze": a fire with an article and no party's name on it ("Israeli fire",
    "the army's fire" and "tank fire" are shooting)."""
    children = list(noun.children)
    if not any(c.dep_ == "det" for c in children):
        return False
    if any(c.dep_ == "poss" for c in children) or any(_set_by_someone(c) for c in children):
        return False
    modifiers = [c for c in children if c.dep_ in {"amod", "compound"}]
    weapons = doc_words(noun.doc, "weapon_fire_modifiers")
    return not any(m.ent_type_ in PARTY_ENTITIES or m.lemma_.lower() in weapons for m in modifiers)


def _set_by_someone(clause: Token) -> bool:
    """A clause on the fire that names who lit it: "the fire that rebels set", "a fire started by
    arsonists"."""
    if clause.dep_ not in {"relcl", "acl"}:
        return False
    relatives = doc_words(clause.doc, "relative_pronouns")
    return any(
        (c.dep_ == "nsubj" and c.lower_ not in relatives) or c.dep_ == "agent" for c in clause.children
    )


def _accident_casualty(head: Token, depth: int) -> bool:
    """A passive casualty with no doer, set in a clause of an accident: "five were killed when a
    volcano erupted", "nineteen died when their bus plunged off a bridge". Casualties listed
    together share the clause ("six were killed and two injured when a plant exploded"). A bomb
    that exploded stays an attack."""
    doc = head.doc
    lemma = head.lemma_.lower()
    # "nineteen died when their bus plunged off a bridge" (an undergoer verb), "were killed when ...";
    # not "protesters were arrested after the bridge collapsed", which stays an arrest
    suffered = lemma in doc_words(doc, "casualty_verbs") and _suffered(head)
    if lemma not in doc_words(doc, "undergoer_verbs") and not suffered:
        return False
    verbs = [head, *head.conjuncts]
    if head.dep_ in {"advcl", "conj"}:  # "five were killed, 20 injured ... after ..."
        verbs += [head.head, *head.head.conjuncts]
    for clause in (c for v in verbs for c in v.children if c.dep_ == "advcl" and c.i != head.i):
        if not any(c.dep_ == "nsubj" for c in clause.children):
            continue
        if clause.lemma_.lower() in doc_words(doc, "accident_verbs") or _caused_by_hazard(clause, depth - 1):
            return True
    return False


def _suffered(verb: Token) -> bool:
    """A passive ("were killed"), or a bare participle in a list of casualties ("two others
    injured"); not a perfect ("rebels have killed six")."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)
