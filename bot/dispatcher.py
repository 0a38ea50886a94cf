"""One bot's Dispatcher: its role router, the shared middlewares, error handling and FSM storage."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from aiogram import Bot, Dispatcher, Router
from redis.asyncio import Redis

from bot.common import membership
from bot.common.commands import set_command_menus
from bot.common.errors import setup_error_handling
from bot.common.i18n import I18nMiddleware, Tr
from bot.common.middlewares import UpdateDedupMiddleware, UserContextMiddleware
from bot.common.storage import create_event_isolation, create_fsm_storage
from bot.courier import router as courier
from bot.customer import router as customer
from bot.customer.menu import storefront_menu_button
from bot.seller import router as seller
from bot.support import router as support
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database

ROUTER_FACTORIES: Mapping[BotRole, Callable[[], Router]] = {
    BotRole.CUSTOMER: customer.create_router,
    BotRole.COURIER: courier.create_router,
    BotRole.SELLER: seller.create_router,
    BotRole.SUPPORT: support.create_router,
}

COMMANDS: Mapping[BotRole, Sequence[str]] = {
    BotRole.CUSTOMER: customer.COMMANDS,
    BotRole.COURIER: courier.COMMANDS,
    BotRole.SELLER: seller.COMMANDS,
    BotRole.SUPPORT: support.COMMANDS,
}


def build_dispatcher(
    role: BotRole,
    *,
    db: Database,
    redis: Redis,
    translator: Translator,
    settings: Settings,
) -> Dispatcher:
    """A Dispatcher for ``role``; handlers receive db, redis, translator, settings and role."""
    storage = create_fsm_storage(redis)
    dispatcher = Dispatcher(
        name=role.value,
        storage=storage,
        events_isolation=create_event_isolation(storage),
        db=db,
        redis=redis,
        translator=translator,
        settings=settings,
        role=role,
    )
    # Outer update middlewares run once per update, in this order, after aiogram's own (errors,
    # event context, FSM). A repeat is dropped before it touches the database.
    dispatcher.update.outer_middleware(
        UpdateDedupMiddleware(redis, settings.update_dedup_ttl_seconds)
    )
    dispatcher.update.outer_middleware(UserContextMiddleware(db))
    dispatcher.update.outer_middleware(I18nMiddleware(translator, settings.default_language))
    setup_error_handling(dispatcher, role, translator, settings.default_language)
    dispatcher.include_router(membership.create_router())
    dispatcher.include_router(ROUTER_FACTORIES[role]())
    return dispatcher


async def set_commands(bot: Bot, role: BotRole, translator: Translator, settings: Settings) -> None:
    """Publish ``role``'s command menu in every language, and the customer's storefront button."""
    await set_command_menus(bot, COMMANDS[role], translator, settings.default_language)
    if role is BotRole.CUSTOMER:
        t = Tr(translator, settings.default_language)
        await bot.set_chat_menu_button(menu_button=storefront_menu_button(t, settings))
