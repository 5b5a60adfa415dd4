"""The NLP stage: the model is a setting, resolved offline, loaded once, paragraphs are sentence breaks."""

from __future__ import annotations

import importlib.util

import pytest

from eventwire.errors import ModelError
from eventwire.nlp import load_nlp
from eventwire.nlp.loader import resolve_model_name
from eventwire.options import DEFAULT_MODEL, FALLBACK_MODEL


def test_official_model_preferred_else_the_pypi_reupload():
    expected = DEFAULT_MODEL if importlib.util.find_spec(DEFAULT_MODEL) else FALLBACK_MODEL
    assert resolve_model_name(DEFAULT_MODEL) == expected


def test_missing_model_is_a_clear_error_not_a_download():
    with pytest.raises(ModelError, match="not installed.*never downloads"):
        resolve_model_name("xx_no_such_model_sm")


def test_model_is_loaded_once_per_process():
    assert load_nlp() is load_nlp()


def test_sentences_never_cross_paragraphs(nlp):
    doc = nlp("The talks ended without a deal\nOfficials said they would meet again")
    assert [s.text.strip() for s in doc.sents] == [
        "The talks ended without a deal",
        "Officials said they would meet again",
    ]


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        ("Talks ended.\nOfficials met again\n\n and left\n", 2),  # a trailing newline starts nothing
        ("\nA new paragraph starts here and \n  here, after spaces.\t\nNot here either.", 3),
        ("One line only, no break at all.", 0),
    ],
)
def test_every_token_after_a_newline_starts_a_sentence(nlp, text, breaks):
    doc = nlp(text)
    after_newline = [t.i + 1 for t in doc[:-1] if "\n" in t.text_with_ws]
    assert len(after_newline) == breaks
    assert all(doc[i].is_sent_start for i in after_newline)
