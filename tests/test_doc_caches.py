"""The per-Doc caches the extractor reads for speed give what spaCy itself gives, and go away."""

from __future__ import annotations

import bisect

import pytest

from eventwire.extract.base import (
    doc_ents,
    doc_memo,
    doc_tokens,
    expanded_span,
    forget_caches,
    sent_of,
)
from eventwire.extract.coder import _ents_by_sentence
from eventwire.extract.event_lexicon import _verb_trigger, trigger_lexicon, verb_lemma
from eventwire.learn.features import sentence_features, trigger_features
from eventwire.nlp.pos import doc_lemma_lower, doc_lower, doc_pos, lower_of, pos_of
from eventwire.pipeline.samples import SAMPLES_DIR

# Sentences across paragraph breaks, an entity at a sentence's end, verbs with objects and particles.
TEXT = (
    "Iranian forces fired missiles at the Nevatim Air Base in Israel on Saturday, officials said.\n"
    "Israel's army called off the drills. The United Nations urged both sides to lift the blockade.\n"
    "Protesters in Nairobi set up barricades and the police gave in after talks with Kenya's government."
)


@pytest.fixture(scope="module")
def docs(nlp):
    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES_DIR.glob("*.txt"))[:3]]
    return list(nlp.pipe(texts))


def test_tokens_and_sentences_match_spacy(docs):
    for doc in docs:
        tokens = doc_tokens(doc)
        assert [t.i for t in tokens] == list(range(len(doc)))
        assert all(t.text == doc[t.i].text for t in tokens)
        for token in doc:
            assert sent_of(token) == token.sent
        forget_caches(doc)


def test_sentence_entities_match_span_ents(docs):
    for doc in docs:
        sentences = list(doc.sents)
        found = _ents_by_sentence(doc, sentences, [s.start_char for s in sentences])
        assert any(found), "the texts have entities"
        for sent, ents in zip(sentences, found, strict=True):
            assert [(e.start, e.end) for e in ents] == [(e.start, e.end) for e in sent.ents]
        forget_caches(doc)


def test_features_from_caches_equal_spacy_reading(docs):
    for doc in docs:
        sentences = list(doc.sents)
        ents = _ents_by_sentence(doc, sentences, [s.start_char for s in sentences])
        for n, sent in enumerate(sentences):
            cached = sentence_features(sent, [], ents[n], list(doc_tokens(doc)[sent.start : sent.end]))
            assert list(cached.items()) == list(sentence_features(sent, []).items())
            root = sent.root
            assert trigger_features(root, None, "2025-01-01", sent_of(root)) == trigger_features(
                root, None, "2025-01-01"
            )
        forget_caches(doc)


def test_expanded_span_is_char_span(docs):
    doc = docs[0]
    for start, end in [(0, 7), (3, 12), (len(TEXT) - 9, len(TEXT))]:
        span = expanded_span(doc, start, end)
        assert span == doc.char_span(start, end, alignment_mode="expand")
        assert expanded_span(doc, start, end) is span  # built once
    forget_caches(doc)


def test_forget_caches_drops_every_cache(docs):
    doc = docs[0]
    doc_tokens(doc), doc_ents(doc), sent_of(doc[0]), expanded_span(doc, 0, 7)
    doc_memo(doc, "phrase")[0] = doc[0:1]
    pos_of(doc[0]), lower_of(doc[0]), doc_lemma_lower(doc)
    assert len(doc.user_data) >= 8
    forget_caches(doc)
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith("eventwire_")]


def _verb_trigger_reading_children(token, lex):
    """_verb_trigger without its shortcut: a verb no pair starts with still reads its children."""
    pair_verbs = lex.__dict__.pop("pair_verbs", None)
    lex.__dict__["pair_verbs"] = frozenset({verb_lemma(token, lex.verb_words)})
    try:
        return _verb_trigger(token, lex)
    finally:
        lex.__dict__.pop("pair_verbs")
        if pair_verbs is not None:
            lex.__dict__["pair_verbs"] = pair_verbs


def test_verb_shortcut_finds_the_same_triggers(docs):
    lex = trigger_lexicon()
    verbs = [t for doc in docs for t in doc if t.pos_ == "VERB"]
    assert len(verbs) > 20
    found = 0
    for token in verbs:
        fast, slow = _verb_trigger(token, lex), _verb_trigger_reading_children(token, lex)
        assert fast == slow
        found += fast is not None
    assert found > 3, "the texts hold triggers"


def test_sent_of_bisects_sentence_starts(docs):
    doc = docs[0]
    starts = [s.start for s in doc.sents]
    for token in doc:
        assert sent_of(token).start == starts[bisect.bisect_right(starts, token.i) - 1]
    forget_caches(doc)


def test_pos_tuple_is_spacy_pos(docs):
    for doc in docs:
        assert {"NOUN", "PROPN", "VERB", "PUNCT"} <= set(doc_pos(doc))
        assert list(doc_pos(doc)) == [t.pos_ for t in doc]
        assert all(pos_of(t) == t.pos_ for t in doc)
        forget_caches(doc)


def test_pos_of_an_untagged_doc_is_empty(nlp):
    doc = nlp.make_doc("No tagger ran here")
    assert doc_pos(doc) == ("",) * 4 == tuple(t.pos_ for t in doc)


def test_lower_tuple_is_spacy_lower(docs, nlp):
    for doc in [*docs, nlp.make_doc("ÉCOLE Straße İstanbul U.S. 3,000 DON'T")]:
        assert list(doc_lower(doc)) == [t.lower_ for t in doc]
        assert all(lower_of(t) == t.lower_ for t in doc)
        assert any(t.lower_ != t.text for t in doc)
        forget_caches(doc)


def test_lemma_tuple_is_spacy_lemma_lowered(docs):
    for doc in docs:
        assert list(doc_lemma_lower(doc)) == [t.lemma_.lower() for t in doc]
        assert any(t.lemma_.lower() != t.lower_ for t in doc), "some words are inflected"
        forget_caches(doc)
