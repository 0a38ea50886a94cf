"""The SLA check: deliveries that may be late are flagged once, with why, and support sees them
on its board."""

from __future__ import annotations

from datetime import timedelta

from logistics_world import World
from sqlalchemy import update

import core.logistics.subscribers  # noqa: F401  (registers the order subscribers)
from core.logistics._models import Delivery
from core.logistics.api import (
    SLA_MARGIN,
    accept_offer,
    confirm_pickup,
    deliveries_for_support,
    flag_at_risk,
)
from core.logistics.schemas import RiskReason
from core.shared.clock import FrozenClock


async def test_a_delivery_nobody_can_make_in_time_is_flagged_once(world: World) -> None:
    order = await world.ready_order()
    delivery = await world.delivery(order.id)
    # 500 m by bicycle takes 3 minutes; with the margin it must leave 13 minutes before.
    deadline = delivery.promised_at - timedelta(minutes=3) - SLA_MARGIN
    world.clock.set(deadline - timedelta(seconds=1))
    assert await flag_at_risk(world.db) == 0
    assert not (await world.delivery(order.id)).at_risk

    world.clock.set(deadline + timedelta(seconds=1))
    assert await flag_at_risk(world.db) == 1
    assert await flag_at_risk(world.db) == 0
    world.clock.advance(timedelta(minutes=30))
    assert await flag_at_risk(world.db) == 0

    [flagged] = await world.events("logistics.delivery_at_risk", order_id=str(order.id))
    assert (flagged["reason"], flagged["status"]) == (RiskReason.LATE.value, "searching")
    assert (await world.delivery(order.id)).at_risk
    board = await deliveries_for_support(world.db, world.support, at_risk_only=True)
    assert [d.id for d in board] == [delivery.id]


async def test_searching_too_long_and_overdue_are_told_apart(
    world: World, clock: FrozenClock
) -> None:
    marat = await world.courier()
    unassigned = await world.ready_order()
    carried = await world.ready_order()
    # Promised in three hours (a slot later today): only the long search makes it at risk.
    async with world.db.sessionmaker() as session, session.begin():
        await session.execute(
            update(Delivery)
            .where(Delivery.order_id == unassigned.id)
            .values(promised_at=clock.now() + timedelta(hours=3))
        )
    offer = await world.offered(marat)
    assert offer.delivery_id == (await world.delivery(carried.id)).id
    await accept_offer(world.db, marat, offer.id)
    await confirm_pickup(world.db, marat, offer.delivery_id)

    clock.advance(timedelta(minutes=10))
    assert await flag_at_risk(world.db) == 1
    clock.set((await world.delivery(carried.id)).promised_at)
    assert await flag_at_risk(world.db) == 1

    [searching] = await world.events("logistics.delivery_at_risk", order_id=str(unassigned.id))
    assert searching["reason"] == RiskReason.UNASSIGNED.value
    [late] = await world.events("logistics.delivery_at_risk", order_id=str(carried.id))
    assert (late["reason"], late["status"], late["courier_id"]) == (
        RiskReason.OVERDUE.value,
        "picked_up",
        marat.telegram_id,
    )
