"""Input as found on disk: pages in their declared (or detected) charset, and formats told from the
content as well as the extension (a feed named .txt, a page or JSONL without extension). Every file
is made on the spot."""

from __future__ import annotations

import json

import pytest

from eventwire.ingest.readers import sniff_bytes, sniff_format
from eventwire.ingest.streams import declared_charset
from eventwire.pipeline.ingest import ingest_paths

BODY = (
    "Negotiators from the government and the rebels met in Bogotá on Tuesday, officials said. "
    "José Martínez, the chief negotiator, said the talks had been constructive and that a ceasefire "
    "would take effect next week. Rebel commanders said they would release 12 hostages as a sign of "
    "goodwill, according to the Colombian Foreign Ministry."
)


def page(head: str = "", body: str = BODY) -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>Colombia talks resume in Bogotá</title></head>"
        f"<body><article><h1>Colombia talks resume in Bogotá</h1><p>{body}</p>"
        "<p>The government said the next round would be held in Havana.</p></article></body></html>"
    )


def stored_text(conn) -> str:
    return "\n".join(row[0] for row in conn.execute("SELECT text FROM articles"))


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="iso-8859-1">',
        "<meta charset=iso-8859-1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
)
def test_a_page_is_decoded_by_the_charset_it_declares(tmp_path, conn, head):
    path = tmp_path / "latin1.html"
    path.write_bytes(page(head).encode("latin-1"))
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 1 and report.failed == []
    text = stored_text(conn)
    assert "Bogotá" in text and "José Martínez" in text and "\ufffd" not in text


def test_windows_1252_punctuation_on_a_latin1_page_reads_as_the_web_reads_it(tmp_path, conn):
    path = tmp_path / "quotes.html"
    path.write_bytes(
        page("<meta charset=iso-8859-1>", BODY + " \u201cWe are ready,\u201d he said.").encode("cp1252")
    )
    assert len(ingest_paths(conn, [str(path)]).stored) == 1
    assert "\u201cWe are ready,\u201d he said" in stored_text(conn)


def test_a_page_without_a_declaration_is_decoded_by_detection(tmp_path, conn):
    path = tmp_path / "nodecl.html"
    path.write_bytes(page().encode("cp1252"))
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 1 and report.failed == []
    assert "Bogotá" in stored_text(conn) and "José" in stored_text(conn)


def test_plain_text_must_still_be_utf8(tmp_path, conn):
    path = tmp_path / "latin1.txt"
    path.write_bytes(BODY.encode("latin-1"))
    (failure,) = ingest_paths(conn, [str(path)]).failed
    assert "not valid UTF-8" in failure.message


def test_declared_charset_reads_meta_http_equiv_and_xml():
    assert declared_charset(b"<html><head><meta charset='utf-8'>") == "utf-8"
    assert (
        declared_charset(b'<meta http-equiv="content-type" content="text/html;charset=koi8-r">') == "koi8-r"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>') == "cp1252"
    assert declared_charset(b"<meta charset=no-such-charset>") is None
    assert declared_charset(b"<p>no declaration</p>") is None


# --- formats from content -------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Andes Observer</title><link>https://andes.example.org/</link>
<item><title>Talks resume in Bogotá</title><link>https://andes.example.org/1</link>
<pubDate>Tue, 11 Mar 2025 09:00:00 GMT</pubDate>
<description><![CDATA[<p>{one}</p>]]></description></item>
<item><title>Protest in Lima</title><link>https://andes.example.org/2</link>
<pubDate>Wed, 12 Mar 2025 09:00:00 GMT</pubDate>
<description><![CDATA[<p>{two}</p>]]></description></item>
</channel></rss>
"""
TWO = (
    "Thousands of protesters marched through Lima on Wednesday against a new mining law, police said. "
    "Officers detained 20 demonstrators near Congress, and the interior minister said the law would not "
    "be withdrawn despite the protests, which organisers said would continue through the weekend."
)
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<!-- an Atom feed -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>Andes Observer</title>
<entry><title>Talks resume</title><link href="https://andes.example.org/1"/><updated>2025-03-11T09:00:00Z</updated>
<content type="html">&lt;p&gt;{one}&lt;/p&gt;</content></entry></feed>
"""


@pytest.mark.parametrize("name", ["feed.txt", "feed", "feed.dat"])
def test_an_rss_feed_is_read_as_a_feed_whatever_its_name(tmp_path, conn, name):
    pytest.importorskip("feedparser")
    path = tmp_path / name
    path.write_text(RSS.format(one=BODY, two=TWO), encoding="utf-8")
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 2 and report.failed == []
    rows = conn.execute("SELECT source, outlet, text FROM articles ORDER BY source").fetchall()
    assert [r[0] for r in rows] == [f"{path}#0", f"{path}#1"]
    assert {r[1] for r in rows} == {"Andes Observer"} and all("<" not in r[2] for r in rows)


def test_an_atom_feed_without_extension_is_read_as_a_feed(tmp_path, conn):
    pytest.importorskip("feedparser")
    path = tmp_path / "atom"
    path.write_text(ATOM.format(one=BODY), encoding="utf-8")
    assert len(ingest_paths(conn, [str(path)]).stored) == 1
    assert "Bogotá" in stored_text(conn) and "<entry>" not in stored_text(conn)


@pytest.mark.parametrize("name", ["page.txt", "page", "page.php"])
def test_html_is_read_as_html_whatever_its_name(tmp_path, conn, name):
    path = tmp_path / name
    path.write_text(page('<meta charset="utf-8">'), encoding="utf-8")
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 1 and report.failed == []
    fmt, title, text = conn.execute("SELECT format, title, text FROM articles").fetchone()
    assert fmt == "html" and title == "Colombia talks resume in Bogotá"
    assert "<p>" not in text and "DOCTYPE" not in text and "José Martínez" in text


@pytest.mark.parametrize("name", ["records.txt", "records", "records.json"])
def test_jsonl_is_detected(tmp_path, conn, name):
    path = tmp_path / name
    records = [
        {"text": BODY, "url": "https://andes.example.org/1", "published": "2025-03-11"},
        {"text": TWO, "url": "https://andes.example.org/2", "published": "2025-03-12"},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 2 and report.failed == []
    assert {r[0] for r in conn.execute("SELECT published FROM articles")} == {"2025-03-11", "2025-03-12"}


def test_a_directory_reads_feeds_and_pages_without_extension_and_skips_other_files(tmp_path, conn):
    pytest.importorskip("feedparser")
    (tmp_path / "feed").write_text(RSS.format(one=BODY, two=TWO), encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT License\n\nPermission is hereby granted...\n", encoding="utf-8")
    report = ingest_paths(conn, [str(tmp_path)])
    assert len(report.stored) == 2 and report.failed == []
    assert [s.source for s in report.skipped] == [str(tmp_path / "LICENSE")]


def test_plain_text_stays_text():
    assert sniff_format("Police fired tear gas in Nairobi on Tuesday.\n<p> is a tag.") == "text"
    assert sniff_format("{not json, but a first line of prose\nmore prose") == "text"
    assert sniff_format('{"text": "x"}\n{"text": "y"}\n') == "jsonl"
    assert sniff_format(RSS) == "rss" and sniff_format(ATOM) == "rss"
    assert sniff_format(page()) == "html" and sniff_format("<div>Tear gas in Nairobi</div>") == "html"
    assert sniff_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
