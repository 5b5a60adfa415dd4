"""Texts and sentence facts the extractor reads from caches instead of rebuilding them from Tokens
give exactly what spaCy's own attributes give (speed only: the output must not change)."""

from __future__ import annotations

import pytest

from eventwire.extract.base import SentenceTokens, forget_caches, remember_text, span_root, span_text
from eventwire.extract.event_check import _sentence_shape
from eventwire.extract.event_lexicon import modality_lexicon
from eventwire.extract.modality import _former_title
from eventwire.learn.check import check_features, sentence_shape
from eventwire.learn.features import RuleHint, mode_features, trigger_features
from eventwire.models import Event, Evidence

TEXT = (
    "Rebels loyal to then-president Ortega shelled the port of Valdora in 2023, on Monday.\n"
    "“We will not   retreat,” the commander said.  Did the army really withdraw from Lamesa?\n"
    "Officials in Kestrel said then - mayor Ruiz had closed the border crossing."
)


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def _spans(doc):
    return [
        *doc.ents,
        *doc.sents,
        *doc.noun_chunks,
        doc[0:1],
        doc[3:9],
        doc[len(doc) - 4 : len(doc)],
    ]


def test_span_text_is_spacy_text_with_the_remembered_string(doc):
    remember_text(doc, TEXT)
    try:
        spans = _spans(doc)
        assert any(" " in s.text for s in spans) and any("\n" in s.text_with_ws for s in doc.sents)
        for span in spans:
            assert span_text(span) == span.text
    finally:
        forget_caches(doc)


def test_span_text_without_a_remembered_string_rebuilds_it(doc):
    forget_caches(doc)
    for span in _spans(doc):
        assert span_text(span) == span.text
    forget_caches(doc)


def test_sentence_shape_reads_questions_and_quotations(doc):
    sentences = list(doc.sents)
    assert len(sentences) >= 4, "the test text parses into four sentences or more"
    first, quoted, question = sentences[:3]
    assert sentence_shape(first) == (False, False)
    assert sentence_shape(quoted) == (False, True)
    assert sentence_shape(question) == (True, False)


def _event(trigger) -> Event:
    sent, end = trigger.sent, trigger.idx + len(trigger.text)
    return Event("ASSAULT", trigger.text, Evidence(trigger.idx, end, sent.start_char, sent.end_char))


@pytest.mark.parametrize("word", ["shelled", "withdraw", "said"])
def test_check_features_with_a_kept_shape_equal_those_read_afresh(doc, word):
    trigger = next(t for t in doc if t.text == word)
    event = _event(trigger)
    sent = trigger.sent
    afresh = check_features(trigger, event, 1, sent)
    assert check_features(trigger, event, 1, sent, sentence_shape(sent)) == afresh
    assert check_features(trigger, event, 1) == afresh


def test_former_title_still_found_within_the_events_words(doc):
    lex = modality_lexicon()["historical"]
    shelled = next(t for t in doc if t.text == "shelled")
    closed = next(t for t in doc if t.text == "closed")
    said = next(t for t in doc if t.text == "said" and t.i > closed.i - 8)
    withdraw = next(t for t in doc if t.text == "withdraw")
    assert _former_title(shelled, lex)  # "then-president": the title no longer held
    assert not _former_title(withdraw, lex)  # no "then" among its words
    assert not _former_title(closed, lex)  # "then - mayor", spaced: no prefix of a title
    assert not _former_title(said, lex)


def test_the_extractors_sentence_shape_is_the_checks(doc):
    remember_text(doc, TEXT)
    try:
        shapes = [_sentence_shape(sent) for sent in doc.sents]
        assert shapes == [sentence_shape(sent) for sent in doc.sents]
        assert (True, False) in shapes and (False, True) in shapes
    finally:
        forget_caches(doc)


def test_span_root_is_kept_and_is_spacys_root(doc):
    shelled = next(t for t in doc if t.text == "shelled")
    port = next(t for t in doc if t.text == "port")
    for start, end, root in (
        (shelled.idx, shelled.idx + 3, shelled),  # a part of a word: the whole word's
        (doc[5].idx, port.idx + len(port.text), shelled),  # "shelled the port"
        (port.idx - 4, port.idx + len(port.text), port),  # "the port"
    ):
        found = span_root(doc, start, end)
        assert found is not None and found.i == root.i
        assert span_root(doc, start, end) is found  # once per range and Doc
    forget_caches(doc)
    assert span_root(doc, shelled.idx, shelled.idx + 3) is not found  # forgotten with the Doc's caches
    forget_caches(doc)


@pytest.mark.parametrize("word", ["shelled", "withdraw", "closed"])
def test_learned_features_read_the_same_from_cached_sentence_tokens(doc, word):
    trigger = next(t for t in doc if t.text == word)
    sent = trigger.sent
    cached = SentenceTokens.of(sent)
    assert [t.i for t in cached] == [t.i for t in sent] and len(cached) == len(sent)
    hint = RuleHint("ASSAULT", "asserted", trigger.i)
    feats = trigger_features(trigger, hint, "2024-05-01", cached)
    assert feats == trigger_features(trigger, hint, "2024-05-01", sent)
    if word == "shelled":
        assert feats.get("year_gap_near:past1") == 1.0  # "in 2023" read from the cached tokens
    assert mode_features(trigger, "ASSAULT", None, cached) == mode_features(trigger, "ASSAULT", None, sent)
    forget_caches(doc)
