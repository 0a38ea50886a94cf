"""Planned shifts: what a courier means to work over the next days. Changes run under the
courier's row lock, so two additions at once cannot both squeeze into one day."""

from __future__ import annotations

from datetime import date, time, timedelta
from uuid import UUID

from sqlalchemy import delete, select

from core.auth.policy import Actor
from core.shared.uow import Transaction
from core.workforce._models import PlannedShift
from core.workforce._rules import (
    MAX_SHIFT_HOURS_PER_DAY,
    MAX_SHIFT_PER_DAY,
    PLAN_DAYS,
    WORK_TIMEZONE,
    day_start,
    local_day,
    slot,
)
from core.workforce._shifts import worker
from core.workforce.errors import (
    PlannedHoursExceeded,
    PlannedShiftDayOutOfRange,
    PlannedShiftInPast,
    PlannedShiftsOverlap,
    PlannedShiftTimesInvalid,
)
from core.workforce.schemas import PlannedShiftOut

DAY = timedelta(days=1)


def planned_out(row: PlannedShift) -> PlannedShiftOut:
    return PlannedShiftOut(
        id=row.id,
        courier_id=row.courier_id,
        day=local_day(row.starts_at),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
    )


async def plan(tx: Transaction, actor: Actor, day: date, start: time, end: time) -> PlannedShiftOut:
    row = await worker(tx, actor)
    now = tx.clock.now()
    today = local_day(now)
    if not today <= day < today + PLAN_DAYS * DAY:
        raise PlannedShiftDayOutOfRange(days=PLAN_DAYS)
    starts, ends = slot(day, start, end)
    if not timedelta(0) < ends - starts <= MAX_SHIFT_PER_DAY:
        raise PlannedShiftTimesInvalid(hours=MAX_SHIFT_HOURS_PER_DAY)
    if starts < now:
        raise PlannedShiftInPast()
    same_day = (
        await tx.session.scalars(
            select(PlannedShift).where(
                PlannedShift.courier_id == row.telegram_id,
                PlannedShift.starts_at >= day_start(day),
                PlannedShift.starts_at < day_start(day + DAY),
            )
        )
    ).all()
    for other in same_day:
        if other.starts_at < ends and other.ends_at > starts:
            raise PlannedShiftsOverlap(
                starts=other.starts_at.astimezone(WORK_TIMEZONE).strftime("%H:%M"),
                ends=other.ends_at.astimezone(WORK_TIMEZONE).strftime("%H:%M"),
            )
    planned = sum((other.ends_at - other.starts_at for other in same_day), timedelta(0))
    if planned + (ends - starts) > MAX_SHIFT_PER_DAY:
        raise PlannedHoursExceeded(hours=MAX_SHIFT_HOURS_PER_DAY)
    added = PlannedShift(courier_id=row.telegram_id, starts_at=starts, ends_at=ends, created_at=now)
    tx.session.add(added)
    await tx.session.flush()
    return planned_out(added)


async def remove(tx: Transaction, actor: Actor, planned_id: UUID) -> bool:
    row = await worker(tx, actor)
    # Someone else's plan is as good as none: the id came from callback data.
    removed = (
        await tx.session.scalars(
            delete(PlannedShift)
            .where(PlannedShift.id == planned_id, PlannedShift.courier_id == row.telegram_id)
            .returning(PlannedShift.id)
        )
    ).one_or_none()
    return removed is not None


async def upcoming(tx: Transaction, courier_id: int) -> list[PlannedShiftOut]:
    now = tx.clock.now()
    horizon = day_start(local_day(now) + PLAN_DAYS * DAY)
    rows = (
        await tx.session.scalars(
            select(PlannedShift)
            .where(
                PlannedShift.courier_id == courier_id,
                PlannedShift.ends_at > now,
                PlannedShift.starts_at < horizon,
            )
            .order_by(PlannedShift.starts_at, PlannedShift.id)
        )
    ).all()
    return [planned_out(row) for row in rows]
