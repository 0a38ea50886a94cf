"""At most MAX_SHIFT_HOURS_PER_DAY of shift time in a Moscow calendar day: a shift is refused
once they are spent, and the periodic task ends a shift at the moment the limit was reached."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis
from workforce_people import Events, NewCourier

from core.auth.policy import Actor
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.tasks import TaskContext, declared_tasks
from core.shared.uow import Database
from core.workforce.api import (
    MAX_SHIFT_HOURS_PER_DAY,
    end_shift,
    get_courier,
    my_shift,
    set_active_deliveries,
    start_shift,
    take_break,
)
from core.workforce.errors import ShiftLimitReached
from core.workforce.schemas import CourierStatus
from core.workforce.tasks import end_shifts_over_limit

LIMIT = timedelta(hours=MAX_SHIFT_HOURS_PER_DAY)
# 08:00 in Moscow.
MORNING = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)


@pytest.fixture
def context(settings: Settings, db: Database, redis: Redis) -> TaskContext:
    return TaskContext(settings=settings, db=db, redis=redis)


def test_the_task_runs_every_minute() -> None:
    assert declared_tasks()["workforce.end_shifts_over_limit"].schedules == ("* * * * *",)


async def test_the_task_ends_a_shift_when_the_day_is_spent(
    db: Database,
    new_courier: NewCourier,
    clock: FrozenClock,
    context: TaskContext,
    events: Events,
) -> None:
    clock.set(MORNING)
    tired, fresh = await new_courier(), await new_courier()
    await start_shift(db, tired)
    clock.advance(timedelta(hours=7))
    await start_shift(db, fresh)
    clock.advance(timedelta(hours=2, minutes=59))
    await end_shifts_over_limit(context)
    assert (await get_courier(db, tired.telegram_id)).on_shift  # 9:59 is not yet 10 hours

    clock.advance(timedelta(minutes=1, seconds=40))
    assert await end_shifts_over_limit(context) >= 1  # other tests' couriers may be left on
    shift = await my_shift(db, tired)
    assert shift.courier.status is CourierStatus.OFFLINE
    assert shift.hours_today == LIMIT
    assert shift.limit_reached
    [ended] = [
        e for e in await events("workforce.shift_ended") if e["courier_id"] == tired.telegram_id
    ]
    assert ended["reason"] == "limit"
    assert ended["ended_at"] == (MORNING + LIMIT).isoformat()  # when the limit was reached
    assert (await get_courier(db, fresh.telegram_id)).on_shift
    assert await end_shifts_over_limit(context) == 0  # idempotent

    with pytest.raises(ShiftLimitReached) as refused:
        await start_shift(db, tired)
    assert refused.value.params == {"hours": MAX_SHIFT_HOURS_PER_DAY}


async def test_hours_add_up_over_several_shifts_and_breaks(
    db: Database, courier: Actor, clock: FrozenClock, context: TaskContext
) -> None:
    clock.set(MORNING)
    await start_shift(db, courier)
    clock.advance(timedelta(hours=3))
    await take_break(db, courier)
    clock.advance(timedelta(hours=3))  # a break is shift time
    await end_shift(db, courier)
    clock.advance(timedelta(hours=1))
    await start_shift(db, courier)
    clock.advance(timedelta(hours=4, minutes=10))
    assert await end_shifts_over_limit(context) >= 1
    shift = await my_shift(db, courier)
    assert shift.hours_today == LIMIT
    assert not shift.courier.on_shift


async def test_a_new_day_brings_new_hours(db: Database, courier: Actor, clock: FrozenClock) -> None:
    clock.set(MORNING)
    await start_shift(db, courier)
    clock.advance(LIMIT)
    await end_shift(db, courier)
    with pytest.raises(ShiftLimitReached):
        await start_shift(db, courier)
    clock.set(datetime(2026, 3, 2, 21, 0, tzinfo=UTC))  # midnight in Moscow
    assert (await start_shift(db, courier)).courier.on_shift


async def test_a_shift_into_the_night_ends_when_the_evening_spent_the_day(
    db: Database, courier: Actor, clock: FrozenClock, context: TaskContext
) -> None:
    clock.set(MORNING)
    await start_shift(db, courier)
    clock.advance(timedelta(hours=6))  # 08:00–14:00
    await end_shift(db, courier)
    clock.advance(timedelta(hours=5))
    await start_shift(db, courier)  # 19:00; the limit comes at 23:00
    # The scheduler was down until 00:30: the new day's half hour is far from any limit,
    # yet the shift still ends at 23:00 of the day before.
    clock.advance(timedelta(hours=5, minutes=30))
    assert await end_shifts_over_limit(context) >= 1
    shift = await my_shift(db, courier)
    assert shift.hours_today == timedelta(0)
    assert shift.hours_7_days == LIMIT


async def test_a_courier_with_a_delivery_goes_off_shift_but_keeps_it(
    db: Database, courier: Actor, clock: FrozenClock, context: TaskContext
) -> None:
    clock.set(MORNING)
    await start_shift(db, courier)
    await set_active_deliveries(db, courier.telegram_id, 1)
    clock.advance(LIMIT)
    assert await end_shifts_over_limit(context) >= 1
    out = await get_courier(db, courier.telegram_id)
    assert (out.status, out.active_deliveries, out.free_capacity) == (CourierStatus.OFFLINE, 1, 0)
