"""Trigger words that report no event of their own (issue 14, the blind audits' non-events).

- The content of a request: "RSF asked the court to drop the charges" is a REQUEST by RSF; the
  dropping is what was asked for, not something that happened. PLOVER codes the speech act, so a
  trigger inside the complement of a verb or noun of asking, urging or proposing (and of a REQUEST
  trigger's own complement, "X said Y must Z") is dropped.
- Questions: "Would the U.S. defend Taiwan?" asks; it reports nothing.
- Fixed phrases ("as opposed to").
- Talk on a topic with no partner ("talked about the drought", "spoke of a new era"): speech, no
  meeting.
- A warning whose clause is a hedged prediction ("warns that countries could become targets"), and a
  thing that "threatens to" do harm ("the ban threatens to reignite tensions"): a danger forecast,
  no threat made.
- A rule of what happens to whom ("the person is usually deported", "... most often when they are
  convicted"); a doer's habit stays an event, as the annotators code it.
- The topic of a concern or question ("dismissed concerns about Trump's threat to impose tariffs").
- The act not taken ("instead of calling for an Asian NATO", "rather than impose tariffs").
- "Demonstrate" with an object: it shows, it protests nothing.
- Threat nouns and verbs that describe a danger: "China poses a threat", "the growing threat from
  China", "decisions that threaten the country's stability".
- A verdict on a thing told as its act ("the plan caves to pressure"), and modal advice to nobody
  in particular ("both sides should talk", "we must negotiate"): opinions, no act or demand.

The word lists are word classes (data/word_classes.yaml); this module holds only the tests.
"""

from __future__ import annotations

from spacy.tokens import Token

from .base import doc_memo, doc_tokens, sent_of
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
        if _pressed_for(node, governor) or _demand_names(node, governor):
            return True
        node = governor
    return False


def _opens_with(node: Token, preps: frozenset[str]) -> bool:
    """``node`` is a preposition of ``preps`` ("for the release") or a clause it opens ("for the
    U.S. to support the plan", parsed as a clause marked by "for")."""
    if node.dep_ == "prep":
        return node.lower_ in preps
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in preps for c in node.children)


def _pressed_for(node: Token, governor: Token) -> bool:
    """What a verb of pressing asks for through its preposition ("campaigning for the release of
    the bloggers", "insisted on the minister's resignation"), and what a request noun asks for
    when the parse hangs its preposition on the light verb ("made a plea for the release",
    "renewed calls for a ceasefire"): the act is asked for, not done (issue 14, the demands)."""
    if governor.pos_ not in {"VERB", "AUX"}:
        return False
    doc, lemma = governor.doc, governor.lemma_.lower()
    if lemma in doc_words(doc, "pressing_verbs") and _opens_with(node, doc_words(doc, "pressing_preps")):
        return True
    if lemma in doc_words(doc, "insisting_verbs") and _opens_with(node, doc_words(doc, "insisting_preps")):
        return True
    nouns = doc_words(doc, "request_nouns")
    asked = any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in governor.children)
    return asked and _opens_with(node, doc_words(doc, "request_preps"))


def _demand_names(node: Token, governor: Token) -> bool:
    """The act a request noun's verb names as what is asked ("the protesters' demands include the
    release of political prisoners", "their main demand is a ceasefire")."""
    verbs = doc_words(node.doc, "demand_content_verbs")
    if node.dep_ not in {"dobj", "attr"} or governor.lemma_.lower() not in verbs:
        return False
    nouns = doc_words(node.doc, "request_nouns")
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in nouns for c in governor.children)


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
    memo = doc_memo(token.doc, "question_clauses")  # asked of every candidate trigger: once per sentence
    clauses = memo.get(sent.start)
    if clauses is None:
        marks = [t for t in doc_tokens(token.doc)[sent.start : sent.end] if t.text == "?"]
        clauses = memo[sent.start] = [(m.head.left_edge.i, m.head.right_edge.i) for m in marks]
    return any(left <= token.i <= right for left, right in clauses)


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
    if head.pos_ == "VERB" and _abstract_subject(head):
        return True  # "the ban threatens to reignite tensions"
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


