"""The customer bot's menu button opens the storefront Mini App."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.methods import SetChatMenuButton
from aiogram.types import MenuButtonWebApp
from bot_fakes import Harness

from bot.dispatcher import set_commands
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator


async def test_the_customer_menu_button_opens_the_storefront(
    harness_for: Callable[[BotRole], Harness], translator: Translator, settings: Settings
) -> None:
    customer = harness_for(BotRole.CUSTOMER)
    await set_commands(customer.bot, BotRole.CUSTOMER, translator, settings)
    [call] = customer.session.of(SetChatMenuButton)
    assert call.chat_id is None  # the bot's default, for every chat
    assert isinstance(call.menu_button, MenuButtonWebApp)
    assert call.menu_button.web_app.url == settings.public_url.rstrip("/") + "/app/shop"
    assert call.menu_button.text == translator.get(settings.default_language,
                                                   "customer-menu-storefront")


async def test_other_bots_keep_the_command_list_menu(
    harness_for: Callable[[BotRole], Harness], translator: Translator, settings: Settings
) -> None:
    seller = harness_for(BotRole.SELLER)
    await set_commands(seller.bot, BotRole.SELLER, translator, settings)
    assert seller.session.of(SetChatMenuButton) == []
