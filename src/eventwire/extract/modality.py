"""Modality of an event: asserted, negated, hypothetical, future, historical or alleged.

The cues (``data/modality.yaml``) are looked for on the trigger and on the chain of words that
govern it up to the clause that reports it: "failed to intercept" negates "intercept", "if Israel
chooses to retaliate" makes "retaliate" hypothetical, but "the official said" does not lend its
own tense or negation to the event it reports.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from ..learn.features import NAMING_DEPS, time_phrase_tokens
from ..nlp.pos import doc_lower
from .base import doc_memo, doc_tokens, sent_of
from .event_lexicon import verb_lemma
from .lexicon import doc_words
from .modality_claims import standing_label

CLIMB_DEPS = {
    "xcomp",
    "ccomp",
    "advcl",
    "conj",
    "pcomp",
    "acl",
    "relcl",
    "prep",
    "pobj",
    "dobj",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "appos",
    "npadvmod",
    "amod",
    "compound",
}
NO_PARTY_DEPS = {"nsubj", "nsubjpass", "dobj"}
EXISTENT_DEPS = {"attr", "nsubj"}  # what "there is" says exists: "there were no talks"
ACCUSED_PATH = {"pcomp", "pobj", "prep", "dobj", "xcomp", "compound", "conj", "nmod"}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
MAX_CHAIN = 6


def governor_chain(trigger: Token, reporting: frozenset[str]) -> list[Token]:
    """The trigger and the words above it, stopping below a reporting verb or at the root."""
    chain = [trigger]
    token = trigger
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if not _occurs(trigger):
            return chain  # a nominal event keeps its own modality; light verbs are handled by the caller
        token = trigger.head
        chain.append(token)  # "a ceasefire could take place": the verb says whether it happens
    while token.dep_ in CLIMB_DEPS and token.head.i != token.i and len(chain) < MAX_CHAIN:
        head = token.head
        if head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in reporting and not _raised(token):
            break
        chain.append(head)
        if head.pos_ == "VERB" and token.dep_ in {"ccomp", "conj"}:
            break  # a clause of its own: its governor's modals do not reach it
        token = head
    return chain


def _raised(token: Token) -> bool:
    """The infinitive of a passive verb of saying is not a report of it but what the verb says of
    its subject: "were supposed to sign", "is said to have killed"."""
    return token.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in token.head.children)


def _occurs(noun: Token) -> bool:
    """The nominal event is the subject of a verb saying that it happens ("talks may resume")."""
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb.lemma_.lower()
    if lemma in doc_words(noun.doc, "occurrence_verbs"):
        return True
    objects = doc_words(noun.doc, "occurrence_objects")
    return lemma in doc_words(noun.doc, "occurrence_object_verbs") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children
    )


def nominal_cue(trigger: Token, published: str | None, lex: dict) -> str | None:
    """The modality a nominal event's own place gives it, whatever the verb that carries it says:
    "claimed the killing" (alleged), "is eyeing an agreement" (future), "past attacks" (historical)."""
    if _claimed(trigger, lex["alleged"]):
        return "alleged"
    if _planned_noun(trigger, published, lex):
        return "future"
    return "historical" if past_mention(trigger, lex) else None


def past_mention(trigger: Token, lex: dict) -> bool:
    """A nominal event its adjective puts before the story: "past attacks", "previous sanctions"."""
    adjectives = lex["historical"]["adjectives"]
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in adjectives for c in trigger.children)


def _cue_words(chain: list[Token]) -> list[Token]:
    return [c for node in chain for c in node.children] + chain


def _has_phrase(tokens: list[Token], phrases: frozenset[str]) -> bool:
    return _text_has(" " + " ".join(t.lower_ for t in tokens) + " ", phrases)


def _sentence_has_phrase(token: Token, phrases: frozenset[str]) -> bool:
    """``_has_phrase`` over the token's sentence, whose text is joined once per Doc: every trigger
    of the sentence asks."""
    sent = sent_of(token)
    memo = doc_memo(token.doc, "lower_sentence")
    text = memo.get(sent.start)
    if text is None:
        text = memo[sent.start] = " " + " ".join(t.lower_ for t in _sentence_tokens(token)) + " "
    return _text_has(text, phrases)


def _text_has(text: str, phrases: frozenset[str]) -> bool:
    return any(p in text for p in _padded(phrases))


@lru_cache(maxsize=64)
def _padded(phrases: frozenset[str]) -> tuple[str, ...]:
    """The phrases with a space on each side, so that only whole words match."""
    return tuple(f" {p} " for p in phrases)


def is_negated(chain: list[Token], lex: dict) -> bool:
    """A negation word on the trigger or a governor, or a governor like "fail to"."""
    adverbs = lex.get("negated_adverbs", frozenset())
    for node in chain:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no" and node is chain[0]):
                return True
            if child.lower_ in adverbs and any(g.dep_ == "neg" for g in child.children):
                return True  # "will no longer recognize"
    if chain[0].pos_ == "VERB" and any(_no_one(c) for c in chain[0].children if c.dep_ in NO_PARTY_DEPS):
        return True  # "no passengers were killed", "no one was hurt"
    if denied_ground(chain):
        return True
    # every governor, a conjunct's head too: the chain stops there, so in "commits the rebels to stop
    # kidnappings and to release hostages" reading "stop" as negating "release" keeps a promised act
    # from being asserted (_governors would need the shared governor, "commits", to read it right)
    return any(node.lemma_.lower() in lex["negating_verbs"] for node in chain[1:] if node.pos_ == "VERB")


def denied_ground(chain: list[Token]) -> bool:
    """The event hangs on a noun that "no" denies: "there have been no talks about X", "there was
    no evidence that rebels shelled the town", "officials found no sign the convoy was attacked".
    Such a noun negates what it governs when it is what an existential "there is" denies, or it is
    a word of evidence or intent (word class denied_ground_nouns); "there was no let-up as rebels
    shelled the town" stays asserted, the shelling being no part of the denied noun."""
    if _existential_denial(chain[0]):
        return True  # the reported clause itself: "told VOA that there have been no discussions"
    grounds = doc_words(chain[0].doc, "denied_ground_nouns")
    for node in chain:
        if node.pos_ != "NOUN" or not _denied(node):
            continue
        if node.dep_ in EXISTENT_DEPS and _existential_denial(node.head):
            return True  # "there have been no talks": none held, none refused
        if node is not chain[0] and node.lemma_.lower() in grounds:
            return True
    return False


