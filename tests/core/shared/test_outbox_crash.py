"""The worker for real: killed mid-delivery, running with Redis down, stopped cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import outbox_doubles as doubles
import pytest
from outbox_doubles import HANG_ENV, Probed
from redis.asyncio import Redis

from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.outbox import OutboxPublisher, RedisNudge
from core.shared.uow import Database
from fruktgo.worker import run_worker

SCRIPT = Path(__file__).with_name("outbox_worker_proc.py")
ROOT = Path(__file__).resolve().parents[3]
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
async def _clean_outbox(db: Database) -> None:
    await doubles.reset(db)


class Worker:
    """A ``fruktgo worker`` subprocess with the test subscribers; logs go to a file."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log = log

    @classmethod
    async def start(
        cls, settings: Settings, log: Path, *, hang: bool = False, redis_url: str | None = None
    ) -> Worker:
        env = {
            **os.environ,
            "FRUKTGO_DATABASE_URL": str(settings.database_url),
            "FRUKTGO_REDIS_URL": redis_url or str(settings.redis_url),
            "FRUKTGO_OUTBOX_POLL_SECONDS": "0.05",
            "FRUKTGO_LOG_FORMAT": "json",
            "FRUKTGO_LOG_LEVEL": "INFO",
        }
        env.pop(HANG_ENV, None)
        if hang:
            env[HANG_ENV] = "1"
        with log.open("wb") as stderr:
            process = await asyncio.create_subprocess_exec(
                sys.executable, str(SCRIPT), cwd=ROOT, env=env,
                stdout=asyncio.subprocess.PIPE, stderr=stderr,
            )
        return cls(process, log)

    async def line(self) -> str:
        assert self.process.stdout is not None
        raw = await asyncio.wait_for(self.process.stdout.readline(), 30)
        assert raw, f"the worker said nothing; its log:\n{self.logs()}"
        return raw.decode().strip()

    async def terminate(self) -> int:
        """SIGTERM, then the exit code (the worker must stop by itself)."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), 30)

    async def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()

    def logs(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
async def dead_redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(DEAD_REDIS, socket_connect_timeout=0.5)
    yield client
    await client.aclose()


def _once_each(events: list[Probed]) -> Counter[tuple[uuid.UUID, str]]:
    return Counter({(e.event_id, name): 1 for e in events for name in ("first", "second")})


async def test_a_worker_killed_mid_delivery_delivers_later_without_a_second_effect(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    event = Probed(probe=1)
    hanging = await Worker.start(settings, tmp_path / "hanging.log", hang=True)
    try:
        await doubles.publish(db, event)
        assert await hanging.line() == f"started {event.event_id}"
        # The effect is written inside the worker's open transaction: not committed, not seen.
        assert (event.event_id, "first") not in await doubles.effects(db)
    finally:
        await hanging.kill()

    first = (await doubles.deliveries(db))[(event.event_id, "outbox_test.first")]
    assert first == ("pending", 0)
    worker = await Worker.start(settings, tmp_path / "worker.log")
    try:
        await doubles.wait_until(
            lambda: _all_done(db, [event]), within=30, what="the redelivery"
        )
    finally:
        code = await worker.terminate()
    assert code == 0, worker.logs()
    assert await doubles.effects(db) == _once_each([event])
    assert "worker.stopped" in worker.logs()


async def test_a_worker_with_redis_down_delivers_by_polling_and_stops_cleanly(
    db: Database, settings: Settings, clock: FrozenClock, dead_redis: Redis, tmp_path: Path
) -> None:
    publishing = Database(
        db.engine, clock=clock, publisher=OutboxPublisher(RedisNudge(dead_redis))
    )
    events = [Probed(probe=i) for i in range(3)]
    worker = await Worker.start(settings, tmp_path / "worker.log", redis_url=DEAD_REDIS)
    try:
        await doubles.publish(publishing, *events)
        await doubles.wait_until(
            lambda: _all_done(db, events), within=30, what="deliveries without Redis"
        )
    finally:
        code = await worker.terminate()
    logs = worker.logs()
    assert code == 0, logs
    assert await doubles.effects(db) == _once_each(events)
    assert "tasks.receiver_failed" in logs
    assert "outbox.nudges_unavailable" in logs


async def test_run_worker_with_a_stop_event_delivers_and_returns_zero(
    db: Database, settings: Settings
) -> None:
    events = [Probed(probe=i) for i in range(2)]
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(settings, stop=stop))
    try:
        await doubles.publish(db, *events)
        await doubles.wait_until(lambda: _all_done(db, events), what="in-process deliveries")
    finally:
        stop.set()
        code = await asyncio.wait_for(worker, 30)
    assert code == 0
    assert await doubles.effects(db) == _once_each(events)


async def _all_done(db: Database, events: list[Probed]) -> bool:
    wanted = {(e.event_id, f"outbox_test.{name}") for e in events for name in ("first", "second")}
    deliveries = await doubles.deliveries(db)
    return all(deliveries.get(key, ("", 0))[0] == "done" for key in wanted)
