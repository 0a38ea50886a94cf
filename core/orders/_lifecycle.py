"""The order state machine: the transition table as data, and moving an order along it.

``TRANSITIONS`` is the one place that says which status may follow which and on whose behalf
(``Party``). A transition is a conditional update (``UPDATE orders SET status = :to WHERE id =
:id AND status = :from``): of two people acting at once exactly one wins and the other gets
``OrderStateChanged`` with the status the order has now. Each transition writes a history row,
publishes its event and does its side effect on stock in the same transaction: accepting
allocates the reservation, canceling releases it, a paid online order keeps it without a deadline.

Who is which party is decided from the actor and the order (``_orders.parties_of``): its
customer, staff of its shop, its courier, support; None is the system. Canceling: the customer
before assembly begins, the shop (with a reason) and support (with a reason) before the courier
picks the order up, the system (payment timeouts) while it is unpaid or waits for the shop.
After pickup an order is not canceled: it is delivered or its delivery failed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import structlog
from sqlalchemy import select, update

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, require
from core.inventory.api import allocate, extend_reservation, release
from core.orders import _orders
from core.orders._models import Order
from core.orders.errors import (
    OrderStateChanged,
    ReasonRequired,
    TransitionNotAllowed,
)
from core.orders.events import (
    OrderAccepted,
    OrderAssemblyStarted,
    OrderCanceled,
    OrderCompleted,
    OrderCourierAssigned,
    OrderDelivered,
    OrderDeliveryFailed,
    OrderPickedUp,
    OrderReady,
)
from core.orders.schemas import CancelReason, OrderOut, OrderStatus, Party, PaymentStatus
from core.shared.events import Event
from core.shared.uow import Database, Transaction, command

log = structlog.get_logger(__name__)

S = OrderStatus
CUSTOMER, SHOP, COURIER, SUPPORT, SYSTEM = (
    Party.CUSTOMER,
    Party.SHOP,
    Party.COURIER,
    Party.SUPPORT,
    Party.SYSTEM,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """Who may move an order from one status to another, and who must say why."""

    parties: frozenset[Party]
    needs_reason: frozenset[Party] = frozenset()


def _rule(*parties: Party, why: tuple[Party, ...] = ()) -> Rule:
    return Rule(frozenset(parties), frozenset(why))


# The shop and support always say why they cancel; the system names its reason itself.
_CANCEL_WHY = (SHOP, SUPPORT, SYSTEM)

TRANSITIONS: Mapping[tuple[OrderStatus, OrderStatus], Rule] = MappingProxyType(
    {
        (S.PENDING_PAYMENT, S.PLACED): _rule(SYSTEM),
        (S.PENDING_PAYMENT, S.CANCELED): _rule(CUSTOMER, SUPPORT, SYSTEM, why=_CANCEL_WHY),
        (S.PLACED, S.ACCEPTED): _rule(SHOP),
        (S.PLACED, S.CANCELED): _rule(CUSTOMER, SHOP, SUPPORT, SYSTEM, why=_CANCEL_WHY),
        (S.ACCEPTED, S.ASSEMBLING): _rule(SHOP),
        (S.ACCEPTED, S.CANCELED): _rule(CUSTOMER, SHOP, SUPPORT, why=_CANCEL_WHY),
        (S.ASSEMBLING, S.READY): _rule(SHOP),
        (S.ASSEMBLING, S.CANCELED): _rule(SHOP, SUPPORT, why=_CANCEL_WHY),
        (S.READY, S.COURIER_ASSIGNED): _rule(SYSTEM, SUPPORT),
        (S.READY, S.CANCELED): _rule(SHOP, SUPPORT, why=_CANCEL_WHY),
        (S.COURIER_ASSIGNED, S.PICKED_UP): _rule(COURIER),
        (S.COURIER_ASSIGNED, S.CANCELED): _rule(SHOP, SUPPORT, why=_CANCEL_WHY),
        (S.PICKED_UP, S.DELIVERED): _rule(COURIER),
        (S.PICKED_UP, S.DELIVERY_FAILED): _rule(COURIER, SUPPORT),
        (S.DELIVERED, S.COMPLETED): _rule(CUSTOMER, SYSTEM),
    }
)

_EVENTS: Mapping[OrderStatus, type[Event]] = MappingProxyType(
    {
        S.ACCEPTED: OrderAccepted,
        S.ASSEMBLING: OrderAssemblyStarted,
        S.READY: OrderReady,
        S.COURIER_ASSIGNED: OrderCourierAssigned,
        S.PICKED_UP: OrderPickedUp,
        S.DELIVERED: OrderDelivered,
        S.DELIVERY_FAILED: OrderDeliveryFailed,
        S.COMPLETED: OrderCompleted,
        S.CANCELED: OrderCanceled,
    }
)


def allowed_targets(status: OrderStatus) -> dict[OrderStatus, frozenset[Party]]:
    """Where an order in ``status`` may go next, and on whose behalf."""
    return {to: rule.parties for (source, to), rule in TRANSITIONS.items() if source is status}


def _choose_party(
    actor: Actor | None, order: Order, source: S, target: S, only: Party | None
) -> tuple[Party, Rule]:
    rule = TRANSITIONS.get((source, target))
    if rule is None:
        raise OrderStateChanged(status=source.value, target=target.value)
    mine = [party for party in _orders.parties_of(actor, order) if only in (None, party)]
    for party in mine:
        if party in rule.parties:
            return party, rule
    ever = {
        party for (_, to), each in TRANSITIONS.items() if to is target for party in each.parties
    }
    if not mine or not ever.intersection(mine):
        raise PermissionDenied(
            f"this account may not move this order to {target.value}",
            permission=f"order_{target.value}",
        )
    raise TransitionNotAllowed(status=source.value, target=target.value)


async def _stock(
    tx: Transaction,
    order: Order,
    source: S,
    target: S,
    actor: Actor | None,
    reason: CancelReason | None,
) -> None:
    key = _orders.holder(order.id)
    if target is S.ACCEPTED:
        await allocate(tx.db, key, by=actor)
    elif target is S.PLACED and source is S.PENDING_PAYMENT:
        # Paid: the stock stays held, now without a deadline, until the shop decides.
        await extend_reservation(tx.db, key, ttl=None)
    elif target is S.CANCELED:
        note = f"order {order.number} canceled: {None if reason is None else reason.value}"
        for holder in await _cancel_holders(tx, order):
            await release(tx.db, holder, by=actor, note=note)


async def _cancel_holders(tx: Transaction, order: Order) -> list[str]:
    # Substitutes proposed at assembly hold their stock under keys of their own.
    return [_orders.holder(order.id), *await _orders.substitute_holders(tx, order.id)]


async def _event(
    tx: Transaction,
    order: Order,
    source: S,
    target: S,
    actor: Actor | None,
    party: Party,
    reason: CancelReason | None,
    note: str | None,
) -> Event:
    if target is S.PLACED:
        return await _orders.placed_event(tx, order)
    moved: dict[str, Any] = {
        "order_id": order.id,
        "number": order.number,
        "customer_id": order.customer_id,
        "shop_id": order.shop_id,
        "from_status": source.value,
        "actor_id": None if actor is None else actor.telegram_id,
        "party": party.value,
    }
    if target is S.READY:
        assert order.final_subtotal_minor is not None
        assert order.final_total_minor is not None
        moved.update(
            final_subtotal_minor=order.final_subtotal_minor,
            final_total_minor=order.final_total_minor,
            currency=order.currency,
        )
    elif target is S.COURIER_ASSIGNED:
        moved["courier_id"] = order.courier_id
    elif target is S.CANCELED:
        assert reason is not None
        moved.update(reason=reason.value, note=note)
    return _EVENTS[target](**moved)


async def transition(
    tx: Transaction,
    actor: Actor | None,
    order_id: uuid.UUID,
    target: OrderStatus,
    *,
    reason: CancelReason | None = None,
    note: str | None = None,
    values: Mapping[str, Any] | None = None,
    party: Party | None = None,
) -> Order:
    """Move the order to ``target`` on behalf of ``actor`` (None: the system); the moved row.

    ``values`` are more columns set by the same conditional update (a courier's id, the final
    amounts); ``party`` makes the actor act as that party only. Raises ``OrderStateChanged``
    when the order is not where the transition starts, or another actor moved it first.
    """
    order = await _orders.load(tx, order_id)
    source = OrderStatus(order.status)
    party, rule = _choose_party(actor, order, source, target, party)
    note = _orders.clean_note(note)
    if target is S.CANCELED:
        if reason is None and party in rule.needs_reason:
            raise ReasonRequired(party=party.value)
        reason = reason or CancelReason.CUSTOMER_REQUEST
    else:
        reason = None
    changes: dict[str, Any] = {"status": target.value, "updated_at": tx.clock.now()}
    changes.update(values or {})
    if target is S.CANCELED:
        assert reason is not None
        changes.update(canceled_by=party.value, cancel_reason=reason.value, cancel_note=note)
        if order.payment_status == PaymentStatus.PENDING.value:
            changes["payment_status"] = PaymentStatus.CANCELED.value
    elif target is S.PLACED and source is S.PENDING_PAYMENT:
        changes.update(payment_status=PaymentStatus.HELD.value, payment_deadline=None)
    moved: Order | None = await tx.session.scalar(
        update(Order)
        .where(Order.id == order_id, Order.status == source.value)
        .values(**changes)
        .returning(Order),
        execution_options={"populate_existing": True, "synchronize_session": False},
    )
    if moved is None:
        now = await _orders.load(tx, order_id)
        raise OrderStateChanged(status=now.status, target=target.value)
    await _orders.record(tx, order_id, source, target, actor, party, reason, note)
    await _stock(tx, moved, source, target, actor, reason)
    await tx.publish(await _event(tx, moved, source, target, actor, party, reason, note))
    return moved


# -- public commands -------------------------------------------------------------------------


async def _moved_out(tx: Transaction, row: Order) -> OrderOut:
    return await _orders.out(tx, row)


@command
async def accept_order(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> OrderOut:
    """The shop takes the order on; its stock is allocated."""
    return await _moved_out(tx, await transition(tx, actor, order_id, S.ACCEPTED))


@command
async def reject_order(
    tx: Transaction,
    actor: Actor,
    order_id: uuid.UUID,
    reason: CancelReason,
    note: str | None = None,
) -> OrderOut:
    """The shop cancels the order, saying why; its stock is released."""
    order = await _orders.load(tx, order_id)
    require(actor, Permission.PROCESS_ORDERS, shop_id=order.shop_id)
    moved = await transition(
        tx, actor, order_id, S.CANCELED, reason=reason, note=note, party=Party.SHOP
    )
    return await _moved_out(tx, moved)


@command
async def start_assembly(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> OrderOut:
    """A picker begins assembling an accepted order."""
    return await _moved_out(tx, await transition(tx, actor, order_id, S.ASSEMBLING))


@command
async def cancel_order(
    tx: Transaction,
    actor: Actor,
    order_id: uuid.UUID,
    reason: CancelReason | None = None,
    note: str | None = None,
) -> OrderOut:
    """Cancel as whoever the actor is to the order: its customer (before assembly), its shop or
    support (with a reason); whatever stock it holds is released."""
    moved = await transition(tx, actor, order_id, S.CANCELED, reason=reason, note=note)
    return await _moved_out(tx, moved)


@command
async def confirm_payment(tx: Transaction, order_id: uuid.UUID) -> OrderOut:
    """The system: an online order's money is held; it now waits for the shop."""
    return await _moved_out(tx, await transition(tx, None, order_id, S.PLACED))