def _denied(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _existential_denial(verb: Token) -> bool:
    """ "there is/was/have been no X": a verb of being with "there" whose noun "no" denies."""
    if verb.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in verb.children):
        return False
    return any(c.dep_ in EXISTENT_DEPS and c.pos_ == "NOUN" and _denied(c) for c in verb.children)


def _no_one(party: Token) -> bool:
    """A party quantified by "no": "no passengers", "no one", "nobody"."""
    if party.lower_ in doc_words(party.doc, "nobody_words"):
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in party.children)


def modality_of(trigger: Token, published: str | None, lex: dict) -> str:
    chain = governor_chain(trigger, lex["attribution_verbs"])
    cues = _cue_words(chain)
    lowers = {t.lower_ for t in cues}
    hypo, fut = lex["hypothetical"], lex["future"]
    if is_negated(chain, lex):
        return "negated"
    marks = {c.lower_ for node in chain for c in node.children if c.dep_ == "mark"}
    reported_will = _reported_will(chain, lex)
    modals = lowers & hypo["modals"] - (fut["reported_modals"] if reported_will else frozenset())
    if marks & hypo["markers"] or modals:
        return "hypothetical"
    if conditional(chain, hypo) or wished(trigger, hypo):
        return "hypothetical"
    governors = _governors(chain)
    if any(verb_lemma(n, hypo["governors"]) in hypo["governors"] for n in governors):
        return "hypothetical"
    if _is_alleged(trigger, chain, cues, lex["alleged"]) or _claimed(trigger, lex["alleged"]):
        return "alleged"
    if lowers & fut["modals"] or _planned(governors, fut) or _planned_noun(trigger, published, lex):
        return "future"
    if reported_will or _scheduled_infinitive(chain, fut):
        return "future"
    if trigger.i > sent_of(trigger).start + 1 and _sentence_has_phrase(trigger, fut["phrases"]):
        if any(t.lower_ in doc_words(trigger.doc, "future_copula_words") and t.head in chain for t in cues):
            return "future"
    if _is_historical(cues + time_phrase_tokens(chain[0]), published, lex["historical"]):
        return "historical"
    if _background_phrase(chain, lex["historical"]) or _former_title(trigger, lex["historical"]):
        return "historical"
    if past_mention(trigger, lex) or standing_label(trigger, lex["historical"]):
        return "historical"
    return "asserted"


def _reported_will(chain: list[Token], lex: dict) -> bool:
    """The clause reports, after a verb of saying in the past, what someone said they "would" do:
    "said it would impose tariffs" reports "we will impose tariffs", a stated intention, not a
    supposition. ``governor_chain`` stops below the reporting verb, so the chain's top is the clause."""
    top = chain[-1]
    reporting = top.head
    if top.dep_ != "ccomp" or reporting.i == top.i or reporting.tag_ not in {"VBD", "VBN"}:
        return False
    if reporting.lemma_.lower() not in lex["attribution_verbs"]:
        return False
    backshifted = lex["future"]["reported_modals"]
    return any(c.dep_ == "aux" and c.lower_ in backshifted for node in chain for c in node.children)


