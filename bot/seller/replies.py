"""Answering in place and reading reply-keyboard buttons."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.common.i18n import Tr
from core.shared.i18n import LANGUAGES, Translator


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


def plain(t: Tr, key: str, **args: object) -> str:
    """A button's text: the message without HTML escaping (Telegram shows buttons verbatim)."""
    return t.translator.get(t.lang, key, **args)


def is_button(translator: Translator, text: str | None, key: str) -> bool:
    """Whether ``text`` is button ``key`` in any language (a keyboard may predate a switch)."""
    if text is None:
        return False
    return any(text == translator.get(lang, key) for lang in LANGUAGES)


class ButtonText(Filter):
    """Matches a message whose text is the reply button ``key`` in any language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, translator: Translator) -> bool:
        return is_button(translator, message.text, self.key)


def not_a_command(message: Message) -> bool:
    """A message that is not a /command (those are handled before any dialog step)."""
    return message.text is None or not message.text.startswith("/")
