"""Concurrent writers (issue 9, item 5): two processes storing into one database both finish.

Every article is stored once (no ``UNIQUE constraint`` abort), a new database created by two
processes at once is complete for both (no "not an eventwire database"), and a write lock held by
another process makes the writer wait, saying so on one line, then go on.
"""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from eventwire.store import connect, save_article
from eventwire.store.db import LockTimeout
from eventwire.store.migrations import MIGRATIONS

EVENTWIRE = [sys.executable, "-m", "eventwire"]
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


def story(i: int) -> str:
    city = CITIES[i % len(CITIES)]
    return (
        f"Police in {city} arrested {10 + i} protesters on Tuesday after clashes near the town hall, "
        f"a spokesman said.\nThe protesters had blocked the main road for {2 + i % 5} days to demand "
        "lower fuel prices.\n"
    )


def write_stories(folder, n: int) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"story{i:02d}.txt"
        path.write_text(story(i), encoding="utf-8")
        paths.append(str(path))
    return paths


def stored_count(summary: str) -> tuple[int, int]:
    """(new, unchanged) articles from an ingest summary line."""
    new = re.search(r"(\d+) new article", summary)
    unchanged = re.search(r"(\d+) already stored", summary)
    return int(new[1]) if new else 0, int(unchanged[1]) if unchanged else 0


# --- two processes, one new database -------------------------------------------------------------


def _open_at_once(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        conn = connect(path)
        results.put(("ok", len(conn.execute("SELECT name FROM _migrations").fetchall())))
    except Exception as exc:  # reported to the test, which fails on it
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def test_processes_creating_the_same_new_database_all_find_it_complete(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = str(tmp_path / f"new{round_}.db")
        barrier, results = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_open_at_once, args=(path, barrier, results)) for _ in range(6)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert outcomes == [("ok", len(MIGRATIONS))] * 6
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)
        conn.close()


def _save_at_once(path: str, barrier, results) -> None:
    from conftest_browser import PROV, _kharkiv

    conn = connect(path)
    article, extraction = _kharkiv()
    barrier.wait()
    try:
        results.put(save_article(conn, article, extraction, **PROV).status)
    except Exception as exc:
        results.put(f"{type(exc).__name__}: {exc}")


def test_the_same_article_saved_by_several_processes_at_once_is_stored_once(tmp_path):
    path = str(tmp_path / "same.db")
    connect(path).close()
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_save_at_once, args=(path, barrier, results)) for _ in range(4)]
    for p in procs:
        p.start()
    outcomes = sorted(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert outcomes == ["stored", "unchanged", "unchanged", "unchanged"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    conn.close()


def test_two_ingests_of_the_same_articles_into_a_new_database_both_finish(tmp_path):
    paths = write_stories(tmp_path / "stories", 20)
    db = str(tmp_path / "fresh.db")
    procs = [
        subprocess.Popen(
            [*EVENTWIRE, "ingest", *paths, "--db", db, "--published", "2024-05-02"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "UNIQUE" not in err and "not an eventwire database" not in err and "Traceback" not in err
    counts = [stored_count(err) for _out, err in outputs]
    assert sum(new for new, _ in counts) == 20  # each article stored by exactly one of them
    assert all(new + unchanged == 20 for new, unchanged in counts)  # the other found it unchanged
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 20
    assert conn.execute("SELECT COUNT(DISTINCT content_hash) FROM articles").fetchone()[0] == 20
    assert conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# --- a write lock held by another process --------------------------------------------------------


def hold_write_lock(db: str) -> sqlite3.Connection:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO ingest_log (source, status, at) VALUES ('holder', 'stored', 'now')")
    return holder


def test_ingest_waits_for_a_held_write_lock_says_so_and_succeeds(tmp_path):
    (article,) = write_stories(tmp_path / "one", 1)
    db = str(tmp_path / "locked.db")
    connect(db).close()
    holder = hold_write_lock(db)
    proc = subprocess.Popen(
        [*EVENTWIRE, "ingest", article, "--db", db, "--lock-timeout", "300"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    waiting = threading.Event()

    def read_stderr() -> None:
        for line in proc.stderr:
            lines.append(line)
            if "waiting for the write lock" in line:
                waiting.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        assert waiting.wait(timeout=240), "".join(lines)
        time.sleep(3)  # the writer keeps waiting while the lock is held
        assert proc.poll() is None
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert proc.wait(timeout=240) == 0, "".join(lines)
    reader.join(timeout=10)
    (message,) = [line for line in lines if "waiting for the write lock" in line]
    assert "locked.db" in message and "300 s" in message and "--lock-timeout" in message
    assert not any("Traceback" in line for line in lines)
    assert any("1 new article" in line for line in lines), "".join(lines)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM ingest_log WHERE source = 'holder'").fetchone()[0] == 1
    conn.close()


def test_a_writer_gives_up_after_its_lock_timeout_with_one_message(tmp_path):
    from conftest_browser import PROV, _kharkiv

    db = str(tmp_path / "stuck.db")
    heard: list[str] = []
    conn = connect(db, lock_timeout=3, on_lock_wait=heard.append)
    holder = hold_write_lock(db)
    started = time.monotonic()
    try:
        with pytest.raises(LockTimeout, match=r"still locked by another process after 3 s"):
            save_article(conn, *_kharkiv(), **PROV)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert 2.5 <= time.monotonic() - started < 30
    assert len(heard) == 1 and "waiting for the write lock on" in heard[0]
    assert save_article(conn, *_kharkiv(), **PROV).status == "stored"  # once the lock is free


def test_a_lock_timeout_in_the_cli_is_one_line(tmp_path, capsys):
    from eventwire.cli.main import main

    (article,) = write_stories(tmp_path / "one", 1)
    db = str(tmp_path / "cli.db")
    connect(db).close()
    holder = hold_write_lock(db)
    try:
        code = main(["ingest", article, "--db", db, "--lock-timeout", "2.5", "-q"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert "waiting for the write lock" in lines[0]
    assert lines[-1].startswith("error: ") and "still locked by another process after 2.5 s" in lines[-1]
    assert "Traceback" not in err
