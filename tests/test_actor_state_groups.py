"""Groups of states ("Western nations", "its allies", "the West") are governments of no one
country: they take none from a place named around them, from a state that possesses them, nor from
where an act on them happens, and they never displace a coded party the rules chose. A non-state
group's allies are no group of states; "powers" alone is authority, not states; a people living
across borders (the Baloch) takes the country the story places it in. Each class has a counterpart
where the old reading stays. The sentences are invented."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find
from event_helpers import first_of_type
from eventwire.extract.coder_roles import _uncoded_group
from eventwire.learn.check import check_features
from eventwire.models import Actor, Event, Evidence


@pytest.mark.parametrize(
    ("sentence", "phrase", "country"),
    [
        # a place, a possessor or an "of" phrase names no member of the group
        ("The Kenyan minister rejected the demands of other nations in Nairobi.", "other nations", None),
        ("Russia's allies condemned the vote on Tuesday.", "Russia's allies", None),
        ("Syria and Belarus are allies of Moscow, officials said.", "allies", None),
        ("Japan and its allies warned Russia on Friday.", "its allies", None),
        # counterparts: the group's own modifier codes it; one state's minister keeps its country
        ("European countries backed the plan, Kenyan officials said.", "European countries", "EUR"),
        (
            "The Kenyan minister rejected the demands of other nations in Nairobi.",
            "The Kenyan minister",
            "KEN",
        ),
    ],
)
def test_group_of_states_takes_no_country_from_around_it(sentence, phrase, country):
    actor = find(actors_of(sentence), phrase)
    assert (actor.country, actor.sector) == (country, "GOV")


def test_state_groups_are_governments():
    actors = actors_of("Japan and its allies warned Russia on Friday. World powers resumed talks in Vienna.")
    assert find(actors, "its allies").sector == "GOV"
    assert find(actors, "World powers").sector == "GOV"


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        # a non-state group's allies are of its kind, not states
        (
            "Pakistani officials said the rebels and their allies attacked the army.",
            "their allies",
            "the rebels",
        ),
        # counterpart: a state's allies are a group of states
        ("Pakistani officials said Japan and its allies condemned the attack.", None, "its allies"),
        # "the West" is a group only with its article; bare, it is a direction
        ("The militants moved much further West after the raid.", "West", "The militants"),
        ("The West imposed sanctions on Russia on Monday.", None, "The West"),
        # a longer proper name ending in a group noun is another body's
        ("United Nations officials condemned the attack.", None, "United Nations officials"),
    ],
)
def test_which_phrases_are_groups_of_states(sentence, absent, present):
    actors = actors_of(sentence)
    assert absent not in [a.text for a in actors]
    find(actors, present)


def test_the_west_and_the_united_nations_codes():
    west = find(actors_of("The West imposed sanctions on Russia."), "The West")
    assert (west.country, west.sector) == (None, "GOV")
    assert (
        find(actors_of("United Nations officials condemned the attack."), "United Nations").country == "UNO"
    )


@pytest.mark.parametrize(
    ("sentence", "phrase", "is_government"),
    [
        ("The president used his emergency powers to arrest critics.", "his emergency powers", False),
        ("Parliament voted to curb vast presidential powers on Monday.", "vast presidential powers", False),
        # counterpart: powers named as states
        ("World powers and Iran resumed talks in Vienna.", "World powers", True),
    ],
)
def test_powers_alone_are_authority(sentence, phrase, is_government):
    found = [a for a in actors_of(sentence) if a.text == phrase]
    assert any(a.sector == "GOV" for a in found) == is_government


def test_group_takes_no_country_from_where_it_is_acted_on():
    event = first_of_type("Protesters in Lagos condemned Western nations on Monday.", "ACCUSE")
    assert event.target is not None and event.target.text == "Western nations"
    assert event.target.country is None
    # counterpart: an unnamed party acted on in a place still takes the place's country
    event = first_of_type("Police dispersed protesters in Nairobi on Monday.", "COERCE")
    assert event.target is not None and event.target.country == "KEN"


@pytest.mark.parametrize(
    ("sentence", "phrase", "country"),
    [
        ("Pakistani police said Baloch separatists attacked a bus in Quetta.", "Baloch separatists", "PAK"),
        ("Police said the Balouch opposition rejected the talks.", "the Balouch opposition", "PAK"),
        # counterpart: a people across borders takes the country it is placed in
        ("Iranian officials said Baloch militants in Iran killed two guards.", "Baloch militants", "IRN"),
    ],
)
def test_baloch_groups(sentence, phrase, country):
    assert find(actors_of(sentence), phrase).country == country


def _actor_at(text: str, words: str, country: str | None, stand_in: bool = False) -> Actor:
    start = text.index(words)
    end = start + len(words)
    return Actor(
        text=words, name=words, start=start, end=end, country=country, sector="GOV", stand_in=stand_in
    )


def test_an_uncoded_group_never_displaces_a_coded_party():
    text = "Kenya condemned Uganda and Western nations on Monday."
    group = _actor_at(text, "Western nations", None, stand_in=True)
    coded = _actor_at(text, "Uganda", "UGA")
    assert _uncoded_group(group, coded)
    # counterparts: a group that gives a role the rules left uncoded, and a coded party, may displace
    assert not _uncoded_group(group, _actor_at(text, "Uganda", None))
    assert not _uncoded_group(coded, group)
    assert not _uncoded_group(_actor_at(text, "Kenya", None), coded)  # no group: the model decides


@pytest.mark.parametrize(
    ("sentence", "phrase", "stand_in"),
    [
        ("Donors and Western nations pledged aid to Somalia on Monday.", "Western nations", True),
        ("Japan and its allies warned Russia on Friday.", "its allies", True),
        ("The West imposed sanctions on Russia on Monday.", "The West", True),
        # counterparts: a group its own words code, and a named state, are parties of their own
        ("European countries backed the plan, Kenyan officials said.", "European countries", False),
        ("Japan and its allies warned Russia on Friday.", "Japan", False),
    ],
)
def test_a_group_of_no_country_is_a_stand_in(sentence, phrase, stand_in):
    assert find(actors_of(sentence), phrase).stand_in is stand_in


def test_the_event_check_reads_a_stand_in_as_no_party():
    text = "Kenya condemned Western nations on Monday."
    kenya = _actor_at(text, "Kenya", "KEN")
    group = _actor_at(text, "Western nations", None, stand_in=True)

    def check(target):
        event = Event(type="ACCUSE", trigger="condemned", evidence=Evidence(6, 15, 0, len(text)))
        event.source, event.target = kenya, target
        return check_features(None, event, 1, shape=(False, False))

    assert check(group) == check(None)
    # counterpart: the same group, not flagged (a coded party), is read with its sector
    assert check(_actor_at(text, "Western nations", None)) != check(None)


def test_a_group_does_not_displace_a_named_party_in_an_event():
    event = first_of_type("Kenya condemned Uganda, along with Western nations, on Monday.", "ACCUSE")
    assert (event.source.country, event.target.country) == ("KEN", "UGA")
    assert event.target.text == "Uganda"
