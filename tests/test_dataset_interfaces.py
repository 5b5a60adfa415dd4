"""One event counted once, in every interface: the CLI, the REST API, the dashboard, every export
format and the Python API list the same canonical events (and, asked for mentions, the same reports)."""

from __future__ import annotations

import csv
import json

import pytest

import eventwire
from eventwire.cli.main import main
from eventwire.query.acled import acled_types

pytest.importorskip("fastapi")
pyarrow_parquet = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    """The bundled samples, ingested as `eventwire ingest` does (clustering runs after the ingest)."""
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents
    from eventwire.store import connect

    path = tmp_path_factory.mktemp("interfaces") / "demo.db"
    conn = connect(path)
    ingest_items(conn, sample_documents(), options=Options())
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(sample_db):
    from fastapi.testclient import TestClient

    from eventwire.serve.app import create_app

    return TestClient(create_app(str(sample_db)))


def cli_json(capsys, *args: str) -> list[dict]:
    assert main([*args]) == 0
    return json.loads(capsys.readouterr().out)


def exported(capsys, tmp_path, db, fmt: str, *args: str) -> int:
    """How many records `eventwire export -f FMT` writes (read back from the file)."""
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "-f", fmt, "--db", str(db), "-o", str(out), *args]) == 0
    capsys.readouterr()
    if fmt == "parquet":
        return pyarrow_parquet.read_table(out).num_rows
    text = out.read_text(encoding="utf-8")
    if fmt == "plover-jsonl":
        return len(text.splitlines())
    if fmt == "geojson":
        return len(json.loads(text)["features"])
    return len(list(csv.DictReader(text.splitlines())))


@pytest.mark.parametrize("filters", [[], ["--type", "ASSAULT"], ["--date-precision", "story"]])
def test_every_interface_lists_the_same_canonical_events(sample_db, client, capsys, tmp_path, filters):
    api_params = [
        (k.lstrip("-").replace("-", "_"), v) for k, v in zip(filters[::2], filters[1::2], strict=True)
    ]
    python_filters = dict(api_params)

    events = eventwire.open(sample_db).events(**python_filters).to_list()
    n = len(events)
    assert n > 0 and eventwire.open(sample_db).events().kind == "events"

    cli = cli_json(capsys, "events", "--db", str(sample_db), "--json", "-n", "100000", *filters)
    assert len(cli) == n and {r["id"] for r in cli} == {e["id"] for e in events}

    api = client.get("/api/events", params=[*api_params, ("limit", "1000")]).json()
    assert api["kind"] == "events" and api["total"] == len(api["data"]) == n
    assert {r["id"] for r in api["data"]} == {e["id"] for e in events}

    page = client.get("/", params=[*api_params, ("limit", "1000")]).text
    assert f'id="event-total">{n} match' in page

    for fmt in ("plover-jsonl", "csv", "parquet"):
        assert exported(capsys, tmp_path, sample_db, fmt, *filters) == n, fmt
    # GeoJSON holds the events that have coordinates, the ACLED preset the types ACLED codes.
    located = sum(e["lat"] is not None and e["lon"] is not None for e in events)
    assert exported(capsys, tmp_path, sample_db, "geojson", *filters) == located
    material = sum(acled_types({"type": e["type"], "mode": []}) is not None for e in events)
    assert exported(capsys, tmp_path, sample_db, "acled-csv", *filters) == material


def test_reports_are_counted_once_everywhere_with_mentions(sample_db, client, capsys, tmp_path):
    from eventwire.store import connect

    total = connect(sample_db, readonly=True).execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert len(eventwire.open(sample_db).mentions().to_list()) == total
    assert (
        len(cli_json(capsys, "events", "--db", str(sample_db), "--json", "-n", "100000", "--mentions"))
        == total
    )
    api = client.get("/api/events", params={"mentions": "true", "limit": 1000}).json()
    assert api["kind"] == "mentions" and api["total"] == len(api["data"]) == total
    for fmt in ("plover-jsonl", "csv", "parquet"):
        assert exported(capsys, tmp_path, sample_db, fmt, "--mentions") == total, fmt
    events = eventwire.open(sample_db).events().to_list()
    assert sum(e["mentions"] for e in events) == total  # each report belongs to exactly one event


def test_api_events_carry_reports_sources_and_links_to_their_mentions(client):
    data = client.get("/api/events", params={"sort": "-mentions", "limit": 5}).json()["data"]
    top = data[0]
    assert top["reports"] > 1 and 1 <= top["sources"] <= top["reports"]
    assert len(top["links"]["mentions"]) == top["reports"] == len(top["report_ids"])
    one = client.get(top["links"]["self"]).json()["data"]
    assert one["id"] == top["id"] and len(one["mentions_list"]) == top["reports"]
    report = client.get(top["links"]["mentions"][0]).json()["data"]
    assert report["id"] in top["report_ids"] and report["links"]["event"] == top["links"]["self"]
    assert client.get(top["links"]["article"]).status_code == 200
    mentions = client.get("/api/events", params={"mentions": "true", "limit": 3}).json()["data"]
    assert all(m["links"]["event"].startswith("/api/events/ev-") for m in mentions)


def test_an_actor_page_keyed_by_canonical_id_gathers_every_name(sample_db, client):
    """The actors list names canonical actors ("civilians (Ukraine)", "Russia"); their pages are keyed
    by canonical id and gather the events of every mention, whatever name it was written as."""
    from eventwire.query import explore
    from eventwire.store import connect

    conn = connect(sample_db, readonly=True)
    actors = eventwire.query.list_actors(conn, limit=200)
    groups = [a for a in actors if a["canonical_id"].startswith("g:") and a["country"] and a["sector"]]
    assert groups, "the samples have groups of one country and sector"
    listing = client.get("/actors").text
    for actor in [next(a for a in actors if a["canonical_id"] == "c:RUS"), groups[0]]:
        assert f'href="/actors/{actor["canonical_id"]}"' in listing
        profile = explore.actor_profile(conn, actor["canonical_id"], canonical=False)
        assert profile["id"] == actor["canonical_id"] and profile["name"] == actor["name"]
        expected = conn.execute(
            "SELECT COUNT(*) FROM events e WHERE e.source_actor_id IN (SELECT id FROM actors WHERE"
            " canonical_id = ?) OR e.target_actor_id IN (SELECT id FROM actors WHERE canonical_id = ?)",
            (actor["canonical_id"], actor["canonical_id"]),
        ).fetchone()[0]
        assert expected > 0 and profile["events"] == expected
        written = {a["alias"] for a in profile["aliases"]}
        assert written == set(actor["aliases"].split(","))
        page = client.get(f"/actors/{actor['canonical_id']}")
        assert page.status_code == 200 and actor["name"] in page.text
    conn.close()
