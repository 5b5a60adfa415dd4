"""Hostile and odd input: texts that once crashed the pipeline, oversized and broken files."""

from __future__ import annotations

import pytest

from eventwire.extract.numbers import read_number
from eventwire.pipeline import process_text


class _Tok:
    def __init__(self, text: str) -> None:
        self.text, self.lower_ = text, text.lower()


@pytest.mark.parametrize("tail", ["several", "dozens", "hundreds", "scores", "half"])
def test_vague_quantity_as_last_token_stays_inside_the_list(tail):
    tokens = [_Tok("wounded"), _Tok(tail)]
    match = read_number(tokens, 1)
    if match is not None:
        assert match.end <= len(tokens)


class _PosTok(_Tok):
    def __init__(self, text: str, pos: str, i: int) -> None:
        super().__init__(text)
        self.pos_, self.i, self.lemma_, self.ent_type_, self.is_title = pos, i, text.lower(), "", False


def test_a_counted_noun_run_ending_the_sentence_stays_inside_the_list():
    from eventwire.extract.counts import _unit

    tokens = [_PosTok("17", "NUM", 0), _PosTok("people", "NOUN", 1), _PosTok("1111111", "PROPN", 2)]
    head, unit, end = _unit(tokens, 1)
    assert head is tokens[1] and end <= len(tokens)


def test_a_sentence_ending_in_a_long_number_after_a_count(nlp):
    """Found by tests/test_fuzz.py: the unit run went one token past the sentence end."""
    text = (
        "ISIS carried out a multi-pronged attack on Iran’s parliament and the shrine of revolutionary "
        "leader Ruhollah Khomeini in June 2017 that killed 17 people " + "1" * 147
    )
    counts = process_text(text).extraction.counts
    assert any(c.value == 17 and c.category == "dead" for c in counts), counts


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said the blast killed 12 people and wounded dozens.",
        "Witnesses said the blast killed 12 people and wounded dozens",
        "The attack wounded scores",
    ],
)
def test_sentence_ending_in_a_vague_quantity_is_counted(nlp, text):
    counts = process_text(text).extraction.counts
    assert [c for c in counts if c.qualifier == "at_least" and c.value in (24, 40)], counts  # lower bounds


def test_sentence_ending_in_several_does_not_crash(nlp):
    assert process_text("They killed several").article.text == "They killed several"


# -- sizes after decompression -------------------------------------------------------------------

import gzip  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from eventwire.cli.main import main  # noqa: E402
from eventwire.errors import InputError  # noqa: E402
from eventwire.ingest import iter_documents  # noqa: E402
from eventwire.store import connect  # noqa: E402

GOOD = [
    "Police in Nairobi arrested 45 protesters on Tuesday, the interior ministry said in a statement.",
    "Rebels attacked an army convoy near the northern border on Monday, killing three soldiers.",
    "The United Nations said on Friday that 2,000 families had fled the flooding in the eastern region.",
]
ZEROS = 16 << 20  # one gzip member of 16 MiB of zeros: about 16 KB compressed


