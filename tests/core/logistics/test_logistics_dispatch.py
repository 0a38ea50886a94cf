"""Dispatch under load on real PostgreSQL and Redis: many couriers and deliveries, passes in
parallel, random answers and expiries. Whatever happens, no courier holds two open offers, no
delivery has two, nobody is asked twice for one delivery, no delivery is assigned twice, and
expired offers move on to the next courier."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from logistics_world import World
from sqlalchemy import ColumnElement, func, select

import core.logistics.subscribers  # noqa: F401  (registers the order subscribers)
from core.auth.policy import Actor
from core.logistics._models import Delivery, DeliveryOffer
from core.logistics.api import (
    OFFER_TTL,
    Dispatcher,
    accept_offer,
    choose_courier,
    confirm_pickup,
    decline_offer,
    hand_over,
    handover_code,
    my_open_offer,
    nudge_dispatchers_through,
)
from core.logistics.errors import CourierUnavailable
from core.logistics.schemas import DeliveryStatus, OfferStatus
from core.orders._models import Order
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.outbox import publish_to_outbox
from core.shared.uow import Database
from core.workforce.api import couriers_on_shift, get_courier, set_active_deliveries, take_break
from core.workforce.schemas import Vehicle

D = DeliveryStatus


async def dispatcher_tick() -> None:
    """Let the dispatcher's task run a little while the test waits for its effect."""
    await asyncio.sleep(0.05)


@pytest.fixture
async def second_db(settings: Settings, clock: FrozenClock) -> AsyncIterator[Database]:
    """Another worker's Database: one attempt per transaction, so a deadlock fails the test."""
    database = Database(
        create_engine(str(settings.database_url), pool_size=5),
        clock=clock,
        publisher=publish_to_outbox,
        max_attempts=1,
    )
    yield database
    await database.dispose()


def ours_offers(world: World) -> ColumnElement[bool]:
    """Offers of this world's shop's deliveries."""
    return DeliveryOffer.delivery_id.in_(
        select(Delivery.id).where(Delivery.shop_id == world.shop.id)
    )


async def check_invariants(world: World, couriers: dict[int, Actor]) -> None:
    """The rules that hold after any mix of passes, answers and expiries, for this world's shop
    (the session's database also holds other tests' deliveries, some assigned by hand)."""
    mine = ours_offers(world)
    async with world.db.sessionmaker() as session:
        open_per_courier = await session.execute(
            select(DeliveryOffer.courier_id)
            .where(DeliveryOffer.status == OfferStatus.OPEN.value)
            .where(DeliveryOffer.courier_id.in_(list(couriers)))
            .group_by(DeliveryOffer.courier_id)
            .having(func.count() > 1)
        )
        assert open_per_courier.all() == []
        open_per_delivery = await session.execute(
            select(DeliveryOffer.delivery_id)
            .where(DeliveryOffer.status == OfferStatus.OPEN.value, mine)
            .group_by(DeliveryOffer.delivery_id)
            .having(func.count() > 1)
        )
        assert open_per_delivery.all() == []
        asked_twice = await session.execute(
            select(DeliveryOffer.delivery_id, DeliveryOffer.courier_id)
            .where(mine)
            .group_by(DeliveryOffer.delivery_id, DeliveryOffer.courier_id)
            .having(func.count() > 1)
        )
        assert asked_twice.all() == []
        accepted_twice = await session.execute(
            select(DeliveryOffer.delivery_id)
            .where(DeliveryOffer.status == OfferStatus.ACCEPTED.value, mine)
            .group_by(DeliveryOffer.delivery_id)
            .having(func.count() > 1)
        )
        assert accepted_twice.all() == []
        # The order's courier is the delivery's, and the delivery's is the accepting one.
        rows = (
            await session.execute(
                select(Delivery.id, Delivery.status, Delivery.courier_id, Order.courier_id)
                .join(Order, Order.id == Delivery.order_id)
                .where(Delivery.shop_id == world.shop.id)
            )
        ).all()
        accepted = dict(
            (
                await session.execute(
                    select(DeliveryOffer.delivery_id, DeliveryOffer.courier_id).where(
                        DeliveryOffer.status == OfferStatus.ACCEPTED.value, mine
                    )
                )
            ).all()
        )
    for delivery_id, status, courier_id, order_courier in rows:
        if status in (D.WAITING.value, D.SEARCHING.value):
            assert courier_id is None
            assert order_courier is None
        elif status != D.CANCELED.value:
            assert courier_id == order_courier == accepted[delivery_id]
    in_hand = {cid: 0 for cid in couriers}
    for _, status, courier_id, _ in rows:
        if courier_id in in_hand and status in (D.ASSIGNED.value, D.PICKED_UP.value):
            in_hand[courier_id] += 1
    working = await couriers_on_shift(world.db, list(couriers))
    assert set(working) == set(couriers)  # nobody fell off the shift on the way
    for courier_id, courier in working.items():
        assert courier.active_deliveries == in_hand[courier_id] <= courier.capacity


