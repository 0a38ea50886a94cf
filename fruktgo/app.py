"""``fruktgo run``: the web server and the four bots in one process.

Order of events: check the bot settings before opening anything; build the container (database,
Redis) and the bots; serve the web app; then either poll Telegram or register the webhooks; wait
for SIGTERM or SIGINT. Shutdown runs the other way round: stop taking updates, let the web requests
in progress finish, close the bots, then Redis and the database.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import structlog
from aiogram.exceptions import TelegramAPIError

from core.auth.api import ensure_admins
from core.shared.config import BotMode, BotRole, Settings, SettingsError
from fruktgo.bots import (
    BotSet,
    build_bots,
    close_bots,
    set_webhooks,
    start_polling,
    webhook_feeds,
)
from fruktgo.container import Container
from web.access import BOT_DIRECTORY_KEY
from web.app import create_web_app, serving
from web.telegram_webhooks import setup_telegram_webhooks

log = structlog.get_logger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


async def run_app(settings: Settings, *, stop: asyncio.Event | None = None) -> int:
    """Run until a stop signal (or ``stop`` is set); 0 after a clean stop, 1 if polling failed."""
    settings.require_bots()  # a bad token or webhook setting stops us before any connection
    container = Container.build(settings)
    try:
        made = await ensure_admins(container.db, settings.admin_ids)
        if made:
            log.info("app.admins_granted", telegram_ids=made)
        bot_set = build_bots(container)
        try:
            return await _serve(container, bot_set, stop or asyncio.Event())
        finally:
            await close_bots(bot_set)
    finally:
        await container.close()


async def _serve(container: Container, bot_set: BotSet, stop: asyncio.Event) -> int:
    settings = container.settings
    # The pages read the message files the bots read: one parsed copy (~5 MB) per process.
    app = create_web_app(settings=settings, db=container.db, redis=container.redis,
                         translator=bot_set.translator)
    app[BOT_DIRECTORY_KEY] = _BotUsernames(bot_set)
    webhooks = settings.bot_mode is BotMode.WEBHOOK
    if webhooks:
        setup_telegram_webhooks(app, webhook_feeds(bot_set, settings))
    with _stop_on_signals(stop):
        async with serving(app, host=settings.web_host, port=settings.web_port):
            if webhooks:
                # Registered only now that the routes answer, so no update meets a closed port.
                await set_webhooks(bot_set, settings)
                log.info("app.running", bot_mode=settings.bot_mode.value)
                await stop.wait()
                return 0
            log.info("app.running", bot_mode=settings.bot_mode.value)
            return await _poll_until(stop, bot_set)


class _BotUsernames:
    """The bots' usernames for invitation links, as Telegram reports them (getMe, cached)."""

    def __init__(self, bot_set: BotSet) -> None:
        self._bot_set = bot_set

    async def username(self, role: BotRole) -> str | None:
        try:
            return (await self._bot_set[role].bot.me()).username
        except TelegramAPIError as exc:
            log.warning("app.bot_username_unknown", bot=role.value, reason=str(exc))
            return None


async def _poll_until(stop: asyncio.Event, bot_set: BotSet) -> int:
    polling = asyncio.create_task(start_polling(bot_set), name="fruktgo.polling")
    stopping = asyncio.create_task(stop.wait(), name="fruktgo.stop")
    await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not polling.done():
        polling.cancel()
        await asyncio.wait({polling})
    return _polling_outcome(polling)


def _polling_outcome(polling: asyncio.Task[None]) -> int:
    # Polling runs until cancelled; ending with an error (even while being cancelled) is a
    # failure worth a non-zero exit, ending quietly is its own handling of a stop signal.
    if polling.cancelled():
        return 0
    error = polling.exception()
    if error is None:
        log.info("app.polling_ended")
        return 0
    if isinstance(error, SettingsError):  # e.g. Telegram refused a token: the CLI names it
        raise error
    log.error("app.polling_failed", exc_info=error)
    return 1


@contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, _on_signal, signum, stop)
    try:
        yield
    finally:
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)


def _on_signal(signum: signal.Signals, stop: asyncio.Event) -> None:
    log.info("app.stopping", signal=signum.name)
    stop.set()
