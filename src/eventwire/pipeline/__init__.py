"""Orchestration: the runners that move articles through ingest → clean → nlp → extract → store.

This wing sits above the stages and below the interfaces (CLI, REST, batch, eval): every import in
it runs down into the stages, never up.
"""

from .process import Processed, Skipped, process_chunk, process_text
from .stream import process_documents

__all__ = ["Processed", "Skipped", "process_chunk", "process_documents", "process_text"]
