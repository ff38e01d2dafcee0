"""Rasa tracker store that redacts what it stores, erases a conversation for good on request and rolls long sessions over."""

from __future__ import annotations

import logging
from typing import Any, Optional, Text
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete

from bot.privacy.redaction import redact
from bot.turn_status import mark_store_failed

logger = logging.getLogger(__name__)
DELETE_ACTION = "action_delete_my_data"
# Above this many events in the current session (about 10 turns), a new session is started at the next
# quiet moment, carrying the slots over. Rasa re-reads and re-processes the whole current session on every
# message, so without this a long conversation gets slower with every turn; the policies look back only
# 3 turns (max_history), so nothing they use is lost.
MAX_EVENTS_PER_SESSION = 60


def deletion_requested(tracker: DialogueStateTracker) -> bool:
    """True when the user's latest turn ran the (confirmed) deletion action."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == DELETE_ACTION:
            return True
    return False


class PrivacySQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore (SQLite or PostgreSQL) that redacts what it stores and deletes a conversation on request.

    Phone numbers, e-mail addresses and street addresses typed by users are redacted from user messages and
    free-text slots before they are written; the live reply, already sent, is not affected.

    The deletion happens here, when Rasa saves the turn, because deleting rows earlier (from the action
    server) would be undone: SQLTrackerStore.save writes back every event it does not find stored.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._check_connections_before_use()
        if self.engine.dialect.name == "sqlite":
            _use_write_ahead_log(self.engine)

    def _check_connections_before_use(self) -> None:
        """Recreate the engine with pre-ping, so pooled connections that died in a database restart are replaced
        instead of failing the first messages after it."""
        import sqlalchemy as sa
        from rasa.core.tracker_store import create_engine_kwargs

        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """Read the conversation; a failure is flagged for the channel, then raised as before."""
        try:
            return await super().retrieve(sender_id)
        except Exception:
            mark_store_failed()
            raise

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the turn (a failure is flagged for the channel, then raised as before)."""
        try:
            await self._save(tracker)
        except Exception:
            mark_store_failed()
            raise

    async def _save(self, tracker: DialogueStateTracker) -> None:
        """Store the turn, or erase the whole conversation if the user asked for it."""
        if deletion_requested(tracker):
            removed = self.delete_conversation(tracker.sender_id)
            logger.info("Deleted a conversation on the user's request (%d events)", removed)
            return
        for step in BEFORE_SAVE:
            step(tracker)
        await super().save(tracker)

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every stored event of ``sender_id``, and staff labels on its messages; return how many events were removed."""
        from bot.staff.labels import delete_for_sender

        with self.session_scope() as session:
            delete_for_sender(session.connection(), sender_id)
            result = session.execute(delete(self.SQLEvent).where(self.SQLEvent.sender_id == sender_id))
            session.commit()
        return result.rowcount or 0


def redact_new_events(tracker: DialogueStateTracker) -> None:
    """Redact user text and free-text slot values in the events of the latest turn (after the reply was sent)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            event.text = redact(event.text)
            if isinstance(event.parse_data, dict) and "text" in event.parse_data:
                event.parse_data["text"] = redact(event.parse_data["text"])
            break
        if isinstance(event, SlotSet) and isinstance(event.value, str):
            event.value = redact(event.value)
            slot = tracker.slots.get(event.key)
            if slot is not None and isinstance(slot.value, str):
                # The tracker's own copy too: a session roll-over carries slot values into the new session.
                slot.value = redact(slot.value)


def roll_over_long_session(tracker: DialogueStateTracker, limit: int = MAX_EVENTS_PER_SESSION) -> bool:
    """Start a new session (slots carried over) when the current one is long and no form is running.

    Returns True when it did. The events are appended to ``tracker``, so the save that follows stores them.
    """
    since_start = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        since_start += 1
    latest = tracker.events[-1] if tracker.events else None
    quiet = isinstance(latest, ActionExecuted) and latest.action_name == ACTION_LISTEN_NAME
    if since_start <= limit or not quiet or tracker.active_loop_name:
        return False
    slots = [SlotSet(name, slot.value) for name, slot in tracker.slots.items()
             if slot.value is not None and slot.value != slot.initial_value and name != "requested_slot"]
    for event in [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), *slots, ActionExecuted(ACTION_LISTEN_NAME)]:
        tracker.update(event)
    return True


# What happens to a turn before it is written, in order, each a named step that can be tested on its own:
# redaction first (the roll-over copies slot values into the new session), then the session roll-over.
BEFORE_SAVE = (redact_new_events, roll_over_long_session)


def _use_write_ahead_log(engine: Any) -> None:
    """SQLite: write-ahead log and one sync per checkpoint instead of one fsync per saved turn."""
    from sqlalchemy import event, text

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    with engine.connect() as conn:  # connections opened before the listener existed
        conn.execute(text("PRAGMA journal_mode=WAL"))
