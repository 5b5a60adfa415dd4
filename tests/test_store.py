"""The store: named migrations, WAL, transactions, provenance on every record, idempotent writes."""

from __future__ import annotations

import copy
import dataclasses
import sqlite3

import pytest

from eventwire.errors import StoreError
from eventwire.models import Actor, Article, Event, Evidence, Extraction, Paragraph, Place, Quote
from eventwire.store import applied_migrations, assign_ids, connect, save_article, transaction
from eventwire.store.migrations import MIGRATIONS


def make_article(
    text: str = "Iran attacked Israel on Saturday, officials said.",
) -> tuple[Article, Extraction]:
    article = Article(
        id="a1", text=text, paragraphs=[Paragraph(0, text, start=0, end=len(text), line=1)], content_hash="h"
    )
    iran = Actor("Iran", "Iran", 0, 4, country="IRN", sector="GOV")
    israel = Actor("Israel", "Israel", 14, 20, country="ISR")
    place = Place("Israel", "Israel", 14, 20, country="ISR", lat=31.5, lon=34.8, kind="country")
    event = Event(
        "ASSAULT", "attacked", Evidence(5, 13, 0, len(text)), source=iran, target=israel, location=place
    )
    quote = Quote("Iran attacked Israel", 0, 20, speaker_text="officials", anonymous=True)
    return article, Extraction(actors=[iran, israel], events=[event], places=[place], quotes=[quote])


def test_migrations_are_named_and_recorded(conn):
    assert applied_migrations(conn) == [name for name, _ in MIGRATIONS]


def test_file_database_uses_wal_and_reopens_without_reapplying(tmp_path):
    path = tmp_path / "x.db"
    c = connect(path)
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    c.close()
    c = connect(path)
    assert len(applied_migrations(c)) == len(MIGRATIONS)


def test_every_record_carries_version_and_config_hash(conn):
    article, extraction = make_article()
    assert save_article(conn, article, extraction, version="9.9", config_hash="cafe").status == "stored"
    for table in ("articles", "actors", "events", "places", "quotes"):
        rows = conn.execute(f"SELECT eventwire_version, config_hash FROM {table}").fetchall()
        assert rows and all(tuple(r) == ("9.9", "cafe") for r in rows), table


def test_event_links_to_its_actors_and_place(conn):
    article, extraction = make_article()
    save_article(conn, article, extraction, version="1", config_hash="c")
    ev = conn.execute("SELECT * FROM events").fetchone()
    assert (ev["source_country"], ev["target_country"], ev["place_name"]) == ("IRN", "ISR", "Israel")
    src = conn.execute("SELECT name FROM actors WHERE id = ?", (ev["source_actor_id"],)).fetchone()
    assert src["name"] == "Iran"
    assert article.text[ev["start"] : ev["end"]] == "attacked"


def test_same_settings_is_unchanged_other_settings_replace(conn):
    article, extraction = make_article()
    assert save_article(conn, article, extraction, version="1", config_hash="c").status == "stored"
    assert save_article(conn, article, extraction, version="1", config_hash="c").status == "unchanged"
    article, extraction = make_article()
    assert save_article(conn, article, extraction, version="1", config_hash="d").status == "replaced"
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    assert conn.execute("SELECT DISTINCT config_hash FROM events").fetchone()[0] == "d"


def test_failed_write_leaves_nothing_behind(conn):
    article, extraction = make_article()
    extraction.events[0].evidence = None  # breaks the insert half-way through
    with pytest.raises(AttributeError):
        save_article(conn, article, extraction, version="1", config_hash="c")
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == 0


def test_a_write_that_fails_half_way_is_rolled_back(conn):
    article, extraction = make_article()
    extraction.actors[1].text = None  # NOT NULL: fails after the article and the first actor
    with pytest.raises(sqlite3.IntegrityError):
        save_article(conn, article, extraction, version="1", config_hash="c")
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == 0


def test_the_writer_does_not_modify_the_records(conn):
    article, extraction = make_article()
    extraction.actors[0].id = "A1"  # the extractor's own ids stay as they are
    before = copy.deepcopy((article, extraction))
    save_article(conn, article, extraction, version="1", config_hash="c")
    assert (article, extraction) == before
    assert extraction.events[0].id is None and extraction.actors[0].id == "A1"


