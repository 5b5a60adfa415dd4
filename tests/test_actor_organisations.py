"""Well-known organisations the compiled dictionaries lack or code by another convention
(scripts/kb_curated/organisations.tsv): each class coded by its home country and kind of body, on
hand-written phrases. The names are real bodies; the sentences are invented."""

from __future__ import annotations

import pytest

from actor_helpers import actors_of, find
from eventwire.kb import load_kb


@pytest.mark.parametrize(
    ("sentence", "phrase", "country", "sector"),
    [
        # a pollster cited for a survey: a firm of its home country
        ("A poll by YouGov showed support for the plan falling.", "YouGov", "GBR", "BUS"),
        ("Ipsos found that most voters opposed the tax.", "Ipsos", "FRA", "BUS"),
        # a rating agency and a political-risk consultancy
        ("Fitch Ratings cut the country's outlook to negative.", "Fitch Ratings", "USA", "BUS"),
        ("Analysts at the Eurasia Group expect more sanctions.", "the Eurasia Group", "USA", "BUS"),
        # think tanks: the home country, sector NGO
        ("The Kiel Institute said aid pledges had dropped.", "The Kiel Institute", "DEU", "NGO"),
        ("The Lowy Institute published a survey.", "The Lowy Institute", "AUS", "NGO"),
        # an international non-governmental body: country NGO, not the journalists its name holds
        ("Reporters Without Borders condemned the arrest.", "Reporters Without Borders", "NGO", "NGO"),
        # a national rights body whose name ends in "Union": no trade union
        (
            "The American Civil Liberties Union sued the administration.",
            "The American Civil Liberties Union",
            "USA",
            "NGO",
        ),
        # a university and a news agency
        ("Stanford University opened an inquiry.", "Stanford University", "USA", "EDU"),
        ("Jiji Press reported the minister's remarks.", "Jiji Press", "JPN", "MED"),
        # a political party by its abbreviation
        ("The ANC lost its majority in the vote.", "The ANC", "ZAF", "PTY"),
    ],
)
def test_known_organisations_are_coded_by_country_and_kind(sentence, phrase, country, sector):
    actor = find(actors_of(sentence), phrase)
    assert (actor.country, actor.sector) == (country, sector)
    assert (actor.canonical_id or "").startswith("kb:"), actor.canonical_id  # the body, not a group


@pytest.mark.parametrize(
    ("sentence", "phrase", "country"),
    [
        # armed groups by abbreviation and by full name: their base country, rebels
        ("TNLA fighters seized the town.", None, "MMR"),
        ("The TNLA said it had seized the town.", "The TNLA", "MMR"),
        ("Lashkar-e-Taiba was blamed for the attack.", "Lashkar-e-Taiba", "PAK"),
        ("The MILF signed the accord in Manila.", "The MILF", "PHL"),
    ],
)
def test_armed_groups_take_their_base_country(sentence, phrase, country):
    actors = actors_of(sentence)
    if phrase is None:  # named only as a modifier, the group lends its fighters its country
        coded = {(a.text, a.country, a.sector) for a in actors}
        assert ("TNLA fighters", country, "REB") in coded, coded
        assert all(a.text != "TNLA" for a in actors)  # one actor, which keeps its count and role
        return
    actor = find(actors, phrase)
    assert (actor.country, actor.sector) == (country, "REB")


def test_a_party_coded_by_date_of_its_war():
    kb = load_kb()
    assert kb.lookup_name("TPLF", "2021-06-01").sector == "REB"
    assert kb.lookup_name("TPLF", "2024-06-01").sector == "PTY"
    assert kb.lookup_name("Tigray People's Liberation Front", "2018-06-01").sector == "PTY"


def test_ambiguous_short_forms_are_not_aliased():
    """Aliases that are words, surnames or other bodies' initials would code the wrong thing."""
    kb = load_kb()
    assert kb.lookup_name("RSF", "2024-06-01").country == "SDN"  # the Rapid Support Forces
    for word in ("Azov", "Ford", "Shell", "Amazon", "Let", "Mend"):
        entry = kb.lookup_name(word, "2024-06-01")
        assert entry is None or entry.sector != "BUS" and entry.sector != "REB" and entry.sector != "MIL", (
            word,
            entry,
        )


def test_a_known_body_named_only_as_a_modifier_is_an_actor():
    """ "One Ipsos survey found ...": the pollster is cited though the survey heads the phrase."""
    ipsos = find(actors_of("One Ipsos survey found that most voters were worried."), "Ipsos")
    assert (ipsos.country, ipsos.sector) == ("FRA", "BUS")
    # a person's surname as a modifier is no body ("the Trump administration")
    assert all(a.text != "Trump" for a in actors_of("The Trump administration imposed tariffs."))


def test_a_name_in_apposition_to_an_office_is_its_holder():
    """The recogniser takes the name for a body; set off after an office it is the office holder."""
    actors = actors_of("Brazil's foreign minister, Helena Vasconcelos, met her Argentine counterpart.")
    minister = find(actors, "Helena Vasconcelos")
    assert (minister.person, minister.country, minister.sector) == ("Helena Vasconcelos", "BRA", "GOV")


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "The Zenith Liberation Front claimed responsibility for the bombing.",
            "The Zenith Liberation Front",
        ),
        ("Fighters of the Kavango Liberation Army ambushed a convoy.", "the Kavango Liberation Army"),
    ],
)
def test_an_unknown_armed_group_is_coded_by_the_kind_words_ending_its_name(sentence, phrase):
    assert find(actors_of(sentence), phrase).sector == "REB"
    # a known army keeps the knowledge base's code, whatever its name ends in
    pla = find(actors_of("The People's Liberation Army held drills."), "The People's Liberation Army")
    assert (pla.country, pla.sector) == ("CHN", "MIL")


def test_a_known_body_inside_a_longer_name_is_found():
    """The recogniser's name holds a descriptor ("the Islamist Hayat Tahrir al-Sham"): the body
    at its end is the actor, coded by the story's date."""
    text = "Ahmed Khalil, a leader of the Islamist Hayat Tahrir al-Sham, spoke on Monday."
    hts = find(actors_of(text, published="2024-04-14"), "Hayat Tahrir al-Sham")
    assert (hts.country, hts.sector) == ("SYR", "REB")
