"""Exports: field mapping of every format, filters, CLI behaviour, and that they stream."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest

from conftest_browser import bulk_events, demo_db, fixture_db
from eventwire.cli.main import main
from eventwire.query import EventFilter, count_events
from eventwire.query.export import (
    CSV_COLUMNS,
    QUOTE_COLUMNS,
    export,
    iter_export_events,
    write_plover_jsonl,
)
from eventwire.store import connect


@pytest.fixture
def db(tmp_path):
    return fixture_db(tmp_path / "fixture.db")


@pytest.fixture
def ro(db):
    conn = connect(db, readonly=True)
    yield conn
    conn.close()


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plover_jsonl_follows_the_manuals_record_format(ro):
    out = io.StringIO()
    assert export(ro, "plover-jsonl", out) == 5
    records = {r["id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    rec = records["kharkiv01:e0"]
    assert rec["event"] == ["ASSAULT"] and rec["date"] == "2024-04-14" and rec["mode"] == ["missile"]
    assert rec["source"] == [
        {"actor_text": "Russia", "entity_text": "Russia", "code": "RUS", "sector": "MIL"}
    ]
    assert rec["recipient"] == [
        {"actor_text": "Ukraine", "entity_text": "Ukraine", "code": "UKR", "sector": "GOV"}
    ]
    assert rec["event_loc"] == {
        "name": "Kharkiv",
        "latitude": 49.99,
        "longitude": 36.23,
        "cc3": "UKR",
        "country code": "UA",
    }
    assert rec["event_text"] == ["fired"] and rec["text"].startswith(
        "Russian forces fired missiles at Kharkiv"
    )
    assert rec["quad_code"] == 4 and rec["event_scale"] == -9.3 and rec["dead"] == 12
    assert rec["has_event"] is True and rec["context"] == []
    cite = rec["cite_info"]
    assert cite["url"] == "https://wire.example.org/kharkiv" and cite["publication"] == "Example Wire"
    assert (
        cite["title"] == "Missiles hit Kharkiv"
        and cite["citation"] == "kharkiv01"
        and cite["language"] == "en"
    )
    extra = rec["eventwire"]
    assert extra["modality"] == "asserted" and extra["attribution"]["speaker"] == "Ukrainian officials"
    assert [(c["category"], c["value"]) for c in extra["counts"]] == [("dead", 12.0)]
    assert extra["evidence"]["end"] - extra["evidence"]["start"] == len("fired")
    # A one-sided event has no recipient; an event without a place has no event_loc.
    assert records["nairobi02:e0"]["recipient"] == []
    assert records["sanctions03:e0"]["event_loc"] is None
    # Non-asserted events are kept, marked as the manual's special contexts, and not counted.
    future = records["sanctions03:e0"]
    assert future["context"] == ["future"] and future["has_event"] is False
    assert records["nairobi02:e1"]["context"] == ["alleged"]


def test_every_plover_record_validates_against_the_schema_written_from_the_manual(ro):
    jsonschema = pytest.importorskip("jsonschema")
    from eventwire.query.plover import plover_schema

    out = io.StringIO()
    export(ro, "plover-jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 5
    validator = jsonschema.Draft202012Validator(plover_schema())
    for record in records:
        validator.validate(record)
    broken = dict(records[0], event="ASSAULT")  # a string where the manual wants a list
    assert not validator.is_valid(broken)


def test_asserted_only_drops_what_did_not_happen(ro):
    out = io.StringIO()
    n = export(ro, "plover-jsonl", out, asserted_only=True)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(records) == 3 and all(r["has_event"] for r in records)


def test_acled_csv_maps_types_and_leaves_out_verbal_events(ro):
    from eventwire.query.acled import ACLED_COLUMNS

    out = io.StringIO()
    n = export(ro, "acled-csv", out)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert n == len(rows) > 0 and tuple(next(iter(rows.values())).keys()) == ACLED_COLUMNS
    kharkiv = rows["kharkiv01:e0"]
    assert (kharkiv["event_type"], kharkiv["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert (
        kharkiv["fatalities"] == "12" and kharkiv["country"] == "Ukraine" and kharkiv["time_precision"] == "1"
    )


def test_csv_is_flat_with_count_columns(ro):
    out = io.StringIO()
    export(ro, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert by_id["kharkiv01:e0"]["dead"] == "12" and by_id["kharkiv01:e0"]["mode"] == "missile"
    assert by_id["nairobi02:e1"]["arrested"] == "45" and by_id["nairobi02:e1"]["modality"] == "alleged"
    assert by_id["nairobi02:e0"]["size"] == "1000" and by_id["nairobi02:e0"]["dead"] == ""
    assert "vague" in by_id["nairobi02:e0"]["counts"]
    # The XSS payload is data: exported verbatim (CSV consumers must escape it themselves).
    assert "<script>alert(1)</script>" in by_id["xss04:e0"]["sentence"]


def test_filters_apply_to_exports(ro):
    out = io.StringIO()
    n = export(ro, "csv", out, EventFilter(types=["COERCE"], since="2024-04-17"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == 1 and [r["id"] for r in rows] == ["xss04:e0"]


def test_geojson_has_only_geocoded_events_in_lon_lat_order(ro):
    out = io.StringIO()
    assert export(ro, "geojson", out) == 4  # the sanctions event has no place
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    kharkiv = next(f for f in data["features"] if f["id"] == "kharkiv01:e0")
    assert kharkiv["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}
    assert kharkiv["properties"]["type"] == "ASSAULT" and kharkiv["properties"]["dead"] == 12


def test_geojson_with_no_match_is_still_valid(ro):
    out = io.StringIO()
    assert export(ro, "geojson", out, EventFilter(types=["AID"])) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_quotes_csv(ro):
    out = io.StringIO()
    assert export(ro, "quotes-csv", out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == QUOTE_COLUMNS
    assert rows[0]["speaker_text"] == "the mayor" and rows[0]["text"] == "We will rebuild every home,"
    assert export(ro, "quotes-csv", io.StringIO(), EventFilter(text="nothing like this")) == 0


def test_parquet_is_typed_and_written_in_batches(tmp_path, ro):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    from eventwire.query.export import write_parquet

    bulk_events(connect(tmp_path / "fixture.db"), 2_500)
    path = tmp_path / "events.parquet"
    assert write_parquet(iter_export_events(ro), path, batch_size=1_000) == 2_505
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 2_505 and meta.num_row_groups == 3  # 1000 + 1000 + 505
    table = pq.read_table(path)
    assert table.schema.field("lat").type == pa.float64()
    assert table.schema.field("mode").type == pa.list_(pa.string())
    assert table.schema.field("attribution_anonymous").type == pa.bool_()
    row = table.filter(pa.compute.equal(table["id"], "kharkiv01:e0")).to_pylist()[0]
    assert row["dead"] == 12.0 and row["counts"][0]["category"] == "dead" and row["source_country"] == "RUS"


def test_writer_consumes_events_lazily():
    """Records are written as they arrive: a failure mid-stream leaves the earlier ones written."""
    base = {
        "id": "x",
        "date": None,
        "type": "AID",
        "mode": [],
        "source_name": None,
        "source_country": None,
        "source_sector": None,
        "target_name": None,
        "target_country": None,
        "target_sector": None,
        "place_name": None,
        "lat": None,
        "lon": None,
        "place_country": None,
        "sentence": "s",
        "trigger": "t",
        "url": None,
        "outlet": None,
        "article_id": "a",
        "published": None,
        "title": None,
        "date_precision": None,
        "modality": "asserted",
        "attribution_speaker": None,
        "attribution_anonymous": None,
        "attribution_via": None,
        "confidence": 0.5,
        "start": 0,
        "end": 1,
        "sentence_start": 0,
        "sentence_end": 1,
    }

    def events():
        for i in range(3):
            yield {**base, "id": f"e{i}"}
        raise RuntimeError("source broke")

    out = io.StringIO()
    with pytest.raises(RuntimeError):
        write_plover_jsonl(events(), out)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["e0", "e1", "e2"]


class _Sink(io.TextIOBase):
    """A write-only stream that keeps nothing but the byte count."""

    def __init__(self):
        self.size = 0

    def write(self, s: str) -> int:
        self.size += len(s)
        return len(s)


def _peak_export(path, fmt: str) -> tuple[int, int]:
    conn = connect(path, readonly=True)
    sink = _Sink()
    tracemalloc.start()
    try:
        export(conn, fmt, sink)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        conn.close()
    return peak, sink.size


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory):
    paths = []
    for name, n in (("small", 1_500), ("large", 9_000)):
        path = tmp_path_factory.mktemp("bulk") / f"{name}.db"
        conn = connect(path)
        bulk_events(conn, n)
        conn.close()
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def held_in_memory(small_and_large) -> int:
    """Control: peak memory of holding the *small* export's events in a list (what not to do)."""
    conn = connect(small_and_large[0], readonly=True)
    tracemalloc.start()
    try:
        held = list(iter_export_events(conn))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        conn.close()
    assert len(held) == 1_500
    return peak


