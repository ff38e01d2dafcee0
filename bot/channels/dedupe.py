"""Remembers which webhook deliveries were already handled, so a platform's retry is not answered twice."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Optional

logger = logging.getLogger(__name__)
DEFAULT_TTL_SECONDS = 3600.0
MAX_REMEMBERED = 100_000


class SeenDeliveries:
    """A set of delivery ids with expiry: in this process, or in Redis when replicas must share it.

    Args:
        namespace: prefix that keeps one channel's ids apart from another's.
        redis_url: when set, ids are kept in Redis (``SET NX EX``), so a retry that lands on another
            replica is still recognised. If Redis cannot be reached the process-local set is used.
    """

    def __init__(self, namespace: str, redis_url: Optional[str] = None, ttl: float = DEFAULT_TTL_SECONDS):
        self.namespace = namespace
        self.ttl = ttl
        self._local: "OrderedDict[str, float]" = OrderedDict()
        self._redis = None
        if redis_url:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(redis_url, socket_timeout=1.0, socket_connect_timeout=1.0)

    async def first_time(self, delivery_id: str) -> bool:
        """Record ``delivery_id`` and say whether this is the first time it was seen."""
        if self._redis is not None:
            try:
                return bool(await self._redis.set(f"dedupe:{self.namespace}:{delivery_id}", 1, nx=True, ex=int(self.ttl)))
            except Exception as exc:  # noqa: BLE001 - a Redis outage must not stop messages
                logger.warning("Redis unavailable for de-duplication (%s); using this process's memory", type(exc).__name__)
        return self._first_time_locally(delivery_id)

    def _first_time_locally(self, delivery_id: str) -> bool:
        now = time.monotonic()
        while self._local and (len(self._local) > MAX_REMEMBERED or now - next(iter(self._local.values())) > self.ttl):
            self._local.popitem(last=False)
        if delivery_id in self._local:
            return False
        self._local[delivery_id] = now
        return True
