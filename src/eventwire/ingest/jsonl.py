"""JSONL: one article per line, streamed line by line (a file is never read whole).

A line is limited to ``max_bytes`` after decompression; a longer one is refused (and skipped in
bounded pieces) while the lines after it are still read. Each bad line is one error with its
line number; the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, TooLargeError
from ..models import RawDocument
from .streams import GZIP_ERRORS, BinaryRest, limited_lines, open_decompressed

Item = RawDocument | InputError


def iter_jsonl_file(path: str, max_bytes: int, after: int = 0) -> Iterator[Item]:
    """Every record of the JSONL file at ``path`` (``.gz`` too), skipping lines ``1..after`` unparsed."""
    try:
        fh = open_decompressed(Path(path))
    except OSError as exc:
        yield InputError(f"could not read the file ({exc.strerror or exc})", source=path)
        return
    with fh:
        yield from iter_jsonl_stream(fh, path, max_bytes, after)


def iter_jsonl_stream(fh: BinaryIO, source: str, max_bytes: int, after: int = 0) -> Iterator[Item]:
    lineno = 0
    try:
        for lineno, line in enumerate(limited_lines(fh, max_bytes), start=1):
            if lineno > after:
                yield from _line_items(line, source, lineno, max_bytes)
    except GZIP_ERRORS as exc:  # a truncated or damaged .gz: what was read stands, the rest is reported
        yield InputError(
            f"could not read the file past line {lineno} ({exc})", source=source, line=lineno + 1
        )
    except BinaryRest as exc:
        yield TooLargeError(
            f"the record is over the {max_bytes / 1e6:g} MB limit and the file is not read further: "
            f"{exc.message}",
            source=source,
            line=lineno + 1,
        )


def read_jsonl_text(text: str, source: str, max_bytes: int) -> Iterator[Item]:
    """The records of JSONL already in memory (a string)."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        encoded = line.encode("utf-8", "surrogatepass")
        yield from _line_items(encoded if len(encoded) <= max_bytes else None, source, lineno, max_bytes)


def _line_items(line: bytes | None, source: str, lineno: int, max_bytes: int) -> Iterable[Item]:
    if line is None:
        yield TooLargeError(
            f"the record is over the {max_bytes / 1e6:g} MB limit for one article", source=source, line=lineno
        )
        return
    if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]  # a UTF-8 byte-order mark
    if not line.strip():
        return
    if b"\x00" in line:
        yield InputError(
            "the line holds a NUL byte (binary or corrupted input); remove it first, e.g. tr -d '\\000'",
            source=source,
            line=lineno,
        )
        return
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield InputError(f"not valid UTF-8 (byte 0x{line[exc.start]:02x})", source=source, line=lineno)
        return
    except json.JSONDecodeError as exc:
        yield InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", source=source, line=lineno)
        return
    except RecursionError:
        yield InputError("the JSON is nested too deeply", source=source, line=lineno)
        return
    item = jsonl_record(record, f"{source}:{lineno}")
    if isinstance(item, InputError):
        item.source, item.line = source, lineno
    yield item


def jsonl_record(record: object, source: str) -> Item:
    """A RawDocument from one decoded JSONL object: ``text`` or ``html``, optional metadata."""
    if not isinstance(record, dict):
        return InputError("a JSONL line must be a JSON object", source=source)
    html, text = record.get("html"), record.get("text")
    if not isinstance(html, str | None) or not isinstance(text, str | None):
        return InputError('"text" and "html" must be strings', source=source)
    body = html if html and html.strip() else text
    if not body or not body.strip():
        return InputError('the record has no "text" or "html" to ingest', source=source)
    fmt = "html" if body is html else "text"
    return RawDocument(
        source=source,
        format=fmt,
        content=body,
        url=_str_or_none(record.get("url")),
        title=_str_or_none(record.get("title")),
        published=_str_or_none(record.get("published") or record.get("date")),
        outlet=_str_or_none(record.get("outlet") or record.get("source")),
        id=_str_or_none(record.get("id")),
        container="jsonl",
        meta={
            k: v for k, v in record.items() if k not in {"text", "html"} and isinstance(v, str | int | float)
        },
    )


def _str_or_none(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)
