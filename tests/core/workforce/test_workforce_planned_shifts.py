"""Planned shifts: today and the next six days, within one day, no overlaps, at most the day's
hours; only one's own are seen and removed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from workforce_people import ActorOf, NewCourier, NewPerson

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor
from core.shared.clock import FrozenClock
from core.shared.uow import Database
from core.workforce.api import (
    parse_time_range,
    plan_shift,
    planned_shifts,
    remove_planned_shift,
)
from core.workforce.errors import (
    PlannedHoursExceeded,
    PlannedShiftDayOutOfRange,
    PlannedShiftInPast,
    PlannedShiftsOverlap,
    PlannedShiftTimesInvalid,
    TimeRangeUnreadable,
)
from core.workforce.schemas import PlannedShiftOut

# Monday 2 March 2026, 10:00 in Moscow.
NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _morning(clock: FrozenClock) -> None:
    clock.set(NOW)


def spans(plans: list[PlannedShiftOut]) -> list[tuple[date, str, str]]:
    return [(p.day, f"{p.starts_at:%H:%M}", f"{p.ends_at:%H:%M}") for p in plans]  # UTC


async def test_plans_are_listed_soonest_first(db: Database, courier: Actor) -> None:
    late = await plan_shift(db, courier, TODAY + timedelta(days=6), time(20), time(0))
    assert (late.starts_at, late.ends_at) == (
        datetime(2026, 3, 8, 17, 0, tzinfo=UTC),
        datetime(2026, 3, 8, 21, 0, tzinfo=UTC),
    )
    assert late.duration == timedelta(hours=4)
    await plan_shift(db, courier, TODAY, time(12), time(16))
    await plan_shift(db, courier, TODAY + timedelta(days=1), time(8), time(12))
    assert spans(await planned_shifts(db, courier)) == [
        (TODAY, "09:00", "13:00"),
        (TODAY + timedelta(days=1), "05:00", "09:00"),
        (TODAY + timedelta(days=6), "17:00", "21:00"),
    ]


async def test_the_day_must_be_within_the_week_ahead(db: Database, courier: Actor) -> None:
    for day in (TODAY - timedelta(days=1), TODAY + timedelta(days=7)):
        with pytest.raises(PlannedShiftDayOutOfRange) as refused:
            await plan_shift(db, courier, day, time(12), time(16))
        assert refused.value.params == {"days": 7}


async def test_the_times_must_make_a_shift(db: Database, courier: Actor) -> None:
    tomorrow = TODAY + timedelta(days=1)
    for start, end in ((time(16), time(12)), (time(12), time(12)), (time(8), time(18, 30))):
        with pytest.raises(PlannedShiftTimesInvalid):
            await plan_shift(db, courier, tomorrow, start, end)
    with pytest.raises(PlannedShiftInPast):
        await plan_shift(db, courier, TODAY, time(8), time(12))


async def test_plans_do_not_overlap_or_exceed_the_day(db: Database, courier: Actor) -> None:
    tomorrow = TODAY + timedelta(days=1)
    await plan_shift(db, courier, tomorrow, time(8), time(12))
    await plan_shift(db, courier, tomorrow, time(12), time(16))  # touching is fine
    with pytest.raises(PlannedShiftsOverlap) as overlap:
        await plan_shift(db, courier, tomorrow, time(15), time(17))
    assert overlap.value.params == {"starts": "12:00", "ends": "16:00"}
    with pytest.raises(PlannedHoursExceeded) as exceeded:
        await plan_shift(db, courier, tomorrow, time(16), time(20))
    assert exceeded.value.params == {"hours": 10}
    await plan_shift(db, courier, tomorrow, time(16), time(18))
    # The next day is a day of its own.
    await plan_shift(db, courier, tomorrow + timedelta(days=1), time(8), time(18))


async def test_removing_a_plan(db: Database, courier: Actor, new_courier: NewCourier) -> None:
    planned = await plan_shift(db, courier, TODAY, time(12), time(16))
    other = await new_courier()
    assert await remove_planned_shift(db, other, planned.id) is False  # not theirs
    assert await planned_shifts(db, other) == []
    assert await remove_planned_shift(db, courier, planned.id) is True
    assert await remove_planned_shift(db, courier, planned.id) is False  # a double tap
    assert await planned_shifts(db, courier) == []


async def test_past_plans_drop_out_of_the_list(
    db: Database, courier: Actor, clock: FrozenClock
) -> None:
    await plan_shift(db, courier, TODAY, time(12), time(16))
    clock.advance(timedelta(hours=6))  # 16:00
    assert await planned_shifts(db, courier) == []


async def test_only_couriers_plan(db: Database, new_person: NewPerson, actor_of: ActorOf) -> None:
    customer = await actor_of(await new_person())
    with pytest.raises(PermissionDenied):
        await plan_shift(db, customer, TODAY, time(12), time(16))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10:00-18:00", time(10), time(18)),
        (" 8-12 ", time(8), time(12)),
        ("20:00–24:00", time(20), time(0)),
        ("9.30 — 13.45", time(9, 30), time(13, 45)),
    ],
)
def test_time_ranges_are_read(text: str, start: time, end: time) -> None:
    assert parse_time_range(text) == (start, end)


@pytest.mark.parametrize(
    "text", ["", "10", "10:00", "25-26", "24:00-02:00", "10:60-12:00", "завтра", "10:00-24:30"]
)
def test_unreadable_time_ranges_are_refused(text: str) -> None:
    with pytest.raises(TimeRangeUnreadable):
        parse_time_range(text)
