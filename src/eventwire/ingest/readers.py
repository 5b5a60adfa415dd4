"""Readers: paths (files, directories, ``-``) in, RawDocuments out.

Readers never stop a batch: a file that can't be read yields an ``InputError`` in place of a
document, so the caller reports it (file and line) and carries on with the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, InternalError, TooLargeError
from ..models import RawDocument
from ..options import MAX_ARTICLE_BYTES
from .jsonl import iter_jsonl_file, iter_jsonl_stream, jsonl_record, read_jsonl_text
from .streams import PrefixedStream, decode, read_limited

__all__ = ["decode", "iter_documents", "jsonl_record", "read_jsonl_text", "register_reader"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
FORMATS = ("auto", "text", "html", "jsonl", "warc", "rss")
DEFAULT_MAX_BYTES = MAX_ARTICLE_BYTES


class Skip(InputError):
    """A file in a directory that is not an article (README.md, .tsv): reported, not a failure."""

    code = "EW110"


Item = RawDocument | InputError
STDIN_SNIFF_BYTES = 65536  # how much of standard input is read to tell its format
# Container readers registered by format name: a function (path, *, max_bytes) -> items; each
# record (WARC response, feed item) is limited to max_bytes after decompression.
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
        for item in guarded(_iter_path(path, fmt, max_bytes), path):
            if isinstance(item, RawDocument):
                item.published = item.published or published
                item.url = item.url or url
            yield item


def guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """``items`` until a reader crashes (a bug of ours): then one InternalError, and the next path."""
    try:
        yield from items
    except Exception as exc:
        yield InternalError.from_exception(exc, stage="read", source=source)


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
        yield from _iter_stdin(fmt, max_bytes)
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
            yield from CONTAINER_READERS[container](path, max_bytes=max_bytes)
        except OSError as exc:
            yield InputError(f"could not read the file ({exc.strerror or exc})", source=path)
        return
    if container == "jsonl":
        yield from iter_jsonl_file(path, max_bytes)
        return
    size = p.stat().st_size
    if size > max_bytes:
        yield TooLargeError(
            f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit for one article "
            "(raise it with --max-size, or split the file)",
            source=path,
        )
        return
    try:
        data = read_limited(p, max_bytes)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"could not read the file ({exc.strerror or exc})", source=path)
        return
    yield from _read_stream(path, data, container, max_bytes)


def _iter_stdin(fmt: str, max_bytes: int) -> Iterator[Item]:
    """Standard input: JSONL is streamed line by line, any other format is one article."""
    stream = sys.stdin.buffer
    head = stream.read(min(STDIN_SNIFF_BYTES, max_bytes + 1))
    if fmt == "jsonl" or (fmt == "auto" and head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{"):
        yield from iter_jsonl_stream(PrefixedStream(head, stream), "<stdin>", max_bytes)  # type: ignore[arg-type]
        return
    data = head + stream.read(max_bytes + 1 - len(head)) if len(head) <= max_bytes else head
    yield from _read_stream("-", data, fmt, max_bytes)


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