def gzip_bomb(path: Path, zeros: int, head: bytes = b"", tail: bytes = b"", fill: bytes = b"\0") -> Path:
    """``zeros`` NUL bytes (or ``fill``) between ``head`` and ``tail``, as a multi-member gzip file."""
    block = gzip.compress(fill * ZEROS, compresslevel=9)
    with open(path, "wb") as fh:
        fh.write(gzip.compress(head))
        for _ in range(zeros // ZEROS):
            fh.write(block)
        fh.write(gzip.compress(tail))
    return path


def warc_bomb(path: Path, zeros: int) -> Path:
    """A WARC.gz holding one HTML 200 response whose body is ``zeros`` NUL bytes."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
        b"WARC-Date: 2024-04-10T08:00:00Z\r\nWARC-Record-ID: "
        b"<urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http) + zeros).encode() + b"\r\n\r\n"
    )
    return gzip_bomb(path, zeros, head + http, b"\r\n\r\n")


def jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_gzip_bombs_are_refused_in_bounded_memory(tmp_path):
    """3 GB of zeros in a 3 MB .gz (text, feed, WARC, JSONL): one line each, exit 1, peak RSS < 300 MB."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc/self/status (Linux) to measure the peak RSS")
    pytest.importorskip("feedparser")
    pytest.importorskip("warcio")
    bombs = [
        gzip_bomb(tmp_path / "bomb.txt.gz", 3 << 30),
        gzip_bomb(
            tmp_path / "bomb.xml.gz", 3 << 30, b'<?xml version="1.0"?><rss><channel><item><description>'
        ),
        warc_bomb(tmp_path / "bomb.warc.gz", 3 << 30),
        gzip_bomb(tmp_path / "bomb.jsonl.gz", 3 << 30, b'{"text": "'),
    ]
    assert all(b.stat().st_size < 4_000_000 for b in bombs)
    # VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the peak of the forked parent (pytest with
    # spaCy loaded) across exec, while VmHWM belongs to the new process image alone.
    script = (
        "import re, sys\n"
        "from eventwire.cli.main import main\n"
        "rc = main(sys.argv[1:])\n"
        "status = open('/proc/self/status').read()\n"
        "print('maxrss_kb', re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
        "sys.exit(rc)\n"
    )
    args = ["ingest", *map(str, bombs), "--db", str(tmp_path / "t.db"), "--max-size", "10"]
    run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, run.stderr
    assert all("limit" in line for line in errors) and "Traceback" not in run.stderr
    rss_mb = int(run.stdout.split("maxrss_kb")[1]) / 1024
    assert rss_mb < 300, f"peak RSS {rss_mb:.0f} MB"


def test_an_over_long_jsonl_line_is_refused_and_the_lines_around_it_read(tmp_path):
    head = jsonl({"text": GOOD[0]}).encode() + b'{"text": "'
    tail = b'"}\n' + jsonl({"text": GOOD[1]}).encode()
    path = gzip_bomb(tmp_path / "feed.jsonl.gz", 32 << 20, head, tail, fill=b"a")
    items = list(iter_documents([str(path)], max_bytes=1_000_000))
    assert [type(i).__name__ for i in items] == ["RawDocument", "TooLargeError", "RawDocument"]
    assert items[1].line == 2 and items[2].source.endswith(":3") and items[2].content == GOOD[1]


def test_a_jsonl_line_of_nul_bytes_stops_the_file_without_inflating_it(tmp_path):
    """3 GB of zeros in one JSONL "line": refused at once (no newline is searched for)."""
    import time

    head = jsonl({"text": GOOD[0]}).encode()
    path = gzip_bomb(tmp_path / "bomb.jsonl.gz", 3 << 30, head, jsonl({"text": GOOD[1]}).encode())
    started = time.monotonic()
    items = list(iter_documents([str(path)], max_bytes=1_000_000))
    assert time.monotonic() - started < 5  # reading all 3 GB would take far longer
    assert [type(i).__name__ for i in items] == ["RawDocument", "TooLargeError"]
    assert items[1].line == 2 and "not read further" in items[1].message


def test_a_warc_bomb_record_is_refused_and_the_records_after_it_read(tmp_path):
    pytest.importorskip("warcio")
    sys.path.insert(0, str(Path(__file__).parent))
    from test_warc import write_warc

    good = tmp_path / "good.warc.gz"
    write_warc(good, gzip=True)
    path = warc_bomb(tmp_path / "mixed.warc.gz", 256 << 20)
    with open(path, "ab") as fh:
        fh.write(good.read_bytes())
    items = list(iter_documents([str(path)], max_bytes=1_000_000))
    assert isinstance(items[0], InputError) and "limit" in items[0].message
    assert [i.url for i in items[1:]] == ["https://news.example/a", "https://news.example/b"]


