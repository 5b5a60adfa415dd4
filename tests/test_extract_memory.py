"""Extraction must not keep parsed Docs alive: over 10,000 articles that is the difference between
staying under 1 GiB and not (benchmarks/bench_memory.py)."""

from __future__ import annotations

import gc
import weakref

from eventwire.extract import extract_article
from eventwire.extract.base import doc_ents
from eventwire.models import Article, Paragraph

TEXT = "Russian missiles struck Kharkiv late Saturday, killing at least 12 people, Ukrainian officials said."


def _freed_by_refcount(make_doc) -> bool:
    gc.disable()
    try:
        doc = make_doc()
        ref = weakref.ref(doc)
        del doc
        return ref() is None
    finally:
        gc.enable()


def test_docs_are_freed_by_reference_counting_after_extraction(nlp):
    article = Article(
        id="a",
        text=TEXT,
        paragraphs=[Paragraph(0, TEXT, start=0, end=len(TEXT), line=1)],
        published="2025-10-19",
    )

    def extracted():
        doc = nlp(TEXT)
        extraction = extract_article(doc, article)
        assert extraction.events  # the extractor really ran
        return doc

    assert _freed_by_refcount(extracted)


def test_the_entity_cache_alone_would_keep_a_doc_alive(nlp):
    # Guards the test above: without the clean-up, cached Spans form a cycle with their Doc.
    def cached():
        doc = nlp(TEXT)
        doc_ents(doc)
        return doc

    assert not _freed_by_refcount(cached)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_data_loaded_once_is_frozen_and_later_garbage_is_still_collected(monkeypatch):
    from eventwire.nlp import load_nlp
    from eventwire.pipeline import process, process_text

    monkeypatch.setattr(process, "_SETTLED", [False])  # as in a new process: no chunk done yet
    gc.unfreeze()
    assert process_text(TEXT).extraction.events
    assert gc.get_freeze_count() > 100_000  # the model, gazetteer and knowledge base
    nlp = load_nlp()
    assert all(o is not nlp for o in gc.get_objects())  # no longer scanned by full collections
    ref = weakref.ref(_Cycle())
    assert ref() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert ref() is None
