"""Hostile and odd input: texts that once crashed the pipeline, oversized and broken files."""

from __future__ import annotations

import pytest

from eventwire.extract.numbers import read_number
from eventwire.pipeline import process_text


class _Tok:
    def __init__(self, text: str) -> None:
        self.text, self.lower_ = text, text.lower()


@pytest.mark.parametrize("tail", ["several", "dozens", "hundreds", "scores", "half"])
def test_vague_quantity_as_last_token_stays_inside_the_list(tail):
    tokens = [_Tok("wounded"), _Tok(tail)]
    match = read_number(tokens, 1)
    if match is not None:
        assert match.end <= len(tokens)


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said the blast killed 12 people and wounded dozens.",
        "Witnesses said the blast killed 12 people and wounded dozens",
        "The attack wounded scores",
    ],
)
def test_sentence_ending_in_a_vague_quantity_is_counted(nlp, text):
    counts = process_text(text).extraction.counts
    assert [c for c in counts if c.qualifier == "vague"], counts


def test_sentence_ending_in_several_does_not_crash(nlp):
    assert process_text("They killed several").article.text == "They killed several"
