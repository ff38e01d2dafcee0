"""Deleting a conversation - on the person's request or by retention - also takes it off the review queue and
removes the staff labels on its messages, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from sqlalchemy import text

from bot.privacy.retention import purge
from bot.rasa_ext.tracker_store import DELETE_ACTION
from bot.staff.labels import TABLE, save_label
from bot.staff.usage import Period, summarise
from tests.bot.staff.conversations import BEFORE, DAY2, DAY3, NONSENSE, PERIOD, WEATHER


def _labels(engine):
    with engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(text(f"SELECT sender_id FROM {TABLE}")))


async def _ask_to_delete(store, sender_id: str) -> None:
    tracker = await store.retrieve(sender_id)
    tracker.update(UserUttered("yes delete everything", {"name": "affirm", "confidence": 0.99}))
    tracker.update(ActionExecuted(DELETE_ACTION))
    tracker.update(BotUttered("Done."))
    await store.save(tracker)


def test_deleting_on_request_takes_the_messages_off_the_queue_with_their_labels(filled):
    queue = {q.text: q for q in summarise(filled.engine, PERIOD, 0.25).queue}
    save_label(filled.engine, queue[NONSENSE].event_id, "ask_cost")
    save_label(filled.engine, queue[WEATHER].event_id, "not_for_us")
    save_label(filled.engine, queue[next(t for t in queue if "[phone]" in t)].event_id, "request_human")
    asyncio.run(_ask_to_delete(filled.store, filled.ids["missed"]))

    left = summarise(filled.engine, PERIOD, 0.25).queue
    assert NONSENSE not in [q.text for q in left] and WEATHER not in [q.text for q in left]
    assert len(left) == 2  # the other conversations' messages stay
    assert _labels(filled.engine) == [filled.ids["phone"]]
    assert not save_label(filled.engine, queue[NONSENSE].event_id, "ask_cost")  # nothing left to label


def test_retention_takes_old_conversations_off_the_queue_with_their_labels(filled):
    everything = Period(BEFORE, DAY3)
    queue = [q for q in summarise(filled.engine, everything, 0.25).queue if q.text == NONSENSE]
    assert len(queue) == 2  # the same words, before the period and on day 2
    for item in queue:
        save_label(filled.engine, item.event_id, "ask_cost")
    day2 = dt.datetime.combine(DAY2, dt.time(), dt.timezone.utc).timestamp()
    report = purge(filled.engine, 10 * 86400, now=day2 + 10 * 86400)  # everything idle since before day 2
    assert report.conversations == 3  # the one before the period and the two of day 1

    left = [q for q in summarise(filled.engine, everything, 0.25).queue if q.text == NONSENSE]
    assert [q.at.date() for q in left] == [DAY2]
    assert _labels(filled.engine) == [filled.ids["missed"]]
