"""The support bot's router: its commands and conversations."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo

from bot.common.actor import ActorMiddleware
from bot.common.commands import BASE_COMMANDS
from bot.common.formatting import display_name
from bot.common.i18n import Tr
from bot.common.language import create_language_router
from bot.common.webapp import page_url
from bot.support.couriers import create_couriers_router
from bot.support.deliveries import create_deliveries_router
from core.auth.policy import Actor, Permission, allows
from core.auth.schemas import UserOut
from core.shared.config import Settings

COMMANDS: tuple[str, ...] = (*BASE_COMMANDS, "admin", "couriers", "deliveries")
ADMIN_APPLICATIONS_PAGE = "/app/admin/applications"
ADMIN_BROADCASTS_PAGE = "/app/admin/broadcasts"


async def start(message: Message, t: Tr, user: UserOut | None = None) -> None:
    await message.answer(t("support-start", name=display_name(user, t("friend"))))


async def help_(message: Message, t: Tr) -> None:
    await message.answer(t("support-help"))


async def admin(message: Message, t: Tr, actor: Actor, settings: Settings) -> None:
    """Platform admins open the review pages from here; anyone else is told politely."""
    if not allows(actor, Permission.REVIEW_SELLER_APPLICATIONS):
        await message.answer(t("support-admin-only"))
        return
    button = InlineKeyboardButton(
        text=t("support-btn-applications"),
        web_app=WebAppInfo(url=page_url(settings, ADMIN_APPLICATIONS_PAGE, lang=t.lang)),
    )
    rows = [[button]]
    if allows(actor, Permission.SEND_BROADCASTS):
        broadcasts_url = page_url(settings, ADMIN_BROADCASTS_PAGE, lang=t.lang)
        broadcasts = InlineKeyboardButton(
            text=t("support-admin-broadcasts"), web_app=WebAppInfo(url=broadcasts_url)
        )
        rows.append([broadcasts])
    await message.answer(
        t("support-admin-menu"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def create_router() -> Router:
    """A fresh router for one support Dispatcher."""
    router = Router(name="support")
    router.message.middleware(ActorMiddleware())
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    router.message.register(admin, Command("admin"))
    router.include_router(create_language_router())
    router.include_router(create_deliveries_router())
    router.include_router(create_couriers_router())
    return router
