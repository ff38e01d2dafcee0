"""Rasa tracker store that erases a conversation for good when the user asks for it."""

from __future__ import annotations

import logging
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete

from bot.redaction import redact

logger = logging.getLogger(__name__)
DELETE_ACTION = "action_delete_my_data"


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

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the turn, or erase the whole conversation if the user asked for it."""
        if deletion_requested(tracker):
            removed = self.delete_conversation(tracker.sender_id)
            logger.info("Deleted a conversation on the user's request (%d events)", removed)
            return
        redact_new_events(tracker)
        await super().save(tracker)

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every stored event of ``sender_id``; return how many were removed."""
        with self.session_scope() as session:
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
