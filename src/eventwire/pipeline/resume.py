"""Resumable ingest: restart an interrupted run where it stopped, with nothing lost or duplicated.

Correctness does not depend on this module: every article is committed in its own transaction and
its id comes from its content, so re-reading a file stores nothing twice. What this adds is speed:
for JSONL and WARC files the store remembers, per file and settings, the last record whose outcome
is committed (``ingest_progress``), and a restart skips straight past it (WARC: seeks to the byte
offset; JSONL: skips the lines unparsed) instead of cleaning every article again.

Progress is written *after* the article's own transaction commits, so a kill between the two only
means that one record is read again (and found unchanged).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError
from ..ingest.jsonl import iter_jsonl_file
from ..ingest.readers import (
    CONTAINER_READERS,
    DEFAULT_MAX_BYTES,
    Item,
    Skip,
    expand_paths,
    guarded,
    guess_format,
    iter_documents,
)
from ..models import RawDocument

PREFIX_BYTES = 65536  # how much of a file's head identifies it (appending to a JSONL keeps progress)
RESUMABLE = {"jsonl": "line", "warc": "offset"}


@dataclass
class FileProgress:
    path: str  # absolute path, the key in ingest_progress
    unit: str  # line | offset
    position: int = 0  # last completed line / record offset; 0 = nothing done yet
    blocked: bool = False  # a record failed in this run: the resume point stays before it


@dataclass
class ProgressTracker:
    """Feeds items from resumable files and records which ones have been committed.

    Outcomes come back in input order (``process_documents`` preserves it), so each call to
    ``completed()`` matches the oldest item handed out and not yet completed.
    """

    conn: sqlite3.Connection
    config_hash: str
    resumed: dict[str, int] = field(default_factory=dict)  # path -> position it resumed after
    _pending: deque = field(default_factory=deque)

    def items(
        self,
        paths: Iterable[str],
        fmt: str = "auto",
        *,
        published: str | None = None,
        url: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Iterator[Item]:
        """Like ``iter_documents``, skipping records committed by an earlier, interrupted run."""
        for path in paths:
            for item, progress, position in self._guarded(path, fmt, max_bytes):
                if isinstance(item, RawDocument):
                    item.published = item.published or published
                    item.url = item.url or url
                self._pending.append((progress, position))
                yield item

    def completed(self, failed: bool = False) -> None:
        """The oldest pending item's outcome is committed: move its file's resume point past it.

        A ``failed`` outcome stops its file's resume point for the rest of the run, so the next
        run reads that record again (and everything after it: those are found unchanged).
        """
        progress, position = self._pending.popleft()
        if progress is None:
            return
        if failed:
            progress.blocked = True
        if progress.blocked or position is None or position <= progress.position:
            return
        progress.position = position
        self._save(progress)

    # -- reading --------------------------------------------------------------------------------

    def _guarded(self, path: str, fmt: str, max_bytes: int):
        """``_iter_path`` until a reader crashes (a bug of ours): then one InternalError."""
        for entry in guarded(self._iter_path(path, fmt, max_bytes), path):
            yield entry if isinstance(entry, tuple) else (entry, None, None)

    def _iter_path(self, path: str, fmt: str, max_bytes: int):
        p = Path(path)
        if path == "-" or not p.exists():
            for item in iter_documents([path], fmt, max_bytes=max_bytes):
                yield item, None, None
            return
        if p.is_dir():
            skipped: list[str] = []
            for child in expand_paths([path], skipped):
                yield from self._iter_file(child, fmt, max_bytes)
            for other in skipped:
                yield (
                    Skip(
                        "not an article file type (.txt, .html, .jsonl, .warc, .rss …); skipped", source=other
                    ),
                    None,
                    None,
                )
            return
        yield from self._iter_file(path, fmt, max_bytes)

    def _iter_file(self, path: str, fmt: str, max_bytes: int):
        container = fmt if fmt != "auto" else guess_format(Path(path))
        unit = RESUMABLE.get(container)
        if unit is None or (container == "warc" and "warc" not in CONTAINER_READERS):
            for item in iter_documents([path], fmt, max_bytes=max_bytes):
                yield item, None, None
            return
        progress = self._load(path, unit)
        if progress.position:
            self.resumed[path] = progress.position
        reader = self._jsonl if unit == "line" else self._warc
        for item, position in reader(path, progress.position, max_bytes):
            yield item, progress, position

    @staticmethod
    def _jsonl(path: str, after: int, max_bytes: int) -> Iterator[tuple[Item, int | None]]:
        # Lines 1..after are counted, not parsed; the rest keep their numbers ("path:line").
        for item in iter_jsonl_file(path, max_bytes, after):
            yield item, _jsonl_line(item)

    @staticmethod
    def _warc(path: str, after: int, max_bytes: int) -> Iterator[tuple[Item, int | None]]:
        from ..ingest.warc import SOURCE_SEPARATOR, iter_warc

        for item in iter_warc(path, start=after, max_bytes=max_bytes):
            if isinstance(item, InputError):
                yield item, None
                continue
            offset = int(item.source.rsplit(SOURCE_SEPARATOR, 1)[1])
            if after and offset <= after:
                continue  # the record the last run completed: it starts right at the seek point
            yield item, offset

    # -- the ingest_progress table --------------------------------------------------------------

    def _load(self, path: str, unit: str) -> FileProgress:
        key = os.path.abspath(path)
        row = self.conn.execute(
            "SELECT unit, position, prefix_len, prefix_hash FROM ingest_progress WHERE path = ? AND "
            "config_hash = ?",
            (key, self.config_hash),
        ).fetchone()
        if row is None or row["unit"] != unit or _prefix_hash(key, row["prefix_len"]) != row["prefix_hash"]:
            return FileProgress(key, unit)  # never seen, or the file was rewritten: from the start
        return FileProgress(key, unit, row["position"])

    def _save(self, progress: FileProgress) -> None:
        size = min(os.path.getsize(progress.path), PREFIX_BYTES)
        self.conn.execute(
            "INSERT INTO ingest_progress (path, config_hash, unit, position, prefix_len, prefix_hash, at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT(path, config_hash) DO UPDATE SET unit=excluded.unit,"
            " position=excluded.position, prefix_len=excluded.prefix_len, prefix_hash=excluded.prefix_hash,"
            " at=excluded.at",
            (
                progress.path,
                self.config_hash,
                progress.unit,
                progress.position,
                size,
                _prefix_hash(progress.path, size),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )


def _jsonl_line(item: Item) -> int | None:
    if isinstance(item, InputError):
        return item.line
    head, _, line = item.source.rpartition(":")
    return int(line) if head and line.isdigit() else None


def _prefix_hash(path: str, length: int) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(length)
    except OSError:
        return None
    if len(head) < length:
        return None
    return hashlib.sha1(head).hexdigest()


def forget_progress(conn: sqlite3.Connection, paths: Iterable[str] | None = None) -> int:
    """Drop recorded progress (all, or for ``paths``), so the next ingest reads those files whole."""
    if paths is None:
        return conn.execute("DELETE FROM ingest_progress").rowcount
    keys = [os.path.abspath(p) for p in paths]
    return conn.execute(
        f"DELETE FROM ingest_progress WHERE path IN ({','.join('?' * len(keys))})", keys
    ).rowcount
