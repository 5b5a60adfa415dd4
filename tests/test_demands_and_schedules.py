"""Demands and schedules (issue 14, the blind audit's demands and planned acts): an act that is only
pressed for is no event of its own, and an act that is due, arranged or sworn is future; each beside
a control that keeps today's reading (a real release stays RETREAT, a meeting held stays asserted)."""

from __future__ import annotations

from event_helpers import events_of, first_of_type, typed


def asserted_of(text: str, event_type: str) -> list[str]:
    """The lower-cased triggers of the asserted events of ``event_type``."""
    return [e.trigger.lower() for e in events_of(text) if e.type == event_type and e.modality == "asserted"]


# --- an act only pressed for --------------------------------------------------------------------


def test_a_release_campaigned_for_is_no_release():
    assert (
        asserted_of("Press unions are campaigning for the release of the two jailed cartoonists.", "RETREAT")
        == []
    )
    assert asserted_of("Guards released the two jailed cartoonists on Thursday.", "RETREAT") == ["released"]


def test_a_resignation_insisted_on_is_no_resignation():
    assert (
        asserted_of("The farmers' union insisted on the resignation of the agriculture minister.", "RETREAT")
        == []
    )
    assert asserted_of("The agriculture minister announced his resignation on Thursday.", "RETREAT") != []


def test_a_request_noun_after_a_light_verb_keeps_its_content_asked():
    text = "The bishop made a plea for the release of the kidnapped nurses."
    assert asserted_of(text, "RETREAT") == []
    text = "Veterans renewed calls for the withdrawal of the garrison from the valley."
    assert asserted_of(text, "RETREAT") == []


def test_what_demands_include_is_asked_not_done():
    text = "The strikers' demands include the release of their leaders and the resignation of the mayor."
    assert asserted_of(text, "RETREAT") == []
    text = "The government's concessions included the release of 40 prisoners."
    assert asserted_of(text, "RETREAT") != []  # no demand: the concessions name what was granted


def test_a_verb_of_pressing_keeps_its_object_an_act():
    text = "Government troops pushed back an attack by the militia on the airport."
    assert typed(text, "ASSAULT")


# --- an act due, arranged or sworn --------------------------------------------------------------


def test_an_act_due_to_happen_is_future():
    text = "Chad is due to sign the border accord with Niger on Friday."
    assert first_of_type(text, "AGREE").modality == "future"
    text = "Chad signed the border accord with Niger on Friday."
    assert first_of_type(text, "AGREE").modality == "asserted"


def test_a_bare_be_with_an_infinitive_arranges_the_act():
    text = "The two defence ministers are to meet in Lisbon next week."
    assert first_of_type(text, "CONSULT").modality == "future"
    text = "The two defence ministers met in Lisbon last week."
    assert first_of_type(text, "CONSULT").modality == "asserted"


def test_due_to_as_because_of_keeps_the_act_asserted():
    text = "The curfew imposed by the army was due to the attack by rebels on the market."
    assert "attack" in asserted_of(text, "ASSAULT")


def test_to_blame_is_no_arrangement():
    text = "Chad is to blame for the collapse of the talks, Niger said."
    assert first_of_type(text, "ACCUSE").modality != "future"


def test_a_nominal_event_expected_is_future():
    text = "A meeting between the Chadian and Nigerien presidents is expected later this month."
    assert first_of_type(text, "CONSULT").modality == "future"
    text = "A meeting between the Chadian and Nigerien presidents took place on Tuesday."
    assert first_of_type(text, "CONSULT").modality == "asserted"


def test_an_act_sworn_is_future():
    text = "The militia has sworn to fight the army until it controls the valley."
    assert first_of_type(text, "ASSAULT").modality == "future"
    text = "The militia fought the army in the valley on Monday."
    assert first_of_type(text, "ASSAULT").modality == "asserted"
