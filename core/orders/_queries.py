"""Reading orders: one order, a customer's history, a shop's board, an order's status history;
and reordering an old order into the cart."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Final

from sqlalchemy import select

from core.auth.policy import Actor, Permission, require
from core.inventory.api import get_availability
from core.orders import _cart, _orders
from core.orders._models import Order, OrderHistory, OrderLine
from core.orders.errors import (
    CartFull,
    CartQuantityInvalid,
    LineNotFound,
    NotEnoughInStock,
    OfferNotAvailable,
)
from core.orders.schemas import HistoryEntry, OrderOut, OrderStatus, Reordered
from core.shared.uow import Transaction, command
from core.storefront.api import get_offers

PAGE_MAX: Final = 100


def _limit(limit: int) -> int:
    return max(1, min(int(limit), PAGE_MAX))


@command
async def get_order(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> OrderOut:
    """One order, for its customer, its shop's staff, its courier or support."""
    order = await _orders.load(tx, order_id)
    _orders.ensure_may_view(actor, order)
    return await _orders.out(tx, order)


@command
async def order_of_line(tx: Transaction, actor: Actor, line_id: uuid.UUID) -> OrderOut:
    """The order a line belongs to (a bot button names a line alone), for those who may see it."""
    order_id = await tx.session.scalar(select(OrderLine.order_id).where(OrderLine.id == line_id))
    if order_id is None:
        raise LineNotFound(line_id=line_id)
    order = await _orders.load(tx, order_id)
    _orders.ensure_may_view(actor, order)
    return await _orders.out(tx, order)


@command
async def my_orders(
    tx: Transaction,
    actor: Actor,
    customer_id: int,
    *,
    before: uuid.UUID | None = None,
    limit: int = 20,
) -> list[OrderOut]:
    """The customer's orders, newest first; pass the last id as ``before`` for the next page."""
    require(actor, Permission.VIEW_PERSON, subject_id=customer_id)
    query = select(Order).where(Order.customer_id == customer_id)
    if before is not None:
        query = query.where(Order.id < before)
    rows = (
        await tx.session.scalars(
            query.order_by(Order.id.desc()).limit(_limit(limit)),
            execution_options={"populate_existing": True},
        )
    ).all()
    return await _orders.outs(tx, rows)


@command
async def shop_orders(
    tx: Transaction,
    actor: Actor,
    shop_id: uuid.UUID,
    statuses: Collection[OrderStatus] | None = None,
    *,
    limit: int = 100,
) -> list[OrderOut]:
    """The shop's orders in ``statuses`` (default: those the shop still works on), oldest first:
    the seller's board."""
    require(actor, Permission.VIEW_SHOP, shop_id=shop_id)
    wanted = (
        statuses
        if statuses is not None
        else (OrderStatus.PLACED, OrderStatus.ACCEPTED, OrderStatus.ASSEMBLING, OrderStatus.READY)
    )
    rows = (
        await tx.session.scalars(
            select(Order)
            .where(Order.shop_id == shop_id, Order.status.in_([s.value for s in wanted]))
            .order_by(Order.id)
            .limit(_limit(limit)),
            execution_options={"populate_existing": True},
        )
    ).all()
    return await _orders.outs(tx, rows)


@command
async def order_history(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> list[HistoryEntry]:
    """Every status the order went through, oldest first."""
    order = await _orders.load(tx, order_id)
    _orders.ensure_may_view(actor, order)
    rows = await tx.session.scalars(
        select(OrderHistory).where(OrderHistory.order_id == order_id).order_by(OrderHistory.id)
    )
    return [_orders.history_out(row) for row in rows]


@command
async def reorder(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> Reordered:
    """Put an old order's lines that are still on sale into the cart of its shop, each as much
    as was ordered or as is left (the cart's own line for the offer is replaced)."""
    order = await _orders.load(tx, order_id)
    _cart._may_edit(actor, order.customer_id)
    lines = [
        line
        for line in (await _orders.lines_of(tx, [order.id]))[order.id]
        if line.replaces_line_id is None
    ]
    offers = await get_offers(tx.db, [line.offer_id for line in lines])
    available = await get_availability(tx.db, [line.offer_id for line in lines])
    skipped: list[uuid.UUID] = []
    reduced: list[uuid.UUID] = []
    for line in lines:
        offer = offers.get(line.offer_id)
        if offer is None:
            skipped.append(line.offer_id)
            continue
        wanted = min(line.quantity, available.get(line.offer_id, 0))
        wanted -= wanted % offer.min_quantity
        if wanted <= 0:
            skipped.append(line.offer_id)
            continue
        try:
            await _cart.set_cart_quantity(tx.db, actor, order.customer_id, offer.id, wanted)
        except (OfferNotAvailable, NotEnoughInStock, CartQuantityInvalid, CartFull):
            skipped.append(line.offer_id)
            continue
        if wanted < line.quantity:
            reduced.append(line.offer_id)
    cart = await _cart.get_cart(tx.db, actor, order.customer_id, order.shop_id)
    return Reordered(cart, tuple(skipped), tuple(reduced))


@command
async def shop_customer_ids(
    tx: Transaction, shop_id: uuid.UUID, *, after: int = 0, limit: int = 1000
) -> list[int]:
    """Telegram ids of people who ordered from the shop, above ``after``, ascending."""
    rows = await tx.session.scalars(
        select(Order.customer_id)
        .where(Order.shop_id == shop_id, Order.customer_id > after)
        .distinct()
        .order_by(Order.customer_id)
        .limit(limit)
    )
    return list(rows)
