"""Redaction before storage, and the retention purge, on real SQLite and PostgreSQL tracker stores."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.cli import main
from bot.content.db import create_db_engine
from bot.privacy.retention import parse_age, purge
from bot.privacy.redaction import redact
from bot.rasa_ext.tracker_store import PrivacySQLTrackerStore
from tests.conftest import POSTGRES_URL, ROOT


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("call me at 555-123-4567", "call me at [phone]"),
        ("(617) 555-0100 or +1 617.555.0100", "[phone] or [phone]"),
        ("write to jo.doe+x@mail.com", "write to [email]"),
        ("he lives at 12 Elm Street apt 4", "he lives at [address]"),
        ("she stays at 1200 N Martin Luther King Blvd", "she stays at [address]"),
        ("call 911 or text 988", "call 911 or text 988"),
        ("my cell is 6175550100, or 555 0100 at work", "my cell is [phone], or [phone] at work"),
        ("he has used since 2019, about 3000 times, text 741741", "he has used since 2019, about 3000 times, text 741741"),
        ("my son is 19 and lives on 5th avenue", "my son is 19 and lives on 5th avenue"),
        ("i used 3 days ago", "i used 3 days ago"),
    ],
)
def test_redaction(raw, expected):
    assert redact(raw) == expected


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


async def test_stored_events_are_redacted_but_the_reply_was_not_affected(tmp_path, domain):
    store = PrivacySQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker("u1", domain.slots)
    tracker.update(UserUttered("my son is at 12 Elm Street, call 555-123-4567", {"name": "ask_help_loved_one", "confidence": 1.0}))
    tracker.update(ActionExecuted("loved_one_form"))
    tracker.update(SlotSet("lo_noticed", "he hides at 40 Oak Road and emails bob@x.org"))
    tracker.update(BotUttered("reply"))
    await store.save(tracker)
    engine = create_db_engine(f"sqlite:///{tmp_path / 't.db'}")
    with engine.connect() as conn:
        stored = " ".join(row[0] for row in conn.execute(text("select data from events")))
    assert "Elm Street" not in stored and "555-123-4567" not in stored and "bob@x.org" not in stored
    assert "[address]" in stored and "[phone]" in stored and "[email]" in stored


def test_parse_age():
    assert parse_age("30d") == 30 * 86400 and parse_age("12h") == 43200 and parse_age("90m") == 5400
    for bad in ("", "30", "0d", "-1d", "30 days"):
        with pytest.raises(ValueError):
            parse_age(bad)


def _seed(engine, rows):
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
                          "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"))
        for sender, ts in rows:
            conn.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, '{}')"),
                         {"s": sender, "t": ts})


def test_purge_deletes_only_conversations_idle_past_the_cutoff(tmp_path):
    now = time.time()
    engine = create_db_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    _seed(engine, [("old", now - 40 * 86400), ("old", now - 35 * 86400),
                   ("recent", now - 40 * 86400), ("recent", now - 3600)])
    report = purge(engine, 30 * 86400, now=now)
    assert (report.conversations, report.events) == (1, 2)
    with engine.connect() as conn:
        assert [r[0] for r in conn.execute(text("select distinct sender_id from events"))] == ["recent"]


def test_purge_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    _seed(create_db_engine(url), [("gone", time.time() - 90 * 86400)])
    assert main(["privacy", "purge", "--older-than", "30d", "--tracker-url", url]) == 0
    assert "Deleted 1 conversation(s) (1 events) older than 30d." in capsys.readouterr().out
    assert main(["privacy", "purge", "--older-than", "soon", "--tracker-url", url]) == 2


@pytest.mark.postgres
async def test_purge_on_postgresql(domain):
    store = PrivacySQLTrackerStore(domain=domain, dialect="postgresql", host="127.0.0.1", port=5432, db="test", username="postgres")
    sender = f"purge-{uuid.uuid4()}"
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update(UserUttered("hello", {"name": "greet", "confidence": 1.0}, timestamp=time.time() - 100 * 86400))
    await store.save(tracker)
    engine = create_db_engine(POSTGRES_URL)
    try:
        assert purge(engine, 30 * 86400).conversations >= 1
        with engine.connect() as conn:
            left = conn.execute(text("select count(*) from events where sender_id = :s"), {"s": sender}).scalar_one()
        assert left == 0
    finally:
        engine.dispose()