def _abstract_subject(verb: Token) -> bool:
    """Every subject of the verb is a thing, not a party that could make a threat."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    abstract = doc_words(verb.doc, "abstract_threat_subjects")
    return bool(subjects) and all(s.lemma_.lower() in abstract or s.lower_ in abstract for s in subjects)


def topic_talk(head: Token) -> bool:
    """A verb of talking with a topic and no partner ("talked about the drought", "spoke of a new
    era", "spoke to reporters about the vote"): a statement, no consultation. A partner ("talked with
    Sweden's leader"), or a subject of several parties ("Kenya and Uganda talked about the border",
    "the two sides talked about ..."), makes it a meeting."""
    doc = head.doc
    if head.pos_ != "VERB" or head.lemma_.lower() not in doc_words(doc, "topic_talk_verbs"):
        return False
    preps = [c for c in head.children if c.dep_ == "prep"]
    if not any(p.lower_ in doc_words(doc, "topic_preps") for p in preps):
        return False
    audiences = doc_words(doc, "press_audiences")
    for prep in preps:
        if prep.lower_ in doc_words(doc, "partner_preps"):
            if any(o.lower_ not in audiences and o.lemma_.lower() not in audiences for o in prep.children):
                return False
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    return not any(s.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in s.children) for s in subjects)


def hedged_warning(head: Token) -> bool:
    """A warning verb whose clause predicts with "could", "may" or "might" ("Ochieng warns that
    countries could become targets"): a forecast, no threat of the speaker's own act ("warned it
    would execute the hostages", "warned that it will continue" stay threats)."""
    doc = head.doc
    if head.pos_ != "VERB" or head.lemma_.lower() not in doc_words(doc, "warning_verbs"):
        return False
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    modals = doc_words(doc, "prediction_modals")
    return any(any(a.dep_ == "aux" and a.lower_ in modals for a in c.children) for c in clauses)


def speech_not_act(head: Token) -> bool:
    """The word only talks or forecasts: no event of any type is anchored on it."""
    return topic_talk(head) or hedged_warning(head)


def habitual(head: Token) -> bool:
    """A rule of what happens to whom, no act that happened: a passive act with an adverb of
    frequency ("the person is usually deported"), or an act in an adverbial ("when", "if") clause
    of a verb that has one ("people lose their cards most often when they are convicted", "rebels regularly
    escape when attacked"). A doer's habit stays an event, as the annotators code it ("the Taliban
    routinely deny providing sanctuary", "the group frequently conducts bombings")."""
    adverbs = doc_words(head.doc, "habitual_adverbs")
    verb = head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head

    def often(v: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ in adverbs for c in v.children) or _per_time(v)

    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    return (passive and often(verb)) or (verb.dep_ == "advcl" and often(verb.head))


def _per_time(verb: Token) -> bool:
    """A phrase of frequency on the verb: "every year", "each month", "a year", "per day"."""
    doc = verb.doc
    units, dets = doc_words(doc, "frequency_units"), doc_words(doc, "frequency_determiners")
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in dets:  # "per day"
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "npadvmod":
            nouns = [child] if any(d.dep_ == "det" and d.lower_ in dets for d in child.children) else []
        else:
            continue
        if any(n.lemma_.lower() in units for n in nouns):
            return True
    return False


def topic_of_concern(head: Token) -> bool:
    """The act is the topic of a concern, fear or question ("dismissed concerns about Trump's
    threat", "fears of an attack"): named, not reported as done."""
    doc = head.doc
    nouns, preps = doc_words(doc, "concern_nouns"), doc_words(doc, "concern_preps")
    node = head
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i or (node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"acl", "xcomp"}):
            return False  # a clause of its own states its act
        if node.dep_ == "pobj" and node.head.lower_ in preps and node.head.head.lower_ in nouns:
            return True
        node = node.head
    return False


