"""Customers with an address in a shop's zone, stocked offers, filled carts and placed orders,
for the checkout and lifecycle tests."""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from dataclasses import dataclass
from typing import Any

from catalog_factories import SellerShop, piece_form, weight_form
from sqlalchemy import func, select

from core.auth.api import remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.catalog.api import create_product
from core.catalog.schemas import CategoryOut
from core.customers.api import add_address
from core.customers.schemas import AddressInput
from core.geo.schemas import Point
from core.inventory.api import get_reservations, get_stock, set_stock
from core.inventory.schemas import ReservationStatus, StockOut
from core.orders.api import place_order, set_cart_quantity
from core.orders.schemas import CheckoutForm, OrderOut, PaymentMethod
from core.shared.money import Money
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm, OfferOut

_people = itertools.count(7_860_000_000)  # this folder's order-flow range
_PRICE = Money.rub(120)


def person_id() -> int:
    """A Telegram id no other test uses."""
    return next(_people)


def near(point: Point, metres_north: int = 500) -> Point:
    """A point ``metres_north`` of ``point`` (one degree of latitude is about 111 km)."""
    return Point(point.lat + metres_north / 111_195, point.lon)


@dataclass(frozen=True)
class Buyer:
    actor: Actor
    address_id: uuid.UUID
    point: Point

    @property
    def id(self) -> int:
        return self.actor.telegram_id


async def buyer(db: Database, shop: SellerShop, *, metres: int = 500) -> Buyer:
    """A new customer with a default address ``metres`` north of the shop."""
    telegram_id = person_id()
    await remember_user(db, TelegramProfile(telegram_id, "Вера"))
    actor = Actor(telegram_id)
    point = near(shop.shop.point, metres)
    saved = await add_address(
        db,
        actor,
        telegram_id,
        AddressInput(
            latitude=point.lat,
            longitude=point.lon,
            text="ул. Садовая, 5",
            entrance="2",
            floor=3,
            apartment="41",
            comment="домофон не работает",
        ),
    )
    return Buyer(actor, saved.address.id, point)


async def staff(db: Database, shop: SellerShop, role: Role = Role.PICKER) -> Actor:
    """A person holding ``role`` in the shop."""
    telegram_id = person_id()
    await remember_user(db, TelegramProfile(telegram_id, "Пётр"))
    return Actor(telegram_id, shops={shop.id: role})


def support() -> Actor:
    return Actor(person_id(), platform_roles=frozenset({Role.SUPPORT}))


def courier() -> Actor:
    return Actor(person_id(), platform_roles=frozenset({Role.COURIER}))


async def offer(
    db: Database,
    shop: SellerShop,
    category: CategoryOut,
    *,
    weight: bool = False,
    price: Money = _PRICE,
    stock: int = 10,
) -> OfferOut:
    """A new product offered by the shop with ``stock`` on hand (pieces, or grams)."""
    form = weight_form(category.id) if weight else piece_form(category.id)
    product = await create_product(db, shop.owner, form, shop_id=shop.id)
    made = await create_offer(db, shop.owner, shop.id, OfferForm(product.id, price))
    await set_stock(db, shop.owner, made.id, stock)
    return made


async def fill(db: Database, who: Buyer, *items: tuple[OfferOut, int]) -> None:
    for made, quantity in items:
        await set_cart_quantity(db, who.actor, who.id, made.id, quantity)


def form(shop: SellerShop, who: Buyer, *, key: str | None = None, **changes: Any) -> CheckoutForm:
    made = CheckoutForm(
        shop_id=shop.id, address_id=who.address_id, idempotency_key=key or uuid.uuid4().hex
    )
    return dataclasses.replace(made, **changes)


async def order_of(
    db: Database,
    shop: SellerShop,
    who: Buyer,
    *items: tuple[OfferOut, int],
    method: PaymentMethod = PaymentMethod.CASH,
    **changes: Any,
) -> OrderOut:
    """Fill the buyer's cart with ``items`` and check out."""
    await fill(db, who, *items)
    return await place_order(
        db, who.actor, who.id, form(shop, who, payment_method=method, **changes)
    )


async def stock_of(db: Database, shop: SellerShop, made: OfferOut) -> StockOut:
    return await get_stock(db, shop.owner, made.id)


async def held(db: Database, order_id: uuid.UUID) -> dict[uuid.UUID, tuple[str, int]]:
    """The order's active reservation lines: offer id → (status, quantity)."""
    return {
        line.offer_id: (line.status.value, line.quantity)
        for line in await get_reservations(db, str(order_id))
        if line.status in (ReservationStatus.RESERVED, ReservationStatus.ALLOCATED)
    }


async def event_count(db: Database, name: str, **payload: Any) -> int:
    """How many ``name`` events carry ``payload`` (a JSON containment match)."""
    async with db.sessionmaker() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.name == name, OutboxEvent.payload.contains(payload))
        )
        return int(found or 0)
