"""The documentation's commands, run: every ``eventwire`` line of every fenced ``bash``/``console``
block in README.md and docs/*.md is executed on the bundled samples in a temp dir, as written.

The workspace is what the docs assume: ``eventwire.db`` and ``news.db`` made by ``eventwire demo``
(the bundled samples, ``make demo``), an ``article.txt``, ``pages/`` (the HTML samples), ``feeds/``
(an RSS file), ``dump.jsonl`` and ``../shared/examples/seed`` (a gold example). A ``yaml`` block
whose first line is ``# NAME.yaml`` is written to that file first (a documented data file is then
what the command after it reads). Each file's blocks run in order in a fresh copy, in-process
(``eventwire.cli.main.main``), with ``> FILE`` redirects honoured.

Every command must exit 0, and a listing must list something (docs that show a query returning
nothing teach nothing: the README's ``--actor IRN`` did). ``serve`` (runs until stopped), ``batch``
(starts a Dask cluster, ~30 s; ``tests/test_batch.py`` runs batch and load end to end) and ``load``
(reads batch's shards) are parsed instead: the command exists and every option and value is valid.
A block can be left out with ``<!-- no-test: REASON -->`` on the line before its fence.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import re
import shlex
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer

from eventwire.cli.main import app, main

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "src" / "eventwire" / "samples"
SEED = REPO.parent / "shared" / "examples" / "seed"
DOC_FILES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
SHELL_LANGS = {"bash", "console", "sh", "shell"}
PARSE_ONLY = {"serve", "batch", "load"}
# Commands whose output is a listing: the docs' example must find something.
LISTINGS = {"articles", "show", "search", "events", "event", "quotes", "actors", "places", "stats"}
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```", re.S | re.M)
NO_TEST = re.compile(r"<!--\s*no-test\b[^>]*-->\s*$")


@dataclass
class Command:
    doc: str
    line: int
    text: str


def doc_blocks(path: Path) -> list[tuple[str, int, str, bool]]:
    """(language, first line number, body, skipped) of every fenced block."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for m in FENCE.finditer(text):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        blocks.append(
            (m.group(1), text[: m.start()].count("\n") + 2, m.group(2), bool(NO_TEST.search(before)))
        )
    return blocks


def doc_commands(path: Path) -> tuple[list[Command], list[tuple[str, str]]]:
    """The ``eventwire`` commands of a doc's shell blocks, and the data files its yaml blocks name."""
    commands, files = [], []
    for lang, first, body, skipped in doc_blocks(path):
        if skipped:
            continue
        if lang == "yaml" and (name := re.match(r"#\s*([\w./-]+\.ya?ml)\s*\n", body)):
            files.append((name.group(1), body))
            continue
        if lang not in SHELL_LANGS:
            continue
        for offset, line in _joined_lines(body):
            line = line.strip().removeprefix("$ ").strip()
            if line.startswith("eventwire ") or line == "eventwire":
                commands.append(Command(path.name, first + offset, line))
    return commands, files


def _joined_lines(body: str):
    """(line offset, line) with backslash continuations joined."""
    pending, start = "", 0
    for i, line in enumerate(body.splitlines()):
        if not pending:
            start = i
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        yield start, pending + line
        pending = ""


def test_the_harness_finds_the_documented_commands():
    found = {p.name: doc_commands(p)[0] for p in DOC_FILES}
    assert len(found["README.md"]) >= 10
    assert sum(len(c) for c in found.values()) >= 30
    assert any(c.text.startswith("eventwire serve") for c in found["README.md"])


