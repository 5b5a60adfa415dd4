"""Quotes and speaker attribution: hand-written sentences, and the founding example item by item."""

from __future__ import annotations

import json
import re

import pytest

from eventwire.extract.quote_lexicon import load_quote_lexicon, reporting_verbs
from eventwire.extract.quote_spans import find_quote_spans
from eventwire.pipeline import process_text


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text: str):
        return process_text(text, published="2024-05-01").extraction.quotes

    return run


def _norm(text: str | None) -> str:
    text = (text or "").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _name_match(a: str | None, b: str | None) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a in b or b in a)


# --- quotation marks -------------------------------------------------------------------------


def test_spans_exclude_marks_and_trailing_comma():
    text = '“We will win,” she said. He replied: "Not this time."'
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["We will win", "Not this time."]


def test_unclosed_quotation_runs_to_paragraph_end():
    text = "“The first paragraph goes on\n“and the second closes.”"
    spans = find_quote_spans(text)
    assert [s.close_mark is None for s in spans] == [True, False]
    assert text[spans[0].start : spans[0].end] == "The first paragraph goes on"


def test_misused_closing_mark_opens_a_quotation():
    text = "Maria Lopez, 34: ”We are tired of waiting for the council.”"
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end].startswith("We are tired")


def test_lexicon_is_data_and_shared():
    lex = load_quote_lexicon()
    assert {"say", "tell", "add", "warn"} <= reporting_verbs()
    assert ("according", "to") in lex.phrases
    assert "official" in lex.anonymous_heads


# --- direct quotes, cues and speakers ----------------------------------------------------------


def test_curly_quote_with_cue_and_addressee(quotes_of):
    (q,) = quotes_of("“The bridge will reopen in June,” Mayor Anna Weber told reporters on Monday.")
    assert q.direct and q.text == "The bridge will reopen in June"
    assert q.speaker_text == "Anna Weber"
    assert q.cue == "told" and q.addressee == "reporters"
    assert not q.anonymous


def test_straight_quotes_and_inverted_cue(quotes_of):
    (q,) = quotes_of('"We have no plans to raise taxes this year," said the finance minister.')
    assert q.direct and q.text.startswith("We have no plans")
    assert q.speaker_text == "the finance minister"
    assert q.cue == "said"


def test_cue_before_the_quotation(quotes_of):
    (q,) = quotes_of("The senator added: “Nobody in this chamber wants another shutdown.”")
    assert q.speaker_text == "The senator" and q.cue == "added"


def test_split_quote_continuation_inherits_speaker(quotes_of):
    quotes = quotes_of(
        "“We are ready,” a senior army officer said. “The troops have been waiting for weeks.”"
    )
    assert [q.text for q in quotes] == ["We are ready", "The troops have been waiting for weeks."]
    assert all(q.speaker_text == "a senior army officer" and q.anonymous for q in quotes)
    assert quotes[0].cue == "said" and quotes[1].cue is None


def test_pronoun_resolves_to_earlier_named_speaker(quotes_of):
    text = (
        "Finance Minister Carla Mendes said the budget was balanced.\n"
        "“We cut spending in every ministry,” she said."
    )
    direct = [q for q in quotes_of(text) if q.direct]
    assert len(direct) == 1
    assert direct[0].speaker_text == "Carla Mendes"
    assert text[direct[0].speaker_start : direct[0].speaker_end] == "she"


def test_back_reference_resolves_to_fullest_mention(quotes_of):
    text = (
        "“The talks collapsed overnight,” a person familiar with the matter said.\n"
        "“Nobody expected the delegation to leave so early,” this person said."
    )
    quotes = quotes_of(text)
    assert [q.speaker_text for q in quotes] == ["a person familiar with the matter"] * 2
    assert all(q.anonymous for q in quotes)


def test_scare_quotes_and_titles_are_not_speech(quotes_of):
    text = (
        "Their alliance is often described as “ironclad.” "
        "The minister praised the “historic” deal and the book “War and Peace” on Tuesday."
    )
    assert quotes_of(text) == []


def test_short_quote_that_stands_alone_is_speech(quotes_of):
    (q,) = quotes_of("“Never,” the general said.")
    assert q.text == "Never" and q.speaker_text == "the general"


# --- labels, quoted objects, split cues and speaker layouts -------------------------------------


def test_bare_label_is_a_mixed_quote_of_the_subject(quotes_of):
    (q,) = quotes_of("At a rally on Monday, Senator Jane Holt called the new tax plan “a disaster.”")
    assert not q.direct and q.text.startswith("the new tax plan “a disaster")
    assert q.speaker_text == "Jane Holt" and q.cue == "called"


def test_label_with_as_and_with_to(quotes_of):
    (q,) = quotes_of("Mayor Anna Weber described the proposal as “reckless.”")
    assert q.text.startswith("the proposal as “reckless") and q.speaker_text == "Anna Weber"
    (q,) = quotes_of("The mayor, Anna Weber, likened the new stadium to a “money pit” at the hearing.")
    assert q.text == "the new stadium to a “money pit”"  # the time/place aside stays out
    assert q.cue == "likened"


def test_quoted_whole_object_of_a_speech_verb_is_direct(quotes_of):
    (q,) = quotes_of("The protesters chanted “No more cuts!” outside the town hall.")
    assert q.direct and q.text == "No more cuts!" and q.speaker_text == "The protesters"


