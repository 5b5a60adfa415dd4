"""REST API contract: shapes, filters, totals, errors, token-guarded writes; and the HTML pages' escaping."""

from __future__ import annotations

import sqlite3
import threading
from types import SimpleNamespace

import pytest

from conftest_browser import XSS_IMG, XSS_SCRIPT, fixture_db

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.serve import create_app  # noqa: E402
from eventwire.serve.app import reader  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("api") / "fixture.db")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def assert_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"} and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def ids(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [row["id"] for row in r.json()["data"]]


# --- events --------------------------------------------------------------------------------------


def test_events_page_shape_and_counts(client):
    body = client.get("/api/events").json()  # a store never clustered: its reports are its events
    assert set(body) == {"data", "total", "limit", "offset", "kind"} and body["kind"] == "mentions"
    assert body["total"] == 5 and len(body["data"]) == 5 and body["limit"] == 50 and body["offset"] == 0
    kharkiv = next(e for e in body["data"] if e["id"] == "kharkiv01:e0")
    assert kharkiv["source_country"] == "RUS" and kharkiv["mode"] == ["missile"]
    assert (
        kharkiv["sentence"].startswith("Russian forces fired")
        and kharkiv["url"] == "https://wire.example.org/kharkiv"
    )
    assert [(c["category"], c["value"]) for c in kharkiv["counts"]] == [("dead", 12.0)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=COERCE", {"nairobi02:e1", "xss04:e0"}),
        ("type=ASSAULT&type=SANCTION", {"kharkiv01:e0", "sanctions03:e0"}),
        ("type=assault,sanction", {"kharkiv01:e0", "sanctions03:e0"}),
        ("actor=RUS", {"kharkiv01:e0", "sanctions03:e0"}),
        ("actor=police", {"nairobi02:e1", "xss04:e0"}),
        ("country=ken", {"nairobi02:e0", "nairobi02:e1"}),
        ("since=2024-04-16&until=2024-04-16", {"nairobi02:e0", "nairobi02:e1"}),
        ("since=2024-04-30", {"sanctions03:e0"}),  # "2024-05" (month precision)
        ("modality=alleged&modality=future", {"nairobi02:e1", "sanctions03:e0"}),
        ("text=witnesses", {"xss04:e0"}),
        ("article=nairobi", {"nairobi02:e0", "nairobi02:e1"}),
        ("actor=RUS&type=ASSAULT&since=2024-04-01&until=2024-04-30", {"kharkiv01:e0"}),
        (
            "actor=&country=&text=",
            {"kharkiv01:e0", "nairobi02:e0", "nairobi02:e1", "sanctions03:e0", "xss04:e0"},
        ),
    ],
)
def test_event_filters(client, query, expected):
    r = client.get(f"/api/events?{query}")
    assert set(ids(r)) == expected and r.json()["total"] == len(expected)


def test_event_pagination_and_sort(client):
    everything = ids(client.get("/api/events?sort=-date"))
    assert everything[0] == "sanctions03:e0"  # 2024-05 sorts after the April days
    pages = [client.get(f"/api/events?sort=-date&limit=2&offset={o}").json() for o in (0, 2, 4)]
    assert [p["total"] for p in pages] == [5, 5, 5]
    assert [e["id"] for p in pages for e in p["data"]] == everything
    assert client.get("/api/events?limit=2&offset=10").json() == {
        "data": [],
        "total": 5,
        "limit": 2,
        "offset": 10,
        "kind": "mentions",
    }


@pytest.mark.parametrize(
    "query, status, code",
    [
        ("type=NOPE", 400, "EW300"),
        ("modality=certain", 400, "EW300"),
        ("sort=trigger", 400, "EW300"),
        ("limit=5000", 422, "invalid_parameter"),
        ("limit=abc", 422, "invalid_parameter"),
        ("offset=-1", 422, "invalid_parameter"),
        ("since=yesterday", 422, "invalid_parameter"),
        ("since=2024-13-45", 400, "EW300"),
    ],
)
def test_bad_event_parameters_are_4xx_with_a_message(client, query, status, code):
    err = assert_error(client.get(f"/api/events?{query}"), status, code)
    assert query.split("=")[0] in err["message"] or "type" in err["message"] or "modality" in err["message"]


def test_one_event(client):
    data = client.get("/api/events/nairobi02:e1").json()["data"]
    assert data["type"] == "COERCE" and data["modality"] == "alleged" and data["counts"][0]["value"] == 45
    assert_error(client.get("/api/events/nope"), 404, "EW404")


# --- other listings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint, params",
    [
        ("quotes", ""),
        ("quotes", "country=UKR"),
        ("quotes", "anonymous=false"),
        ("actors", ""),
        ("actors", "country=ken"),
        ("actors", "sector=COP"),
        ("places", ""),
        ("places", "kind=city"),
        ("places", "country=NGA"),
        ("articles", ""),
        ("articles", "since=2024-04-16"),
        ("articles", "outlet=Wire"),
    ],
)
def test_listing_totals_match_unpaginated_listings(client, endpoint, params):
    full = client.get(f"/api/{endpoint}?{params}&limit=1000").json()
    first = client.get(f"/api/{endpoint}?{params}&limit=1").json()
    assert full["total"] == len(full["data"]) == first["total"]
    assert len(first["data"]) == min(1, full["total"])


