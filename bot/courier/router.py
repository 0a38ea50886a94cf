"""The courier bot's router: its commands and conversations."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.common.commands import BASE_COMMANDS
from bot.common.formatting import display_name
from bot.common.i18n import Tr
from bot.common.invitations import register_invitation_start
from bot.common.language import create_language_router
from core.auth.schemas import UserOut

COMMANDS: tuple[str, ...] = BASE_COMMANDS


async def start(message: Message, t: Tr, user: UserOut | None = None) -> None:
    await message.answer(t("courier-start", name=display_name(user, t("friend"))))


async def help_(message: Message, t: Tr) -> None:
    await message.answer(t("courier-help"))


def create_router() -> Router:
    """A fresh router for one courier Dispatcher."""
    router = Router(name="courier")
    register_invitation_start(router)  # before the plain /start, which would take any deep link
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.include_router(create_language_router())
    return router
