"""A place is no party (issue 14): where a meeting, a trial or talks happened is not the one they are
held with, while where an act done to a place happened still stands for its target (PLOVER's
"shelled positions in Juba"). Each case has a counterpart that keeps today's reading. Sentences of
our own, none taken from a gold set.
"""

from __future__ import annotations

from event_helpers import country_of, first_of_type


def test_the_city_talks_are_held_in_is_no_counterpart():
    event = first_of_type("The foreign minister held talks in Geneva on Tuesday.", "CONSULT")
    assert event.target is None


def test_the_city_an_attack_happened_in_still_stands_for_its_target():  # counterpart
    event = first_of_type("Gunmen opened fire in Kabul on Monday.", "ASSAULT")
    assert country_of(event.target) == "AFG"


def test_a_curfew_lifted_in_a_country_still_targets_it():  # counterpart: an act done to a place
    event = first_of_type("The government lifted the curfew in Montenegro on Friday.", "RETREAT")
    assert country_of(event.target) == "MNE"
