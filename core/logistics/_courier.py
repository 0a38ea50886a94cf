"""What couriers and support do with a delivery: answer offers, pick up, hand over with the
customer's code, wait for an unreachable customer and bring the order back, assign by hand.

Each step locks the delivery row first, then its offers, then moves the order through
core.orders (which locks the order), then reports the courier's deliveries in hand to
core.workforce: one order of locks everywhere, so two steps at once never deadlock.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from sqlalchemy import insert, select, update

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, allows, require
from core.logistics import _deliveries, _nudge
from core.logistics._deliveries import MAX_CODE_ATTEMPTS
from core.logistics._models import CourierEarning, Delivery, DeliveryOffer
from core.logistics.errors import (
    CourierUnavailable,
    DeliveryStateChanged,
    HandoverBlocked,
    HandoverCodeWrong,
    OfferClosed,
    OfferExpired,
    OfferNotFound,
    WaitNotOver,
)
from core.logistics.events import (
    CourierAssigned,
    CustomerUnreachable,
    Delivered,
    HandoverLocked,
    OfferDeclined,
    PickedUp,
    Returned,
)
from core.logistics.schemas import DeliveryOut, DeliveryStatus, OfferStatus
from core.orders.api import assign_courier, mark_delivered, mark_delivery_failed, mark_picked_up
from core.shared.ids import new_id
from core.shared.uow import Database, Transaction, command
from core.workforce.api import get_courier
from core.workforce.errors import CourierNotFound

S = DeliveryStatus
WAIT_FOR_CUSTOMER: Final = timedelta(minutes=10)
"""How long a courier waits for an unreachable customer before bringing the order back."""

_OPEN = OfferStatus.OPEN.value


def _is_support(actor: Actor) -> bool:
    return allows(actor, Permission.HANDLE_TICKETS)


def ensure_courier_of(actor: Actor, row: Delivery, *, support_too: bool = False) -> None:
    """The courier who has the delivery (or, with ``support_too``, support) may act on it."""
    if support_too and _is_support(actor):
        return
    if row.courier_id is None or not allows(
        actor, Permission.HANDLE_DELIVERY, subject_id=row.courier_id
    ):
        raise PermissionDenied(
            "this delivery is not this account's", permission=Permission.HANDLE_DELIVERY.value
        )


async def _ensure_free(tx: Transaction, courier_id: int) -> None:
    try:
        courier = await get_courier(tx.db, courier_id)
    except CourierNotFound:
        raise CourierUnavailable(courier_id=courier_id) from None
    if courier.free_capacity <= 0:
        raise CourierUnavailable(courier_id=courier_id)


async def _assign(
    tx: Transaction,
    actor: Actor | None,
    row: Delivery,
    courier_id: int,
    offer_id: uuid.UUID | None,
) -> Delivery:
    now = tx.clock.now()
    moved = await _deliveries.move(
        tx, row, S.ASSIGNED, (S.SEARCHING,), {"courier_id": courier_id, "assigned_at": now}
    )
    await assign_courier(tx.db, actor, moved.order_id, courier_id)
    await _deliveries.recount(tx, courier_id)
    await tx.publish(
        CourierAssigned(
            **_deliveries.facts(moved),
            courier_id=courier_id,
            offer_id=offer_id,
            by=None if actor is None else actor.telegram_id,
        )
    )
    return moved


# -- offers ------------------------------------------------------------------------------------


async def _offer(tx: Transaction, offer_id: uuid.UUID) -> DeliveryOffer:
    row = await tx.session.scalar(
        select(DeliveryOffer).where(DeliveryOffer.id == offer_id),
        execution_options={"populate_existing": True},
    )
    if row is None:
        raise OfferNotFound(offer_id=offer_id)
    return row


def _ensure_offered_to(actor: Actor, offer: DeliveryOffer) -> None:
    if not allows(actor, Permission.HANDLE_DELIVERY, subject_id=offer.courier_id):
        raise PermissionDenied(
            "this offer was made to someone else", permission=Permission.HANDLE_DELIVERY.value
        )


@command
async def accept_offer(tx: Transaction, actor: Actor, offer_id: uuid.UUID) -> DeliveryOut:
    """The courier takes the delivery offered to them, if the offer is still open in time."""
    offer = await _offer(tx, offer_id)
    _ensure_offered_to(actor, offer)
    row = await _deliveries.load(tx, offer.delivery_id, lock=True)
    # Read again under the delivery's lock: a tap a moment ago may have taken it.
    offer = await _offer(tx, offer_id)
    if offer.status == OfferStatus.ACCEPTED.value:
        return _deliveries.out(row)  # a double tap
    now = tx.clock.now()
    taken = await tx.session.scalar(
        update(DeliveryOffer)
        .where(
            DeliveryOffer.id == offer_id,
            DeliveryOffer.status == _OPEN,
            DeliveryOffer.expires_at > now,
        )
        .values(status=OfferStatus.ACCEPTED.value, answered_at=now)
        .returning(DeliveryOffer.id)
    )
    if taken is None:
        offer = await _offer(tx, offer_id)
        if offer.status in (_OPEN, OfferStatus.EXPIRED.value):
            raise OfferExpired(offer_id=offer_id)
        raise OfferClosed(offer_id=offer_id, status=offer.status)
    await _ensure_free(tx, offer.courier_id)
    moved = await _assign(tx, None, row, offer.courier_id, offer_id)
    return _deliveries.out(moved)


@command
async def decline_offer(tx: Transaction, actor: Actor, offer_id: uuid.UUID) -> None:
    """The courier turns the offer down; it goes to the next courier. Answering an offer that
    expired or was withdrawn meanwhile changes nothing."""
    offer = await _offer(tx, offer_id)
    _ensure_offered_to(actor, offer)
    if offer.status == OfferStatus.ACCEPTED.value:
        raise OfferClosed(offer_id=offer_id, status=offer.status)
    declined = await tx.session.scalar(
        update(DeliveryOffer)
        .where(DeliveryOffer.id == offer_id, DeliveryOffer.status == _OPEN)
        .values(status=OfferStatus.DECLINED.value, answered_at=tx.clock.now())
        .returning(DeliveryOffer.id)
    )
    if declined is None:
        now = await _offer(tx, offer_id)
        if now.status == OfferStatus.ACCEPTED.value:
            raise OfferClosed(offer_id=offer_id, status=now.status)
        return
    row = await _deliveries.load(tx, offer.delivery_id)
    await tx.publish(
        OfferDeclined(**_deliveries.facts(row), offer_id=offer_id, courier_id=offer.courier_id)
    )
    _nudge.NUDGES.after_commit(tx)


# -- by hand -----------------------------------------------------------------------------------


@command
async def assign_manually(
    tx: Transaction, actor: Actor, delivery_id: uuid.UUID, courier_id: int
) -> DeliveryOut:
    """Support gives a searching delivery to a courier on shift with room for it; an open
    offer for it is withdrawn."""
    require(actor, Permission.HANDLE_TICKETS)
    row = await _deliveries.load(tx, delivery_id, lock=True)
    if row.status != S.SEARCHING.value:
        raise DeliveryStateChanged(status=row.status, target=S.ASSIGNED.value)
    await _ensure_free(tx, courier_id)
    await _deliveries.withdraw_offers(tx, row, "assigned")
    moved = await _assign(tx, actor, row, courier_id, None)
    return _deliveries.out(moved)


# -- at the shop and at the door ---------------------------------------------------------------


@command
async def confirm_pickup(tx: Transaction, actor: Actor, delivery_id: uuid.UUID) -> DeliveryOut:
    """The courier took the order from the shop and is on the way to the customer."""
    row = await _deliveries.load(tx, delivery_id, lock=True)
    ensure_courier_of(actor, row)
    if row.status == S.PICKED_UP.value:
        return _deliveries.out(row)  # a double tap
    moved = await _deliveries.move(
        tx, row, S.PICKED_UP, (S.ASSIGNED,), {"picked_up_at": tx.clock.now()}
    )
    await mark_picked_up(tx.db, actor, moved.order_id)
    assert moved.courier_id is not None
    await _deliveries.recount(tx, moved.courier_id)
    await tx.publish(PickedUp(**_deliveries.facts(moved), courier_id=moved.courier_id))
    return _deliveries.out(moved)


@dataclass(frozen=True)
class _Wrong:
    attempts_left: int


async def hand_over(db: Database, actor: Actor, delivery_id: uuid.UUID, code: str) -> DeliveryOut:
    """The courier hands the order over with the customer's code; the earning is recorded.

    A wrong code counts (and stays counted: the attempt is committed before
    ``HandoverCodeWrong`` is raised); the ``MAX_CODE_ATTEMPTS``-th locks the handover
    (``HandoverBlocked``) until support resets it.
    """
    outcome = await db.run(lambda tx: _hand_over(tx, actor, delivery_id, code))
    if isinstance(outcome, _Wrong):
        if outcome.attempts_left <= 0:
            raise HandoverBlocked(delivery_id=delivery_id)
        raise HandoverCodeWrong(attempts_left=outcome.attempts_left)
    return outcome


async def _hand_over(
    tx: Transaction, actor: Actor, delivery_id: uuid.UUID, code: str
) -> DeliveryOut | _Wrong:
    row = await _deliveries.load(tx, delivery_id, lock=True)
    ensure_courier_of(actor, row)
    if row.status == S.DELIVERED.value:
        return _deliveries.out(row)  # a double tap
    if row.status not in (S.PICKED_UP.value, S.AWAITING_CUSTOMER.value):
        raise DeliveryStateChanged(status=row.status, target=S.DELIVERED.value)
    if row.handover_attempts >= MAX_CODE_ATTEMPTS:
        raise HandoverBlocked(delivery_id=delivery_id)
    if not secrets.compare_digest(code.strip().encode(), row.handover_code.encode()):
        attempts = row.handover_attempts + 1
        await tx.session.execute(
            update(Delivery)
            .where(Delivery.id == row.id)
            .values(handover_attempts=attempts, updated_at=tx.clock.now())
        )
        if attempts >= MAX_CODE_ATTEMPTS:
            assert row.courier_id is not None
            await tx.publish(HandoverLocked(**_deliveries.facts(row), courier_id=row.courier_id))
        return _Wrong(MAX_CODE_ATTEMPTS - attempts)
    now = tx.clock.now()
    moved = await _deliveries.move(
        tx,
        row,
        S.DELIVERED,
        (S.PICKED_UP, S.AWAITING_CUSTOMER),
        {"wait_until": None, "finished_at": now},
    )
    await mark_delivered(tx.db, actor, moved.order_id)
    assert moved.courier_id is not None
    await tx.session.execute(
        insert(CourierEarning).values(
            id=new_id(),
            courier_id=moved.courier_id,
            delivery_id=moved.id,
            amount_minor=moved.earning_minor,
            currency=moved.currency,
            distance_m=moved.distance_m,
            earned_at=now,
        )
    )
    await _deliveries.recount(tx, moved.courier_id)
    await tx.publish(
        Delivered(
            **_deliveries.facts(moved),
            courier_id=moved.courier_id,
            earning_minor=moved.earning_minor,
            currency=moved.currency,
        )
    )
    return _deliveries.out(moved)


@command
async def reset_handover(tx: Transaction, actor: Actor, delivery_id: uuid.UUID) -> DeliveryOut:
    """Support lets the courier try the code again (after talking to the customer)."""
    require(actor, Permission.HANDLE_TICKETS)
    row = await _deliveries.load(tx, delivery_id, lock=True)
    moved: Delivery | None = await tx.session.scalar(
        update(Delivery)
        .where(Delivery.id == row.id)
        .values(handover_attempts=0, updated_at=tx.clock.now())
        .returning(Delivery),
        execution_options={"populate_existing": True, "synchronize_session": False},
    )
    assert moved is not None
    return _deliveries.out(moved)


@command
async def customer_unreachable(
    tx: Transaction, actor: Actor, delivery_id: uuid.UUID
) -> DeliveryOut:
    """The courier at the door cannot reach the customer: they wait ``WAIT_FOR_CUSTOMER``."""
    row = await _deliveries.load(tx, delivery_id, lock=True)
    ensure_courier_of(actor, row)
    if row.status == S.AWAITING_CUSTOMER.value:
        return _deliveries.out(row)  # a double tap: the timer keeps running
    until = tx.clock.now() + WAIT_FOR_CUSTOMER
    moved = await _deliveries.move(
        tx, row, S.AWAITING_CUSTOMER, (S.PICKED_UP,), {"wait_until": until}
    )
    assert moved.courier_id is not None
    await tx.publish(
        CustomerUnreachable(
            **_deliveries.facts(moved), courier_id=moved.courier_id, wait_until=until
        )
    )
    return _deliveries.out(moved)


@command
async def return_to_shop(tx: Transaction, actor: Actor, delivery_id: uuid.UUID) -> DeliveryOut:
    """After the wait, the courier (or support) gives up: the order goes back to the shop and
    its delivery failed."""
    row = await _deliveries.load(tx, delivery_id, lock=True)
    ensure_courier_of(actor, row, support_too=True)
    if row.status == S.RETURNED.value:
        return _deliveries.out(row)  # a double tap
    if row.status != S.AWAITING_CUSTOMER.value:
        raise DeliveryStateChanged(status=row.status, target=S.RETURNED.value)
    assert row.wait_until is not None
    if tx.clock.now() < row.wait_until:
        raise WaitNotOver(until=row.wait_until.isoformat())
    moved = await _deliveries.move(
        tx,
        row,
        S.RETURNED,
        (S.AWAITING_CUSTOMER,),
        {"wait_until": None, "finished_at": tx.clock.now()},
    )
    await mark_delivery_failed(tx.db, actor, moved.order_id, note="customer unreachable")
    assert moved.courier_id is not None
    await _deliveries.recount(tx, moved.courier_id)
    await tx.publish(Returned(**_deliveries.facts(moved), courier_id=moved.courier_id))
    return _deliveries.out(moved)
