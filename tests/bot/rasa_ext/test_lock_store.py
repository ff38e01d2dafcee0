"""The renewing Redis lock store: a ticket left by a dead replica expires, a waiting one does not."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from bot.rasa_ext.lock_store import RenewingRedisLockStore


def store(cls):
    """A lock store on the local Redis (db 4, apart from the cluster's)."""
    return cls(host="127.0.0.1", port=6379, db=4)


async def wait_behind_a_dead_holder(lock_store, lifetime: float) -> float:
    """A dead replica holds ticket 1; return how long the message with ticket 2 waits (or raise on timeout)."""
    conversation = f"lock-test-{uuid.uuid4().hex}"
    lock_store.issue_ticket(conversation, lifetime)  # the dead replica's ticket: nobody will release it
    ticket = lock_store.issue_ticket(conversation, lifetime)
    start = time.monotonic()
    await asyncio.wait_for(lock_store._acquire_lock(conversation, ticket, 0.2), timeout=lifetime * 4)
    return time.monotonic() - start


def test_waiting_message_gets_the_lock_once_the_dead_holders_ticket_expires():
    lock_store = store(RenewingRedisLockStore)
    lock_store.lock_lifetime = 1.0
    waited = asyncio.run(wait_behind_a_dead_holder(lock_store, 1.0))
    assert 0.5 < waited < 2.5


def test_messages_of_one_conversation_still_take_turns():
    lock_store = store(RenewingRedisLockStore)
    conversation = f"lock-order-{uuid.uuid4().hex}"
    order = []

    async def handle(name: str, delay: float) -> None:
        await asyncio.sleep(delay)
        async with lock_store.lock(conversation, 30, 0.05):
            order.append(f"{name}-start")
            await asyncio.sleep(0.2)
            order.append(f"{name}-end")

    async def main() -> None:
        await asyncio.gather(handle("a", 0), handle("b", 0.05), handle("c", 0.1))

    asyncio.run(main())
    assert order == ["a-start", "a-end", "b-start", "b-end", "c-start", "c-end"]
