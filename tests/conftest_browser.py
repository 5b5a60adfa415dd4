"""Helpers shared by test_export, test_api and test_dashboard_browser (imported, not a conftest).

- ``fixture_db(path)``: a small database of hand-built articles and extractions, stored through
  ``save_article``, so the tests do not depend on the extractors' current accuracy.
- ``bulk_events(conn, n)``: many synthetic events straight into the tables (for streaming tests).
- ``demo_db()``: the bundled samples run through the real pipeline, built once per test process.
- ``live_server(app)``: uvicorn on a free localhost port in a background thread.
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from eventwire.models import (
    Actor,
    Article,
    Attribution,
    Count,
    Event,
    Evidence,
    Extraction,
    Paragraph,
    Place,
    Quote,
    Span,
    TimeRef,
)
from eventwire.store import connect, save_article

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
PROV = {"version": "test", "config_hash": "testhash"}


def build_article(aid: str, paras: list[tuple[str, bool, str | None]], **meta) -> Article:
    """An Article whose kept paragraphs are joined by newlines, with offsets, like the cleaner makes."""
    paragraphs, kept, pos = [], [], 0
    for i, (text, is_kept, reason) in enumerate(paras):
        if is_kept:
            paragraphs.append(Paragraph(index=i, text=text, kept=True, start=pos, end=pos + len(text)))
            kept.append(text)
            pos += len(text) + 1
        else:
            paragraphs.append(Paragraph(index=i, text=text, kept=False, reason=reason))
    return Article(id=aid, text="\n".join(kept), paragraphs=paragraphs, content_hash=aid, **meta)


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def actor(text: str, needle: str, name: str, country: str | None, sector: str | None) -> Actor:
    s, e = at(text, needle)
    return Actor(text=needle, name=name, start=s, end=e, country=country, sector=sector)


def event(text: str, sentence: str, trigger: str, type_: str, **kw) -> Event:
    ss, se = at(text, sentence)
    ts = text.index(trigger, ss)
    return Event(type=type_, trigger=trigger, evidence=Evidence(ts, ts + len(trigger), ss, se), **kw)


def _kharkiv() -> tuple[Article, Extraction]:
    s1 = "Russian forces fired missiles at Kharkiv on Monday, killing 12 people, Ukrainian officials said."
    s2 = "\u201cWe will rebuild every home,\u201d the mayor said."
    a = build_article(
        "kharkiv01",
        [
            ("Subscribe to our newsletter for daily updates", False, "newsletter prompt"),
            (s1, True, None),
            (s2, True, None),
        ],
        title="Missiles hit Kharkiv",
        url="https://wire.example.org/kharkiv",
        outlet="Example Wire",
        published="2024-04-15",
    )
    t = a.text
    rus, ukr = (
        actor(t, "Russian forces", "Russia", "RUS", "MIL"),
        actor(t, "Ukrainian officials", "Ukraine", "UKR", "GOV"),
    )
    kharkiv = Place(
        text="Kharkiv",
        name="Kharkiv",
        start=at(t, "Kharkiv")[0],
        end=at(t, "Kharkiv")[1],
        country="UKR",
        lat=49.99,
        lon=36.23,
        kind="city",
    )
    dead = Count(
        value=12, start=at(t, "12 people")[0], end=at(t, "12 people")[1], text="12 people", category="dead"
    )
    when = TimeRef(
        text="Monday",
        start=at(t, "Monday")[0],
        end=at(t, "Monday")[1],
        value="2024-04-14",
        precision="day",
        resolved=True,
    )
    ev = event(
        t,
        s1,
        "fired",
        "ASSAULT",
        mode=["missile"],
        source=rus,
        target=ukr,
        date=when,
        location=kharkiv,
        counts=[dead],
        attribution=Attribution(speaker_text="Ukrainian officials", speaker=ukr),
        confidence=0.9,
    )
    qs, qe = at(t, "We will rebuild every home,")
    quote = Quote(text="We will rebuild every home,", start=qs, end=qe, speaker_text="the mayor", cue="said")
    return a, Extraction(
        actors=[rus, ukr],
        events=[ev],
        quotes=[quote],
        places=[kharkiv],
        counts=[dead],
        times=[when],
        sentences=[Span(*at(t, s1)), Span(*at(t, s2))],
    )


def _nairobi() -> tuple[Article, Extraction]:
    s1 = "Thousands of protesters marched in Nairobi on Tuesday against the finance bill."
    s2 = "Police arrested 45 demonstrators, rights groups alleged."
    a = build_article(
        "nairobi02",
        [
            (s1, True, None),
            ("Read more: other stories", False, "related-posts widget text"),
            (s2, True, None),
        ],
        title="Nairobi finance bill protest",
        url="https://ledger.example.com/nairobi",
        outlet="East African Ledger",
        published="2024-04-16",
    )
    t = a.text
    protesters = actor(t, "Thousands of protesters", "protesters", "KEN", "CVL")
    police = actor(t, "Police", "Kenyan police", "KEN", "COP")
    nairobi = Place(
        text="Nairobi",
        name="Nairobi",
        start=at(t, "Nairobi")[0],
        end=at(t, "Nairobi")[1],
        country="KEN",
        lat=-1.29,
        lon=36.82,
        kind="city",
    )
    size = Count(
        value=1000,
        start=at(t, "Thousands")[0],
        end=at(t, "Thousands")[1],
        text="Thousands",
        qualifier="vague",
        category="size",
    )
    arrested = Count(
        value=45,
        start=at(t, "45 demonstrators")[0],
        end=at(t, "45 demonstrators")[1],
        text="45 demonstrators",
        category="arrested",
    )
    protest = event(
        t,
        s1,
        "marched",
        "PROTEST",
        source=protesters,
        date=TimeRef("Tuesday", 0, 0, "2024-04-16", "day"),
        location=nairobi,
        counts=[size],
    )
    arrest = event(
        t,
        s2,
        "arrested",
        "COERCE",
        mode=["arrest"],
        source=police,
        target=protesters,
        date=TimeRef("Tuesday", 0, 0, "2024-04-16", "day"),
        location=nairobi,
        counts=[arrested],
        modality="alleged",
        attribution=Attribution(speaker_text="rights groups"),
    )
    return a, Extraction(
        actors=[protesters, police], events=[protest, arrest], places=[nairobi], counts=[size, arrested]
    )


def _sanctions() -> tuple[Article, Extraction]:
    s1 = "The European Union will impose new sanctions on Russia next month, diplomats said."
    a = build_article(
        "sanctions03",
        [(s1, True, None)],
        title="EU sanctions",
        outlet="Brussels Dispatch",
        url="https://dispatch.example.eu/sanctions",
        published="2024-04-17",
    )
    t = a.text
    eu, rus = (
        actor(t, "The European Union", "European Union", "EUR", "IGO"),
        actor(t, "Russia", "Russia", "RUS", None),
    )
    ev = event(
        t,
        s1,
        "impose",
        "SANCTION",
        source=eu,
        target=rus,
        date=TimeRef("next month", 0, 0, "2024-05", "month"),
        modality="future",
        attribution=Attribution(speaker_text="diplomats", anonymous=True),
    )
    return a, Extraction(actors=[eu, rus], events=[ev])


def _xss() -> tuple[Article, Extraction]:
    s1 = f"Police in Lagos detained three activists {XSS_SCRIPT} after a rally, witnesses said."
    s2 = f"An image tag {XSS_IMG} was posted online."
    a = build_article(
        "xss04",
        [(s1, True, None), (s2, True, None), (f"Ad {XSS_SCRIPT}", False, "advertisement")],
        title=f"Lagos {XSS_SCRIPT} rally",
        url="javascript:alert(1)",
        outlet="<b>Outlet</b>",
        published="2024-04-18",
    )
    t = a.text
    police, activists = (
        actor(t, "Police", "Nigerian police", "NGA", "COP"),
        actor(t, "three activists", "activists", "NGA", "CVL"),
    )
    lagos = Place(
        text="Lagos",
        name="Lagos",
        start=at(t, "Lagos")[0],
        end=at(t, "Lagos")[1],
        country="NGA",
        lat=6.45,
        lon=3.39,
        kind="city",
    )
    ev = event(
        t,
        s1,
        "detained",
        "COERCE",
        source=police,
        target=activists,
        date=TimeRef("Thursday", 0, 0, "2024-04-18", "day"),
        location=lagos,
    )
    return a, Extraction(actors=[police, activists], events=[ev], places=[lagos])


FIXTURE_ARTICLES = (_kharkiv, _nairobi, _sanctions, _xss)


def fixture_db(path: str | Path) -> Path:
    """Four hand-built articles: 5 events (4 geocoded), 1 quote, 2 dropped paragraphs with reasons."""
    conn = connect(path)
    for make in FIXTURE_ARTICLES:
        article, extraction = make()
        save_article(conn, article, extraction, **PROV)
    conn.close()
    return Path(path)


def bulk_events(conn: sqlite3.Connection, n: int, article_id: str = "bulk") -> None:
    """``n`` synthetic events in one article, inserted directly (fast), each with one linked count."""
    sentence = "Forces of country A attacked positions of country B near the border, killing several people."
    conn.execute(
        "INSERT INTO articles (id, url, title, outlet, published, source, format, text, content_hash, "
        "n_paragraphs,"
        " n_dropped, meta, ingested_at, eventwire_version, config_hash) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            article_id,
            "https://example.org/bulk",
            "Bulk",
            "Bulk Wire",
            "2024-01-01",
            "bulk",
            "text",
            sentence,
            article_id,
            1,
            0,
            "{}",
            "2024-01-01T00:00:00",
            "test",
            "testhash",
        ),
    )
    types = ("ASSAULT", "PROTEST", "COERCE", "AID")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO events (id, article_id, type, mode, trigger, source_name, source_country, target_name,"
        ' target_country, date, date_precision, place_name, lat, lon, modality, confidence, start, "end",'
        " sentence_start, sentence_end, eventwire_version, config_hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                f"{article_id}:e{i}",
                article_id,
                types[i % 4],
                json.dumps(["missile"]),
                "attacked",
                "Country A",
                "AAA",
                "Country B",
                "BBB",
                f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "day",
                "Border town",
                10.0 + i % 50,
                20.0 + i % 70,
                "asserted",
                0.5,
                20,
                28,
                0,
                len(sentence),
                "test",
                "testhash",
            )
            for i in range(n)
        ),
    )
    conn.executemany(
        'INSERT INTO counts (id, article_id, event_id, value, qualifier, category, text, start, "end",'
        " eventwire_version, config_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                f"{article_id}:c{i}",
                article_id,
                f"{article_id}:e{i}",
                i % 30,
                "exact",
                "dead",
                "several people",
                70,
                84,
                "test",
                "testhash",
            )
            for i in range(n)
        ),
    )
    conn.execute("COMMIT")


@functools.cache
def demo_db() -> Path:
    """The bundled sample articles through the real pipeline, plus an XSS-laden article; built once."""
    from eventwire.models import RawDocument
    from eventwire.options import Options
    from eventwire.pipeline.ingest import ingest_items
    from eventwire.pipeline.samples import sample_documents

    tmp = Path(tempfile.mkdtemp(prefix="eventwire-demo-"))
    import atexit

    atexit.register(shutil.rmtree, tmp, True)
    path = tmp / "demo.db"
    conn = connect(path)
    xss = RawDocument(
        source="xss.txt",
        format="text",
        published="2025-06-01",
        outlet="Injection Times",
        content=(
            "Police in Lagos detained three journalists on Sunday after a protest, witnesses said "
            f"{XSS_SCRIPT}.\n"
            f"The government said it would investigate the arrests {XSS_IMG} within a week.\n"
            "Rights groups condemned the detentions and called for the journalists to be released."
        ),
    )
    report = ingest_items(conn, [*sample_documents(), xss], options=Options())
    assert report.ok, report.failed
    conn.close()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 in a daemon thread; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
