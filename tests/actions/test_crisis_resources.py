"""action_crisis_resources: the right lines for each kind of crisis, even with the database down."""

from __future__ import annotations

import pytest

from actions.crisis_resources import ActionCrisisResources
from bot.content import store as content_store
from bot.content.store import ContentStore
from bot.content.db import create_db_engine


@pytest.mark.parametrize(
    "intent,expected,absent",
    [
        ("crisis_overdose", ["call 911", "1-800-222-1222", "1-800-484-3731", "1-800-662-4357"], "741741"),
        ("crisis_suicide", ["call 988 or text 988", "text 741741", "1-800-662-4357"], "1-800-484-3731"),
        ("crisis_medical", ["call 911", "1-800-222-1222"], "741741"),
    ],
)
async def test_lists_the_lines_for_the_crisis_kind(store, dispatcher, tracker_for, intent, expected, absent):
    await ActionCrisisResources().run(dispatcher, tracker_for(intent, "help"), {})
    [msg] = dispatcher.messages
    for needle in expected:
        assert needle in msg["text"]
    assert absent not in msg["text"]


async def test_database_down_still_sends_the_essential_lines(tmp_path, dispatcher, tracker_for):
    (tmp_path / "db").mkdir()
    content_store.set_store(ContentStore(create_db_engine(f"sqlite:///{tmp_path / 'db'}"), ttl=0))
    try:
        await ActionCrisisResources().run(dispatcher, tracker_for("crisis_suicide", "i want to die"), {})
    finally:
        content_store.set_store(None)
    text = dispatcher.messages[0]["text"]
    assert "988" in text and "741741" in text and "1-800-662-4357" in text


async def test_after_the_safety_check_is_confirmed_both_overdose_and_suicide_lines_are_listed(store, dispatcher, tracker_for):
    check = {"event": "user", "text": "took all of them", "parse_data": {"intent": {"name": "check_danger"}}}
    await ActionCrisisResources().run(dispatcher, tracker_for("affirm", "yes", events=[check]), {})
    text = dispatcher.messages[0]["text"]
    assert "1-800-484-3731" in text and "741741" in text


async def test_a_spanish_conversation_gets_the_lines_in_spanish_after_the_spanish_reply(store, dispatcher, tracker_for):
    await ActionCrisisResources().run(dispatcher, tracker_for("crisis_overdose", "no respira", slots={"language": "es"}), {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Más ayuda, a cualquier hora:")
    assert "- Servicios de emergencia: llame al 911." in text and "Control de Envenenamientos" in text
    assert "More help" not in text and "Emergency services" not in text
