"""Counts: numbers with qualifiers, units and categories; numbers that are not counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.extract.counts import counts_for
from eventwire.pipeline import process_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed"


def counts_of(text: str):
    return process_text(text, published="2024-04-14").extraction.counts


def test_qualifiers_units_and_categories(nlp):
    found = {
        c.text: c
        for c in counts_of(
            "At least 12 people were killed and dozens injured, while 2,000 demonstrators marched."
        )
    }
    killed = next(c for c in found.values() if c.value == 12)
    assert (killed.qualifier, killed.unit, killed.category) == ("at_least", "killed", "dead")
    dozens = next(c for c in found.values() if c.qualifier == "vague")
    assert 24 <= dozens.value <= 99 and dozens.category == "injured"
    crowd = found["2,000 demonstrators"]
    assert (crowd.value, crowd.qualifier, crowd.category) == (2000, "exact", "size")


def test_ranges_and_number_words(nlp):
    found = counts_of("Police arrested 20 to 30 protesters. Two hundred soldiers crossed.")
    values = {(c.value, c.value_high, c.qualifier) for c in found}
    assert (20, 30, "range") in values
    assert (200, None, "exact") in values


def test_numbers_that_are_not_counts(nlp):
    text = (
        "A 45-year-old man paid $5 million in 2019. Prices rose 7 percent and the team won 3-2. "
        "It was 40 degrees. One of the guards left with a second official."
    )
    assert counts_of(text) == []


def test_counts_for_accepts_char_spans_and_spacy_spans(nlp):
    from eventwire.extract.base import Context, needed_for

    processed = process_text("Five rockets hit the town. Nine drones were shot down.", published="2024-04-14")
    doc = nlp(processed.article.text)
    ctx = Context(doc=doc, article=processed.article, options=None)
    for comp in needed_for(["counts"]):
        comp.func(ctx)
    first, second = list(doc.sents)
    assert [c.value for c in counts_for(ctx, first)] == [5]
    assert [c.value for c in counts_for(ctx, (second.start_char, second.end_char))] == [9]


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared examples folder beside the repo is absent")
def test_founding_example_counts(nlp):
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    expected = json.loads((SEED / "article.expected.json").read_text(encoding="utf-8"))
    found = counts_of(text)
    assert expected["counts"]["required"]
    for item in expected["counts"]["required"]:
        match = [c for c in found if c.text.lower() == item["text"].lower()]
        assert match, item["text"]
        count = match[0]
        assert count.value == item["value"] and count.qualifier == item["qualifier"], item["text"]
        assert count.unit == item["unit"], item["text"]
