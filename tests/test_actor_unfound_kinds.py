"""Actors the extraction used to miss altogether: plural people nouns no sector list knew
("commenters", "influencers", "staff", "personnel"), unnamed experts (a source, but no official),
and a body's initials after its full name ("the Lakeside Water Board ... the LWB"). Each class has
a counterpart that must stay no actor, or keep its old reading."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find


def texts(actors):
    return [a.text for a in actors]


# --- people nouns -------------------------------------------------------------------------------


PERU = "In Peru some commenters mocked the new curfew. Foreign influencers praised the Peruvian government."
STAFF = "Hospital staff walked out in Lagos on Monday. Two railway staff were hurt in the blast."
QUETTA = "Three army personnel died in the ambush near Quetta, Pakistan."
# text, mention, (country, sector) expected; a country of None is not checked
PEOPLE_NOUNS = [
    (PERU, "some commenters", (None, "CVL")),  # commenters and influencers are civilians
    (PERU, "Foreign influencers", (None, "CVL")),
    (STAFF, "Hospital staff", (None, "HLH")),  # staff take their modifier's sector ...
    (STAFF, "Two railway staff", (None, "CVL")),  # ... and are civilians alone
    (QUETTA, "Three army personnel", ("PAK", "MIL")),  # the personnel of a force are that force
]


@pytest.mark.parametrize("text, mention, expected", PEOPLE_NOUNS)
def test_plural_people_nouns_are_actors(text, mention, expected):
    actor = find(actors_of(text), mention)
    country, sector = expected
    assert actor.sector == sector
    if country is not None:
        assert actor.country == country


def test_personnel_as_a_modifier_is_no_actor():
    actors = actors_of("The personnel files were lost in a fire in Chad.")
    assert not any("personnel" in t for t in texts(actors))


# --- experts ------------------------------------------------------------------------------------


def test_unnamed_experts_are_an_anonymous_source_but_no_officials():
    actors = actors_of("Experts warned that the new dam in Kenya could fail within a decade.")
    experts = find(actors, "Experts")
    assert experts.anonymous
    assert experts.sector is None


def test_a_modifier_still_gives_experts_a_sector():
    assert (
        find(actors_of("Military experts said the missile failed on launch."), "Military experts").sector
        == "MIL"
    )


def test_unnamed_officials_are_still_government():
    assert find(actors_of("Officials in Kenya said the dam was safe."), "Officials").sector == "GOV"


# --- initials -----------------------------------------------------------------------------------


def test_initials_given_in_brackets_name_the_same_body_later():
    actors = actors_of(
        "The Nairobi Water Authority (NWA) cut supply on Monday. The NWA said it had no choice."
    )
    short = find(actors, "NWA")
    full = find(actors, "The Nairobi Water Authority")
    assert (short.country, short.sector) == (full.country, full.sector) == ("KEN", "GOV")
    assert short.start > actors[0].end + 10  # the later mention, not the bracketed definition
    assert sum(t == "NWA" for t in texts(actors)) == 1


def test_initials_with_no_definition_name_the_body_they_abbreviate():
    actors = actors_of(
        "The decree targets the National Unity Party and lets the state seize the NUP's offices."
    )
    assert find(actors, "NUP").sector == "PTY"


def test_capitals_that_abbreviate_no_earlier_actor_stay_no_actor():
    actors = actors_of("The National Unity Party met on Monday. The XYZ plan was shelved.")
    assert "XYZ" not in texts(actors)
    actors = actors_of("The National Unity Party met on Monday. The QRT said it would wait.")
    assert "QRT" not in texts(actors)
