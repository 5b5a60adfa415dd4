"""The dashboard's query layer (query/explore.py) and pages without a browser: facet counts equal the
rows a filter then lists, the timeline adapts its bins, country-level events are areas not points,
event and actor pages, downloads equal `eventwire export`, and the serve package's import graph."""

from __future__ import annotations

import ast
import csv
import dataclasses
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest_browser import fixture_db

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.query import EventFilter, count_events  # noqa: E402
from eventwire.query import explore as x  # noqa: E402
from eventwire.query.canonical import count_canonical_events  # noqa: E402
from eventwire.query.export import export  # noqa: E402
from eventwire.serve import create_app  # noqa: E402
from eventwire.store import connect  # noqa: E402

SERVE = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "serve"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from eventwire.cluster.incremental import update_clustering

    path = fixture_db(tmp_path_factory.mktemp("dash") / "fixture.db")
    conn = connect(path)
    # The fixture places: Kharkiv as a city; Ukraine known only as a country (a second report).
    conn.execute(
        'INSERT INTO places (id, article_id, text, name, country, lat, lon, kind, precision, start, "end",'
        " eventwire_version, config_hash) VALUES ('sanctions03:pc', 'sanctions03', 'Russia', 'Russia', 'RUS',"
        " 61.5, 105.3, 'country', 'country', 0, 1, 'test', 'testhash')"
    )
    conn.execute(
        "UPDATE events SET place_id = 'sanctions03:pc', place_name = 'Russia', place_country = 'RUS',"
        " lat = 61.5,"
        " lon = 105.3 WHERE id = 'sanctions03:e0'"
    )
    conn.commit()
    update_clustering(conn)
    conn.close()
    return path


