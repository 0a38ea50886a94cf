"""Valid applications and shop forms for the business tests, each with a fresh INN."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from core.auth.policy import Actor
from core.business.schemas import (
    ApplicationOut,
    BusinessApplication,
    DayHours,
    ShopForm,
    ShopOut,
    TaxSystem,
    WeeklyHours,
)
from core.geo.api import radius_zone
from core.geo.schemas import Point, Zone
from core.shared.money import Money

_W10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_W11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_W12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
# The test database lives for the whole session: every INN must be new.
_serial = itertools.count(1)

MOSCOW_CENTRE = Point(55.7539, 37.6208)

NewPerson = Callable[..., Awaitable[int]]
ActorOf = Callable[[int], Awaitable[Actor]]
Events = Callable[[str], Awaitable[list[dict[str, Any]]]]


@dataclass(frozen=True)
class ApprovedShop:
    """An approved business's first shop and its owner (the applicant)."""

    application: ApplicationOut
    owner: Actor

    @property
    def shop(self) -> ShopOut:
        return self.application.shops[0]


def _check(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def company_inn() -> str:
    digits = [int(c) for c in f"77{next(_serial) % 10_000_000:07d}"]
    return "".join(map(str, [*digits, _check(digits, _W10)]))


def individual_inn() -> str:
    digits = [int(c) for c in f"50{next(_serial) % 100_000_000:08d}"]
    digits.append(_check(digits, _W11))
    digits.append(_check(digits, _W12))
    return "".join(map(str, digits))


def shop_form(
    point: Point = MOSCOW_CENTRE, zone: Zone | None = None, **changes: Any
) -> ShopForm:
    form = ShopForm(
        name="Фрукты у дома",
        address="Москва, ул. Тверская, 1",
        point=point,
        timezone="Europe/Moscow",
        hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
        zone=zone or radius_zone(point, 3_000),
        min_order=Money.rub(500),
        delivery_fee=Money.rub(99),
        assembly_minutes=20,
        description="Свежие фрукты с рынка каждый день",
    )
    return dataclasses.replace(form, **changes)


def application(shop: ShopForm | None = None, **changes: Any) -> BusinessApplication:
    app = BusinessApplication(
        legal_name='ООО "Сад и огород"',
        inn=company_inn(),
        tax_system=TaxSystem.USN_INCOME,
        phone="8 (912) 345-67-89",
        email="Owner@Sad-Ogorod.RU",
        shop=shop or shop_form(),
    )
    return dataclasses.replace(app, **changes)
