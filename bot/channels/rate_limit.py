"""Sliding-window rate limits per conversation and per client address, kept in this process's memory."""

from __future__ import annotations

import time
from collections import deque
from typing import Callable, Deque, Dict, Optional

WINDOW_SECONDS = 60.0
MAX_KEYS = 50_000  # bounds memory when many different senders or addresses appear


class RateLimiter:
    """Allows at most ``limit`` events per key within a sliding minute; ``limit`` 0 allows everything."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: Dict[str, Deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Record one event for ``key`` and say whether it is within the limit."""
        if self.limit <= 0:
            return True
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= MAX_KEYS:
                self._forget_idle(now)
            events = self._events[key] = deque()
        while events and now - events[0] >= self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, ev in self._events.items() if not ev or now - ev[-1] >= self.window]
        for key in idle:
            del self._events[key]
        if len(self._events) >= MAX_KEYS:  # everyone is active: drop the oldest half rather than grow
            for key in list(self._events)[: MAX_KEYS // 2]:
                del self._events[key]


class SenderAndAddressLimits:
    """The two limits a channel applies to each incoming message."""

    def __init__(self, per_sender: int, per_ip: int, clock: Callable[[], float] = time.monotonic):
        self.per_sender = RateLimiter(per_sender, clock=clock)
        self.per_ip = RateLimiter(per_ip, clock=clock)

    def allow(self, sender: str, address: Optional[str]) -> bool:
        """Say whether this message is within both limits (both counters advance)."""
        sender_ok = self.per_sender.allow(f"s:{sender}")
        address_ok = self.per_ip.allow(f"a:{address}") if address else True
        return sender_ok and address_ok
