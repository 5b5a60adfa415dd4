"""The database file (issue 9, item 6): odd names, read-only places, newer schemas, other apps' files.

Also the CLI's messages: a file name holding a newline can't forge an extra line of output.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest_browser import PROV, _kharkiv
from eventwire.cli.main import main
from eventwire.errors import StoreError
from eventwire.store import connect, save_article
from eventwire.store.migrations import MIGRATIONS

EVENTWIRE = [sys.executable, "-m", "eventwire"]
ODD_NAMES = ["a#b.db", "what?mode=rwc.db", "100%25.db", "with space.db", "all #?% of it.db"]


def make_db(path) -> None:
    conn = connect(path)
    save_article(conn, *_kharkiv(), **PROV)
    conn.close()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_database_names_work_for_writing_and_reading(tmp_path, capsys, name):
    folder = tmp_path / "dbs"
    folder.mkdir()
    path = folder / name
    make_db(path)
    before = sorted(p.name for p in folder.iterdir())
    assert before == [name]  # WAL files are gone once the writer closed

    ro = connect(path, readonly=True)
    assert ro.execute("SELECT id FROM articles").fetchall()[0][0] == "kharkiv01"
    ro.close()
    code, out, err = run(capsys, "articles", "--db", str(path), "--json")
    assert code == 0, err
    assert [a["id"] for a in json.loads(out)] == ["kharkiv01"]
    # No stray file made by the reads (a URI cut at '#' or '?' would open and create 'a' or 'what');
    # SQLite's own -wal/-shm companions stay while the CLI's connection is open.
    assert {p.name for p in folder.iterdir()} <= {name, f"{name}-wal", f"{name}-shm"}


@pytest.mark.parametrize("name", ODD_NAMES)
def test_reading_a_missing_odd_name_creates_nothing(tmp_path, name):
    with pytest.raises(StoreError, match="not found"):
        connect(tmp_path / name, readonly=True)
    assert list(tmp_path.iterdir()) == []


# --- a read-only directory -----------------------------------------------------------------------


def unprivileged() -> list[str]:
    """A command prefix under which a read-only folder is read-only (root ignores permission bits)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: can't make a folder read-only")
    return ["setpriv", "--bounding-set", "-all"]  # root without capabilities obeys the mode bits


def test_a_database_in_a_read_only_directory_can_be_read(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    db = folder / "news.db"
    make_db(db)
    folder.chmod(0o555)
    try:
        prefix, kwargs = unprivileged(), {"capture_output": True, "text": True, "timeout": 120}
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"], **kwargs
        )
        assert probe.returncode != 0, "the folder should not be writable here"

        proc = subprocess.run([*prefix, *EVENTWIRE, "articles", "--db", str(db), "--json"], **kwargs)
        assert proc.returncode == 0, proc.stderr
        assert [a["id"] for a in json.loads(proc.stdout)] == ["kharkiv01"]
        proc = subprocess.run(
            [*prefix, *EVENTWIRE, "events", "--db", str(db), "--mentions", "--json"], **kwargs
        )
        assert proc.returncode == 0 and json.loads(proc.stdout), proc.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["news.db"]

        code = f"from eventwire.store import connect\nconnect({str(db)!r})"
        proc = subprocess.run([*prefix, sys.executable, "-c", code], **kwargs)
        assert proc.returncode == 1 and "cannot be written" in proc.stderr, proc.stderr
    finally:
        folder.chmod(0o755)


# --- a newer eventwire's database ----------------------------------------------------------------


def test_a_database_of_a_newer_eventwire_is_read_but_not_written(tmp_path, capsys):
    db = tmp_path / "future.db"
    make_db(db)
    raw = sqlite3.connect(db)
    raw.execute("INSERT INTO _migrations VALUES ('999_from_the_future', '2030-01-01T00:00:00')")
    raw.commit()
    raw.close()

    with pytest.raises(StoreError, match=r"newer eventwire .*999_from_the_future.*reading it works"):
        connect(db)
    ro = connect(db, readonly=True)
    assert ro.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    ro.close()

    story = tmp_path / "story.txt"
    story.write_text("Police in Arlen arrested 12 protesters on Tuesday, officials said.\n", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(story), "--db", str(db))
    assert code == 1 and err.count("\n") == 1 and err.startswith("error: ") and "newer eventwire" in err
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1  # nothing was added
    raw.close()
    code, out, err = run(capsys, "articles", "--db", str(db), "--json")
    assert code == 0 and len(json.loads(out)) == 1, err


# --- another application's SQLite file -----------------------------------------------------------


def other_apps_db(path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    raw.execute("INSERT INTO users (name) VALUES ('ada')")
    raw.commit()
    raw.close()


def schema(path) -> tuple[list[str], str]:
    raw = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        return tables, raw.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        raw.close()


def test_another_applications_file_is_left_alone_unless_forced(tmp_path, capsys):
    db = tmp_path / "app.db"
    other_apps_db(db)
    with pytest.raises(StoreError, match=r"another application \(tables: users\).*--force"):
        connect(db)
    assert schema(db) == (["users"], "delete")  # not even its journal mode was changed

    story = tmp_path / "story.txt"
    story.write_text("Police in Arlen arrested 12 protesters on Tuesday, officials said.\n", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(story), "--db", str(db))
    assert code == 1 and err.count("\n") == 1 and "another application" in err and "--force" in err
    assert schema(db) == (["users"], "delete")

    code, _, err = run(capsys, "ingest", str(story), "--db", str(db), "--force")
    assert code == 0, err
    tables, _mode = schema(db)
    assert {"users", "articles", "_migrations"} <= set(tables)
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT name FROM users").fetchall() == [("ada",)]
    assert raw.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)
    raw.close()
    connect(db).close()  # from now on it is an eventwire database: no --force needed


def test_an_empty_file_and_an_eventwire_database_with_extra_tables_are_ours(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    connect(empty).close()
    assert "articles" in schema(empty)[0]

    db = tmp_path / "ours.db"
    make_db(db)
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE my_notes (note TEXT)")  # a user's own table beside eventwire's
    raw.commit()
    raw.close()
    connect(db).close()

    foreign = tmp_path / "foreign.db"
    raw = sqlite3.connect(foreign)
    raw.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    raw.execute("INSERT INTO _migrations VALUES ('0001_initial', 'x')")  # another tool's migrations
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="another application"):
        connect(foreign)


# --- file names in messages ----------------------------------------------------------------------


def test_a_file_name_with_a_newline_cannot_forge_an_output_line(tmp_path, capsys):
    forged = tmp_path / "x\nerror: forged line.txt"
    forged.write_text("", encoding="utf-8")  # an empty file: reported with its name
    good = tmp_path / "good.txt"
    good.write_text("Police in Arlen arrested 12 protesters on Tuesday, officials said.\n", encoding="utf-8")
    db = tmp_path / "n\nnote: 5 new article(s).db"
    code, _, err = run(capsys, "ingest", str(forged), str(good), "--db", str(db))
    assert code == 1
    lines = err.splitlines()
    assert not any(line.startswith(("error: forged", "note: 5 new")) for line in lines), err
    (failure,) = [line for line in lines if "the file is empty" in line]
    assert failure.startswith("error: '") and "\\nerror: forged line.txt'" in failure
    assert any("1 new article" in line and "\\nnote: 5 new" in line for line in lines), err