def characterised(trig: Trigger) -> bool:
    """A verdict on a thing told as its act ("the plan caves to pressure", "the deal rejects the
    opposition's demands"): a verb whose every subject is a policy, plan or law, of a type whose
    doer must be a party. Acts a law does stay ("the law bans protests")."""
    head = trig.head
    if head.pos_ != "VERB" or trig.type.lower() not in doc_words(head.doc, "verdict_types"):
        return False
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    things = doc_words(head.doc, "verdict_subjects")
    return bool(subjects) and all(s.lemma_.lower() in things or s.lower_ in things for s in subjects)


def generic_party(subject: Token) -> bool:
    """A subject that is nobody in particular: "everyone", "we", "people", "both sides", "all
    countries"."""
    doc = subject.doc
    if subject.lower_ in doc_words(doc, "generic_subjects"):
        return True
    quantifiers = doc_words(doc, "generic_determiners")
    return any(c.dep_ in {"det", "predet"} and c.lower_ in quantifiers for c in subject.children)


def set_aside(trig: Trigger) -> bool:
    """The act is the alternative not taken: "instead of calling for an Asian NATO", "rather than
    impose tariffs" (the phrase right before the trigger's first word)."""
    doc = trig.head.doc
    for phrase in doc_words(doc, "alternative_phrases"):
        words = phrase.split()
        first = trig.start - len(words)
        if first >= 0 and [t.lower_ for t in doc[first : trig.start]] == words:
            return True
    return False


def counted(head: Token) -> bool:
    """The act is what a statistic counts ("the number of people arrested has climbed to 300", "the
    tally of civilians killed", "doubled the number of attacks"): a figure, no act of its own.
    "A number of protesters were arrested" reports arrests: "a number of" is only "several"."""
    node = head.head if head.dep_ == "acl" and head.tag_ in {"VBN", "VBG"} else head
    if node is not head and is_statistic(node):
        return True  # the participle hung on the figure itself: "the number of protesters detained"
    return node.dep_ == "pobj" and node.head.lower_ == "of" and is_statistic(node.head.head)


def is_statistic(noun: Token) -> bool:
    """A noun of a statistic with what it counts, an "of" or a noun before it ("the number of
    arrests", "the death toll"), but not "a number of" ("several")."""
    if noun.lemma_.lower() not in doc_words(noun.doc, "statistic_nouns"):
        return False
    if not any((c.dep_ == "prep" and c.lower_ == "of") or c.dep_ == "compound" for c in noun.children):
        return False
    vague = doc_words(noun.doc, "vague_quantity_determiners")
    return not any(c.dep_ == "det" and c.lower_ in vague for c in noun.children)


def reports_no_act(head: Token) -> bool:
    """The checks both kinds of event share, the rules' (events.py) and those the type model adds
    (coder.py): the clause asks a question, speaks about a topic rather than acting, or gives what
    a poll found. A new check that holds for both belongs here."""
    return in_question(head) or speech_not_act(head) or polled(head)


def polled(head: Token) -> bool:
    """The act is what an opinion poll found ("a survey found that 58 percent of voters oppose the
    deal", "most Kenyans back the charter, according to a poll"): a statistic of opinion, no act.
    The climb stops at an adverbial clause: "a poll found support fell after police arrested
    protesters" reports the arrests."""
    doc = head.doc
    polls, preps = doc_words(doc, "poll_nouns"), doc_words(doc, "citing_preps")
    node = head
    for _ in range(MAX_CLIMB):
        for child in node.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.lemma_.lower() in polls:
                return True  # "a poll found ...", "a survey showed ..."
            if child.dep_ == "prep" and child.lower_ in preps:
                if any(t.lemma_.lower() in polls for t in child.subtree):
                    return True
        if node.head.i == node.i or node.dep_ == "advcl":
            return False
        node = node.head
    return False


def reports_figure(verb: Token) -> bool:
    """A clause whose subject is a statistic ("the number of people arrested has climbed to 300"):
    it states a figure; the acts it counts are no event of the sentence."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and is_statistic(c) for c in verb.children)
