"""extract/nonevents.py on hand-built Docs (no statistical model): what a request asks for, what a
question asks, and a threat that names a danger are no events; their counterparts are."""

from __future__ import annotations

import pytest

from eventwire.extract.event_lexicon import Trigger
from eventwire.extract.nonevents import descriptive_threat, in_question, requested
from test_rules_handbuilt import hand_doc, no_model, token  # noqa: F401  (no_model: autouse fixture)

# "The G7 called on both sides to agree to a ceasefire ."
CALLED_ON = """
    The 1 det DT
    G7 2 nsubj NNP
    called 2 ROOT VBD call
    on 2 prep IN
    both 5 det DT
    sides 3 pobj NNS side
    to 7 aux TO
    agree 2 xcomp VB
    to 7 prep IN
    a 10 det DT
    ceasefire 8 pobj NN
    . 2 punct .
"""


def test_an_act_called_for_is_the_content_of_the_request():
    doc = hand_doc(CALLED_ON)
    assert requested(token(doc, "agree"), {2}, set())
    assert requested(token(doc, "ceasefire"), {2}, set())
    assert not requested(token(doc, "called"), {2}, set())  # the request itself stays


def test_an_act_deeper_in_the_asked_clause_is_asked_for_too():
    # "The envoy urged Farmajo to return to talks to reach an agreement ."
    doc = hand_doc("""
        The 1 det DT
        envoy 2 nsubj NN
        urged 2 ROOT VBD urge
        Farmajo 2 dobj NNP
        to 5 aux TO
        return 2 xcomp VB
        to 5 prep IN
        talks 6 pobj NNS talk
        to 9 aux TO
        reach 5 advcl VB
        an 11 det DT
        agreement 9 dobj NN
        . 2 punct .
    """)
    assert requested(token(doc, "agreement"), set(), set())  # "urge" governs with no REQUEST trigger
    assert requested(token(doc, "talks"), set(), set())


def test_a_relative_clause_inside_the_request_states_a_fact():
    # "Rights groups urged Thailand to free activists who were arrested ."
    doc = hand_doc("""
        Rights 1 compound NNS right
        groups 2 nsubj NNS group
        urged 2 ROOT VBD urge
        Thailand 2 dobj NNP
        to 5 aux TO
        free 2 xcomp VB
        activists 5 dobj NNS activist
        who 9 nsubjpass WP
        were 9 auxpass VBD be
        arrested 6 relcl VBN arrest
        . 2 punct .
    """)
    assert requested(token(doc, "free"), set(), set())
    assert not requested(token(doc, "arrested"), set(), set())


def test_an_event_a_requested_noun_refers_to_happened_but_a_call_for_talks_asks():
    # "Amnesty called for an investigation into the killing ."
    doc = hand_doc("""
        Amnesty 1 nsubj NNP
        called 1 ROOT VBD call
        for 1 prep IN
        an 4 det DT
        investigation 2 pobj NN
        into 4 prep IN
        the 7 det DT
        killing 5 pobj NN
        . 1 punct .
    """)
    assert requested(token(doc, "investigation"), {1}, set())
    assert not requested(token(doc, "killing"), {1}, set())
    # "China 's call for talks was welcomed ."
    talks = hand_doc("""
        China 2 poss NNP
        's 0 case POS
        call 6 nsubjpass NN
        for 2 prep IN
        talks 3 pobj NNS talk
        was 6 auxpass VBD be
        welcomed 6 ROOT VBN welcome
        . 6 punct .
    """)
    assert requested(token(talks, "talks"), set(), set())


def test_an_event_beside_a_verb_of_asking_is_no_content_of_it():
    # "Israeli troops attacked Gaza and Egypt called for calm ."  -- the attack is no request's content
    doc = hand_doc("""
        Israeli 1 amod JJ
        troops 2 nsubj NNS troop
        attacked 2 ROOT VBD attack
        Gaza 2 dobj NNP
        and 2 cc CC
        Egypt 6 nsubj NNP
        called 2 conj VBD call
        for 6 prep IN
        calm 7 pobj NN
        . 2 punct .
    """)
    assert not requested(token(doc, "attacked"), {6}, set())


def test_calling_a_meeting_convenes_it_and_asks_for_nothing():
    # "Britain called a meeting of the Council ."
    doc = hand_doc("""
        Britain 1 nsubj NNP
        called 1 ROOT VBD call
        a 3 det DT
        meeting 1 dobj NN
        of 3 prep IN
        the 6 det DT
        Council 4 pobj NNP
        . 1 punct .
    """)
    assert not requested(token(doc, "meeting"), set(), set())


def test_a_clause_a_request_trigger_took_over_is_asked_for():
    # "Scholz said talks must continue ." -- the obligation REQUEST at "said" took over "continue"
    doc = hand_doc("""
        Scholz 1 nsubj NNP
        said 1 ROOT VBD say
        talks 4 nsubj NNS talk
        must 4 aux MD
        continue 1 ccomp VB
        . 1 punct .
    """)
    assert requested(token(doc, "talks"), {1}, {4})
    assert not requested(token(doc, "talks"), set(), set())  # no demand found: nothing asked


def test_a_question_reports_no_event_and_a_statement_does():
    question = hand_doc("""
        Would 2 aux MD
        America 2 nsubj NNP
        defend 2 ROOT VB
        Taiwan 2 dobj NNP
        ? 2 punct .
    """)
    assert in_question(token(question, "defend"))
    statement = hand_doc("""
        America 1 nsubj NNP
        defended 1 ROOT VBD defend
        Taiwan 1 dobj NNP
        . 1 punct .
    """)
    assert not in_question(token(statement, "defended"))


def _threat(doc, word: str) -> Trigger:
    head = token(doc, word)
    return Trigger(head, "THREATEN", None, head.i, head.i + 1, "noun" if head.pos_ == "NOUN" else "verb")


@pytest.mark.parametrize(
    "rows, word, described",
    [
        (  # "China poses a threat ."
            "China 1 nsubj NNP\nposes 1 ROOT VBZ pose\na 3 det DT\nthreat 1 dobj NN\n. 1 punct .",
            "threat",
            True,
        ),
        (  # "Iran issued a threat ."
            "Iran 1 nsubj NNP\nissued 1 ROOT VBD issue\na 3 det DT\nthreat 1 dobj NN\n. 1 punct .",
            "threat",
            False,
        ),
        (  # "Trump's threat to impose tariffs" (as the subject of "worried")
            "Trump 2 poss NNP\n's 0 case POS\nthreat 6 nsubj NN\nto 4 aux TO\nimpose 2 acl VB\n"
            "tariffs 4 dobj NNS tariff\nworried 6 ROOT VBD worry\nmarkets 6 dobj NNS market\n. 6 punct .",
            "threat",
            False,
        ),
        (  # "The decisions threaten stability ."
            "The 1 det DT\ndecisions 2 nsubj NNS decision\nthreaten 2 ROOT VBP\n"
            "stability 2 dobj NN\n. 2 punct .",
            "threaten",
            True,
        ),
        (  # "Iran threatened Israel ."
            "Iran 1 nsubj NNP\nthreatened 1 ROOT VBD threaten\nIsrael 1 dobj NNP\n. 1 punct .",
            "threatened",
            False,
        ),
    ],
)
def test_a_threat_that_names_a_danger_is_no_threat_made(rows, word, described):
    doc = hand_doc(rows)
    assert descriptive_threat(_threat(doc, word)) is described
