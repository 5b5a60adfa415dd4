"""The dashboard end to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The database is the bundled samples through the real pipeline, an ingested article carrying an XSS
payload, and the hand-built fixture articles (so filters and click-through have known events to
find whatever the extractors currently produce), clustered into canonical events. One server and
one browser serve the whole module; the server sends a strict content security policy
(``script-src 'self'``, no inline style attributes) so any inline script would break a test.

Screenshots at 1400 and 800 px go to artifacts/ (gitignored).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest_browser import FIXTURE_ARTICLES, PROV, XSS_IMG, XSS_SCRIPT, demo_db, live_server

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "artifacts"
AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
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
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make browser)"
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright python package")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    from eventwire.cluster.incremental import update_clustering
    from eventwire.pipeline import process_text
    from eventwire.store import connect, save_article

    path = tmp_path_factory.mktemp("browser") / "dashboard.db"
    shutil.copy(demo_db(), path)
    conn = connect(path)
    for make in FIXTURE_ARTICLES:
        save_article(conn, *make(), **PROV)
    # a page with no publication date: its events have no date at all (no story date to fall back on)
    undated = process_text("Police in Harare arrested 12 opposition activists on charges of treason.")
    assert undated.extraction.events and undated.article.published is None
    save_article(conn, undated.article, undated.extraction, **PROV)
    update_clustering(conn)  # as an ingest would: the fixture reports join canonical events
    conn.close()
    return path


@pytest.fixture(scope="module")
def base_url(db):
    from eventwire.serve import create_app

    app = create_app(db)

    @app.middleware("http")
    async def strict_csp(request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        return response

    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def _page(browser, width=1400, height=1000):
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(8000)
    pg.dialogs, pg.errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    return context, pg


@pytest.fixture
def page(browser):
    context, pg = _page(browser)
    yield pg
    context.close()


@pytest.fixture
def narrow(browser):
    context, pg = _page(browser, width=800)
    yield pg
    context.close()


def map_ready(page):
    page.wait_for_selector("#map[data-ready='1']")
    return page.locator("#map")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def total(page) -> int:
    return int(re.sub(r"\D", "", page.locator("#event-total").inner_text()))


# --- explorer: loads, screenshots, layout --------------------------------------------------------------


def test_explorer_loads_and_screenshots(page, narrow, base_url):
    for pg, width in ((page, 1400), (narrow, 800)):
        pg.goto(base_url + "/")
        assert pg.title() == "Events · eventwire"
        assert pg.locator("#events-table tbody tr").count() >= 5
        assert pg.locator("#timeline svg .bin").count() >= 3  # drawn by our script
        map_ready(pg)
        assert pg.locator("#map .ew-mk").count() >= 1
        assert int(pg.locator("#map").get_attribute("data-areas")) >= 1  # country-level events shaded
        overflow = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"horizontal scroll at {width}px: {overflow}px"
        shot(pg, f"dashboard-{width}.png")
        pg.goto(base_url + "/map")
        map_ready(pg)
        shot(pg, f"map-{width}.png")
        assert pg.errors == [], pg.errors  # includes CSP violations: no inline script or style


def test_no_inline_scripts(page, base_url):
    page.goto(base_url + "/")
    inline = page.evaluate(
        "() => [...document.scripts].filter(s => !s.src && s.type !== 'application/json').length"
    )
    assert inline == 0
    assert (
        page.locator("[style]").evaluate_all(
            "els => els.filter(e => !e.closest('#map, .legend-row, .map-legend, .ew-tip')).length"
        )
        == 0
    )


def test_filter_form_and_sorting(page, base_url):
    page.goto(base_url + "/?type=COERCE")
    page.fill("#f-since", "2024-04-01")
    page.fill("#f-until", "2024-04-30")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"since=2024-04-01.*until=2024-04-30|until=2024-04-30.*since=2024-04-01"))
    assert "type=COERCE" in page.url  # the facet selection survives the form
    badges = page.locator("#events-table tbody .badge").all_inner_texts()
    assert badges and set(badges) == {"COERCE"}
    assert total(page) == len(badges)
    page.goto(base_url + "/?since=2024-04-01&until=2025-12-31")
    cells = page.locator("#events-table tbody tr td:first-child")
    dates = [t.split()[0] for t in cells.all_inner_texts()]
    assert len(dates) >= 4 and dates == sorted(dates, reverse=True)  # newest first by default
    page.click("#events-table th a:has-text('Date')")
    page.wait_for_url(re.compile(r"sort=date"))
    dates = [t.split()[0] for t in cells.all_inner_texts()]
    assert dates == sorted(dates)


# --- facets -------------------------------------------------------------------------------------------


def test_facet_click_adds_and_removes_a_filter(page, base_url):
    page.goto(base_url + "/")
    before = total(page)
    link = page.locator("[data-facet='type'] a.fv", has_text="COERCE").first
    count = int(link.locator(".fv-n").inner_text())
    link.click()
    page.wait_for_url(re.compile(r"type=COERCE"))
    assert total(page) == count < before  # the facet's count is what the table then lists
    assert set(page.locator("#events-table tbody .badge").all_inner_texts()) == {"COERCE"}
    assert int(page.locator("#card-events").inner_text().replace(",", "")) == count  # cards follow
    assert page.locator("[data-facet='type'] a.fv.sel").count() == 1
    # A second value of the same facet is an alternative (OR); another facet narrows (AND).
    page.locator("[data-facet='type'] a.fv", has_text="ASSAULT").first.click()
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    both = total(page)
    assert both > count and set(page.locator("#events-table tbody .badge").all_inner_texts()) <= {
        "COERCE",
        "ASSAULT",
    }
    page.locator("[data-facet='place'] a.fv", has_text="Kharkiv").first.click()
    page.wait_for_url(re.compile(r"place=Kharkiv"))
    assert 0 < total(page) < both
    assert page.locator(".chips .chip").count() >= 3
    # Clicking a selected value removes it; a chip removes its filter too.
    page.locator("[data-facet='type'] a.fv.sel", has_text="ASSAULT").click()
    page.wait_for_url(lambda url: "type=ASSAULT" not in url)
    page.locator(".chips a.chip", has_text="Kharkiv").click()
    page.wait_for_url(lambda url: "place=" not in url)
    assert total(page) == count
    # The URL is the whole state: a fresh page at this URL shows the same.
    permalink = page.url
    page.goto(permalink)
    assert total(page) == count
    assert page.errors == []


def test_reports_view_counts_reports(page, base_url):
    page.goto(base_url + "/")
    events = total(page)
    page.click(".seg a:has-text('Reports')")
    page.wait_for_url(re.compile(r"view=reports"))
    assert total(page) > events
    assert page.locator("#events-table th", has_text="Conf.").count() == 1


# --- timeline -----------------------------------------------------------------------------------------


def test_timeline_brush_sets_the_date_filter(page, base_url):
    page.goto(base_url + "/?view=reports")  # reports show their own dates
    bins = page.locator("#timeline .bin")
    n = bins.count()
    assert n >= 3
    first = bins.nth(0)
    last = bins.nth(n // 2)
    start, end = first.get_attribute("data-start"), last.get_attribute("data-end")
    a, b = first.bounding_box(), last.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move((a["x"] + b["x"]) / 2, a["y"] + a["height"] / 2, steps=4)
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=4)
    page.mouse.up()
    page.wait_for_url(re.compile(r"since="))
    assert f"since={start}" in page.url and f"until={end}" in page.url
    assert page.locator("#f-since").input_value() == start
    assert page.locator(".chips .chip", has_text="From").count() == 1
    assert "dated=day" in page.url  # what the bars count: a day or a week, not "2025" alone
    dates = [c.split()[0] for c in page.locator("#events-table tbody td:first-child").all_inner_texts()]
    assert dates and all(start <= d <= end for d in dates), dates
    bars = sum(
        int(b.get_attribute("aria-label").split(": ")[1].split()[0].rstrip("."))
        for b in page.locator("#timeline .bin").all()
    )
    assert total(page) == bars  # reports: each on one bar
    # The bars now span the brushed range only, in finer bins when it is short.
    assert page.locator("#timeline .bin").first.get_attribute("data-start") == start
    assert page.errors == []


def test_timeline_keyboard_and_undated_events(page, base_url):
    page.goto(base_url + "/")
    bar = page.locator("#timeline .bin").first
    bar.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"since="))
    page.goto(base_url + "/")
    link = page.locator("#show-undated")
    undated = int(link.inner_text().split()[0])
    assert undated > 0
    link.click()
    page.wait_for_url(re.compile(r"dated=none"))
    assert total(page) == undated  # undated events are counted and reachable
    page.goto(base_url + "/")
    partial = page.locator("#show-partial")
    n = int(partial.inner_text().split()[0])
    partial.click()
    page.wait_for_url(re.compile(r"dated=partial"))
    assert total(page) == n


# --- map ----------------------------------------------------------------------------------------------


def test_map_zoom_and_cluster_click(page, base_url):
    page.goto(base_url + "/map#map=2/30/20")
    box = map_ready(page)
    assert box.get_attribute("data-zoom") == "2"
    cluster = page.locator("#map .ew-cluster").first
    assert cluster.count() == 1, "nearby places merge at zoom 2"
    places = int(cluster.get_attribute("data-places"))
    assert places >= 2
    cluster.click()
    page.wait_for_function("() => +document.getElementById('map').dataset.zoom > 2")
    page.wait_for_timeout(500)  # the fly-to animation ends
    assert float(box.get_attribute("data-zoom")) > 2
    assert "#map=" in page.url  # the view is part of the permalink
    # The zoom control zooms in one step.
    z = float(box.get_attribute("data-zoom"))
    page.click(".leaflet-control-zoom-out")
    page.wait_for_function(f"() => +document.getElementById('map').dataset.zoom < {z}")
    assert page.errors == []


def test_map_place_opens_its_events(page, base_url):
    page.goto(base_url + "/map?article=kharkiv01")
    map_ready(page)
    marker = page.locator("#map .ew-place[data-place='Kharkiv']")
    assert marker.count() == 1 and marker.get_attribute("data-events") == "1"
    marker.click()
    link = page.locator(".leaflet-popup a.ew-pop-event").first
    assert "ASSAULT" in link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/events/ev-"))
    assert "ASSAULT" in page.locator("#event-title").inner_text()
    assert "Russian forces fired missiles at Kharkiv" in page.locator("mark.ev-sentence").first.inner_text()
    assert page.errors == []


def test_map_keyboard_opens_a_place(page, base_url):
    page.goto(base_url + "/map?article=kharkiv01")
    map_ready(page)
    page.locator("#map .ew-place").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup a.ew-pop-event")


# --- event and actor pages ------------------------------------------------------------------------------


def test_event_page_from_the_table(page, base_url):
    page.goto(base_url + "/?type=ASSAULT&actor=RUS&article=kharkiv01")
    assert total(page) == 1
    page.locator("#events-table a.ev-link").first.click()
    page.wait_for_url(re.compile(r"/events/ev-"))
    assert page.title().startswith("ASSAULT")
    reports = page.locator("#reports li.report")
    assert reports.count() >= 1
    assert page.locator("mark.ev-sentence strong.ev-trigger").first.inner_text() == "fired"
    assert "Example Wire" in page.locator("#reports").inner_text()
    assert page.locator("#event-sources").inner_text().strip().isdigit()
    assert page.locator("#event-confidence").inner_text() == "0.90"
    assert "dead 12" in page.locator(".event-head").inner_text()
    shot(page, "event-1400.png")
    # The report links to its sentence highlighted in the article.
    page.locator("#reports .report-meta a").first.click()
    page.wait_for_url(re.compile(r"/articles/kharkiv01#event-kharkiv01:e0$"))
    focused = page.locator("#article-text .focus")
    assert "Russian forces fired missiles at Kharkiv" in "".join(focused.all_inner_texts())
    box, viewport = focused.first.bounding_box(), page.viewport_size
    assert box and 0 <= box["y"] <= viewport["height"], box  # scrolled into view
    assert page.locator(".para.dropped").count() == 1
    shot(page, "article-1400.png")
    assert page.errors == []


def test_event_and_actor_pages_at_800px(narrow, base_url):
    for path, name in (("/events/kharkiv01:e0", "event-800.png"), ("/actors/Russia", "actor-800.png")):
        narrow.goto(base_url + path)
        overflow = narrow.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
        shot(narrow, name)
    assert narrow.errors == []


def test_actor_page(page, base_url):
    page.goto(base_url + "/?article=kharkiv01")
    page.locator("#events-table td.actors a", has_text="Russia").first.click()
    page.wait_for_url(re.compile(r"/actors/Russia$"))
    assert page.locator("#actor-name").inner_text() == "Russia"
    assert "Russian forces" in page.locator("#aliases").inner_text()
    assert "RUS" in page.locator(".codes").inner_text()
    assert int(page.locator("#actor-events").inner_text()) >= 1
    assert "Ukraine" in page.locator("#counterparts-targets").inner_text()
    assert page.locator("#actor-timeline svg .bar").count() >= 1
    shot(page, "actor-1400.png")
    page.click("a.btn:has-text('in the explorer')")
    page.wait_for_url(re.compile(r"actor_name=Russia"))
    assert total(page) >= 1
    assert page.errors == []


def test_actor_matrix_is_readable_and_links(page, base_url):
    page.goto(base_url + "/actors?type=ASSAULT")
    cell = page.locator("#matrix td.cell:not(.empty)").first
    assert cell.inner_text().strip().isdigit()
    colours = cell.evaluate("td => [getComputedStyle(td).color, getComputedStyle(td).backgroundColor]")
    assert colours[0] != colours[1]
    page.locator("#top-actors a").first.click()
    page.wait_for_url(re.compile(r"/actors/.+"))
    assert page.errors == []


# --- downloads ------------------------------------------------------------------------------------------


def _download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_download_matches_the_cli_export(page, base_url, db):
    from typer.testing import CliRunner

    from eventwire.cli.main import app

    query = "type=COERCE&since=2024-04-01&until=2025-12-31"
    page.goto(base_url + "/?" + query)
    shown = total(page)
    got = _download(page, "#dl-csv")
    cli = CliRunner().invoke(
        app,
        [
            "export",
            "-f",
            "csv",
            "--db",
            str(db),
            "--type",
            "COERCE",
            "--since",
            "2024-04-01",
            "--until",
            "2025-12-31",
        ],
    )
    assert cli.exit_code == 0, cli.output
    assert got.decode("utf-8") == cli.stdout
    rows = list(csv.DictReader(io.StringIO(got.decode("utf-8"))))
    assert len(rows) == shown and {r["type"] for r in rows} == {"COERCE"}
    # Reports: the same as --mentions.
    page.goto(base_url + "/?view=reports&" + query)
    got = _download(page, "#dl-csv")
    cli = CliRunner().invoke(
        app,
        [
            "export",
            "-f",
            "csv",
            "--mentions",
            "--db",
            str(db),
            "--type",
            "COERCE",
            "--since",
            "2024-04-01",
            "--until",
            "2025-12-31",
        ],
    )
    assert got.decode("utf-8") == cli.stdout
    assert len(list(csv.DictReader(io.StringIO(cli.stdout)))) == total(page)


def test_downloads_of_facet_filters_in_every_format(page, base_url, db):
    from eventwire.query import EventFilter
    from eventwire.query.export import export
    from eventwire.store import connect

    page.goto(base_url + "/?outlet=Example+Wire&outlet=East+African+Ledger")
    shown = total(page)
    got = _download(page, "#dl-csv").decode("utf-8")
    expected = io.StringIO()
    conn = connect(db, readonly=True)
    export(conn, "csv", expected, EventFilter(outlets=["Example Wire", "East African Ledger"]))
    assert got == expected.getvalue() and len(list(csv.DictReader(io.StringIO(got)))) == shown
    records = json.loads(_download(page, "#dl-json"))
    # a canonical event matches when one of its reports does; it shows its best report's outlet
    assert len(records) == shown
    assert [r["id"] for r in records] == [row["id"] for row in csv.DictReader(io.StringIO(got))]
    geo = json.loads(_download(page, "#dl-geojson"))
    assert geo["type"] == "FeatureCollection" and 1 <= len(geo["features"]) <= shown
    lines = _download(page, "#dl-plover-jsonl").decode("utf-8").splitlines()
    assert len(lines) == shown and all(json.loads(line)["event"] for line in lines)
    conn.close()


# --- accessibility ----------------------------------------------------------------------------------------


def _axe(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_violation(page, narrow, base_url):
    page.goto(base_url + "/events/" + "kharkiv01:e0")
    event_path = page.url.removeprefix(base_url)
    paths = ["/?type=COERCE", "/map", "/actors", "/actors/Russia", event_path, "/articles/kharkiv01"]
    problems = {}
    for path in paths:
        page.goto(base_url + path)
        if page.locator("#map").count():
            map_ready(page)
        if found := _axe(page):
            problems[path] = found
    narrow.goto(base_url + "/")
    map_ready(narrow)
    if found := _axe(narrow):
        problems["/ at 800px"] = found
    assert problems == {}, json.dumps(problems, indent=1)


def test_keyboard_navigation(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "f-text"  # the first filter field
    # A facet value is reachable by Tab and works with Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('fv')"):
            break
    else:
        pytest.fail("no facet value reachable by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"type="))
    # Focus is visible.
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


# --- untrusted text ---------------------------------------------------------------------------


def test_xss_payload_renders_as_text(page, base_url, db):
    from eventwire.store import connect

    conn = connect(db, readonly=True)
    ingested = conn.execute("SELECT id FROM articles WHERE outlet = 'Injection Times'").fetchone()[0]
    conn.close()
    for path in (
        f"/articles/{ingested}",
        "/articles/xss04",
        "/?text=witnesses",
        "/articles?q=Lagos",
        "/map?text=Lagos",
    ):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        if page.locator("#map").count():
            map_ready(page)
        assert page.dialogs == [], path
        assert page.locator("main img").count() == 0, path
        assert page.locator("main script:not([type='application/json'])").count() == 0, path
    page.goto(base_url + f"/articles/{ingested}")
    assert page.get_by_text(XSS_SCRIPT, exact=False).first.is_visible()
    page.goto(base_url + "/articles/xss04")
    text = page.locator("#article-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert page.locator("#article-title").inner_text() == f"Lagos {XSS_SCRIPT} rally"
    page.goto(base_url + "/?text=detained+three+activists")
    page.locator("#events-table a.ev-link").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    assert XSS_SCRIPT in page.locator("#reports").inner_text()
    assert page.dialogs == [] and page.errors == []
