"""Waking the senders after a notification is queued: a Redis message, best effort.

The process that builds the Database says how its commits nudge the senders
(``api.nudge_senders_through``); without that, or while Redis is down, the senders find new
notifications by polling, one poll interval later.
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

NUDGE_CHANNEL = "fruktgo:communications:nudge"

Nudge = Callable[[], Awaitable[None]]

_nudges: weakref.WeakKeyDictionary[Database, Nudge] = weakref.WeakKeyDictionary()
_nudging: weakref.WeakSet[Transaction] = weakref.WeakSet()


class RedisWake:
    """Publishes on the senders' channel; failures are logged and never raised."""

    def __init__(self, redis: Redis, *, timeout: float = 0.5, pause_seconds: float = 5.0) -> None:
        self._redis = redis
        self._timeout = timeout
        self._pause_seconds = pause_seconds
        self._paused_until = 0.0

    async def __call__(self) -> None:
        # While Redis is down, skip nudges for a while instead of paying a timeout per commit.
        if time.monotonic() < self._paused_until:
            return
        try:
            await asyncio.wait_for(self._redis.publish(NUDGE_CHANNEL, b"1"), self._timeout)
        except Exception as exc:
            self._paused_until = time.monotonic() + self._pause_seconds
            log.warning("communications.nudge_failed", error=f"{type(exc).__name__}: {exc}")


def install(db: Database, nudge: Nudge | None) -> None:
    """Make commits on ``db`` that queued a notification call ``nudge`` (None: stop)."""
    if nudge is None:
        _nudges.pop(db, None)
    else:
        _nudges[db] = nudge


def after_commit(tx: Transaction) -> None:
    """Nudge the senders once this transaction commits (once, however many were queued)."""
    nudge = _nudges.get(tx.db)
    if nudge is None or tx in _nudging:
        return
    _nudging.add(tx)
    tx.after_commit(nudge)
