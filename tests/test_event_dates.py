"""Every event has a date and a precision: its own when the text gives one that can date it, else the
story's publication date (precision ``story``); nothing asserted is dated after its story or by a
target year; the precision is a filter in every interface (one parser)."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import StoreError
from eventwire.pipeline import process_text
from eventwire.query.records import EventFilter, parse_date_precisions

PUBLISHED = "2025-04-16"


def events_of(text: str, published: str | None = PUBLISHED) -> dict[str, object]:
    return {e.trigger: e for e in process_text(text, published=published).extraction.events}


def test_an_event_without_a_date_of_its_own_gets_the_story_date():
    events = events_of("Protesters marched in Nairobi against the finance bill, police said.")
    marched = events["marched"]
    assert (marched.date.value, marched.date.precision, marched.date.text) == (PUBLISHED, "story", "")


def test_a_date_in_the_text_keeps_its_own_precision():
    events = events_of("Russian missiles hit Kharkiv on Saturday, killing 12 people.")
    assert (events["hit"].date.value, events["hit"].date.precision) == ("2025-04-12", "day")


def test_an_asserted_event_is_never_dated_after_its_story():
    events = events_of("Police arrested 45 people on 2 May 2026.")
    assert (events["arrested"].date.value, events["arrested"].date.precision) == (PUBLISHED, "story")


def test_a_future_event_may_be_dated_after_its_story():
    events = events_of("Protesters marched in Nairobi. The ministers will meet in Brasilia on Friday.")
    meet = events["meet"]
    assert meet.modality == "future" and (meet.date.value, meet.date.precision) == ("2025-04-18", "day")


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The European Union pledged to become climate neutral by 2050, officials said.", "pledged"),
        ("Germany agreed to cut coal emissions until 2030, the minister said.", "agreed"),
    ],
)
def test_a_target_year_is_never_an_asserted_events_date(text, trigger):
    event = events_of(text)[trigger]
    assert event.modality == "asserted"
    assert (event.date.value, event.date.precision) == (PUBLISHED, "story")


def test_a_past_target_year_is_not_the_date_either_but_a_past_year_is():
    events = events_of(
        "Kenya promised to withdraw its troops by 2020. The government signed the agreement in 2019.",
        published="2025-04-16",
    )
    assert events["promised"].date.value != "2020"
    signed = next(e for t, e in events.items() if t.startswith("signed"))
    assert (signed.date.value, signed.date.precision) == ("2019", "year")


def test_without_a_publication_date_an_undated_event_stays_undated():
    events = events_of("Protesters marched in Nairobi against the finance bill.", published=None)
    assert events["marched"].date is None


def test_one_parser_for_date_precision_filters():
    assert parse_date_precisions("day,story") == ["day", "story"]
    assert parse_date_precisions(["Day", "story", "day"]) == ["day", "story"]
    assert parse_date_precisions(None) == []
    with pytest.raises(StoreError, match="choose from day, week, month, year, story, unknown"):
        parse_date_precisions("daily")
    assert EventFilter(date_precision="story").validate().date_precision == ["story"]


# --- the store: canonical events and reports, in every interface ---------------------------------


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.store import connect

    path = tmp_path_factory.mktemp("dates") / "demo.db"
    conn = connect(path)
    ingest_items(conn, sample_documents(), options=Options())
    conn.close()
    return path


def test_every_canonical_event_and_report_of_the_demo_has_a_date_and_a_precision(sample_db):
    from eventwire.query.dataset import list_dataset_events
    from eventwire.store import connect

    conn = connect(sample_db, readonly=True)
    for mentions in (False, True):
        kind, rows = list_dataset_events(conn, EventFilter(limit=1000), mentions=mentions)
        assert kind == ("mentions" if mentions else "events") and rows
        assert [r["id"] for r in rows if not r["date"] or not r["date_precision"]] == []
        assert {r["date_precision"] for r in rows} <= {"day", "week", "month", "year", "story"}
        assert "story" in {r["date_precision"] for r in rows}
        for r in rows:  # the story date is the publication date; a day-precise date is a day
            if r["date_precision"] == "story":
                assert r["date"] == r["published"] or len(r["date"]) == 10
            if r["date_precision"] == "day":
                assert len(r["date"]) == 10
            if r["modality"] not in ("future", "hypothetical"):
                assert r["date"][:10] <= r["published"], r


def test_precision_filters_partition_the_events_in_cli_api_python_and_exports(sample_db, capsys):
    import eventwire
    from eventwire.cli.main import main
    from eventwire.query.export import export
    from eventwire.store import connect

    conn = connect(sample_db, readonly=True)
    total = len(eventwire.open(sample_db).events().to_list())
    by_precision = {}
    for precision in ("day", "week", "month", "year", "story", "unknown"):
        assert (
            main(["events", "--db", str(sample_db), "--date-precision", precision, "-n", "1000", "--json"])
            == 0
        )
        rows = json.loads(capsys.readouterr().out)
        assert {r["date_precision"] for r in rows} <= {precision}
        python = eventwire.open(sample_db).events(date_precision=precision).to_list()
        assert {r["date_precision"] for r in python} <= {precision}

        class Sink:
            def __init__(self):
                self.text = ""

            def write(self, s):
                self.text += s

        sink = Sink()
        exported = export(conn, "plover-jsonl", sink, EventFilter(date_precision=[precision]))
        assert len(rows) == len(python) == exported
        by_precision[precision] = len(rows)
    assert sum(by_precision.values()) == total and by_precision["story"] > 0 and by_precision["day"] > 0
    # the same date and precision for each event, whichever interface lists it
    assert main(["events", "--db", str(sample_db), "-n", "1000", "--json"]) == 0
    cli = {
        r["id"]: (r["date"], r["date_last"], r["date_precision"]) for r in json.loads(capsys.readouterr().out)
    }
    python = {
        r["id"]: (r["date"], r["date_last"], r["date_precision"]) for r in eventwire.open(sample_db).events()
    }
    assert cli == python and len(cli) == total
    assert (
        main(["events", "--db", str(sample_db), "--date-precision", "day,story", "-n", "1000", "--json"]) == 0
    )
    assert len(json.loads(capsys.readouterr().out)) == by_precision["day"] + by_precision["story"]
    assert main(["events", "--db", str(sample_db), "--date-precision", "daily"]) == 1
    assert "unknown date precision daily" in capsys.readouterr().err


def test_the_api_filters_by_date_precision(sample_db):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from eventwire.serve.app import create_app

    client = TestClient(create_app(str(sample_db)))
    story = client.get("/api/events", params={"date_precision": "story", "limit": 1000}).json()
    assert story["total"] > 0 and {e["date_precision"] for e in story["data"]} == {"story"}
    both = client.get("/api/events", params=[("date_precision", "day"), ("date_precision", "story")]).json()
    day = client.get("/api/events", params={"date_precision": "day"}).json()
    assert both["total"] == story["total"] + day["total"]
    assert client.get("/api/events", params={"date_precision": "daily"}).status_code == 400


def test_a_report_stored_undated_by_an_older_extractor_is_listed_with_the_story_date(tmp_path):
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.query.records import iter_events
    from eventwire.store import connect

    conn = connect(tmp_path / "old.db")
    ingest_items(conn, list(sample_documents())[:1], options=Options(cluster=False))
    conn.execute("UPDATE events SET date = NULL, date_precision = NULL WHERE date_precision = 'story'")
    conn.commit()
    rows = list(iter_events(conn, EventFilter(date_precision=["story"])))
    assert rows and all(r["date_precision"] == "story" and r["date"] == r["published"] for r in rows)
