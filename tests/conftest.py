"""Shared fixtures: a real content store loaded from data/content/, and rasa_sdk trackers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.content import store as content_store
from bot.content.loader import load, validate
from bot.content.store import ContentStore
from bot.content.db import create_db_engine

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def content_bundle():
    """The real curated content, validated."""
    return validate(ROOT / "data" / "content", ROOT / "domain.yml")


@pytest.fixture()
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file URL."""
    return f"sqlite:///{tmp_path / 'content.db'}"


@pytest.fixture()
def store(sqlite_url: str, content_bundle) -> ContentStore:
    """A content store loaded with the real content, installed as the process-wide store."""
    engine = create_db_engine(sqlite_url)
    load(engine, content_bundle)
    s = ContentStore(engine, ttl=300)
    content_store.set_store(s)
    yield s
    content_store.set_store(None)
    engine.dispose()


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    """A dispatcher that collects what an action sends."""
    return CollectingDispatcher()


def make_tracker(
    intent: Optional[str] = None,
    text: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    sender_id: str = "test-user",
) -> Tracker:
    """Build a real rasa_sdk Tracker whose latest message has ``intent``, ``text`` and ``entities``."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
    }
    user_event = {"event": "user", "text": text, "parse_data": latest}
    return Tracker.from_dict(
        {
            "sender_id": sender_id,
            "slots": slots or {},
            "latest_message": latest,
            "events": (events or []) + [user_event],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


@pytest.fixture()
def tracker_for():
    """Factory fixture: ``tracker_for(intent, text, ...)`` -> Tracker."""
    return make_tracker

