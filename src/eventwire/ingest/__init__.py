"""The ingest stage: files, directories, stdin, JSONL, and (with extras) WARC and RSS."""

from .document import RawDocument
from .readers import FORMATS, expand_paths, iter_documents, register_reader

__all__ = ["FORMATS", "RawDocument", "expand_paths", "iter_documents", "register_reader"]
