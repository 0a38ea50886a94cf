"""Orders as rows and as what the api returns; who may see an order and as which party."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from types import SimpleNamespace
from typing import cast

from sqlalchemy import Table, func, insert, select

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, Role, allows
from core.catalog.schemas import Unit
from core.orders._models import Order, OrderHistory, OrderLine
from core.orders.errors import NoteTooLong, OrderNotFound
from core.orders.events import OrderPlaced
from core.orders.schemas import (
    CancelReason,
    DeliveryAddress,
    DeliveryKind,
    DeliverySlot,
    HistoryEntry,
    LineStatus,
    OrderLineOut,
    OrderOut,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    SubstitutionPreference,
)
from core.shared.ids import new_id
from core.shared.money import Money
from core.shared.uow import Transaction

NOTE_MAX = 500
_INSERT_HISTORY = insert(cast(Table, OrderHistory.__table__))


def holder(order_id: uuid.UUID) -> str:
    """The inventory holder key of an order's own lines: the order id."""
    return str(order_id)


def substitute_holder(order_id: uuid.UUID, line_id: uuid.UUID) -> str:
    """The holder key of a substitute line's stock (one reservation per holder at a time)."""
    return f"{order_id}/{line_id}"


async def substitute_holders(tx: Transaction, order_id: uuid.UUID) -> list[str]:
    """Holder keys of every substitute ever proposed for the order."""
    ids = await tx.session.scalars(
        select(OrderLine.id)
        .where(OrderLine.order_id == order_id, OrderLine.replaces_line_id.is_not(None))
        .order_by(OrderLine.id)
    )
    return [substitute_holder(order_id, line_id) for line_id in ids]


async def placed_event(
    tx: Transaction, row: Order | SimpleNamespace, *, line_count: int | None = None
) -> OrderPlaced:
    """``orders.placed`` for an order that now waits for its shop (``line_count``: its lines,
    if the caller knows; else they are counted). ``row``: the order, or its columns as the
    attributes of a namespace (checkout's order, just written)."""
    count = line_count
    if count is None:
        count = await tx.session.scalar(
            select(func.count()).select_from(OrderLine).where(OrderLine.order_id == row.id)
        )
    return OrderPlaced(
        order_id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        shop_id=row.shop_id,
        status=row.status,
        payment_method=row.payment_method,
        subtotal_minor=row.subtotal_minor,
        delivery_fee_minor=row.delivery_fee_minor,
        total_minor=row.total_minor,
        currency=row.currency,
        estimated=row.estimated,
        line_count=int(count or 0),
        delivery_kind=row.delivery_kind,
        promised_at=row.promised_at,
    )


def parties_of(actor: Actor | None, order: Order) -> list[Party]:
    """The parties ``actor`` may act as on ``order``, the closest first (None: the system)."""
    if actor is None:
        return [Party.SYSTEM]
    found: list[Party] = []
    if actor.telegram_id == order.customer_id:
        found.append(Party.CUSTOMER)
    if allows(actor, Permission.PROCESS_ORDERS, shop_id=order.shop_id):
        found.append(Party.SHOP)
    if order.courier_id == actor.telegram_id and actor.has(Role.COURIER):
        found.append(Party.COURIER)
    if allows(actor, Permission.HANDLE_TICKETS):
        found.append(Party.SUPPORT)
    return found


def ensure_may_view(actor: Actor, order: Order) -> None:
    """The customer, the shop's staff, the assigned courier and support see an order."""
    if parties_of(actor, order) or allows(actor, Permission.VIEW_SHOP, shop_id=order.shop_id):
        return
    raise PermissionDenied("this account may not see this order", permission="view_order")


async def load(tx: Transaction, order_id: uuid.UUID, *, lock: bool = False) -> Order:
    """The order row as it is now (``lock``: its row locked for the rest of the transaction)."""
    query = select(Order).where(Order.id == order_id)
    if lock:
        query = query.with_for_update()
    row = await tx.session.scalar(query, execution_options={"populate_existing": True})
    if row is None:
        raise OrderNotFound(order_id=order_id)
    return row


async def lines_of(
    tx: Transaction, order_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[OrderLine]]:
    """Each order's lines in order of position."""
    found: dict[uuid.UUID, list[OrderLine]] = {order_id: [] for order_id in order_ids}
    if not order_ids:
        return found
    rows = await tx.session.scalars(
        select(OrderLine)
        .where(OrderLine.order_id.in_(list(order_ids)))
        .order_by(OrderLine.order_id, OrderLine.position, OrderLine.id),
        execution_options={"populate_existing": True},
    )
    for row in rows:
        found[row.order_id].append(row)
    return found


def _money(minor: int | None, currency: str) -> Money | None:
    return None if minor is None else Money(minor, currency)


