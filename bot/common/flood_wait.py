"""Telegram's "retry after N seconds" for what a bot sends while handling an update.

Notifications keep within the limits through the sender's shared buckets; a handler's answers
do not (they are one or two messages to someone who just wrote, well within them). When a 429
comes anyway (a burst in one chat, a group), waiting out a short ``retry_after`` and trying once
more beats dropping the answer: the person pressed a button and is looking at the chat. A long
wait is not worth holding the update for; the 429 goes on to the error handler then.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import structlog
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = structlog.get_logger(__name__)

# A person waits this long for an answer at most; a callback query's spinner lasts about 15 s.
DEFAULT_MAX_WAIT = 3.0


class FloodWait(BaseRequestMiddleware):
    """Retry a call refused with a short ``retry_after``, after waiting it out, up to
    ``retries`` times."""

    def __init__(self, *, max_wait: float = DEFAULT_MAX_WAIT, retries: int = 1) -> None:
        self.max_wait = max_wait
        self.retries = retries

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        for retry in range(self.retries + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if retry == self.retries or exc.retry_after > self.max_wait:
                    raise
                log.info("bot.flood_wait", bot_id=bot.id, method=method.__api_method__,
                         seconds=exc.retry_after)
                await asyncio.sleep(exc.retry_after)
        raise AssertionError("unreachable: the last try returns or raises")
