"""Figures of speech and fixed phrases that report no event (issue 14, the held-out audits): no
comment given is no rejection, marching in lockstep is no march, a shared video is no cooperation,
a law that "demonstrates" a disregard protests nothing. Each has a counterpart that stays an event."""

from __future__ import annotations

from event_helpers import events_of, typed


def test_refusing_to_comment_is_no_rejection():
    assert "refused" not in typed(
        "A State Department spokesperson refused to comment on the arrests.", "REJECT"
    )
    assert "declined" not in typed("Russia declined to elaborate on the talks.", "REJECT")


def test_refusing_to_attend_or_to_answer_a_demand_is_a_rejection():
    assert "refused" in typed("Kenya refused to attend the hearing at the court.", "REJECT")
    demand = "Haniyeh has refused to respond to a demand from the US President to adhere to the deals."
    assert "refused" in typed(demand, "REJECT")


def test_marching_in_lockstep_is_no_protest():
    assert not typed("The two parties have been marching in lockstep with Beijing.", "PROTEST")
    assert "marched" in typed("Protesters marched on parliament in Nairobi.", "PROTEST")


def test_sharing_a_video_is_no_cooperation():
    shared = "The Iranian foreign minister shared a video of the attack on social media."
    assert not typed(shared, "COOPERATE")
    assert "shared" in typed("Israel shared intelligence with Jordan about the threat.", "COOPERATE")


def test_demonstrating_a_disregard_is_no_protest():
    assert not typed("The new law demonstrates a complete disregard for the rights of migrants.", "PROTEST")
    assert "demonstrated" in typed("Students demonstrated against the law in Nairobi.", "PROTEST")


def test_a_named_storm_slamming_into_a_country_is_no_event():
    assert not events_of("Cyclone Idai slammed into Mozambique on Sunday, killing dozens.")
    assert "killing" in typed("Israeli troops raided Jenin on Monday, killing three Palestinians.", "ASSAULT")


def test_as_opposed_to_is_no_rejection():
    assert not typed("Beijing prefers dialogue as opposed to sanctions against North Korea.", "REJECT")
    assert "opposed" in typed("China opposed sanctions against North Korea on Monday.", "REJECT")
