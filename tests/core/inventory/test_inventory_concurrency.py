"""Many contenders on real PostgreSQL: stock never oversold, nothing deadlocks, nothing lost.

These tests use a Database of their own with a wider pool than the ``db`` fixture's and a single
attempt per transaction, so a deadlock or serialization failure would fail the test instead of
being retried away.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from inventory_world import Offer, World
from sqlalchemy import func, select

from core.auth.policy import Role
from core.inventory._models import Adjustment, Reservation
from core.inventory.api import (
    adjust_stock,
    allocate,
    expire_reservations,
    get_stock,
    release,
    reserve,
    set_stock,
    settle,
)
from core.inventory.errors import InsufficientStock, ReservationExpired, ReservationNotFound
from core.inventory.schemas import ReserveLine, TakenLine
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.outbox import publish_to_outbox
from core.shared.uow import Database

# 15 + 15 overflow connections: well within PostgreSQL's 100 while other suites run too.
POOL = 15


@pytest.fixture
async def wide(settings: Settings, clock: FrozenClock) -> AsyncIterator[Database]:
    database = Database(
        create_engine(str(settings.database_url), pool_size=POOL),
        clock=clock,
        publisher=publish_to_outbox,
        max_attempts=1,
    )
    yield database
    await database.dispose()


async def stocked(world: World, on_hand: int) -> Offer:
    offer = await world.offer()
    await set_stock(world.db, world.owner, offer.id, on_hand)
    return offer


async def check_books(world: World, offer: Offer) -> tuple[int, int, int]:
    """The counters, after checking they agree with the log and with the live reservations."""
    stock = await get_stock(world.db, world.owner, offer.id)
    async with world.db.sessionmaker() as session:
        logged = (await session.execute(
            select(
                func.sum(Adjustment.on_hand_change),
                func.sum(Adjustment.reserved_change),
                func.sum(Adjustment.allocated_change),
            ).where(Adjustment.offer_id == offer.id)
        )).one()
        held = dict((await session.execute(
            select(Reservation.status, func.sum(Reservation.quantity))
            .where(Reservation.offer_id == offer.id,
                   Reservation.status.in_(["reserved", "allocated"]))
            .group_by(Reservation.status)
        )).all())
    counters = (stock.on_hand, stock.reserved, stock.allocated)
    assert tuple(int(x or 0) for x in logged) == counters
    assert (held.get("reserved", 0), held.get("allocated", 0)) == counters[1:]
    assert stock.available >= 0
    return counters


async def test_200_buyers_race_for_10_units(world: World, wide: Database) -> None:
    offer = await stocked(world, 10)

    async def buy(number: int) -> bool:
        try:
            await reserve(wide, world.h(f"buyer-{number}"), [ReserveLine(offer.id, 1)])
        except InsufficientStock:
            return False
        return True

    bought = await asyncio.gather(*(buy(number) for number in range(200)))
    assert sum(bought) == 10
    assert await check_books(world, offer) == (10, 10, 0)


async def test_carts_in_any_line_order_neither_deadlock_nor_oversell(
    world: World, wide: Database
) -> None:
    offers = [await stocked(world, 25) for _ in range(4)]
    rng = random.Random(5)
    carts = []
    for _ in range(120):
        chosen = rng.sample(offers, rng.randint(2, 4))  # a random order, every time
        carts.append([ReserveLine(offer.id, rng.randint(1, 3)) for offer in chosen])

    async def buy(number: int) -> list[ReserveLine]:
        try:
            await reserve(wide, world.h(f"cart-{number}"), carts[number])
        except InsufficientStock:
            return []
        return carts[number]

    won = [line for lines in await asyncio.gather(*map(buy, range(len(carts)))) for line in lines]
    assert won, "no cart got through"
    for offer in offers:
        wanted = sum(line.quantity for line in won if line.offer_id == offer.id)
        assert await check_books(world, offer) == (25, wanted, 0)


async def test_staff_and_orders_at_once_keep_the_books(
    world: World, wide: Database, clock: FrozenClock
) -> None:
    offer = await stocked(world, 60)
    picker = world.staff(Role.PICKER)
    rng = random.Random(11)

    async def order(number: int) -> None:
        holder = world.h(f"mixed-{number}")
        try:
            await reserve(wide, holder, [ReserveLine(offer.id, rng.randint(1, 4))],
                          ttl=timedelta(minutes=rng.choice([1, 30])))
        except InsufficientStock:
            return
        fate = number % 4
        if fate == 0:
            await release(wide, holder)
        elif fate in (1, 2):
            try:
                await allocate(wide, holder, by=picker)
            except (ReservationExpired, ReservationNotFound):
                await release(wide, holder)  # lapsed: the order is cancelled
                return
            if fate == 2:
                try:
                    await settle(wide, holder, [TakenLine(offer.id, rng.randint(0, 6))])
                except InsufficientStock:
                    await settle(wide, holder, [TakenLine(offer.id, 0)])

    async def staff(number: int) -> None:
        try:
            if number % 2:
                await adjust_stock(wide, picker, offer.id, -rng.randint(1, 5),
                                   reason="write_off")
            else:
                await adjust_stock(wide, picker, offer.id, rng.randint(1, 5), reason="delivery")
        except InsufficientStock:
            pass

    async def expiry() -> None:
        await expire_reservations(wide)

    async def time_passes() -> None:
        await asyncio.sleep(0.02)  # somewhere in the middle of the orders, whenever it is
        clock.advance(timedelta(minutes=2))
        await expiry()

    work = [order(n) for n in range(60)] + [staff(n) for n in range(30)]
    work += [expiry(), expiry(), time_passes()]
    rng.shuffle(work)
    await asyncio.gather(*work)
    clock.advance(timedelta(minutes=2))
    await asyncio.gather(expiry(), expiry())
    on_hand, reserved, allocated = await check_books(world, offer)
    assert on_hand >= reserved + allocated


async def test_parallel_expiry_runs_expire_each_line_once(
    world: World, wide: Database, clock: FrozenClock
) -> None:
    offer = await stocked(world, 40)
    for number in range(20):
        await reserve(world.db, world.h(f"lapse-{number}"), [ReserveLine(offer.id, 2)],
                      ttl=timedelta(minutes=1))
    clock.advance(timedelta(minutes=1))
    await asyncio.gather(*(expire_reservations(wide, max_holders=4) for _ in range(4)))
    assert await check_books(world, offer) == (40, 0, 0)
    async with world.db.sessionmaker() as session:
        expired = await session.scalar(
            select(func.count()).select_from(Adjustment)
            .where(Adjustment.offer_id == offer.id, Adjustment.reason == "expired")
        )
    assert expired == 20
