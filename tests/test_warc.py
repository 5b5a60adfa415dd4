"""WARC reader: HTML 200 responses only, url/published from the record, streaming and seekable."""

from __future__ import annotations

import io

import pytest

warcio = pytest.importorskip("warcio")

from eventwire.ingest import iter_documents  # noqa: E402
from eventwire.ingest.warc import _iter_fastwarc, _iter_warcio, iter_warc  # noqa: E402

STORY = (
    "<html><head><title>{title}</title></head><body><article>"
    "<p>Officials in the northern province said on Tuesday that heavy flooding had forced thousands of "
    "families from their homes, and that rescue teams were still searching several villages.</p>"
    "<p>The governor said {n} people had been moved to schools and sports halls while the river kept rising, "
    "and asked the national government for more boats and medical supplies.</p>"
    "</article></body></html>"
)


def write_warc(path, gzip: bool) -> None:
    """A Common-Crawl-like WARC: 2 HTML stories, a PDF, a request record, a 404 and a redirect."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)

        def response(uri, status, ctype, body, date):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(rec)

        req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/a", "request", http_headers=req))
        response(
            "https://news.example/a",
            "200 OK",
            "text/html; charset=utf-8",
            STORY.format(title="Floods", n=300).encode(),
            "2024-04-10T08:00:00Z",
        )
        response(
            "https://news.example/report.pdf",
            "200 OK",
            "application/pdf",
            b"%PDF-1.4 ...",
            "2024-04-10T09:00:00Z",
        )
        response(
            "https://news.example/missing",
            "404 Not Found",
            "text/html",
            b"<html>gone</html>",
            "2024-04-10T09:30:00Z",
        )
        response(
            "https://news.example/old", "301 Moved Permanently", "text/html", b"", "2024-04-10T09:40:00Z"
        )
        response(
            "https://news.example/b",
            "200 OK",
            "text/html",
            STORY.format(title="More floods", n=450).encode("utf-8"),
            "2024-04-11T10:00:00Z",
        )


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def warc_file(request, tmp_path):
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    write_warc(path, gzip=request.param)
    return str(path)


@pytest.mark.parametrize("backend", [_iter_fastwarc, _iter_warcio], ids=["fastwarc", "warcio"])
def test_only_html_200_responses_become_documents(warc_file, backend):
    if backend is _iter_fastwarc:
        pytest.importorskip("fastwarc")
    docs = list(backend(warc_file, 0))
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert [d.published for d in docs] == ["2024-04-10", "2024-04-11"]
    assert all(d.format == "html" and d.container == "warc" for d in docs)
    assert "300 people" in docs[0].content and "450 people" in docs[1].content
    assert docs[0].meta["warc_record_id"].startswith("<urn:uuid:")
    # sources carry the record's byte offset, the same whichever backend read it
    offsets = [int(d.source.rsplit("@", 1)[1]) for d in docs]
    assert offsets[0] > 0 and offsets[1] > offsets[0]


def test_backends_agree_on_offsets(warc_file):
    pytest.importorskip("fastwarc")
    assert [d.source for d in _iter_fastwarc(warc_file, 0)] == [d.source for d in _iter_warcio(warc_file, 0)]


@pytest.mark.parametrize("backend", [_iter_fastwarc, _iter_warcio], ids=["fastwarc", "warcio"])
def test_reading_resumes_at_a_record_offset(warc_file, backend):
    first, second = list(iter_warc(warc_file))
    resumed = list(backend(warc_file, int(second.source.rsplit("@", 1)[1])))
    assert [(d.url, d.source) for d in resumed] == [(second.url, second.source)]


def test_iter_documents_picks_the_warc_reader_by_extension(warc_file):
    docs = list(iter_documents([warc_file]))
    assert len(docs) == 2 and docs[0].source.startswith(warc_file + "@")


def test_truncated_warc_reports_an_error_and_keeps_what_was_read(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # cut inside the last record
    items = list(iter_documents([str(path)]))
    assert items and items[0].url == "https://news.example/a"


def test_warc_articles_are_stored_with_url_and_date(tmp_path):
    from eventwire.pipeline.ingest import ingest_paths
    from eventwire.store import connect

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    conn = connect(tmp_path / "t.db")
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 2, report.failed
    rows = conn.execute("SELECT url, published, format FROM articles ORDER BY url").fetchall()
    assert [tuple(r) for r in rows] == [
        ("https://news.example/a", "2024-04-10", "html"),
        ("https://news.example/b", "2024-04-11", "html"),
    ]
