"""Saving an address says whether a shop delivers there: a warning, never a refusal."""

from __future__ import annotations

import itertools
import random
from datetime import time

from core.auth.api import remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.business import api as business
from core.business.schemas import BusinessApplication, DayHours, ShopForm, TaxSystem, WeeklyHours
from core.customers import api
from core.customers.schemas import AddressInput, DeliveryCoverage
from core.geo.api import radius_zone
from core.geo.schemas import Point
from core.shared.money import Money
from core.shared.uow import Database

# Bouvet Island: no other test opens a shop there, and nobody lives there to order fruit.
ISLAND = Point(-54.42, 3.36)
_sellers = itertools.count(6_280_000_000)
_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def _fresh_inn() -> str:
    """A valid 10-digit INN no other test has used (an INN belongs to one live business)."""
    digits = [random.randint(1, 9), *(random.randint(0, 9) for _ in range(8))]
    check = sum(d * w for d, w in zip(digits, _INN_WEIGHTS, strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


async def _open_shop_at(db: Database, point: Point, radius_m: int) -> None:
    seller = next(_sellers)
    await remember_user(db, TelegramProfile(seller, "Пётр"))
    form = ShopForm(
        name="Фрукты у моря", address="Остров Буве, 1", point=point, timezone="UTC",
        hours=WeeklyHours.every_day(DayHours(time(9), time(21))),
        zone=radius_zone(point, radius_m), min_order=Money.rub(500),
        delivery_fee=Money.rub(99), assembly_minutes=20,
    )
    application = await business.apply(db, Actor(seller), BusinessApplication(
        legal_name="ООО «Буве»", inn=_fresh_inn(), tax_system=TaxSystem.OSN,
        phone="+79161234567", email="shop@example.com", shop=form,
    ))
    admin = Actor(next(_sellers), platform_roles=frozenset({Role.ADMIN}))
    await business.approve_application(db, admin, application.business.id)


async def test_a_point_no_shop_serves_is_saved_with_a_warning(
    db: Database, customer_id: int
) -> None:
    me = Actor(customer_id)
    saved = await api.add_address(db, me, customer_id,
                                  AddressInput(latitude=0.0, longitude=-150.0))
    assert saved.coverage is DeliveryCoverage.NOT_COVERED
    assert await api.list_addresses(db, me, customer_id) == [saved.address]


async def test_a_point_inside_a_shops_zone_is_covered(db: Database, customer_id: int) -> None:
    await _open_shop_at(db, ISLAND, radius_m=3_000)
    me = Actor(customer_id)
    near = await api.add_address(db, me, customer_id,
                                  AddressInput(latitude=-54.43, longitude=3.37))
    far = await api.add_address(db, me, customer_id,
                                AddressInput(latitude=-54.0, longitude=3.36))
    assert near.coverage is DeliveryCoverage.COVERED
    assert far.coverage is DeliveryCoverage.NOT_COVERED
    # Editing re-checks: moving the point into the zone clears the warning.
    moved = await api.update_address(db, me, far.address.id,
                                     AddressInput(latitude=-54.42, longitude=3.36))
    assert moved.coverage is DeliveryCoverage.COVERED


async def test_typed_text_alone_cannot_be_placed(db: Database, customer_id: int) -> None:
    me = Actor(customer_id)
    saved = await api.add_address(db, me, customer_id, AddressInput(text="Остров Буве"))
    assert saved.coverage is DeliveryCoverage.UNKNOWN
