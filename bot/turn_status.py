"""Whether the conversation could be read and written while the current message was processed.

Rasa wraps every tracker store in a FailSafeTrackerStore: when the database is down it silently starts a
fresh, empty conversation in memory, and the user gets answers that ignore everything said before. The
tracker store flags a failed read or write here; the channels check the flag after each message and send a
clear "please try again" instead. It lives on its own so that channels do not depend on a storage class.
"""

from __future__ import annotations

from contextvars import ContextVar

_STORE_FAILED: ContextVar[bool] = ContextVar("tracker_store_failed", default=False)


def begin_turn() -> None:
    """Clear the failure flag before a channel processes a message."""
    _STORE_FAILED.set(False)


def mark_store_failed() -> None:
    """Record that reading or writing the conversation failed during this message."""
    _STORE_FAILED.set(True)


def store_failed_this_turn() -> bool:
    """True when reading or writing the conversation failed while processing the current message."""
    return _STORE_FAILED.get()
