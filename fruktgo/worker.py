"""``fruktgo worker`` (taskiq receiver + outbox relay + notification sender + delivery
dispatcher) and ``fruktgo scheduler``.

Both run until SIGINT or SIGTERM, then stop cleanly: the worker takes no new message or
delivery, lets the running ones finish and exits 0. A second signal stops at once; whatever was
cut short was never acknowledged or committed, so it is done again later.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import structlog
from aiogram import Bot

from bot.common.sender import AiogramSender
from core.communications.api import Sender
from core.logistics.api import Dispatcher
from core.shared.config import Settings, SettingsError
from core.shared.discovery import import_domain
from core.shared.i18n import Translator
from core.shared.outbox import Relay
from core.shared.tasks import (
    TaskContext,
    build_broker,
    build_scheduler,
    provide,
    run_schedules,
    serve,
)
from fruktgo.bots import create_bot
from fruktgo.container import Container

log = structlog.get_logger(__name__)


async def run_worker(settings: Settings, *, stop: asyncio.Event | None = None) -> int:
    """Run the task receiver, the outbox relay, the notification sender and the delivery
    dispatcher until a stop signal; 0 on a clean stop. Without bot tokens the sender is off (a
    warning says so).

    With ``stop`` given (a process running several parts), that event ends the worker and the
    caller owns the signals.
    """
    container = Container.build(settings)
    broker = build_broker(settings)
    provide(broker, TaskContext(settings=settings, db=container.db, redis=container.redis))
    relay = Relay.from_settings(container.db, container.redis, settings)
    dispatcher = Dispatcher(container.db, container.redis)
    sender, bots = _notification_sender(settings, container)
    owns_signals = stop is None
    stop = stop or asyncio.Event()
    try:
        with _stop_on_signals(stop, install=owns_signals) as force:
            relay_run = asyncio.create_task(relay.run(), name="outbox-relay")
            receiver = asyncio.create_task(serve(broker, stop), name="taskiq-receiver")
            dispatching = asyncio.create_task(dispatcher.run(), name="delivery-dispatcher")
            parts = {relay_run, receiver, dispatching}
            if sender is not None:
                parts.add(asyncio.create_task(sender.run(), name="notification-sender"))
            force.extend(parts)
            log.info("worker.started")
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({stopping, *parts}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            # Both parts run until told to stop; one that ends by itself is a failure.
            ended_early = not stop.is_set()
            stop.set()
            relay.stop()
            dispatcher.stop()
            if sender is not None:
                sender.stop()
            results = await asyncio.gather(*parts, return_exceptions=True)
    finally:
        for client in bots:
            await client.session.close()
        await container.close()
    errors = [r for r in results if isinstance(r, Exception)]
    for error in errors:
        log.error("worker.part_failed", exc_info=error)
    log.info("worker.stopped")
    return 1 if ended_early or errors else 0


def _notification_sender(
    settings: Settings, container: Container
) -> tuple[Sender | None, list[Bot]]:
    """The sender with a Bot per role, or None (logged) when the bot tokens are not set."""
    try:
        tokens = settings.require_bots()
    except SettingsError as exc:
        log.warning("worker.sender_off", reason=str(exc),
                    hint="notifications stay queued until a worker with bot tokens runs")
        return None, []
    bots = {role: create_bot(settings, token) for role, token in tokens.items()}
    sender = Sender.from_settings(
        container.db, container.redis, settings, AiogramSender(bots), Translator()
    )
    return sender, list(bots.values())


async def run_scheduler(settings: Settings, *, stop: asyncio.Event | None = None) -> int:
    """Send the declared periodic tasks to the workers until a stop signal (or ``stop``)."""
    import_domain()
    scheduler = build_scheduler(build_broker(settings))
    owns_signals = stop is None
    stop = stop or asyncio.Event()
    with _stop_on_signals(stop, install=owns_signals):
        log.info("scheduler.started")
        await run_schedules(scheduler, stop)
    return 0


@contextmanager
def _stop_on_signals(
    stop: asyncio.Event, *, install: bool = True
) -> Iterator[list[asyncio.Task[None]]]:
    """First SIGINT/SIGTERM sets ``stop``; a second one cancels the tasks put in the list."""
    force: list[asyncio.Task[None]] = []
    if not install:
        yield force
        return
    loop = asyncio.get_running_loop()

    def on_signal(signum: int) -> None:
        if not stop.is_set():
            log.info("process.stopping", signal=signal.Signals(signum).name)
            stop.set()
            return
        log.warning("process.stopping_now", signal=signal.Signals(signum).name)
        for task in force:
            task.cancel()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, on_signal, signum)
    try:
        yield force
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