def test_listing_contents(client):
    quotes = client.get("/api/quotes").json()
    assert quotes["total"] == 1 and quotes["data"][0]["speaker_text"] == "the mayor"
    actors = {(a["name"], a["country"]) for a in client.get("/api/actors?limit=100").json()["data"]}
    assert ("Russia", "RUS") in actors and ("European Union", "EUR") in actors
    places = client.get("/api/places?country=KEN").json()["data"]
    assert places[0]["name"] == "Nairobi" and places[0]["lat"] == pytest.approx(-1.29)
    articles = client.get("/api/articles").json()
    assert articles["total"] == 4 and articles["data"][0]["id"] == "xss04"  # newest first
    assert {a["id"]: a["events"] for a in articles["data"]}["nairobi02"] == 2


def test_one_article_with_evidence(client):
    data = client.get("/api/articles/kharkiv01").json()["data"]
    dropped = [p for p in data["paragraphs"] if not p["kept"]]
    assert dropped == [
        {
            "idx": 0,
            "line": None,
            "text": "Subscribe to our newsletter for daily updates",
            "kept": 0,
            "reason": "newsletter prompt",
            "start": None,
            "end": None,
        }
    ]
    ev = data["events"][0]
    assert data["text"][ev["start"] : ev["end"]] == "fired"
    assert (
        data["text"][data["quotes"][0]["start"] : data["quotes"][0]["end"]] == "We will rebuild every home,"
    )
    assert client.get("/api/articles/khark").json()["data"]["id"] == "kharkiv01"  # unique prefix
    assert_error(client.get("/api/articles/zzz"), 404, "EW404")


def test_search(client):
    r = client.get("/api/search?q=Kharkiv").json()
    assert r["total"] == 1 and r["data"][0]["id"] == "kharkiv01" and "[Kharkiv]" in r["data"][0]["snippet"]
    assert client.get('/api/search?q="unbalanced').json()["total"] == 0  # invalid FTS syntax: plain words
    assert client.get("/api/search?q=finance OR sanctions").json()["total"] == 2
    assert_error(client.get("/api/search?q="), 422, "invalid_parameter")
    assert_error(client.get("/api/search"), 422, "invalid_parameter")
    assert_error(client.get("/api/search?q=%3A%3A"), 400, "EW300")  # nothing searchable


def test_stats_and_aggregates(client):
    stats = client.get("/api/stats").json()["data"]
    assert stats["articles"] == 4 and stats["events"] == 5 and stats["paragraphs_dropped"] == 3
    tl = client.get("/api/timeline").json()["data"]
    assert tl["days"] == ["2024-04-14", "2024-04-16", "2024-04-18"] and tl["partial"] == 1
    assert tl["counts"]["COERCE"] == [0, 1, 1]
    matrix = client.get("/api/actor-matrix?type=ASSAULT").json()["data"]
    assert matrix["cells"] == [{"source": "RUS", "target": "UKR", "events": 1, "by_type": {"ASSAULT": 1}}]
    by_name = client.get("/api/actor-matrix?by=name&actor=KEN").json()["data"]
    assert "(unknown)" in by_name["targets"]  # the protest has no target
    assert_error(client.get("/api/actor-matrix?by=colour"), 422)
    geo = client.get("/api/map").json()["data"]
    assert geo["ungeocoded"] == 1 and {p["name"] for p in geo["points"]} == {"Kharkiv", "Nairobi", "Lagos"}
    nairobi = next(p for p in geo["points"] if p["name"] == "Nairobi")
    assert nairobi["events"] == 2 and nairobi["example_article"] == "nairobi02"


def test_unknown_routes_and_methods_use_the_error_shape(client):
    assert_error(client.get("/api/nothing"), 404, "not_found")
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")


def test_openapi_schema_lists_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/quotes",
        "/api/actors",
        "/api/places",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/stats",
        "/api/timeline",
        "/api/actor-matrix",
        "/api/map",
    ):
        assert "get" in paths[path], path
    assert "post" in paths["/api/articles"]
    assert client.get("/api/docs").status_code == 200


def test_reads_use_read_only_connections(db):
    gen = reader(SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(db=str(db)))))
    conn = next(gen)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM events")
    gen.close()


def test_missing_database_fails_at_startup(tmp_path):
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="not found"):
        create_app(tmp_path / "absent.db")


# --- writes --------------------------------------------------------------------------------------


