"""workforce commands and queries.

Commands acting for a person take the ``actor`` (core.auth.policy): a courier completes their
own profile and works their own shifts; admins decide applications. ``get_courier``,
``couriers_on_shift`` and ``set_active_deliveries`` take none: they are for core.logistics
(dispatch and the count of deliveries in hand), not for adapters on a person's say-so.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, time
from uuid import UUID

from core.auth.policy import Actor
from core.shared.uow import Database, Transaction, command
from core.workforce import _couriers, _plans, _shifts
from core.workforce._rules import (
    MAX_SHIFT_HOURS_PER_DAY,
    PLAN_DAYS,
    WORK_TIMEZONE,
    WORK_TIMEZONE_NAME,
    clean_name,
    local_day,
    parse_time_range,
)
from core.workforce.schemas import (
    ApplicationOut,
    ApplicationStatus,
    CourierOut,
    PlannedShiftOut,
    ShiftOut,
    Vehicle,
)

__all__ = [
    "MAX_SHIFT_HOURS_PER_DAY",
    "PLAN_DAYS",
    "WORK_TIMEZONE",
    "WORK_TIMEZONE_NAME",
    "approve_courier",
    "check_courier_name",
    "courier_application",
    "courier_applications",
    "couriers_on_shift",
    "end_break",
    "end_shift",
    "end_shifts_over_limit",
    "get_courier",
    "local_day",
    "my_shift",
    "parse_time_range",
    "plan_shift",
    "planned_shifts",
    "register_courier",
    "reject_courier",
    "remove_planned_shift",
    "set_active_deliveries",
    "start_shift",
    "take_break",
]


# -- onboarding ------------------------------------------------------------------------------


def check_courier_name(text: str) -> str:
    """The name tidied on one line, or ``InvalidCourierName`` (for a dialog's step)."""
    return clean_name(text)


@command
async def register_courier(
    tx: Transaction, actor: Actor, name: str, phone: str, vehicle: Vehicle
) -> ApplicationOut:
    """Complete one's courier profile: approved at once with the courier role (an invitation),
    else an application for admins; an approved courier changes their profile this way."""
    return await _couriers.register(tx, actor, name, phone, vehicle)


@command
async def approve_courier(tx: Transaction, actor: Actor, courier_id: int) -> ApplicationOut:
    """Approve a waiting application and grant the courier role (admins); repeats are harmless."""
    return await _couriers.approve(tx, actor, courier_id)


@command
async def reject_courier(
    tx: Transaction, actor: Actor, courier_id: int, reason: str
) -> ApplicationOut:
    """Turn a waiting application down with a reason the applicant will be told (admins)."""
    return await _couriers.reject(tx, actor, courier_id, reason)


@command
async def courier_applications(
    tx: Transaction,
    actor: Actor,
    status: ApplicationStatus = ApplicationStatus.PENDING,
    *,
    limit: int = 50,
) -> list[ApplicationOut]:
    """Applications in ``status``, oldest first: the admins' review queue."""
    return await _couriers.applications(tx, actor, status, limit)


@command
async def courier_application(
    tx: Transaction, actor: Actor, courier_id: int
) -> ApplicationOut | None:
    """A courier's profile and application (their own, or anyone's for admins and support)."""
    return await _couriers.application_of(tx, actor, courier_id)


# -- shifts ----------------------------------------------------------------------------------


@command
async def my_shift(tx: Transaction, actor: Actor) -> ShiftOut:
    """The actor's status, shift and hours today and over seven days."""
    return await _shifts.my_shift(tx, actor)


@command
async def start_shift(tx: Transaction, actor: Actor) -> ShiftOut:
    """Go on shift (approved couriers, while the day's hours last)."""
    return await _shifts.start(tx, actor)


@command
async def take_break(tx: Transaction, actor: Actor) -> ShiftOut:
    """Pause offers while staying on shift (no delivery in hand)."""
    return await _shifts.take_break(tx, actor)


@command
async def end_break(tx: Transaction, actor: Actor) -> ShiftOut:
    """Come back from a break to take offers again."""
    return await _shifts.end_break(tx, actor)


@command
async def end_shift(tx: Transaction, actor: Actor) -> ShiftOut:
    """Go off shift (every delivery in hand finished first)."""
    return await _shifts.end(tx, actor)


async def end_shifts_over_limit(db: Database) -> int:
    """End every shift that ran past the day's hours, each in its own transaction; returns how
    many were ended."""
    ended = 0
    for courier_id in await db.run(_shifts.over_limit_candidates):
        if await _end_if_over_limit(db, courier_id):
            ended += 1
    return ended


@command
async def _end_if_over_limit(tx: Transaction, courier_id: int) -> bool:
    return await _shifts.end_if_over_limit(tx, courier_id)


# -- planned shifts --------------------------------------------------------------------------


@command
async def plan_shift(
    tx: Transaction, actor: Actor, day: date, start: time, end: time
) -> PlannedShiftOut:
    """Plan a shift on ``day`` (today and the next six) from ``start`` to ``end`` (00:00: the
    day's end), not overlapping another and within the day's hours."""
    return await _plans.plan(tx, actor, day, start, end)


@command
async def remove_planned_shift(tx: Transaction, actor: Actor, planned_id: UUID) -> bool:
    """Drop one of one's planned shifts; False if there was none (already removed)."""
    return await _plans.remove(tx, actor, planned_id)


@command
async def planned_shifts(tx: Transaction, actor: Actor) -> list[PlannedShiftOut]:
    """The actor's planned shifts not yet over, within the next seven days, soonest first."""
    return await _plans.upcoming(tx, actor.telegram_id)


# -- for logistics ---------------------------------------------------------------------------


@command
async def get_courier(tx: Transaction, telegram_id: int) -> CourierOut:
    """A courier's profile and status now (``CourierNotFound`` if they have none)."""
    return _couriers.courier_out(await _couriers.found(tx, telegram_id))


@command
async def couriers_on_shift(
    tx: Transaction, ids: Collection[int] | None = None
) -> dict[int, CourierOut]:
    """Approved couriers on shift and taking offers (available or delivering), by id; with
    ``ids``, only those among them."""
    return await _shifts.on_shift(tx, ids)


@command
async def set_active_deliveries(tx: Transaction, courier_id: int, count: int) -> CourierOut:
    """Record how many deliveries the courier has in hand: ``delivering`` above 0, else
    ``available`` (a courier on a break or off shift keeps that status)."""
    return await _shifts.set_active_deliveries(tx, courier_id, count)
