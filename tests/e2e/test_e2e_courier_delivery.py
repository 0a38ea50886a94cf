"""A courier delivers an order through the real bots on the Telegram emulator: he starts a shift
in the courier bot (/shift → Start) and shares a live location near the shop; a customer's order
is placed and made ready through core; the worker's dispatcher offers it to him and he takes it,
confirms the pickup on the delivery card, and hands the order over with the code the customer got
in the customer bot. The order is delivered, and the customer's live status message says so."""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sim_client import Sim

from core.auth.api import grant_role, load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.customers.api import list_addresses
from core.geo.schemas import Point
from core.orders.api import (
    accept_order,
    get_order,
    mark_ready,
    place_order,
    set_cart_quantity,
    start_assembly,
)
from core.orders.schemas import CheckoutForm, OrderStatus
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from core.workforce.api import register_courier
from core.workforce.schemas import Vehicle
from fruktgo.container import Container
from fruktgo.sandbox import SandboxWorld
from fruktgo.worker import run_worker

# Shops and customers of the bot tests (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))

from catalog_bot_helpers import (  # noqa: E402
    ADMIN,
    ROUND_THE_CLOCK,
    new_category,
    new_customer,
    new_offer,
    open_shop,
)
from courier_delivery_world import forget_earlier_work, north_of  # noqa: E402

LIVE_PERIOD = 3_600  # seconds: the courier shares his location for the whole shift


