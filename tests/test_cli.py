"""The CLI: thin commands, table/--json/--csv output, one-line errors with exit codes, progress on
terminals."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.cli.main import main

ARTICLE = (
    "Police in Nairobi arrested 45 protesters on Tuesday, the interior ministry said.\n"
    "Thousands of demonstrators had marched on parliament to oppose the finance bill.\n"
)
EVENTWIRE = [sys.executable, "-m", "eventwire"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "t.db")


def test_founding_example_show_marks_exactly_lines_1_4_16(capsys, db, shared_dir):
    seed = str(shared_dir / "examples" / "seed" / "article.txt")
    code, _, err = run(capsys, "ingest", seed, "--published", "2024-04-14", "--db", db)
    assert code == 0 and "1 new article" in err
    code, _, err = run(capsys, "ingest", seed, "--published", "2024-04-14", "--db", db)
    assert code == 0 and "0 new article" in err and "1 already stored (unchanged)" in err
    code, out, _ = run(capsys, "articles", "--db", db, "--json")
    (article,) = json.loads(out)
    code, out, _ = run(capsys, "show", article["id"][:6], "--db", db)
    dropped = sorted(int(m) for m in re.findall(r"^\s*(\d+) ✗", out, flags=re.M))
    assert dropped == [1, 4, 16]
    assert "[dropped: share-widget text]" in out


def test_listings_as_json_and_csv(capsys, db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    run(capsys, "ingest", str(path), "--db", db, "--published", "2025-02-18")
    code, out, _ = run(capsys, "articles", "--db", db, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 1 and rows[0]["published"] == "2025-02-18"
    code, out, _ = run(capsys, "search", "demonstrators", "--db", db, "--json")
    hits = json.loads(out)
    assert len(hits) == 1 and "[demonstrators]" in hits[0]["snippet"]
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert json.loads(out)["articles"] == 1
    for command in ("events", "quotes", "actors", "places"):
        code, out, _ = run(capsys, command, "--db", db, "--json")
        assert code == 0 and isinstance(json.loads(out), list), command


def test_search_tolerates_fts_syntax_errors(capsys, db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    run(capsys, "ingest", str(path), "--db", db)
    code, out, _ = run(capsys, "search", 'police"', "--db", db, "--json")
    assert code == 0 and len(json.loads(out)) == 1


def test_user_errors_are_one_line_with_nonzero_exit(capsys, db, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    code, _, err = run(capsys, "ingest", str(path), str(tmp_path / "missing.txt"), "--db", db)
    assert code == 1
    assert "missing.txt: no such file or directory" in err and "Traceback" not in err
    assert "1 new article" in err  # the good file still went in
    for args in (
        ["show", "nope", "--db", db],
        ["articles", "--db", str(tmp_path / "absent.db")],
        ["events", "--db", db, "--type", "FIGHT"],
        ["events", "--db", db, "--since", "last week"],
    ):
        code, _, err = run(capsys, *args)
        assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, args


def test_stdin_ingest(db):
    proc = subprocess.run(
        [*EVENTWIRE, "ingest", "-", "--db", db, "--published", "2025-02-18"],
        input=ARTICLE.encode(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"1 new article" in proc.stderr


def _files(tmp_path: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = tmp_path / f"a{i}.txt"
        p.write_text(ARTICLE.replace("45", str(40 + i)))
        paths.append(str(p))
    return paths


def test_progress_bar_on_a_terminal_but_not_in_pipes(tmp_path, db):
    paths = _files(tmp_path, 6)
    piped = subprocess.run([*EVENTWIRE, "ingest", *paths, "--db", db], capture_output=True, timeout=120)
    assert piped.returncode == 0 and b"articles/s" not in piped.stderr
    pid, fd = pty.fork()
    if pid == 0:  # child: stdout/stderr are the terminal
        os.execv(
            sys.executable, [*EVENTWIRE, "ingest", *_files(tmp_path / "..", 0), *paths, "--db", db + "2"]
        )
    output = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    assert b"articles/s" in output and b"6 new article" in output


def test_quiet_prints_only_errors(tmp_path, db):
    paths = _files(tmp_path, 2)
    proc = subprocess.run([*EVENTWIRE, "ingest", *paths, "--db", db, "-q"], capture_output=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == b""


def test_help_teaches(capsys):
    code, out, _ = run(capsys, "ingest", "--help")
    assert code == 0 and "--published" in out and "Examples" in out


def test_lexicon_dir_extends_the_actor_dictionary(capsys, tmp_path):
    lexicon = tmp_path / "mylex"
    lexicon.mkdir()
    (lexicon / "actors.tsv").write_text("Kivu Defence Front\tCOD\tREB\tgroup\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        "The Kivu Defence Front attacked a police station in Goma on Tuesday, the army said.\n"
    )
    sources = {}
    for name, extra in (("plain", []), ("extended", ["--lexicon-dir", str(lexicon)])):
        db = str(tmp_path / f"{name}.db")
        assert run(capsys, "ingest", str(article), "--db", db, "-q", *extra)[0] == 0
        _, out, _ = run(capsys, "events", "--db", db, "--mentions", "--json")
        sources[name] = {e["source_country"] for e in json.loads(out)}
    assert "COD" in sources["extended"] and "COD" not in sources["plain"]


def test_demo_ingests_the_samples_clusters_and_points_at_the_dashboard(capsys, db):
    code, out, _ = run(capsys, "demo", "--db", db, "--limit", "5")
    assert code == 0
    assert "12 new article(s)" in out and "noise paragraphs dropped" in out
    assert "1 near-duplicate group" in out  # the Kharkiv wire story and its re-post
    events = [line for line in out.splitlines() if line.startswith("  ") and " → " in line]
    assert len(events) == 5
    assert "eventwire serve" in out and "http://127.0.0.1:8000/" in out
    code, out, _ = run(capsys, "demo", "--db", db)
    assert code == 0 and "0 new article(s)" in out and "12 already stored" in out
