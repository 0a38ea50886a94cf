"""Reservations past their deadline: refused, then released by the periodic task, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from inventory_world import Offer, World, count_events
from redis.asyncio import Redis

from core.inventory import tasks
from core.inventory.api import (
    allocate,
    expire_reservations,
    extend_reservation,
    get_reservations,
    get_stock,
    release,
    reserve,
    set_stock,
    stock_history,
)
from core.inventory.errors import ReservationExpired, ReservationNotFound
from core.inventory.schemas import ReserveLine
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.discovery import import_domain
from core.shared.tasks import TaskContext, declared_tasks


async def stocked(world: World, on_hand: int) -> Offer:
    offer = await world.offer()
    await set_stock(world.db, world.owner, offer.id, on_hand)
    return offer


async def reserved(world: World, offer: Offer) -> int:
    return (await get_stock(world.db, world.owner, offer.id)).reserved


def test_the_task_runs_every_minute() -> None:
    import_domain()
    spec = declared_tasks()["inventory.expire_reservations"]
    assert spec.schedules == ("* * * * *",)
    assert spec.func is tasks.expire_reservations


async def test_a_reservation_is_refused_from_its_deadline_on(
    world: World, clock: FrozenClock
) -> None:
    a = await stocked(world, 5)
    await reserve(world.db, world.h("late"), [ReserveLine(a.id, 1)], ttl=timedelta(minutes=10))
    await reserve(world.db, world.h("early"), [ReserveLine(a.id, 1)], ttl=timedelta(minutes=10))
    clock.advance(timedelta(minutes=10) - timedelta(microseconds=1))
    await allocate(world.db, world.h("early"))  # still in time
    clock.advance(timedelta(microseconds=1))
    with pytest.raises(ReservationExpired):
        await allocate(world.db, world.h("late"))
    with pytest.raises(ReservationExpired):
        await extend_reservation(world.db, world.h("late"), ttl=timedelta(minutes=5))
    # Until the task runs the stock stays held; a cancellation may still give it back.
    assert await reserved(world, a) == 1


async def test_the_task_releases_lapsed_lines_once(
    world: World, clock: FrozenClock, settings: Settings, redis: Redis
) -> None:
    a, b = await stocked(world, 5), await stocked(world, 5)
    await reserve(world.db, world.h("lapsing"), [ReserveLine(a.id, 2), ReserveLine(b.id, 1)],
                  ttl=timedelta(minutes=15))
    await reserve(world.db, world.h("lasting"), [ReserveLine(a.id, 1)], ttl=timedelta(minutes=30))
    clock.advance(timedelta(minutes=20))
    context = TaskContext(settings, world.db, redis)
    # Other tests' reservations share the database and may lapse too: at least ours.
    assert await tasks.expire_reservations(context) >= 2
    assert await tasks.expire_reservations(context) == 0
    assert (await reserved(world, a), await reserved(world, b)) == (1, 0)
    lines = await get_reservations(world.db, world.h("lapsing"))
    statuses = {line.offer_id: line.status for line in lines}
    assert statuses == {a.id: "expired", b.id: "expired"}
    [lasting] = await get_reservations(world.db, world.h("lasting"))
    assert lasting.status == "reserved"
    history = await stock_history(world.db, world.owner, a.id)
    assert [(h.reason, h.reserved_change, h.actor_id, h.holder) for h in history[:1]] == [
        ("expired", -2, None, world.h("lapsing"))
    ]
    assert [h.reason for h in history].count("expired") == 1
    expired = sorted([str(a.id), str(b.id)])
    assert await count_events(world.db, "inventory.reservations_expired", holder=world.h("lapsing"),
                              offer_ids=expired) == 1
    with pytest.raises(ReservationNotFound):
        await allocate(world.db, world.h("lapsing"))
    # The holder may try again with a fresh reservation.
    await reserve(world.db, world.h("lapsing"), [ReserveLine(b.id, 5)])
    assert await reserved(world, b) == 5


async def test_extended_and_allocated_reservations_do_not_expire(
    world: World, clock: FrozenClock
) -> None:
    a = await stocked(world, 5)
    await reserve(world.db, world.h("paid"), [ReserveLine(a.id, 1)], ttl=timedelta(minutes=15))
    await reserve(world.db, world.h("accepted"), [ReserveLine(a.id, 1)], ttl=timedelta(minutes=15))
    await reserve(world.db, world.h("slow"), [ReserveLine(a.id, 1)], ttl=timedelta(minutes=15))
    [line] = await extend_reservation(world.db, world.h("paid"), ttl=None)
    assert line.expires_at is None
    await allocate(world.db, world.h("accepted"))
    clock.advance(timedelta(minutes=10))
    [line] = await extend_reservation(world.db, world.h("slow"), ttl=timedelta(minutes=10))
    assert line.expires_at == clock.now() + timedelta(minutes=10)
    clock.advance(timedelta(days=1))
    assert await expire_reservations(world.db) >= 1
    assert [line.status for line in await get_reservations(world.db, world.h("slow"))] == [
        "expired"
    ]
    stock = await get_stock(world.db, world.owner, a.id)
    assert (stock.reserved, stock.allocated) == (1, 1)
    await allocate(world.db, world.h("paid"))
    with pytest.raises(ReservationNotFound):
        await extend_reservation(world.db, world.h("nobody"), ttl=None)


async def test_a_cancelled_lapsed_reservation_is_not_expired_again(
    world: World, clock: FrozenClock
) -> None:
    a = await stocked(world, 5)
    await reserve(world.db, world.h("gone"), [ReserveLine(a.id, 3)], ttl=timedelta(minutes=1))
    clock.advance(timedelta(minutes=2))
    [line] = await release(world.db, world.h("gone"))
    assert line.status == "released"
    await expire_reservations(world.db)
    assert [line.status for line in await get_reservations(world.db, world.h("gone"))] == [
        "released"
    ]
    assert await reserved(world, a) == 0
    assert [h.reason for h in await stock_history(world.db, world.owner, a.id)].count(
        "released") == 1


async def test_expiry_works_in_batches(world: World, clock: FrozenClock) -> None:
    a = await stocked(world, 50)
    for number in range(7):
        await reserve(world.db, world.h(f"batch-{number}"), [ReserveLine(a.id, 2)],
                      ttl=timedelta(minutes=1))
    clock.advance(timedelta(minutes=1))
    assert await expire_reservations(world.db, max_holders=3) >= 7
    assert await reserved(world, a) == 0
