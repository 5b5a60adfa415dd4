"""RSS 2.0 / Atom feed files (feedparser): one document per item, linked to its feed.

An item's full text (``content:encoded`` or Atom ``<content>``) is preferred over its summary.
Both are HTML *fragments*, not pages: a page extractor (trafilatura) throws short ones away, so
they are turned into plain text here, one paragraph per line, and go on as ``text`` documents. The
feed's title becomes the outlet, the item's link the url, its date the publication date; the feed's
URL and title and the item's guid are kept in ``meta``. Feed files are small, so feedparser reads
each one whole, but only after its decompressed size is checked (``FEED_SIZE_FACTOR`` articles'
worth); each item is limited like one article. An item date that is given but can't be read is
passed on as it is, so the pipeline reports it (never dropped).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import feedparser  # the [scale] extra; ImportError keeps the reader unregistered

from ..errors import InputError, TooLargeError
from ..models import RawDocument
from .readers import DEFAULT_MAX_BYTES, register_reader
from .streams import read_limited

FEED_SIZE_FACTOR = 5  # a feed file may hold this many articles' worth of bytes

ITEM_SEPARATOR = "#"  # source of an item: path#index (0-based position in the feed)


@register_reader("rss")
def read_feed(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | InputError]:
    """Every item of the RSS/Atom file at ``path`` (``.gz`` too) that has text."""
    try:
        data = read_limited(Path(path), max_bytes * FEED_SIZE_FACTOR, what="one feed file")
    except InputError as exc:
        yield exc
        return
    parsed = feedparser.parse(data)
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
        if len(body.encode("utf-8", "replace")) > max_bytes:
            yield TooLargeError(
                f"the feed item is over the {max_bytes / 1e6:g} MB limit for one article", source=source
            )
            continue
        meta = {
            k: v
            for k, v in (("feed_title", feed_title), ("feed_url", feed_url), ("guid", entry.get("id")))
            if v
        }
        yield RawDocument(
            source=source,
            format="text",
            content=body,
            url=entry.get("link") or None,
            title=entry.get("title") or None,
            published=_entry_date(entry),
            outlet=feed_title,
            container="rss",
            meta=meta,
        )


def _entry_body(entry) -> str | None:
    """Full text when the feed carries it, else the summary, as plain text paragraphs."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            text = _as_text(value, content.get("type"))
            if text:
                return text
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        return _as_text(summary, detail.get("type")) or None
    return None


BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "section",
    "article",
    "figcaption",
    "dd",
    "dt",
}
DROP_TAGS = ("script", "style", "noscript", "iframe", "figure", "img")


def _as_text(value: str, mime: str | None) -> str:
    """Plain text, one paragraph per line, from an item's HTML (or text) content."""
    if mime == "text/plain" or "<" not in value:
        return "\n".join(line.strip() for line in value.splitlines() if line.strip())
    import lxml.html

    root = lxml.html.fragment_fromstring(value, create_parent="div")
    for element in list(root.iter(*DROP_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if element.tag == "br" or element.tag in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry) -> str | None:
    """The item's date as YYYY-MM-DD; the raw text when feedparser could not read it (reported later)."""
    keys = ("published", "updated", "created")
    for key in keys:
        value = entry.get(f"{key}_parsed")
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    raw = next((entry[k] for k in keys if isinstance(entry.get(k), str) and entry[k].strip()), None)
    return raw.strip() if raw else None


def _feed_url(feed) -> str | None:
    for link in feed.get("links") or []:
        if link.get("rel") == "self" and link.get("href"):
            return link["href"]
    return feed.get("link") or None
