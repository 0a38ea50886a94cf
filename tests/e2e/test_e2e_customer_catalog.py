"""A customer browses the catalog and fills the cart through the real customer bot on the
Telegram emulator: a category, the next page, a product card with its photo, the stepper, /cart."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from image_bytes import png_bytes
from sim_client import Sim

from core.auth.policy import Actor
from core.media.api import save_image
from core.orders.api import get_cart
from core.shared.money import Money
from fruktgo.container import Container
from fruktgo.sandbox import SandboxWorld

# The shops and customers of the bot's catalog tests (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))

from catalog_bot_helpers import (  # noqa: E402
    ROUND_THE_CLOCK,
    new_category,
    new_customer,
    new_offer,
    open_shop,
)

NBSP = "\u00a0"


def _buttons(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


class Person:
    """One customer pressing buttons and waiting for the bot's answer."""

    def __init__(self, sim: Sim, user_id: int, bot: str) -> None:
        self.sim, self.user_id, self.bot = sim, user_id, bot

    async def _chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = await self.sim.call(
            "GET", f"chat?user_id={self.user_id}&bot={self.bot}"
        )
        return chat

    async def tap(
        self, message: dict[str, Any], text: str, *, new: bool = False
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Press the button ``text``; the callback's answer and the message edited in place
        (or, with ``new``, the one sent instead)."""
        before = await self._chat()
        last = max(m["message_id"] for m in before["messages"])
        pressed = await self.sim.call(
            "POST",
            "press",
            user_id=self.user_id,
            bot=self.bot,
            message_id=message["message_id"],
            text=text,
        )
        if new:
            [shown] = await self.sim.new_messages(self.user_id, self.bot, after=last)
            return pressed, shown
        view = await self.sim.call(
            "POST",
            "wait",
            user_id=self.user_id,
            bot=self.bot,
            after=last,
            since=before["revision"],
            timeout=10,
        )
        assert not view.get("timed_out"), f"nothing changed after pressing {text!r}"
        [shown] = [m for m in view["messages"] if m["message_id"] == message["message_id"]]
        return pressed, shown


@pytest.mark.usefixtures("running_bots")
async def test_browse_page_open_a_card_step_a_weight_product_and_see_the_cart(
    world: SandboxWorld, sim: Sim, bot_usernames: dict[str, str]
) -> None:
    await sim.call("POST", "limits", enabled=False)  # a test taps faster than people do
    container = Container.build(world.settings)
    try:
        db = container.db
        # Open round the clock: the bots run on the real clock.
        shelf = await open_shop(db, hours=ROUND_THE_CLOCK)
        category = await new_category(db)
        for position in range(6):
            await new_offer(db, shelf, category, position=position)
        photo = await save_image(db, Actor(shelf.owner.telegram_id), png_bytes(160, 120))
        gala = await new_offer(
            db,
            shelf,
            category,
            weight=True,
            position=9,
            price=Money.rub(189),
            stock=2_400,
            name=("Яблоки Гала", "Gala apples"),
            photos=(photo.ref,),
        )
        user_id = (await sim.new_person(first_name="Вера", language_code="ru"))["user_id"]
        await new_customer(db, shelf.point, telegram_id=user_id)
        vera = Person(sim, user_id, bot_usernames["customer"])

        [home] = await sim.reply_to(user_id, vera.bot, "/catalog")
        assert home["text"].startswith(shelf.shop.name)  # the only shop: straight in
        _, first = await vera.tap(home, f"🍎 {category.name_ru}")
        assert len([b for b in _buttons(first) if b.endswith("/шт.")]) == 6
        _, second = await vera.tap(first, "▶")
        assert second["text"].endswith("Страница 2")

        # The card has a photo: the list makes way for it, the chat keeps one message.
        _, card = await vera.tap(second, f"Яблоки Гала · 189,00{NBSP}₽/кг", new=True)
        assert card["photo"][-1]["width"] == 160
        assert "в наличии 2,4 кг" in card["caption"]
        assert second["message_id"] not in {
            m["message_id"] for m in (await vera._chat())["messages"]
        }

        pressed, card = await vera.tap(card, "➕ В корзину · 100 г")
        assert pressed["answer"]["text"] == "В корзине: 100 г"
        for expected in ("200 г", "300 г"):
            _, card = await vera.tap(card, "➕")
            assert expected in _buttons(card)
        assert f"🛒 Корзина · 1 · 56,70{NBSP}₽" in _buttons(card)
        cart = await get_cart(db, Actor(user_id), user_id, shelf.id)
        assert cart.quantity_of(gala.id) == 300

        # Back to the page the card came from, as text again.
        _, back = await vera.tap(card, "« К списку", new=True)
        assert back["text"].endswith("Страница 2")

        [listing] = await sim.reply_to(user_id, vera.bot, "/cart")
        assert f"Яблоки Гала — 300 г × 189,00{NBSP}₽/кг = 56,70{NBSP}₽" in listing["text"]
        assert f"≈ 56,70{NBSP}₽" in listing["text"]
    finally:
        await container.close()
