"""The sending port of core.communications, implemented with aiogram Bots.

The worker builds one ``Bot`` per role (HTML parse mode, the configured Bot API server) and hands
them here; Telegram's answers become the port's outcomes instead of exceptions. An edit that
changes nothing counts as done; a message that is gone or can no longer be edited is ``Gone``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.types import ForceReply, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove
from pydantic import ValidationError

from core.communications.port import (
    Blocked,
    EditResult,
    Failed,
    Gone,
    RetryAfter,
    SendResult,
    Sent,
)
from core.shared.config import BotRole

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply

# The same request would be refused again: no point retrying.
_PERMANENT = (TelegramBadRequest, TelegramNotFound, TelegramMigrateToChat)
# How Telegram words "there is no such message of yours to edit" (any more).
_GONE = (
    "message to edit not found",
    "message can't be edited",
    "message_id_invalid",
    "there is no text in the message to edit",
)
_NOT_MODIFIED = "message is not modified"


class AiogramSender:
    """``MessageSender`` over one aiogram Bot per role; it does not own their sessions."""

    def __init__(self, bots: Mapping[BotRole, Bot]) -> None:
        self._bots = dict(bots)

    async def send(
        self,
        bot: BotRole,
        chat_id: int,
        text: str,
        *,
        reply_markup: dict[str, Any] | None = None,
    ) -> SendResult:
        """Send ``text`` as HTML; 403 → Blocked, 429 → RetryAfter, other errors → Failed."""
        client = self._bots.get(bot)
        if client is None:
            return Failed(f"no {bot.value} bot is configured in this process")
        try:
            markup = _markup(reply_markup)
        except (ValidationError, ValueError) as exc:
            return Failed(f"bad reply_markup: {exc}", permanent=True)
        try:
            message = await client.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
        except TelegramForbiddenError as exc:
            return Blocked(exc.message)
        except TelegramRetryAfter as exc:
            return RetryAfter(float(exc.retry_after))
        except _PERMANENT as exc:
            return Failed(f"{type(exc).__name__}: {exc.message}", permanent=True)
        except TelegramAPIError as exc:  # server errors, network errors: worth another try
            return Failed(f"{type(exc).__name__}: {exc.message}")
        return Sent(message.message_id)

    async def edit(
        self,
        bot: BotRole,
        chat_id: int,
        message_id: int,
        text: str,
        *,
        reply_markup: dict[str, Any] | None = None,
    ) -> EditResult:
        """Edit a message's HTML text and inline keyboard (None removes it)."""
        client = self._bots.get(bot)
        if client is None:
            return Failed(f"no {bot.value} bot is configured in this process")
        try:
            markup = _markup(reply_markup)
        except (ValidationError, ValueError) as exc:
            return Failed(f"bad reply_markup: {exc}", permanent=True)
        if markup is not None and not isinstance(markup, InlineKeyboardMarkup):
            return Failed("an edited message takes an inline keyboard only", permanent=True)
        try:
            await client.edit_message_text(
                text=text, chat_id=chat_id, message_id=message_id,
                parse_mode=ParseMode.HTML, reply_markup=markup,
            )
        except TelegramForbiddenError as exc:
            return Blocked(exc.message)
        except TelegramRetryAfter as exc:
            return RetryAfter(float(exc.retry_after))
        except TelegramBadRequest as exc:
            described = exc.message.lower()
            if _NOT_MODIFIED in described:
                return Sent(message_id)
            if any(reason in described for reason in _GONE):
                return Gone(exc.message)
            return Failed(f"{type(exc).__name__}: {exc.message}", permanent=True)
        except _PERMANENT as exc:
            return Failed(f"{type(exc).__name__}: {exc.message}", permanent=True)
        except TelegramAPIError as exc:
            return Failed(f"{type(exc).__name__}: {exc.message}")
        return Sent(message_id)


def _markup(raw: dict[str, Any] | None) -> Markup | None:
    if raw is None:
        return None
    if "inline_keyboard" in raw:
        return InlineKeyboardMarkup.model_validate(raw)
    if "keyboard" in raw:
        return ReplyKeyboardMarkup.model_validate(raw)
    if "remove_keyboard" in raw:
        return ReplyKeyboardRemove.model_validate(raw)
    if "force_reply" in raw:
        return ForceReply.model_validate(raw)
    raise ValueError("expected inline_keyboard, keyboard, remove_keyboard or force_reply")
