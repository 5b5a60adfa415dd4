"""RSS 2.0 and Atom feed files: one document per item, linked to its feed."""

from __future__ import annotations

import pytest

pytest.importorskip("feedparser")

from eventwire.errors import InputError  # noqa: E402
from eventwire.ingest import iter_documents  # noqa: E402

BODY = (
    "<p>Farmers blocked the main highway into the capital on Monday, demanding lower fuel prices and "
    "faster payment of crop subsidies promised last year.</p>"
    "<p>Police said about 2,000 people took part and that traffic was diverted for most of the day.</p>"
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Valley Courier</title>
  <link>https://courier.example/</link>
  <atom:link href="https://courier.example/feed.xml" rel="self" type="application/rss+xml"/>
  <description>Local news</description>
  <item>
    <title>Farmers block highway</title>
    <link>https://courier.example/farmers</link>
    <guid>courier-1</guid>
    <pubDate>Mon, 15 Apr 2024 18:30:00 +0000</pubDate>
    <description>Short teaser only.</description>
    <content:encoded><![CDATA[{BODY}]]></content:encoded>
  </item>
  <item>
    <title>Council meets</title>
    <link>https://courier.example/council</link>
    <pubDate>Tue, 16 Apr 2024 09:00:00 +0000</pubDate>
    <description>&lt;p&gt;The city council met on Tuesday to debate the new budget for road \
repairs.&lt;/p&gt;</description>
  </item>
  <item><title>Empty</title><link>https://courier.example/empty</link></item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Wire</title>
  <id>urn:harbour</id>
  <link href="https://wire.example/atom" rel="self"/>
  <updated>2024-04-15T12:00:00Z</updated>
  <entry>
    <title>Highway blockade</title>
    <id>urn:harbour:1</id>
    <link href="https://wire.example/blockade"/>
    <updated>2024-04-15T12:00:00Z</updated>
    <published>2024-04-15T11:00:00Z</published>
    <content type="html">{BODY.replace("<", "&lt;").replace(">", "&gt;")}</content>
  </entry>
  <entry>
    <title>Plain summary</title>
    <id>urn:harbour:2</id>
    <link href="https://wire.example/plain"/>
    <updated>2024-04-14T08:00:00Z</updated>
    <summary type="text">Port workers began a strike on Sunday over unpaid wages.</summary>
  </entry>
</feed>
"""


def test_rss_items_with_full_text_or_summary(tmp_path):
    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.url for d in docs] == ["https://courier.example/farmers", "https://courier.example/council"]
    first, second = docs
    assert "2,000 people" in first.content and "teaser" not in first.content  # content:encoded wins
    # the HTML fragment became one paragraph per line
    assert first.format == "text" and first.content.count("\n") == 1 and "<p>" not in first.content
    assert "city council met" in second.content  # summary when there is no full text
    assert (first.outlet, first.published, first.title) == (
        "Valley Courier",
        "2024-04-15",
        "Farmers block highway",
    )
    assert first.meta == {
        "feed_title": "Valley Courier",
        "feed_url": "https://courier.example/feed.xml",
        "guid": "courier-1",
    }
    assert first.container == "rss" and first.source == f"{path}#0"
    assert len(errors) == 1 and errors[0].source == f"{path}#2"  # the item without text is reported


def test_atom_entries(tmp_path):
    path = tmp_path / "harbour.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs = list(iter_documents([str(path)]))
    assert [(d.url, d.outlet, d.published) for d in docs] == [
        ("https://wire.example/blockade", "Harbour Wire", "2024-04-15"),
        ("https://wire.example/plain", "Harbour Wire", "2024-04-14"),
    ]
    assert "2,000 people" in docs[0].content
    assert docs[1].content == "Port workers began a strike on Sunday over unpaid wages."
    assert docs[0].meta["feed_url"] == "https://wire.example/atom"


def test_not_a_feed_is_an_error(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><nothing/>", encoding="utf-8")
    (item,) = list(iter_documents([str(path)]))
    assert isinstance(item, InputError) and "no feed items" in item.message


def test_feed_articles_are_stored_with_outlet(tmp_path):
    from eventwire.pipeline.ingest import ingest_paths
    from eventwire.store import connect

    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    conn = connect(tmp_path / "t.db")
    report = ingest_paths(conn, [str(path)])
    assert len(report.stored) == 2 and len(report.failed) == 1
    outlets = {r[0] for r in conn.execute("SELECT outlet FROM articles")}
    assert outlets == {"Valley Courier"}