# --- the workspace ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A directory laid out as the docs assume, built once (copied per doc)."""
    root = tmp_path_factory.mktemp("docs-ws")
    work = root / "work"
    work.mkdir()
    assert main(["demo", "--db", str(work / "eventwire.db")]) == 0
    with sqlite3.connect(work / "eventwire.db") as source, sqlite3.connect(work / "news.db") as copy:
        source.backup(copy)  # the whole database, whatever is still in its write-ahead log
    (work / "article.txt").write_text(
        "Iranian drones attacked the Nevatim Air Base in Israel late Saturday, the army said.\n"
        "Israel said most of the drones were shot down.\n",
        encoding="utf-8",
    )
    (work / "pages").mkdir()
    for page in sorted(SAMPLES.glob("*.html"))[:2]:
        shutil.copy(page, work / "pages" / page.name)
    texts = sorted(SAMPLES.glob("*.txt"))
    (work / "feeds").mkdir()
    items = "".join(
        f"<item><title>{p.stem}</title><link>https://example.org/{p.stem}</link>"
        f"<pubDate>Mon, 20 Oct 2025 08:00:00 GMT</pubDate><description><![CDATA[<p>"
        + "</p><p>".join(p.read_text(encoding="utf-8").splitlines())
        + "</p>]]></description></item>"
        for p in texts[:2]
    )
    (work / "feeds" / "wire.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
        f"{items}</channel></rss>",
        encoding="utf-8",
    )
    with open(work / "dump.jsonl", "w", encoding="utf-8") as fh:
        for p in texts[2:4]:
            fh.write(json.dumps({"text": p.read_text(encoding="utf-8"), "published": "2025-03-10"}) + "\n")
    seed = root / "shared" / "examples" / "seed"
    seed.mkdir(parents=True)
    if SEED.is_dir():
        for f in SEED.iterdir():
            shutil.copy(f, seed / f.name)
    else:  # a user's clone has no ../shared: one of the repository's annotated samples stands in
        gold = REPO / "tests" / "data" / "annotated-samples"
        shutil.copy(gold / "kenya_nairobi_protest.txt", seed / "article.txt")
        shutil.copy(gold / "kenya_nairobi_protest.expected.json", seed / "article.expected.json")
    return root


def run(command: Command, cwd: Path, capsys) -> tuple[int, str, str]:
    tokens = shlex.split(command.text, comments=True)
    redirect = None
    if "|" in tokens:
        tokens = tokens[: tokens.index("|")]  # the eventwire part of a pipe
    if ">" in tokens:
        redirect = cwd / tokens[tokens.index(">") + 1]
        tokens = tokens[: tokens.index(">")]
    argv = [arg for token in tokens[1:] for arg in (sorted(glob.glob(token)) or [token])]
    capsys.readouterr()
    if argv and argv[0] in PARSE_ONLY:
        return _parse_only(argv), "", ""
    rc = main(argv)
    out, err = capsys.readouterr()
    if redirect is not None:
        redirect.write_text(out, encoding="utf-8")
    return rc, out, err


def _parse_only(argv: list[str]) -> int:
    group = typer.main.get_command(app)
    sub = group.get_command(None, argv[0])  # type: ignore[arg-type]
    assert sub is not None, f"no command {argv[0]!r}"
    sub.make_context(argv[0], list(argv[1:]))  # raises on an unknown option or a bad value
    return 0


def listed_nothing(argv: list[str], out: str) -> bool:
    if not argv or argv[0] not in LISTINGS or "--help" in argv:
        return False
    text = out.strip()
    if "--json" in argv:
        return json.loads(text or "[]") in ([], {})
    if "--csv" in argv:
        return len(list(csv.reader(io.StringIO(text)))) < 2
    return len(text.splitlines()) < 2 and argv[0] not in ("show", "event", "stats")


@pytest.mark.parametrize("doc", [p.name for p in DOC_FILES if doc_commands(p)[0]])
def test_documented_commands_run(doc, workspace, tmp_path, capsys, monkeypatch):
    path = next(p for p in DOC_FILES if p.name == doc)
    commands, files = doc_commands(path)
    root = tmp_path / "ws"
    shutil.copytree(workspace, root)
    cwd = root / "work"
    for name, body in files:
        (cwd / name).parent.mkdir(parents=True, exist_ok=True)
        (cwd / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    problems = []
    for command in commands:
        try:
            rc, out, err = run(command, cwd, capsys)
        except Exception as exc:  # a parse error of a parse-only command, or a crash
            problems.append(f"{command.doc}:{command.line}: {command.text}\n    {type(exc).__name__}: {exc}")
            continue
        argv = shlex.split(command.text, comments=True)[1:]
        if rc != 0:
            problems.append(
                f"{command.doc}:{command.line}: {command.text}\n    exit {rc}: {err.strip()[-500:]}"
            )
        elif listed_nothing(argv, out):
            problems.append(
                f"{command.doc}:{command.line}: {command.text}\n    lists nothing on the demo data"
            )
    assert not problems, "documented commands that do not work as written:\n" + "\n".join(problems)


def test_help_shows_no_type_for_flags(capsys):
    for name in [None, *typer.main.get_command(app).commands]:  # type: ignore[attr-defined]
        assert main([name, "--help"] if name else ["--help"]) == 0
        out = capsys.readouterr().out
        assert "<bool>" not in out, name
