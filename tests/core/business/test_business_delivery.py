"""Which shops deliver to a point: active ones whose zone covers it, nearest first."""

from __future__ import annotations

import itertools

import pytest
from business_factories import ActorOf, ApprovedShop, NewPerson, application, shop_form

from core.auth.policy import Actor
from core.business.api import (
    apply,
    approve_application,
    delivers_to,
    pause_shop,
    resume_shop,
    shops_delivering_to,
    update_shop,
)
from core.business.schemas import ShopChanges
from core.geo.api import distance_m, radius_zone, zone_from_points
from core.geo.schemas import Point
from core.shared.uow import Database

# Each test gets its own patch of the tundra, so shops of other tests never cover its points.
_patches = itertools.count()


@pytest.fixture
def area() -> Point:
    n = next(_patches)
    return Point(66.0 + (n % 40) * 0.5, 60.0 + (n // 40) * 1.0)


async def open_shop(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, point: Point,
    **form: object,
) -> ApprovedShop:
    applicant = await actor_of(await new_person())
    applied = await apply(db, applicant, application(shop=shop_form(point=point, **form)))
    decided = await approve_application(db, admin, applied.business.id)
    return ApprovedShop(decided, await actor_of(applicant.telegram_id))


def north(point: Point, metres: float) -> Point:
    return Point(point.lat + metres / 111_195.08, point.lon)


async def test_radius_zone(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, area: Point
) -> None:
    shop = await open_shop(db, new_person, actor_of, admin, area,
                           zone=radius_zone(area, 2_000))
    inside, outside = north(area, 1_990), north(area, 2_010)
    assert [s.id for s in await shops_delivering_to(db, inside)] == [shop.shop.id]
    assert await delivers_to(db, inside)
    assert await shops_delivering_to(db, outside) == []
    assert not await delivers_to(db, outside)


async def test_polygon_zone_border_counts(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, area: Point
) -> None:
    lat, lon = area.lat, area.lon
    zone = zone_from_points([(lat, lon), (lat, lon + 0.1), (lat + 0.05, lon + 0.1),
                             (lat + 0.05, lon)])
    shop = await open_shop(db, new_person, actor_of, admin, area, zone=zone)
    on_border = Point(lat, lon + 0.05)
    assert [s.id for s in await shops_delivering_to(db, on_border)] == [shop.shop.id]
    assert await shops_delivering_to(db, Point(lat - 0.001, lon + 0.05)) == []


async def test_nearest_first_and_only_active(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, area: Point
) -> None:
    customer = north(area, 500)
    near = await open_shop(db, new_person, actor_of, admin, north(area, 800),
                           zone=radius_zone(north(area, 800), 3_000))
    far = await open_shop(db, new_person, actor_of, admin, area,
                          zone=radius_zone(area, 3_000))
    found = await shops_delivering_to(db, customer)
    assert [s.id for s in found] == [near.shop.id, far.shop.id]
    assert distance_m(found[0].point, customer) < distance_m(found[1].point, customer)

    await pause_shop(db, near.owner, near.shop.id)
    assert [s.id for s in await shops_delivering_to(db, customer)] == [far.shop.id]
    await resume_shop(db, near.owner, near.shop.id)
    assert len(await shops_delivering_to(db, customer)) == 2


async def test_shops_under_review_do_not_deliver(
    db: Database, new_person: NewPerson, actor_of: ActorOf, area: Point
) -> None:
    applicant = await actor_of(await new_person())
    await apply(db, applicant, application(shop=shop_form(point=area)))
    assert not await delivers_to(db, area)


async def test_a_changed_zone_changes_the_answer(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor, area: Point
) -> None:
    shop = await open_shop(db, new_person, actor_of, admin, area, zone=radius_zone(area, 1_000))
    customer = north(area, 5_000)
    assert not await delivers_to(db, customer)
    await update_shop(db, shop.owner, shop.shop.id,
                      ShopChanges(zone=radius_zone(area, 6_000)))
    assert await delivers_to(db, customer)
