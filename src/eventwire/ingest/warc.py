"""WARC / WARC.gz reader (Common Crawl News style), streaming record by record.

Only HTTP ``response`` records with status 200 and an HTML content type become documents; the
record's target URI and WARC-Date become ``url`` and ``published``. Every document's ``source`` is
``path@offset`` (the byte offset of its record, as in the Common Crawl index), so a record can be
found again and an interrupted ingest can seek straight back to where it stopped.

fastwarc is used when installed (fast, C++), warcio otherwise; neither loads the whole file.
A record whose body is over ``max_bytes`` (after decompression) is refused without being read
whole, and a record cut short (a truncated file) is reported, never stored as a partial article.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import parse_published
from ..errors import InputError, TooLargeError
from ..models import RawDocument
from .readers import DEFAULT_MAX_BYTES, register_reader

try:  # which backend: decided once, at import (no backend: the reader is not registered)
    import fastwarc  # noqa: F401

    BACKEND = "fastwarc"
except ImportError:
    import warcio  # noqa: F401  (ImportError propagates: ingest/__init__ skips registration)

    BACKEND = "warcio"

HTML_TYPES = ("text/html", "application/xhtml+xml")
SOURCE_SEPARATOR = "@"  # path@offset: "@" so it is not mistaken for JSONL's path:line


def warc_source(path: str, offset: int) -> str:
    return f"{path}{SOURCE_SEPARATOR}{offset}"


@register_reader("warc")
def read_warc(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | InputError]:
    """Every HTML 200 response in the WARC file at ``path``."""
    yield from iter_warc(path, max_bytes=max_bytes)


def iter_warc(
    path: str, start: int = 0, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    """Documents from the record at byte offset ``start`` on (a record boundary, e.g. a resume point)."""
    if BACKEND == "fastwarc":
        yield from _iter_fastwarc(path, start, max_bytes)
    else:
        yield from _iter_warcio(path, start, max_bytes)


def _too_large(path: str, offset: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        f"the WARC record is over the {max_bytes / 1e6:g} MB limit for one article"
        " (raise it with --max-size)",
        source=warc_source(path, offset),
    )


def _truncated(path: str, offset: int, got: int, declared: int) -> InputError:
    return InputError(
        f"the WARC record is cut short ({got} of {declared} bytes; a truncated file?): not stored",
        source=warc_source(path, offset),
    )


def _document(
    path: str,
    offset: int,
    uri: str | None,
    date: str | None,
    status: int | None,
    content_type: str | None,
    charset: str | None,
    body: bytes,
    record_id: str | None,
) -> RawDocument | None:
    """A RawDocument for an HTML 200 response, None for records that are not articles."""
    if status != 200 or not _is_html(content_type) or not body.strip():
        return None
    text = body.decode(_codec(charset), errors="replace")
    meta = {"warc_record_id": record_id} if record_id else {}
    return RawDocument(
        source=warc_source(path, offset),
        format="html",
        content=text,
        url=uri or None,
        # An unreadable WARC-Date is passed on as it is: the pipeline reports it (never dropped).
        published=parse_published(date) or date or None,
        container="warc",
        meta=meta,
    )


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() in HTML_TYPES


def _codec(charset: str | None) -> str:
    import codecs

    if charset:
        try:
            return codecs.lookup(charset.strip().strip('"')).name
        except LookupError:
            pass
    return "utf-8"


def _charset_of(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip()
    return None


def _iter_fastwarc(
    path: str, start: int, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(path, "rb") as fh:
        fh.seek(start)
        try:
            for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
                http = record.http_headers
                if http is None:
                    continue
                content_type = http.get("Content-Type")
                if http.status_code != 200 or not _is_html(content_type):
                    continue  # not an article: its body is never read
                offset, declared = record.stream_pos, record.content_length  # the HTTP body's length
                if declared > max_bytes:
                    yield _too_large(path, offset, max_bytes)
                    continue
                body = record.reader.read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield _too_large(path, offset, max_bytes)
                    continue
                if len(body) < declared:
                    yield _truncated(path, offset, len(body), declared)
                    continue
                doc = _document(
                    path,
                    offset,
                    record.headers.get("WARC-Target-URI"),
                    record.headers.get("WARC-Date"),
                    http.status_code,
                    content_type,
                    _charset_of(content_type),
                    body,
                    record.headers.get("WARC-Record-ID"),
                )
                if doc is not None:
                    yield doc
        except Exception as exc:  # a truncated or corrupt file: report it, keep what was read
            yield InputError(f"could not read the WARC file further ({exc})", source=path)


def _iter_warcio(
    path: str, start: int, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(start)
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type")
                status = record.http_headers.get_statuscode()
                if status != "200" or not _is_html(content_type):
                    continue  # not an article: its body is never read
                if record.length and record.length > max_bytes + 65536:  # the block: headers + body
                    yield _too_large(path, iterator.get_record_offset(), max_bytes)
                    continue
                body = record.content_stream().read(max_bytes + 1)
                # Absolute (warcio counts from the file start); asked only after the body was read,
                # since asking moves warcio's reader past the record.
                offset = iterator.get_record_offset()
                if len(body) > max_bytes:
                    yield _too_large(path, offset, max_bytes)
                    continue
                missing = getattr(record.raw_stream, "limit", 0)  # bytes the block declared but lacked
                if missing:
                    yield _truncated(path, offset, record.length - missing, record.length)
                    continue
                doc = _document(
                    path,
                    offset,
                    record.rec_headers.get_header("WARC-Target-URI"),
                    record.rec_headers.get_header("WARC-Date"),
                    int(status) if status and status.isdigit() else None,
                    content_type,
                    _charset_of(content_type),
                    body,
                    record.rec_headers.get_header("WARC-Record-ID"),
                )
                if doc is not None:
                    yield doc
        except Exception as exc:
            yield InputError(f"could not read the WARC file further ({exc})", source=path)
