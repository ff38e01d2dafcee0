"""Retention: delete conversations whose last message is older than a cut-off from the tracker store."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.staff.labels import delete_for_senders_in


_UNITS = {"d": 86400, "h": 3600, "m": 60}


def parse_age(value: str) -> int:
    """Return seconds for "30d", "12h" or "90m"; raise ValueError otherwise."""
    m = re.fullmatch(r"\s*(\d+)\s*([dhm])\s*", value or "")
    if not m or int(m.group(1)) == 0:
        raise ValueError(f"expected an age like 30d, 12h or 90m, got {value!r}")
    return int(m.group(1)) * _UNITS[m.group(2)]


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed."""

    conversations: int
    events: int


def purge(engine: Engine, older_than_seconds: int, now: Optional[float] = None) -> PurgeReport:
    """Delete every conversation whose newest event is older than the cut-off, with its staff labels, in one transaction."""
    cutoff = (now if now is not None else time.time()) - older_than_seconds
    old = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"
    with engine.begin() as conn:
        conversations = conn.execute(text(f"SELECT COUNT(*) FROM ({old}) AS old"), {"cutoff": cutoff}).scalar_one()
        delete_for_senders_in(conn, old, {"cutoff": cutoff})  # staff labels on their messages (bot/staff/labels.py)
        events = conn.execute(text(f"DELETE FROM events WHERE sender_id IN ({old})"), {"cutoff": cutoff}).rowcount
    return PurgeReport(int(conversations), int(events or 0))