@command
async def assign_courier(
    tx: Transaction, actor: Actor | None, order_id: uuid.UUID, courier_id: int
) -> OrderOut:
    """Dispatch (the system, or support by hand) gives a ready order to a courier."""
    moved = await transition(
        tx, actor, order_id, S.COURIER_ASSIGNED, values={"courier_id": courier_id}
    )
    return await _moved_out(tx, moved)


@command
async def mark_picked_up(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> OrderOut:
    """The assigned courier took the order from the shop."""
    return await _moved_out(tx, await transition(tx, actor, order_id, S.PICKED_UP))


@command
async def mark_delivered(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> OrderOut:
    """The assigned courier handed the order over."""
    return await _moved_out(tx, await transition(tx, actor, order_id, S.DELIVERED))


@command
async def mark_delivery_failed(
    tx: Transaction, actor: Actor, order_id: uuid.UUID, note: str | None = None
) -> OrderOut:
    """The courier (or support) could not hand a picked-up order over."""
    moved = await transition(tx, actor, order_id, S.DELIVERY_FAILED, note=note)
    return await _moved_out(tx, moved)


@command
async def complete_order(tx: Transaction, actor: Actor | None, order_id: uuid.UUID) -> OrderOut:
    """Close a delivered order (the customer confirming, or the system after a while)."""
    return await _moved_out(tx, await transition(tx, actor, order_id, S.COMPLETED))


@command
async def _expire_one(tx: Transaction, order_id: uuid.UUID) -> None:
    await transition(tx, None, order_id, S.CANCELED, reason=CancelReason.PAYMENT_TIMEOUT)


async def expire_unpaid_orders(db: Database, *, max_orders: int = 100) -> int:
    """Cancel (party system) orders whose payment deadline passed, releasing their stock;
    returns how many. Idempotent: an order paid or canceled meanwhile is left alone."""

    async def due(tx: Transaction) -> list[uuid.UUID]:
        ids = await tx.session.scalars(
            select(Order.id)
            .where(
                Order.status == S.PENDING_PAYMENT.value,
                Order.payment_deadline <= tx.clock.now(),
            )
            .order_by(Order.payment_deadline, Order.id)
            .limit(max_orders)
        )
        return list(ids)

    expired = 0
    for order_id in await db.run(due):
        try:
            await _expire_one(db, order_id)
        except OrderStateChanged:
            continue  # paid or canceled since we looked
        expired += 1
    if expired:
        log.info("orders.unpaid_expired", orders=expired)
    return expired
