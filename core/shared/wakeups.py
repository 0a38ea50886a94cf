"""How a worker loop (outbox relay, notification sender) sleeps: until a nudge arrives on a Redis
channel, until it is told to stop, or until its poll interval runs out, whichever comes first.
Redis is a shortcut, never a dependency: while it is away the loop simply polls."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import structlog
from redis.asyncio import Redis

log = structlog.get_logger(__name__)


class Wakeups:
    """The events a loop waits on, and the Redis listener that sets ``nudged``."""

    def __init__(self, redis: Redis | None, channel: str, name: str) -> None:
        self._redis = redis
        self._channel = channel
        self._name = name  # prefixes the log events: "<name>.nudges_unavailable", ...
        self.stopping = asyncio.Event()
        self.nudged = asyncio.Event()
        self.ready = asyncio.Event()
        """Set while subscribed to nudges (tests wait for it)."""

    async def loop(
        self, work: Callable[[], Awaitable[object]], *, poll_seconds: float, label: str
    ) -> None:
        """Run ``work`` until stopped, sleeping between rounds until nudged or the poll
        interval passes; a failing round (database down) is logged and retried, slower each
        time up to 30 s. Logs ``<label>_started``, ``<label>_failed``, ``<label>_stopped``."""
        listener = self.listener()
        log.info(f"{label}_started", poll_seconds=poll_seconds)
        failures = 0
        try:
            while not self.stopping.is_set():
                self.nudged.clear()
                try:
                    await work()
                    failures = 0
                except Exception:
                    failures += 1
                    log.exception(f"{label}_failed", failures=failures)
                if not self.stopping.is_set():
                    pause = poll_seconds * 2 ** min(failures, 6)
                    await self.sleep(min(pause, max(poll_seconds, 30.0)))
        finally:
            if listener is not None:
                listener.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listener
            log.info(f"{label}_stopped")

    def listener(self) -> asyncio.Task[None] | None:
        """Start listening for nudges, if there is a Redis to listen to."""
        return asyncio.create_task(self._listen()) if self._redis is not None else None

    async def sleep(self, seconds: float) -> None:
        """Return after ``seconds``, or at once when nudged or stopping."""
        waiters = {
            asyncio.create_task(self.nudged.wait()),
            asyncio.create_task(self.stopping.wait()),
        }
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _listen(self) -> None:
        """Turn Redis nudges into wake-ups; reconnect with backoff while Redis is away."""
        assert self._redis is not None
        delay = 0.5
        outage_logged = False
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self._channel)
                self.ready.set()
                if outage_logged:
                    log.info(f"{self._name}.nudges_restored")
                    self.nudged.set()  # nudges sent while we were away are lost: look once
                delay, outage_logged = 0.5, False
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        self.nudged.set()
            except Exception as exc:
                self.ready.clear()
                if not outage_logged:
                    log.warning(
                        f"{self._name}.nudges_unavailable", error=f"{type(exc).__name__}: {exc}"
                    )
                    outage_logged = True
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)