@pytest.mark.parametrize("fmt", ["csv", "plover-jsonl", "geojson"])
def test_export_memory_does_not_grow_with_the_number_of_events(small_and_large, held_in_memory, fmt):
    small, large = small_and_large
    peak_small, _ = _peak_export(small, fmt)
    peak_large, size_large = _peak_export(large, fmt)
    assert size_large > 2_000_000  # the export really was big
    # 6x the events: peak memory stays flat (one chunk of events)...
    assert peak_large < 1.3 * peak_small + 100_000, (peak_small, peak_large)
    # ...and streaming 9,000 events takes less than holding 1,500 of them in a list.
    assert peak_large < held_in_memory / 2, (peak_large, held_in_memory)


def test_cli_writes_stdout_and_files(db, tmp_path, capsys):
    code, out, _ = run_cli(capsys, "-f", "csv", "--db", str(db), "--type", "ASSAULT,PROTEST")
    assert code == 0
    assert sorted(r["type"] for r in csv.DictReader(io.StringIO(out))) == ["ASSAULT", "PROTEST"]
    target = tmp_path / "out.jsonl"
    code, out, err = run_cli(
        capsys, "-f", "plover-jsonl", "--db", str(db), "--actor", "KEN", "-o", str(target)
    )
    assert code == 0 and out == "" and "wrote 2 event(s)" in err
    assert {json.loads(x)["event"][0] for x in target.read_text().splitlines()} == {"PROTEST", "COERCE"}


