"""The store: SQLite by default (one file, zero set-up), migrations, idempotent writes."""

from .db import applied_migrations, apply_migrations, connect, refresh_statistics, transaction
from .writer import REPLACED, STORED, UNCHANGED, save_article

__all__ = [
    "REPLACED",
    "STORED",
    "UNCHANGED",
    "apply_migrations",
    "applied_migrations",
    "connect",
    "refresh_statistics",
    "save_article",
    "transaction",
]
