"""Ingest: every input kind goes in, every bad input gets a clear message, nothing stops the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import iter_documents
from eventwire.pipeline.ingest import ingest_paths

ARTICLE = (
    "Police in Nairobi arrested 45 protesters on Tuesday, the interior ministry said.\n"
    "Thousands of demonstrators had marched on parliament to oppose the finance bill.\n"
    "The opposition said it would hold more protests next week if the bill passed.\n"
)
HTML = """<html><head><title>Talks resume in Geneva</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2025-03-02T10:00:00Z">
<link rel="canonical" href="https://wire.example.org/talks"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators from Iran and the European Union met in Geneva on Sunday to resume talks on the nuclear \
programme.</p>
<p>The talks lasted six hours, and both sides said they would meet again within a month.</p>
<p>A European diplomat said the atmosphere had been constructive but that no agreement had been reached.</p>
</article><footer>Copyright Example Wire. All rights reserved.</footer></body></html>"""


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_text_file_keeps_one_paragraph_per_line_with_line_numbers(tmp_path, conn):
    path = write(tmp_path, "a.txt", "Share!\n" + ARTICLE)
    report = ingest_paths(conn, [path], published="2025-02-18")
    assert len(report.stored) == 1 and not report.failed
    rows = conn.execute("SELECT line, kept, reason FROM paragraphs ORDER BY idx").fetchall()
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["kept"] == 0 and rows[0]["reason"] == "share-widget text"
    assert all(r["kept"] for r in rows[1:])
    assert conn.execute("SELECT published FROM articles").fetchone()[0] == "2025-02-18"


def test_html_goes_through_trafilatura_with_metadata(tmp_path, conn):
    report = ingest_paths(conn, [write(tmp_path, "page.html", HTML)])
    assert len(report.stored) == 1, report.failed
    row = conn.execute("SELECT title, outlet, url, published, text FROM articles").fetchone()
    assert row["title"] == "Talks resume in Geneva"
    assert row["outlet"] == "Example Wire"
    assert row["url"] == "https://wire.example.org/talks"
    assert row["published"] == "2025-03-02"
    assert "Negotiators from Iran" in row["text"] and "All rights reserved" not in row["text"]
    assert row["text"].count("\n") >= 2  # paragraph boundaries kept


def test_jsonl_records_with_metadata_and_a_bad_line(tmp_path, conn):
    lines = [
        json.dumps(
            {
                "id": "r1",
                "text": ARTICLE,
                "url": "https://a.example/1",
                "outlet": "A",
                "published": "2025-01-02",
            }
        ),
        "{not json",
        json.dumps({"id": "r2", "html": HTML}),
        json.dumps({"id": "r3", "title": "no body"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    report = ingest_paths(conn, [path])
    assert len(report.stored) == 2
    assert sorted((f.line, "JSON" in f.message or "text" in f.message) for f in report.failed) == [
        (2, True),
        (4, True),
    ]
    urls = {r[0] for r in conn.execute("SELECT url FROM articles")}
    assert urls == {"https://a.example/1", "https://wire.example.org/talks"}


def test_directories_are_walked_and_other_files_reported(tmp_path, conn):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/one.txt", ARTICLE)
    write(tmp_path, "two.html", HTML)
    write(tmp_path, "notes.tsv", "a\tb\n")
    report = ingest_paths(conn, [str(tmp_path)])
    assert len(report.stored) == 2
    assert [Path(s.source).name for s in report.skipped] == ["notes.tsv"]
    assert not report.failed


def test_same_content_gets_the_same_id_and_reingest_changes_nothing(tmp_path, conn):
    a = write(tmp_path, "a.txt", ARTICLE)
    b = write(tmp_path, "copy.txt", ARTICLE)
    first = ingest_paths(conn, [a])
    again = ingest_paths(conn, [a, b])
    assert len(first.stored) == 1
    assert again.stored == [] and again.unchanged == first.stored * 2
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "empty.txt": (b"", "empty"),
    "binary.bin": (bytes(range(256)) * 4, "binary"),
    "latin1.txt": ("Café society met the minister on Tuesday.\n".encode("latin-1"), "not valid UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_each_bad_input_gets_a_clear_message_and_the_batch_goes_on(tmp_path, conn, name):
    data, expected = BAD_INPUTS[name]
    bad = str(tmp_path / name) if data is None else write(tmp_path, name, data)
    good = write(tmp_path, "good.txt", ARTICLE)
    report = ingest_paths(conn, [bad, good])
    assert len(report.stored) == 1
    (failure,) = report.failed
    assert failure.source == bad and expected in failure.message
    assert "\n" not in str(failure)


def test_too_large_file_is_refused_before_reading(tmp_path, conn):
    big = tmp_path / "big.txt"
    big.write_text(("The minister said the army would withdraw. " * 40 + "\n") * 1000)
    from eventwire.options import Options

    report = ingest_paths(conn, [str(big)], options=Options(max_bytes=500_000))
    (failure,) = report.failed
    assert "over the" in failure.message and "MB" in failure.message


def test_malformed_html_is_parsed_leniently(tmp_path, conn):
    broken = (
        "<html><body><div><p>Unclosed <b>tags and <p>The minister said talks with Iran would resume on "
        "Monday in Geneva, officials said on Sunday evening."
    )
    report = ingest_paths(conn, [write(tmp_path, "broken.html", broken)])
    assert len(report.stored) == 1, report.failed
    assert "talks with Iran" in conn.execute("SELECT text FROM articles").fetchone()[0]


def test_html_without_text_is_an_error_not_an_empty_article(tmp_path, conn):
    report = ingest_paths(
        conn, [write(tmp_path, "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")]
    )
    assert report.stored == []
    assert any(m in report.failed[0].message for m in ("no article text", "nothing left to ingest"))


def test_readers_yield_errors_in_place():
    items = list(iter_documents(["/definitely/not/here.txt"]))
    assert len(items) == 1 and isinstance(items[0], InputError)


@pytest.mark.parametrize(
    "text",
    [
        "La police a arrêté des dizaines de manifestants dans le centre de Paris, selon le ministère "
        "de l'Intérieur. Les manifestants protestaient contre la réforme des retraites et le gouvernement. "
        "Le ministre a déclaré que la loi ne serait pas retirée et que le vote aurait lieu dans la "
        "semaine, malgré les appels des syndicats qui demandent une nouvelle négociation avec les "
        "partenaires.\n",
        "Nunca ouviu as brincadeiras musicais do grupo, de Belo Horizonte? Então é hora de conhecer o "
        "trabalho "
        "que eles fazem com as crianças da cidade e com os pais que não param de cantar. O grupo se "
        "apresenta "
        "no teatro da cidade no próximo sábado, e os ingressos estão à venda na bilheteria e no site do "
        "teatro.",
        "先日、不正に改造した端末を販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。",
    ],
)
def test_other_languages_are_skipped_with_a_note_not_failed(tmp_path, conn, text):
    report = ingest_paths(conn, [write(tmp_path, "x.txt", text), write(tmp_path, "good.txt", ARTICLE)])
    assert len(report.stored) == 1 and report.failed == []
    (note,) = report.not_english
    assert "English" in note.message and note.source.endswith("x.txt") and report.ok


def test_short_english_text_with_a_foreign_function_word_is_accepted(tmp_path, conn):
    text = "Israeli Defense Minister Yoav Gallant met Defense Secretary Lloyd Austin on Sunday.\n"
    report = ingest_paths(conn, [write(tmp_path, "short.txt", text)])
    assert len(report.stored) == 1, report.failed


def test_english_tables_with_few_function_words_are_accepted(tmp_path, conn):
    scores = (
        "GIRLS BASKETBALL\nPalm Bay d. Rockledge 70-44\nMelbourne d. Titusville 55-41\nViera d. Cocoa 61-38\n"
    )
    report = ingest_paths(conn, [write(tmp_path, "scores.txt", scores)])
    assert len(report.stored) == 1, report.failed
