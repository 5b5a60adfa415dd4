"""The ingest stage: files, directories, stdin, JSONL, and (with extras) WARC and RSS."""

from ..models import RawDocument
from .readers import FORMATS, expand_paths, iter_documents, register_reader

# WARC and feed readers need the [scale] extra (fastwarc or warcio, feedparser); importing them
# registers them with ``register_reader``. Without the extra those formats report a clear error.
try:
    from . import warc  # noqa: F401
except ImportError:  # pragma: no cover - depends on installed extras
    pass
try:
    from . import feeds  # noqa: F401
except ImportError:  # pragma: no cover
    pass

__all__ = ["FORMATS", "RawDocument", "expand_paths", "iter_documents", "register_reader"]
