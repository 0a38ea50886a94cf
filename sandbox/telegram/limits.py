"""Telegram's flood limits: about one message a second per chat (short bursts allowed),
thirty a second per bot, twenty a minute per group. Exceeding them gives 429 with retry_after.

Token buckets per key; a send is refused when any bucket it draws from is empty, and
retry_after says when all of them will have a token again."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class LimitSettings:
    """The limits in force; ``enabled=False`` switches them all off (fast tests)."""

    enabled: bool = True
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 5
    per_bot_per_second: float = 30.0
    per_group_per_minute: float = 20.0


@dataclass
class _Bucket:
    capacity: float
    rate: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_for_one(self) -> float:
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class RateLimiter:
    """Decides whether a bot may send to a chat now, and if not, for how long to wait."""

    def __init__(
        self, settings: LimitSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._buckets: dict[tuple[str, int, int], _Bucket] = {}

    def _bucket(self, key: tuple[str, int, int], capacity: float, rate: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = _Bucket(capacity, rate, capacity, self._clock())
            self._buckets[key] = bucket
        return bucket

    def acquire(self, bot_id: int, chat_id: int, *, is_group: bool) -> int | None:
        """Take a send slot; returns None if allowed, else the retry_after in whole seconds."""
        if not self.settings.enabled:
            return None
        s = self.settings
        buckets = [
            self._bucket(("bot", bot_id, 0), s.per_bot_per_second, s.per_bot_per_second),
            self._bucket(("chat", bot_id, chat_id), s.per_chat_burst, s.per_chat_per_second),
        ]
        if is_group:
            per_minute = s.per_group_per_minute
            buckets.append(self._bucket(("group", bot_id, chat_id), per_minute, per_minute / 60))
        now = self._clock()
        for bucket in buckets:
            bucket.refill(now)
        wait = max(bucket.wait_for_one() for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.tokens -= 1
        return None

    def reset(self) -> None:
        """Forget all history (every bucket full again)."""
        self._buckets.clear()
