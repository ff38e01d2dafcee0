"""Staff labels on review-queue messages: the right intent for a message the assistant missed, or "not for us".

A label is staff's judgement about a stored message, not something about the user: it holds the message's event
id, its conversation (so a deletion can find it), the intent and when it was given - never the text, which stays
in Rasa's ``events`` table and is read from there when exported. The table sits next to ``events`` in the tracker
store (SQLite or PostgreSQL), so deleting a conversation on request (``bot/rasa_ext/tracker_store.py``) or by
retention (``bot/privacy/retention.py``) removes its labels in the same transaction.
"""

from __future__ import annotations

import time
from typing import Dict, Iterable, Optional

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, text
from sqlalchemy.engine import Connection, Engine

TABLE = "staff_labels"
NOT_FOR_US = "not_for_us"
metadata = MetaData()
labels = Table(
    TABLE,
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=False),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("intent", String(255), nullable=False),
    Column("labelled_at", Float, nullable=False),
)


def ensure_table(conn: Connection) -> None:
    """Create the labels table if it does not exist yet."""
    metadata.create_all(conn, checkfirst=True)


def save_label(engine: Engine, event_id: int, intent: str, now: Optional[float] = None) -> bool:
    """Label the stored user message ``event_id`` (replacing an earlier label); False if no such message is stored.

    The label is copied from the event row in the same statement, so a conversation deleted meanwhile leaves
    no label behind.
    """
    with engine.begin() as conn:
        ensure_table(conn)
        conn.execute(text(f"DELETE FROM {TABLE} WHERE event_id = :id"), {"id": event_id})
        added = conn.execute(
            text(f"INSERT INTO {TABLE} (event_id, sender_id, intent, labelled_at) "
                 "SELECT id, sender_id, :intent, :now FROM events WHERE id = :id AND type_name = 'user'"),
            {"id": event_id, "intent": intent, "now": now if now is not None else time.time()},
        ).rowcount
    return bool(added)


def labels_by_event(engine: Engine, event_ids: Iterable[int]) -> Dict[int, str]:
    """The labels of these messages: {event id: intent}."""
    ids = list(event_ids)
    if not ids:
        return {}
    with engine.begin() as conn:
        ensure_table(conn)
        found: Dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            rows = conn.execute(text(f"SELECT event_id, intent FROM {TABLE} WHERE event_id IN ({marks})"),
                                {f"i{n}": value for n, value in enumerate(chunk)})
            found.update({int(r[0]): r[1] for r in rows})
    return found


def delete_for_sender(conn: Connection, sender_id: str) -> int:
    """Delete the labels of one conversation (inside the caller's transaction)."""
    ensure_table(conn)
    return conn.execute(text(f"DELETE FROM {TABLE} WHERE sender_id = :s"), {"s": sender_id}).rowcount or 0


def delete_for_senders_in(conn: Connection, senders_sql: str, params: Dict[str, object]) -> int:
    """Delete the labels of every conversation that ``senders_sql`` (a SELECT of sender ids) returns."""
    ensure_table(conn)
    return conn.execute(text(f"DELETE FROM {TABLE} WHERE sender_id IN ({senders_sql})"), params).rowcount or 0