async def test_many_couriers_and_deliveries_over_many_passes(world: World) -> None:
    rng = random.Random(7)
    vehicles = [Vehicle.FOOT, Vehicle.BICYCLE, Vehicle.CAR]
    couriers: dict[int, Actor] = {}
    for n in range(30):
        courier = await world.courier(
            vehicles[n % 3], north_m=rng.uniform(-3_000, 3_000), east_m=rng.uniform(-3_000, 3_000)
        )
        couriers[courier.telegram_id] = courier
    orders = [await world.ready_order(relay=False) for _ in range(60)]
    await world.relay()
    order_ids = {order.id for order in orders}

    expired_seen: dict[object, int] = {}  # delivery → the courier whose offer expired
    moved_on = 0
    for _ in range(12):
        await asyncio.gather(world.dispatch(), world.dispatch())
        await check_invariants(world, couriers)
        async with world.db.sessionmaker() as session:
            open_offers = (
                await session.scalars(
                    select(DeliveryOffer).where(
                        DeliveryOffer.status == OfferStatus.OPEN.value, ours_offers(world)
                    )
                )
            ).all()
        for offer in open_offers:
            if offer.delivery_id in expired_seen:
                assert offer.courier_id != expired_seen.pop(offer.delivery_id)
                moved_on += 1
            courier = couriers[offer.courier_id]
            roll = rng.random()
            if roll < 0.45:
                try:
                    await accept_offer(world.db, courier, offer.id)
                except CourierUnavailable:
                    await decline_offer(world.db, courier, offer.id)
            elif roll < 0.7:
                await decline_offer(world.db, courier, offer.id)
            else:
                expired_seen[offer.delivery_id] = offer.courier_id  # left to expire
        # Some couriers finish a delivery, freeing room for more.
        async with world.db.sessionmaker() as session:
            in_hand = (
                await session.scalars(
                    select(Delivery).where(
                        Delivery.status == D.ASSIGNED.value, Delivery.shop_id == world.shop.id
                    )
                )
            ).all()
        for row in in_hand:
            if rng.random() < 0.5:
                assert row.courier_id is not None
                courier = couriers[row.courier_id]
                await confirm_pickup(world.db, courier, row.id)
                code = await handover_code(world.db, world.support, row.id)
                await hand_over(world.db, courier, row.id, code)
        world.clock.advance(OFFER_TTL)
        await check_invariants(world, couriers)

    assert moved_on > 0
    async with world.db.sessionmaker() as session:
        statuses = dict(
            (
                await session.execute(
                    select(Delivery.status, func.count())
                    .where(Delivery.order_id.in_(order_ids))
                    .group_by(Delivery.status)
                )
            ).all()
        )
        expired = await session.scalar(
            select(func.count())
            .select_from(DeliveryOffer)
            .where(DeliveryOffer.status == OfferStatus.EXPIRED.value, ours_offers(world))
        )
    assert statuses.get(D.DELIVERED.value, 0) > 10
    assert sum(statuses.values()) == 60
    assert expired
    assert expired > 0


