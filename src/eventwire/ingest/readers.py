"""Readers: paths (files, directories, ``-``) in, RawDocuments out.

Readers never stop a batch: a file that can't be read yields an ``InputError`` in place of a
document, so the caller reports it (file and line) and carries on with the rest.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, TooLargeError
from ..models import RawDocument

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
FORMATS = ("auto", "text", "html", "jsonl", "warc", "rss")
DEFAULT_MAX_BYTES = 10_000_000


class Skip(InputError):
    """A file in a directory that is not an article (README.md, .tsv): reported, not a failure."""

    code = "EW110"


Item = RawDocument | InputError
# Container readers registered by format name: a function (path, stream of bytes) -> items.
CONTAINER_READERS: dict[str, Callable[..., Iterator[Item]]] = {}


def register_reader(fmt: str):
    """Register a reader for a container format (WARC, RSS live in their own modules)."""

    def decorator(func):
        CONTAINER_READERS[fmt] = func
        return func

    return decorator


def iter_documents(
    paths: Iterable[str],
    fmt: str = "auto",
    *,
    published: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Yield a RawDocument (or an InputError) for every article found under ``paths``."""
    for path in paths:
        for item in _iter_path(path, fmt, max_bytes):
            if isinstance(item, RawDocument):
                item.published = item.published or published
                item.url = item.url or url
            yield item


def expand_paths(paths: Iterable[str], skipped: list[str] | None = None) -> Iterator[str]:
    """Article files under each path, directories walked recursively in sorted order.

    In a directory, hidden files and files of other types (README.md, .tsv, images) are passed
    over and listed in ``skipped``; a file named explicitly is always read.
    """
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            for child in sorted(p.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue
                if guess_format(child) in ("auto",) or child.suffix.lower() == ".md":
                    if skipped is not None:
                        skipped.append(str(child))
                    continue
                yield str(child)
        else:
            yield path


def _iter_path(path: str, fmt: str, max_bytes: int) -> Iterator[Item]:
    if path == "-":
        yield from _read_stream("-", sys.stdin.buffer.read(max_bytes + 1), fmt, max_bytes)
        return
    p = Path(path)
    if p.is_dir():
        skipped: list[str] = []
        for child in expand_paths([path], skipped):
            yield from _iter_path(child, fmt, max_bytes)
        for other in skipped:
            yield Skip("not an article file type (.txt, .html, .jsonl, .warc, .rss …); skipped", source=other)
        return
    if not p.exists():
        yield InputError("no such file or directory", source=path)
        return
    container = fmt if fmt != "auto" else guess_format(p)
    if container in CONTAINER_READERS:
        try:
            yield from CONTAINER_READERS[container](path)
        except OSError as exc:
            yield InputError(f"could not read the file ({exc.strerror or exc})", source=path)
        return
    size = p.stat().st_size
    if container != "jsonl" and size > max_bytes:
        yield TooLargeError(
            f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one article "
            "(raise it with --max-size, or split the file)",
            source=path,
        )
        return
    try:
        data = _read_bytes(p)
    except OSError as exc:
        yield InputError(f"could not read the file ({exc.strerror or exc})", source=path)
        return
    yield from _read_stream(path, data, container, max_bytes)


def _read_bytes(p: Path) -> bytes:
    data = p.read_bytes()
    if p.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise OSError(f"not a valid gzip file: {exc}") from exc
    return data


def guess_format(p: Path) -> str:
    suffixes = [s.lower() for s in p.suffixes]
    inner = (
        suffixes[-2] if suffixes and suffixes[-1] == ".gz" and len(suffixes) > 1 else (suffixes or [""])[-1]
    )
    if inner in WARC_SUFFIXES:
        return "warc"
    if inner in FEED_SUFFIXES:
        return "rss"
    if inner in JSONL_SUFFIXES:
        return "jsonl"
    if inner in HTML_SUFFIXES:
        return "html"
    if inner in TEXT_SUFFIXES:
        return "text"
    return "auto"


def sniff_format(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head):
        return "rss"
    if head.startswith("<") and any(
        tag in head for tag in ("<html", "<!doctype html", "<body", "<p", "<div")
    ):
        return "html"
    return "text"


def _read_stream(source: str, data: bytes, fmt: str, max_bytes: int) -> Iterator[Item]:
    if source == "-" and len(data) > max_bytes:
        yield TooLargeError(f"standard input is over the {max_bytes / 1e6:.0f} MB limit", source="<stdin>")
        return
    label = "<stdin>" if source == "-" else source
    try:
        text = decode(data, label)
    except InputError as exc:
        yield exc
        return
    if fmt == "auto":
        fmt = sniff_format(text)
    if fmt in CONTAINER_READERS:
        yield InputError(f"{fmt} input must be a file, not standard input", source=label)
        return
    if fmt == "jsonl":
        yield from read_jsonl_text(text, label, max_bytes)
        return
    if not text.strip():
        yield InputError("the file is empty", source=label)
        return
    container = "stdin" if source == "-" else "file"
    yield RawDocument(source=label, format=fmt, content=text, container=container)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (BOM stripped); binary files and invalid UTF-8 get a clear error."""
    if not data:
        raise InputError("the file is empty", source=source)
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file, not text, HTML or JSONL", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
            source=source,
            line=line,
        ) from None


def read_jsonl_text(text: str, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One article per line: ``text`` or ``html``, optional url, title, published, outlet, id."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield TooLargeError(
                "the record is over the size limit for one article", source=source, line=lineno
            )
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"invalid JSON ({exc.msg} at column {exc.colno})", source=source, line=lineno)
            continue
        item = jsonl_record(record, f"{source}:{lineno}")
        if isinstance(item, InputError):
            item.source, item.line = source, lineno
        yield item


def jsonl_record(record: object, source: str) -> Item:
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
