"""taskiq on real Redis: declared tasks, the acknowledging stream broker, the scheduler, and
outbox housekeeping as the periodic job from scheduler to broker to worker."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import outbox_doubles
import pytest
import tasks_doubles
from outbox_doubles import Flaked, Probed
from pydantic import RedisDsn
from redis.asyncio import Redis
from sqlalchemy import select
from taskiq import ScheduleSource, TaskiqMessage, TaskiqMiddleware, TaskiqResult, TaskiqScheduler
from taskiq.schedule_sources import LabelScheduleSource
from taskiq.scheduler.scheduled_task import ScheduledTask
from taskiq_redis import RedisStreamBroker

from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.outbox import OutboxEvent, Relay
from core.shared.tasks import (
    TaskContext,
    build_broker,
    declared_tasks,
    enqueue,
    provide,
    run_schedules,
    serve,
    task,
)
from core.shared.uow import Database

HOUSEKEEPING = "outbox.housekeeping"


@pytest.fixture(autouse=True)
async def _clean(db: Database) -> None:
    await outbox_doubles.reset(db)
    tasks_doubles.calls.reset()


@pytest.fixture
def task_settings(settings: Settings) -> Settings:
    """The test settings with the broker on the next logical Redis db.

    Other test sessions on a shared machine flush db 15 before each of their tests, which
    deletes the streams under a running worker; each test here uses its own queue instead.
    """
    base, _, number = str(settings.redis_url).rpartition("/")
    return settings.model_copy(update={"redis_url": RedisDsn(f"{base}/{int(number) - 1}")})


@pytest.fixture
async def broker_redis(task_settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(str(task_settings.redis_url))
    yield client
    await client.aclose()


@pytest.fixture
async def queue(broker_redis: Redis) -> AsyncIterator[str]:
    name = f"fruktgo:test:{uuid.uuid4().hex}"
    yield name
    await broker_redis.delete(name)


class Results(TaskiqMiddleware):
    """Collects the result of every task the worker ran."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, TaskiqResult[Any]]] = []
        self._changed = asyncio.Event()

    async def post_execute(self, message: TaskiqMessage, result: TaskiqResult[Any]) -> None:
        self.seen.append((message.task_name, result))
        self._changed.set()

    def of(self, name: str) -> list[TaskiqResult[Any]]:
        return [result for task_name, result in self.seen if task_name == name]

    async def wait_for(self, name: str, count: int, within: float = 20) -> list[TaskiqResult[Any]]:
        async with asyncio.timeout(within):
            while len(self.of(name)) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.of(name)


class Soon(ScheduleSource):
    """A schedule that is due at once (the real one waits for the next tenth minute)."""

    def __init__(self, task_name: str) -> None:
        self.schedule = ScheduledTask(
            task_name=task_name, labels={}, args=[], kwargs={}, interval=3600
        )

    async def get_schedules(self) -> list[ScheduledTask]:
        return [self.schedule]


@asynccontextmanager
async def running_worker(
    settings: Settings, queue: str, context: TaskContext | None
) -> AsyncIterator[tuple[RedisStreamBroker, Results]]:
    """A worker's receiver, as ``fruktgo worker`` runs it, in this process."""
    broker = build_broker(settings, queue=queue)
    results = Results()
    broker.add_middlewares(results)
    if context is not None:
        provide(broker, context)
    stop = asyncio.Event()
    serving = asyncio.create_task(serve(broker, stop))
    try:
        yield broker, results
    finally:
        stop.set()
        # asyncio.wait, not wait_for: a receiver stuck in taskiq's shielded shutdown would make
        # wait_for wait for its cancellation forever; this fails the test instead of hanging.
        done, _ = await asyncio.wait({serving}, timeout=30)
        if not done:
            serving.cancel()
            pytest.fail("the receiver did not stop within 30 s of being told to")
        serving.result()


def _context(settings: Settings, db: Database, redis: Redis) -> TaskContext:
    return TaskContext(settings=settings, db=db, redis=redis)


async def _old_and_new_events(db: Database, clock: FrozenClock) -> set[uuid.UUID]:
    """Three delivered events past the retention, one dead letter; returns what must stay."""
    old = [Probed(probe=1), Probed(probe=2), Probed(probe=3)]
    dead = Flaked(probe=4)
    await outbox_doubles.publish(db, *old, dead)
    await Relay(db, max_attempts=1).run_until_idle()
    clock.advance(timedelta(days=8))
    recent = Probed(probe=5)
    await outbox_doubles.publish(db, recent)
    await Relay(db).run_until_idle()
    return {dead.event_id, recent.event_id}


async def _event_ids(db: Database) -> set[uuid.UUID]:
    async with db.sessionmaker() as session:
        return set((await session.scalars(select(OutboxEvent.id))).all())


def test_housekeeping_is_declared_every_ten_minutes() -> None:
    spec = declared_tasks()[HOUSEKEEPING]

    assert spec.schedules == ("*/10 * * * *",)
    assert spec.func.__module__ == "core.shared.outbox"


def test_task_declarations_are_checked() -> None:
    async def fine(ctx: TaskContext) -> None:
        pass

    def blocking(ctx: TaskContext) -> None:
        pass

    async def contextless() -> None:
        pass

    with pytest.raises(ValueError, match="must look like"):
        task("Housekeeping")
    with pytest.raises(ValueError, match="cron"):
        task("tasks_test.badly_scheduled", schedule="every ten minutes")
    with pytest.raises(TypeError, match="async"):
        task("tasks_test.blocking")(blocking)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="TaskContext"):
        task("tasks_test.contextless")(contextless)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="taken by"):
        task(HOUSEKEEPING)(fine)
    assert declared_tasks()[HOUSEKEEPING].func.__name__ == "outbox_housekeeping"


