"""Readers: paths (files, directories, ``-``) in, RawDocuments out.

Readers never stop a batch: a file that can't be read yields an ``InputError`` in place of a
document, so the caller reports it (file and line) and carries on with the rest.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, InternalError, TooLargeError
from ..models import RawDocument
from ..options import MAX_ARTICLE_BYTES
from .jsonl import iter_jsonl_file, iter_jsonl_stream, jsonl_record, read_jsonl_text
from .streams import GZIP_ERRORS, PrefixedStream, decode, open_decompressed, read_limited

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
    over and listed in ``skipped``; a file without a known extension is read when its content is a
    feed, a page, JSONL or WARC. A file named explicitly is always read.
    """
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            for child in sorted(p.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue
                unknown = guess_format(child) == "auto" and sniff_file(child) in (None, "text")
                if unknown or child.suffix.lower() == ".md":  # a feed or page without extension is read
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
    if fmt == "auto" and container in ("text", "auto"):
        container = sniff_file(p) or container  # an RSS file named .txt, HTML without .html
    if container in ("rss", "warc") and container not in CONTAINER_READERS:
        yield InputError(
            f"reading {container} files needs the [scale] extra: pip install 'eventwire[scale]'", source=path
        )
        return
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


SNIFF_BYTES = 65536  # how much of a file is read to tell its format from its content
_PROLOGUE = re.compile(r"\s*(?:<\?xml[^>]*>|<!--.*?-->|<!doctype(?![^>]*html)[^>]*>|\s)*", re.S)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>/]")
_HTML_TAGS = (
    "<html",
    "<!doctype html",
    "<head",
    "<body",
    "<p>",
    "<p ",
    "<div",
    "<article",
    "<meta",
    "<title",
)


def sniff_format(text: str) -> str:
    """The format of a document from its first characters: ``rss`` for an RSS/Atom/RDF feed,
    ``html``, ``jsonl`` (an object per line) or ``text``."""
    head = text.lstrip("\ufeff \t\r\n")[:SNIFF_BYTES].lower()
    if head.startswith("{") and _is_json_object_line(head):
        return "jsonl"
    if not head.startswith("<"):
        return "text"
    root = head[_PROLOGUE.match(head).end() :]
    if _FEED_ROOT.match(root):
        return "rss"
    if any(tag in head[:4000] for tag in _HTML_TAGS):
        return "html"
    return "text"


def _is_json_object_line(head: str) -> bool:
    """The first line looks like one JSON object ("{...}", or runs past what was read: a long
    record); an invalid record is still JSONL, and its reader names the line."""
    line, newline, _ = head.partition("\n")
    return (not newline and len(head) >= SNIFF_BYTES) or line.rstrip().endswith("}")


def sniff_bytes(head: bytes) -> str:
    """``sniff_format`` on raw bytes (the markers are ASCII, so any ASCII-based charset reads);
    ``warc`` for a WARC file."""
    if head.startswith(b"WARC/"):
        return "warc"
    return sniff_format(head.removeprefix(b"\xef\xbb\xbf").decode("latin-1"))


def sniff_file(p: Path) -> str | None:
    """The format of the file at ``p`` from its (decompressed) first bytes; None if unreadable."""
    try:
        with open_decompressed(p) as fh:
            return sniff_bytes(fh.read(SNIFF_BYTES))
    except (*GZIP_ERRORS, InputError):
        return None


def _read_stream(source: str, data: bytes, fmt: str, max_bytes: int) -> Iterator[Item]:
    if source == "-" and len(data) > max_bytes:
        yield TooLargeError(f"standard input is over the {max_bytes / 1e6:.0f} MB limit", source="<stdin>")
        return
    label = "<stdin>" if source == "-" else source
    if fmt == "auto":
        fmt = sniff_bytes(data[:SNIFF_BYTES])
    try:
        text = decode(data, label, markup=fmt in ("html", "rss"))
    except InputError as exc:
        yield exc
        return
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
