"""Shifts and breaks: who may start one, what each status allows, the hours counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from workforce_people import ActorOf, Events, NewCourier, NewPerson, profile

from core.auth.api import grant_role
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Role
from core.shared.clock import FrozenClock
from core.shared.uow import Database
from core.workforce.api import (
    end_break,
    end_shift,
    get_courier,
    my_shift,
    register_courier,
    set_active_deliveries,
    start_shift,
    take_break,
)
from core.workforce.errors import CourierBusy, CourierNotApproved, NotOnShift
from core.workforce.schemas import CourierStatus, Vehicle

S = CourierStatus


async def test_a_shift_starts_and_ends(
    db: Database, courier: Actor, clock: FrozenClock, events: Events
) -> None:
    started = await start_shift(db, courier)
    assert started.courier.status is S.AVAILABLE
    assert started.courier.on_shift
    assert started.courier.shift_started_at == clock.now()
    assert started.courier.free_capacity == 2
    assert (await start_shift(db, courier)).courier.shift_started_at == clock.now()  # a repeat
    [began] = await events("workforce.shift_started")
    assert began["courier_id"] == courier.telegram_id

    clock.advance(timedelta(hours=2, minutes=30))
    ended = await end_shift(db, courier)
    assert ended.courier.status is S.OFFLINE
    assert ended.courier.shift_started_at is None
    assert ended.hours_today == ended.hours_7_days == timedelta(hours=2, minutes=30)
    assert (await end_shift(db, courier)).courier.status is S.OFFLINE  # a repeat
    [over] = await events("workforce.shift_ended")
    assert over == {
        "courier_id": courier.telegram_id,
        "shift_id": began["shift_id"],
        "started_at": began["started_at"],
        "ended_at": clock.now().isoformat(),
        "reason": "courier",
    }


async def test_a_break_pauses_offers_but_counts_as_shift_time(
    db: Database, courier: Actor, clock: FrozenClock
) -> None:
    with pytest.raises(NotOnShift):
        await take_break(db, courier)
    with pytest.raises(NotOnShift):
        await end_break(db, courier)
    await start_shift(db, courier)
    clock.advance(timedelta(hours=1))
    paused = await take_break(db, courier)
    assert paused.courier.status is S.ON_BREAK
    assert paused.on_break_since == clock.now()
    assert paused.courier.free_capacity == 0
    assert (await take_break(db, courier)).on_break_since == clock.now()  # a repeat
    clock.advance(timedelta(minutes=30))
    back = await end_break(db, courier)
    assert back.courier.status is S.AVAILABLE
    assert back.on_break_since is None
    assert back.hours_today == timedelta(hours=1, minutes=30)
    assert (await end_break(db, courier)).courier.status is S.AVAILABLE  # a repeat
    await take_break(db, courier)
    assert (await end_shift(db, courier)).courier.status is S.OFFLINE  # straight from a break


async def test_deliveries_in_hand_come_first(db: Database, courier: Actor) -> None:
    await start_shift(db, courier)
    await set_active_deliveries(db, courier.telegram_id, 1)
    with pytest.raises(CourierBusy) as busy:
        await take_break(db, courier)
    assert busy.value.params == {"count": 1}
    with pytest.raises(CourierBusy):
        await end_shift(db, courier)
    await set_active_deliveries(db, courier.telegram_id, 0)
    assert (await end_shift(db, courier)).courier.status is S.OFFLINE


async def test_coming_back_from_a_break_with_a_delivery_means_delivering(
    db: Database, courier: Actor
) -> None:
    await start_shift(db, courier)
    await take_break(db, courier)
    # Support assigned one by hand meanwhile: the break stays until the courier ends it.
    assert (await set_active_deliveries(db, courier.telegram_id, 1)).status is S.ON_BREAK
    assert (await end_break(db, courier)).courier.status is S.DELIVERING


async def test_only_approved_couriers_work_shifts(
    db: Database, new_person: NewPerson, actor_of: ActorOf, admin: Actor
) -> None:
    customer = await actor_of(await new_person())
    with pytest.raises(PermissionDenied):
        await start_shift(db, customer)
    # The role arrived but core.auth's event has not reached workforce yet.
    person = await new_person()
    await register_courier(db, await actor_of(person), *profile())
    await grant_role(db, admin, person, Role.COURIER)
    with pytest.raises(CourierNotApproved):
        await start_shift(db, await actor_of(person))


async def test_hours_count_calendar_days_in_moscow(
    db: Database, courier: Actor, clock: FrozenClock
) -> None:
    # 22:00 Moscow on 1 January to 01:00 on the 2nd: two hours on the 1st, one on the 2nd.
    clock.set(datetime(2026, 1, 1, 19, 0, tzinfo=UTC))
    await start_shift(db, courier)
    clock.advance(timedelta(hours=1))
    assert (await my_shift(db, courier)).hours_today == timedelta(hours=1)
    clock.advance(timedelta(hours=2))
    shift = await end_shift(db, courier)
    assert shift.hours_today == timedelta(hours=1)
    assert shift.hours_7_days == timedelta(hours=3)
    clock.advance(timedelta(days=6))  # the 8th: the 1st has left the seven days
    later = await my_shift(db, courier)
    assert later.hours_today == timedelta(0)
    assert later.hours_7_days == timedelta(hours=1)


async def test_the_vehicle_sets_the_capacity(db: Database, new_courier: NewCourier) -> None:
    for vehicle, capacity in ((Vehicle.FOOT, 1), (Vehicle.BICYCLE, 2), (Vehicle.CAR, 3)):
        courier = await new_courier(vehicle)
        await start_shift(db, courier)
        out = await get_courier(db, courier.telegram_id)
        assert (out.capacity, out.free_capacity) == (capacity, capacity)
