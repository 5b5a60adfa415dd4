"""Harm reported by its own side (extract/harm_reports.py, issue 14): a party that says its own
people were hurt, with no doer named ("by stones" names what hurt them, not who), is not the one
who hurt them. Each case has a counterpart that keeps today's reading: a doer named in the "by"
phrase, victims of another side, victims of another country. Sentences of our own, none taken from
a gold set.
"""

from __future__ import annotations

from event_helpers import first_of_type


def _source_sector(text: str):
    source = first_of_type(text, "ASSAULT").source
    return None if source is None else source.sector


def test_police_reporting_officers_injured_by_stones_are_not_the_attackers():
    assert _source_sector("The police commander said 11 officers had been injured by stones.") is None


def test_an_army_reporting_soldiers_wounded_by_shrapnel_is_not_the_attacker():
    assert _source_sector("The army said three soldiers were wounded by shrapnel near the border.") is None


def test_an_army_reporting_soldiers_killed_by_a_bomb_is_not_the_attacker():
    assert _source_sector("The military said four soldiers were killed by a roadside bomb.") is None


def test_a_doer_in_the_by_phrase_is_still_the_source():  # counterpart: "by rebels" names a party
    assert _source_sector("The army said three soldiers were wounded by rebels near the border.") == "REB"


def test_police_reporting_injured_protesters_stay_the_source():  # counterpart: not their own people
    assert _source_sector("Police said two protesters were injured.") == "COP"


def test_an_army_reporting_enemy_soldiers_killed_stays_the_source():  # counterpart: another country
    event = first_of_type("Ukraine's army said three Russian soldiers were killed by shrapnel.", "ASSAULT")
    assert event.source is not None and event.source.country == "UKR"
