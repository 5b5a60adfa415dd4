"""Attribution from a reporting clause set into the act itself (parataxis on the trigger).

The speaker of "Rebels, the governor said, shelled the town" vouches for the shelling; what an act's
own complement says ("accused them of defying what the charter says") is not a source for it.
"""

from __future__ import annotations

import pytest

from event_helpers import first_of_type


@pytest.mark.parametrize(
    ("text", "event_type", "speaker"),
    [
        (
            "Militants, the provincial governor said, shelled the town overnight.",
            "ASSAULT",
            "the provincial governor",
        ),
        (
            "Soldiers detained four students, camp officials said, and closed the gate.",
            "COERCE",
            "camp officials",
        ),
    ],
)
def test_reporting_clause_on_the_trigger_names_the_speaker(text, event_type, speaker):
    event = first_of_type(text, event_type)
    assert event.attribution is not None
    assert event.attribution.speaker_text == speaker


def test_a_clause_the_act_governs_is_no_attribution():
    event = first_of_type(
        "The opposition accused the cabinet of ignoring what the charter says about elections.", "ACCUSE"
    )
    speaker = event.attribution.speaker_text if event.attribution else None
    assert speaker != "the charter"