def test_cli_errors_are_one_line(db, capsys):
    code, _, err = run_cli(capsys, "-f", "parquet", "--db", str(db))
    assert code == 1 and "give an output file" in err
    code, _, err = run_cli(capsys, "-f", "xml", "--db", str(db))
    assert code == 1 and "unknown export format" in err
    code, _, err = run_cli(capsys, "-f", "csv", "--db", str(db), "--type", "NOPE")
    assert code == 1 and "unknown event type" in err


def test_demo_export_is_consistent_with_the_store(tmp_path, capsys):
    """End to end on the real pipeline; asserts only what holds whatever the extractors find."""
    path = demo_db()
    conn = connect(path, readonly=True)
    n_events = count_events(conn)
    n_quotes = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    texts = dict(conn.execute("SELECT id, text FROM articles"))

    n_canonical = conn.execute("SELECT COUNT(*) FROM event_clusters").fetchone()[0]
    code, out, _ = run_cli(capsys, "-f", "plover-jsonl", "--db", str(path))
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    # By default one record per real-world event, each naming its reports; together, every report.
    assert 0 < len(events) == n_canonical < n_events
    assert sum(e["eventwire"]["reports"] for e in events) == n_events
    assert len({r for e in events for r in e["eventwire"]["report_ids"]}) == n_events

    code, out, _ = run_cli(capsys, "-f", "plover-jsonl", "--mentions", "--db", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == n_events
    for rec in records:
        ev = rec["eventwire"]["evidence"]
        text = texts[rec["cite_info"]["citation"]]
        assert text[ev["sentence_start"] : ev["sentence_end"]] == rec["text"]
        assert text[ev["start"] : ev["end"]] == rec["event_text"][0]

    code, out, _ = run_cli(capsys, "-f", "quotes-csv", "--db", str(path))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == n_quotes > 0
    assert all(texts[r["article_id"]][int(r["start"]) : int(r["end"])] == r["text"] for r in rows)


def test_every_export_says_how_precise_the_events_place_is(tmp_path, capsys):
    """A region is exported as a region (not a city of the same name), with its precision."""
    story = tmp_path / "borno.txt"
    story.write_text(
        "MAIDUGURI, Nigeria — Gunmen attacked a village in Borno state, Nigeria, on Monday, killing "
        "nine people, police said.\nSoldiers later arrested two suspects in Maiduguri.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(story), "--db", db, "--published", "2024-05-06", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--db", db, "--mentions"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    precisions = {row["place_name"]: row["place_precision"] for row in rows if row["place_name"]}
    assert precisions, "no event carries a place"
    assert precisions.get("Borno") == "region" and rows[0]["place_country"] == "NGA"
    assert main(["export", "--format", "plover-jsonl", "--db", db, "--mentions"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    located = [r["event_loc"] for r in records if r.get("event_loc")]
    assert located and {loc["precision"] for loc in located} <= {"facility", "city", "region", "country"}
