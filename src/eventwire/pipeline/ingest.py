"""``eventwire ingest`` as a plain function: paths in, articles and extractions in the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .. import __version__
from ..dates import checked_published
from ..errors import EventwireError, InternalError, NotEnglishError, display_name
from ..extract import check_user_data
from ..ingest.readers import Skip, iter_documents
from ..options import Options
from ..store.db import refresh_statistics


@dataclass
class Failure:
    source: str
    message: str
    line: int | None = None
    internal: InternalError | None = None  # a bug of ours, not bad input: traceback in ``failures``

    def __str__(self) -> str:
        if self.internal is not None:
            return str(self.internal)
        source = display_name(self.source)
        where = f"{source}:{self.line}" if self.line else source
        return f"{where}: {self.message}"


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)  # non-article files passed over in directories
    not_english: list[Failure] = field(default_factory=list)  # articles in other languages, passed over
    events: int = 0
    quotes: int = 0
    dropped_paragraphs: int = 0
    resumed: dict[str, int] = field(default_factory=dict)  # file -> line/offset an interrupted run reached
    clustering: object | None = None  # what the incremental clustering after the ingest did

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{len(self.stored)} new article(s)"]
        if self.resumed:
            parts.insert(0, f"resumed {len(self.resumed)} interrupted file(s)")
        if self.replaced:
            parts.append(f"{len(self.replaced)} re-extracted with new settings")
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already stored (unchanged)")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.skipped:
            parts.append(f"{len(self.skipped)} non-article file(s) skipped")
        if self.not_english:
            parts.append(f"{len(self.not_english)} article(s) in other languages skipped")
        parts.append(
            f"{self.events} event(s), {self.quotes} quote(s), {self.dropped_paragraphs} noise paragraph(s) "
            "dropped"
        )
        return ", ".join(parts)


def extractor_provenance(options: Options) -> tuple[str, str]:
    """(version, config hash) stored on every record."""
    from ..extract import extractor_version

    return extractor_version(), options.config_hash()


def ingest_paths(
    conn: sqlite3.Connection,
    paths: Iterable[str],
    *,
    fmt: str = "auto",
    published: str | None = None,
    url: str | None = None,
    options: Options | None = None,
    on_article: Callable[[str], None] | None = None,
    resume: bool = True,
) -> IngestReport:
    """Read, clean, parse, extract and store every article under ``paths``.

    Bad inputs are collected in ``report.failed`` (file and line) and never stop the batch;
    articles already stored with the same settings are skipped before parsing. With ``resume``,
    JSONL and WARC files an interrupted run had started are read on from where it stopped
    (``pipeline/resume.py``); records it skipped that way are not re-reported.
    """
    options = options or Options()
    published = checked_published(published, source="--published")
    if not resume:
        items = iter_documents(paths, fmt, published=published, url=url, max_bytes=options.max_bytes)
        return ingest_items(conn, items, options=options, on_article=on_article)
    from .resume import ProgressTracker

    tracker = ProgressTracker(conn, options.config_hash())
    items = tracker.items(paths, fmt, published=published, url=url, max_bytes=options.max_bytes)
    report = ingest_items(conn, items, options=options, on_article=on_article, progress=tracker)
    report.resumed = dict(tracker.resumed)
    return report


def ingest_items(conn, items, *, options: Options, on_article=None, progress=None) -> IngestReport:
    """Process and store ``items``; ``progress`` (a resume.ProgressTracker) hears of each committed
    outcome."""
    from ..store import UNCHANGED
    from ..store.writer import article_status
    from .process import Skipped
    from .stream import process_documents

    check_user_data(options)  # a broken user data file is one error, before any article
    version, config_hash = extractor_provenance(options)
    report = IngestReport()

    def already_stored(article) -> bool:
        return article_status(conn, article.id, config_hash, version) == UNCHANGED

    for outcome in process_documents(items, options, skip=already_stored):
        failures_before = len(report.failed)
        if isinstance(outcome, Skipped):
            report.unchanged.append(outcome.article.id)
        elif isinstance(outcome, Skip):
            report.skipped.append(Failure(outcome.source or "<input>", outcome.message))
        elif isinstance(outcome, InternalError):
            log_internal_error(conn, report, outcome, version, config_hash)
        elif isinstance(outcome, NotEnglishError):  # a multilingual crawl: a note, not a failure
            note = Failure(outcome.source or "<input>", outcome.message, outcome.line)
            report.not_english.append(note)
            _log(conn, _where(note), None, "skipped", outcome.message)
        elif isinstance(outcome, EventwireError):
            log_failure(conn, report, Failure(outcome.source or "<input>", outcome.message, outcome.line))
        else:
            store_processed(conn, report, outcome.article, outcome.extraction, version, config_hash)
        if progress is not None:  # only now, after the article's transaction has committed
            # A failed record is not passed: once fixed, the next run reads it again.
            progress.completed(failed=len(report.failed) > failures_before)
        if isinstance(outcome, Skip):
            continue
        if on_article:
            on_article(
                outcome.source or "<input>" if isinstance(outcome, EventwireError) else outcome.article.id
            )
    if report.stored or report.replaced:
        refresh_statistics(conn)
        if options.cluster:
            _update_clustering(conn, report, version, config_hash)
    return report


def _update_clustering(
    conn: sqlite3.Connection, report: IngestReport, version: str, config_hash: str
) -> None:
    """The articles are stored whatever happens here; a crash is reported like an article's."""
    try:
        report.clustering = update_canonical_events(conn)
    except sqlite3.OperationalError:
        raise
    except Exception as exc:
        error = InternalError.from_exception(exc, stage="cluster", source="<canonical events>")
        log_internal_error(conn, report, error, version, config_hash)


