"""Time expressions: finding, typing and resolving against the publication date."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.extract.timex import normalise
from eventwire.pipeline import process_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed"


def times_of(text: str, published: str | None = "2024-04-14"):
    return {t.text: t for t in process_text(text, published=published).extraction.times}


def test_weekdays_resolve_backwards_from_publication(nlp):
    found = times_of("Iran attacked Israel late Saturday, and officials spoke on Sunday.")
    assert found["late Saturday"].value == "2024-04-13" and found["late Saturday"].resolved
    assert found["Sunday"].value == "2024-04-14"


def test_future_weekday_points_forward(nlp):
    found = times_of("The talks will resume on Tuesday.")
    assert found["Tuesday"].value == "2024-04-16"


def test_nothing_is_guessed_without_a_publication_date(nlp):
    found = times_of("Iran attacked Israel late Saturday, and officials spoke on Sunday.", published=None)
    assert found["Sunday"].value is None and not found["Sunday"].resolved


@pytest.mark.parametrize(
    ("text", "type_", "value"),
    [
        ("yesterday", "DATE", "2024-04-13"),
        ("last week", "DATE", "2024-W14"),
        ("in March", "DATE", "2024-03"),
        ("this year", "DATE", "2024"),
        ("April 14, 2024", "DATE", "2024-04-14"),
        ("three days", "DURATION", "P3D"),
        ("every week", "SET", "P1W"),
        ("the third quarter of 2008", "DATE", "2008-Q3"),
        ("recently", "DATE", "PAST_REF"),
        ("the weekend", "DATE", "2024-W15-WE"),
    ],
)
def test_normalise(text, type_, value):
    timex = normalise(text, "2024-04-14")
    assert (timex.type, timex.value) == (type_, value)


def test_time_for_prefers_the_time_in_the_event_clause(nlp):
    from eventwire.extract.base import Context, needed_for
    from eventwire.extract.times import time_for

    processed = process_text(
        "Officials said on Monday that rebels attacked the town on Saturday.", published="2024-04-14"
    )
    doc = nlp(processed.article.text)
    ctx = Context(doc=doc, article=processed.article, options=None)
    for comp in needed_for(["times"]):
        comp.func(ctx)
    time = time_for(ctx, next(t for t in doc if t.text == "attacked"))
    assert time is not None and time.value == "2024-04-13"


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared examples folder beside the repo is absent")
def test_founding_example_dates(nlp):
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    values = {(t.text, t.value) for t in process_text(text, published="2024-04-14").extraction.times}
    assert ("late Saturday", "2024-04-13") in values
    assert ("Sunday", "2024-04-14") in values
