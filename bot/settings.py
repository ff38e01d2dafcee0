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


def rate_limit_per_sender() -> int:
    """Return how many messages one conversation may send per minute (0 turns the limit off)."""
    return int(os.environ.get("RATE_LIMIT_PER_SENDER", "20"))


def rate_limit_per_ip() -> int:
    """Return how many messages one client address may send per minute (0 turns the limit off)."""
    return int(os.environ.get("RATE_LIMIT_PER_IP", "120"))


def shared_redis_url() -> str | None:
    """Return ``REDIS_URL`` when replicas share a Redis (webhook de-duplication), else None."""
    return os.environ.get("REDIS_URL") or None
