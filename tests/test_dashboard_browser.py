"""The dashboard end to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The database is the bundled samples through the real pipeline, an ingested article carrying an XSS
payload, and the hand-built fixture articles (so filters and click-through have known events to
find whatever the extractors currently produce).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest_browser import FIXTURE_ARTICLES, PROV, XSS_IMG, XSS_SCRIPT, demo_db, live_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make browser)"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright python package")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    from eventwire.store import connect, save_article

    path = tmp_path_factory.mktemp("browser") / "dashboard.db"
    shutil.copy(demo_db(), path)
    conn = connect(path)
    for make in FIXTURE_ARTICLES:
        save_article(conn, *make(), **PROV)
    from eventwire.cluster.incremental import update_clustering

    update_clustering(conn)  # as an ingest does: the dashboard lists canonical events
    conn.close()
    return path


@pytest.fixture(scope="module")
def base_url(db):
    from eventwire.serve import create_app

    with live_server(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    pg.dialogs, pg.errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()


def test_dashboard_loads_with_charts_and_table(page, base_url):
    page.goto(base_url + "/")
    assert page.title() == "Events · eventwire"
    assert page.locator("#events-table tbody tr").count() >= 5
    assert page.locator("#timeline svg rect.bar").count() >= 3  # drawn by our script
    assert page.locator("#minimap svg circle.point").count() >= 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    assert page.errors == []


def test_filter_events_by_type_and_date(page, base_url):
    page.goto(base_url + "/")
    page.select_option("#f-type", "COERCE")
    page.fill("#f-since", "2024-04-01")
    page.fill("#f-until", "2024-04-30")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"type=COERCE"))
    badges = page.locator("#events-table tbody .badge").all_inner_texts()
    assert badges and set(badges) == {"COERCE"}
    assert page.locator("#event-total").inner_text() == f"{len(badges)} matches"
    assert {t.strip() for t in page.locator("#events-table tbody tr td:first-child").all_inner_texts()} <= {
        "2024-04-16",
        "2024-04-18",
    }


def test_sorting_by_date(page, base_url):
    page.goto(base_url + "/?since=2024-04-01&until=2024-04-30")
    cells = page.locator("#events-table tbody tr td:first-child")
    dates = [t.strip() for t in cells.all_inner_texts()]
    assert len(dates) >= 4 and dates == sorted(dates, reverse=True)  # newest first by default
    page.click("#events-table th a:has-text('Date')")
    page.wait_for_url(re.compile(r"sort=date"))
    dates = [t.strip() for t in cells.all_inner_texts()]
    assert len(dates) >= 4 and dates == sorted(dates)


def test_event_click_lands_on_its_highlighted_sentence(page, base_url):
    page.goto(base_url + "/?type=ASSAULT&actor=RUS&text=Kharkiv")
    page.locator('a.ev-link[href$="#event-kharkiv01:e0"]').click()
    page.wait_for_url(re.compile(r"/articles/kharkiv01#event-kharkiv01:e0$"))
    focused = page.locator("#article-text .focus")
    assert "Russian forces fired missiles at Kharkiv" in "".join(focused.all_inner_texts())
    box, viewport = focused.first.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] <= viewport["height"], box  # scrolled into view
    assert page.locator(".ev-item.focus").count() == 1
    dropped = page.locator(".para.dropped")
    assert dropped.count() == 1 and "newsletter prompt" in dropped.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article.png"))
    assert page.errors == []


def test_xss_payload_renders_as_text(page, base_url, db):
    from eventwire.store import connect

    conn = connect(db, readonly=True)
    ingested = conn.execute("SELECT id FROM articles WHERE outlet = 'Injection Times'").fetchone()[0]
    conn.close()
    for path in (f"/articles/{ingested}", "/articles/xss04", "/?text=witnesses", "/articles?q=Lagos"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.dialogs == [], path
        assert page.locator("main img").count() == 0, path
        assert page.locator("main script").count() == 0 or path.startswith("/?"), path
    page.goto(base_url + f"/articles/{ingested}")
    assert page.get_by_text(XSS_SCRIPT, exact=False).first.is_visible()
    page.goto(base_url + "/articles/xss04")
    text = page.locator("#article-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert page.locator("#article-title").inner_text() == f"Lagos {XSS_SCRIPT} rally"
    assert page.dialogs == [] and page.errors == []


def test_actor_matrix_and_map_pages(page, base_url):
    page.goto(base_url + "/actors?type=ASSAULT")
    cell = page.locator("#matrix td.cell:not(.empty)").first
    assert cell.inner_text().strip().isdigit()
    page.goto(base_url + "/map")
    assert page.locator("#map svg circle.point").count() >= 3
    page.goto(base_url + "/map?article=kharkiv01")
    assert page.locator("#map svg text.pt-label").all_text_contents() == ["Kharkiv"]
    page.locator("#map svg a.pt").click()
    page.wait_for_url(re.compile(r"/articles/kharkiv01#event-kharkiv01:e0$"))
    assert page.locator("#article-text .focus").count() >= 1
    assert page.errors == []
