"""Reading deliveries: the courier's card and list, support's board, the customer's code, a
courier's statistics, offers."""

from __future__ import annotations

import uuid
from typing import Final

from sqlalchemy import func, select

from core.auth.api import load_actor
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, allows, require
from core.customers.api import get_profile
from core.logistics import _deliveries
from core.logistics._models import CourierEarning, Delivery, DeliveryOffer
from core.logistics.errors import OfferNotFound
from core.logistics.schemas import (
    FINAL,
    IN_HAND,
    CourierStats,
    DeliveryOut,
    DeliveryStatus,
    OfferOut,
    OfferStatus,
)
from core.shared.money import Money
from core.shared.uow import Transaction, command

PAGE_MAX: Final = 200


async def _phone(tx: Transaction, row: Delivery) -> str | None:
    # The customer may read their own profile: ask with their authority, not a back door.
    profile = await get_profile(tx.db, await load_actor(tx.db, row.customer_id), row.customer_id)
    return profile.phone if profile is not None else None


async def _courier_out(tx: Transaction, row: Delivery) -> DeliveryOut:
    in_hand = DeliveryStatus(row.status) in IN_HAND
    return _deliveries.out(row, phone=await _phone(tx, row) if in_hand else None)


@command
async def courier_view(tx: Transaction, actor: Actor, delivery_id: uuid.UUID) -> DeliveryOut:
    """A delivery for the courier who has it (with the customer's phone while it is in hand),
    for a courier it is offered to now, or for support (without the phone)."""
    row = await _deliveries.load(tx, delivery_id)
    if row.courier_id is not None and allows(
        actor, Permission.HANDLE_DELIVERY, subject_id=row.courier_id
    ):
        return await _courier_out(tx, row)
    if allows(actor, Permission.HANDLE_TICKETS):
        return _deliveries.out(row)
    offered = await tx.session.scalar(
        select(DeliveryOffer.id).where(
            DeliveryOffer.delivery_id == row.id,
            DeliveryOffer.courier_id == actor.telegram_id,
            DeliveryOffer.status == OfferStatus.OPEN.value,
        )
    )
    if offered is not None and allows(
        actor, Permission.HANDLE_DELIVERY, subject_id=actor.telegram_id
    ):
        return _deliveries.out(row)
    raise PermissionDenied(
        "this delivery is not this account's", permission=Permission.HANDLE_DELIVERY.value
    )


@command
async def my_deliveries(tx: Transaction, actor: Actor) -> list[DeliveryOut]:
    """The courier's deliveries in hand, the soonest promised first, with customers' phones."""
    require(actor, Permission.HANDLE_DELIVERY, subject_id=actor.telegram_id)
    rows = await tx.session.scalars(
        select(Delivery)
        .where(
            Delivery.courier_id == actor.telegram_id,
            Delivery.status.in_([s.value for s in IN_HAND]),
        )
        .order_by(Delivery.promised_at, Delivery.id),
        execution_options={"populate_existing": True},
    )
    return [await _courier_out(tx, row) for row in rows]


@command
async def deliveries_for_support(
    tx: Transaction, actor: Actor, *, at_risk_only: bool = False, limit: int = 100
) -> list[DeliveryOut]:
    """Deliveries not finished yet, the soonest promised first (``at_risk_only``: those
    flagged by the SLA check)."""
    require(actor, Permission.HANDLE_TICKETS)
    query = select(Delivery).where(Delivery.status.not_in([s.value for s in FINAL]))
    if at_risk_only:
        query = query.where(Delivery.at_risk_at.is_not(None))
    rows = await tx.session.scalars(
        query.order_by(Delivery.promised_at, Delivery.id).limit(max(1, min(limit, PAGE_MAX))),
        execution_options={"populate_existing": True},
    )
    return [_deliveries.out(row) for row in rows]


@command
async def delivery_of_order(
    tx: Transaction, actor: Actor, order_id: uuid.UUID
) -> DeliveryOut | None:
    """The order's delivery for its customer or support (no phone, no code), if one exists."""
    row = await _deliveries.of_order(tx, order_id)
    if row is None:
        return None
    _ensure_customer_or_support(actor, row)
    return _deliveries.out(row)


def _ensure_customer_or_support(actor: Actor, row: Delivery) -> None:
    if actor.telegram_id == row.customer_id or allows(actor, Permission.HANDLE_TICKETS):
        return
    raise PermissionDenied(
        "only the customer and support see this", permission=Permission.VIEW_PERSON.value
    )


@command
async def handover_code(tx: Transaction, actor: Actor, delivery_id: uuid.UUID) -> str:
    """The 4-digit code the customer gives the courier: for the customer and support only."""
    row = await _deliveries.load(tx, delivery_id)
    _ensure_customer_or_support(actor, row)
    return row.handover_code


@command
async def get_offer(tx: Transaction, actor: Actor, offer_id: uuid.UUID) -> OfferOut:
    """An offer, for the courier it was made to or support."""
    row = await tx.session.get(DeliveryOffer, offer_id, populate_existing=True)
    if row is None:
        raise OfferNotFound(offer_id=offer_id)
    if not (
        allows(actor, Permission.HANDLE_DELIVERY, subject_id=row.courier_id)
        or allows(actor, Permission.HANDLE_TICKETS)
    ):
        raise PermissionDenied(
            "this offer was made to someone else", permission=Permission.HANDLE_DELIVERY.value
        )
    return _deliveries.offer_out(row)


@command
async def my_open_offer(tx: Transaction, actor: Actor) -> OfferOut | None:
    """The offer waiting for the courier's answer now, if any (it may be past its time until
    the dispatcher closes it)."""
    require(actor, Permission.HANDLE_DELIVERY, subject_id=actor.telegram_id)
    row = await tx.session.scalar(
        select(DeliveryOffer).where(
            DeliveryOffer.courier_id == actor.telegram_id,
            DeliveryOffer.status == OfferStatus.OPEN.value,
        ),
        execution_options={"populate_existing": True},
    )
    return _deliveries.offer_out(row) if row is not None else None


@command
async def courier_stats(tx: Transaction, actor: Actor, courier_id: int) -> CourierStats:
    """The courier's deliveries, earnings and answers to offers: for them, support and admins."""
    if not (
        allows(actor, Permission.HANDLE_DELIVERY, subject_id=courier_id)
        or allows(actor, Permission.HANDLE_TICKETS)
        or allows(actor, Permission.MANAGE_COURIERS)
    ):
        raise PermissionDenied(
            "these are someone else's statistics", permission=Permission.MANAGE_COURIERS.value
        )
    done, earned = (
        await tx.session.execute(
            select(func.count(), func.coalesce(func.sum(CourierEarning.amount_minor), 0)).where(
                CourierEarning.courier_id == courier_id
            )
        )
    ).one()
    returned = await tx.session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.courier_id == courier_id, Delivery.status == DeliveryStatus.RETURNED.value)
    )
    answers = dict(
        (
            await tx.session.execute(
                select(DeliveryOffer.status, func.count())
                .where(DeliveryOffer.courier_id == courier_id)
                .group_by(DeliveryOffer.status)
            )
        ).all()
    )
    return CourierStats(
        courier_id=courier_id,
        deliveries_done=int(done),
        deliveries_returned=int(returned or 0),
        earnings=Money(int(earned)),
        offers_accepted=int(answers.get(OfferStatus.ACCEPTED.value, 0)),
        offers_declined=int(answers.get(OfferStatus.DECLINED.value, 0)),
        offers_expired=int(answers.get(OfferStatus.EXPIRED.value, 0)),
    )
