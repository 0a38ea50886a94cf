"""Telegram webhook routes: one path and one secret per bot.

The route checks the ``X-Telegram-Bot-Api-Secret-Token`` header, answers 200 at once and handles
the update in a background task, so a slow handler never makes Telegram resend. The tasks are
tracked: on shutdown the app waits (bounded) for the updates it has already taken. What to do with
an update is the caller's business (the composition root feeds it to the bot's Dispatcher), which
keeps web free of any bot import.

Answering at once must not mean taking without limit: a burst (a flood of presses, a backlog
Telegram delivers after an outage) would start a handler per update, each holding a database and a
Redis connection, until the pools run dry and every update fails. So at most ``max_in_flight``
updates are handled at a time; a further one waits for a free slot while its request stays open
(Telegram sends at most ``max_connections`` at once per bot, so waiting slows it down), and after
``admission_wait`` seconds it is refused with 503, which Telegram retries later.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Awaitable, Callable, Iterable
from http import HTTPStatus
from typing import Any, NamedTuple

import structlog
from aiohttp import web

from web.errors import error_response

log = structlog.get_logger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Within docker's default 10 s stop grace period, like the server's own shutdown timeout.
DEFAULT_SHUTDOWN_TIMEOUT = 8.0
# Updates handled at once in this process, all bots together. More than the database pool (20):
# a handler holds a connection only inside its transactions, a few milliseconds each, so 64
# share it with short waits; and far above what one process's CPU gets through anyway (an update
# takes milliseconds of it). What it bounds is the burst: without it a thousand updates started
# a thousand handlers, each waiting up to the pool's 30 s timeout, and most were lost.
DEFAULT_MAX_IN_FLIGHT = 64
# How long an update may wait for a slot before it is refused: short of Telegram's webhook timeout.
DEFAULT_ADMISSION_WAIT = 5.0

UpdateHandler = Callable[[dict[str, Any]], Awaitable[None]]


class WebhookFeed(NamedTuple):
    """Where one bot's updates arrive, the secret they must carry, and who handles them."""

    path: str
    secret: str
    handle: UpdateHandler


class UpdateTracker:
    """The updates taken and not yet finished, so shutdown can wait for them."""

    def __init__(
        self,
        shutdown_timeout: float,
        *,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        admission_wait: float = DEFAULT_ADMISSION_WAIT,
    ) -> None:
        if max_in_flight < 1 or admission_wait < 0:
            raise ValueError("max_in_flight must be positive and admission_wait not negative")
        self.shutdown_timeout = shutdown_timeout
        self.max_in_flight = max_in_flight
        self.admission_wait = admission_wait
        self.closing = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(max_in_flight)

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def admit(self) -> bool:
        """Take a slot for one update, waiting up to ``admission_wait``; False if none freed."""
        if not self._slots.locked():
            await self._slots.acquire()  # free at once: no timer to set up
            return True
        try:
            async with asyncio.timeout(self.admission_wait):
                await self._slots.acquire()
        except TimeoutError:
            return False
        return True

    def release_unused(self) -> None:
        """Give back a slot taken by ``admit`` for an update that will not be started."""
        self._slots.release()

    def start(self, path: str, handle: UpdateHandler, update: dict[str, Any]) -> None:
        """Handle an admitted update in the background; its slot is freed when it ends."""
        task = asyncio.create_task(self._run(path, handle, update))
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._slots.release()

    async def _run(self, path: str, handle: UpdateHandler, update: dict[str, Any]) -> None:
        try:
            await handle(update)
        except Exception:  # the update is lost to its handler, not to the process
            log.exception("telegram.webhook_update_failed", path=path,
                          update_id=update.get("update_id"))

    async def drain(self) -> None:
        """Refuse new updates, wait for the taken ones, cancel what outlives the timeout."""
        self.closing = True
        if not self._tasks:
            return
        pending = set(self._tasks)
        log.info("telegram.webhook_draining", in_flight=len(pending))
        _, late = await asyncio.wait(pending, timeout=self.shutdown_timeout)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)
            log.warning("telegram.webhook_drain_timeout", canceled=len(late),
                        timeout_seconds=self.shutdown_timeout)


UPDATE_TRACKER_KEY = web.AppKey("telegram_update_tracker", UpdateTracker)


def setup_telegram_webhooks(
    app: web.Application,
    feeds: Iterable[WebhookFeed],
    *,
    shutdown_timeout: float = DEFAULT_SHUTDOWN_TIMEOUT,
    max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
    admission_wait: float = DEFAULT_ADMISSION_WAIT,
) -> UpdateTracker:
    """Add a POST route per feed and a shutdown hook that waits for updates in flight; at most
    ``max_in_flight`` updates of all the feeds are handled at once."""
    tracker = UpdateTracker(
        shutdown_timeout, max_in_flight=max_in_flight, admission_wait=admission_wait
    )
    app[UPDATE_TRACKER_KEY] = tracker
    for feed in feeds:
        app.router.add_post(feed.path, _route(feed, tracker))

    async def drain(_: web.Application) -> None:
        await tracker.drain()

    app.on_shutdown.append(drain)
    return tracker


def _route(
    feed: WebhookFeed, tracker: UpdateTracker
) -> Callable[[web.Request], Awaitable[web.Response]]:
    expected = feed.secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("telegram.webhook_bad_secret", path=feed.path, remote=request.remote)
            return error_response(HTTPStatus.FORBIDDEN, "bad_webhook_secret",
                                  "missing or wrong X-Telegram-Bot-Api-Secret-Token")
        if tracker.closing:
            return _shutting_down()
        try:
            update = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return error_response(HTTPStatus.BAD_REQUEST, "bad_json",
                                  "the body is not valid JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return error_response(HTTPStatus.BAD_REQUEST, "bad_update",
                                  "expected a Telegram Update object with an update_id")
        if not await tracker.admit():
            log.warning("telegram.webhook_overloaded", path=feed.path,
                        update_id=update["update_id"], in_flight=tracker.in_flight)
            return error_response(HTTPStatus.SERVICE_UNAVAILABLE, "overloaded",
                                  "too many updates in progress; retry later",
                                  headers={"Retry-After": "1"})
        if tracker.closing:  # shutdown began while this one waited for a slot
            tracker.release_unused()
            return _shutting_down()
        tracker.start(feed.path, feed.handle, update)
        return web.json_response({"ok": True})

    return receive


def _shutting_down() -> web.Response:
    # Telegram retries a failed delivery; another instance or our successor takes it.
    return error_response(HTTPStatus.SERVICE_UNAVAILABLE, "shutting_down",
                          "the server is shutting down; retry later")