def in_condition(chain: list[Token], hypo: dict) -> bool:
    """The event or a verb above it sits in an "if"/"unless" clause ("if Tehran does not live up to
    its commitments"): the antecedent of a conditional."""
    markers = hypo.get("condition_markers", frozenset())
    return any(c.dep_ == "mark" and c.lower_ in markers for node in chain for c in node.children)


def conditional(chain: list[Token], hypo: dict) -> bool:
    """The consequent of a conditional: a verb of the chain has an adverbial "if"/"unless" clause
    ("if convicted, they face decades in prison"). A verb of saying or threatening keeps its own
    reading: its condition is part of what it says ("threatened retaliation if hit by sanctions")."""
    markers, speech = hypo.get("condition_markers", frozenset()), hypo.get("condition_speech_verbs", ())
    for node in chain:
        if node.pos_ not in {"VERB", "AUX"} or node.lemma_.lower() in speech:
            continue
        for clause in node.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in markers for m in clause.children
            ):
                return True
    return False


def wished(trigger: Token, hypo: dict) -> bool:
    """A nominal event hoped for or named as a possibility ("Russia hopes for talks", "the prospect
    of sanctions", "hopes of a ceasefire"): wished, not done."""
    if trigger.pos_ not in {"NOUN", "PROPN"} or trigger.dep_ != "pobj":
        return False
    prep = trigger.head
    if prep.lower_ not in hypo.get("wish_preps", ()):
        return False
    words = hypo.get("wish_words", frozenset())
    return verb_lemma(prep.head, words) in words


def _planned(governors: list[Token], fut: dict) -> bool:
    """A governing verb of a plan ("is scheduled to travel") or a plan noun ("its intention to close")."""
    return any(
        verb_lemma(n, fut["governors"]) in fut["governors"]  # "hopes" is lemmatised "hop"
        if n.pos_ in {"VERB", "ADJ"}
        else n.pos_ == "NOUN" and n.lemma_.lower() in fut.get("noun_governors", ())
        for n in governors
    )


def _scheduled_infinitive(chain: list[Token], fut: dict) -> bool:
    """The act is the infinitive of a word of schedule ("Egypt is due to sign the accord", "is about
    to sign") or of a bare "be" ("the ministers are to meet in Brussels"): arranged, not yet done.
    Only the infinitive counts: "the delay due to the attack" reports an attack."""
    words = fut.get("schedule_words", frozenset())
    for node in chain:  # the act's own verb, or one it is the infinitive or conjunct of
        if node.dep_ not in {"xcomp", "conj"}:
            return False  # "Russia is to blame for the attack": the attack is no infinitive
        if node.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            head, bare_be = node.head, node.head.lemma_.lower() == "be" and node.head.pos_ == "AUX"
            if bare_be and node.lemma_.lower() in fut.get("be_to_idioms", ()):
                return False  # "Russia is to blame": it is responsible, nothing is arranged
            return head.lower_ in words or bare_be
    return False


def _planned_noun(trigger: Token, published: str | None, lex: dict) -> bool:
    """A nominal event that is the object of a plan ("is eyeing an agreement"), the subject of a
    passive plan ("talks are scheduled to begin") or the purpose of a planned act ("scheduled to
    travel on Wednesday for meetings", "migrants slated for deportation")."""
    fut = lex["future"]
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    head = trigger.head
    if trigger.dep_ == "dobj":
        return head.lemma_.lower() in fut.get("object_verbs", ())
    if trigger.dep_ == "nsubjpass" and any(c.dep_ == "xcomp" for c in head.children):
        return head.lemma_.lower() in fut["governors"]  # "the drawdown was supposed to be concluded"
    if trigger.dep_ == "nsubjpass":  # "a meeting of the two leaders is expected later this month"
        return head.lemma_.lower() in fut.get("passive_plan_verbs", ())
    if trigger.dep_ != "pobj" or head.lower_ not in fut.get("purpose_preps", ()):
        return False
    act = head.head
    if act.pos_ not in {"VERB", "AUX", "ADJ"} or act.i == head.i:
        return False
    return act.lemma_.lower() in fut["governors"] or modality_of(act, published, lex) == "future"


