"""Issue 14, modality: a party's own word about harm done to it is its claim (alleged), and a
standing label given in the perfect ("have designated X a terrorist group") is background
(historical); each beside a counterpart that stays asserted."""

from __future__ import annotations

import pytest

from event_helpers import RAW
from event_helpers import first_of_type as typed
from eventwire.extract.event_lexicon import modality_lexicon
from eventwire.extract.modality_claims import own_grievance, standing_label
from eventwire.nlp import load_nlp

OTHERS_THREATENED = "The governor said the reporters had been threatened by smugglers last month."


@pytest.mark.parametrize(
    "text, kind, modality",
    [
        # the party speaks of harm done to itself: its claim
        ("The governor said she had been threatened by smugglers last month.", "THREATEN", "alleged"),
        ("The ministry said its consulate was attacked by a crowd on Sunday.", "ASSAULT", "alleged"),
        ("The rebels said they were attacked by army helicopters near the river.", "ASSAULT", "alleged"),
        # a harm reported of someone else stays asserted
        (OTHERS_THREATENED, "THREATEN", "asserted"),
        ("Smugglers threatened the governor last month, officials said.", "THREATEN", "asserted"),
        ("The ministry said a consulate was attacked by a crowd on Sunday.", "ASSAULT", "asserted"),
    ],
)
def test_a_party_on_harm_done_to_itself_is_alleged_and_on_others_asserted(text, kind, modality):
    assert typed(text, kind).modality == modality


def _head(text: str, word: str):
    doc = load_nlp(RAW.model)(text)
    return next(t for t in doc if t.text == word)


def test_a_victim_pronoun_must_agree_with_the_speaker():
    reporting = modality_lexicon(())["attribution_verbs"]
    came = _head("The farmers said their convoy came under fire from bandits.", "came")
    assert own_grievance(came, "ASSAULT", reporting)
    other = _head("The farmers said his convoy came under fire from bandits.", "came")
    assert not own_grievance(other, "ASSAULT", reporting)  # "his" is not the farmers
    assert not own_grievance(came, "CONSULT", reporting)  # no harm to the speaker


@pytest.mark.parametrize(
    "text, standing",
    [
        ("Kenya and Uganda have designated the Lord's Resistance Army a terrorist group.", True),
        ("Australia has designated Hamas as a terrorist organisation.", True),
        ("Australia designated Hamas a terrorist organisation.", False),  # the act, in the past
        ("Australia has designated Hamas as a terrorist organisation this week.", False),  # dated
        ("Australia has designated two new envoys.", False),  # no label
    ],
)
def test_an_undated_label_in_the_perfect_is_standing(text, standing):
    hist = modality_lexicon(())["historical"]
    assert standing_label(_head(text, "designated"), hist) is standing
