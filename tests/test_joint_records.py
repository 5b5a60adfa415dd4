"""A joint act's two sides (``Event.joint``): eventwire's events put one side in the source and the
other in the target (the annotation guide), while PLOVER records list both as sources with no
recipient. The flag is set by the coder, stored, read back, and read by the PLOVER export and the
PLOVER scorer, so each gold set is scored in its own convention. Sentences of our own."""

from __future__ import annotations

import json
import sqlite3

from event_helpers import events_of
from eventwire.eval.plover import predicted_codes
from eventwire.query.plover import plover_record
from test_coactors import _extraction


def _first(text: str, event_type: str):
    found = [e for e in events_of(text) if e.type == event_type]
    assert found, f"no {event_type} event in {text!r}"
    return found[0]


def test_the_coder_flags_a_pair_that_agrees_as_a_joint_act():
    event = _first("Peru and Chile agreed on Tuesday to reopen their shared border.", "AGREE")
    assert (event.source.country, event.target.country, event.joint) == ("PER", "CHL", True)


def test_a_deal_with_a_named_partner_is_no_joint_act():  # counterpart: the partner is the target
    event = _first("Peru signed a trade deal with Bolivia on Monday.", "AGREE")
    assert (event.target.country, event.joint) == ("BOL", False)


def test_the_plover_scorer_reads_a_joint_act_as_two_sources():
    event = _first("Peru and Chile agreed on Tuesday to reopen their shared border.", "AGREE")
    assert predicted_codes(event, "source") == {"PER", "CHL"}
    assert predicted_codes(event, "target") == set()
    event.joint = False  # the same event read as one-sided keeps its target
    assert predicted_codes(event, "target") == {"CHL"}


def _mention(joint: bool) -> dict:
    return {
        "id": "e1",
        "type": "AGREE",
        "trigger": "agreed",
        "modality": "asserted",
        "source_name": "Peru",
        "source_country": "PER",
        "target_name": "Chile",
        "target_country": "CHL",
        "joint": joint,
    }


def test_the_plover_export_lists_a_joint_acts_sides_as_sources():
    record = plover_record(_mention(True))
    assert [a["code"] for a in record["source"]] == ["PER", "CHL"] and record["recipient"] == []
    plain = plover_record(_mention(False))
    assert [a["code"] for a in plain["source"]] == ["PER"]
    assert [a["code"] for a in plain["recipient"]] == ["CHL"]


def test_the_flag_is_stored_and_read_back(conn):
    from eventwire.query.records import list_events
    from eventwire.store import save_article

    article, extraction = _extraction()
    extraction.events[0].joint = True
    save_article(conn, article, extraction, version="1", config_hash="c")
    [event] = list_events(conn)
    assert event["joint"] is True
    extraction.events[0].joint = False
    save_article(conn, article, extraction, version="1", config_hash="d")
    assert list_events(conn)[0]["joint"] is False


def test_the_migration_adds_the_flag_to_an_existing_store(tmp_path):
    from eventwire.store import connect
    from eventwire.store.db import _run_script
    from eventwire.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in [m for m in MIGRATIONS if m[0] < "010"]:  # a store made before the flag
        _run_script(raw, sql)
        raw.execute("INSERT INTO _migrations VALUES (?, '2026-01-01')", (name,))
    raw.commit()
    raw.close()
    conn = connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    assert "joint" in columns


def test_a_joint_act_stays_joint_through_ingest_and_canonical_events(tmp_path):
    from eventwire.models import RawDocument
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.query.dataset import list_dataset_events
    from eventwire.query.export import write_plover_jsonl
    from eventwire.store import connect

    text = (
        "LIMA — Peru and Chile agreed on Tuesday to reopen their shared border after months of "
        "talks. The two governments said trade would resume next week. Officials in both capitals "
        "welcomed the decision, and traders lined up at the crossing on Wednesday."
    )
    conn = connect(tmp_path / "j.db")
    ingest_items(
        conn, [RawDocument(source="j1", format="text", content=text)], options=Options(min_confidence=0.0)
    )
    kind, events = list_dataset_events(conn)
    agreed = [e for e in events if e["type"] == "AGREE" and e["trigger"].startswith("agree")]
    assert kind == "events" and agreed and agreed[0]["joint"] is True, (kind, events)
    import io

    out = io.StringIO()
    write_plover_jsonl(agreed, out)
    record = json.loads(out.getvalue().splitlines()[0])
    assert {a["code"] for a in record["source"]} == {"PER", "CHL"} and record["recipient"] == []


def test_a_store_made_before_the_flag_is_read_without_it(tmp_path):
    # a store opened read-only is not migrated: its events are listed, none of them joint
    from eventwire.query.records import list_events
    from eventwire.store import connect, save_article

    path = tmp_path / "old.db"
    writer = connect(path)
    article, extraction = _extraction()
    save_article(writer, article, extraction, version="1", config_hash="c")
    writer.close()
    raw = sqlite3.connect(path)  # the store as it was before migration 010
    raw.execute("ALTER TABLE events DROP COLUMN joint")
    raw.execute("DELETE FROM _migrations WHERE name = '010_event_joint'")
    raw.commit()
    raw.close()
    old = connect(path, readonly=True)
    assert "joint" not in {r[1] for r in old.execute("PRAGMA table_info(events)")}
    assert [(e["type"], e["joint"]) for e in list_events(old)] == [("ASSAULT", False)]


def test_csv_and_parquet_rows_carry_the_flag():
    from eventwire.query.export import CSV_COLUMNS, _parquet_row, csv_row

    mention = _mention(True) | {"mode": [], "attribution_anonymous": None}
    assert "joint" in CSV_COLUMNS and csv_row(mention)["joint"] is True
    assert _parquet_row(mention)["joint"] is True
    assert csv_row(_mention(False) | {"mode": [], "attribution_anonymous": None})["joint"] is False
