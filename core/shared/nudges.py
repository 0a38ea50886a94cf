"""Waking a worker loop (the notification sender, the courier dispatcher) after a commit that gave
it work: a Redis message, best effort.

The process that builds the Database says how its commits nudge (``CommitNudges.install``);
without that, or while Redis is down, the loop finds the work on its next poll. The loop side
listens with ``core.shared.wakeups.Wakeups`` on the same channel.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import Awaitable, Callable

import structlog
from redis.asyncio import Redis

from core.shared.uow import Database, Transaction

log = structlog.get_logger(__name__)

Nudge = Callable[[], Awaitable[None]]


class RedisWake:
    """Publishes on a channel; failures are logged and never raised."""

    def __init__(
        self,
        redis: Redis,
        channel: str,
        name: str,
        *,
        timeout: float = 0.5,
        pause_seconds: float = 5.0,
    ) -> None:
        self._redis = redis
        self._channel = channel
        self._name = name
        self._timeout = timeout
        self._pause_seconds = pause_seconds
        self._paused_until = 0.0

    async def __call__(self) -> None:
        # While Redis is down, skip nudges for a while instead of paying a timeout per commit.
        if time.monotonic() < self._paused_until:
            return
        try:
            await asyncio.wait_for(self._redis.publish(self._channel, b"1"), self._timeout)
        except Exception as exc:
            self._paused_until = time.monotonic() + self._pause_seconds
            log.warning(f"{self._name}.nudge_failed", error=f"{type(exc).__name__}: {exc}")


class CommitNudges:
    """One loop's nudges: which Database's commits call which nudge, at most once per
    transaction however often a command asks."""

    def __init__(self, channel: str, name: str) -> None:
        self.channel = channel
        self._name = name  # prefixes the log event: "<name>.nudge_failed"
        self._nudges: weakref.WeakKeyDictionary[Database, Nudge] = weakref.WeakKeyDictionary()
        self._nudging: weakref.WeakSet[Transaction] = weakref.WeakSet()

    def install(self, db: Database, redis: Redis | None) -> None:
        """Make commits on ``db`` that gave the loop work publish through ``redis`` (None:
        stop)."""
        if redis is None:
            self._nudges.pop(db, None)
        else:
            self._nudges[db] = RedisWake(redis, self.channel, self._name)

    def after_commit(self, tx: Transaction) -> None:
        """Nudge the loop once this transaction commits."""
        nudge = self._nudges.get(tx.db)
        if nudge is None or tx in self._nudging:
            return
        self._nudging.add(tx)
        tx.after_commit(nudge)
