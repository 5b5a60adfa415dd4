"""The server under hostile requests (issue 9, items 1 and 7).

A bug of ours answers in the documented JSON shape with 500 (logged with its traceback); search
input, paging and request bodies are bounded; every response carries the security headers; a Host
that is not ours is refused (DNS rebinding); the API docs need no CDN; ``%`` and ``_`` in id filters
match literally.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import re
import sqlite3
from pathlib import Path

import pytest

from conftest_browser import bulk_events, fixture_db

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.serve import create_app  # noqa: E402
from eventwire.serve.guard import MAX_PARAM_CHARS, MAX_SEARCH_TERMS  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return fixture_db(tmp_path_factory.mktemp("hardening") / "fixture.db")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def assert_error(r, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"} and body["error"]["message"]
    assert body["error"]["code"] == code, body
    return body["error"]["message"]


# --- 1. a bug of ours: JSON 500, logged --------------------------------------------------------


def test_an_unexpected_error_is_a_json_500_in_the_documented_shape(client, monkeypatch, caplog):
    import eventwire.query.dataset
    import eventwire.serve.pages

    def broken(*_args, **_kwargs):
        raise RuntimeError("planted bug in list_dataset_events")

    # the API and the dashboard list events through the same function of query/
    monkeypatch.setattr(eventwire.query.dataset, "list_dataset_events", broken)
    monkeypatch.setattr(eventwire.serve.pages, "list_dataset_events", broken)
    with caplog.at_level(logging.ERROR, logger="eventwire.serve"):
        r = client.get("/api/events")
    message = assert_error(r, 500, "internal_error")
    assert "bug" in message and "planted" not in message  # no internals leak to the client
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers
    (record,) = [rec for rec in caplog.records if rec.exc_info]
    assert "GET /api/events" in record.getMessage()
    assert record.exc_info[0] is RuntimeError and "planted bug" in str(record.exc_info[1])

    page = client.get("/?type=ASSAULT")  # a dashboard URL: the same error as an HTML page
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "internal error" in page.text and "Traceback" not in page.text


def test_an_unexpected_error_in_a_write_is_a_json_500(db, monkeypatch, tmp_path):
    from eventwire.serve import writer

    def broken(self, doc):
        raise KeyError("planted")

    monkeypatch.setattr(writer.Writer, "ingest", broken)
    c = TestClient(create_app(db, token=TOKEN))
    r = c.post("/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(r, 500, "internal_error")


# --- 7. bounded search, paging and bodies ------------------------------------------------------


def test_search_input_is_bounded(client):
    assert client.get("/api/search", params={"q": "Kharkiv"}).json()["total"] >= 1
    huge = "missile " * 5_000  # 40 KB: over the whole query string's limit
    assert_error(client.get("/api/search", params={"q": huge}), 414, "too_long")
    long = "missile" * 200  # one 1,400-character word
    message = assert_error(client.get("/api/search", params={"q": long}), 422, "too_long")
    assert f"{MAX_PARAM_CHARS:,}" in message
    many = " OR ".join(f"w{i}" for i in range(MAX_SEARCH_TERMS))  # 63 words
    assert_error(client.get("/api/search", params={"q": many}), 422, "too_many_terms")
    fine = " ".join(["Kharkiv"] * MAX_SEARCH_TERMS)
    assert client.get("/api/search", params={"q": fine}).status_code == 200
    page = client.get("/articles", params={"q": long})  # the dashboard's search: an HTML error
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    assert_error(client.get("/api/events", params={"actor": "x" * (MAX_PARAM_CHARS + 1)}), 422, "too_long")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.db"
    fixture_db(path)
    conn = sqlite3.connect(path, isolation_level=None)
    bulk_events(conn, 30_000)
    conn.close()
    return path


def test_a_query_over_its_time_budget_is_stopped_with_503(big_db):
    params = {"text": "no such words anywhere", "limit": 10}
    unbounded = TestClient(create_app(big_db, query_budget=None)).get("/api/events", params=params)
    assert unbounded.status_code == 200 and unbounded.json()["total"] == 0
    tight = TestClient(create_app(big_db, query_budget=1e-6))
    message = assert_error(tight.get("/api/events", params=params), 503, "query_timeout")
    assert "1e-06 s" in message
    assert TestClient(create_app(big_db)).get("/api/events", params=params).status_code == 200


def test_the_budget_stops_a_long_statement_and_each_statement_has_its_own(db):
    import time

    from eventwire.store import connect

    conn = connect(db, readonly=True)
    conn.set_query_budget(0.3)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n"
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute(endless).fetchone()
    assert time.monotonic() - started < 5
    for _ in range(3):  # later statements start with a fresh budget
        time.sleep(0.35)
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 5
    conn.set_query_budget(None)
    assert (
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)"
            " SELECT COUNT(*) FROM n"
        ).fetchone()[0]
        == 300000
    )
    conn.close()


@pytest.mark.parametrize(
    "url",
    [
        "/api/events?offset=1000000000000000000000000000",
        "/api/events?offset=100001",
        "/api/events?limit=1000000000000000000000000000",
        "/api/articles?offset=99999999999999999999",
        "/api/search?q=missile&offset=1000000000000000000000",
        "/api/quotes?limit=-1",
    ],
)
def test_huge_offsets_and_limits_are_4xx(client, url):
    assert_error(client.get(url), 422, "invalid_parameter")


def test_the_deepest_allowed_page_answers(client):
    body = client.get("/api/events", params={"offset": 100_000}).json()
    assert body["data"] == [] and body["total"] == 5 and body["offset"] == 100_000


def test_an_oversized_body_is_refused_from_its_content_length(db):
    c = TestClient(create_app(db, token=TOKEN, max_body=2000))
    headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}
    message = assert_error(c.post("/api/articles", content=b"x" * 2001, headers=headers), 413, "too_large")
    assert "2,000" in message


def test_a_streamed_body_is_cut_off_at_the_limit(db):
    """ASGI level, so the body really arrives in chunks (no Content-Length): reading stops early."""
    app = create_app(db, token=TOKEN, max_body=10_000)
    chunks_read = 0
    sent: list[dict] = []

    async def receive():
        nonlocal chunks_read
        chunks_read += 1
        return {"type": "http.request", "body": b"y" * 1000, "more_body": chunks_read < 1000}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/articles",
        "raw_path": b"/api/articles",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"127.0.0.1:8000"),
            (b"authorization", f"Bearer {TOKEN}".encode()),
            (b"content-type", b"text/plain"),
            (b"transfer-encoding", b"chunked"),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert start["status"] == 413 and b'"too_large"' in body
    assert chunks_read <= 12  # stopped just past 10 KB, not after the 1 MB that was on offer


# --- 7. headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/actors", "/map", "/articles", "/articles/kharkiv01", "/api/events", "/api/docs", "/nope"]
)
def test_every_response_carries_the_security_headers(client, url):
    r = client.get(url)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "default-src 'self'" in csp
    assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("url", ["/", "/map", "/actors", "/articles/kharkiv01", "/api/docs"])
def test_the_csp_allows_exactly_the_pages_own_inline_scripts(client, url):
    r = client.get(url)
    script_src = r.headers["content-security-policy"].split("script-src ")[1].split(";")[0].split()
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", r.text, flags=re.S):
        if "src=" in attrs:
            assert re.search(r'src="/static/', attrs), attrs  # our own files only, no CDN
        elif "application/json" not in attrs:
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in script_src, (url, body[:80])


# --- 7. Host header (DNS rebinding) --------------------------------------------------------------


def test_a_foreign_host_header_is_refused(db):
    c = TestClient(create_app(db, host="127.0.0.1"), base_url="http://127.0.0.1:8000")
    assert c.get("/api/stats").status_code == 200
    for ok in ("localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"):
        assert c.get("/api/stats", headers={"host": ok}).status_code == 200, ok
    message = assert_error(c.get("/api/stats", headers={"host": "evil.example:8000"}), 400, "bad_host")
    assert "evil.example" in message and "--allow-host" in message
    assert_error(c.get("/api/stats", headers={"host": "10.0.0.7:8000"}), 400, "bad_host")
    page = c.get("/", headers={"host": "rebind.attacker.test"})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert "x-frame-options" in page.headers


def test_allowed_hosts_and_a_server_on_every_interface(db):
    c = TestClient(create_app(db, host="127.0.0.1", allowed_hosts=["news.example.org"]))
    assert c.get("/api/stats", headers={"host": "news.example.org"}).status_code == 200
    assert c.get("/api/stats", headers={"host": "news.example.org."}).status_code == 200
    assert c.get("/api/stats", headers={"host": "other.example.org"}).status_code == 400

    every = TestClient(create_app(db, host="0.0.0.0"))
    assert every.get("/api/stats", headers={"host": "192.168.1.20:8000"}).status_code == 200
    assert every.get("/api/stats", headers={"host": "[fe80::1]:8000"}).status_code == 200
    assert every.get("/api/stats", headers={"host": "evil.example"}).status_code == 400
    anyone = TestClient(create_app(db, host="127.0.0.1", allowed_hosts=["*"]))
    assert anyone.get("/api/stats", headers={"host": "evil.example"}).status_code == 200


def test_eventwire_serve_checks_the_host(db, monkeypatch, capsys):
    import uvicorn

    from eventwire.cli.main import main

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    assert main(["serve", "--db", str(db), "--allow-host", "news.example.org", "--query-timeout", "5"]) == 0
    assert served["host"] == "127.0.0.1"
    c = TestClient(served["app"])
    assert c.get("/api/stats", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert c.get("/api/stats", headers={"host": "news.example.org"}).status_code == 200
    assert_error(c.get("/api/stats", headers={"host": "evil.example"}), 400, "bad_host")
    assert served["app"].state.query_budget == 5


# --- 7. docs offline -----------------------------------------------------------------------------


def test_the_api_docs_page_needs_no_cdn(client):
    r = client.get("/api/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    spec = client.get("/api/openapi.json").json()
    for path in spec["paths"]:
        assert f"<code>GET {path}</code>" in r.text or f"<code>POST {path}</code>" in r.text, path
    assert "Page size" in r.text and "Full-text search" in r.text  # descriptions and summaries
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text)  # nothing loaded from elsewhere
    assert "cdn" not in r.text.lower()
    assert 'action="/api/events"' in r.text  # a "Try it" form per GET endpoint
    assert client.get("/api/redoc").status_code == 404
    assert client.get("/static/api_docs.js").status_code == 200


def test_the_api_docs_try_it_form_sends_only_filled_fields(client):
    js = client.get("/static/api_docs.js").text
    assert "disabled" in js and "form.try-it" in js
    r = client.get("/api/docs")
    assert 'class="filters try-it"' in r.text and 'name="limit" value="50"' in r.text


# --- 7. LIKE wildcards in id filters -------------------------------------------------------------


def test_percent_and_underscore_in_id_filters_match_literally(client):
    def total(url: str) -> int:
        r = client.get(url)
        assert r.status_code == 200, r.text
        return r.json()["total"]

    assert total("/api/events?article=kharkiv") >= 1
    assert total("/api/events?article=%25") == 0  # '%' is no wildcard
    assert total("/api/events?article=kh_rkiv") == 0  # nor is '_'
    assert total("/api/events?article=kharkiv01") == total("/api/events?article=kharkiv")
    assert total("/api/quotes?article=%25") == 0 and total("/api/actors?article=_") == 0
    assert total("/api/places?article=%25") == 0 and total("/api/articles?outlet=%25") == 0
    assert total("/api/events?actor=%25%25") == 0 and total("/api/quotes?speaker=_") == 0
    assert_error(client.get("/api/articles/%25"), 404, "EW404")
    assert_error(client.get("/api/articles/_"), 404, "EW404")
    assert client.get("/api/articles/kharkiv").json()["data"]["id"] == "kharkiv01"


# --- the dashboard and the docs page in a real browser, behind the Host check and the CSP --------


@pytest.mark.browser
def test_pages_run_in_chromium_under_the_csp_and_host_check(db):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    from conftest_browser import live_server

    with live_server(create_app(db, host="127.0.0.1")) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        page.wait_for_selector("#timeline svg .bin")  # drawn by our scripts, allowed by the CSP
        page.wait_for_selector("#map[data-ready='1']")
        assert page.locator("#map .ew-mk").count() >= 1
        page.goto(url + "/map")
        page.wait_for_selector("#map[data-ready='1']")
        page.goto(url + "/api/docs")
        form = page.locator('form[action="/api/events"]')
        form.locator('input[name="type"]').fill("ASSAULT")
        with page.expect_navigation():
            form.locator("button").click()
        assert "type=ASSAULT" in page.url and "since=" not in page.url
        assert '"data"' in page.content()
        browser.close()
    assert errors == []
