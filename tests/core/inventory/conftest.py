"""The inventory tests' world: an approved shop whose owner offers new products on demand."""

from __future__ import annotations

import random
import uuid
from datetime import time

import pytest
from inventory_world import Offer, World, person_id

from core.auth.api import ensure_admins, load_actor, remember_user
from core.auth.schemas import TelegramProfile
from core.business.api import apply, approve_application
from core.business.schemas import BusinessApplication, DayHours, ShopForm, TaxSystem, WeeklyHours
from core.catalog.api import create_category, create_product
from core.catalog.schemas import CategoryForm, ProductForm, Unit
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import create_offer
from core.storefront.schemas import OfferForm

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def _company_inn() -> str:
    # A random company INN with a valid check digit; the session database keeps every INN.
    digits = [7, 9, *(random.randrange(10) for _ in range(7))]  # noqa: S311
    check = sum(d * w for d, w in zip(digits, _W10, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


def _application() -> BusinessApplication:
    point = Point(55.7539, 37.6208)
    return BusinessApplication(
        legal_name='ООО "Склад у дома"',
        inn=_company_inn(),
        tax_system=TaxSystem.USN_INCOME,
        phone="8 (912) 345-67-89",
        email="stock@example.ru",
        shop=ShopForm(
            name="Склад у дома",
            address="Москва, ул. Тверская, 1",
            point=point,
            timezone="Europe/Moscow",
            hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
            zone=radius_zone(point, 3_000),
            min_order=Money.rub(500),
            delivery_fee=Money.rub(99),
            assembly_minutes=20,
        ),
    )


async def _person(db: Database, name: str) -> int:
    telegram_id = person_id()
    await remember_user(db, TelegramProfile(telegram_id, name))
    return telegram_id


@pytest.fixture
async def world(db: Database) -> World:
    admin_id = await _person(db, "Админ")
    await ensure_admins(db, [admin_id])
    admin = await load_actor(db, admin_id)
    owner_id = await _person(db, "Ольга")
    applied = await apply(db, await load_actor(db, owner_id), _application())
    await approve_application(db, admin, applied.business.id)
    owner = await load_actor(db, owner_id)
    shop_id = applied.shops[0].id
    category = await create_category(
        db, admin, CategoryForm(f"stock-{uuid.uuid4().hex[:12]}", "Фрукты", "Fruit")
    )

    async def make_offer(*, step_grams: int | None = None) -> Offer:
        unit = Unit.PIECE if step_grams is None else Unit.WEIGHT
        product = await create_product(
            db, admin, ProductForm(category.id, "Яблоко", "Apple", unit, step_grams=step_grams)
        )
        offer = await create_offer(db, owner, shop_id, OfferForm(product.id, Money.rub(120)))
        return Offer(offer.id, shop_id, offer.min_quantity)

    return World(db, shop_id, owner, admin, make_offer)