def test_saving_the_same_extraction_twice_gives_the_same_ids(tmp_path):
    article, extraction = make_article()
    first = save_article(connect(tmp_path / "a.db"), article, extraction, version="1", config_hash="c")
    again = save_article(connect(tmp_path / "b.db"), article, extraction, version="1", config_hash="c")
    assert first.ids == again.ids == assign_ids(article.id, copy.deepcopy(extraction))
    assert first.ids.events == ("a1:e0",) and first.ids.actors == ("a1:a0", "a1:a1")
    conn = connect(tmp_path / "a.db")
    unchanged = save_article(conn, article, extraction, version="1", config_hash="c")
    assert unchanged.status == "unchanged" and unchanged.ids == first.ids


def test_the_returned_ids_are_the_stored_ones(conn):
    article, extraction = make_article()
    extraction.quotes[0].speaker = Actor("officials", "officials", 21, 30, anonymous=True)  # only here
    ids = save_article(conn, article, extraction, version="1", config_hash="c").ids
    for table in ("actors", "places", "times", "events", "counts", "quotes"):
        stored = [r[0] for r in conn.execute(f"SELECT id FROM {table} ORDER BY rowid")]
        assert tuple(stored) == getattr(ids, table), table
    assert len(ids.actors) == 3 and len(ids.events) == len(ids.places) == len(ids.quotes) == 1
    ev = conn.execute("SELECT * FROM events").fetchone()
    assert (ev["source_actor_id"], ev["target_actor_id"], ev["place_id"]) == (*ids.actors[:2], ids.places[0])
    quote = conn.execute("SELECT speaker_actor_id FROM quotes").fetchone()[0]
    assert quote == ids.actors[2]


def test_links_follow_values_not_objects(conn):
    """An event holding copies of the listed records links to their rows (as after a JSON round trip)."""
    article, extraction = make_article()
    event = extraction.events[0]
    event.source, event.location = copy.copy(event.source), copy.copy(event.location)
    extra = Place("Gaza", "Gaza", 40, 44, country="PSE")
    extraction.events.append(dataclasses.replace(event, location=extra))
    extraction.events.append(dataclasses.replace(event, location=copy.copy(extra)))
    ids = save_article(conn, article, extraction, version="1", config_hash="c").ids
    assert ids.actors == ("a1:a0", "a1:a1") and ids.places == ("a1:p0", "a1:e1p0")
    rows = conn.execute("SELECT source_actor_id, place_id FROM events ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("a1:a0", "a1:p0"), ("a1:a0", "a1:e1p0"), ("a1:a0", "a1:e1p0")]


def test_transaction_rolls_back(conn):
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO ingest_log (source, status, at) VALUES ('x', 'stored', 'now')")
        raise RuntimeError
    assert conn.execute("SELECT COUNT(*) FROM ingest_log").fetchone()[0] == 0


def test_fulltext_index_follows_deletes(conn):
    article, extraction = make_article()
    save_article(conn, article, extraction, version="1", config_hash="c")
    assert (
        conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'attacked'").fetchone()[0]
        == 1
    )
    conn.execute("DELETE FROM articles")
    assert (
        conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'attacked'").fetchone()[0]
        == 0
    )


def test_read_only_connections_refuse_writes_and_non_databases(tmp_path):
    path = tmp_path / "x.db"
    connect(path).close()
    ro = connect(path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("INSERT INTO ingest_log (source, status, at) VALUES ('x', 'stored', 'now')")
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    with pytest.raises(StoreError):
        connect(junk, readonly=True)
    with pytest.raises(StoreError):
        connect(tmp_path / "absent.db", readonly=True)


def test_week_dates_are_stored_as_their_monday_so_they_sort_and_filter(conn):
    from eventwire.models import TimeRef
    from eventwire.store.writer import sortable_date

    assert sortable_date("2025-W40") == "2025-09-29"
    assert sortable_date("2025-03") == "2025-03" and sortable_date("2024-04-13") == "2024-04-13"
    assert sortable_date("2025-W99") == "2025-W99"  # not a real week: left as written
    article, extraction = make_article()
    extraction.events[0].date = TimeRef("last week", 0, 9, value="2025-W40", precision="week", resolved=True)
    save_article(conn, article, extraction, version="1", config_hash="c")
    row = conn.execute("SELECT date, date_precision, date_text FROM events").fetchone()
    assert tuple(row) == ("2025-09-29", "week", "last week")
