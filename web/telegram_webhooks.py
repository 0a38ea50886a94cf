"""Telegram webhook routes: one path and one secret per bot.

The route checks the ``X-Telegram-Bot-Api-Secret-Token`` header, answers 200 at once and handles
the update in a background task, so a slow handler never makes Telegram resend. The tasks are
tracked: on shutdown the app waits (bounded) for the updates it has already taken. What to do with
an update is the caller's business (the composition root feeds it to the bot's Dispatcher), which
keeps web free of any bot import.
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

UpdateHandler = Callable[[dict[str, Any]], Awaitable[None]]


class WebhookFeed(NamedTuple):
    """Where one bot's updates arrive, the secret they must carry, and who handles them."""

    path: str
    secret: str
    handle: UpdateHandler


class UpdateTracker:
    """The updates taken and not yet finished, so shutdown can wait for them."""

    def __init__(self, shutdown_timeout: float) -> None:
        self.shutdown_timeout = shutdown_timeout
        self.closing = False
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    def start(self, path: str, handle: UpdateHandler, update: dict[str, Any]) -> None:
        task = asyncio.create_task(self._run(path, handle, update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

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
) -> UpdateTracker:
    """Add a POST route per feed and a shutdown hook that waits for updates in flight."""
    tracker = UpdateTracker(shutdown_timeout)
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
            # Telegram retries a failed delivery; another instance or our successor takes it.
            return error_response(HTTPStatus.SERVICE_UNAVAILABLE, "shutting_down",
                                  "the server is shutting down; retry later")
        try:
            update = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return error_response(HTTPStatus.BAD_REQUEST, "bad_json",
                                  "the body is not valid JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return error_response(HTTPStatus.BAD_REQUEST, "bad_update",
                                  "expected a Telegram Update object with an update_id")
        tracker.start(feed.path, feed.handle, update)
        return web.json_response({"ok": True})

    return receive
