"""Bytes from files with their size limits applied *after* decompression, in bounded memory.

A 3 MB gzip file can hold 3 GB of zeros: sizes are measured on the decompressed stream, which is
read in pieces no larger than the limit, so a bomb is refused without ever being inflated whole.
NUL bytes are refused everywhere (the article holding one is refused with one line; they are
never stripped): a NUL in the first 8 KB of a file marks it as binary.
"""

from __future__ import annotations

import gzip
import io
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


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (BOM stripped); binary data, NUL bytes and invalid UTF-8 get a clear error."""
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
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8",
            source=source,
            line=line,
        ) from None


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
