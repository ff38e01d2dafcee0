"""Deleting a conversation on request, against real SQLite and PostgreSQL tracker stores."""

from __future__ import annotations

import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext.tracker_store import DELETE_ACTION, PrivacySQLTrackerStore, deletion_requested
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



def test_a_long_session_rolls_over_without_carrying_an_unredacted_slot_into_the_new_one():
    from rasa.shared.core.slots import TextSlot

    from bot.rasa_ext.tracker_store import BEFORE_SAVE, MAX_EVENTS_PER_SESSION

    tracker = DialogueStateTracker("long", [TextSlot("town", mappings=[])])
    while len(tracker.events) <= MAX_EVENTS_PER_SESSION:
        _turn(tracker, "what is methadone", "action_answer_topic")
    tracker.update(UserUttered("i live at 12 Elm Street, call 617-555-0100", {"name": "inform", "confidence": 1.0}))
    tracker.update(SlotSet("town", "12 Elm Street, call 617-555-0100"))
    tracker.update(ActionExecuted("action_listen"))
    for step in BEFORE_SAVE:
        step(tracker)
    carried = [e for e in tracker.events if isinstance(e, SlotSet)][-1]
    assert any(e.__class__.__name__ == "SessionStarted" for e in tracker.events)  # it rolled over
    assert carried.value == "[address], call [phone]"  # what the new session starts with is redacted too
    assert "617-555-0100" not in str([getattr(e, "value", getattr(e, "text", "")) for e in tracker.events])
