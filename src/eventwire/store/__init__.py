"""The store: SQLite by default (one file, zero set-up), migrations, idempotent writes."""

from .db import applied_migrations, apply_migrations, connect, transaction
from .writer import REPLACED, STORED, UNCHANGED, save_article

__all__ = ["REPLACED", "STORED", "UNCHANGED", "apply_migrations", "applied_migrations", "connect",
           "save_article", "transaction"]  # fmt: skip
