"""The one an act is done to is never its doer (issue 14, source errors): the patient of a passive or
passive participle of an act done to someone (word class patient_verbs), the possessor of a noun of
such an act (patient_nouns), and a bystander who only reports an agentless act (witness_sectors).
Each reading has a counterpart that must keep the doer as source."""

from __future__ import annotations

import pytest

from event_helpers import country_of
from eventwire.options import Options
from eventwire.pipeline.process import process_text


def _event(text: str, trigger: str, coder: bool = True):
    options = Options(min_confidence=0.0, coder=coder)
    events = process_text(text, published="2024-05-01", options=options).extraction.events
    found = [e for e in events if e.trigger == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger for e in events]}"
    return found[0]


def _text(actor) -> str:
    return "" if actor is None else actor.text


# the patient in a subject's place: a passive, a participle after its noun, a participle beside a clause
@pytest.mark.parametrize(
    "text, trigger, patient",
    [
        ("The Malawian opposition leader was expelled from the ruling party.", "expelled", "leader"),
        ("Four Chadian rebels killed in the clashes were buried near the border.", "killed", "rebels"),
        ("One of the Tigrayan commanders is dead, killed in an overnight raid.", "killed", "commanders"),
    ],
)
@pytest.mark.parametrize("coder", [False, True])
def test_the_patient_of_an_act_done_to_someone_is_its_target_not_its_doer(text, trigger, patient, coder):
    event = _event(text, trigger, coder)
    assert patient not in _text(event.source)
    assert patient in _text(event.target)


def test_a_place_the_patient_is_sent_from_does_not_take_the_target():
    # "from Bolivia": the diplomats are the ones expelled; the place, if anything, is the doer
    event = _event("Two Peruvian diplomats were expelled from Bolivia on Monday.", "expelled", coder=False)
    assert country_of(event.target) == "PER"
    assert "diplomats" not in _text(event.source)


@pytest.mark.parametrize("coder", [False, True])
def test_an_agent_named_by_a_passive_stays_the_source(coder):
    event = _event("The Zambian activist was detained by riot police on Friday.", "detained", coder)
    assert "police" in _text(event.source) and "activist" in _text(event.target)


@pytest.mark.parametrize("coder", [False, True])
def test_an_active_act_keeps_its_subject_as_source(coder):
    event = _event("Malawian police arrested the opposition leader on Sunday.", "arrested", coder)
    assert "police" in _text(event.source) and "leader" in _text(event.target)


def test_a_verb_of_no_act_done_to_someone_keeps_its_reading():
    # "deploy" is not of patient_verbs: the troops are what is sent, Belarus whom it concerns
    event = _event("Russian troops were deployed to Belarus on Friday.", "deployed", coder=False)
    assert event.target is not None and event.target.text == "Belarus"


# the possessor of a noun of an act done to someone is the one acted on
@pytest.mark.parametrize("coder", [False, True])
def test_the_possessor_of_an_arrest_is_its_target(coder):
    text = "The Tunisian blogger's arrest drew condemnation from the European Union."
    event = _event(text, "arrest", coder)
    assert "blogger" not in _text(event.source)
    assert "blogger" in _text(event.target)


@pytest.mark.parametrize("coder", [False, True])
def test_the_possessor_of_a_detention_is_not_its_doer(coder):
    event = _event("The Ugandan opposition leader's detention sparked protests.", "detention", coder)
    assert event.source is None and country_of(event.target) == "UGA"


def test_a_possessor_beside_an_of_phrase_stays_the_doer():
    event = _event("Belarus's expulsion of the Lithuanian diplomats angered Vilnius.", "expulsion")
    assert country_of(event.source) == "BLR" and country_of(event.target) == "LTU"


# whoever reports an act done to someone, naming no doer, is not thereby its doer
@pytest.mark.parametrize(
    "text, trigger",
    [
        ("His lawyer said the Bahraini blogger had been released on Tuesday.", "released"),
        ("Her family said the Algerian activist was detained at the airport.", "detained"),
        ("The Zimbabwean doctors' union said two protesters were shot in Harare.", "shot"),
    ],
)
def test_a_bystander_reporting_an_agentless_act_is_not_its_doer(text, trigger):
    event = _event(text, trigger)
    assert event.source is None
    assert event.target is not None


def test_the_state_force_reporting_an_agentless_act_may_be_its_doer():
    event = _event("Kenyan police said three Somali suspects were arrested in Mombasa.", "arrested")
    assert country_of(event.source) == "KEN" and country_of(event.target) == "SOM"
