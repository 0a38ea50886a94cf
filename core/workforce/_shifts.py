"""Shifts, breaks and status. Every change locks the courier's row first; a repeat of what
already happened (a double-tapped button) returns the state as it is."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, update

from core.auth.policy import Actor, Permission, require
from core.shared.uow import Transaction
from core.workforce._couriers import courier_out, find, found
from core.workforce._models import Courier, Shift
from core.workforce._rules import (
    MAX_SHIFT_HOURS_PER_DAY,
    MAX_SHIFT_PER_DAY,
    day_start,
    local_day,
    overlap,
)
from core.workforce.errors import (
    CourierBusy,
    CourierNotApproved,
    InvalidActiveDeliveries,
    NotOnShift,
    ShiftLimitReached,
)
from core.workforce.events import ShiftEnded, ShiftStarted
from core.workforce.schemas import (
    WORKING,
    ApplicationStatus,
    CourierOut,
    CourierStatus,
    ShiftEndReason,
    ShiftOut,
)

S = CourierStatus
DAY = timedelta(days=1)


def _working_status(row: Courier) -> CourierStatus:
    return S.DELIVERING if row.active_deliveries > 0 else S.AVAILABLE


async def worker(tx: Transaction, actor: Actor) -> Courier:
    """The actor's own courier row, locked, if they may work shifts."""
    require(actor, Permission.WORK_SHIFTS)
    row = await found(tx, actor.telegram_id, lock=True)
    if row.application != ApplicationStatus.APPROVED.value:
        raise CourierNotApproved()
    return row


async def worked(tx: Transaction, courier_id: int, since: datetime, until: datetime) -> timedelta:
    """Shift time within ``[since, until)``; an open shift counts up to now."""
    now = tx.clock.now()
    rows = (
        await tx.session.execute(
            select(Shift.started_at, Shift.ended_at).where(
                Shift.courier_id == courier_id,
                Shift.started_at < until,
                or_(Shift.ended_at.is_(None), Shift.ended_at > since),
            )
        )
    ).all()
    return sum((overlap(start, end or now, since, until) for start, end in rows), timedelta(0))


async def shift_out(tx: Transaction, row: Courier) -> ShiftOut:
    now = tx.clock.now()
    today = local_day(now)
    return ShiftOut(
        courier=courier_out(row),
        on_break_since=row.break_started_at,
        hours_today=await worked(tx, row.telegram_id, day_start(today), now),
        hours_7_days=await worked(tx, row.telegram_id, day_start(today - 6 * DAY), now),
        limit_per_day=MAX_SHIFT_PER_DAY,
    )


async def my_shift(tx: Transaction, actor: Actor) -> ShiftOut:
    return await shift_out(tx, await found(tx, actor.telegram_id))


async def start(tx: Transaction, actor: Actor) -> ShiftOut:
    row = await worker(tx, actor)
    if row.status != S.OFFLINE.value:
        return await shift_out(tx, row)
    now = tx.clock.now()
    if await worked(tx, row.telegram_id, day_start(local_day(now)), now) >= MAX_SHIFT_PER_DAY:
        raise ShiftLimitReached(hours=MAX_SHIFT_HOURS_PER_DAY)
    shift = Shift(courier_id=row.telegram_id, started_at=now)
    tx.session.add(shift)
    row.status, row.shift_started_at, row.updated_at = _working_status(row).value, now, now
    await tx.session.flush()
    await tx.publish(ShiftStarted(courier_id=row.telegram_id, shift_id=shift.id, started_at=now))
    return await shift_out(tx, row)


async def take_break(tx: Transaction, actor: Actor) -> ShiftOut:
    row = await worker(tx, actor)
    if row.status == S.OFFLINE.value:
        raise NotOnShift()
    if row.status != S.ON_BREAK.value:
        if row.active_deliveries > 0:
            raise CourierBusy(count=row.active_deliveries)
        now = tx.clock.now()
        row.status, row.break_started_at, row.updated_at = S.ON_BREAK.value, now, now
        await tx.session.flush()
    return await shift_out(tx, row)


async def end_break(tx: Transaction, actor: Actor) -> ShiftOut:
    row = await worker(tx, actor)
    if row.status == S.OFFLINE.value:
        raise NotOnShift()
    if row.status == S.ON_BREAK.value:
        row.status, row.break_started_at = _working_status(row).value, None
        row.updated_at = tx.clock.now()
        await tx.session.flush()
    return await shift_out(tx, row)


