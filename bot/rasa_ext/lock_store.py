"""Redis lock store whose waiting tickets stay alive, so a replica that dies cannot stall a conversation.

Rasa's ticket lock gives every message a ticket that expires after ``TICKET_LOCK_LIFETIME`` seconds, and a
message is processed when its ticket is first in line. If a replica dies while holding a ticket, that ticket
expires - but so does the ticket of the message waiting behind it on another replica, after almost the same
time. Once its own ticket has expired, Rasa's wait loop can never see it "now serving" and waits forever (the
user gets no answer). Here a waiting message renews its own ticket on every poll, so only the tickets of
processes that stopped polling (dead replicas) expire.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)


class RenewingRedisLockStore(RedisLockStore):
    """RedisLockStore whose waiting tickets are renewed while they wait."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        settings = dict(endpoint_config.kwargs) if endpoint_config else {}
        if endpoint_config and endpoint_config.url:
            settings["host"] = endpoint_config.url
        settings.update(kwargs)
        for key in ("port", "db"):
            if key in settings and settings[key] not in (None, ""):
                settings[key] = int(settings[key])
        settings.pop("type", None)
        super().__init__(**settings)
        self.lock_lifetime = float(LOCK_LIFETIME)
        self._retry_after_reconnect()

    def _retry_after_reconnect(self) -> None:
        """Retry a command once on a fresh connection, so the first message after a Redis restart succeeds."""
        import redis
        from redis.backoff import ExponentialBackoff
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
        from redis.retry import Retry

        pool = self.red.connection_pool
        kwargs = dict(pool.connection_kwargs)
        kwargs.update(retry=Retry(ExponentialBackoff(cap=1.0, base=0.1), 2),
                      retry_on_error=[RedisConnectionError, RedisTimeoutError])
        self.red = redis.StrictRedis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs))

    async def _acquire_lock(self, conversation_id: Text, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        while True:
            lock = self.get_lock(conversation_id)
            if not lock:
                break
            own = lock._ticket_for_ticket_number(ticket)
            if own is None:
                # Our ticket expired while we waited (e.g. a long queue): take our turn now rather than never.
                logger.warning("A waiting message's lock ticket expired; processing it now")
                return lock
            if not lock.is_locked(ticket):
                return lock
            own.expires = time.time() + self.lock_lifetime
            self.save_lock(lock)
            await asyncio.sleep(wait_time_in_seconds)
        raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
