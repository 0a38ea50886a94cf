"""The people of the whole-journey e2e: a shop's owner in the seller bot, a customer in the
customer bot, couriers on shift in the courier bot (sharing a live location near the shop), and
orders placed through core when the customer's way to them is not what a test is about."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from order_by_weight_helpers import (
    Person,
    Shelf,
    buttons,
    new_category,
    new_customer,
    new_offer,
    owned_shop,
)
from sim_client import Sim

from core.auth.api import grant_role, load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.customers.api import list_addresses
from core.geo.schemas import Point
from core.orders.api import place_order, set_cart_quantity
from core.orders.schemas import CheckoutForm, OrderOut, PaymentMethod
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from core.workforce.api import register_courier
from core.workforce.schemas import Vehicle

# The bot tests' admin and courier world (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bot"))

from catalog_bot_helpers import ADMIN  # noqa: E402
from courier_delivery_world import north_of  # noqa: E402

__all__ = [
    "Person",
    "Shelf",
    "buttons",
    "courier_on_shift",
    "customer",
    "new_category",
    "new_offer",
    "order_through_core",
    "seller",
]

LIVE_PERIOD = 3_600  # seconds: a courier shares their location for the whole shift
_ru = Translator()


async def seller(sim: Sim, db: Database, bot: str, name: str, shop: str) -> tuple[Person, Shelf]:
    """Someone who started the seller bot (so it may write to them) and owns an approved shop
    taking orders from 100 ₽."""
    owner_id = (await sim.new_person(first_name=name, language_code="ru"))["user_id"]
    assert await sim.reply_to(owner_id, bot, "/start")
    shelf = await owned_shop(db, owner_id, shop, min_order=Money.rub(100))
    return Person(sim, owner_id, bot), shelf


async def customer(sim: Sim, db: Database, bot: str, name: str, shelf: Shelf) -> Person:
    """Someone who started the customer bot and has a home address 200 m from the shop."""
    customer_id = (await sim.new_person(first_name=name, language_code="ru"))["user_id"]
    assert await sim.reply_to(customer_id, bot, "/start")
    await new_customer(db, north_of(shelf.point, 200), telegram_id=customer_id)
    return Person(sim, customer_id, bot)


async def courier_on_shift(
    sim: Sim, db: Database, bot: str, name: str, near: Point, metres: float
) -> Person:
    """An approved courier who started a shift in the courier bot and shares a live location
    ``metres`` north of ``near``."""
    courier_id = (await sim.new_person(first_name=name, language_code="ru"))["user_id"]
    await remember_user(db, TelegramProfile(courier_id, name))
    await grant_role(db, ADMIN, courier_id, Role.COURIER)
    actor = await load_actor(db, courier_id)
    await register_courier(db, actor, name, "+79161234567", Vehicle.BICYCLE)
    courier = Person(sim, courier_id, bot)
    start = _ru.get("ru", "courier-btn-shift-start")
    [card] = [m for m in await sim.reply_to(courier_id, bot, "/shift") if start in buttons(m)]
    await courier.press(card, start)
    await courier.until(_ru.get("ru", "courier-shift-send-first-point")[:20])
    point = north_of(near, metres)
    live = {"latitude": point.lat, "longitude": point.lon, "live_period": LIVE_PERIOD}
    [seen] = await sim.answer(courier_id, bot, {"location": live})
    assert seen["text"].startswith("📍 Вижу вас на карте")
    return courier


async def order_through_core(
    db: Database,
    buyer: Person,
    shelf: Shelf,
    lines: list[tuple[uuid.UUID, int]],
    *,
    payment: PaymentMethod = PaymentMethod.CASH,
) -> OrderOut:
    """The customer's order of ``lines`` (offer, quantity) to their home, as checkout places it."""
    actor = Actor(buyer.user_id)
    [address] = await list_addresses(db, actor, buyer.user_id)
    for offer_id, quantity in lines:
        await set_cart_quantity(db, actor, buyer.user_id, offer_id, quantity)
    form = CheckoutForm(
        shelf.id, address.id, idempotency_key=uuid.uuid4().hex, payment_method=payment
    )
    return await place_order(db, actor, buyer.user_id, form)
