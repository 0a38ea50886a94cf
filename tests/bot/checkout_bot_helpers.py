"""A shop with apples by weight and pears by the piece, customers of this folder's checkout and
orders tests (Telegram ids from 7_895_000_000), and placing an order through core."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass

from catalog_bot_helpers import Shelf, new_category, new_customer, new_offer, open_shop

from core.auth.policy import Actor
from core.business.schemas import WeeklyHours
from core.customers.api import list_addresses
from core.orders.api import place_order, set_cart_quantity
from core.orders.schemas import CheckoutForm, OrderOut
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.schemas import OfferOut

_people = itertools.count(7_895_000_000)


def customer_id() -> int:
    return next(_people)


@dataclass(frozen=True)
class Fruit:
    """A shop (orders from 500 ₽, delivery 149 ₽) with apples at 189 ₽/kg (5 kg on hand) and
    pears at 100 ₽ a piece (10 on hand)."""

    shelf: Shelf
    apples: OfferOut
    pears: OfferOut

    @property
    def id(self) -> uuid.UUID:
        return self.shelf.id


async def fruit_shop(db: Database, hours: WeeklyHours | None = None) -> Fruit:
    shelf = await (open_shop(db) if hours is None else open_shop(db, hours=hours))
    category = await new_category(db)
    apples = await new_offer(
        db,
        shelf,
        category,
        weight=True,
        price=Money.rub(189),
        stock=5_000,
        name=("Яблоки Гала", "Gala apples"),
    )
    pears = await new_offer(db, shelf, category, stock=10, name=("Груши", "Pears"))
    return Fruit(shelf, apples, pears)


async def customer_of(db: Database, fruit: Fruit) -> int:
    """A customer whose default address ("Дом") is in the shop's zone."""
    return await new_customer(db, fruit.shelf.point, telegram_id=customer_id())


async def fill_cart(db: Database, customer: int, *items: tuple[OfferOut, int]) -> None:
    for offer, quantity in items:
        await set_cart_quantity(db, Actor(customer), customer, offer.id, quantity)


async def order_through_core(
    db: Database, fruit: Fruit, customer: int, *items: tuple[OfferOut, int]
) -> OrderOut:
    """Fill the cart and check out as soon as possible to the default address, cash."""
    await fill_cart(db, customer, *items)
    [address] = await list_addresses(db, Actor(customer), customer)
    form = CheckoutForm(shop_id=fruit.id, address_id=address.id, idempotency_key=uuid.uuid4().hex)
    return await place_order(db, Actor(customer), customer, form)
