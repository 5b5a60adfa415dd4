"""Modality readings of who tells an act and how it is labelled (issue 14, alleged and historical).

A party's own word about harm done to it is its claim ("the mayor said he had been threatened"), and
a label given in the perfect with no date ("have designated the group a terrorist organisation") is
the party's standing status, background rather than the act of giving it. ``modality.py`` reads
the rest.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import doc_words

# how far up the parse a reported clause is followed to its verb of saying
MAX_CHAIN = 6


def own_grievance(trigger: Token, event_type: str, reporting: frozenset[str]) -> bool:
    """A party's own word about harm done to it ("the mayor said he had been threatened", "the
    rebels said their fighters came under attack"): its claim, which the reporter does not vouch
    for. The victim is a pronoun agreeing with the speaker, or a thing such a pronoun owns; "police
    said a man had been attacked" reports a harm to someone else."""
    if event_type.lower() not in doc_words(trigger.doc, "grievance_types"):
        return False
    verb, victims = _harmed(trigger)
    speaker = _reporter_subject(verb, reporting) if victims else None
    if speaker is None:
        return False
    return any((pronoun := _owning_pronoun(v)) is not None and _agree(pronoun, speaker) for v in victims)


def _harmed(trigger: Token) -> tuple[Token, list[Token]]:
    """The verb of the harm and the words for who suffered it: the subject of a passive ("he had
    been threatened") or of a verb the harm is under ("came under attack", "is under threat")."""
    preps = doc_words(trigger.doc, "grievance_preps")
    verb = trigger
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if trigger.dep_ != "pobj" or trigger.head.lower_ not in preps:
            return trigger, []
        verb = trigger.head.head
    elif not any(c.dep_ == "auxpass" for c in verb.children):
        if not any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children):
            return verb, []  # an active verb: its subject did the harm
        return verb, [c for c in verb.children if c.dep_ == "nsubj"]
    deps = {"nsubjpass"} if verb is trigger else {"nsubj", "nsubjpass"}
    return verb, [c for c in verb.children if c.dep_ in deps]


def _reporter_subject(verb: Token, reporting: frozenset[str]) -> Token | None:
    """The subject of the verb of saying whose reported clause holds ``verb``."""
    node = verb
    for _ in range(MAX_CHAIN):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ == "ccomp" and head.pos_ == "VERB" and head.lemma_.lower() in reporting:
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        node = head
    return None


def _owning_pronoun(victim: Token) -> Token | None:
    """The victim itself as a personal pronoun ("he"), or the pronoun that owns it ("their forces")."""
    if victim.tag_ == "PRP":
        return victim
    return next((c for c in victim.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)


def _agree(pronoun: Token, speaker: Token) -> bool:
    """The pronoun can stand for the speaker: the same grammatical number, both stated."""
    number = pronoun.morph.get("Number")
    return bool(number) and number == speaker.morph.get("Number")


def standing_label(verb: Token, hist: dict) -> bool:
    """A label given in the perfect and undated ("Pakistan and the United States have designated
    the group a terrorist organisation"): the party's standing status told as background, not the
    act of giving it ("designated it a terrorist group on Friday")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in hist.get("standing_label_verbs", ()):
        return False
    have = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    perfect = verb.tag_ == "VBN" and have
    dated = any(t.ent_type_ in {"DATE", "TIME"} for t in verb.subtree)
    return perfect and _labelled(verb) and not dated


def _labelled(verb: Token) -> bool:
    """The verb gives its object a label: "as a terrorist group", or a second noun, which the
    parser hangs as a predicate, a second object or an apposition of the first."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if len(objects) > 1 or any(c.dep_ == "appos" for o in objects for c in o.children):
        return True
    return any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children)