@pytest.fixture
def conn(db):
    c = connect(db, readonly=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


# --- filters and facets ---------------------------------------------------------------------------


def test_facet_filters(conn):
    assert count_events(conn, EventFilter(modes=["missile"])) == 1
    assert count_events(conn, EventFilter(source_countries=["ken"])) == 2
    assert count_events(conn, EventFilter(target_countries=["RUS"])) == 1
    assert count_events(conn, EventFilter(actor_names=["Russia"])) == 2  # as source and as target
    assert count_events(conn, EventFilter(outlets=["Example Wire", "East African Ledger"])) == 3
    assert count_events(conn, EventFilter(places=["Nairobi"])) == 2
    assert count_events(conn, EventFilter(dated="day")) == 4
    assert count_events(conn, EventFilter(dated="partial")) == 1  # "next month": 2024-05
    assert count_events(conn, EventFilter(dated="none")) == 0
    with pytest.raises(Exception, match="dated"):
        EventFilter(dated="sometimes").validate()


@pytest.mark.parametrize("canonical", [True, False])
def test_every_facet_count_is_what_the_filter_then_lists(conn, canonical):
    base = EventFilter()
    counter = count_canonical_events if canonical else count_events
    for facet in x.facets(conn, base, canonical):
        attr = x.FACET_BY_NAME[facet["name"]].attr
        assert facet["values"], facet["name"]
        for value in facet["values"]:
            f = dataclasses.replace(base, **{attr: [value["value"]]})
            assert counter(conn, f) == value["count"], (facet["name"], value)


def test_facets_of_one_field_are_alternatives(conn):
    f = EventFilter(types=["COERCE"])
    facets = {facet["name"]: facet for facet in x.facets(conn, f, True)}
    types = {v["value"]: v for v in facets["type"]["values"]}
    assert types["COERCE"]["selected"] and types["ASSAULT"]["count"] == 1  # still offered, to add
    assert {v["value"] for v in facets["outlet"]["values"]} == {"East African Ledger", "<b>Outlet</b>"}


def test_totals_follow_the_filter(conn):
    all_ = x.totals(conn, EventFilter(), True)
    assert all_["events"] == count_canonical_events(conn, EventFilter()) and all_["reports"] == 5
    one = x.totals(conn, EventFilter(types=["ASSAULT"]), False)
    assert (one["events"], one["articles"], one["outlets"], one["first"]) == (1, 1, 1, "2024-04-14")


# --- timeline ---------------------------------------------------------------------------------------


def test_bins_adapt_to_the_span():
    assert [x.bin_unit(n) for n in (1, 92, 93, 550, 551, 5000, 9000)] == [
        "day",
        "day",
        "week",
        "week",
        "month",
        "month",
        "year",
    ]
    start = date(2024, 1, 1)
    rows = [(start + timedelta(days=i), "ASSAULT", i) for i in range(0, 300, 3)]
    out = x.bin_series(rows, None, None, ["ASSAULT"])
    assert out["unit"] == "week" and out["bins"][0]["start"] == "2024-01-01"
    assert sum(b["total"] for b in out["bins"]) == 100
    # A brushed range: bins inside it only, the last one cut at its end.
    out = x.bin_series(rows, "2024-03-01", "2024-03-10", ["ASSAULT"])
    assert out["unit"] == "day" and len(out["bins"]) == 10 and out["bins"][-1]["end"] == "2024-03-10"
    # A few outliers decades away do not stretch the axis; they are counted off it.
    rows += [(date(1947, 6, 1), "ASSAULT", "old"), (date(2060, 1, 1), "ASSAULT", "far")]
    out = x.bin_series(rows, None, None, ["ASSAULT"])
    assert out["unit"] == "week" and (out["before"], out["after"]) == (1, 1)


def test_timeline_counts_partial_and_undated(conn):
    t = x.timeline(conn, EventFilter(), False)
    assert t["unit"] == "day" and t["partial"] == 1 and t["undated"] == 0
    assert sum(b["total"] for b in t["bins"]) == 4
    assert t["types"] == ["PROTEST", "COERCE", "ASSAULT"]  # PLOVER order


# --- map --------------------------------------------------------------------------------------------


def test_country_level_events_are_areas_not_points(conn):
    layers = x.map_layers(conn, EventFilter(), True)
    names = {p["name"] for p in layers["points"]}
    assert names == {"Kharkiv", "Nairobi", "Lagos"}
    (area,) = layers["areas"]
    assert (area["country"], area["iso_n3"], area["events"]) == ("RUS", "643", 1)
    assert area["places"] == [{"name": "Russia", "precision": "country", "events": 1}]
    nairobi = next(p for p in layers["points"] if p["name"] == "Nairobi")
    assert nairobi["events"] == 2 and nairobi["by_type"] == {"COERCE": 1, "PROTEST": 1}
    assert layers["unplaced"] == 0 and layers["not_geocoded"] == 0
    reports = x.map_layers(conn, EventFilter(types=["SANCTION"]), False)
    assert (reports["points"], reports["areas"][0]["events"], reports["unit"]) == ([], 1, "reports")


# --- event and actor pages ----------------------------------------------------------------------------


def test_event_detail(conn):
    detail = x.event_detail(conn, "kharkiv01:e0")  # a report's id finds its canonical event
    event, (report,) = detail["event"], detail["reports"]
    assert event["id"].startswith("ev-") and event["type"] == "ASSAULT" and event["reports"] == 1
    assert event["reconciled"] == {"dead": 12} and event["modes"] == ["missile"]
    assert event["outlets"] == [{"outlet": "Example Wire", "reports": 1, "articles": 1, "duplicates": 0}]
    ctx = report["context"]
    assert ctx["trigger"] == "fired" and ctx["sentence_before"] == "Russian forces "
    assert ctx["sentence_after"].startswith(" missiles at Kharkiv") and ctx["before"] == ""
    assert x.event_detail(conn, event["id"])["event"]["id"] == event["id"]
    with pytest.raises(Exception, match="no event"):
        x.event_detail(conn, "nope")


def test_actor_profile(conn):
    a = x.actor_profile(conn, "Russia", canonical=False)
    assert (a["as_source"], a["as_target"], a["events"]) == (1, 1, 2)
    assert {al["alias"] for al in a["aliases"]} == {"Russian forces", "Russia"}
    assert [(c["country"], c["sector"]) for c in a["codes"]] == [("RUS", None), ("RUS", "MIL")]
    assert [p["name"] for p in a["counterparts"]["targets"]] == ["Ukraine"]
    assert [p["name"] for p in a["counterparts"]["sources"]] == ["European Union"]
    assert {b["label"] for b in a["timeline"]["bins"] if b["total"]} == {"2024-04-14"}
    with pytest.raises(Exception, match="no actor"):
        x.actor_profile(conn, "Atlantis")


# --- pages and downloads ---------------------------------------------------------------------------------


def test_pages_render(client):
    for url in (
        "/",
        "/?view=reports",
        "/?type=COERCE&type=ASSAULT&place=Nairobi&dated=day",
        "/map",
        "/map?outlet=Example+Wire",
        "/actors",
        "/actors/Russia",
        "/actors/Kenyan%20police?since=2024-01-01",
        "/articles",
    ):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:500])
        assert "<script>" not in r.text  # data blocks and files only: a strict CSP holds
    page = client.get("/?type=COERCE").text
    assert 'href="/?type=COERCE&amp;type=ASSAULT"' in page  # a facet value adds itself
    assert 'href="/"' in page  # ... and the selected one removes itself
    r = client.get("/events/kharkiv01:e0", follow_redirects=False)  # a report: its event's page
    assert r.status_code == 307 and r.headers["location"].startswith("/events/ev-")
    assert r.headers["location"].endswith("#report-kharkiv01:e0")
    assert "Russian forces" in client.get(r.headers["location"]).text
    assert client.get("/actors/Atlantis").status_code == 404
    assert client.get("/events/nope").status_code == 404
    assert client.get("/?dated=soon").status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "geojson", "plover-jsonl", "acled-csv"])
@pytest.mark.parametrize("view", ["events", "reports"])
def test_download_is_the_export(client, conn, fmt, view):
    f = EventFilter(types=["COERCE", "PROTEST"], outlets=["East African Ledger"])
    r = client.get(f"/download/{fmt}?type=COERCE,PROTEST&outlet=East+African+Ledger&view={view}")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    expected = io.StringIO()
    export(conn, fmt, expected, f, mentions=view == "reports")
    if fmt == "plover-jsonl":  # coded_date is the time of export
        strip = lambda text: [{**json.loads(line), "coded_date": None} for line in text.splitlines()]  # noqa: E731
        assert strip(r.text) == strip(expected.getvalue())
    else:
        assert r.text == expected.getvalue()


def test_download_json_and_errors(client):
    records = client.get("/download/json?type=ASSAULT").json()
    assert [r["type"] for r in records] == ["ASSAULT"] and records[0]["sentence"].startswith("Russian")
    rows = list(csv.DictReader(io.StringIO(client.get("/download/csv?view=reports").text)))
    assert len(rows) == 5
    assert client.get("/download/xlsx").status_code == 404
    assert client.get("/download/csv?type=NOPE").status_code == 400


def test_import_graph_is_one_way():
    """app imports api and pages; api, pages and deps import query/ (and deps), never app."""
    for name in ("api.py", "pages.py", "deps.py", "highlight.py", "writer.py"):
        tree = ast.parse((SERVE / name).read_text(encoding="utf-8"))
        imported = {
            node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert "app" not in imported and "eventwire.serve.app" not in imported, name