async def test_the_broker_carries_every_task_and_the_label_schedules(settings: Settings) -> None:
    broker = build_broker(settings)
    source = LabelScheduleSource(broker)

    await source.startup()
    schedules = await source.get_schedules()

    assert set(declared_tasks()) <= set(broker.get_all_tasks())
    assert (HOUSEKEEPING, "*/10 * * * *") in [(s.task_name, s.cron) for s in schedules]
    await broker.shutdown()


async def test_the_scheduler_sends_housekeeping_to_a_worker_that_purges(
    db: Database, clock: FrozenClock, task_settings: Settings, redis: Redis, queue: str
) -> None:
    keep = await _old_and_new_events(db, clock)
    scheduler = TaskiqScheduler(build_broker(task_settings, queue=queue), [Soon(HOUSEKEEPING)])
    stop_scheduler = asyncio.Event()
    context = _context(task_settings, db, redis)

    async with running_worker(task_settings, queue, context) as (_, results):
        scheduling = asyncio.create_task(run_schedules(scheduler, stop_scheduler))
        try:
            [result] = await results.wait_for(HOUSEKEEPING, 1)
        finally:
            stop_scheduler.set()
            await asyncio.wait_for(scheduling, 10)

    assert not result.is_err, result.error
    assert result.return_value == 3
    assert await _event_ids(db) == keep


async def test_housekeeping_twice_is_harmless(
    db: Database, clock: FrozenClock, task_settings: Settings, redis: Redis, queue: str
) -> None:
    keep = await _old_and_new_events(db, clock)
    context = _context(task_settings, db, redis)

    async with running_worker(task_settings, queue, context) as (broker, results):
        await enqueue(broker, HOUSEKEEPING)
        await results.wait_for(HOUSEKEEPING, 1)
        await enqueue(broker, HOUSEKEEPING)
        runs = await results.wait_for(HOUSEKEEPING, 2)

    assert [(r.is_err, r.return_value) for r in runs] == [(False, 3), (False, 0)]
    assert await _event_ids(db) == keep


async def test_tasks_get_their_arguments_typed_and_the_worker_context(
    db: Database, task_settings: Settings, redis: Redis, queue: str
) -> None:
    item_id = uuid.uuid4()
    context = _context(task_settings, db, redis)

    async with running_worker(task_settings, queue, context) as (broker, results):
        await enqueue(broker, "tasks_test.echoed", str(item_id), times=2)
        [result] = await results.wait_for("tasks_test.echoed", 1)

    assert result.return_value == f"{item_id}x2"
    [(seen_context, seen_id, times)] = tasks_doubles.calls.echoed
    assert seen_context is context
    assert seen_id == item_id
    assert isinstance(seen_id, uuid.UUID)
    assert times == 2


async def test_a_task_fails_loudly_without_a_context(
    task_settings: Settings, queue: str
) -> None:
    async with running_worker(task_settings, queue, None) as (broker, results):
        await enqueue(broker, "tasks_test.echoed", str(uuid.uuid4()))
        [result] = await results.wait_for("tasks_test.echoed", 1)

    assert result.is_err
    assert isinstance(result.error, RuntimeError)
    assert tasks_doubles.calls.echoed == []


async def test_enqueue_refuses_unknown_tasks(settings: Settings) -> None:
    broker = build_broker(settings)

    with pytest.raises(KeyError):
        await enqueue(broker, "tasks_test.never_declared")
    await broker.shutdown()


async def test_messages_wait_in_redis_and_are_acknowledged_only_after_the_task_ran(
    db: Database, task_settings: Settings, redis: Redis, broker_redis: Redis, queue: str
) -> None:
    sender = build_broker(task_settings, queue=queue)
    await enqueue(sender, "tasks_test.gated")  # before any worker exists
    await sender.shutdown()
    assert await broker_redis.xlen(queue) == 1
    context = _context(task_settings, db, redis)

    async with running_worker(task_settings, queue, context) as (_, results):
        await asyncio.wait_for(tasks_doubles.calls.gate_entered.wait(), 20)
        running = await broker_redis.xpending(queue, "fruktgo")
        tasks_doubles.calls.gate_open.set()
        await results.wait_for("tasks_test.gated", 1)
        await _until_acknowledged(broker_redis, queue)

    assert running["pending"] == 1


async def test_a_worker_recovers_when_redis_loses_the_queue(
    db: Database, task_settings: Settings, redis: Redis, broker_redis: Redis, queue: str
) -> None:
    context = _context(task_settings, db, redis)

    async with running_worker(task_settings, queue, context) as (broker, results):
        await enqueue(broker, "tasks_test.echoed", str(uuid.uuid4()))
        await results.wait_for("tasks_test.echoed", 1)
        await broker_redis.delete(queue)  # stream and group gone, as after an empty restart

        await enqueue(broker, "tasks_test.echoed", str(uuid.uuid4()))
        runs = await results.wait_for("tasks_test.echoed", 2)

    assert [run.is_err for run in runs] == [False, False]


async def _until_acknowledged(redis: Redis, queue: str) -> None:
    # The acknowledgement follows the task's result by a moment, in the worker's own task.
    async def acknowledged() -> bool:
        return (await redis.xpending(queue, "fruktgo"))["pending"] == 0

    await outbox_doubles.wait_until(acknowledged, within=10, what="the acknowledgement")
