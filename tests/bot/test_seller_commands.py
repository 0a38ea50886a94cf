"""The seller bot's command menu: apply, shop, products, orders, staff and cancel after the base
commands, each described in both languages and published per language."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.methods import SetMyCommands
from bot_fakes import Harness, new_user_id, texts

from bot.dispatcher import COMMANDS, set_commands
from core.shared.config import BotRole, Settings
from core.shared.i18n import LANGUAGES, Translator


def test_the_menu_lists_the_seller_commands() -> None:
    assert list(COMMANDS[BotRole.SELLER]) == ["start", "help", "language", "apply", "shop",
                                              "products", "orders", "staff", "cancel"]


async def test_the_menu_is_described_in_each_language(
    harness_for: Callable[[BotRole], Harness], translator: Translator, settings: Settings
) -> None:
    seller = harness_for(BotRole.SELLER)
    await set_commands(seller.bot, BotRole.SELLER, translator, settings)
    menus = {call.language_code: call.commands for call in seller.session.of(SetMyCommands)}
    assert set(menus) == {*LANGUAGES, None}
    for lang in LANGUAGES:
        described = {c.command: c.description for c in menus[lang]}
        for name in ("apply", "shop", "products", "orders", "staff", "cancel"):
            assert translator.has(lang, f"cmd-{name}")
            assert described[name] == translator.get(lang, f"cmd-{name}")
    assert menus["ru"] != menus["en"]


async def test_help_names_every_command(
    harness_for: Callable[[BotRole], Harness], translator: Translator
) -> None:
    seller = harness_for(BotRole.SELLER)
    for lang in LANGUAGES:
        [text] = texts(await seller.send("/help", user_id=new_user_id(), language_code=lang))
        assert all(f"/{name}" in text for name in COMMANDS[BotRole.SELLER])
