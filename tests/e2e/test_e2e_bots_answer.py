"""The four bots, run as the sandbox runs them, answer people through the Telegram emulator."""

from __future__ import annotations

import html
import re

import pytest
from sim_client import Sim

from core.shared.config import BotRole
from core.shared.i18n import Translator
from fruktgo.sandbox import SandboxWorld

_TAG = re.compile(r"<[^>]+>")


def plain(rendered_html: str) -> str:
    """What a person reads once Telegram has turned the HTML into entities."""
    return html.unescape(_TAG.sub("", rendered_html))


@pytest.mark.usefixtures("running_bots")
@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_every_bot_answers_help_in_the_persons_language(
    sim: Sim, bot_usernames: dict[str, str], lang: str
) -> None:
    translator = Translator()
    person = await sim.new_person(first_name="Вера", language_code=lang)
    for role in BotRole:
        answers = await sim.reply_to(person["user_id"], bot_usernames[role.value], "/help")
        assert [m["text"] for m in answers] == [plain(translator.get(lang, f"{role.value}-help"))]


@pytest.mark.usefixtures("running_bots")
async def test_language_switch_persists_across_messages(
    sim: Sim, bot_usernames: dict[str, str]
) -> None:
    translator = Translator()
    bot = bot_usernames["courier"]
    person = (await sim.new_person(first_name="Lena", language_code="ru"))["user_id"]
    [menu] = await sim.reply_to(person, bot, "/language")
    buttons = [b for row in menu["reply_markup"]["inline_keyboard"] for b in row]
    english = next(b for b in buttons if "English" in b["text"])
    await sim.call("POST", "press", user_id=person, bot=bot, message_id=menu["message_id"],
                   callback_data=english["callback_data"])
    answers = await sim.reply_to(person, bot, "/help")
    assert answers[-1]["text"] == plain(translator.get("en", "courier-help"))


async def test_sandbox_world_registers_four_bots_and_demo_people(world: SandboxWorld) -> None:
    bots = {bot.username for bot in world.emulator.state.bots.values()}
    assert bots == {"fruktgo_bot", "fruktgo_courier_bot", "fruktgo_seller_bot",
                    "fruktgo_support_bot"}
    assert world.settings.telegram_api_url == world.emulator.url
    assert all(world.settings.bot_token(role) for role in BotRole)
