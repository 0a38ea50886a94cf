"""How a worker loop (outbox relay, notification sender) sleeps: until a nudge arrives on a Redis
channel, until it is told to stop, or until its poll interval runs out, whichever comes first.
Redis is a shortcut, never a dependency: while it is away the loop simply polls.

A loop may run in lanes (the sender has one per bot): each lane does its rounds and sleeps on its
own, so a long round in one never holds up another, while one listener serves them all and
every nudge wakes every lane."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import structlog
from redis.asyncio import Redis

log = structlog.get_logger(__name__)

Work = Callable[[], Awaitable[object]]


class Wakeups:
    """The events a loop waits on, and the Redis listener that sets ``nudged`` (and each lane's
    event)."""

    def __init__(self, redis: Redis | None, channel: str, name: str) -> None:
        self._redis = redis
        self._channel = channel
        self._name = name  # prefixes the log events: "<name>.nudges_unavailable", ...
        self.stopping = asyncio.Event()
        self.nudged = asyncio.Event()
        self.ready = asyncio.Event()
        """Set while subscribed to nudges (tests wait for it)."""
        self._lanes: dict[str, asyncio.Event] = {}

    def lane(self, name: str) -> asyncio.Event:
        """The event nudges set for the lane ``name`` (made on the first ask). A lane clears
        only its own, so one lane taking a nudge leaves it for the others."""
        return self._lanes.setdefault(name, asyncio.Event())

    async def loop(self, work: Work, *, poll_seconds: float, label: str) -> None:
        """Run ``work`` until stopped, sleeping between rounds until nudged or the poll
        interval passes; a failing round (database down) is logged and retried, slower each
        time up to 30 s. Logs ``<label>_started``, ``<label>_failed``, ``<label>_stopped``."""
        listener = self.listener()
        log.info(f"{label}_started", poll_seconds=poll_seconds)
        try:
            await self._rounds(work, self.nudged, poll_seconds, label, {})
        finally:
            await _stop_listening(listener)
            log.info(f"{label}_stopped")

    async def lanes(self, works: Mapping[str, Work], *, poll_seconds: float, label: str) -> None:
        """Run each of ``works`` as ``loop`` runs one, side by side, on one listener: a lane
        sleeps on its own event (``lane(name)``), which every nudge sets, and fails and backs
        off alone. Logs as ``loop`` does, ``<label>_failed`` with the lane's name."""
        listener = self.listener()
        log.info(f"{label}_started", poll_seconds=poll_seconds, lanes=list(works))
        try:
            async with asyncio.TaskGroup() as lanes:
                for name, work in works.items():
                    lanes.create_task(
                        self._rounds(work, self.lane(name), poll_seconds, label, {"lane": name}),
                        name=f"{label}:{name}",
                    )
        finally:
            await _stop_listening(listener)
            log.info(f"{label}_stopped")

    async def _rounds(
        self,
        work: Work,
        nudged: asyncio.Event,
        poll_seconds: float,
        label: str,
        fields: dict[str, Any],
    ) -> None:
        failures = 0
        while not self.stopping.is_set():
            nudged.clear()
            try:
                await work()
                failures = 0
            except Exception:
                failures += 1
                log.exception(f"{label}_failed", failures=failures, **fields)
            if not self.stopping.is_set():
                pause = poll_seconds * 2 ** min(failures, 6)
                await self.sleep(min(pause, max(poll_seconds, 30.0)), nudged)

    def listener(self) -> asyncio.Task[None] | None:
        """Start listening for nudges, if there is a Redis to listen to."""
        return asyncio.create_task(self._listen()) if self._redis is not None else None

    async def sleep(self, seconds: float, nudged: asyncio.Event | None = None) -> None:
        """Return after ``seconds``, or at once when nudged (``nudged``: a lane's event) or
        stopping."""
        waiters = {
            asyncio.create_task((nudged or self.nudged).wait()),
            asyncio.create_task(self.stopping.wait()),
        }
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    def _wake(self) -> None:
        self.nudged.set()
        for event in self._lanes.values():
            event.set()

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
                    self._wake()  # nudges sent while we were away are lost: look once
                delay, outage_logged = 0.5, False
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        self._wake()
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


async def _stop_listening(listener: asyncio.Task[None] | None) -> None:
    if listener is not None:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