def line_out(row: OrderLine | SimpleNamespace, currency: str) -> OrderLineOut:
    return OrderLineOut(
        id=row.id,
        offer_id=row.offer_id,
        product_id=row.product_id,
        name_ru=row.name_ru,
        name_en=row.name_en,
        unit=Unit(row.unit),
        step=row.step,
        price=Money(row.price_minor, currency),
        quantity=row.quantity,
        quantity_actual=row.quantity_actual,
        status=LineStatus(row.status),
        substitution=SubstitutionPreference(row.substitution),
        total=Money(row.line_total_minor, currency),
        final_total=_money(row.final_total_minor, currency),
        replaces_line_id=row.replaces_line_id,
        answer_by=row.answer_by,
    )


def order_out(
    row: Order | SimpleNamespace, lines: Sequence[OrderLine | SimpleNamespace]
) -> OrderOut:
    # ``row`` and ``lines``: mapped rows, or their columns as a namespace's attributes.
    currency = row.currency
    slot = (
        DeliverySlot(row.slot_start, row.slot_end)
        if row.slot_start is not None and row.slot_end is not None
        else None
    )
    return OrderOut(
        id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        shop_id=row.shop_id,
        status=OrderStatus(row.status),
        payment_method=PaymentMethod(row.payment_method),
        payment_status=PaymentStatus(row.payment_status),
        payment_deadline=row.payment_deadline,
        address=DeliveryAddress(
            text=row.address_text,
            latitude=row.latitude,
            longitude=row.longitude,
            entrance=row.entrance,
            floor=row.floor,
            apartment=row.apartment,
            comment=row.address_comment,
        ),
        delivery_kind=DeliveryKind(row.delivery_kind),
        slot=slot,
        promised_at=row.promised_at,
        comment=row.comment,
        subtotal=Money(row.subtotal_minor, currency),
        delivery_fee=Money(row.delivery_fee_minor, currency),
        total=Money(row.total_minor, currency),
        estimated=row.estimated,
        final_subtotal=_money(row.final_subtotal_minor, currency),
        final_total=_money(row.final_total_minor, currency),
        lines=tuple(line_out(line, currency) for line in lines),
        courier_id=row.courier_id,
        canceled_by=None if row.canceled_by is None else Party(row.canceled_by),
        cancel_reason=None if row.cancel_reason is None else CancelReason(row.cancel_reason),
        cancel_note=row.cancel_note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def out(tx: Transaction, row: Order) -> OrderOut:
    """The order with its lines as they are now."""
    return order_out(row, (await lines_of(tx, [row.id]))[row.id])


async def outs(tx: Transaction, rows: Sequence[Order]) -> list[OrderOut]:
    """Several orders with their lines, in the order given."""
    lines = await lines_of(tx, [row.id for row in rows])
    return [order_out(row, lines[row.id]) for row in rows]


def history_out(row: OrderHistory) -> HistoryEntry:
    return HistoryEntry(
        from_status=None if row.from_status is None else OrderStatus(row.from_status),
        to_status=OrderStatus(row.to_status),
        actor_id=row.actor_id,
        party=Party(row.party),
        reason=None if row.reason is None else CancelReason(row.reason),
        note=row.note,
        at=row.at,
    )


async def record(
    tx: Transaction,
    order_id: uuid.UUID,
    source: OrderStatus | None,
    target: OrderStatus,
    actor: Actor | None,
    party: Party,
    reason: CancelReason | None = None,
    note: str | None = None,
) -> None:
    """Write a history row for a status change (``source`` None: the order was made)."""
    # Pending changes to the order go first (a new order row, its status); the history row
    # itself is a plain INSERT: nothing in the transaction reads it back as an object.
    await tx.session.flush()
    await tx.session.execute(
        _INSERT_HISTORY, history_row(tx, order_id, source, target, actor, party, reason, note)
    )


def history_row(
    tx: Transaction,
    order_id: uuid.UUID,
    source: OrderStatus | None,
    target: OrderStatus,
    actor: Actor | None,
    party: Party,
    reason: CancelReason | None = None,
    note: str | None = None,
) -> dict[str, object]:
    """The column values of the history row ``record`` writes, for callers that insert it
    themselves."""
    return {
        "id": new_id(),
        "order_id": order_id,
        "from_status": None if source is None else source.value,
        "to_status": target.value,
        "actor_id": None if actor is None else actor.telegram_id,
        "party": party.value,
        "reason": None if reason is None else reason.value,
        "note": note,
        "at": tx.clock.now(),
    }


def clean_note(note: str | None) -> str | None:
    """A free-text note trimmed (blank is None), at most ``NOTE_MAX`` characters."""
    if note is None:
        return None
    cleaned = note.strip()
    if len(cleaned) > NOTE_MAX:
        raise NoteTooLong(maximum=NOTE_MAX)
    return cleaned or None
