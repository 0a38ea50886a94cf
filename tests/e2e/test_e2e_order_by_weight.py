"""A customer orders apples by weight through the real customer bot on the Telegram emulator
(catalog, the card's ➕, the cart, the checkout dialog); the shop's side goes through core
(accept, assemble, weigh a different weight, ready); the worker's sender edits the customer's live
status message to the final price, and its [Details] button answers with the weighed order."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sim_client import Sim
from sqlalchemy import text

from core.auth.policy import Actor
from core.orders.api import accept_order, mark_ready, my_orders, record_actual, start_assembly
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from fruktgo.container import Container
from fruktgo.sandbox import SandboxWorld
from fruktgo.worker import run_worker

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


class Customer:
    """One person in the customer bot: sends, taps, and looks at the chat."""

    def __init__(self, sim: Sim, user_id: int, bot: str) -> None:
        self.sim, self.user_id, self.bot = sim, user_id, bot

    async def chat(self) -> dict[str, Any]:
        found: dict[str, Any] = await self.sim.call(
            "GET", f"chat?user_id={self.user_id}&bot={self.bot}"
        )
        return found

    async def say(self, words: str, starts: str) -> dict[str, Any]:
        """Send ``words``; the bot's answer that starts with ``starts``."""
        answers = await self.sim.reply_to(self.user_id, self.bot, words)
        [answer] = [a for a in answers if a.get("text", "").startswith(starts)]
        return answer

    async def tap(
        self, message: dict[str, Any], label: str, *, new: bool = False
    ) -> dict[str, Any]:
        """Press the button ``label``; the message edited in place (or, with ``new``, the one
        sent after)."""
        before = await self.chat()
        last = max(m["message_id"] for m in before["messages"])
        await self.sim.call(
            "POST",
            "press",
            user_id=self.user_id,
            bot=self.bot,
            message_id=message["message_id"],
            text=label,
        )
        if new:
            [shown] = await self.sim.new_messages(self.user_id, self.bot, after=last)
            return shown
        view = await self.sim.call(
            "POST",
            "wait",
            user_id=self.user_id,
            bot=self.bot,
            after=last,
            since=before["revision"],
            timeout=10,
        )
        assert not view.get("timed_out"), f"nothing changed after pressing {label!r}"
        [shown] = [m for m in view["messages"] if m["message_id"] == message["message_id"]]
        return shown

    async def until(self, *parts: str, seconds: float = 20) -> dict[str, Any]:
        """The first message holding all ``parts``, once one does."""
        for _ in range(int(seconds / 0.1)):
            for message in (await self.chat())["messages"]:
                if all(part in message.get("text", "") for part in parts):
                    return message
            await asyncio.sleep(0.1)
        raise AssertionError(f"no message says {parts!r}")


@pytest.fixture
async def core_db(world: SandboxWorld) -> AsyncIterator[Database]:
    """The world's database as the bots see it (system clock)."""
    container = Container.build(world.settings)
    yield container.db
    await container.close()


@pytest.fixture
async def worker(world: SandboxWorld, core_db: Database) -> AsyncIterator[None]:
    # The session's database holds every earlier test's events; this worker relays this test's.
    async with core_db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))
    stop = asyncio.Event()
    running = asyncio.create_task(run_worker(world.settings, stop=stop))
    yield
    stop.set()
    assert await asyncio.wait_for(running, 20) == 0


@pytest.mark.usefixtures("running_bots", "worker")
async def test_apples_by_weight_from_the_catalog_to_the_final_price(
    sim: Sim, bot_usernames: dict[str, str], core_db: Database
) -> None:
    await sim.call("POST", "limits", enabled=False)  # a test taps faster than people do
    db = core_db
    translator = Translator()
    # Open round the clock: the bots run on the real clock.
    shelf = await open_shop(db, hours=ROUND_THE_CLOCK)
    category = await new_category(db)
    await new_offer(
        db,
        shelf,
        category,
        weight=True,
        price=Money.rub(600),
        stock=3_000,
        name=("Яблоки Гала", "Gala apples"),
    )
    user_id = (await sim.new_person(first_name="Нина", language_code="ru"))["user_id"]
    await new_customer(db, shelf.point, telegram_id=user_id)
    nina = Customer(sim, user_id, bot_usernames["customer"])

    # The catalog: the only shop, its category, the card, ➕ to 900 g.
    home = await nina.say("/catalog", shelf.shop.name)
    page = await nina.tap(home, f"🍎 {category.name_ru}")
    card = await nina.tap(page, f"Яблоки Гала · 600,00{NBSP}₽/кг")
    card = await nina.tap(card, "➕ В корзину · 100 г")
    for _ in range(8):
        card = await nina.tap(card, "➕")
    assert "900 г" in _buttons(card)

    # The cart, then the checkout dialog in one message.
    cart = await nina.say("/cart", "🛒 Корзина")
    assert f"Яблоки Гала — 900 г × 600,00{NBSP}₽/кг = 540,00{NBSP}₽" in cart["text"]
    step = await nina.tap(cart, "✅ Оформить заказ")
    step = await nina.tap(step, "✅ ★ Дом")
    step = await nina.tap(step, "⚡ Как можно скорее (≈ 15 мин)")
    step = await nina.tap(step, "💵 Наличными курьеру")
    step = await nina.tap(step, "✅ 📞 Позвонить мне")
    summary = await nina.tap(step, "Без комментария ›")
    assert f"Итого: ≈ 689,00{NBSP}₽ — итог после взвешивания" in summary["text"]
    placed = await nina.tap(summary, f"✅ Подтвердить · ≈ 689,00{NBSP}₽")
    [order] = await my_orders(db, Actor(user_id), user_id)
    assert placed["text"].startswith(f"✅ Заказ №{order.number} оформлен")
    assert order.total == Money.rub(689)

    # The shop weighs 950 g instead of 900 g: 570 ₽ of apples, 719 ₽ in all.
    owner = shelf.owner
    await accept_order(db, owner, order.id)
    await start_assembly(db, owner, order.id)
    [line] = order.lines
    await record_actual(db, owner, order.id, line.id, 950)
    ready = await mark_ready(db, owner, order.id)
    assert ready.final_total == Money.rub(719)

    # The live status message (the worker's sender) ends up showing the final price.
    live = await nina.until(f"Заказ №{order.number}", f"Итого: 719,00{NBSP}₽")
    assert live["message_id"] != placed["message_id"]
    # Its [Details] answers with the order as weighed, in a message of its own.
    details = await nina.tap(live, translator.get("ru", "notification-order-btn-details"), new=True)
    assert details["text"].startswith(f"📦 Заказ №{order.number}")
    assert f"⚖️ по факту 950 г = 570,00{NBSP}₽" in details["text"]
    assert f"Итого: 719,00{NBSP}₽" in details["text"]
