"""Deaths and damage that nobody did (issue 14, natural disasters and accidents): a fire, a blast
of gas, a plant that explodes, a bus that plunges off a bridge, a hazard named through a relative
clause or shared by a conjoined verb. Each has a counterpart that stays an attack."""

from __future__ import annotations

import pytest

from event_helpers import events_of, typed


def attacks(text: str) -> list[str]:
    return typed(text, "ASSAULT") + typed(text, "COERCE")


@pytest.mark.parametrize(
    "text",
    [
        "A fire gutted the old bazaar in the provincial capital on Sunday.",
        "The blaze at a crowded dance hall killed 17 people overnight.",
        "Two guards were killed in a fire at the customs depot on Monday.",
        "The rules were tightened after a fire at a hostel that killed nine students.",
        "A fire that broke out at the depot killed two guards.",
    ],
)
def test_an_accidental_fire_is_no_attack(text):
    assert not attacks(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Rebel gunfire killed two guards at the customs depot on Monday.",
        "Two guards were killed in the fire that militiamen set at the depot.",
        "Two guards were killed in a fire started by arsonists at the depot.",
        "Government tank fire destroyed the old bazaar in the provincial capital.",
    ],
)
def test_a_fire_someone_set_or_shot_stays_an_attack(text):
    assert attacks(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Eleven miners were killed when a gas boiler exploded at the site on Friday.",
        "Four workers died in a gas explosion at a bottling plant.",
        "A fertiliser factory exploded on Tuesday, injuring 40 workers.",
        "Fourteen pilgrims were killed when their minibus plunged into a ravine.",
        "Three villagers were injured when the volcano erupted on Sunday night.",
    ],
)
def test_an_explosion_or_crash_in_an_accident_is_no_attack(text):
    assert not attacks(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Eleven soldiers were killed when a roadside bomb exploded near their convoy.",
        "Four workers were killed in a bomb blast at a bottling plant.",
        "Fourteen pilgrims were killed when gunmen opened fire on their minibus.",
        "A drone struck a fertiliser factory on Tuesday, injuring 40 workers.",
    ],
)
def test_a_bomb_or_a_gunman_in_the_same_shape_stays_an_attack(text):
    assert attacks(text), text


def test_a_hazard_shared_by_a_conjoined_verb_is_no_attack():
    assert not attacks("A typhoon flattened fishing villages and killed 30 people on the island.")
    assert attacks("Militiamen burned fishing villages and killed 30 people on the island.")


def test_a_plant_attacked_is_not_an_accident():
    # a place that explodes by accident is the doer of nothing; the same place attacked is a target
    assert attacks("Insurgents attacked the refinery on Monday, killing three workers.")
    assert attacks("The refinery was hit by a missile and three workers were killed.")


def test_a_disaster_named_as_the_cause_is_no_attack():
    assert not events_of("Dozens were injured in the disaster, which was set off by heavy rain.")


def test_casualties_listed_together_share_the_accident():
    listed = "Seven workers were killed and three others badly injured when a paint factory exploded."
    assert not attacks(listed)
    bombed = "Seven workers were killed and three others badly injured when a parcel bomb exploded."
    assert "killed" in attacks(bombed)


def test_an_arrest_after_an_accident_stays_an_arrest():
    assert "detained" in typed("Police detained the driver after the ferry capsized.", "COERCE") + typed(
        "Two engineers were detained after the dam collapsed.", "COERCE"
    )
