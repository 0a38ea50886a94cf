"""Shops, people, categories and product forms for the catalog tests.

Every shop gets a fresh INN and a place of its own far from Moscow (where the demo shops are),
so tests sharing the session's database never see each other's shops at their points.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from dataclasses import dataclass
from datetime import time
from typing import Any
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
from core.catalog.api import create_category
from core.catalog.schemas import CategoryForm, CategoryOut, ProductForm, Unit
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.money import Money
from core.shared.uow import Database

_people = itertools.count(7_800_000_000)  # a range no other test folder uses
_serial = itertools.count(1)
_random = random.Random()

ADMIN = Actor(7_299_999_999, platform_roles=frozenset({Role.ADMIN}))
# The business whose shops these tests open; one per test session (and database).
_business_id: UUID | None = None


@dataclass(frozen=True)
class SellerShop:
    shop: ShopOut
    owner: Actor
    point: Point  # inside the shop's zone

    @property
    def id(self) -> UUID:
        return self.shop.id

    def staff(self, role: Role) -> Actor:
        """A new person holding ``role`` in this shop."""
        return Actor(next(_people), shops={self.shop.id: role})


def person() -> Actor:
    """A customer with no roles."""
    return Actor(next(_people))


def serial() -> int:
    return next(_serial)


def _company_inn() -> str:
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    digits = [4] + [_random.randrange(10) for _ in range(8)]
    check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return "".join(map(str, [*digits, check]))


def ean13(body: int | None = None) -> str:
    """A valid EAN-13 barcode, random unless ``body`` (its first 12 digits) is given."""
    first12 = f"{body if body is not None else _random.randrange(10**11, 10**12):012d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def far_point() -> Point:
    """A place of its own, kilometres from any other test's (around Vladivostok)."""
    n = serial()
    return Point(42.0 + (n % 400) * 0.05, 131.0 + (n // 400) * 0.1)


async def open_shop(db: Database, point: Point | None = None, radius_m: int = 1_000) -> SellerShop:
    """An approved, active shop open 09:00–21:00 Moscow time, delivering ``radius_m`` around
    ``point``, and an owner of it (who owns no other shop)."""
    global _business_id
    where = point or far_point()
    form = ShopForm(
        name=f"Овощная лавка №{serial()}",
        address="Владивосток, ул. Светланская, 1",
        point=where,
        timezone="Europe/Moscow",
        hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
        zone=radius_zone(where, radius_m),
        min_order=Money.rub(300),
        delivery_fee=Money.rub(99),
        assembly_minutes=15,
    )
    if _business_id is None:
        applicant = next(_people)
        await remember_user(db, TelegramProfile(applicant, "Игорь"))
        applied = await apply(db, Actor(applicant), BusinessApplication(
            legal_name='ООО "Грядка"', inn=_company_inn(), tax_system=TaxSystem.USN_INCOME,
            phone="+79123456789", email="shop@gryadka.example", shop=form,
        ))
        decided = await approve_application(db, ADMIN, applied.business.id)
        _business_id, shop = decided.business.id, decided.shops[0]
    else:
        # More shops of the one business: each application would tell every admin in the
        # session's database, and the communications tests send all of that.
        draft = await add_shop(db, ADMIN, _business_id, form)
        await submit_shop(db, ADMIN, draft.id)
        shop = await approve_shop(db, ADMIN, draft.id)
    return SellerShop(shop, Actor(next(_people), shops={shop.id: Role.OWNER}), where)


async def new_category(
    db: Database, parent: CategoryOut | None = None, position: int = 0, **changes: Any
) -> CategoryOut:
    n = serial()
    form = CategoryForm(
        slug=f"test-{n}-{_random.randrange(10**6)}",
        name_ru=f"Категория {n}",
        name_en=f"Category {n}",
        parent_id=parent.id if parent else None,
        emoji="🍏",
        position=position,
    )
    return await create_category(db, ADMIN, dataclasses.replace(form, **changes))


def weight_form(category_id: UUID, **changes: Any) -> ProductForm:
    """Apples by weight: 100 g steps, about 180 g each."""
    n = serial()
    form = ProductForm(
        category_id=category_id,
        name_ru=f"Сорт {n} весовой",
        name_en=f"Variety {n} by weight",
        unit=Unit.WEIGHT,
        step_grams=100,
        piece_grams=180,
        description_ru="Для проверки каталога.",
        description_en="For testing the catalog.",
    )
    return dataclasses.replace(form, **changes)


def piece_form(category_id: UUID, **changes: Any) -> ProductForm:
    """A bunch of greens, sold by the piece."""
    n = serial()
    form = ProductForm(
        category_id=category_id,
        name_ru=f"Пучок {n}",
        name_en=f"Bunch {n}",
        unit=Unit.PIECE,
        piece_grams=50,
    )
    return dataclasses.replace(form, **changes)
