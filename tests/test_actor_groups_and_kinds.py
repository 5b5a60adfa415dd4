"""Three kinds of actor the words of a phrase tell without the knowledge base naming them: several
states named together ("Western nations", "donors") are a group of governments of no one country; a
body whose name ends in a research kind ("the ... Research Council") is scholars, not a government
council or an army unit; a writer, publisher or columnist named with the title is media. Each class
has a counterpart where the old reading stays. The sentences are invented."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find

GROUPS = (
    "Kenyan officials said on Monday that Western nations had pledged aid. Donors want reforms, "
    "the officials said. European countries and several democracies backed the plan."
)


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        # groups of states: governments, but not the story's country (Kenya)
        ("Western nations", None, "GOV"),
        ("Donors", None, "GOV"),
        ("several democracies", None, "GOV"),
        # a regional word among the modifiers still codes the group
        ("European countries", "EUR", "GOV"),
        # counterpart: one state's officials keep their country
        ("Kenyan officials", "KEN", "GOV"),
        ("the officials", "KEN", "GOV"),
    ],
)
def test_groups_of_states(phrase, country, sector):
    actor = find(actors_of(GROUPS), phrase)
    assert (actor.country, actor.sector) == (country, sector)


def test_group_of_states_with_no_country_of_the_story():
    """The same group noun after a story's agency: still no context country."""
    actors = actors_of("Police in Ghana arrested 12 protesters. Several countries condemned the arrests.")
    assert find(actors, "Police").country == "GHA"
    group = find(actors, "Several countries")
    assert (group.country, group.sector) == (None, "GOV")


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        # the states just named: the event's roles name them, the phrase is no actor
        ("Kenya and Uganda signed a deal. Both countries will cut tariffs.", "Both countries", "Uganda"),
        ("Chile and Peru agreed on a pact between the two nations.", "the two nations", "Peru"),
        # counterparts: a number alone, or the members of a named body, are a group of their own
        ("Thirty-five countries signed the treaty.", None, "Thirty-five countries"),
        ("The 27 nations of the bloc imposed sanctions.", None, "The 27 nations"),
    ],
)
def test_states_just_named_are_no_group(sentence, absent, present):
    actors = actors_of(sentence)
    assert absent not in [a.text for a in actors]
    find(actors, present)


@pytest.mark.parametrize(
    ("sentence", "phrase", "sector"),
    [
        ("The Norwegian Research Council funded the study.", "The Norwegian Research Council", "EDU"),
        ("The Clinical Research Unit of Tamale tested the vaccine.", "The Clinical Research Unit", "EDU"),
        ("The Kano Research Institute published the survey.", "The Kano Research Institute", "EDU"),
        # counterparts: a council and a unit with no research kind in their names keep their sector
        ("The army unit attacked the village on Monday.", "The army unit", "MIL"),
        ("The national research council was closed by the minister.", "The national research council", "GOV"),
    ],
)
def test_research_bodies(sentence, phrase, sector):
    assert find(actors_of(sentence), phrase).sector == sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("writer Amina Yusuf", "MED"),
        ("publisher Kwame Boateng", "MED"),
        ("Kenyan columnist Otieno Mwangi", "MED"),
        # counterpart: an office before the name keeps its own sector
        ("Interior Minister Bola Adeyemi", "GOV"),
    ],
)
def test_media_titles(phrase, sector):
    text = (
        "Police in Lagos arrested writer Amina Yusuf and publisher Kwame Boateng on Monday. Kenyan "
        "columnist Otieno Mwangi condemned the arrests. Interior Minister Bola Adeyemi defended them."
    )
    assert find(actors_of(text), phrase).sector == sector
