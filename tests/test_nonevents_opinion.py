"""Issue 14, the blind audit's non-events on held-out news: opinions and verdicts told as acts,
conditionals and hopes asserted as acts, everyday senses of trigger words, statistics of what
happens to people. Each class vanishes or takes a non-asserted modality, and each has a
counterpart, as close as we could make it, that keeps the real event. The sentences are ours."""

from __future__ import annotations

from event_helpers import events_of, typed


def _modality(text: str, trigger: str) -> list[str]:
    """The modalities of the events whose trigger begins with ``trigger``."""
    return [e.modality for e in events_of(text) if e.trigger.lower().startswith(trigger)]


# --- conditionals -------------------------------------------------------------------------------


def test_the_consequent_of_a_conditional_is_hypothetical():
    assert _modality("Turkey retaliates against Washington if it is sanctioned.", "retaliat") == [
        "hypothetical"
    ]
    assert _modality("Turkey retaliated against the United States on Monday.", "retaliat") == ["asserted"]


def test_a_threat_made_on_a_condition_is_still_a_threat_made():
    threats = [
        e for e in events_of("Ankara is threatening retaliation against Washington if hit by sanctions.")
    ]
    assert [e.modality for e in threats if e.type == "THREATEN"] == ["asserted"]
    # what is threatened is not done
    assert all(e.modality != "asserted" for e in threats if e.type == "ASSAULT")


def test_a_refusal_inside_an_if_clause_is_only_supposed():
    refusals = [
        e for e in events_of("Sanctions will snap back if Iran does not comply.") if e.type == "REJECT"
    ]
    assert refusals and all(e.modality == "hypothetical" for e in refusals)
    kept = [e for e in events_of("Iran did not comply with the deal.") if e.type == "REJECT"]
    assert [e.modality for e in kept] == ["asserted"]


def test_what_a_law_allows_is_not_done():
    assert _modality("The new law allows the government to seize the party's assets.", "seize") == [
        "hypothetical"
    ]
    assert _modality("The government seized the party's assets on Monday.", "seized") == ["asserted"]


# --- hopes and aspirations ----------------------------------------------------------------------


def _typed_modality(text: str, event_type: str) -> list[str]:
    return [e.modality for e in events_of(text) if e.type == event_type]


def test_talks_hoped_for_are_not_held():
    assert _typed_modality("Russia hopes for talks with Ukraine.", "CONSULT") == ["hypothetical"]
    assert _typed_modality("Russia held talks with Ukraine in Istanbul.", "CONSULT") == ["asserted"]


def test_an_act_hoped_for_is_future():
    # "hopes" is lemmatised "hop": the cue must still be read
    assert _modality("Kenya hopes to deport the refugees.", "deport") == ["future"]
    assert _modality("Kenya deported the refugees on Monday.", "deport") == ["asserted"]


def test_a_goal_or_a_campaign_promise_is_no_act():
    assert _modality("Kenya's goal to deport the refugees alarmed the UN.", "deport") == ["future"]
    promise = "Trump's campaign promise to deport millions of migrants worries Mexico."
    assert _modality(promise, "deport") == ["future"]
    assert _modality("Kenya deported the refugees on Monday.", "deport") == ["asserted"]


# --- opinions and verdicts ----------------------------------------------------------------------


def test_a_verdict_on_a_plan_is_no_act_of_the_plan():
    assert not typed("The deal rejects the demands of the opposition.", "REJECT")
    assert not typed("The decision concedes too much to China.", "CONCEDE")
    assert "rejects" in typed("Kenya rejects the demands of the opposition.", "REJECT")


def test_advice_to_nobody_in_particular_is_no_request():
    assert not typed("Everyone should condemn the violence, said the professor.", "REQUEST")
    assert not typed("Both sides should negotiate a ceasefire, the analyst said.", "REQUEST")
    assert typed("Kenya should withdraw its troops from Somalia, the Somali president said.", "REQUEST")


# --- everyday senses ----------------------------------------------------------------------------


def test_fighting_charges_or_fires_is_no_assault():
    assert not typed("The senator fought the charges in court.", "ASSAULT")
    assert not typed("Firefighters fought the wildfires for days.", "ASSAULT")
    assert "fought" in typed("The army fought the rebels near Goma.", "ASSAULT")


def test_a_labour_strike_is_a_protest_not_an_attack():
    strike = "Teachers began a nationwide strike over pay."
    assert not typed(strike, "ASSAULT")
    assert "strike" in typed(strike, "PROTEST")
    assert "strike" in typed("A drone strike on the town killed five people.", "ASSAULT")


# --- statistics ---------------------------------------------------------------------------------


def test_a_yearly_statistic_is_no_arrest():
    assert not typed("Thousands of migrants are deported every year.", "COERCE")
    assert not typed("Some 300 activists are arrested a month in the country.", "COERCE")
    assert "arrested" in typed("Police arrested 300 activists in the capital on Monday.", "COERCE")
