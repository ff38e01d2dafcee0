"""Deleting a conversation on request, against real SQLite and PostgreSQL tracker stores."""

from __future__ import annotations

import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import DELETE_ACTION, PrivacySQLTrackerStore, deletion_requested
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _turn(tracker: DialogueStateTracker, text: str, action: str) -> None:
    tracker.update(UserUttered(text, {"name": "ask_methadone", "confidence": 1.0}))
    tracker.update(ActionExecuted(action))
    tracker.update(BotUttered("an answer"))
    tracker.update(ActionExecuted("action_listen"))


async def _exercise(store: PrivacySQLTrackerStore, domain: Domain) -> None:
    me, other = f"user-{uuid.uuid4()}", f"other-{uuid.uuid4()}"
    mine = DialogueStateTracker(me, domain.slots)
    _turn(mine, "my son uses, my number is 555-0100", "action_answer_topic")
    mine.update(SlotSet("loved_one", "son"))
    await store.save(mine)
    theirs = DialogueStateTracker(other, domain.slots)
    _turn(theirs, "what is narcan", "action_answer_topic")
    await store.save(theirs)
    assert len((await store.retrieve_full_tracker(me)).events) >= 5

    mine = await store.retrieve(me)
    mine.update(UserUttered("delete my data", {"name": "affirm", "confidence": 1.0}))
    mine.update(ActionExecuted(DELETE_ACTION))
    mine.update(BotUttered("Done."))
    await store.save(mine)

    assert await store.retrieve(me) is None  # nothing of that conversation is left
    assert me not in list(await store.keys())
    assert (await store.retrieve(other)) is not None  # other people's conversations are untouched

    fresh = DialogueStateTracker(me, domain.slots)  # the next turn starts from nothing
    _turn(fresh, "hi again", "utter_greet")
    await store.save(fresh)
    texts = [e.text for e in (await store.retrieve_full_tracker(me)).events if isinstance(e, UserUttered)]
    assert texts == ["hi again"]


def test_deletion_is_only_for_the_turn_that_ran_the_action(domain):
    tracker = DialogueStateTracker("u", domain.slots)
    tracker.update(UserUttered("delete", {"name": "affirm"}))
    tracker.update(ActionExecuted(DELETE_ACTION))
    assert deletion_requested(tracker)
    tracker.update(UserUttered("hi", {"name": "greet"}))
    assert not deletion_requested(tracker)


async def test_delete_on_request_with_sqlite(tmp_path, domain):
    store = PrivacySQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    await _exercise(store, domain)


@pytest.mark.postgres
async def test_delete_on_request_with_postgresql(domain):
    store = PrivacySQLTrackerStore(
        domain=domain, dialect="postgresql", host="127.0.0.1", port=5432, db="test", username="postgres"
    )
    await _exercise(store, domain)
