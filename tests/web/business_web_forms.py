"""Seller applications as the Mini App sends them, valid INNs, and approved shops for the web
tests of the business endpoints and pages."""

from __future__ import annotations

import itertools
from datetime import time
from typing import Any
from uuid import UUID

from core.auth.api import ensure_admins, load_actor, remember_user
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.business.api import apply, approve_application
from core.business.schemas import (
    ApplicationOut,
    BusinessApplication,
    DayHours,
    ShopForm,
    TaxSystem,
    WeeklyHours,
)
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.money import Money
from core.shared.uow import Database

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
# The database lives for the whole test session and an INN is registered once: a region code
# no other test module uses, and a serial.
_serial = itertools.count(1)
MOSCOW = Point(55.7539, 37.6208)


def _check(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def company_inn() -> str:
    """A fresh 10-digit INN with a right check digit."""
    digits = [int(c) for c in f"36{next(_serial):07d}"]
    return "".join(map(str, [*digits, _check(digits, _W10)]))


def individual_inn() -> str:
    """A fresh 12-digit INN with right check digits."""
    digits = [int(c) for c in f"37{next(_serial):08d}"]
    digits.append(_check(digits, _W11))
    digits.append(_check(digits, _W12))
    return "".join(map(str, digits))


def wrong_inn() -> str:
    """Ten digits whose check digit is off by one."""
    good = company_inn()
    return good[:-1] + str((int(good[-1]) + 1) % 10)


def every_day(opens: str = "09:00", closes: str = "21:00") -> dict[str, Any]:
    return {day: {"opens": opens, "closes": closes, "breaks": []}
            for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def shop_json(**changes: Any) -> dict[str, Any]:
    """The first shop as the application form sends it."""
    shop: dict[str, Any] = {
        "name": "Фрукты на Тверской",
        "address": "Москва, ул. Тверская, 1",
        "lat": "55,7539",
        "lon": "37.6208",
        "timezone": "Europe/Moscow",
        "hours": every_day(),
        "zone": {"kind": "radius", "radius_km": "2,5"},
        "min_order": "500",
        "delivery_fee": "99,90",
        "assembly_minutes": "20",
    }
    shop.update(changes)
    return shop


def application_json(shop: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """A valid application body with a fresh INN."""
    body: dict[str, Any] = {
        "legal_name": 'ООО "Сад и огород"',
        "inn": company_inn(),
        "tax_system": "usn_income",
        "phone": "8 (912) 345-67-89",
        "email": "owner@sad-ogorod.ru",
        "shop": shop or shop_json(),
    }
    body.update(changes)
    return body


def application(name: str = "Лавка у дома") -> BusinessApplication:
    """A valid application as core takes it, for setting up shops directly."""
    return BusinessApplication(
        legal_name=f"ИП {name}", inn=individual_inn(), tax_system=TaxSystem.NPD,
        phone="+79123456789", email="shop@example.ru",
        shop=ShopForm(
            name=name, address="Москва, ул. Тверская, 7", point=MOSCOW,
            timezone="Europe/Moscow", hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
            zone=radius_zone(MOSCOW, 3_000), min_order=Money.rub(300),
            delivery_fee=Money.rub(150), assembly_minutes=15,
        ),
    )


async def person(db: Database, telegram_id: int, first_name: str = "Анна") -> Actor:
    """Someone who has talked to a bot."""
    await remember_user(db, TelegramProfile(telegram_id, first_name))
    return await load_actor(db, telegram_id)


async def admin(db: Database, telegram_id: int) -> Actor:
    """A platform admin."""
    await remember_user(db, TelegramProfile(telegram_id, "Админ"))
    await ensure_admins(db, [telegram_id])
    return await load_actor(db, telegram_id)


async def applied(db: Database, telegram_id: int, name: str = "Лавка у дома") -> ApplicationOut:
    """A pending application by a new person."""
    return await apply(db, await person(db, telegram_id, "Ольга"), application(name))


async def approved_shop(db: Database, reviewer: Actor, owner_id: int,
                        name: str = "Лавка у дома") -> UUID:
    """An active shop owned by ``owner_id``; its id."""
    pending = await applied(db, owner_id, name)
    decided = await approve_application(db, reviewer, pending.business.id)
    return decided.shops[0].id
