"""``import eventwire; db = eventwire.open(...)``: every match, typed DataFrames, one-article processing."""

from __future__ import annotations

import pytest

import eventwire
from eventwire.errors import InputError


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    """The bundled samples ingested once, every event kept (no event-check floor): over 100 event
    mentions, more than one default page of 100."""
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.store import connect

    path = tmp_path_factory.mktemp("api") / "news.db"
    conn = connect(path)
    ingest_items(conn, sample_documents(), options=Options(min_confidence=0.0))
    conn.close()
    return path


def test_public_names_are_exported():
    for name in ("open", "Database", "Results", "process_text", "EventFilter", "__version__"):
        assert name in eventwire.__all__ and getattr(eventwire, name) is not None
    with pytest.raises(AttributeError):
        eventwire.no_such_name  # noqa: B018


def test_listings_return_every_match_not_the_first_page(sample_db):
    from eventwire.query import EventFilter, count_events

    with eventwire.open(sample_db) as db:
        mentions = db.mentions().to_list()
        total = count_events(db.conn, EventFilter())
        assert total > EventFilter().limit  # the old listing stopped here without saying so
        assert len(mentions) == total
        assert len({m["id"] for m in mentions}) == total


def test_filters_reach_the_query_layer(sample_db):
    with eventwire.open(sample_db) as db:
        assaults = db.mentions(type="ASSAULT").to_list()
        assert assaults and {e["type"] for e in assaults} == {"ASSAULT"}
        assert len(assaults) < len(db.mentions().to_list())
        with pytest.raises(InputError, match="unknown event filter colour"):
            db.mentions(colour="red")


def test_events_are_canonical_events_with_their_reports(sample_db):
    with eventwire.open(sample_db) as db:
        events = db.events().to_list()
        assert db.events().kind == "events"
        assert 0 < len(events) < len(db.mentions().to_list())
        assert sum(e["mentions"] for e in events) == len(db.mentions().to_list())


def test_events_are_the_mentions_until_clustering_has_run(tmp_path):
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.store import connect

    path = tmp_path / "raw.db"
    ingest_items(connect(path), list(sample_documents())[:2], options=Options(cluster=False))
    with eventwire.open(path) as db:
        results = db.events()
        assert results.kind == "mentions" and len(results.to_list()) == len(db.mentions().to_list()) > 0


def test_to_pandas_types_dates_and_counts(sample_db):
    pandas = pytest.importorskip("pandas")
    with eventwire.open(sample_db) as db:
        frame = db.mentions().to_pandas()
        assert len(frame) > 100
        assert pandas.api.types.is_datetime64_any_dtype(frame["published"])
        articles = db.articles().to_pandas()
        assert str(articles["events"].dtype) == "Int64" and articles["events"].sum() == len(frame)


def test_actors_and_quotes_page_through_everything(sample_db, monkeypatch):
    import eventwire.database as database

    with eventwire.open(sample_db) as db:
        every_actor = db.actors().to_list()
        monkeypatch.setattr(database, "PAGE", 3)  # force several round trips
        assert db.actors().to_list() == every_actor
        assert len(db.quotes().to_list()) > 3


def test_process_text_needs_no_database():
    text = (
        "Police in Nairobi arrested 40 protesters on Tuesday, the interior ministry said. "
        "The protesters had marched on parliament against a proposed tax increase."
    )
    result = eventwire.process_text(text, published="2024-06-25")
    assert result.article.published == "2024-06-25"
    assert any(e.type for e in result.extraction.events)
