"""The store: SQLite by default (one file, zero set-up), migrations, idempotent writes."""

from .db import applied_migrations, apply_migrations, connect, refresh_statistics, transaction
from .ids import ExtractionIds, assign_ids
from .rows import article_rows
from .writer import REPLACED, STORED, UNCHANGED, Saved, save_article

__all__ = [
    "REPLACED",
    "STORED",
    "UNCHANGED",
    "ExtractionIds",
    "Saved",
    "article_rows",
    "assign_ids",
    "apply_migrations",
    "applied_migrations",
    "connect",
    "refresh_statistics",
    "save_article",
    "transaction",
]
