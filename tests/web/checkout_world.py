"""Customers who check out, for the checkout API and page tests: a default address just inside a
shop's zone, more addresses where wanted, and a cart worth more than the shop's minimum
(built on the storefront tests' shops and offers)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from uuid import UUID

from storefront_world import SellerShop, offer

from core.auth.api import remember_user
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.catalog.schemas import CategoryOut
from core.customers.api import add_address
from core.customers.schemas import AddressInput
from core.geo.schemas import Point
from core.orders.api import set_cart_quantity
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.schemas import OfferOut

_ids = itertools.count(7_897_000_000)  # the checkout tests' own Telegram ids


@dataclass(frozen=True)
class Shopper:
    actor: Actor
    address_id: UUID

    @property
    def telegram_id(self) -> int:
        return self.actor.telegram_id


@dataclass(frozen=True)
class Basket:
    """1 kg of apples at 200 ₽/kg and 2 loaves at 60 ₽: 320 ₽, over the 300 ₽ minimum."""

    apples: OfferOut
    bread: OfferOut


def north_of(point: Point, metres: int) -> Point:
    """A point ``metres`` north of ``point``."""
    return Point(point.lat + metres / 111_195, point.lon)


async def shopper(db: Database, shop: SellerShop, *, name: str = "Мария") -> Shopper:
    """A new customer whose default address is 300 m north of the shop."""
    telegram_id = next(_ids)
    await remember_user(db, TelegramProfile(telegram_id, name))
    actor = Actor(telegram_id)
    home = north_of(shop.shop.point, 300)
    saved = await add_address(
        db,
        actor,
        telegram_id,
        AddressInput(
            latitude=home.lat,
            longitude=home.lon,
            text="ул. Алеутская, 12",
            entrance="1",
            floor=4,
            apartment="17",
        ),
    )
    return Shopper(actor, saved.address.id)


async def another_address(db: Database, who: Shopper, at: Point, text: str) -> UUID:
    """One more saved address of ``who``."""
    saved = await add_address(
        db, who.actor, who.telegram_id, AddressInput(latitude=at.lat, longitude=at.lon, text=text)
    )
    return saved.address.id


async def basket(db: Database, shop: SellerShop, category: CategoryOut) -> Basket:
    """The shop's apples (by weight) and bread (by the piece), in stock."""
    apples = await offer(
        db,
        shop,
        category,
        weight=True,
        price=Money.rub(200),
        stock=5_000,
        name_ru="Яблоки Симиренко",
        name_en="Granny Smith apples",
    )
    bread = await offer(
        db, shop, category, price=Money.rub(60), stock=10, name_ru="Хлеб", name_en="Bread"
    )
    return Basket(apples, bread)


async def fill(db: Database, who: Shopper, goods: Basket) -> None:
    """Put 1 kg of apples and 2 loaves into ``who``'s cart."""
    await set_cart_quantity(db, who.actor, who.telegram_id, goods.apples.id, 1_000)
    await set_cart_quantity(db, who.actor, who.telegram_id, goods.bread.id, 2)
