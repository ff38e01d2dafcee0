"""Runtime settings read from the environment, with embedded single-machine defaults.

Every environment variable the bot reads is read here, so this file is the list of what can be configured.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'content.db'}"
DEFAULT_TRACKER_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.db'}"
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


def tracker_url() -> str:
    """Return the tracker store URL for the privacy tools: ``TRACKER_DB_URL`` or the SQLite file under ``var/``."""
    return os.environ.get("TRACKER_DB_URL") or DEFAULT_TRACKER_URL


def staff_token() -> str | None:
    """Return ``STAFF_TOKEN``: set, the widget server serves the staff page (/staff) to whoever has it; unset, it is off."""
    return os.environ.get("STAFF_TOKEN") or None


@dataclass(frozen=True)
class ChannelSecrets:
    """A messaging channel's token, its webhook secret, and its API address (None: the service's own)."""

    token: str
    secret: str
    api_url: Optional[str]


def telegram_secrets() -> ChannelSecrets:
    """``TELEGRAM_TOKEN``, ``TELEGRAM_SECRET_TOKEN``, ``TELEGRAM_API_URL``: credentials.yml holds no secrets."""
    return ChannelSecrets(os.environ.get("TELEGRAM_TOKEN", ""), os.environ.get("TELEGRAM_SECRET_TOKEN", ""),
                          os.environ.get("TELEGRAM_API_URL") or None)


def slack_secrets() -> ChannelSecrets:
    """``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET``, ``SLACK_API_URL``: credentials.yml holds no secrets."""
    return ChannelSecrets(os.environ.get("SLACK_BOT_TOKEN", ""), os.environ.get("SLACK_SIGNING_SECRET", ""),
                          os.environ.get("SLACK_API_URL") or None)
