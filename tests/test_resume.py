"""Resumable ingest: an interrupted run restarts where it stopped, nothing lost, nothing twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from eventwire.options import Options
from eventwire.pipeline.ingest import ingest_paths
from eventwire.store import connect

CITIES = [
    "Arlen",
    "Bexford",
    "Corrin",
    "Dunmore",
    "Elsby",
    "Fairholt",
    "Garrow",
    "Hensley",
    "Ilford",
    "Jarrow",
]
TEMPLATE = [
    "Police in {city} said on Tuesday that {n} people were arrested after protesters blocked the main road "
    "into the town centre for a {k}th day.",
    "The protesters, mostly farmers, are demanding lower fuel prices and the payment of subsidies that the "
    "regional government promised {k} months ago.",
    "A police spokesman said officers used tear gas when a group tried to break through a barrier near the "
    "town hall, and that {m} officers were lightly injured.",
    "Organisers said they would continue the blockade until the minister for agriculture agreed to meet "
    "them.",
]


def article(i: int) -> dict:
    city = CITIES[i % len(CITIES)]
    text = "\n".join(p.format(city=city, n=10 + i, k=2 + i % 7, m=1 + i % 5) for p in TEMPLATE)
    return {
        "id": f"story-{i:03d}",
        "title": f"Blockade in {city} ({i})",
        "published": "2024-05-02",
        "outlet": "Test Wire",
        "url": f"https://wire.example/{i}",
        "text": text,
    }


def write_jsonl(path, n: int) -> None:
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(n)), encoding="utf-8")


def article_ids(db) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    finally:
        conn.close()


class Interrupt(Exception):
    pass


def test_interrupted_library_ingest_resumes_after_the_last_committed_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, 12)
    options = Options(batch_size=3)
    conn = connect(tmp_path / "a.db")
    seen: list[str] = []

    def stop_after_five(article_id: str) -> None:
        seen.append(article_id)
        if len(seen) == 5:
            raise Interrupt  # like Ctrl-C between two articles

    with pytest.raises(Interrupt):
        ingest_paths(conn, [str(path)], options=options, on_article=stop_after_five)
    assert len(article_ids(tmp_path / "a.db")) == 5
    (position,) = conn.execute("SELECT position FROM ingest_progress").fetchone()
    assert position == 5  # progress is saved once the article is committed, before callbacks

    report = ingest_paths(conn, [str(path)], options=options)
    assert report.resumed == {str(path): 5}
    assert report.unchanged == [] and len(report.stored) == 7  # the first five were skipped unread
    assert len(article_ids(tmp_path / "a.db")) == 12

    again = ingest_paths(conn, [str(path)], options=options)
    assert again.stored == [] and again.unchanged == []  # a finished file: nothing left to read


def test_appending_to_a_jsonl_keeps_progress_but_rewriting_it_starts_over(tmp_path):
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, 3)
    conn = connect(tmp_path / "a.db")
    ingest_paths(conn, [str(path)])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(article(3)) + "\n")
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 1 and report.unchanged == []  # only the appended line was read
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in (9, 8, 7)), encoding="utf-8")
    report = ingest_paths(conn, [str(path)])
    assert report.resumed == {} and len(report.stored) == 3  # a different file: read from the start


def test_progress_is_per_settings(tmp_path):
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, 2)
    conn = connect(tmp_path / "a.db")
    ingest_paths(conn, [str(path)])
    report = ingest_paths(conn, [str(path)], options=Options(clean=False))
    assert len(report.replaced) == 2  # new settings re-extract, progress of the old ones doesn't apply


def test_warc_ingest_resumes_at_the_record_offset(tmp_path):
    pytest.importorskip("warcio")
    from test_warc import write_warc

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    conn = connect(tmp_path / "a.db")

    def stop(_article_id: str) -> None:
        raise Interrupt

    with pytest.raises(Interrupt):
        ingest_paths(conn, [str(path)], options=Options(batch_size=1), on_article=stop)
    first = ingest_paths(conn, [str(path)])
    assert len(first.stored) == 1 and first.unchanged == [] and first.resumed
    # a kill between the article's commit and its progress: the record is read again, found unchanged
    offsets = sorted(int(r[0].rsplit("@", 1)[1]) for r in conn.execute("SELECT source FROM articles"))
    conn.execute("UPDATE ingest_progress SET position = ?", (offsets[0],))
    lagging = ingest_paths(conn, [str(path)])
    assert lagging.stored == [] and len(lagging.unchanged) == 1
    second = ingest_paths(conn, [str(path)])
    assert second.stored == [] and second.unchanged == [] and second.resumed


def _run_cli(args: list[str], **kwargs) -> subprocess.Popen:
    code = "from eventwire.cli.main import run; run()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **kwargs,
    )


@pytest.mark.slow
def test_sigkilled_cli_ingest_restarts_with_nothing_lost_or_duplicated(tmp_path):
    path = tmp_path / "stories.jsonl"
    write_jsonl(path, 60)
    db = tmp_path / "killed.db"
    args = ["ingest", str(path), "--db", str(db), "--batch-size", "2", "--quiet"]
    proc = _run_cli(args)
    stored_at_kill = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                stored_at_kill = len(article_ids(db))
            except sqlite3.OperationalError:  # schema being created
                stored_at_kill = 0
            if stored_at_kill >= 6:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    interrupted = len(article_ids(db))
    assert 6 <= interrupted < 60

    restart = _run_cli(args[:-1])  # without --quiet: the summary says it resumed
    _, err = restart.communicate(timeout=300)
    assert restart.returncode == 0, err.decode()
    assert "resumed 1 interrupted file" in err.decode()

    clean_db = tmp_path / "clean.db"
    clean = _run_cli(["ingest", str(path), "--db", str(clean_db), "--quiet"])
    clean.communicate(timeout=300)
    assert clean.returncode == 0

    ids = article_ids(db)
    assert len(ids) == len(set(ids)) == 60
    assert ids == article_ids(clean_db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # every derived row belongs to exactly one stored article: nothing half-written survived the kill
    for table in ("paragraphs", "events", "sentences"):
        assert (
            conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            == 0
        )
    clean_conn = sqlite3.connect(clean_db)
    for table in ("paragraphs", "events", "quotes", "actors"):
        q = f"SELECT COUNT(*) FROM {table}"
        assert conn.execute(q).fetchone() == clean_conn.execute(q).fetchone(), table
