"""Whose an actor is when its own words name no country: the possessor ("his forces", "the court's
president"), the body a title names ("foreign ministry spokesperson X"), the place the phrase puts
it in ("forces in Somalia's Puntland region", "Dubai-based analyst X"), never the subject an envoy
or expert works on ("the special envoy for North Korea")."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find


def named(actors, name):
    hits = [a for a in actors if a.person and name in a.person and a.country_reason != "coreference"]
    assert hits, f"{name!r} not among {[a.text for a in actors]}"
    return hits[0]


def test_possessive_of_a_reported_subject_is_the_reporter():
    actors = actors_of(
        "U.S. President Joe Biden spoke to reporters on Friday. The Nigerian army chief said on "
        "Saturday his forces had killed 40 militants in the past week."
    )
    forces = find(actors, "his forces")
    assert (forces.country, forces.sector) == ("NGA", "MIL")


def test_noun_possessor_lends_its_body():
    actors = actors_of(
        "Kenya has refused to attend a hearing at the International Court of Justice in The Hague. "
        "The court's president, Judge Anna Berg, rejected Kenya's request on Monday."
    )
    assert find(actors, "The court's president").country == "UNO"
    assert named(actors, "Anna Berg").country == "UNO"


def test_title_naming_a_ministry_takes_the_ministry_named_last():
    actors = actors_of(
        "Pakistan accused Afghanistan of sheltering militants. Pakistan's army said the attack in "
        "Pakistan was planned abroad. Afghanistan's Ministry of Foreign Affairs rejected the claims "
        'on Thursday. "We reject them," foreign ministry spokesperson Karim Zadran said. Zadran '
        "rejected the allegation again on Friday."
    )
    assert named(actors, "Karim Zadran").country == "AFG"
    later = [a for a in actors if a.text == "Zadran"]
    assert later and all(a.country == "AFG" for a in later)


def test_place_possessor_in_a_locating_phrase():
    actors = actors_of(
        "Iraqi forces struck the group in Iraq on Monday. An offensive launched by forces in "
        "Somalia's Puntland region has pushed the militants out of their strongholds."
    )
    forces = [a for a in actors if a.text == "forces" and a.start > 40]
    assert forces and forces[0].country == "SOM"


def test_cross_border_people_yields_to_the_place_named():
    actors = actors_of(
        "The Kurdish-led administration in north and east Syria said on Monday it would free "
        "hundreds of prisoners."
    )
    assert find(actors, "The Kurdish-led administration").country == "SYR"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The White House said Trump has nominated Alex Wong, the deputy special representative "
            "for North Korea at the State Department, to a post at the U.N.",
            "Alex Wong",
        ),
        (
            '"North Korea is not interested in talks," said Jane Miller, a North Korean expert at '
            "the State Department.",
            "Jane Miller",
        ),
    ],
)
def test_country_an_envoy_or_expert_works_on_is_not_theirs(text, name):
    assert named(actors_of(text), name).country == "USA"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Iran moved oil to China in March, said Dubai-based intelligence analyst Tom Gray.",
            "Tom Gray",
            "ARE",
        ),
        (
            "Guatemala jailed the journalist, and Guatemala's courts kept him in jail. Her other "
            "clients include jailed publisher Jimmy Lai in Hong Kong.",
            "Jimmy Lai",
            "HKG",
        ),
    ],
)
def test_person_takes_the_place_their_title_puts_them_in(text, name, country):
    assert named(actors_of(text), name).country == country


def test_possessive_name_is_the_person_named_before():
    actors = actors_of(
        "Guatemala jailed the publisher. Jailed publisher Jimmy Lai in Hong Kong waits too. "
        '"Jimmy Lai\'s case is slow," the lawyer said.'
    )
    later = [a for a in actors if a.start > 70 and a.person and "Lai" in a.person]
    assert later and later[0].person == "Jimmy Lai" and later[0].country == "HKG"


def test_actor_present_on_a_country_soil():
    actors = actors_of(
        "Pakistan's army said Pakistan would respond. Islamabad has blamed several recent attacks "
        "on militants present on Afghan soil."
    )
    assert find(actors, "militants").country == "AFG"
