"""The /language switch every bot offers: an inline keyboard, edited in place on a choice."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.i18n import Tr
from bot.common.replies import show
from core.auth.api import set_language
from core.auth.schemas import UserOut
from core.shared.i18n import LANGUAGES
from core.shared.uow import Database


class LanguageChoice(CallbackData, prefix="lang"):
    code: str


def language_keyboard(t: Tr) -> InlineKeyboardMarkup:
    """One button per language, the current one ticked."""
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        label = t(f"language-name-{code}")
        builder.button(
            text=f"✓ {label}" if code == t.lang else label,
            callback_data=LanguageChoice(code=code),
        )
    builder.adjust(len(LANGUAGES))
    return builder.as_markup()


async def ask_language(message: Message, t: Tr) -> None:
    await message.answer(t("language-prompt"), reply_markup=language_keyboard(t))


async def on_language_chosen(
    callback: CallbackQuery,
    callback_data: LanguageChoice,
    bot: Bot,
    db: Database,
    t: Tr,
    user: UserOut,
) -> None:
    await callback.answer()
    if user.language == callback_data.code:
        return  # a double tap: already done, and an identical edit would be refused
    # The code is user input: set_language validates it and refuses anything but ru/en.
    changed = await set_language(db, callback.from_user.id, callback_data.code)
    now = t.using(changed.language or t.lang)
    # An old keyboard may already show this very text (the language was changed back meanwhile
    # in another bot): Telegram refuses the edit and nothing is lost.
    await show(callback, bot, now("language-changed"), language_keyboard(now))


def create_language_router() -> Router:
    """A fresh router for one bot (a router can belong to only one dispatcher)."""
    router = Router(name="language")
    router.message.register(ask_language, Command("language"))
    router.callback_query.register(on_language_chosen, LanguageChoice.filter())
    return router