def test_jsonl_is_streamed_not_read_whole(tmp_path, monkeypatch):
    """Reading a JSONL file never asks for all of it at once (Path.read_bytes / read())."""
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(*({"text": t} for t in GOOD)), encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: pytest.fail("read whole"))
    items = list(iter_documents([str(path)], max_bytes=len(GOOD[0]) + 20))
    assert [i.content for i in items] == GOOD


def test_a_too_long_article_between_two_good_ones(nlp, tmp_path, capsys):
    """1.5 MB of text (over the parser's max_length) between two good articles: 2 stored, 1 error."""
    long_text = "\n".join(
        f"Paragraph {i}: officials said the talks on trade would resume." for i in range(25_000)
    )
    assert len(long_text) > 1_500_000
    path = tmp_path / "mixed.jsonl"
    path.write_text(jsonl({"text": GOOD[0]}, {"text": long_text}, {"text": GOOD[2]}), encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(path), "--db", db]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "mixed.jsonl:2" in errors[0] and "limit of 1,000,000" in errors[0]
    assert connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


# -- truthful partial input ----------------------------------------------------------------------


def test_a_truncated_warc_reports_the_broken_record_and_exits_1(nlp, tmp_path, capsys):
    pytest.importorskip("warcio")
    sys.path.insert(0, str(Path(__file__).parent))
    from test_warc import write_warc

    path = tmp_path / "cut.warc.gz"
    write_warc(path, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # cut inside the last (HTML) record
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(path), "--db", db]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cut short" in errors[0] and "@" in errors[0]
    urls = [r[0] for r in connect(db).execute("SELECT url FROM articles")]
    assert urls == ["https://news.example/a"]  # the partial article was not stored


def test_a_failed_jsonl_line_is_read_again_once_fixed(nlp, tmp_path):
    """Resume must not skip a line whose outcome was a failure (the file's head is unchanged)."""
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_paths

    filler = " ".join(["The ministry said the talks on the border dispute would resume next week."] * 50)
    lines = [{"text": f"Report {i}. {filler}"} for i in range(20)]  # > 64 KB: the head stays the same
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl(*lines, '{"text": "broken'), encoding="utf-8")
    assert path.stat().st_size > 70_000
    conn, options = connect(tmp_path / "t.db"), Options(cluster=False)
    first = ingest_paths(conn, [str(path)], options=options)
    assert len(first.stored) == 20 and len(first.failed) == 1 and first.failed[0].line == 21
    again = ingest_paths(conn, [str(path)], options=options)  # still broken: reported again
    assert len(again.failed) == 1 and not again.stored
    path.write_text(jsonl(*lines, {"text": GOOD[1]}), encoding="utf-8")
    fixed = ingest_paths(conn, [str(path)], options=options)
    assert len(fixed.stored) == 1 and not fixed.failed
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 21


