"""Event recall rules (issue 14) on hand-built Docs (no statistical model): triggers the lexicon
lacked, a conjunct verb's modality, retaliation paid in trade measures, and the coder's retyping
of a sentence's main event."""

from __future__ import annotations

import pytest

from eventwire.extract.base import Context
from eventwire.extract.coder import _judge
from eventwire.extract.event_lexicon import find_triggers, modality_lexicon, trigger_lexicon
from eventwire.extract.event_senses import _for_a_deed, _paid_in_trade
from eventwire.learn.pools import NONE
from eventwire.models import Article, Event, Evidence
from eventwire.options import Options
from test_rules_handbuilt import hand_doc, modality, no_model, token  # noqa: F401  (no_model: autouse fixture)


@pytest.fixture(scope="module")
def mlex():
    return modality_lexicon(())


def _triggers(rows: str) -> dict[str, str]:
    doc = hand_doc(rows)
    return {t.head.text: t.type for t in find_triggers(doc, trigger_lexicon(()), {})}


@pytest.mark.parametrize(
    "rows, word, kind",
    [
        (  # "He was rearrested in July ."
            "He 2 nsubjpass PRP\nwas 2 auxpass VBD be\nrearrested 2 ROOT VBN rearrest\n"
            "in 2 prep IN\nJuly 3 pobj NNP\n. 2 punct .",
            "rearrested",
            "COERCE",
        ),
        (  # "The council dissolved the party ."
            "The 1 det DT\ncouncil 2 nsubj NN\ndissolved 2 ROOT VBD dissolve\nthe 4 det DT\n"
            "party 2 dobj NN\n. 2 punct .",
            "dissolved",
            "COERCE",
        ),
        (  # "Canada imposed new tariffs on U.S. goods ."
            "Canada 1 nsubj NNP\nimposed 1 ROOT VBD impose\nnew 3 amod JJ\ntariffs 1 dobj NNS tariff\n"
            "on 1 prep IN\nU.S. 6 compound NNP\ngoods 4 pobj NNS good\n. 1 punct .",
            "imposed",
            "SANCTION",
        ),
        (  # "The government placed blame on the leaders ."
            "The 1 det DT\ngovernment 2 nsubj NN\nplaced 2 ROOT VBD place\nblame 2 dobj NN\n"
            "on 2 prep IN\nthe 6 det DT\nleaders 4 pobj NNS leader\n. 2 punct .",
            "placed",
            "ACCUSE",
        ),
        (  # "Gunmen gunned down a teacher ."
            "Gunmen 1 nsubj NNS gunman\ngunned 1 ROOT VBD gun\ndown 1 prt RP\na 4 det DT\n"
            "teacher 1 dobj NN\n. 1 punct .",
            "gunned",
            "ASSAULT",
        ),
        (  # "Two bombers detonated their vests ."
            "Two 1 nummod CD\nbombers 2 nsubj NNS bomber\ndetonated 2 ROOT VBD detonate\n"
            "their 4 poss PRP$\nvests 2 dobj NNS vest\n. 2 punct .",
            "detonated",
            "ASSAULT",
        ),
        (  # "Fighters looted the shops ."
            "Fighters 1 nsubj NNS fighter\nlooted 1 ROOT VBD loot\nthe 3 det DT\nshops 1 dobj NNS shop\n"
            ". 1 punct .",
            "looted",
            "COERCE",
        ),
        (  # "The army launched a counterattack ."
            "The 1 det DT\narmy 2 nsubj NN\nlaunched 2 ROOT VBD launch\na 4 det DT\n"
            "counterattack 2 dobj NN\n. 2 punct .",
            "counterattack",
            "ASSAULT",
        ),
    ],
)
def test_triggers_the_lexicon_lacked(rows, word, kind):
    assert _triggers(rows).get(word) == kind


def test_dissolving_or_placing_something_else_is_no_event():
    # "The sugar dissolved in the water and she placed the cup on the table ."
    found = _triggers(
        "The 1 det DT\nsugar 2 nsubj NN\ndissolved 2 ROOT VBD dissolve\nin 2 prep IN\nthe 5 det DT\n"
        "water 3 pobj NN\nand 2 cc CC\nshe 8 nsubj PRP\nplaced 2 conj VBD place\nthe 10 det DT\n"
        "cup 8 dobj NN\non 8 prep IN\nthe 13 det DT\ntable 11 pobj NN\n. 2 punct ."
    )
    assert "dissolved" not in found and "placed" not in found


