"""The other side of a joint act (extract/joint_acts.py): a coordinated source of an agreement, a
meeting or cooperation is one side in the source and the other in the target, unless the act names
a party of its own. Each rule has a counterpart that keeps the co-actor reading. Sentences of our
own, none taken from a gold set.
"""

from __future__ import annotations

from event_helpers import events_of
from eventwire.models import Event, Evidence
from test_coactors import _actor, _ctx, _run
from test_rules_handbuilt import hand_doc


def _one(text: str, event_type: str) -> Event:
    found = [e for e in events_of(text) if e.type == event_type]
    assert found, f"no {event_type} event in {text!r}"
    return found[0]


def _sides(event: Event) -> tuple:
    country = lambda a: None if a is None else a.country  # noqa: E731
    return country(event.source), country(event.target), [a.country for a in event.source_also]


def test_a_coordinated_pair_that_agrees_is_source_and_target():
    event = _one("Peru and Chile agreed on Tuesday to reopen their shared border.", "AGREE")
    assert _sides(event) == ("PER", "CHL", [])


def test_a_pair_that_condemns_someone_keeps_its_co_actor():  # counterpart: no joint act
    event = _one("Peru and Chile condemned Bolivia on Monday.", "ACCUSE")
    assert _sides(event) == ("PER", "BOL", ["CHL"])


def test_a_party_the_act_is_done_with_keeps_the_target():  # counterpart: "a deal with X"
    event = _one("Peru and Chile signed a trade deal with Bolivia on Monday.", "AGREE")
    assert _sides(event) == ("PER", "BOL", ["CHL"])


def test_where_a_pair_signed_yields_the_target_to_the_other_side():
    event = _one("Kenyan and Ugandan ministers signed a security pact in Nairobi on Monday.", "AGREE")
    assert _sides(event) == ("KEN", "UGA", [])


MET_IN = """
    Chile 3 nsubj NNP
    and 0 cc CC
    Peru 0 conj NNP
    met 3 ROOT VBD meet
    in 3 prep IN
    Geneva 4 pobj NNP
    . 3 punct .
"""

MET_WITH = MET_IN.replace("in 3 prep IN", "with 3 prep IN")


def _consult(parse: str) -> Event:
    doc = hand_doc(parse)
    chile, peru, geneva = _actor(doc, 0, "CHL"), _actor(doc, 2, "PER"), _actor(doc, 5, "CHE")
    met = doc[3]
    evidence = Evidence(met.idx, met.idx + len(met), 0, len(doc.text))
    event = Event("CONSULT", "met", evidence, source=chile, target=geneva)
    return _run(_ctx(doc, {0: chile, 2: peru, 5: geneva}), event)


def test_a_meeting_place_is_no_party_beside_a_coordinated_pair():
    event = _consult(MET_IN)
    assert (event.source.text, event.target.text, event.source_also) == ("Chile", "Peru", [])


def test_a_partner_named_with_with_keeps_the_target():  # counterpart: "met with X"
    event = _consult(MET_WITH)
    assert (event.source.text, event.target.text, [a.text for a in event.source_also]) == (
        "Chile",
        "Geneva",
        ["Peru"],
    )
