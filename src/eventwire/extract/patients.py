"""The one an act is done to (issue 14): the patient of a passive or of a passive participle of a
verb of word class ``patient_verbs`` ("the journalist was arrested on Monday", "five militants
killed in the operation", "One of the group's leaders is dead, killed in a raid"), or the possessor
of a noun of word class ``patient_nouns`` ("the journalist's arrest", "his release on bail"). The
parse gives such a patient the place of a subject or possessor, so rules that borrow a verb's
subject, and the role model, read it as the doer. It is never the doer of that act, and it is the
act's target. Read by event_roles.py (the rules) and coder_roles.py (a constraint on the role model).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .lexicon import doc_words

# the links by which a name belongs to the patient's own phrase ("Iran's ambassador", "one of the
# leaders", "the journalist, a Kenyan"): no clause ("the man who attacked the police")
_OWN_PHRASE_DEPS = {"poss", "compound", "amod", "nmod", "nummod", "prep", "pobj", "appos", "case"}


def patient_token(verb: Token) -> Token | None:
    """The token standing for whom ``verb`` is done to, when its passive or passive participle
    names that one in a subject's place; None for an active verb or a verb not of the class."""
    if verb.pos_ in {"NOUN", "PROPN"}:
        return _possessor_acted_on(verb)
    if verb.lemma_.lower() not in doc_words(verb.doc, "patient_verbs"):
        return None
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive  # a relative "who" stands for the noun its clause hangs from (actor_at)
    if not _bare_participle(verb):
        return None
    if verb.dep_ == "acl":  # "militants killed in the operation"
        return verb.head
    if verb.dep_ == "advcl":  # "Detained in March, the activist ...", "is dead, killed in a raid"
        return next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


def _possessor_acted_on(noun: Token) -> Token | None:
    """ "the journalist's arrest", "his release": the possessor of a noun of word class
    patient_nouns is acted on, unless an "of"/"by" phrase names another ("Russia's expulsion of the
    diplomats": Russia acts)."""
    if noun.lemma_.lower() not in doc_words(noun.doc, "patient_nouns"):
        return None
    party_preps = doc_words(noun.doc, "patient_noun_party_preps")
    if any(c.dep_ in {"prep", "agent"} and c.lower_ in party_preps for c in noun.children):
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _bare_participle(verb: Token) -> bool:
    """A past participle with no subject or auxiliary of its own: passive in sense ("killed in the
    raid"), unlike an active perfect ("having killed ...")."""
    return verb.tag_ == "VBN" and not any(c.dep_ in {"nsubj", "aux", "csubj", "expl"} for c in verb.children)


def patient_role(verb: Token, token: Token) -> str | None:
    """How ``token`` (an actor's root) stands to the patient of ``verb``: "patient" when it names
    the patient itself ("the journalist", "one of the leaders"), "owner" when it is named inside
    the patient's own phrase ("Iran's ambassador": Iran); None otherwise."""
    patient = patient_token(verb)
    if patient is None:
        return None
    if patient.lower_ in doc_words(verb.doc, "relative_pronouns") and verb.dep_ == "relcl":
        patient = verb.head  # "the reporter, who was detained"
    if token.i == patient.i or _quantity_of(patient, token):
        return "patient"
    step = token
    while step.i != patient.i:
        if step.dep_ not in _OWN_PHRASE_DEPS or step.head.i == step.i:
            return None
        step = step.head
    return "owner"


def _quantity_of(patient: Token, token: Token) -> bool:
    """ "one of the militants", "dozens of protesters": the patient is a quantity of the token."""
    quantity = patient.pos_ == "NUM" or patient.lemma_.lower() in doc_words(patient.doc, "quantity_words")
    return quantity and token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i == patient.i


def _anyone(token: Token) -> bool:
    return True


def reports_agentless_act(verb: Token, token: Token, names_doer: Callable[[Token], bool] = _anyone) -> bool:
    """Whether ``token`` is the subject of the verb that reports ``verb``, an act done to someone
    with no doer named ("his lawyer said he had been released", "the union said two protesters were
    shot"): whoever says it happened is not thereby the one who did it. A "by" phrase for which
    ``names_doer`` is false names what did the harm, not who ("injured by stones", "wounded by
    shrapnel"): the act still has no doer named."""
    if patient_token(verb) is None:
        return False
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if doer is None or names_doer(doer):
            return False
    return verb.dep_ == "ccomp" and token.dep_ == "nsubj" and token.head.i == verb.head.i