def _claimed(trigger: Token, lex: dict) -> bool:
    """The event is what a party claims: the object of "claimed" ("claimed the killing of 33") or
    inside the clause it claims ("rebels claim that they protect ... from attacks")."""
    verbs = lex.get("claim_verbs", frozenset())
    head = trigger.head
    if trigger.dep_ == "dobj" and _active_verb(head, verbs):
        return True
    token = trigger
    for _ in range(MAX_CHAIN):
        if token.head.i == token.i:
            return False
        if token.dep_ == "ccomp" and _active_verb(token.head, verbs):
            return True
        token = token.head
    return False


def _active_verb(token: Token, lemmas: frozenset[str]) -> bool:
    if token.pos_ != "VERB" or token.lemma_.lower() not in lemmas:
        return False
    return not any(c.dep_ == "auxpass" for c in token.children)


def _background_phrase(chain: list[Token], lex: dict) -> bool:
    """A phrase on the event or its governors that sets it in the background: "At the time, ...",
    "In past bilateral tensions, ..."."""
    exact, starts = lex.get("bare_phrases", frozenset()), lex.get("phrase_starts", frozenset())
    for node in chain:
        for child in node.children:
            if child.dep_ != "prep":
                continue
            text = " ".join(t.lower_ for t in child.subtree)
            if text in exact or any(text.startswith(s + " ") for s in starts):
                return True
    return False


def _former_title(trigger: Token, lex: dict) -> bool:
    """A "then-" title among the event's own words ("aiding rebels fighting then-president
    Gbagbo"): the act is told from after it, when the title was no longer held. A clause the event
    reports ("said that ...") is left out: its titles date the claim, not the event."""
    prefixes = lex.get("former_prefixes", frozenset())
    lower = doc_lower(trigger.doc)  # the subtree lies within its edges: most have no prefix at all
    if not any(w in prefixes for w in lower[trigger.left_edge.i : trigger.right_edge.i + 1]):
        return False
    reported = {t.i for c in trigger.children if c.dep_ == "ccomp" for t in c.subtree}
    doc = trigger.doc
    for tok in trigger.subtree:
        if tok.i in reported or tok.i + 1 >= len(doc) or tok.lower_ not in prefixes:
            continue
        if doc[tok.i + 1].text == "-" and not tok.whitespace_ and not doc[tok.i + 1].whitespace_:
            return True
    return False


def _governors(chain: list[Token]) -> list[Token]:
    """The words of the chain that govern the word below them. A verb joined by "and" is a second
    act of the same subject, not governed by the first: in "is considering sanctions and warned
    that ...", "consider" makes the sanctions hypothetical, not the warning."""
    return [chain[n + 1] for n in range(len(chain) - 1) if chain[n].dep_ != "conj"]


def _is_alleged(trigger: Token, chain: list[Token], cues: list[Token], lex: dict) -> bool:
    if any(c.lower_ in lex["adverbs"] for c in cues if c.dep_ == "advmod"):
        return True
    if any(c.lower_ in lex["adjectives"] for c in trigger.children if c.dep_ == "amod"):
        return True
    for node in chain[1:]:
        passive = any(c.dep_ == "auxpass" for c in node.children)
        if node.lemma_.lower() in lex["governors"] and passive:
            return True
    if _accused_of(trigger, lex):
        return True
    return trigger.pos_ in {"NOUN", "PROPN"} and _sentence_has_phrase(trigger, lex["phrases"])


def _sentence_tokens(token: Token) -> tuple:
    sent = sent_of(token)
    return doc_tokens(token.doc)[sent.start : sent.end]


def _accused_of(trigger: Token, lex: dict) -> bool:
    """The event is what someone is accused of: "accused of aiding rebels", "accused the Taliban
    of plotting the attack", "charged with kidnapping"."""
    token, through_prep = trigger, False
    for _ in range(MAX_CHAIN):
        if token.dep_ not in ACCUSED_PATH or token.head.i == token.i:
            return False
        head = token.head
        if head.dep_ == "prep" and head.lower_ in lex.get("accusation_preps", ()):
            through_prep = True
        if through_prep and head.lemma_.lower() in lex.get("accusers", ()):
            return True
        token = head
    return False


def _is_historical(cues: list[Token], published: str | None, lex: dict) -> bool:
    if any(t.lower_ in lex["words"] for t in cues):
        return True
    if _has_phrase(cues, lex["phrases"]):
        return True
    if published and len(published) >= 4 and published[:4].isdigit():
        year = int(published[:4])
        for t in cues:
            m = YEAR.fullmatch(t.text)
            if m and t.ent_type_ == "DATE" and t.dep_ not in NAMING_DEPS and int(m.group(1)) < year:
                return True
    return False
