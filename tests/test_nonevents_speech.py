"""Speech and forecasts that report no event (issue 14, the non-events of the blind audits): talking
on a topic is no consultation, a warning that something could happen is no threat, a thing that
"threatens to" do harm threatens nobody, and "shot up" is a rise. Each has a counterpart that stays
an event."""

from __future__ import annotations

from event_helpers import all_events, typed


def test_talking_about_a_topic_is_no_consultation():
    assert not typed("The Kenyan finance minister talked about the drought on Tuesday.", "CONSULT")
    assert not typed("Peru's foreign minister spoke to reporters about the floods in Lima.", "CONSULT")


def test_talking_with_a_partner_or_between_parties_is_a_consultation():
    partner = "Norway's prime minister talked with Sweden's leader about energy prices on Friday."
    assert any(t.startswith("talked") for t in typed(partner, "CONSULT"))
    assert "talked" in typed("Kenya and Uganda talked about the border dispute on Friday.", "CONSULT")


def test_a_warning_that_something_could_happen_is_no_threat():
    assert not all_events("An analyst in Dakar warns that Senegal could become a target for militants.")
    assert not all_events("The agency warned that exports might fall sharply next year.")


def test_a_warning_of_ones_own_act_stays_a_threat():
    rebels = "The rebels warned that they will execute the hostages if the army attacks."
    assert "warned" in typed(rebels, "THREATEN")


def test_a_thing_that_threatens_to_do_harm_threatens_nobody():
    ban = "The export ban threatens to reignite tensions between Jakarta and Canberra."
    assert not typed(ban, "THREATEN")
    assert "threatened" in typed("Iran threatened to close the Strait of Hormuz on Sunday.", "THREATEN")


def test_prices_shooting_up_is_no_assault():
    assert not typed("Food prices shot up in Lagos last month.", "ASSAULT")
    assert "shot" in typed("Soldiers shot three protesters in Lagos on Monday.", "ASSAULT")


def test_meeting_an_aim_is_no_meeting():
    aim = "The ministry raised taxes to meet the aim of halving the deficit by 2026."
    assert "meet" not in typed(aim, "CONSULT")
    assert "met" in typed("The Chinese foreign minister met his Indian counterpart in Delhi.", "CONSULT")


def test_a_rule_of_what_happens_is_no_event():
    rule = "If the permit is revoked, the migrant is usually deported from Spain."
    assert not typed(rule, "COERCE")
    assert "deported" in typed("The migrant was deported from Spain on Tuesday.", "COERCE")


def test_a_doers_habit_stays_an_event():
    # the annotators code a named doer's habit as its act ("the Taliban routinely deny ...")
    assert "denied" in typed("Hamas routinely denied holding the hostages in Rafah.", "REJECT")


def test_the_topic_of_a_concern_is_no_event():
    concern = "The minister dismissed concerns about Russia's threat to cut gas supplies to Moldova."
    assert not all_events(concern)
    assert "dismissed" in typed("Moscow dismissed the accusations from Kyiv on Monday.", "REJECT")


def test_the_act_not_taken_is_no_event():
    aside = "Instead of calling for new sanctions, Germany will increase aid to Kyiv."
    assert not typed(aside, "REQUEST")
    assert not typed("Rather than impose tariffs, Canada negotiated with Mexico.", "SANCTION")
    assert "called for" in typed("Germany called for new sanctions against Russia on Monday.", "REQUEST")


def test_a_cost_that_explodes_is_no_attack():
    assert not typed("The cost of the military plan explodes, the senator said.", "ASSAULT")
    assert "exploded" in typed("A bomb exploded in a Kabul market on Friday.", "ASSAULT")
