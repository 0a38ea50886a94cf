"""Courier profiles and how people become couriers: an invitation, or an application an admin
decides. Every change locks the courier's row first (it is also the lock of their shifts)."""

from __future__ import annotations

from contextlib import suppress

from sqlalchemy import select

from core.auth.api import get_user, grant_role, load_actor
from core.auth.errors import AlreadyHasRole, UserNotFound
from core.auth.policy import Actor, Permission, Role, allows, require
from core.customers.api import normalize_phone
from core.shared.uow import Transaction
from core.workforce._models import Courier
from core.workforce._rules import clean_name, clean_reason
from core.workforce.errors import (
    CourierApplicationDecided,
    CourierApplicationPending,
    CourierNotFound,
)
from core.workforce.events import CourierApplied, CourierApproved, CourierRejected
from core.workforce.schemas import (
    CAPACITY,
    ApplicationOut,
    ApplicationStatus,
    CourierOut,
    CourierStatus,
    JoinPath,
    Vehicle,
)

A = ApplicationStatus


def courier_out(row: Courier) -> CourierOut:
    vehicle = Vehicle(row.vehicle)
    return CourierOut(
        telegram_id=row.telegram_id,
        name=row.name,
        phone=row.phone,
        vehicle=vehicle,
        status=CourierStatus(row.status),
        approved=row.application == A.APPROVED.value,
        capacity=CAPACITY[vehicle],
        active_deliveries=row.active_deliveries,
        shift_started_at=row.shift_started_at,
    )


def application_out(row: Courier) -> ApplicationOut:
    return ApplicationOut(
        courier=courier_out(row),
        status=ApplicationStatus(row.application),
        joined_via=JoinPath(row.joined_via),
        applied_at=row.applied_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        rejection_reason=row.rejection_reason,
    )


async def find(tx: Transaction, telegram_id: int, *, lock: bool = False) -> Courier | None:
    statement = select(Courier).where(Courier.telegram_id == telegram_id)
    if lock:
        statement = statement.with_for_update()
    return (
        await tx.session.scalars(statement, execution_options={"populate_existing": True})
    ).one_or_none()


async def found(tx: Transaction, telegram_id: int, *, lock: bool = False) -> Courier:
    row = await find(tx, telegram_id, lock=lock)
    if row is None:
        raise CourierNotFound(telegram_id=telegram_id)
    return row


def require_self_or_manager(actor: Actor, courier_id: int) -> None:
    """The courier themselves, or someone who manages couriers."""
    if actor.telegram_id != courier_id:
        require(actor, Permission.MANAGE_COURIERS)


async def register(
    tx: Transaction, actor: Actor, name: str, phone: str, vehicle: Vehicle
) -> ApplicationOut:
    require(actor, Permission.EDIT_PERSON, subject_id=actor.telegram_id)
    name, phone, vehicle = clean_name(name), normalize_phone(phone), Vehicle(vehicle)
    if await get_user(tx.db, actor.telegram_id) is None:
        raise UserNotFound(telegram_id=actor.telegram_id)
    # Roles as stored now: an invitation may have been accepted since the actor was loaded.
    is_courier = (await load_actor(tx.db, actor.telegram_id)).has(Role.COURIER)
    now = tx.clock.now()
    row = await find(tx, actor.telegram_id, lock=True)
    # An application already waiting for admins: its alert must learn the outcome.
    waiting = row is not None and row.application == A.PENDING.value
    if row is None:
        row = Courier(
            telegram_id=actor.telegram_id,
            status=CourierStatus.OFFLINE.value,
            active_deliveries=0,
            created_at=now,
            applied_at=now,
            application=A.PENDING.value,
            joined_via=JoinPath.APPLICATION.value,
        )
        tx.session.add(row)
    elif waiting and not is_courier:
        raise CourierApplicationPending()
    row.name, row.phone, row.vehicle, row.updated_at = name, phone, vehicle.value, now
    if row.application == A.APPROVED.value:
        await tx.session.flush()  # a profile change; nothing to decide
        return application_out(row)
    row.decided_at, row.decided_by, row.rejection_reason = None, None, None
    if is_courier:
        if not waiting:  # the waiting one keeps its date: it names the admins' alert
            row.applied_at, row.joined_via = now, JoinPath.INVITATION.value
        row.application, row.decided_at = A.APPROVED.value, now
        await tx.session.flush()
        if waiting:
            await tx.publish(CourierApproved(courier_id=row.telegram_id, approved_by=None))
        return application_out(row)
    row.applied_at = now
    row.application, row.joined_via = A.PENDING.value, JoinPath.APPLICATION.value
    await tx.session.flush()
    await tx.publish(CourierApplied(courier_id=row.telegram_id, name=name, vehicle=vehicle))
    return application_out(row)


