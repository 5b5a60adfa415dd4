"""eventwire: news articles in, sourced event data out.

The Python interface (the same functions the CLI and the REST API call)::

    import eventwire
    db = eventwire.open("news.db")              # an ingested database
    df = db.events(type="ASSAULT").to_pandas()  # canonical events, every match, typed columns
    result = eventwire.process_text(text, published="2024-04-14")  # one article, no database

Names are imported on first use, so ``import eventwire`` (and the CLI's start-up) stays fast.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

_LAZY = {
    "open": "eventwire.database",
    "Database": "eventwire.database",
    "Results": "eventwire.database",
    "EventFilter": "eventwire.query.records",
    "process_text": "eventwire.pipeline",
    "process_documents": "eventwire.pipeline",
    "ingest_paths": "eventwire.pipeline.ingest",
    "connect": "eventwire.store",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
