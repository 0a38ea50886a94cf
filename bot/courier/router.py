"""The courier bot's router: its commands and conversations.

Commands come first, so /start, /cancel, /shift and the rest work at any step of a dialog; then
the dialogs and buttons; the live-location handler last, so a dialog asking for something else
sees a shared location first.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.common.actor import ActorMiddleware
from bot.common.commands import BASE_COMMANDS
from bot.common.i18n import Tr
from bot.common.language import create_language_router
from bot.courier.deliveries import create_deliveries_router
from bot.courier.location import create_location_router
from bot.courier.onboarding import create_onboarding_router, register_onboarding
from bot.courier.plans import create_plans_router
from bot.courier.shift import create_shift_router
from bot.courier.stats import show_stats

COMMANDS: tuple[str, ...] = (*BASE_COMMANDS, "shift", "deliveries", "stats", "cancel")


async def help_(message: Message, t: Tr) -> None:
    await message.answer(t("courier-help"))


def create_router() -> Router:
    """A fresh router for one courier Dispatcher."""
    router = Router(name="courier")
    # Inner middlewares of a router reach every router included in it.
    router.message.middleware(ActorMiddleware())
    router.callback_query.middleware(ActorMiddleware())
    register_onboarding(router)  # /start with an invitation link before the plain /start
    router.message.register(help_, Command("help"))
    router.message.register(show_stats, Command("stats"))
    router.include_router(create_shift_router())
    router.include_router(create_plans_router())
    router.include_router(create_deliveries_router())
    router.include_router(create_language_router())
    router.include_router(create_onboarding_router())
    router.include_router(create_location_router())  # last: dialogs asking for a place go first
    return router
