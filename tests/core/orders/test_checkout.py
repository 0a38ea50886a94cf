"""Checkout: a cart becomes an order in one transaction, or nothing happens at all."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from catalog_factories import SellerShop
from order_flow_helpers import (
    buyer,
    event_count,
    fill,
    form,
    held,
    offer,
    order_of,
    stock_of,
)

from core.auth.errors import PermissionDenied
from core.business.api import pause_shop
from core.catalog.schemas import CategoryOut
from core.customers.api import add_address
from core.customers.schemas import AddressInput
from core.inventory.api import set_stock
from core.orders.api import (
    accept_cart_changes,
    cancel_order,
    confirm_payment,
    delivery_slots,
    expire_unpaid_orders,
    get_cart,
    get_order,
    my_orders,
    order_history,
    place_order,
    travel_minutes,
)
from core.orders.errors import (
    AddressNotDeliverable,
    AddressWithoutPoint,
    BelowMinimumOrder,
    CartEmpty,
    CartNeedsAttention,
    CheckoutInvalid,
    ShopNotAccepting,
    SlotUnavailable,
)
from core.orders.schemas import (
    CancelReason,
    DeliveryKind,
    DeliverySlot,
    LineStatus,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    SubstitutionPreference,
)
from core.shared.clock import FrozenClock
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import set_price


async def test_pieces_and_weight_become_an_order_with_honest_totals(
    db: Database, shop: SellerShop, category: CategoryOut, clock: FrozenClock
) -> None:
    vera = await buyer(db, shop)
    pears = await offer(db, shop, category, price=Money.rub(45))
    apples = await offer(db, shop, category, weight=True, price=Money.rub(189), stock=5_000)
    await fill(db, vera, (pears, 4), (apples, 1_200))

    placed = await place_order(
        db,
        vera.actor,
        vera.id,
        form(
            shop,
            vera,
            comment="  позвоните за 10 минут  ",
            substitutions={apples.id: SubstitutionPreference.REPLACE},
        ),
    )

    # 4 × 45 ₽ + 1200 g at 189 ₽/kg = 180 + 226,80; delivery 99 ₽.
    assert placed.subtotal == Money(18_000 + 22_680)
    assert placed.delivery_fee == Money.rub(99)
    assert placed.total == Money(18_000 + 22_680 + 9_900)
    assert placed.estimated
    assert placed.final_total is None
    assert placed.status is OrderStatus.PLACED
    assert placed.payment_status is PaymentStatus.NONE
    assert placed.number >= 1001
    assert placed.comment == "позвоните за 10 минут"
    assert placed.address.entrance == "2"
    assert placed.address.latitude == pytest.approx(vera.point.lat)
    assert [
        (line.offer_id, line.quantity, line.status, line.substitution) for line in placed.lines
    ] == [
        (pears.id, 4, LineStatus.PLANNED, SubstitutionPreference.CALL),
        (apples.id, 1_200, LineStatus.PLANNED, SubstitutionPreference.REPLACE),
    ]
    assert [line.total for line in placed.lines] == [Money(18_000), Money(22_680)]
    # About 500 m away: 500 × 1.3 / 250 m a minute is 2.6, so 3 minutes on top of assembly.
    assert travel_minutes(shop.shop.point, vera.point) == 3
    assert placed.delivery_kind is DeliveryKind.ASAP
    assert placed.promised_at == clock.now() + timedelta(minutes=15 + 3)

    assert await held(db, placed.id) == {pears.id: ("reserved", 4), apples.id: ("reserved", 1_200)}
    assert (await stock_of(db, shop, apples)).available == 3_800
    assert (await get_cart(db, vera.actor, vera.id, shop.id)).lines == ()
    history = await order_history(db, vera.actor, placed.id)
    assert [(h.from_status, h.to_status, h.party, h.actor_id) for h in history] == [
        (None, OrderStatus.PLACED, Party.CUSTOMER, vera.id)
    ]
    assert (
        await event_count(
            db,
            "orders.placed",
            order_id=str(placed.id),
            total_minor=placed.total.minor,
            estimated=True,
            line_count=2,
        )
        == 1
    )
    assert (await get_order(db, shop.owner, placed.id)).id == placed.id
    assert [o.id for o in await my_orders(db, vera.actor, vera.id)] == [placed.id]


async def test_pieces_only_is_not_an_estimate(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350))
    placed = await order_of(db, shop, vera, (melons, 1))
    assert not placed.estimated
    assert placed.total == Money.rub(449)


async def test_below_the_minimum_order_nothing_happens(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    pears = await offer(db, shop, category, price=Money.rub(45))
    await fill(db, vera, (pears, 2))

    with pytest.raises(BelowMinimumOrder) as refused:
        await place_order(db, vera.actor, vera.id, form(shop, vera))

    assert refused.value.params["minimum"] == Money.rub(300).format()
    assert (await stock_of(db, shop, pears)).reserved == 0
    assert (await get_cart(db, vera.actor, vera.id, shop.id)).quantity_of(pears.id) == 2
    assert await my_orders(db, vera.actor, vera.id) == []


async def test_an_address_outside_the_zone_is_refused(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop, metres=5_000)  # the zone is 1 km around the shop
    melons = await offer(db, shop, category, price=Money.rub(350))
    await fill(db, vera, (melons, 1))

    with pytest.raises(AddressNotDeliverable):
        await place_order(db, vera.actor, vera.id, form(shop, vera))
    assert (await stock_of(db, shop, melons)).reserved == 0


async def test_someone_elses_address_is_refused(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera, oleg = await buyer(db, shop), await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350))
    await fill(db, vera, (melons, 1))

    with pytest.raises(PermissionDenied):
        await place_order(db, vera.actor, vera.id, form(shop, oleg))
    with pytest.raises(PermissionDenied):
        await place_order(db, oleg.actor, vera.id, form(shop, vera))


async def test_a_cart_that_changed_is_shown_again_before_anything_is_ordered(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=3)
    pears = await offer(db, shop, category, price=Money.rub(45), stock=5)
    await fill(db, vera, (melons, 1), (pears, 3))

    await set_price(db, shop.owner, melons.id, Money.rub(390))
    with pytest.raises(CartNeedsAttention) as changed:
        await place_order(db, vera.actor, vera.id, form(shop, vera))
    assert changed.value.params == {"offer_ids": [str(melons.id)], "issues": ["price_changed"]}

    await accept_cart_changes(db, vera.actor, vera.id, shop.id)
    await set_stock(db, shop.owner, pears.id, 2)
    with pytest.raises(CartNeedsAttention) as short:
        await place_order(db, vera.actor, vera.id, form(shop, vera))
    assert short.value.params["issues"] == ["not_enough"]
    assert (await stock_of(db, shop, melons)).reserved == 0

    cart = await accept_cart_changes(db, vera.actor, vera.id, shop.id)
    assert cart.quantity_of(pears.id) == 2
    placed = await place_order(db, vera.actor, vera.id, form(shop, vera))
    assert placed.subtotal == Money.rub(390 + 2 * 45)


async def test_an_empty_cart_and_a_bad_form_are_refused(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    with pytest.raises(CartEmpty):
        await place_order(db, vera.actor, vera.id, form(shop, vera))
    melons = await offer(db, shop, category, price=Money.rub(350))
    await fill(db, vera, (melons, 1))
    with pytest.raises(CheckoutInvalid) as long_comment:
        await place_order(db, vera.actor, vera.id, form(shop, vera, comment="я" * 501))
    assert long_comment.value.params == {"field": "comment", "maximum": 500}
    with pytest.raises(CheckoutInvalid):
        await place_order(db, vera.actor, vera.id, form(shop, vera, key="k" * 65))


async def test_submitting_twice_returns_the_same_order_and_reserves_once(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=5)
    await fill(db, vera, (melons, 2))
    submitted = form(shop, vera)

    first = await place_order(db, vera.actor, vera.id, submitted)
    again = await place_order(db, vera.actor, vera.id, submitted)

    assert again == first
    assert (await stock_of(db, shop, melons)).reserved == 2
    assert len(await my_orders(db, vera.actor, vera.id)) == 1
    assert await event_count(db, "orders.placed", order_id=str(first.id)) == 1


async def test_concurrent_submits_with_one_key_make_one_order(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=5)
    await fill(db, vera, (melons, 2))
    submitted = form(shop, vera)

    orders = await asyncio.gather(
        *(place_order(db, vera.actor, vera.id, submitted) for _ in range(4))
    )

    assert len({order.id for order in orders}) == 1
    assert (await stock_of(db, shop, melons)).reserved == 2
    assert len(await my_orders(db, vera.actor, vera.id)) == 1


async def test_concurrent_submits_with_two_keys_order_the_cart_once(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=5)
    await fill(db, vera, (melons, 2))

    outcomes = await asyncio.gather(
        place_order(db, vera.actor, vera.id, form(shop, vera)),
        place_order(db, vera.actor, vera.id, form(shop, vera)),
        return_exceptions=True,
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["CartEmpty", "OrderOut"]
    assert (await stock_of(db, shop, melons)).reserved == 2


async def test_slots_are_whole_hours_within_the_shop_hours_after_assembly(
    db: Database, shop: SellerShop, clock: FrozenClock
) -> None:
    # 09:00 UTC is 12:00 in Moscow; the shop is open 09:00-21:00 and assembles in 15 minutes.
    slots = await delivery_slots(db, shop.id)
    starts = [slot.start for slot in slots]
    today = [datetime(2026, 1, 1, h, tzinfo=UTC) for h in range(10, 18)]  # 13:00..20:00 MSK
    tomorrow = [datetime(2026, 1, 2, h, tzinfo=UTC) for h in range(6, 18)]  # 09:00..20:00
    assert starts == today + tomorrow
    assert all(slot.end - slot.start == timedelta(hours=1) for slot in slots)

    clock.set(datetime(2026, 1, 1, 9, 50, tzinfo=UTC))  # 12:50: 13:00 is too soon
    assert (await delivery_slots(db, shop.id))[0].start == datetime(2026, 1, 1, 11, tzinfo=UTC)


async def test_a_closed_shop_takes_slots_but_not_asap(
    db: Database, shop: SellerShop, category: CategoryOut, clock: FrozenClock
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350))
    await fill(db, vera, (melons, 1))
    clock.set(datetime(2026, 1, 1, 19, 0, tzinfo=UTC))  # 22:00 in Moscow: closed

    with pytest.raises(ShopNotAccepting) as closed:
        await place_order(db, vera.actor, vera.id, form(shop, vera))
    assert closed.value.params["opens_at"] == "2026-01-02T06:00:00+00:00"
    night = DeliverySlot(datetime(2026, 1, 2, 0, tzinfo=UTC), datetime(2026, 1, 2, 1, tzinfo=UTC))
    with pytest.raises(SlotUnavailable):
        await place_order(db, vera.actor, vera.id, form(shop, vera, slot=night))

    morning = (await delivery_slots(db, shop.id))[1]
    placed = await place_order(db, vera.actor, vera.id, form(shop, vera, slot=morning))
    assert placed.delivery_kind is DeliveryKind.SLOT
    assert placed.slot == morning
    assert placed.promised_at == morning.end


async def test_a_paused_shop_takes_no_orders(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350))
    await fill(db, vera, (melons, 1))
    await pause_shop(db, shop.owner, shop.id)

    with pytest.raises(ShopNotAccepting) as refused:
        await place_order(db, vera.actor, vera.id, form(shop, vera))
    assert refused.value.params["opens_at"] is None
    assert await delivery_slots(db, shop.id) == []


async def test_an_unpaid_online_order_expires_and_gives_its_stock_back(
    db: Database, shop: SellerShop, category: CategoryOut, clock: FrozenClock
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=3)
    unpaid = await order_of(db, shop, vera, (melons, 2), method=PaymentMethod.ONLINE)

    assert unpaid.status is OrderStatus.PENDING_PAYMENT
    assert unpaid.payment_status is PaymentStatus.PENDING
    assert unpaid.payment_deadline == clock.now() + timedelta(minutes=15)
    assert await event_count(db, "orders.placed", order_id=str(unpaid.id)) == 0
    assert await event_count(db, "orders.awaiting_payment", order_id=str(unpaid.id)) == 1
    assert (await stock_of(db, shop, melons)).reserved == 2

    clock.advance(timedelta(minutes=14))
    assert await expire_unpaid_orders(db) == 0
    clock.advance(timedelta(minutes=2))
    assert await expire_unpaid_orders(db) >= 1
    assert await expire_unpaid_orders(db) == 0

    gone = await get_order(db, vera.actor, unpaid.id)
    assert gone.status is OrderStatus.CANCELED
    assert gone.canceled_by is Party.SYSTEM
    assert gone.cancel_reason is CancelReason.PAYMENT_TIMEOUT
    assert gone.payment_status is PaymentStatus.CANCELED
    assert (await stock_of(db, shop, melons)).reserved == 0
    history = await order_history(db, vera.actor, unpaid.id)
    assert [(h.to_status, h.party, h.actor_id) for h in history] == [
        (OrderStatus.PENDING_PAYMENT, Party.CUSTOMER, vera.id),
        (OrderStatus.CANCELED, Party.SYSTEM, None),
    ]


async def test_a_paid_online_order_is_placed_and_keeps_its_stock(
    db: Database, shop: SellerShop, category: CategoryOut, clock: FrozenClock
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=3)
    unpaid = await order_of(db, shop, vera, (melons, 1), method=PaymentMethod.ONLINE)

    paid = await confirm_payment(db, unpaid.id)
    clock.advance(timedelta(hours=1))
    assert await expire_unpaid_orders(db) == 0

    assert paid.status is OrderStatus.PLACED
    assert paid.payment_status is PaymentStatus.HELD
    assert paid.payment_deadline is None
    assert await held(db, unpaid.id) == {melons.id: ("reserved", 1)}
    assert await event_count(db, "orders.placed", order_id=str(unpaid.id)) == 1


async def test_canceling_gives_the_stock_back(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    melons = await offer(db, shop, category, price=Money.rub(350), stock=3)
    placed = await order_of(db, shop, vera, (melons, 3))
    assert (await stock_of(db, shop, melons)).available == 0

    canceled = await cancel_order(db, vera.actor, placed.id)

    assert canceled.status is OrderStatus.CANCELED
    assert canceled.canceled_by is Party.CUSTOMER
    assert canceled.cancel_reason is CancelReason.CUSTOMER_REQUEST
    assert (await stock_of(db, shop, melons)).available == 3
    assert await held(db, placed.id) == {}
    assert (
        await event_count(
            db,
            "orders.canceled",
            order_id=str(placed.id),
            party="customer",
            reason="customer_request",
        )
        == 1
    )


async def test_an_address_without_a_point_cannot_be_checked_against_the_zone(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    vera = await buyer(db, shop)
    text_only = await add_address(db, vera.actor, vera.id, AddressInput(text="где-то у реки"))
    melons = await offer(db, shop, category, price=Money.rub(350))
    await fill(db, vera, (melons, 1))
    with pytest.raises(AddressWithoutPoint):
        await place_order(
            db, vera.actor, vera.id, form(shop, vera, address_id=text_only.address.id)
        )
