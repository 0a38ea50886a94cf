"""Background tasks on taskiq: modules declare them, the worker binds them to a broker.

A module declares its tasks in ``tasks.py`` without touching any broker::

    @task("inventory.expire_reservations", schedule="* * * * *")
    async def expire_reservations(ctx: TaskContext) -> int: ...

    @task("communications.send_notification")
    async def send_notification(ctx: TaskContext, notification_id: UUID) -> None: ...

The first parameter is the ``TaskContext`` (database, Redis, settings) that the worker hands
down through taskiq state; the others are ids and plain JSON values. A task reloads what it
needs and is idempotent: the Redis stream broker acknowledges a message only after the task
ran, so a worker that dies mid-task leaves the message to be delivered again, and a schedule
may fire twice around a scheduler restart. Schedules are cron expressions in UTC, read by
taskiq's ``LabelScheduleSource`` in the ``fruktgo scheduler`` process.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Concatenate, ParamSpec, TypeVar, get_type_hints

import structlog
from redis.asyncio import Redis
from taskiq import AsyncBroker, TaskiqScheduler
from taskiq.acks import AcknowledgeType
from taskiq.api import run_scheduler_task
from taskiq.receiver import Receiver
from taskiq.schedule_sources import LabelScheduleSource
from taskiq_redis import RedisStreamBroker

from core.shared.config import Settings
from core.shared.uow import Database

log = structlog.get_logger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

QUEUE = "fruktgo:tasks"
# Retry pauses while Redis is unreachable, doubling; a receiver that ran this long was healthy.
_FIRST_RETRY, _LAST_RETRY, _HEALTHY_SECONDS = 0.5, 30.0, 60.0
_CONTEXT_KEY = "fruktgo_task_context"
_TASK_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class TaskContext:
    """What a running task may use; built once per worker process."""

    settings: Settings
    db: Database
    redis: Redis


@dataclass(frozen=True)
class TaskSpec:
    """A declared task: its stable name, the function and its cron schedules (UTC)."""

    name: str
    func: Callable[..., Awaitable[Any]]
    schedules: tuple[str, ...]
    timeout_seconds: float | None


_TASKS: dict[str, TaskSpec] = {}


def task(
    name: str,
    *,
    schedule: str | Sequence[str] = (),
    timeout_seconds: float | None = None,
) -> Callable[
    [Callable[Concatenate[TaskContext, P], Awaitable[R]]],
    Callable[Concatenate[TaskContext, P], Awaitable[R]],
]:
    """Declare ``async def f(ctx: TaskContext, ...)`` as task ``name`` (``<module>.<verb>``).

    The function is returned unchanged, so tests may call it with a context directly.
    """
    if not _TASK_NAME.fullmatch(name):
        raise ValueError(f"task name {name!r} must look like 'outbox.housekeeping'")
    schedules = (schedule,) if isinstance(schedule, str) else tuple(schedule)
    for cron in schedules:
        if len(cron.split()) != 5:
            raise ValueError(f"task {name}: {cron!r} is not a five-field cron expression")

    def declare(
        func: Callable[Concatenate[TaskContext, P], Awaitable[R]],
    ) -> Callable[Concatenate[TaskContext, P], Awaitable[R]]:
        if not inspect.iscoroutinefunction(func):
            raise TypeError(f"task {name} must be an async function")
        if not inspect.signature(func).parameters:
            raise TypeError(f"task {name} must take the TaskContext as its first parameter")
        known = _TASKS.get(name)
        if known is not None and _qualified(known.func) != _qualified(func):
            raise ValueError(f"task name {name!r} is taken by {_qualified(known.func)}")
        _TASKS[name] = TaskSpec(name, func, schedules, timeout_seconds)
        return func

    return declare


def declared_tasks() -> Mapping[str, TaskSpec]:
    """Every declared task by name (import the domain first: discovery.import_domain)."""
    return MappingProxyType(_TASKS)


def _qualified(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


# -- the broker ----------------------------------------------------------------------------


def build_broker(settings: Settings, *, queue: str = QUEUE) -> RedisStreamBroker:
    """A Redis stream broker (messages acknowledged after the task ran) with every task."""
    broker = RedisStreamBroker(
        url=str(settings.redis_url),
        queue_name=queue,
        consumer_group_name="fruktgo",
        # A group created after messages were added still reads them (a fresh deployment
        # whose scheduler started before any worker); an existing group keeps its position.
        consumer_id="0",
        maxlen=100_000,
        # Released even if a worker dies holding it while reclaiming unacknowledged messages.
        unacknowledged_lock_timeout=30,
        socket_connect_timeout=2,
    )
    for spec in _TASKS.values():
        labels: dict[str, Any] = {}
        if spec.schedules:
            labels["schedule"] = [
                {"cron": cron, "schedule_id": f"{spec.name}#{index}"}
                for index, cron in enumerate(spec.schedules)
            ]
        if spec.timeout_seconds is not None:
            labels["timeout"] = spec.timeout_seconds
        broker.register_task(_bind(broker, spec), task_name=spec.name, **labels)
    return broker


def provide(broker: AsyncBroker, context: TaskContext) -> None:
    """Hand ``context`` to the tasks this broker runs (through taskiq state)."""
    broker.state[_CONTEXT_KEY] = context


def _bind(broker: AsyncBroker, spec: TaskSpec) -> Callable[..., Awaitable[Any]]:
    """The function taskiq runs: ``spec.func`` with the context taken from the broker state."""
    signature = inspect.signature(spec.func)
    params = list(signature.parameters.values())[1:]
    hints = get_type_hints(spec.func)
    kept = {param.name for param in params} | {"return"}

    async def run(*args: Any, **kwargs: Any) -> Any:
        context = broker.state.get(_CONTEXT_KEY)
        if not isinstance(context, TaskContext):
            raise RuntimeError(f"task {spec.name} ran without a TaskContext (see tasks.provide)")
        return await spec.func(context, *args, **kwargs)

    # taskiq parses incoming arguments by the signature and hints it sees: show it the task's
    # own parameters, without the context.
    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {key: hint for key, hint in hints.items() if key in kept}
    run.__name__ = spec.func.__name__
    run.__qualname__ = spec.func.__qualname__
    run.__module__ = spec.func.__module__
    run.__doc__ = spec.func.__doc__
    return run


async def enqueue(broker: AsyncBroker, name: str, *args: Any, **kwargs: Any) -> None:
    """Send task ``name`` to the workers; call it after the commit, never inside a transaction."""
    bound = broker.find_task(name)
    if bound is None:
        raise KeyError(f"no task {name!r} on this broker")
    await bound.kiq(*args, **kwargs)


# -- running -------------------------------------------------------------------------------


async def serve(
    broker: AsyncBroker,
    stop: asyncio.Event,
    *,
    max_async_tasks: int = 10,
    wait_tasks_seconds: float = 20.0,
) -> None:
    """Receive and run tasks until ``stop`` is set; retries while Redis is unreachable.

    On stop, no new message is taken and the running tasks get ``wait_tasks_seconds`` to end;
    a task cut short was never acknowledged, so another worker runs it again later.
    """
    broker.is_worker_process = True
    executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="taskiq")
    delay, announced = _FIRST_RETRY, False
    try:
        while not stop.is_set():
            began = time.monotonic()
            try:
                # Declares the consumer group, again after a failure: a Redis that restarted
                # empty has lost it, and reading would fail until it exists.
                await broker.startup()
                if not announced:
                    log.info("tasks.receiver_started", tasks=sorted(broker.get_all_tasks()))
                    announced = True
                receiver = Receiver(
                    broker,
                    executor=executor,
                    run_startup=False,
                    max_async_tasks=max_async_tasks,
                    ack_type=AcknowledgeType.WHEN_SAVED,
                    wait_tasks_timeout=wait_tasks_seconds,
                )
                await receiver.listen(stop)
            except Exception as exc:
                if time.monotonic() - began > _HEALTHY_SECONDS:
                    delay = _FIRST_RETRY  # it had been working: a new outage, not the same one
                log.warning("tasks.receiver_failed", error=_describe(exc), retry_in=delay)
                await _sleep_unless(stop, delay)
                delay = min(delay * 2, _LAST_RETRY)
    finally:
        executor.shutdown(wait=False)
        with contextlib.suppress(Exception):
            await broker.shutdown()
        log.info("tasks.receiver_stopped")


def build_scheduler(broker: AsyncBroker) -> TaskiqScheduler:
    """The scheduler of the declared schedules (task labels)."""
    return TaskiqScheduler(broker, [LabelScheduleSource(broker)])


async def run_schedules(scheduler: TaskiqScheduler, stop: asyncio.Event) -> None:
    """Send scheduled tasks until ``stop`` is set; retries while Redis is unreachable."""
    scheduler.broker.is_scheduler_process = True
    delay = _FIRST_RETRY
    try:
        while not stop.is_set():
            loop = asyncio.create_task(run_scheduler_task(scheduler, run_startup=True))
            stopping = asyncio.create_task(stop.wait())
            try:
                await asyncio.wait({loop, stopping}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                stopping.cancel()
                if not loop.done():
                    loop.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await loop
            if loop.cancelled():
                break
            error = loop.exception()
            log.warning("tasks.scheduler_failed", error=_describe(error), retry_in=delay)
            await _sleep_unless(stop, delay)
            delay = min(delay * 2, _LAST_RETRY)
    finally:
        for source in scheduler.sources:
            with contextlib.suppress(Exception):
                await source.shutdown()
        with contextlib.suppress(Exception):
            await scheduler.shutdown()
        log.info("tasks.scheduler_stopped")


async def _sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


def _describe(exc: BaseException | None) -> str:
    # The receiver runs in a task group: name the errors inside the group, not the group.
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return f"{type(exc).__name__}: {exc}"
