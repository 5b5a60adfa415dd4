"""The bundled sample articles (invented news, with realistic web noise) and the demo flow."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..ingest.readers import decode
from ..models import RawDocument
from ..options import Options
from .ingest import IngestReport

SAMPLES_DIR = Path(__file__).parent.parent / "samples"


def sample_metadata() -> dict[str, dict[str, str]]:
    """published/url/outlet of each plain-text sample (HTML samples carry their own)."""
    with open(SAMPLES_DIR / "published.tsv", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def sample_documents() -> Iterator[RawDocument]:
    """Every bundled sample as a RawDocument with its metadata."""
    meta = sample_metadata()
    for path in sorted(SAMPLES_DIR.iterdir()):
        if path.suffix not in (".txt", ".html"):
            continue
        info = meta.get(path.name, {})
        yield RawDocument(
            source=f"samples/{path.name}",
            format="html" if path.suffix == ".html" else "text",
            content=decode(path.read_bytes(), str(path)),
            published=info.get("published") or None,
            url=info.get("url") or None,
            outlet=info.get("outlet") or None,
        )


@dataclass
class DemoRun:
    """What ``eventwire demo`` found: the ingest report, store totals and the top events."""

    report: IngestReport
    stats: dict
    cluster_summary: str | None  # None when the [scale] extra (datasketch) is missing
    events: list[dict]


def run_demo(conn, limit: int = 15, on_article: Callable[[str], None] | None = None) -> DemoRun:
    """Ingest the bundled samples, cluster their events and list the most reported ones."""
    from ..query import stats
    from ..query.canonical import list_canonical_events
    from ..query.records import EventFilter, list_events
    from .ingest import ingest_items

    report = ingest_items(conn, sample_documents(), options=Options(), on_article=on_article)
    try:
        from ..cluster import ClusterSettings, run_clustering
    except ImportError:  # without the [scale] extra, show reports one by one
        events = list_events(conn, EventFilter(limit=limit, sort="-confidence"))
        return DemoRun(report, stats(conn), None, events)
    summary = run_clustering(conn, ClusterSettings.load()).summary()
    events = list_canonical_events(conn, EventFilter(limit=limit, sort="-mentions"))
    return DemoRun(report, stats(conn), summary, events)