def update_canonical_events(conn: sqlite3.Connection):
    """Canonical events brought up to date with the articles just stored (incremental clustering)."""
    from ..cluster.incremental import update_clustering

    return update_clustering(conn)


def store_processed(conn, report: IngestReport, article, extraction, version: str, config_hash: str) -> str:
    """Save one processed article and account for it in ``report`` (shared by ingest and batch load).

    A bug in the writer costs this article only (its transaction is rolled back); a database that
    can't be written at all (locked, read-only, disk full) stops the run.
    """
    from ..store import save_article

    try:
        status = save_article(conn, article, extraction, version=version, config_hash=config_hash).status
    except sqlite3.OperationalError:
        raise
    except Exception as exc:
        error = InternalError.from_exception(exc, stage="store", source=article.source, article_id=article.id)
        log_internal_error(conn, report, error, version, config_hash)
        return "failed"
    getattr(report, status).append(article.id)
    if status != "unchanged":
        report.events += len(extraction.events)
        report.quotes += len(extraction.quotes)
        report.dropped_paragraphs += len(article.dropped)
    _log(conn, article.source or article.id, article.id, status, None)
    return status


def log_failure(conn: sqlite3.Connection, report: IngestReport, failure: Failure) -> None:
    report.failed.append(failure)
    _log(conn, _where(failure), None, "failed", failure.message)


def _where(failure: Failure) -> str:
    """The ingest-log key of a record: its file, with the line for records of a JSONL file."""
    if failure.line and ":" not in failure.source:
        return f"{failure.source}:{failure.line}"
    return failure.source


def log_internal_error(
    conn: sqlite3.Connection, report: IngestReport, error: InternalError, version: str, config_hash: str
) -> None:
    """An article lost to a bug of ours: one line in the report, its traceback in ``failures``."""
    from .failures import record_failure

    report.failed.append(Failure(error.source or "<input>", str(error), error.line, internal=error))
    record_failure(conn, error, version, config_hash)
    _log(conn, error.source or "<input>", error.article_id, "failed", str(error))


def _log(
    conn: sqlite3.Connection, source: str, article_id: str | None, status: str, message: str | None
) -> None:
    conn.execute(
        "INSERT INTO ingest_log (source, article_id, status, message, at) VALUES (?,?,?,?,?)"
        " ON CONFLICT(source) DO UPDATE SET article_id=excluded.article_id, status=excluded.status,"
        " message=excluded.message, at=excluded.at",
        (source, article_id, status, message, datetime.now(UTC).isoformat(timespec="seconds")),
    )


__all__ = ["Failure", "IngestReport", "ingest_items", "ingest_paths", "__version__"]
