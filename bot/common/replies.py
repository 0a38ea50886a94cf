"""Answering a button in place, shared by the bots: edit the message it sits on, else send a new
one; and the plain (unescaped) text buttons need."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.common.i18n import Tr


@dataclass(frozen=True, slots=True)
class Screen:
    """A message to show: HTML text and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None


def plain(t: Tr, key: str, **args: object) -> str:
    """A button's text: the message without HTML escaping (Telegram shows buttons verbatim)."""
    return t.translator.get(t.lang, key, **args)


def chat_of(callback: CallbackQuery) -> int:
    """The chat a callback came from (its message may be too old for Telegram to include)."""
    return callback.message.chat.id if callback.message else callback.from_user.id


async def show(
    callback: CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the message the button was on; send a new one if it cannot be edited."""
    if isinstance(callback.message, Message):
        try:
            await callback.message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as exc:
            if "message is not modified" in str(exc):
                return  # a double tap: the message already says this
    await bot.send_message(chat_of(callback), text, reply_markup=markup)


async def show_screen(callback: CallbackQuery, bot: Bot, screen: Screen) -> None:
    """``show`` for a ``Screen``."""
    await show(callback, bot, screen.text, screen.markup)
