"""Issue 14's conditionals and hopes on hand-built Docs (no statistical model): the consequent of
an "if" clause and a noun hoped for are read as hypothetical; a threat made on a condition and a
noun that only has a complement stay as they are. The parsed counterparts are in
test_nonevents_opinion.py."""

from __future__ import annotations

from eventwire.extract.event_lexicon import modality_lexicon
from eventwire.extract.modality import conditional, governor_chain, in_condition, modality_of, wished
from test_rules_handbuilt import hand_doc, no_model, token  # noqa: F401  (no_model: autouse fixture)

# consequent and antecedent on a hand-built parse: "If attacked , Kenya retaliates ."
CONDITIONAL = """
    If 1 mark IN
    attacked 4 advcl VBN attack
    , 4 punct ,
    Kenya 4 nsubj NNP
    retaliates 4 ROOT VBZ retaliate
    . 4 punct .
"""

# "Kenya threatened to retaliate if attacked ."
THREAT_ON_CONDITION = """
    Kenya 1 nsubj NNP
    threatened 1 ROOT VBD threaten
    to 3 aux TO
    retaliate 1 xcomp VB
    if 5 mark IN
    attacked 1 advcl VBN attack
    . 1 punct .
"""


def test_conditional_reads_the_adverbial_if_clause_of_a_verb_but_not_of_a_verb_of_threatening():
    lex = modality_lexicon(())
    doc = hand_doc(CONDITIONAL)
    chain = governor_chain(token(doc, "retaliates"), lex["attribution_verbs"])
    assert conditional(chain, lex["hypothetical"])
    assert in_condition(governor_chain(token(doc, "attacked"), lex["attribution_verbs"]), lex["hypothetical"])
    threat = hand_doc(THREAT_ON_CONDITION)
    assert not conditional([token(threat, "threatened")], lex["hypothetical"])
    assert modality_of(token(threat, "threatened"), "2024-04-14", lex) == "asserted"


def test_wished_reads_a_noun_under_a_word_of_hope():
    # "the prospect of sanctions" / "the sanctions of the council"
    lex = modality_lexicon(())
    doc = hand_doc("""
        the 1 det DT
        prospect 1 ROOT NN
        of 1 prep IN
        sanctions 2 pobj NNS sanction
    """)
    assert wished(token(doc, "sanctions"), lex["hypothetical"])
    other = hand_doc("""
        the 1 det DT
        sanctions 1 ROOT NNS sanction
        of 1 prep IN
        council 2 pobj NN
    """)
    assert not wished(token(other, "council"), lex["hypothetical"])
