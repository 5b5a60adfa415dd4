"""What a reader yields: one raw document, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawDocument:
    source: str  # file path, "-" for stdin, or "path:line" for JSONL
    format: str  # text | html (after a reader has unpacked jsonl/warc/rss containers)
    content: str  # the text or HTML
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    id: str | None = None
    container: str = "file"  # file | jsonl | warc | rss | stdin | api
    meta: dict[str, Any] = field(default_factory=dict)
