"""Shops, categories, offers and customers for the customer bot's catalog and cart tests (bot and
e2e). Every shop gets a place of its own in the Urals, far from the demo shops (Moscow) and from
the catalog tests' shops (around Vladivostok), so one customer sees only the test's own shops."""

from __future__ import annotations

import dataclasses
import itertools
import random
from dataclasses import dataclass
from datetime import time
from uuid import UUID

from core.auth.api import remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business.api import add_shop, apply, approve_application, approve_shop, submit_shop
from core.business.schemas import (
    BusinessApplication,
    DayHours,
    ShopForm,
    ShopOut,
    TaxSystem,
    WeeklyHours,
)
from core.catalog.api import create_category, create_product
from core.catalog.schemas import CategoryForm, CategoryOut, ProductForm, Unit
from core.customers.api import add_address
from core.customers.schemas import AddressInput
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.inventory.api import set_stock
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm, OfferOut

_people = itertools.count(7_850_000_000)  # this folder's range for the catalog tests
_serial = itertools.count(1)
_random = random.Random()

ADMIN = Actor(7_849_999_999, platform_roles=frozenset({Role.ADMIN}))
DAYTIME = WeeklyHours.every_day(DayHours(time(9), time(21)))  # Moscow time
ROUND_THE_CLOCK = WeeklyHours.every_day(DayHours(time(0), time(0)))
HUNDRED = Money.rub(100)
_business_id: UUID | None = None


@dataclass(frozen=True)
class Shelf:
    """A shop taking orders, its owner, and a point inside its zone."""

    shop: ShopOut
    owner: Actor
    point: Point

    @property
    def id(self) -> UUID:
        return self.shop.id


def person_id() -> int:
    return next(_people)


def place() -> Point:
    """A point kilometres away from every other test's."""
    n = next(_serial)
    return Point(51.0 + (n % 300) * 0.05, 58.0 + (n // 300) * 0.1)


def _company_inn() -> str:
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    digits = [7] + [_random.randrange(10) for _ in range(8)]
    check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


async def open_shop(
    db: Database,
    point: Point | None = None,
    *,
    name: str | None = None,
    hours: WeeklyHours = DAYTIME,
) -> Shelf:
    """An approved, active shop delivering 1 km around ``point``: orders from 500 ₽, delivery
    149 ₽."""
    global _business_id
    where = point or place()
    form = ShopForm(
        name=name or f"Лавка №{next(_serial)}",
        address="Екатеринбург, ул. Ленина, 1",
        point=where,
        timezone="Europe/Moscow",
        hours=hours,
        zone=radius_zone(where, 1_000),
        min_order=Money.rub(500),
        delivery_fee=Money.rub(149),
        assembly_minutes=15,
    )
    if _business_id is None:
        applicant = person_id()
        await remember_user(db, TelegramProfile(applicant, "Игорь"))
        applied = await apply(
            db,
            Actor(applicant),
            BusinessApplication(
                legal_name='ООО "Урожай"',
                inn=_company_inn(),
                tax_system=TaxSystem.USN_INCOME,
                phone="+79123456780",
                email="shop@urozhai.example",
                shop=form,
            ),
        )
        decided = await approve_application(db, ADMIN, applied.business.id)
        _business_id, shop = decided.business.id, decided.shops[0]
    else:
        draft = await add_shop(db, ADMIN, _business_id, form)
        await submit_shop(db, ADMIN, draft.id)
        shop = await approve_shop(db, ADMIN, draft.id)
    return Shelf(shop, Actor(person_id(), shops={shop.id: Role.OWNER}), where)


async def new_category(
    db: Database, parent: CategoryOut | None = None, *, emoji: str = "🍎"
) -> CategoryOut:
    n = next(_serial)
    return await create_category(
        db,
        ADMIN,
        CategoryForm(
            slug=f"bot-catalog-{n}-{_random.randrange(10**6)}",
            name_ru=f"Фрукты {n}",
            name_en=f"Fruit {n}",
            parent_id=parent.id if parent else None,
            emoji=emoji,
        ),
    )


async def new_offer(
    db: Database,
    shelf: Shelf,
    category: CategoryOut,
    *,
    weight: bool = False,
    price: Money = HUNDRED,
    old_price: Money | None = None,
    stock: int = 10,
    position: int = 0,
    name: tuple[str, str] | None = None,
    photos: tuple[str, ...] = (),
) -> OfferOut:
    """An offer of a new product of the shop's own: by weight (100 g steps) or by the piece."""
    n = next(_serial)
    name_ru, name_en = name or (f"Товар {n}", f"Product {n}")
    form = ProductForm(
        category_id=category.id,
        name_ru=name_ru,
        name_en=name_en,
        unit=Unit.WEIGHT if weight else Unit.PIECE,
        step_grams=100 if weight else None,
        description_ru="Свежий урожай.",
        description_en="Freshly harvested.",
        photos=photos,
    )
    product = await create_product(db, shelf.owner, form, shop_id=shelf.id)
    made = await create_offer(
        db,
        shelf.owner,
        shelf.id,
        OfferForm(product.id, price, old_price=old_price, position=position),
    )
    if stock:
        await set_stock(db, shelf.owner, made.id, stock)
    return made


async def new_customer(
    db: Database, point: Point | None, *, telegram_id: int | None = None, text: str = "Дом"
) -> int:
    """A customer whose default address is at ``point`` (None: no address at all)."""
    customer_id = telegram_id or person_id()
    await remember_user(db, TelegramProfile(customer_id, "Анна"))
    if point is not None:
        await add_address(
            db,
            Actor(customer_id),
            customer_id,
            dataclasses.replace(AddressInput(text=text), latitude=point.lat, longitude=point.lon),
        )
    return customer_id