async def end(tx: Transaction, actor: Actor) -> ShiftOut:
    row = await worker(tx, actor)
    if row.status == S.OFFLINE.value:
        return await shift_out(tx, row)
    if row.active_deliveries > 0:
        raise CourierBusy(count=row.active_deliveries)
    await close(tx, row, tx.clock.now(), ShiftEndReason.COURIER)
    return await shift_out(tx, row)


async def close(tx: Transaction, row: Courier, at: datetime, reason: ShiftEndReason) -> None:
    """End the locked courier's open shift at ``at``; they are offline afterwards."""
    shift = (
        await tx.session.scalars(
            update(Shift)
            .where(Shift.courier_id == row.telegram_id, Shift.ended_at.is_(None))
            .values(ended_at=at, end_reason=reason.value)
            .returning(Shift),
            execution_options={"populate_existing": True},
        )
    ).one_or_none()
    row.status, row.shift_started_at, row.break_started_at = S.OFFLINE.value, None, None
    row.updated_at = tx.clock.now()
    await tx.session.flush()
    if shift is not None:
        await tx.publish(
            ShiftEnded(
                courier_id=row.telegram_id,
                shift_id=shift.id,
                started_at=shift.started_at,
                ended_at=at,
                reason=reason,
            )
        )


async def retire(tx: Transaction, courier_id: int) -> None:
    """The courier role was taken back: end the shift, and the courier is no longer approved."""
    row = await find(tx, courier_id, lock=True)
    if row is None or row.application != ApplicationStatus.APPROVED.value:
        return
    if row.status != S.OFFLINE.value:
        await close(tx, row, tx.clock.now(), ShiftEndReason.RETIRED)
    row.application = ApplicationStatus.RETIRED.value
    row.updated_at = tx.clock.now()
    await tx.session.flush()


# -- the daily limit -------------------------------------------------------------------------


async def over_limit_candidates(tx: Transaction) -> list[int]:
    """Couriers on shift with at least the day's limit worked since yesterday's midnight: a
    superset of those over the limit on either day (each is checked exactly afterwards)."""
    now = tx.clock.now()
    since = day_start(local_day(now) - DAY)
    end = func.coalesce(Shift.ended_at, literal(now))
    seconds = func.sum(func.extract("epoch", end - func.greatest(Shift.started_at, since)))
    on_shift = select(Shift.courier_id).where(Shift.ended_at.is_(None))
    rows = await tx.session.scalars(
        select(Shift.courier_id)
        .where(Shift.courier_id.in_(on_shift), Shift.started_at < now, end > since)
        .group_by(Shift.courier_id)
        .having(seconds >= MAX_SHIFT_PER_DAY.total_seconds())
        .order_by(Shift.courier_id)
    )
    return list(rows.all())


async def end_if_over_limit(tx: Transaction, courier_id: int) -> bool:
    """End the courier's shift at the moment yesterday's or today's limit was reached."""
    row = await find(tx, courier_id, lock=True)
    if row is None or row.status == S.OFFLINE.value or row.shift_started_at is None:
        return False
    now = tx.clock.now()
    today = local_day(now)
    for day in (today - DAY, today):
        since, until = day_start(day), min(day_start(day + DAY), now)
        if row.shift_started_at >= until:
            continue  # the open shift began after that day: its hours are closed history
        spent = await worked(tx, courier_id, since, until)
        if spent >= MAX_SHIFT_PER_DAY:
            reached = max(until - (spent - MAX_SHIFT_PER_DAY), row.shift_started_at, since)
            await close(tx, row, reached, ShiftEndReason.LIMIT)
            return True
    return False


# -- what logistics and dispatch ask -----------------------------------------------------------


async def set_active_deliveries(tx: Transaction, courier_id: int, count: int) -> CourierOut:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InvalidActiveDeliveries(count=str(count))
    row = await found(tx, courier_id, lock=True)
    row.active_deliveries = count
    if S(row.status) in WORKING:
        row.status = _working_status(row).value
    row.updated_at = tx.clock.now()
    await tx.session.flush()
    return courier_out(row)


async def on_shift(tx: Transaction, ids: Collection[int] | None) -> dict[int, CourierOut]:
    where: list[ColumnElement[bool]] = [
        Courier.application == ApplicationStatus.APPROVED.value,
        Courier.status.in_([status.value for status in WORKING]),
    ]
    if ids is not None:
        if not ids:
            return {}
        where.append(Courier.telegram_id.in_(list(ids)))
    rows = (
        await tx.session.scalars(select(Courier).where(and_(*where)).order_by(Courier.telegram_id))
    ).all()
    return {row.telegram_id: courier_out(row) for row in rows}
