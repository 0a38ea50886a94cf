"""What logistics asks of workforce: who is on shift with room for more, and how the count of
deliveries in hand moves a courier's status."""

from __future__ import annotations

import pytest
from workforce_people import ActorOf, NewCourier, NewPerson, profile

from core.auth.policy import Actor
from core.shared.uow import Database
from core.workforce.api import (
    couriers_on_shift,
    end_shift,
    get_courier,
    register_courier,
    set_active_deliveries,
    start_shift,
    take_break,
)
from core.workforce.errors import CourierNotFound, InvalidActiveDeliveries
from core.workforce.schemas import CourierStatus, Vehicle

S = CourierStatus


async def test_couriers_on_shift_are_the_available_and_the_delivering(
    db: Database, new_courier: NewCourier, new_person: NewPerson, actor_of: ActorOf
) -> None:
    available, delivering, resting, off = [await new_courier() for _ in range(4)]
    for courier in (available, delivering, resting):
        await start_shift(db, courier)
    await set_active_deliveries(db, delivering.telegram_id, 2)
    await take_break(db, resting)
    applicant = await actor_of(await new_person())
    await register_courier(db, applicant, *profile())
    everyone = [c.telegram_id for c in (available, delivering, resting, off, applicant)]

    found = await couriers_on_shift(db, everyone)
    assert sorted(found) == sorted([available.telegram_id, delivering.telegram_id])
    assert found[delivering.telegram_id].status is S.DELIVERING
    assert found[delivering.telegram_id].free_capacity == 0  # a bicycle carries two
    assert found[available.telegram_id].free_capacity == 2
    assert await couriers_on_shift(db, []) == {}
    assert await couriers_on_shift(db, [off.telegram_id]) == {}
    every = await couriers_on_shift(db)
    assert {available.telegram_id, delivering.telegram_id} <= set(every)
    assert not {resting.telegram_id, off.telegram_id, applicant.telegram_id} & set(every)


async def test_the_count_moves_an_available_courier_to_delivering_and_back(
    db: Database, new_courier: NewCourier
) -> None:
    courier = await new_courier(Vehicle.CAR)
    await start_shift(db, courier)
    one = await set_active_deliveries(db, courier.telegram_id, 1)
    assert (one.status, one.active_deliveries, one.free_capacity) == (S.DELIVERING, 1, 2)
    three = await set_active_deliveries(db, courier.telegram_id, 3)
    assert (three.status, three.free_capacity) == (S.DELIVERING, 0)
    none = await set_active_deliveries(db, courier.telegram_id, 0)
    assert (none.status, none.free_capacity) == (S.AVAILABLE, 3)


async def test_off_shift_or_on_a_break_only_the_count_changes(db: Database, courier: Actor) -> None:
    assert (await set_active_deliveries(db, courier.telegram_id, 1)).status is S.OFFLINE
    await set_active_deliveries(db, courier.telegram_id, 0)
    await start_shift(db, courier)
    await take_break(db, courier)
    on_break = await set_active_deliveries(db, courier.telegram_id, 1)
    assert (on_break.status, on_break.active_deliveries) == (S.ON_BREAK, 1)
    assert (await set_active_deliveries(db, courier.telegram_id, 0)).status is S.ON_BREAK
    await end_shift(db, courier)
    assert (await get_courier(db, courier.telegram_id)).status is S.OFFLINE


async def test_starting_a_shift_with_a_delivery_in_hand_is_delivering(
    db: Database, courier: Actor
) -> None:
    await set_active_deliveries(db, courier.telegram_id, 1)
    assert (await start_shift(db, courier)).courier.status is S.DELIVERING


async def test_bad_counts_and_strangers_are_refused(db: Database, courier: Actor) -> None:
    for count in (-1, True, 1.5):
        with pytest.raises(InvalidActiveDeliveries):
            await set_active_deliveries(db, courier.telegram_id, count)  # type: ignore[arg-type]
    with pytest.raises(CourierNotFound):
        await set_active_deliveries(db, 1, 0)
    with pytest.raises(CourierNotFound):
        await get_courier(db, 1)
