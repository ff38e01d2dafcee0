"""Runtime settings read from the environment, with embedded single-machine defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'content.db'}"
CONTENT_DIR = PROJECT_ROOT / "data" / "content"
LEXICON_DIR = PROJECT_ROOT / "data" / "lexicon"


def database_url() -> str:
    """Return the content store URL: ``DATABASE_URL`` or the SQLite file under ``var/``."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def content_cache_seconds() -> float:
    """Return how long the action server keeps content in memory before re-reading the store."""
    return float(os.environ.get("CONTENT_CACHE_SECONDS", "300"))
