"""The single writer: every ingest through the API goes through one connection, one at a time.

SQLite allows one writer per database; serialising writes behind a lock here (instead of letting
requests race for ``BEGIN IMMEDIATE``) keeps errors out of the readers' way and keeps the spaCy
model loaded once.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from typing import Any

from ..errors import InputError, TooLargeError
from ..ingest.readers import jsonl_record
from ..models import RawDocument
from ..options import Options


def document_from_payload(body: bytes, content_type: str, params: dict[str, str | None]) -> RawDocument:
    """A RawDocument from a POSTed body: a JSON article (like a JSONL record), plain text or HTML.

    ``params`` (url, title, published, outlet) fill in metadata for text and HTML bodies.
    """
    import json

    from ..ingest.readers import decode

    kind = content_type.split(";")[0].strip().lower()
    text = decode(body, "request body")
    if kind == "application/json":
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
        item = jsonl_record(record, "api")
        if isinstance(item, InputError):
            raise InputError(item.message)
        item.container = "api"
        doc = item
    elif kind in ("text/plain", "text/html", ""):
        doc = RawDocument(
            source="api",
            format="html" if kind == "text/html" else "text",
            content=text,
            container="api",
            **{k: v for k, v in params.items() if v},
        )
    else:
        raise InputError(f"unsupported content type {kind!r}: send application/json, text/plain or text/html")
    # ingest_log keys on the source: make it unique per document so logs are not overwritten.
    digest = hashlib.sha256(doc.content.encode()).hexdigest()[:12]
    doc.source = f"api:{doc.url or digest}"
    return doc


class Writer:
    """One write connection, opened on first use, guarded by a lock."""

    def __init__(self, db: str, options: Options | None = None):
        self.db = db
        self.options = options or Options()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def ingest(self, doc: RawDocument) -> dict[str, Any]:
        """Ingest one document; returns its stored id, status and what was extracted."""
        from ..pipeline.ingest import ingest_items
        from ..store import connect

        if len(doc.content.encode()) > self.options.max_bytes:
            raise TooLargeError(f"the article is over the {self.options.max_bytes / 1e6:.0f} MB limit")
        with self._lock:
            if self._conn is None:
                self._conn = connect(self.db)
            report = ingest_items(self._conn, [doc], options=self.options)
            if report.failed or report.skipped:
                raise InputError((report.failed or report.skipped)[0].message)
            status = next((s for s in ("stored", "replaced", "unchanged") if getattr(report, s)), None)
            if status is None:
                raise InputError("nothing was stored from this document")
            article_id = getattr(report, status)[0]
            # Counts from the store, so an unchanged re-post reports what is stored, not zeros.
            row = self._conn.execute(
                "SELECT (SELECT COUNT(*) FROM events WHERE article_id = :id),"
                " (SELECT COUNT(*) FROM quotes WHERE article_id = :id), n_dropped FROM articles WHERE id = :id",
                {"id": article_id},
            ).fetchone()
        return {
            "id": article_id,
            "status": status,
            "events": row[0],
            "quotes": row[1],
            "dropped_paragraphs": row[2],
        }

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
