"""Targets that the trigger's own words leave to the story or to the phrases around them: the author
of an earlier speech act a response answers ("denies the allegations", "refused the request"), the
proposer a bare refusal answers, and the party a place only locates ("the Hague-based court", "an
analyst of Ankara's university"). Each rule has a counterpart that must keep its reading."""

from __future__ import annotations

import pytest

from event_helpers import country_of
from eventwire.options import Options
from eventwire.pipeline.process import process_text


def _event(text: str, trigger: str, coder: bool = True):
    options = Options(min_confidence=0.0, coder=coder)
    events = process_text(text, published="2024-05-01", options=options).extraction.events
    found = [e for e in events if e.trigger == trigger]
    assert len(found) == 1, f"not one event on {trigger!r}: {[e.trigger for e in events]}"
    return found[0]


@pytest.mark.parametrize("coder", [False, True])
def test_denying_the_allegations_answers_whoever_made_them(coder):
    text = (
        "Ghana's foreign ministry accused Togo of smuggling weapons across the border. "
        "Togo denies the allegations."
    )
    event = _event(text, "denies", coder)
    assert event.type == "REJECT" and country_of(event.source) == "TGO"
    assert country_of(event.target) == "GHA"


def test_allegations_that_name_their_author_keep_it():
    text = (
        "Ghana's foreign ministry accused Togo of smuggling weapons across the border. "
        "Togo denies Benin's allegations."
    )
    event = _event(text, "denies")
    assert country_of(event.target) == "BEN"


REFUSALS = {
    "the request refused answers whoever asked": (
        "Peru's president asked Chile for more water from the shared river. "
        "Chile's president refused the request.",
        "CHL",
        "PER",
    ),
    "a bare refusal after a proposal refuses the proposer": (
        "The Egyptian delegation proposed a ceasefire, but the Israeli delegation refused.",
        "ISR",
        "EGY",
    ),
}


@pytest.mark.parametrize("coder", [False, True])
@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refusal_answers_the_party_that_asked_or_proposed(case, coder):
    text, refuser, answered = REFUSALS[case]
    event = _event(text, "refused", coder)
    assert country_of(event.source) == refuser
    assert country_of(event.target) == answered


@pytest.mark.parametrize(
    ("text", "not_target"),
    [
        # the only earlier request is Chile's own: nobody else's request is refused
        (
            "Chile's president asked Peru for more water from the shared river. "
            "Chile's president refused the request.",
            "CHL",
        ),
        # a refusal of a named act is not a refusal of the proposer
        (
            "The Egyptian delegation proposed a ceasefire, but the Israeli delegation refused to withdraw "
            "its troops.",
            "EGY",
        ),
    ],
)
def test_a_refusal_answers_nobody_when_no_other_party_asked_or_it_names_its_act(text, not_target):
    event = _event(text, "refused", False)
    assert event.target is None or event.target.country != not_target


def test_a_place_in_the_sources_own_phrase_is_not_the_target():
    text = "Analyst Ali Demir of Ankara's Bilkent University criticized the decision."
    event = _event(text, "criticized")
    assert event.source is not None and "Demir" in event.source.text
    assert event.target is None or "Ankara" not in event.target.text


def test_a_place_that_locates_a_named_party_stands_for_that_party():
    text = (
        "The dispute went to the Hague-based International Court of Justice in May, though Somalia refused "
        "to attend the hearings."
    )
    event = _event(text, "refused")
    assert country_of(event.source) == "SOM"
    assert event.target is not None and "Court" in event.target.text


def test_the_role_model_sees_who_reports_an_act():
    # the one who reports an act is seen by the clause it governs the act from, not as 'far' away
    from eventwire.learn.features import role_features
    from eventwire.nlp import load_nlp

    doc = load_nlp()("Witnesses reported that soldiers fired rubber bullets at student protesters.")
    fired = next(t for t in doc if t.text == "fired")
    reporter = role_features(fired, doc[0:1], "ASSAULT", None, 0, "CVL")
    assert reporter.get("gov:ccomp|nsubj") == 1.0
    # an actor inside the act's own phrase keeps its path and has no such feature
    protesters = role_features(fired, doc[9:11], "ASSAULT", None, 1, "CVL")
    assert not any(name.startswith("gov:") for name in protesters)


def test_the_role_model_names_the_prepositions_of_its_word_class():
    # role_features names a party by its preposition only for the prepositions it is handed, which
    # coder_roles reads from word class role_feature_preps ("attacked by X" vs "near X")
    from eventwire.extract.lexicon import doc_words
    from eventwire.learn.features import role_features
    from eventwire.nlp import load_nlp

    doc = load_nlp()("Troops were attacked by rebels near the border town.")
    attacked = next(t for t in doc if t.text == "attacked")
    rebels = doc[4:5]
    preps = doc_words(doc, "role_feature_preps")
    assert {"by", "from", "against"} <= preps and "near" not in preps
    assert role_features(attacked, rebels, "ASSAULT", None, 0, "REB", preps).get("prep:by") == 1.0
    assert "prep:by" not in role_features(attacked, rebels, "ASSAULT", None, 0, "REB")