def test_writes_are_off_without_a_token(client, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    err = assert_error(client.post("/api/articles", json={"text": "x"}), 403, "writes_disabled")
    assert "--token" in err["message"]
    assert_error(client.post("/articles", json={"text": "x"}), 403, "writes_disabled")


@pytest.fixture(scope="module")
def writer_client(tmp_path_factory):
    return TestClient(create_app(fixture_db(tmp_path_factory.mktemp("w") / "w.db"), token=TOKEN))


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_need_the_right_token(writer_client):
    r = writer_client.post("/api/articles", json={"text": "x"})
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"
    assert_error(writer_client.post("/api/articles", json={"text": "x"}, headers=auth("wrong")), 401)
    assert_error(
        writer_client.post("/api/articles", json={"text": "x"}, headers={"Authorization": TOKEN}), 401
    )


@pytest.mark.parametrize(
    "kwargs, status",
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ({"json": {"title": "no body"}}, 422),
        ({"json": ["a", "list"]}, 422),
        ({"content": b"%PDF", "headers": {"content-type": "application/pdf"}}, 422),
        ({"content": b"", "headers": {"content-type": "text/plain"}}, 422),
        ({"content": b"\x00\x01binary", "headers": {"content-type": "text/plain"}}, 422),
        (
            {
                "content": b"text",
                "headers": {"content-type": "text/plain"},
                "params": {"published": "someday"},
            },
            422,
        ),
    ],
)
def test_bad_write_payloads_are_422(writer_client, kwargs, status):
    headers = {**auth(), **kwargs.pop("headers", {})}
    assert_error(writer_client.post("/api/articles", headers=headers, **kwargs), status)


ARTICLE = (
    "Police in Nairobi arrested 30 protesters on Tuesday after clashes near parliament, witnesses said. "
    "The interior ministry said the protest had been unlawful and promised an inquiry."
)


def test_post_json_text_and_html_articles(writer_client):
    r = writer_client.post(
        "/api/articles",
        headers=auth(),
        json={
            "text": ARTICLE,
            "url": "https://example.org/a",
            "title": "Nairobi arrests",
            "published": "2024-06-25",
            "outlet": "Test Wire",
        },
    )
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["status"] == "stored" and set(data) >= {
        "id",
        "events",
        "quotes",
        "dropped_paragraphs",
        "href",
    }
    stored = writer_client.get(data["href"]).json()["data"]
    assert (
        stored["title"] == "Nairobi arrests"
        and stored["outlet"] == "Test Wire"
        and "Nairobi" in stored["text"]
    )
    assert len(stored["events"]) == data["events"]
    again = writer_client.post(
        "/articles",
        headers=auth(),
        json={
            "text": ARTICLE,
            "url": "https://example.org/a",
            "title": "Nairobi arrests",
            "published": "2024-06-25",
            "outlet": "Test Wire",
        },
    )
    assert again.status_code == 201 and again.json()["data"]["status"] == "unchanged"
    assert again.json()["data"]["id"] == data["id"] and again.json()["data"]["events"] == data["events"]

    html = f"<html><body><h1>Kharkiv</h1><p>{ARTICLE.replace('Nairobi', 'Kharkiv')}</p></body></html>"
    r = writer_client.post(
        "/api/articles?outlet=HTML%20Wire&published=2024-06-26",
        headers={**auth(), "content-type": "text/html"},
        content=html.encode(),
    )
    assert r.status_code == 201, r.text
    stored = writer_client.get(r.json()["data"]["href"]).json()["data"]
    assert stored["format"] == "html" and stored["outlet"] == "HTML Wire" and "<p>" not in stored["text"]


def test_concurrent_writes_are_serialised(writer_client):
    results: list[int] = []

    def post(i: int) -> None:
        text = ARTICLE.replace("30", str(100 + i))
        results.append(
            writer_client.post(
                "/api/articles", headers={**auth(), "content-type": "text/plain"}, content=text.encode()
            ).status_code
        )

    threads = [threading.Thread(target=post, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [201, 201, 201]


def test_token_from_environment(db, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    c = TestClient(create_app(db))
    assert_error(c.post("/api/articles", json={"x": 1}, headers=auth("nope")), 401)
    assert_error(
        c.post("/api/articles", json={"x": 1}, headers=auth("from-env")), 422
    )  # authorised, bad body


# --- HTML pages ----------------------------------------------------------------------------------


def test_pages_render_and_escape_untrusted_text(client):
    for url in ("/", "/actors", "/map", "/articles", "/articles?q=Lagos", "/?type=COERCE&sort=-date"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
        assert XSS_SCRIPT not in r.text and XSS_IMG not in r.text, url
    page = client.get("/articles/xss04").text
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page  # an untrusted URL is never a link unless http(s)


def test_events_page_links_each_event_to_its_sentence(client):
    page = client.get("/?type=ASSAULT").text
    assert 'href="/articles/kharkiv01#event-kharkiv01:e0"' in page
    article = client.get("/articles/kharkiv01").text
    assert 'id="event-kharkiv01:e0"' in article and 'data-ev="kharkiv01:e0"' in article
    assert "dropped: newsletter prompt" in article and 'class="hl-event' not in article.split("</main>")[1]


def test_dashboard_errors_are_html(client):
    r = client.get("/articles/zzz")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "no article" in r.text
    r = client.get("/?type=NOPE")
    assert r.status_code == 400 and "unknown event type" in r.text