def _labels(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


class Person:
    """Someone in one bot of the emulator: writes, presses buttons, reads the chat."""

    def __init__(self, sim: Sim, user_id: int, bot: str) -> None:
        self.sim, self.user_id, self.bot = sim, user_id, bot

    async def chat(self) -> dict[str, Any]:
        found: dict[str, Any] = await self.sim.call(
            "GET", f"chat?user_id={self.user_id}&bot={self.bot}"
        )
        return found

    async def say(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Send a message (text, location...); the bot's messages in answer."""
        return await self.sim.answer(self.user_id, self.bot, body)

    async def press(self, message: dict[str, Any], label: str) -> dict[str, Any] | None:
        """Press the button ``label``; the bot's answer to the callback (toast or alert)."""
        assert label in _labels(message), (label, _labels(message))
        pressed = await self.sim.call(
            "POST",
            "press",
            user_id=self.user_id,
            bot=self.bot,
            message_id=message["message_id"],
            text=label,
        )
        answer: dict[str, Any] | None = pressed["answer"]
        return answer

    async def until(
        self, *parts: str, label: str | None = None, seconds: float = 15
    ) -> dict[str, Any]:
        """The first message holding all ``parts`` (and a button ``label``), once one does."""
        for _ in range(int(seconds / 0.1)):
            for message in (await self.chat())["messages"]:
                text = message.get("text", "")
                if all(part in text for part in parts) and (
                    label is None or label in _labels(message)
                ):
                    return message
            await asyncio.sleep(0.1)
        raise AssertionError(f"no message in {self.bot} says {parts!r} with {label!r}")


@pytest.fixture
async def core_db(world: SandboxWorld) -> AsyncIterator[Database]:
    """The world's database as the bots see it (system clock)."""
    container = Container.build(world.settings)
    yield container.db
    await container.close()


@pytest.fixture
async def worker(world: SandboxWorld, core_db: Database) -> AsyncIterator[None]:
    # The session's database holds every earlier test's events and deliveries: this worker's
    # relay and dispatcher see this test's only.
    await forget_earlier_work(core_db)
    stop = asyncio.Event()
    running = asyncio.create_task(run_worker(world.settings, stop=stop))
    yield
    stop.set()
    assert await asyncio.wait_for(running, 20) == 0


async def _courier(db: Database, telegram_id: int) -> None:
    """Invited and with a complete profile: an approved courier."""
    await remember_user(db, TelegramProfile(telegram_id, "Марат"))
    await grant_role(db, ADMIN, telegram_id, Role.COURIER)
    courier = await load_actor(db, telegram_id)
    await register_courier(db, courier, "Марат", "+79161234567", Vehicle.BICYCLE)


@pytest.mark.usefixtures("running_bots", "worker")
async def test_a_courier_takes_the_offer_picks_up_and_hands_over_with_the_code(
    sim: Sim, bot_usernames: dict[str, str], core_db: Database
) -> None:
    await sim.call("POST", "limits", enabled=False)  # a test taps faster than people do
    db = core_db
    t = Translator()
    # Open round the clock: the bots run on the real clock.
    shelf = await open_shop(db, hours=ROUND_THE_CLOCK)
    pears = await new_offer(
        db, shelf, await new_category(db), price=Money.rub(120), stock=50, name=("Груши", "Pears")
    )

    # The courier starts a shift and shares a live location 300 m from the shop.
    courier_id = (await sim.new_person(first_name="Марат", language_code="ru"))["user_id"]
    await _courier(db, courier_id)
    marat = Person(sim, courier_id, bot_usernames["courier"])
    start = t.get("ru", "courier-btn-shift-start")
    [card] = [m for m in await marat.say({"text": "/shift"}) if start in _labels(m)]
    await marat.press(card, start)
    await marat.until(t.get("ru", "courier-shift-send-first-point")[:20])
    near = north_of(shelf.point, 300)
    live = {"latitude": near.lat, "longitude": near.lon, "live_period": LIVE_PERIOD}
    [seen] = await marat.say({"location": live})
    assert seen["text"].startswith("📍 Вижу вас на карте")

    # A customer (who has written to the customer bot) orders pears; the shop makes them ready.
    customer_id = (await sim.new_person(first_name="Вера", language_code="ru"))["user_id"]
    vera = Person(sim, customer_id, bot_usernames["customer"])
    await vera.say({"text": "/start"})
    home = Point(shelf.point.lat + 0.002, shelf.point.lon)
    await new_customer(db, home, telegram_id=customer_id)
    buyer = Actor(customer_id)
    [address] = await list_addresses(db, buyer, customer_id)
    await set_cart_quantity(db, buyer, customer_id, pears.id, 5)
    order = await place_order(
        db,
        buyer,
        customer_id,
        CheckoutForm(shelf.id, address.id, idempotency_key=uuid.uuid4().hex),
    )
    await accept_order(db, shelf.owner, order.id)
    await start_assembly(db, shelf.owner, order.id)
    await mark_ready(db, shelf.owner, order.id)

    # The dispatcher offers the delivery to Marat; he takes it.
    accept = t.get("ru", "notification-delivery-btn-accept")
    offer = await marat.until(f"Новый заказ №{order.number}", label=accept)
    taken = await marat.press(offer, accept)
    assert taken is not None
    assert taken["text"] == t.get("ru", "courier-offer-accepted", number=str(order.number))

    # The delivery card arrives with [Picked up]; pressing it turns the card in place.
    pickup = t.get("ru", "notification-delivery-btn-pickup")
    card = await marat.until(f"Заказ №{order.number}: езжайте в магазин", label=pickup)
    await marat.press(card, pickup)
    handover = t.get("ru", "notification-delivery-btn-handover")
    card = await marat.until(f"Заказ №{order.number}: везите покупателю", label=handover)

    # The customer got the code for the courier in the customer bot.
    note = await vera.until(f"Заказ №{order.number}", "Код для курьера")
    found = re.search(r"Код для курьера: (\d{4})", note["text"])
    assert found is not None
    code = found.group(1)

    # Hand over: the card asks for the code, Marat types it, the card says delivered.
    await marat.press(card, handover)
    await marat.until(f"Заказ №{order.number}", "Напишите код из 4 цифр")
    await sim.send(courier_id, marat.bot, code)
    done = await marat.until(f"Заказ №{order.number} доставлен", "Доставлено! +")
    assert done["message_id"] == card["message_id"]
    assert not _labels(done)

    assert (await get_order(db, buyer, order.id)).status is OrderStatus.DELIVERED
    await vera.until(f"Заказ №{order.number}", "🏠 Заказ доставлен")