def test_an_invalid_published_field_is_reported_not_dropped(nlp, tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        jsonl({"text": GOOD[0], "published": "2024-04-14"}, {"text": GOOD[1], "published": "2024-13-45"}),
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    assert main(["ingest", str(path), "--db", db]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "feed.jsonl:2" in errors[0] and "'2024-13-45' is not a date" in errors[0]
    rows = connect(db).execute("SELECT published FROM articles").fetchall()
    assert [r[0] for r in rows] == ["2024-04-14"]


@pytest.mark.parametrize("value", ["yesterday", "2024-02-30", "5"])
def test_an_invalid_published_flag_is_refused(tmp_path, capsys, value):
    path = tmp_path / "a.txt"
    path.write_text(GOOD[0], encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(tmp_path / "t.db"), "--published", value]) == 1
    assert f"{value!r} is not a date" in capsys.readouterr().err


def test_an_invalid_feed_item_date_is_reported(tmp_path):
    pytest.importorskip("feedparser")
    from eventwire.options import Options
    from eventwire.pipeline import process_documents

    path = tmp_path / "feed.rss"
    items = "".join(
        f"<item><title>t{i}</title><pubDate>{d}</pubDate><description>{t}</description></item>"
        for i, (d, t) in enumerate([("Mon, 15 Apr 2024 18:30:00 +0000", GOOD[0]), ("someday soon", GOOD[1])])
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>{items}</channel></rss>'
    )
    docs = list(iter_documents([str(path)]))
    assert docs[1].published == "someday soon"  # passed on as given, not dropped
    outcomes = list(process_documents(docs, Options(cluster=False, extract=False)))
    assert outcomes[0].article.published == "2024-04-15"
    assert isinstance(outcomes[1], InputError) and "'someday soon' is not a date" in outcomes[1].message


# -- NUL bytes: refused everywhere, never stripped ----------------------------------------------


def test_nul_in_a_text_file_is_refused_wherever_it_is(tmp_path):
    early, late = tmp_path / "early.txt", tmp_path / "late.txt"
    early.write_bytes(GOOD[0].encode() + b"\0")
    late.write_bytes(((GOOD[0] + "\n") * 200).encode() + b"\0" + GOOD[1].encode())
    items = list(iter_documents([str(early), str(late)]))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError"]
    assert "binary" in items[0].message and "NUL" in items[1].message


def test_nul_in_jsonl_refuses_that_line_only(nlp, tmp_path):
    from eventwire.options import Options
    from eventwire.pipeline import process_documents

    path = tmp_path / "feed.jsonl"
    raw_nul = b'{"text": "A raw \x00 byte."}\n'
    path.write_bytes(jsonl({"text": GOOD[0]}, {"text": "An escaped \u0000 NUL."}).encode() + raw_nul)
    outcomes = list(process_documents(iter_documents([str(path)]), Options(cluster=False)))
    assert [type(o).__name__ for o in outcomes] == ["Processed", "InputError", "InputError"]
    assert all("NUL" in o.message for o in outcomes[1:])


def test_nul_and_lone_surrogates_in_process_text_are_input_errors(nlp):
    with pytest.raises(InputError, match="NUL character at offset"):
        process_text(GOOD[0] + "\0")
    with pytest.raises(InputError, match="unpaired surrogate"):
        process_text(GOOD[0] + "\ud800")
    odd = "\u202eمرحبا " + GOOD[0] + " \u200b\u0301🙂\ufeff"  # RTL, zero-width, combining, emoji
    assert process_text(odd).article.text.startswith("\u202e")


def test_jsonl_on_standard_input_is_streamed_line_by_line(monkeypatch):
    """More JSONL than one article's limit through stdin: every line is read, none refused."""
    import io
    import types

    lines = jsonl(*({"text": f"{GOOD[i % 3]} ({i})"} for i in range(300))).encode()
    limit = 2_000
    assert len(lines) > 10 * limit
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BufferedReader(io.BytesIO(lines))))
    items = list(iter_documents(["-"], max_bytes=limit))
    assert len(items) == 300 and all(not isinstance(i, InputError) for i in items)
    assert items[-1].source == "<stdin>:300" and items[-1].content.endswith("(299)")


def test_a_preposition_before_the_verb_is_no_particle(nlp):
    """Found by a fuzz campaign: "In the case of …, warnings were given" read "In … given" as the
    phrasal verb "give in", with an evidence span running backwards (start after end)."""
    text = "In the case of the two worst explosions at Oxford Street, warnings were given."
    from eventwire.extract.event_lexicon import find_triggers, trigger_lexicon

    triggers = find_triggers(nlp(text), trigger_lexicon(()), {})
    assert triggers and all(t.start < t.end for t in triggers)
    assert "CONCEDE" not in {t.type for t in triggers}
    events = process_text(text).extraction.events
    assert all(e.evidence.start <= e.evidence.end for e in events), events
    assert not [e for e in events if e.type == "CONCEDE"], events
    assert [e.type for e in process_text("The rebels finally gave in on Monday.").extraction.events] == [
        "CONCEDE"
    ]
