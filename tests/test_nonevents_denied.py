"""Events that did not happen or are only counted or hoped for (issue 14, the blind audits'
non-events): what a "no" denies ("there were no signs the convoy was attacked", "found no evidence
that police beat them"), the acts a statistic counts ("the number of people arrested rose to 300"),
and a hope reported as said ("said they hope to see peacekeepers come"). Each has a counterpart
that stays an asserted event."""

from __future__ import annotations

import pytest

from event_helpers import events_of, first_of_type, typed
from eventwire.extract.coder import _figure, _reported_modality
from eventwire.extract.event_lexicon import modality_lexicon


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Investigators found no evidence that police had beaten the detainees.", "negated"),
        ("Investigators found evidence that police had beaten the detainees.", "asserted"),
        ("Officials said there were no signs the convoy had been attacked.", "negated"),
        ("The army said there was no evidence that rebels had shelled the town.", "negated"),
        ("The army said there was evidence that rebels had shelled the town.", "asserted"),
    ],
)
def test_an_act_under_a_denied_noun_of_evidence_is_negated(text, modality):
    assert first_of_type(text, "ASSAULT").modality == modality


def test_an_act_beside_a_denied_noun_stays_asserted():
    text = "There was no let-up in the fighting as rebels shelled the town."
    assert first_of_type(text, "ASSAULT", "shelled").modality == "asserted"


def test_talks_there_have_been_none_of_are_no_refusal():
    events = events_of("There have been no talks between the two governments since March.")
    assert not [e for e in events if e.type == "REJECT"]
    assert all(e.modality == "negated" for e in events)
    assert "refused" in typed("The rebels refused to negotiate with the government.", "REJECT")


def test_no_plans_to_deploy_is_no_refusal_to_deploy():
    text = "The government has no plans to deploy troops to the border."
    assert not typed(text, "REJECT")
    assert first_of_type(text, "MOBILIZE").modality == "negated"
    assert first_of_type("The government deployed troops to the border.", "MOBILIZE").modality == "asserted"


def _root(nlp, text):
    return next(iter(nlp(text).sents)).root


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("He told reporters that there have been no discussions about sending troops.", "negated"),
        ("He told reporters that there have been discussions about sending troops.", "asserted"),
    ],
)
def test_an_event_told_of_a_clause_that_denies_it_is_negated(nlp, text, modality):
    assert _reported_modality(_root(nlp, text), "CONSULT", None, modality_lexicon()) == modality


def test_acts_a_statistic_counts_are_no_events():
    assert not typed("The number of protesters detained rose to 120 by Sunday.", "COERCE")
    assert not typed("The number of people arrested has climbed to 300, police figures show.", "COERCE")
    doubled = "The militants have doubled the number of attacks they carried out in the province."
    assert not typed(doubled, "ASSAULT")
    assert not events_of("Officials told reporters that the death toll had risen to at least 63.")


def test_a_number_of_arrests_reported_as_done_stays_an_event():
    assert "arrested" in typed("A number of protesters were arrested outside parliament on Friday.", "COERCE")
    assert "arrested" in typed("Police arrested 300 people in the capital on Saturday.", "COERCE")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The number of people arrested has climbed to 300, police figures show.", True),
        ("Officials said the death toll had risen to 63.", True),
        ("Police figures show that officers arrested 300 people.", False),
        ("A number of protesters were arrested on Friday.", False),
    ],
)
def test_a_sentence_stating_a_figure_anchors_no_model_event(nlp, text, figure):
    assert _figure(_root(nlp, text)) is figure


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Opposition leaders said they hope to see a peacekeeping mission come to the country.", "future"),
        (
            "Rights groups say they take little comfort in the promises and still hope to persuade the "
            "government to free the prisoners.",
            "future",
        ),
        ("Opposition leaders said the government must free the prisoners immediately.", "asserted"),
        ("The envoy said he had asked Moscow to free the journalists.", "asserted"),
    ],
)
def test_a_hope_told_is_no_request_made(nlp, text, modality):
    assert _reported_modality(_root(nlp, text), "REQUEST", None, modality_lexicon()) == modality
