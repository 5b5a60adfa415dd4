"""Modality classes an event must not be asserted in: a party's claim (alleged), background
(historical), a plan (future), an act called off; each beside a plain asserted control."""

from __future__ import annotations

from event_helpers import events_of
from event_helpers import first_of_type as typed


def test_the_object_of_claimed_is_alleged():
    assert typed("The army claimed the killing of 40 insurgents near Gao.", "ASSAULT").modality == "alleged"


def test_an_event_inside_a_claimed_clause_is_alleged():
    text = "The rebels claim that they protect the herders from attacks by government soldiers."
    assert typed(text, "ASSAULT").modality == "alleged"


def test_an_armed_group_on_its_own_act_is_alleged_but_a_state_is_not():
    assert typed("Insurgents said they freed 20 hostages on Sunday.", "RETREAT").modality == "alleged"
    assert typed("The army said it killed 12 fighters on Sunday.", "ASSAULT").modality == "asserted"


def test_background_phrases_make_an_event_historical():
    text = "In past border disputes, Nairobi has threatened to expel Somali diplomats."
    assert typed(text, "THREATEN").modality == "historical"
    text = "Rwanda was accused of arming rebels fighting then-president Joseph Kabila."
    assert typed(text, "ACCUSE").modality == "historical"


def test_a_phrase_dating_the_act_by_another_is_not_background():
    text = "Nairobi threatened at the time of the vote to expel Somali diplomats."
    assert typed(text, "THREATEN").modality == "asserted"


def test_a_planned_nominal_event_is_future():
    text = "The minister is scheduled to fly to Paris on Friday for talks with French officials."
    talks = [e for e in events_of(text) if e.trigger == "talks"]
    assert talks and talks[0].modality == "future"
    assert typed("Ghana is eyeing a trade agreement with Togo.", "AGREE").modality == "future"


def test_a_plan_noun_makes_its_infinitive_future():
    text = "Kenya's announcement of its intention to close two refugee camps alarmed aid groups."
    closing = [e for e in events_of(text) if e.trigger == "close"]
    assert closing and closing[0].modality == "future"


def test_a_signing_that_was_supposed_to_happen_is_not_asserted():
    text = "The two governments were supposed to sign a peace deal, but the ceremony was cancelled."
    assert typed(text, "AGREE").modality != "asserted"


def test_plain_past_events_stay_asserted():
    assert typed("Police arrested 12 protesters in Nairobi on Monday.", "COERCE").modality == "asserted"
    text = "The delegation traveled to Paris on Monday for talks with French officials."
    talks = [e for e in events_of(text) if e.trigger == "talks"]
    assert talks and talks[0].modality == "asserted"


def test_a_nominal_event_supposed_to_happen_is_not_asserted_but_a_done_one_is():
    text = "The withdrawal of U.S. troops from Afghanistan was supposed to be concluded by April 1."
    assert typed(text, "RETREAT").modality == "future"
    text = "The withdrawal of U.S. troops from Afghanistan was completed on April 1."
    assert typed(text, "RETREAT").modality == "asserted"
