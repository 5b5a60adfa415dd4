"""Batch mode: Dask workers write Parquet shards; ``load`` makes the same database as ``ingest``."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytest.importorskip("dask.distributed")
pq = pytest.importorskip("pyarrow.parquet")

from eventwire.batch import load_shards, run_batch  # noqa: E402
from eventwire.batch.serialize import dumps, loads  # noqa: E402
from eventwire.models import Actor, Count, Event, Evidence, Extraction, Place  # noqa: E402
from eventwire.options import Options  # noqa: E402
from eventwire.pipeline.ingest import ingest_paths  # noqa: E402
from eventwire.store import connect, save_article  # noqa: E402
from eventwire.store.rows import TABLES as STORE_TABLES  # noqa: E402
from test_resume import article  # noqa: E402

# Columns whose values are times of writing, not results.
TIMESTAMPS = {"ingested_at", "at"}
TABLES = (*STORE_TABLES, "ingest_log")


def dump_tables(db) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in TIMESTAMPS]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[table] = conn.execute(f"SELECT {quoted} FROM {table} ORDER BY {quoted}").fetchall()
    conn.close()
    return out


def test_serialisation_keeps_shared_objects_shared():
    actor = Actor(text="Russian forces", name="Russia", start=0, end=14, country="RUS", sector="MIL")
    place = Place(text="Kharkiv", name="Kharkiv", start=30, end=37, country="UKR", lat=49.99, lon=36.23)
    count = Count(value=3.0, start=40, end=45, text="three", category="dead")
    ev = Event(
        type="ASSAULT",
        trigger="struck",
        evidence=Evidence(15, 21, 0, 60),
        source=actor,
        location=place,
        counts=[count],
    )
    ex = Extraction(
        actors=[actor],
        places=[place],
        counts=[count],
        events=[ev, Event(type="ASSAULT", trigger="shelled", evidence=Evidence(1, 2, 0, 3), source=actor)],
    )
    back = loads(dumps(ex))
    assert back == ex
    assert back.events[0].source is back.actors[0] and back.events[1].source is back.actors[0]
    assert back.events[0].location is back.places[0] and back.events[0].counts[0] is back.counts[0]
    # and so the writer stores one actor, not three
    conn = connect(":memory:")
    from eventwire.models import Article

    save_article(conn, Article(id="a1", text="x" * 80), back, version="v", config_hash="h")
    assert conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == 1


@pytest.mark.slow
def test_batch_then_load_equals_single_process_ingest(tmp_path):
    path = tmp_path / "stories.jsonl"
    lines = [json.dumps(article(i)) for i in range(9)] + ["{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = Options(batch_size=4)

    ingest_db = tmp_path / "ingest.db"
    ingest_paths(connect(ingest_db), [str(path)], options=options)

    out = tmp_path / "shards"
    started = []
    report = run_batch(
        [str(path)],
        out,
        options=options,
        workers=2,
        partition_size=3,
        on_start=lambda link, n: started.append(n),
    )
    assert started == [2]
    assert (report.partitions, report.articles, report.failed) == (4, 9, 1)

    # flat tables are plain Parquet datasets with the store's columns
    events = pq.read_table(out / "events").to_pylist()
    assert {e["article_id"] for e in events} <= {r["id"] for r in pq.read_table(out / "articles").to_pylist()}
    assert len(pq.read_table(out / "articles")) == 9

    batch_db = tmp_path / "batch.db"
    loaded = load_shards(connect(batch_db), out)
    assert len(loaded.stored) == 9 and len(loaded.failed) == 1 and loaded.failed[0].line == 10
    assert dump_tables(batch_db) == dump_tables(ingest_db)

    again = load_shards(connect(batch_db), out)  # idempotent
    assert len(again.unchanged) == 9 and again.stored == []

    # the same command into the same directory reuses every complete partition
    rerun = run_batch([str(path)], out, options=options, workers=1, partition_size=3)
    assert rerun.reused == 4 and rerun.articles == 0