async def test_parallel_passes_make_no_duplicate_offers(world: World, second_db: Database) -> None:
    couriers = {}
    for n in range(8):
        courier = await world.courier(north_m=100 + 150 * n)
        couriers[courier.telegram_id] = courier
    for _ in range(12):
        await world.ready_order(relay=False)
    await world.relay()

    first, second = await asyncio.gather(world.dispatch(second_db), world.dispatch(second_db))
    third = await world.dispatch()

    # Eight couriers, one open offer each at most: eight offers, however the passes split them.
    assert first.offered + second.offered + third.offered == 8
    await check_invariants(world, couriers)
    async with world.db.sessionmaker() as session:
        holders = set(
            await session.scalars(
                select(DeliveryOffer.courier_id).where(
                    DeliveryOffer.status == OfferStatus.OPEN.value, ours_offers(world)
                )
            )
        )
    assert holders == set(couriers)


async def test_two_taps_of_one_offer_at_once_assign_it_once(
    world: World, second_db: Database
) -> None:
    marat = await world.courier(Vehicle.CAR)
    order = await world.ready_order()
    await world.dispatch()
    async with world.db.sessionmaker() as session:
        offer_id = await session.scalar(
            select(DeliveryOffer.id).where(DeliveryOffer.courier_id == marat.telegram_id)
        )
    assert offer_id is not None

    taps = await asyncio.gather(
        accept_offer(world.db, marat, offer_id),
        accept_offer(second_db, marat, offer_id),
    )

    assert {tap.status for tap in taps} == {D.ASSIGNED}
    assert (await get_courier(world.db, marat.telegram_id)).active_deliveries == 1
    assert len(await world.events("logistics.courier_assigned", order_id=str(order.id))) == 1
    assert len(await world.events("orders.courier_assigned", order_id=str(order.id))) == 1


async def test_choose_courier_prefers_the_quickest_free_one(world: World) -> None:
    stale = await world.courier(Vehicle.CAR, north_m=50, name="Давно не видели")
    world.clock.advance(timedelta(minutes=4))  # its fix is now older than three minutes
    walker = await world.courier(Vehicle.FOOT, north_m=900, name="Пеший")
    rider = await world.courier(Vehicle.CAR, north_m=1_500, name="На машине")
    loaded = await world.courier(Vehicle.CAR, north_m=300, name="Загружен")
    await set_active_deliveries(world.db, loaded.telegram_id, 2)
    resting = await world.courier(Vehicle.CAR, north_m=100, name="На перерыве")
    await take_break(world.db, resting)
    await world.courier(Vehicle.CAR, north_m=6_000, name="Далеко")
    order = await world.ready_order()
    delivery = await world.delivery(order.id)

    # On foot 900 m takes 15 min; by car 1.5 km takes 6; the loaded car next door would be
    # 2 min plus 5 per delivery in hand; the stale, the resting and the far one do not count.
    chosen = await choose_courier(world.db, world.redis, delivery.id, now=world.clock.now())
    assert chosen == rider.telegram_id
    assert stale.telegram_id != chosen

    await set_active_deliveries(world.db, rider.telegram_id, 3)  # a car carries three at most
    await set_active_deliveries(world.db, loaded.telegram_id, 0)
    chosen = await choose_courier(world.db, world.redis, delivery.id, now=world.clock.now())
    assert chosen == loaded.telegram_id
    await set_active_deliveries(world.db, loaded.telegram_id, 3)
    assert (
        await choose_courier(world.db, world.redis, delivery.id, now=world.clock.now())
        == walker.telegram_id
    )
    world.clock.advance(timedelta(minutes=4))  # every fix is stale now
    assert await choose_courier(world.db, world.redis, delivery.id, now=world.clock.now()) is None


async def test_the_dispatcher_loop_wakes_on_a_nudge(world: World) -> None:
    marat = await world.courier()
    # Polling once a minute: only the nudge after the order became ready can wake it in time.
    dispatcher = Dispatcher(world.db, world.redis, poll_seconds=60)
    running = asyncio.create_task(dispatcher.run())
    try:
        await asyncio.wait_for(dispatcher.nudges_ready.wait(), 10)
        nudge_dispatchers_through(world.db, world.redis)
        try:
            await world.ready_order()
        finally:
            nudge_dispatchers_through(world.db, None)

        deadline = time.monotonic() + 15
        while await my_open_offer(world.db, marat) is None:
            assert time.monotonic() < deadline, "the dispatcher never offered the delivery"
            await dispatcher_tick()
    finally:
        dispatcher.stop()
        await running
    assert running.done()
