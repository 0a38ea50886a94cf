"""Answering in place: edit the message a button sits on, else send a new one; button texts."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.common.i18n import Tr
from core.customers.schemas import AddressLabel
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


def is_button(translator: Translator, text: str | None, key: str) -> bool:
    """Whether ``text`` is button ``key`` in any language (a keyboard may predate a switch)."""
    if text is None:
        return False
    return any(text == translator.get(lang, key) for lang in LANGUAGES)


def is_skip(t: Tr, text: str | None) -> bool:
    return text == "/skip" or is_button(t.translator, text, "customer-btn-skip")


def is_clear(t: Tr, text: str | None) -> bool:
    return is_button(t.translator, text, "customer-btn-clear")


def label_from_button(t: Tr, text: str | None) -> AddressLabel | None:
    """The address label whose button says ``text``, if any."""
    for label in AddressLabel:
        if is_button(t.translator, text, f"customer-address-label-{label.value}"):
            return label
    return None


class ButtonText(Filter):
    """Matches a message whose text is the reply button ``key`` in any language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, translator: Translator) -> bool:
        return is_button(translator, message.text, self.key)
