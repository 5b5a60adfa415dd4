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
    dozens = found["dozens injured"]
    assert (dozens.value, dozens.value_high, dozens.qualifier, dozens.category) == (
        24,
        None,
        "at_least",
        "injured",
    )
    crowd = found["2,000 demonstrators"]
    assert (crowd.value, crowd.qualifier, crowd.category) == (2000, "exact", "size")


def test_ranges_and_number_words(nlp):
    found = counts_of("Police arrested 20 to 30 protesters. Two hundred soldiers crossed.")
    values = {(c.value, c.value_high, c.qualifier) for c in found}
    assert (20, 30, "range") in values
    assert (200, None, "exact") in values


def by_text(text: str) -> dict[str, tuple]:
    return {c.text: (c.value, c.value_high, c.qualifier, c.category) for c in counts_of(text)}


@pytest.mark.parametrize(
    "sentence, text, expected",
    [
        # A vague figure codes the lower bound it guarantees (never a typical or upper value).
        (
            "Dozens of people were injured when the roof collapsed.",
            "Dozens of people",
            (24, None, "at_least", "injured"),
        ),
        (
            "Police detained hundreds of protesters outside parliament.",
            "hundreds of protesters",
            (200, None, "at_least", "arrested"),
        ),
        (
            "Thousands of demonstrators marched through Nairobi on Tuesday.",
            "Thousands of demonstrators",
            (2000, None, "at_least", "size"),
        ),
        (
            "Tens of thousands of refugees crossed into Chad last month.",
            "Tens of thousands of refugees",
            (20000, None, "at_least", "size"),
        ),
        (
            "The drought has killed millions of livestock across the Horn of Africa.",
            "millions of livestock",
            (1_000_000, None, "at_least", "dead"),
        ),
        (
            "Several rockets hit the town overnight, the army said.",
            "Several rockets",
            (3, None, "at_least", "weapon"),
        ),
        (
            "More than dozens of protesters were detained, witnesses said.",
            "More than dozens of protesters",
            (24, None, "more_than", "arrested"),
        ),
        # A range keeps both ends.
        (
            "Between 20 and 30 people were killed in the attack, officials said.",
            "Between 20 and 30 people",
            (20, 30, "range", "dead"),
        ),
        (
            "Police arrested 20 to 30 protesters on Sunday.",
            "20 to 30 protesters",
            (20, 30, "range", "arrested"),
        ),
        (
            "Dozens to 100 people were injured in the stampede.",
            "Dozens to 100 people",
            (24, 100, "range", "injured"),
        ),
    ],
)
def test_vague_figures_code_their_lower_bound_and_ranges_keep_both_ends(nlp, sentence, text, expected):
    assert by_text(sentence).get(text) == expected


@pytest.mark.parametrize(
    "sentence, expected, name_number",
    [
        # Model names and product numbers are names, not counts (model_numbers in count_nouns.yaml).
        (
            "A 737 Max jet carrying 150 passengers made an emergency landing in Portland.",
            {"150 passengers"},
            737,
        ),
        ("The airline grounded its Boeing 787 fleet after an engine fire.", set(), 787),
        ("An Su-25 attack jet was shot down over Donetsk.", set(), 25),
        ("A T-72 tank was destroyed near Bakhmut, the ministry said.", set(), 72),
        ("Ukraine received two F-16 fighter jets from Denmark.", {"two F-16 fighter jets"}, 16),
        ("Germany pledged 24 Leopard 2 tanks to Kyiv.", {"24 Leopard 2 tanks"}, 2),
        (
            "Iran launched 170 Shahed 136 drones and 30 cruise missiles at Israel.",
            {"170 Shahed 136 drones", "30 cruise missiles"},
            136,
        ),
    ],
)
def test_model_names_and_product_numbers_are_not_counts(nlp, sentence, expected, name_number):
    found = by_text(sentence)
    assert set(found) == expected
    assert name_number not in {v[0] for v in found.values()}


def test_a_name_between_a_number_and_its_noun_belongs_to_the_counted_thing(nlp):
    (tanks,) = counts_of("Germany pledged 24 Leopard 2 tanks to Kyiv.")
    assert (tanks.value, tanks.unit, tanks.category) == (24, "tank", "weapon")


def test_model_numbers_are_data_not_code():
    from eventwire.extract.counts import COUNT_NOUNS_YAML, count_lexicon
    from eventwire.extract.lexicon import DATA_DIR

    assert "model_numbers:" in (DATA_DIR / COUNT_NOUNS_YAML).read_text(encoding="utf-8")
    assert any(p.search("a 737 Max jet") for p in count_lexicon().model_numbers)


def test_export_count_columns_use_the_lower_bound():
    from eventwire.query.export import count_columns

    counts = [
        {"category": "dead", "value": 20.0, "value_high": 30.0, "qualifier": "range"},
        {"category": "dead", "value": 12.0, "value_high": None, "qualifier": "at_least"},
        {"category": "injured", "value": 24.0, "value_high": None, "qualifier": "at_least"},
        {"category": "size", "value": 300.0, "value_high": 200.0, "qualifier": "range"},  # ends reversed
    ]
    columns = count_columns(counts)
    assert (columns["dead"], columns["injured"], columns["size"], columns["arrested"]) == (20, 24, 200, None)


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
