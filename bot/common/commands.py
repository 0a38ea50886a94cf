"""Command menus: the same commands described in each language Telegram clients may use."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram import Bot
from aiogram.types import BotCommand

from bot.common.i18n import Tr
from core.shared.i18n import LANGUAGES, Translator

BASE_COMMANDS: tuple[str, ...] = ("start", "help", "language")


def menu(t: Tr, commands: Sequence[str]) -> list[BotCommand]:
    """The menu in ``t``'s language; each command is described by ``cmd-<name>``."""
    return [BotCommand(command=name, description=t(f"cmd-{name}")) for name in commands]


async def set_command_menus(
    bot: Bot, commands: Sequence[str], translator: Translator, default_language: str
) -> None:
    """Publish the menu per language, and a default one for every other client language."""
    for lang in LANGUAGES:
        await bot.set_my_commands(menu(Tr(translator, lang), commands), language_code=lang)
    await bot.set_my_commands(menu(Tr(translator, default_language), commands))
