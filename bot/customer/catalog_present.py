"""Showing a catalog or cart screen in place of the message a button sat on.

Telegram edits text into text and a photo's caption, but never a text message into a photo one
(editMessageMedia takes media messages only). Moving between a list (text) and a product card
with a photo therefore deletes the old message and sends the new one, so the chat still holds
one message; a photo Telegram cannot take leaves the card as text.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import structlog
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from redis.asyncio import Redis

from bot.common.photos import photo_input, remember_file_id
from bot.common.replies import chat_of
from core.shared.errors import CoreError
from core.shared.uow import Database

log = structlog.get_logger(__name__)

CAPTION_MAX = 1024


@dataclass(frozen=True, slots=True)
class Screen:
    """A message to show: HTML text (a caption when there is a photo) and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    photo: str | None = None  # a picture reference: https URL, file id or ``media:<id>``


def _unchanged(exc: TelegramBadRequest) -> bool:
    return "message is not modified" in str(exc)


async def send(bot: Bot, chat_id: int, screen: Screen, db: Database, redis: Redis) -> None:
    """Send ``screen`` as a new message: a photo with a caption, or text."""
    if screen.photo is not None:
        try:
            photo = await photo_input(screen.photo, bot=bot, redis=redis, db=db)
            sent = await bot.send_photo(
                chat_id, photo, caption=screen.text[:CAPTION_MAX], reply_markup=screen.markup
            )
            await remember_file_id(screen.photo, sent, bot, redis)
            return
        except (TelegramBadRequest, CoreError) as exc:
            # A picture deleted, gone from Telegram or at a URL it cannot fetch: the card
            # still works as text.
            log.info("bot.catalog_photo_refused", photo=screen.photo, reason=str(exc))
    await bot.send_message(chat_id, screen.text, reply_markup=screen.markup)


async def present(
    callback: CallbackQuery, bot: Bot, screen: Screen, db: Database, redis: Redis
) -> None:
    """Replace the message the button was on with ``screen``: edit it when Telegram can,
    else delete it and send the screen anew."""
    message = callback.message
    if isinstance(message, Message):
        has_photo = bool(message.photo)
        try:
            if screen.photo is None and not has_photo:
                await message.edit_text(screen.text, reply_markup=screen.markup)
                return
            if screen.photo is not None and has_photo:
                # The same card with other quantities: its photo stays.
                await message.edit_caption(
                    caption=screen.text[:CAPTION_MAX], reply_markup=screen.markup
                )
                return
        except TelegramBadRequest as exc:
            if _unchanged(exc):
                return  # a double tap: the message already says this
        # Too old to edit, or text and photo must swap: one message out, one in.
        with suppress(TelegramBadRequest):
            await message.delete()
    await send(bot, chat_of(callback), screen, db, redis)
