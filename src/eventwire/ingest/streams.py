"""Bytes from files with their size limits applied *after* decompression, in bounded memory.

A 3 MB gzip file can hold 3 GB of zeros: sizes are measured on the decompressed stream, which is
read in pieces no larger than the limit, so a bomb is refused without ever being inflated whole.
NUL bytes are refused everywhere (the article holding one is refused with one line; they are
never stripped): a NUL in the first 8 KB of a file marks it as binary.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, TooLargeError

BINARY_SNIFF_BYTES = 8192
DRAIN_PIECE = 1 << 20  # how much of an over-long line is read at a time while skipping it
# What decompressing a damaged .gz raises, besides OSError (gzip.BadGzipFile is one).
GZIP_ERRORS = (OSError, EOFError, zlib.error)


def is_gzip(p: Path) -> bool:
    return p.suffix.lower() == ".gz"


def open_decompressed(p: Path) -> BinaryIO:
    """The file's content as a binary stream, gunzipped on the fly for ``.gz`` files."""
    if is_gzip(p):
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


def read_limited(p: Path, max_bytes: int, what: str = "one article") -> bytes:
    """All of the (decompressed) file, or TooLargeError as soon as it passes ``max_bytes``."""
    with open_decompressed(p) as fh:
        try:
            data = fh.read(max_bytes + 1)
        except GZIP_ERRORS as exc:
            raise InputError(f"not a valid gzip file ({exc})", source=str(p)) from None
    if len(data) > max_bytes:
        packed = " after decompression" if is_gzip(p) else ""
        raise TooLargeError(
            f"the file is over the {max_bytes / 1e6:g} MB limit for {what}{packed} "
            "(raise it with --max-size, or split the file)",
            source=str(p),
        )
    return data


class BinaryRest(InputError):
    """An over-long line turned out to be NUL bytes (a decompression bomb, a binary file)."""


def limited_lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``fh`` (newline kept); None for a line over ``max_bytes``, skipped in pieces.

    Text lines never hold NUL (they are refused anyway), so an over-long line of NUL bytes stops
    the reading with BinaryRest instead of inflating gigabytes of zeros to find its end.
    """
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                if b"\x00" in rest:
                    raise BinaryRest("NUL bytes in an over-long line (a binary file or a decompression bomb)")
                rest = fh.readline(DRAIN_PIECE)
            yield None
            continue
        yield line


def decode(data: bytes, source: str, *, markup: bool = False) -> str:
    """UTF-8 text (BOM stripped); binary data, NUL bytes and invalid UTF-8 get a clear error.

    Markup (HTML, XML) that is not UTF-8 is decoded by the charset it declares (``<meta
    charset>``, an ``http-equiv`` Content-Type, an XML declaration), else by the one
    charset-normalizer detects; plain text must be UTF-8 (nothing in it says what it is)."""
    if not data:
        raise InputError("the file is empty", source=source)
    nul = data.find(b"\x00")
    if 0 <= nul < BINARY_SNIFF_BYTES:
        raise InputError("this looks like a binary file, not text, HTML or JSONL", source=source)
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise InputError(
            f"a NUL byte at offset {nul} (binary or corrupted input); remove it first, e.g. tr -d '\\000'",
            source=source,
            line=line,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = decode_markup(data) if markup else None
        if text is not None:
            return text
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
            source=source,
            line=line,
        ) from None


CHARSET_SNIFF_BYTES = 8192  # where a page declares its charset (HTML's prescan reads 1024)
_DECLARED = (
    re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I),  # charset= and http-equiv
    re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.I),
)
# Labels the web reads as another charset (WHATWG Encoding): Latin-1 and ASCII pages are windows-1252.
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page or XML document declares in its first bytes, as a Python codec name."""
    head = data[:CHARSET_SNIFF_BYTES]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            try:
                name = codecs.lookup(match.group(1).decode("ascii")).name
            except LookupError:
                return None
            return _WEB_ALIASES.get(name, name)
    return None


def decode_markup(data: bytes) -> str | None:
    """Non-UTF-8 markup as text: by its declared charset, else the detected one; None if neither reads."""
    charset = declared_charset(data)
    if charset and charset != "utf-8":
        for name in (charset, "latin-1") if charset == "cp1252" else (charset,):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue  # cp1252 leaves five bytes undefined; Latin-1 reads every byte
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of trafilatura, and of ours
        return None
    best = from_bytes(data).best()
    return str(best) if best is not None else None


class PrefixedStream(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: standard input after its format was sniffed."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