@pytest.mark.parametrize(
    "text",
    [
        "The treaty is often described as “ironclad.”",  # passive: no speaker
        "The general spoke in a very “direct” manner about the plan.",  # modifier inside an NP
        "One senior official described their hand “trembling” while taking notes in a meeting.",
        "There were no reports of “significant” damage.",
        "The minister praised the “historic” deal.",  # a quoted modifier of the object
    ],
)
def test_scare_quotes_are_not_labels(quotes_of, text):
    assert quotes_of(text) == []


def test_scare_quote_inside_a_reported_clause_is_not_direct(quotes_of):
    quotes = quotes_of("The official added that there were no reports of “significant” damage.")
    assert quotes and all(not q.direct for q in quotes)


def test_split_utterance_around_one_cue_is_one_attribution(quotes_of):
    first, second = quotes_of('"My hope," he said, "is that the council will act before the winter."')
    assert first.cue == "said" and second.cue is None  # the second half continues the first
    assert first.direct and second.direct and second.speaker_start == first.speaker_start


def test_reported_clause_absorbs_the_tail_of_its_quotation(quotes_of):
    (q,) = quotes_of("Senator Bernard Sanders said the tax breaks “do nothing to boost the economy.”")
    assert not q.direct and q.text.startswith("the tax breaks “do nothing to boost the economy.")
    assert q.speaker_text == "Bernard Sanders"


def test_transcript_turns(quotes_of):
    text = (
        "Interview transcript follows.\n"
        "HOLT: What will you do next?\n"
        "WEBER: We will rebuild the bridge, “if the money comes.”\n"
        "HOLT: When?\n"
        "WEBER: Next year.\n"
        "CLARIFICATION: An earlier version misspelled a name."
    )
    quotes = quotes_of(text)
    assert [(q.speaker_text, q.text) for q in quotes] == [
        ("HOLT", "What will you do next?"),
        ("WEBER", "We will rebuild the bridge, “if the money comes.”"),
        ("HOLT", "When?"),
        ("WEBER", "Next year."),
    ]


def test_speaker_named_by_byline_layouts(quotes_of):
    (q,) = quotes_of("“The rent is too high for us and nobody listens.” ― Oscar Quintero")
    assert q.direct and q.speaker_text == "Oscar Quintero" and q.cue is None
    (q,) = quotes_of("Maria Lopez, 34: “We are tired of waiting for the council.”")
    assert q.speaker_text == "Maria Lopez"


# --- indirect quotes ---------------------------------------------------------------------------


def test_indirect_quote_that_clause(quotes_of):
    (q,) = quotes_of("The police chief said that three suspects had been arrested overnight.")
    assert not q.direct
    assert q.text == "that three suspects had been arrested overnight"
    assert q.speaker_text == "The police chief" and q.cue == "said"


def test_indirect_quote_with_trailing_cue_is_anonymous(quotes_of):
    (q,) = quotes_of("The convoy was stopped at the border, two officials said.")
    assert not q.direct and q.text == "The convoy was stopped at the border"
    assert q.speaker_text == "two officials" and q.anonymous


def test_according_to(quotes_of):
    (q,) = quotes_of("According to the health ministry, 40 people were injured in the blast.")
    assert q.cue == "according to" and q.speaker_text == "the health ministry"
    assert q.text == "40 people were injured in the blast"


def test_reported_question_is_not_a_claim(quotes_of):
    assert quotes_of("When asked if the army would withdraw, the colonel shrugged.") == []


# --- the founding example ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_text, shared_dir):
    processed = process_text(seed_text, published="2024-04-14")
    expected_path = shared_dir / "examples" / "seed" / "article.expected.json"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))["quotes"]
    return processed, expected


def _line_of(article, offset: int) -> int | None:
    for para in article.paragraphs:
        if para.kept and para.start <= offset <= para.end:
            return para.line
    return None


def _find(processed, item):
    article = processed.article
    for q in processed.extraction.quotes:
        if _line_of(article, q.start) == item["line"] and _norm(q.text).startswith(
            _norm(item["text_starts"])
        ):
            return q
    return None


@pytest.mark.parametrize("index", [0, 1, 2])
def test_seed_required_quote(seed, index):
    processed, expected = seed
    item = expected["required"][index]
    quote = _find(processed, item)
    assert quote is not None, f"quote not found: line {item['line']} {item['text_starts']!r}"
    assert quote.direct
    assert _name_match(quote.speaker_text, item["speaker"])
    assert quote.anonymous == item["anonymous"]
    if "cue" in item:
        assert _norm(quote.cue) == _norm(item["cue"])
    if "addressee" in item:
        assert _name_match(quote.addressee, item["addressee"])


def test_seed_forbidden_scare_quotes(seed):
    processed, expected = seed
    article = processed.article
    assert expected["forbidden"] and processed.extraction.quotes
    for item in expected["forbidden"]:
        for q in processed.extraction.quotes:
            if _line_of(article, q.start) != item["line"]:
                continue
            # No scare quote is speech: no quote is the word itself, no direct quote contains it.
            assert _norm(q.text).strip(".,") != _norm(item["text"])
            assert not (q.direct and _norm(item["text"]) in _norm(q.text)), q