def test_mowing_a_lawn_is_no_event_but_mowing_down_people_is():
    # "He mowed the lawn ." against "Gunmen mowed down worshippers ."
    lawn = _triggers("He 1 nsubj PRP\nmowed 1 ROOT VBD mow\nthe 3 det DT\nlawn 1 dobj NN\n. 1 punct .")
    people = _triggers(
        "Gunmen 1 nsubj NNS gunman\nmowed 1 ROOT VBD mow\ndown 1 prt RP\n"
        "worshippers 1 dobj NNS worshipper\n. 1 punct ."
    )
    assert "mowed" not in lawn and people.get("mowed") == "ASSAULT"


def test_a_verb_joined_to_a_hypothetical_one_keeps_its_own_modality(mlex):
    # "The EU is considering sanctions and warned that the actions would divide the country ."
    doc = hand_doc("""
        The 1 det DT
        EU 3 nsubj NNP
        is 3 aux VBZ be
        considering 3 ROOT VBG consider
        sanctions 3 dobj NNS sanction
        and 3 cc CC
        warned 3 conj VBD warn
        that 12 mark IN
        the 9 det DT
        actions 12 nsubj NNS action
        would 12 aux MD
        divide 6 ccomp VB
        the 14 det DT
        country 12 dobj NN
        . 3 punct .
    """)
    assert modality(doc, "warned", mlex) == "asserted"


def test_a_complement_of_a_governing_verb_still_takes_its_modality(mlex):
    # "The EU is considering imposing sanctions ." (the counterpart: a complement, not a conjunct)
    doc = hand_doc("""
        The 1 det DT
        EU 3 nsubj NNP
        is 3 aux VBZ be
        considering 3 ROOT VBG consider
        imposing 3 xcomp VBG impose
        sanctions 4 dobj NNS sanction
        . 3 punct .
    """)
    assert modality(doc, "imposing", mlex) == "hypothetical"


@pytest.mark.parametrize(
    "rows, paid",
    [
        (  # "Trudeau retaliated by announcing increased tariffs ."
            "Trudeau 1 nsubj NNP\nretaliated 1 ROOT VBD retaliate\nby 1 prep IN\n"
            "announcing 2 pcomp VBG announce\nincreased 5 amod VBN increase\ntariffs 3 dobj NNS tariff\n"
            ". 1 punct .",
            True,
        ),
        (  # "China retaliated against tariffs ." (what it answers, not its means)
            "China 1 nsubj NNP\nretaliated 1 ROOT VBD retaliate\nagainst 1 prep IN\n"
            "tariffs 2 pobj NNS tariff\n. 1 punct .",
            False,
        ),
        (  # "Iran retaliated with missiles after Israel imposed sanctions ."
            "Iran 1 nsubj NNP\nretaliated 1 ROOT VBD retaliate\nwith 1 prep IN\n"
            "missiles 2 pobj NNS missile\nafter 6 mark IN\nIsrael 6 nsubj NNP\nimposed 1 advcl VBD impose\n"
            "sanctions 6 dobj NNS sanction\n. 1 punct .",
            False,
        ),
    ],
)
def test_a_retaliation_paid_in_trade_measures_is_a_sanction(rows, paid):
    doc = hand_doc(rows)
    assert _paid_in_trade(token(doc, "retaliated"), "retaliate") is paid


def _event(doc, word: str, kind: str, confidence: float) -> Event:
    head = token(doc, word)
    sent = doc[:]
    evidence = Evidence(head.idx, head.idx + len(head.text), sent.start_char, sent.end_char)
    return Event(type=kind, trigger=word, evidence=evidence, modality="asserted", confidence=confidence)


def test_the_main_event_is_not_retyped_to_a_type_another_event_of_the_sentence_has():
    # "The Taliban denounced the delay and threatened to break the cease-fire ."
    doc = hand_doc("""
        The 1 det DT
        Taliban 2 nsubj NNP
        denounced 2 ROOT VBD denounce
        the 4 det DT
        delay 2 dobj NN
        and 2 cc CC
        threatened 2 conj VBD threaten
        to 8 aux TO
        break 6 xcomp VB
        the 10 det DT
        cease-fire 8 dobj NN
        . 2 punct .
    """)
    ctx = Context(doc=doc, article=Article(id="t", text=doc.text), options=Options())
    cfg = {"drop_none": 0.9, "keep_rule_type": 0.1, "retype": 0.9, "retype_rule_below": 0.15}
    cfg["confidence_weight"] = 0.5
    probs = {NONE: 0.02, "ACCUSE": 0.93, "THREATEN": 0.05}
    accused, threat = _event(doc, "denounced", "ACCUSE", 0.5), _event(doc, "threatened", "THREATEN", 0.6)
    kept = _judge(ctx, doc[:], [accused, threat], probs, cfg)
    assert sorted(e.type for e in kept) == ["ACCUSE", "THREATEN"]
    # alone in its sentence, the same event does take the model's type
    lone = _event(doc, "threatened", "THREATEN", 0.6)
    assert [e.type for e in _judge(ctx, doc[:], [lone], probs, cfg)] == ["ACCUSE"]


