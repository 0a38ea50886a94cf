"""The customer bot's router: its commands and conversations."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.common.actor import ActorMiddleware
from bot.common.commands import BASE_COMMANDS
from bot.common.i18n import Tr
from bot.common.language import create_language_router
from bot.customer.address_form import create_address_form_router
from bot.customer.addresses import create_addresses_router
from bot.customer.cart import create_cart_router
from bot.customer.catalog import create_catalog_router
from bot.customer.checkout import create_checkout_router
from bot.customer.onboarding import create_onboarding_router
from bot.customer.orders import create_orders_router
from bot.customer.phone import create_phone_router
from bot.customer.settings import create_settings_router

COMMANDS: tuple[str, ...] = (*BASE_COMMANDS, "catalog", "cart", "orders", "settings", "cancel")


async def help_(message: Message, t: Tr) -> None:
    await message.answer(t("customer-help"))


def create_router() -> Router:
    """A fresh router for one customer Dispatcher.

    Commands come before the dialogs' catch-all message handlers, so /start, /cancel, /help,
    /settings, /catalog, /cart, /orders and /language work at any step of a form.
    """
    router = Router(name="customer")
    # Inner middlewares of a router reach every router included in it.
    router.message.middleware(ActorMiddleware())
    router.callback_query.middleware(ActorMiddleware())
    router.message.register(help_, Command("help"))
    router.include_router(create_onboarding_router())
    router.include_router(create_language_router())
    router.include_router(create_settings_router())
    router.include_router(create_catalog_router())
    router.include_router(create_cart_router())
    router.include_router(create_checkout_router())
    router.include_router(create_orders_router())
    router.include_router(create_addresses_router())
    router.include_router(create_phone_router())
    router.include_router(create_address_form_router())
    return router
