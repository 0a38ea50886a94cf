"""Pushing updates to a bot's webhook: one POST per update with the secret token header,
retried with growing pauses until the receiver answers 2xx (as Telegram retries).

A 2xx reply may carry a method call (aiogram's webhook replies); it is executed like an API
call, its errors ignored as Telegram ignores them."""

from __future__ import annotations

import asyncio
import contextlib
import json

import structlog
from aiohttp import ClientError, ClientSession, ClientTimeout

from .botapi.dispatch import execute
from .botapi.request import params_from_reply
from .errors import TelegramError
from .models import BotAccount, WebhookConfig
from .state import EmulatorState

log = structlog.get_logger(__name__)


class WebhookSender:
    """One delivery loop per bot with a webhook."""

    def __init__(self, state: EmulatorState, session: ClientSession) -> None:
        self._state = state
        self._session = session
        self._tasks: dict[int, asyncio.Task[None]] = {}

    def configure(self, bot: BotAccount) -> None:
        """(Re)start or stop the bot's delivery loop after setWebhook / deleteWebhook."""
        task = self._tasks.pop(bot.id, None)
        if task is not None:
            task.cancel()
        if bot.webhook is not None and not self._state.closing:
            self._tasks[bot.id] = asyncio.get_running_loop().create_task(
                self._deliver(bot, bot.webhook), name=f"webhook:{bot.username}"
            )

    async def close(self) -> None:
        """Stop every delivery loop."""
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver(self, bot: BotAccount, hook: WebhookConfig) -> None:
        options = self._state.options
        delay = options.webhook_retry_initial
        while bot.webhook is hook and not self._state.closing:
            if not bot.queue.pending:
                await bot.queue.signal.wait(30)
                continue
            update = bot.queue.pending[0]
            error = await self._post(bot, hook, update)
            if error is None:
                bot.queue.confirm(int(update["update_id"]) + 1)
                self._state.stats.webhook_deliveries += 1
                delay = options.webhook_retry_initial
                continue
            self._state.stats.webhook_failures += 1
            hook.last_error_date = self._state.now()
            hook.last_error_message = error
            log.info("telegram_emulator.webhook_failed", bot=bot.username, error=error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, options.webhook_retry_max)

    async def _post(
        self, bot: BotAccount, hook: WebhookConfig, update: dict[str, object]
    ) -> str | None:
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        timeout = ClientTimeout(total=self._state.options.webhook_timeout)
        try:
            async with self._session.post(
                hook.url,
                data=json.dumps(update, ensure_ascii=False),
                headers=headers,
                timeout=timeout,
            ) as response:
                body = await response.read()
                if not 200 <= response.status < 300:
                    return f"Wrong response from the webhook: {response.status} {response.reason}"
                reply = params_from_reply(response.headers.get("Content-Type", ""), body)
        except TimeoutError:
            return "Read timeout expired"
        except ClientError as exc:
            return f"Connection failed: {type(exc).__name__}"
        if reply is not None:
            method, params = reply
            with contextlib.suppress(TelegramError):
                await execute(self._state, bot, method, params)
        return None
