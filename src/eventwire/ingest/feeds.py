"""RSS 2.0 / Atom feed files (feedparser): one document per item, linked to its feed.

An item's full text (``content:encoded`` or Atom ``<content>``) is preferred over its summary;
both are HTML. The feed's title becomes the outlet, the item's link the url, its date the
publication date; the feed's URL and title and the item's guid are kept in ``meta``. Feed files
are small, so feedparser reads each one whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import feedparser  # the [scale] extra; ImportError keeps the reader unregistered

from ..errors import InputError
from .document import RawDocument
from .readers import register_reader

ITEM_SEPARATOR = "#"  # source of an item: path#index (0-based position in the feed)


@register_reader("rss")
def read_feed(path: str) -> Iterator[RawDocument | InputError]:
    """Every item of the RSS/Atom file at ``path`` that has text."""
    parsed = feedparser.parse(path)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield InputError(f"no feed items found{reason}", source=path)
        return
    feed = parsed.feed
    feed_title = feed.get("title") or None
    feed_url = _feed_url(feed)
    for index, entry in enumerate(parsed.entries):
        source = f"{path}{ITEM_SEPARATOR}{index}"
        body = _entry_body(entry)
        if not body:
            yield InputError("the feed item has no content or summary", source=source)
            continue
        meta = {k: v for k, v in (("feed_title", feed_title), ("feed_url", feed_url), ("guid", entry.get("id"))) if v}
        yield RawDocument(
            source=source, format="html", content=body, url=entry.get("link") or None,
            title=entry.get("title") or None, published=_entry_date(entry), outlet=feed_title,
            container="rss", meta=meta,
        )  # fmt: skip


def _entry_body(entry) -> str | None:
    """Full text when the feed carries it, else the summary; as HTML either way."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return _as_html(value, content.get("type"))
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        return _as_html(summary, detail.get("type"))
    return None


def _as_html(value: str, mime: str | None) -> str:
    if mime == "text/plain":
        from html import escape

        return "".join(f"<p>{escape(line)}</p>" for line in value.splitlines() if line.strip())
    return value


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None


def _feed_url(feed) -> str | None:
    for link in feed.get("links") or []:
        if link.get("rel") == "self" and link.get("href"):
            return link["href"]
    return feed.get("link") or None
