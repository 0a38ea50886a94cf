"""Running a shop: pause and resume, settings and profile, more shops of an approved business."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from business_factories import ActorOf, ApprovedShop, Events, application, shop_form

from core.auth.policy import Actor, Role
from core.business.api import (
    accepting_orders,
    add_shop,
    apply,
    approve_application,
    approve_shop,
    get_business,
    get_shop,
    my_shops,
    pause_shop,
    reject_shop,
    resume_shop,
    set_shop_description,
    set_shop_logo,
    submit_shop,
    update_shop,
)
from core.business.errors import (
    BusinessNotApproved,
    InvalidLogo,
    InvalidText,
    InvalidTimezone,
    ShopNotFound,
    ShopStatusConflict,
)
from core.business.schemas import DayHours, ShopChanges, ShopStatus, WeeklyHours
from core.geo.api import radius_zone, zone_from_points
from core.geo.schemas import Point
from core.shared.clock import FrozenClock
from core.shared.money import Money
from core.shared.uow import Database

FILE_ID = "AgACAgIAAxkBAAIBY2ZfruitLogo_123-abc"


async def test_pause_and_resume(
    db: Database, approved: ApprovedShop, clock: FrozenClock, events: Events
) -> None:
    shop_id = approved.shop.id
    clock.advance(timedelta(minutes=5))
    paused = await pause_shop(db, approved.owner, shop_id)
    assert paused.status is ShopStatus.PAUSED
    assert (await get_shop(db, shop_id)).status is ShopStatus.PAUSED
    # A double tap changes nothing and tells nobody twice.
    assert await pause_shop(db, approved.owner, shop_id) == paused
    resumed = await resume_shop(db, approved.owner, shop_id)
    assert resumed.status is ShopStatus.ACTIVE
    assert await resume_shop(db, approved.owner, shop_id) == resumed

    mine = str(shop_id)
    assert [p for p in await events("business.shop_paused") if p["shop_id"] == mine] == [
        {"shop_id": mine, "paused_by": approved.owner.telegram_id}
    ]
    assert [p for p in await events("business.shop_resumed") if p["shop_id"] == mine] == [
        {"shop_id": mine, "resumed_by": approved.owner.telegram_id}
    ]


async def test_accepting_orders_needs_active_and_open(
    db: Database, approved: ApprovedShop
) -> None:
    # 09:00–21:00 Moscow every day; 12:00 Moscow is 09:00 UTC.
    noon = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    night = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)
    assert accepting_orders(approved.shop, noon)
    assert not accepting_orders(approved.shop, night)
    paused = await pause_shop(db, approved.owner, approved.shop.id)
    assert not accepting_orders(paused, noon)


async def test_a_shop_under_review_cannot_be_paused(
    db: Database, applicant: Actor, admin: Actor
) -> None:
    applied = await apply(db, applicant, application())
    with pytest.raises(ShopStatusConflict) as caught:
        await pause_shop(db, admin, applied.shops[0].id)
    assert caught.value.params == {"status": "pending_approval", "action": "pause"}


async def test_unknown_shop(db: Database, admin: Actor) -> None:
    with pytest.raises(ShopNotFound):
        await get_shop(db, uuid.uuid4())
    with pytest.raises(ShopNotFound):
        await pause_shop(db, admin, uuid.uuid4())


async def test_update_settings(
    db: Database, approved: ApprovedShop, clock: FrozenClock, events: Events
) -> None:
    clock.advance(timedelta(days=1))
    hours = WeeklyHours.of(mon=DayHours(time(8), time(23)), sat=DayHours(time(10), time(2)))
    zone = zone_from_points([(55.70, 37.55), (55.80, 37.55), (55.80, 37.70)])
    updated = await update_shop(db, approved.owner, approved.shop.id, ShopChanges(
        name="  Фрукты 24  ", hours=hours, zone=zone, min_order=Money.rub(700),
        delivery_fee=Money.zero(), assembly_minutes=15, timezone="Europe/Samara",
    ))
    assert (updated.name, updated.hours, updated.zone, updated.timezone) == (
        "Фрукты 24", hours, zone, "Europe/Samara"
    )
    assert (updated.min_order, updated.delivery_fee, updated.assembly_minutes) == (
        Money.rub(700), Money.zero(), 15
    )
    assert updated.updated_at == clock.now()
    assert updated.address == approved.shop.address  # untouched
    assert await get_shop(db, approved.shop.id) == updated
    [event] = [p for p in await events("business.shop_updated")
               if p["shop_id"] == str(approved.shop.id)]
    assert event["fields"] == sorted([
        "assembly_minutes", "delivery_fee_minor", "hours", "min_order_minor", "name",
        "timezone", "zone", "zone_max_lat", "zone_max_lon", "zone_min_lat", "zone_min_lon",
    ])


async def test_an_update_that_changes_nothing_is_quiet(
    db: Database, approved: ApprovedShop, events: Events
) -> None:
    same = await update_shop(db, approved.owner, approved.shop.id, ShopChanges(
        name=approved.shop.name, min_order=approved.shop.min_order
    ))
    assert same == approved.shop
    assert [p for p in await events("business.shop_updated")
            if p["shop_id"] == str(approved.shop.id)] == []


async def test_bad_settings_are_refused(db: Database, approved: ApprovedShop) -> None:
    with pytest.raises(InvalidTimezone):
        await update_shop(db, approved.owner, approved.shop.id,
                          ShopChanges(timezone="Europe/Atlantis"))
    with pytest.raises(InvalidText):
        await update_shop(db, approved.owner, approved.shop.id, ShopChanges(name="x" * 101))
    assert await get_shop(db, approved.shop.id) == approved.shop


async def test_logo_and_description(db: Database, approved: ApprovedShop) -> None:
    shop_id = approved.shop.id
    assert (await set_shop_logo(db, approved.owner, shop_id, FILE_ID)).logo == FILE_ID
    url = "https://cdn.example.ru/logo.png"
    assert (await set_shop_logo(db, approved.owner, shop_id, url)).logo == url
    for bad in ("http://cdn.example.ru/logo.png", "not a file id", "https://a b"):
        with pytest.raises(InvalidLogo):
            await set_shop_logo(db, approved.owner, shop_id, bad)
    assert (await set_shop_logo(db, approved.owner, shop_id, None)).logo is None

    text = "Фермерские овощи и фрукты. Доставка за час."
    assert (await set_shop_description(db, approved.owner, shop_id, text)).description == text
    with pytest.raises(InvalidText):
        await set_shop_description(db, approved.owner, shop_id, "ы" * 2001)
    assert (await set_shop_description(db, approved.owner, shop_id, "  ")).description is None


async def test_one_more_shop_goes_draft_review_active(
    db: Database, approved: ApprovedShop, admin: Actor, actor_of: ActorOf, events: Events
) -> None:
    business_id = approved.application.business.id
    draft = await add_shop(db, approved.owner, business_id,
                           shop_form(name="Фрукты на Арбате", address="Москва, Арбат, 10"))
    assert draft.status is ShopStatus.DRAFT
    owner = await actor_of(approved.owner.telegram_id)
    assert owner.role_in(draft.id) is Role.OWNER
    # The owner may still edit the draft.
    edited = await update_shop(db, owner, draft.id, ShopChanges(assembly_minutes=30))
    assert edited.assembly_minutes == 30

    submitted = await submit_shop(db, owner, draft.id)
    assert submitted.status is ShopStatus.PENDING_APPROVAL
    with pytest.raises(ShopStatusConflict):
        await pause_shop(db, owner, draft.id)
    active = await approve_shop(db, admin, draft.id)
    assert active.status is ShopStatus.ACTIVE
    assert [s.id for s in await my_shops(db, owner)] == sorted(
        [approved.shop.id, draft.id],
        key=lambda i: {approved.shop.id: approved.shop.name, draft.id: draft.name}[i],
    )
    assert [p["shop_id"] for p in await events("business.shop_submitted")
            if p["business_id"] == str(business_id)] == [str(draft.id)]
    assert [p["shop_id"] for p in await events("business.shop_approved")
            if p["business_id"] == str(business_id)] == [str(draft.id)]
    assert len((await get_business(db, owner, business_id)).shops) == 2


async def test_a_new_shop_can_be_rejected(
    db: Database, approved: ApprovedShop, admin: Actor, actor_of: ActorOf
) -> None:
    draft = await add_shop(db, approved.owner, approved.application.business.id, shop_form())
    owner = await actor_of(approved.owner.telegram_id)
    await submit_shop(db, owner, draft.id)
    rejected = await reject_shop(db, admin, draft.id, "Адрес вне города")
    assert (rejected.status, rejected.rejection_reason) == (
        ShopStatus.REJECTED, "Адрес вне города"
    )
    with pytest.raises(ShopStatusConflict) as caught:
        await update_shop(db, owner, draft.id, ShopChanges(name="Другое имя"))
    assert caught.value.params == {"status": "rejected", "action": "update"}


async def test_no_shops_for_a_business_under_review(
    db: Database, applicant: Actor, admin: Actor
) -> None:
    applied = await apply(db, applicant, application())
    with pytest.raises(BusinessNotApproved):
        await add_shop(db, admin, applied.business.id, shop_form())
    # Its first shop is decided with the application, not on its own.
    with pytest.raises(BusinessNotApproved):
        await approve_shop(db, admin, applied.shops[0].id)
    decided = await approve_application(db, admin, applied.business.id)
    assert decided.shops[0].status is ShopStatus.ACTIVE


async def test_an_admin_adding_a_shop_makes_the_applicant_its_owner(
    db: Database, approved: ApprovedShop, admin: Actor, actor_of: ActorOf
) -> None:
    shop = await add_shop(db, admin, approved.application.business.id,
                          shop_form(zone=radius_zone(Point(55.6, 37.5), 5_000)))
    assert (await actor_of(approved.owner.telegram_id)).role_in(shop.id) is Role.OWNER
    assert admin.role_in(shop.id) is None