def test_no_longer_negates_and_makes_a_refusal(mlex):
    # "They will no longer recognize Farmajo ."
    doc = hand_doc("""
        They 4 nsubj PRP
        will 4 aux MD
        no 3 neg RB
        longer 4 advmod RB long
        recognize 4 ROOT VB
        Farmajo 4 dobj NNP
        . 4 punct .
    """)
    assert modality(doc, "recognize", mlex) == "negated"
    # "They will recognize Farmajo longer ." has no negation: only the future
    plain = hand_doc("They 2 nsubj PRP\nwill 2 aux MD\nrecognize 2 ROOT VB\nFarmajo 2 dobj NNP\n. 2 punct .")
    assert modality(plain, "recognize", mlex) == "future"


@pytest.mark.parametrize(
    "rows, criticism",
    [
        (  # "Trump attacked the newspaper for refusing to support his plans ."
            "Trump 1 nsubj NNP\nattacked 1 ROOT VBD attack\nthe 3 det DT\nnewspaper 1 dobj NN\n"
            "for 1 prep IN\nrefusing 4 pcomp VBG refuse\nto 7 aux TO\nsupport 5 xcomp VB\n"
            "his 9 poss PRP\nplans 7 dobj NNS plan\n. 1 punct .",
            True,
        ),
        (  # "Rebels attacked the convoy for hours ."
            "Rebels 1 nsubj NNS rebel\nattacked 1 ROOT VBD attack\nthe 3 det DT\nconvoy 1 dobj NN\n"
            "for 1 prep IN\nhours 4 pobj NNS hour\n. 1 punct .",
            False,
        ),
    ],
)
def test_an_attack_for_doing_something_is_criticism(rows, criticism):
    doc = hand_doc(rows)
    assert _for_a_deed(token(doc, "attacked")) is criticism


def test_crediting_someone_is_support():
    # "Rubio credited Britain for playing a constructive role ."
    found = _triggers(
        "Rubio 1 nsubj NNP\ncredited 1 ROOT VBD credit\nBritain 1 dobj NNP\nfor 1 prep IN\n"
        "playing 3 pcomp VBG play\na 6 det DT\nrole 4 dobj NN\n. 1 punct ."
    )
    assert found.get("credited") == "SUPPORT"


def test_calling_claims_baseless_is_an_accusation_and_calling_a_meeting_is_not():
    # "Iran called the accusations baseless ."
    found = _triggers(
        "Iran 1 nsubj NNP\ncalled 1 ROOT VBD call\nthe 3 det DT\naccusations 1 dobj NNS accusation\n"
        "baseless 1 oprd JJ\n. 1 punct ."
    )
    assert found.get("called") == "ACCUSE"
    # "He called the minister Mr. Smith ." names someone
    named = _triggers(
        "He 1 nsubj PRP\ncalled 1 ROOT VBD call\nthe 3 det DT\nminister 1 dobj NN\nMr. 5 compound NNP\n"
        "Smith 1 oprd NNP\n. 1 punct ."
    )
    assert "called" not in named


def test_a_year_in_a_clause_under_the_trigger_does_not_date_it(mlex):
    # "China blamed Washington for withdrawing in 2017 ." (story of 2025): the blame is news
    doc = hand_doc(
        "China 1 nsubj NNP\nblamed 1 ROOT VBD blame\nWashington 1 dobj NNP\nfor 1 prep IN\n"
        "withdrawing 3 pcomp VBG withdraw\nin 4 prep IN\n2017 5 pobj CD\n. 1 punct .",
        ents=[("DATE", 6, 7)],
    )
    assert modality(doc, "blamed", mlex, published="2025-03-13") == "asserted"
    # "China withdrew in 2017 ." is dated by its own time phrase
    dated = hand_doc(
        "China 1 nsubj NNP\nwithdrew 1 ROOT VBD withdraw\nin 1 prep IN\n2017 2 pobj CD\n. 1 punct .",
        ents=[("DATE", 3, 4)],
    )
    assert modality(dated, "withdrew", mlex, published="2025-03-13") == "historical"
