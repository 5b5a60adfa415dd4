"""Issue 14, statistics in other shapes: what an opinion poll found people think or do is a
statistic of opinion, no event; the same stance stated by a party, or an act the sentence reports
beside a poll, stays an event."""

from __future__ import annotations

import pytest

from event_helpers import all_events, typed


@pytest.mark.parametrize(
    "text",
    [
        "A poll released on Tuesday found that 61 percent of Zambians oppose the mining deal with the firm.",
        "Most Nigerians support the new electoral law, according to a survey by a Lagos university.",
        "A survey showed that most Ugandans oppose the new tax imposed by the government.",
        "The latest poll suggests a majority of Peruvians support the protests against Congress.",
    ],
)
def test_what_a_poll_found_is_no_event(text):
    assert all_events(text) == []


def test_a_stance_a_party_states_stays_an_event():
    assert typed("Zambia's main opposition party opposes the mining deal with the firm.", "REJECT")
    said = "Most Nigerians support the new electoral law, according to the president."
    assert typed(said, "SUPPORT")


def test_an_act_beside_a_poll_stays_an_event():
    arrested = "A poll found support for the governor fell after police arrested 30 students in Lagos."
    assert "arrested" in typed(arrested, "COERCE")
    rejected = "The opposition rejected the results of the survey on Monday."
    assert "rejected" in typed(rejected, "REJECT")
