"""A party "along with" / "together with" the doer or the act acts beside the doer: it is neither
the act's target nor the place where it happens ("along" is also a locative word: "along the
highway"). Each case has a counterpart where the old reading stays. The sentences are invented."""

from __future__ import annotations

import pytest

from event_helpers import first_of_type


@pytest.mark.parametrize(
    "sentence",
    [
        "Portugal, along with Norway, criticized the ruling on Tuesday.",
        "Chile condemned the raid, along with Peru and the Organization of American States.",
        "Ghana condemned the coup along with Togo.",
    ],
)
def test_a_companion_state_is_no_target_nor_place(sentence):
    event = first_of_type(sentence, "ACCUSE")
    assert event.target is None
    assert event.location is None


def test_a_companion_of_the_source_is_no_target_but_the_object_is():
    event = first_of_type("Ghana, together with Togo, condemned Mali on Monday.", "ACCUSE")
    assert event.target is not None and event.target.text == "Mali"


def test_along_a_place_is_still_where():
    # counterpart: "along" with a place and no "with" says where the act happened
    event = first_of_type("Gunmen attacked a convoy along the highway in Niger.", "ASSAULT")
    assert event.location is not None and event.location.country == "NER"


def test_a_group_beside_the_doer_does_not_fill_the_target():
    sentence = "Opposition leaders in Ghana have spoken out against the tax, along with donors."
    assert first_of_type(sentence, "ACCUSE").target is None
    # counterpart: the same group as what is spoken against is the target
    event = first_of_type("Opposition leaders in Ghana have spoken out against donors.", "ACCUSE")
    assert event.target is not None and event.target.text == "donors"
