"""The bundled sample articles (invented news, with realistic web noise) and the demo run."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from .ingest.document import RawDocument
from .ingest.readers import decode

SAMPLES_DIR = Path(__file__).parent / "samples"


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