async def _pending(tx: Transaction, courier_id: int, target: ApplicationStatus) -> Courier | None:
    """The locked row if its application waits; None if it already reached ``target``."""
    row = await found(tx, courier_id, lock=True)
    if row.application == target.value:
        return None  # a repeat (a double-tapped button, a second admin): nothing to do
    if row.application != A.PENDING.value:
        raise CourierApplicationDecided(status=row.application)
    return row


async def approve(tx: Transaction, actor: Actor, courier_id: int) -> ApplicationOut:
    require(actor, Permission.MANAGE_COURIERS)
    row = await _pending(tx, courier_id, A.APPROVED)
    if row is None:
        return application_out(await found(tx, courier_id))
    row.application, row.decided_at, row.decided_by = (
        A.APPROVED.value,
        tx.clock.now(),
        actor.telegram_id,
    )
    row.updated_at = row.decided_at
    await tx.session.flush()
    # Granted meanwhile by other means (an invitation): the outcome is the same.
    with suppress(AlreadyHasRole):
        await grant_role(tx.db, actor, courier_id, Role.COURIER)
    await tx.publish(CourierApproved(courier_id=courier_id, approved_by=actor.telegram_id))
    return application_out(row)


async def reject(tx: Transaction, actor: Actor, courier_id: int, reason: str) -> ApplicationOut:
    require(actor, Permission.MANAGE_COURIERS)
    reason = clean_reason(reason)
    row = await _pending(tx, courier_id, A.REJECTED)
    if row is None:
        return application_out(await found(tx, courier_id))
    now = tx.clock.now()
    row.application, row.rejection_reason = A.REJECTED.value, reason
    row.decided_at, row.decided_by, row.updated_at = now, actor.telegram_id, now
    await tx.session.flush()
    await tx.publish(
        CourierRejected(courier_id=courier_id, reason=reason, rejected_by=actor.telegram_id)
    )
    return application_out(row)


async def applications(
    tx: Transaction, actor: Actor, status: ApplicationStatus, limit: int
) -> list[ApplicationOut]:
    require(actor, Permission.MANAGE_COURIERS)
    rows = (
        await tx.session.scalars(
            select(Courier)
            .where(Courier.application == status.value)
            .order_by(Courier.applied_at, Courier.telegram_id)
            .limit(max(1, min(limit, 200)))
        )
    ).all()
    return [application_out(row) for row in rows]


async def application_of(tx: Transaction, actor: Actor, courier_id: int) -> ApplicationOut | None:
    if not allows(actor, Permission.MANAGE_COURIERS):
        require(actor, Permission.VIEW_PERSON, subject_id=courier_id)
    row = await find(tx, courier_id)
    return application_out(row) if row is not None else None


async def role_granted(tx: Transaction, courier_id: int, granted_by: int | None) -> None:
    """The courier role arrived another way (an invitation, a grant): a waiting, rejected or
    retired courier is approved."""
    row = await find(tx, courier_id, lock=True)
    if row is None or row.application == A.APPROVED.value:
        return
    now = tx.clock.now()
    row.application, row.rejection_reason = A.APPROVED.value, None
    row.decided_at, row.decided_by, row.updated_at = now, granted_by, now
    await tx.session.flush()
    await tx.publish(CourierApproved(courier_id=courier_id, approved_by=None))
