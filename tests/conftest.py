"""Shared fixtures: the spaCy model once per session, the shared gold folder, fresh databases."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "examples" / "seed"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED} (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir) -> str:
    path = shared_dir / "examples" / "seed" / "article.txt"
    if not path.exists():
        pytest.skip(f"founding example not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def conn():
    """A fresh in-memory eventwire database."""
    from eventwire.store import connect

    c = connect(":memory:")
    yield c
    c.close()
