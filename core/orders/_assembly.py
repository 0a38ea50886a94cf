"""Assembly: the picker weighs and counts, marks what is missing, proposes substitutes; the
customer answers proposals; marking the order ready settles stock and fixes the final amount.

Every command here locks the order's row first (then, through inventory, holders and stock rows:
the order every order command keeps), so two pickers working on one order take turns and each
sees what the other did; a line moves only from the statuses its action starts from
(``LineStateChanged`` otherwise). Lines not touched by the picker are taken as planned when the
order is marked ready. A substitute holds its stock under a holder key of its own
(``_orders.substitute_holder``): reserved when proposed, allocated when accepted, released when
declined, settled with the rest at ready. A proposal nobody answered by ``answer_by`` follows the
line's preference: ``replace`` accepts it, ``call`` and ``remove`` decline it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Final

from sqlalchemy import func, select, update

from core.auth.policy import Actor, Permission, require
from core.catalog import api as catalog
from core.catalog.schemas import Unit
from core.inventory.api import MAX_QUANTITY, allocate, release, reserve, settle
from core.inventory.schemas import ReserveLine, TakenLine
from core.orders import _lifecycle, _orders
from core.orders._models import Order, OrderLine
from core.orders.errors import (
    ActualQuantityInvalid,
    LineNotFound,
    LineStateChanged,
    OrderStateChanged,
    ProposalPending,
    SubstituteAnswerTooLate,
    SubstituteInvalid,
)
from core.orders.events import SubstituteAnswered, SubstituteProposed
from core.orders.schemas import (
    LineStatus,
    OrderOut,
    OrderStatus,
    SubstitutionPreference,
)
from core.shared.errors import CoreError
from core.shared.money import Money
from core.shared.uow import Database, Transaction, command
from core.storefront.api import get_offer
from core.storefront.errors import OfferNotFound

ANSWER_WITHIN: Final = timedelta(minutes=5)
L = LineStatus


def line_price(unit: str, price_minor: int, quantity: int, currency: str) -> Money:
    """A line's amount: pieces × price, or grams at the price per kg rounded half up."""
    price = Money(price_minor, currency)
    if unit == Unit.WEIGHT.value:
        return Money.for_weight(price, quantity)
    return price * quantity


async def _assembling(tx: Transaction, actor: Actor | None, order_id: uuid.UUID) -> Order:
    order = await _orders.load(tx, order_id, lock=True)
    if actor is not None:
        require(actor, Permission.PROCESS_ORDERS, shop_id=order.shop_id)
    if order.status != OrderStatus.ASSEMBLING.value:
        raise OrderStateChanged(status=order.status, target=OrderStatus.ASSEMBLING.value)
    return order


async def _line(tx: Transaction, order: Order, line_id: uuid.UUID) -> OrderLine:
    row = await tx.session.scalar(
        select(OrderLine).where(OrderLine.id == line_id, OrderLine.order_id == order.id),
        execution_options={"populate_existing": True},
    )
    if row is None:
        raise LineNotFound(line_id=line_id)
    return row


async def _move_line(
    tx: Transaction, line: OrderLine, sources: Sequence[LineStatus], **values: object
) -> None:
    if line.status not in {status.value for status in sources}:
        raise LineStateChanged(status=line.status, line_id=line.id)
    await tx.session.execute(
        update(OrderLine)
        .where(OrderLine.id == line.id)
        .values(updated_at=tx.clock.now(), **values),
        execution_options={"synchronize_session": False},
    )


@command
async def record_actual(
    tx: Transaction, actor: Actor, order_id: uuid.UUID, line_id: uuid.UUID, quantity: int
) -> OrderOut:
    """The picker weighed (grams) or counted (pieces) a line; again corrects it."""
    order = await _assembling(tx, actor, order_id)
    line = await _line(tx, order, line_id)
    if (
        isinstance(quantity, bool)
        or not isinstance(quantity, int)
        or not (0 < quantity <= MAX_QUANTITY)
    ):
        raise ActualQuantityInvalid(maximum=MAX_QUANTITY)
    final = line_price(line.unit, line.price_minor, quantity, order.currency)
    await _move_line(
        tx,
        line,
        (L.PLANNED, L.PICKED),
        status=L.PICKED.value,
        quantity_actual=quantity,
        final_total_minor=final.minor,
    )
    return await _orders.out(tx, order)


@command
async def mark_missing(
    tx: Transaction, actor: Actor, order_id: uuid.UUID, line_id: uuid.UUID
) -> OrderOut:
    """None of a line's product is to be had; with the "remove" preference it is left out at
    once, else the picker may propose a substitute."""
    order = await _assembling(tx, actor, order_id)
    line = await _line(tx, order, line_id)
    if line.replaces_line_id is not None:
        raise LineStateChanged(status=line.status, line_id=line.id)
    to = L.REMOVED if line.substitution == SubstitutionPreference.REMOVE.value else L.MISSING
    await _move_line(
        tx,
        line,
        (L.PLANNED, L.PICKED),
        status=to.value,
        quantity_actual=0,
        final_total_minor=0,
    )
    return await _orders.out(tx, order)


async def _open_proposal(tx: Transaction, line: OrderLine) -> OrderLine | None:
    return await tx.session.scalar(
        select(OrderLine).where(
            OrderLine.replaces_line_id == line.id, OrderLine.status == L.PROPOSED.value
        )
    )


@command
async def propose_substitute(
    tx: Transaction,
    actor: Actor,
    order_id: uuid.UUID,
    line_id: uuid.UUID,
    offer_id: uuid.UUID,
    quantity: int,
    *,
    answer_within: timedelta = ANSWER_WITHIN,
) -> OrderOut:
    """Offer the customer ``quantity`` of another offer instead of a missing line; they answer
    within ``answer_within``, else the line's preference decides."""
    order = await _assembling(tx, actor, order_id)
    line = await _line(tx, order, line_id)
    if line.substitution == SubstitutionPreference.REMOVE.value:
        raise SubstituteInvalid(reason="customer_prefers_remove")
    if line.replaces_line_id is not None or line.status not in (L.PLANNED.value, L.MISSING.value):
        raise LineStateChanged(status=line.status, line_id=line.id)
    if await _open_proposal(tx, line) is not None:
        raise LineStateChanged(status=L.PROPOSED.value, line_id=line.id)
    if not timedelta(minutes=1) <= answer_within <= timedelta(hours=1):
        raise SubstituteInvalid(reason="answer_within")
    try:
        offer = await get_offer(tx.db, offer_id)
    except OfferNotFound:
        raise SubstituteInvalid(reason="offer") from None
    product = await catalog.get_product(tx.db, offer.product_id)
    if (
        offer.shop_id != order.shop_id
        or offer.id == line.offer_id
        or not offer.visible
        or product.archived
        or not offer.valid_quantity(quantity)
        or quantity > MAX_QUANTITY
    ):
        raise SubstituteInvalid(reason="offer")
    now = tx.clock.now()
    substitute = OrderLine(
        order_id=order.id,
        position=await _next_position(tx, order.id),
        offer_id=offer.id,
        product_id=product.id,
        name_ru=product.name_ru,
        name_en=product.name_en,
        unit=offer.unit.value,
        step=offer.min_quantity,
        price_minor=offer.price.minor,
        quantity=quantity,
        status=L.PROPOSED.value,
        substitution=line.substitution,
        line_total_minor=offer.price_for(quantity).minor,
        replaces_line_id=line.id,
        answer_by=now + answer_within,
        created_at=now,
        updated_at=now,
    )
    tx.session.add(substitute)
    await tx.session.flush()
    await reserve(
        tx.db,
        _orders.substitute_holder(order.id, substitute.id),
        [ReserveLine(offer.id, quantity)],
        ttl=None,
        by=actor,
    )
    if line.status == L.PLANNED.value:
        await _move_line(
            tx, line, (L.PLANNED,), status=L.MISSING.value, quantity_actual=0, final_total_minor=0
        )
    assert substitute.answer_by is not None
    await tx.publish(
        SubstituteProposed(
            order_id=order.id,
            number=order.number,
            customer_id=order.customer_id,
            shop_id=order.shop_id,
            line_id=substitute.id,
            replaces_line_id=line.id,
            offer_id=offer.id,
            quantity=quantity,
            answer_by=substitute.answer_by,
        )
    )
    return await _orders.out(tx, order)


async def _next_position(tx: Transaction, order_id: uuid.UUID) -> int:
    last = await tx.session.scalar(
        select(func.max(OrderLine.position)).where(OrderLine.order_id == order_id)
    )
    return int(last or 0) + 1


async def _answer(
    tx: Transaction, actor: Actor | None, order: Order, line: OrderLine, accept: bool
) -> None:
    if line.status != L.PROPOSED.value or line.replaces_line_id is None:
        raise LineStateChanged(status=line.status, line_id=line.id)
    holder = _orders.substitute_holder(order.id, line.id)
    original = await _line(tx, order, line.replaces_line_id)
    if accept:
        await allocate(tx.db, holder, by=actor)
        await _move_line(
            tx,
            line,
            (L.PROPOSED,),
            status=L.PICKED.value,
            answer_by=None,
            quantity_actual=line.quantity,
            final_total_minor=line.line_total_minor,
        )
        await _move_line(tx, original, (L.MISSING,), status=L.SUBSTITUTED.value)
    else:
        await release(tx.db, holder, by=actor, note=f"order {order.number}: substitute declined")
        await _move_line(
            tx,
            line,
            (L.PROPOSED,),
            status=L.REMOVED.value,
            answer_by=None,
            quantity_actual=0,
            final_total_minor=0,
        )
        await _move_line(tx, original, (L.MISSING,), status=L.REMOVED.value)
    await tx.publish(
        SubstituteAnswered(
            order_id=order.id,
            number=order.number,
            customer_id=order.customer_id,
            shop_id=order.shop_id,
            line_id=line.id,
            accepted=accept,
            by_preference=actor is None,
        )
    )


@command
async def answer_substitute(
    tx: Transaction, actor: Actor, order_id: uuid.UUID, line_id: uuid.UUID, accept: bool
) -> OrderOut:
    """The customer takes (``accept``) or declines a proposed substitute."""
    order = await _orders.load(tx, order_id, lock=True)
    require(actor, Permission.PLACE_ORDERS)
    require(actor, Permission.EDIT_PERSON, subject_id=order.customer_id)
    if order.status != OrderStatus.ASSEMBLING.value:
        raise OrderStateChanged(status=order.status, target=OrderStatus.ASSEMBLING.value)
    line = await _line(tx, order, line_id)
    if line.answer_by is not None and tx.clock.now() >= line.answer_by:
        # The deadline task may not have run yet; the answer is late all the same.
        raise SubstituteAnswerTooLate(line_id=line.id)
    await _answer(tx, actor, order, line, accept)
    return await _orders.out(tx, order)


@command
async def _resolve_one(tx: Transaction, order_id: uuid.UUID, line_id: uuid.UUID) -> bool:
    order = await _orders.load(tx, order_id, lock=True)
    line = await _line(tx, order, line_id)
    if line.status != L.PROPOSED.value or order.status != OrderStatus.ASSEMBLING.value:
        return False
    accept = line.substitution == SubstitutionPreference.REPLACE.value
    await _answer(tx, None, order, line, accept)
    return True


async def resolve_overdue_proposals(db: Database, *, max_lines: int = 100) -> int:
    """Apply the line's preference to proposals nobody answered in time; returns how many.
    Idempotent: a proposal answered meanwhile is left alone."""

    async def due(tx: Transaction) -> list[tuple[uuid.UUID, uuid.UUID]]:
        rows = await tx.session.execute(
            select(OrderLine.order_id, OrderLine.id)
            .where(OrderLine.status == L.PROPOSED.value, OrderLine.answer_by <= tx.clock.now())
            .order_by(OrderLine.answer_by, OrderLine.id)
            .limit(max_lines)
        )
        return [(order_id, line_id) for order_id, line_id in rows]

    done = 0
    for order_id, line_id in await db.run(due):
        try:
            if await _resolve_one(db, order_id, line_id):
                done += 1
        except CoreError:
            continue  # the order moved on; nothing to decide any more
    return done


@command
async def mark_ready(tx: Transaction, actor: Actor, order_id: uuid.UUID) -> OrderOut:
    """Assembly is done: untouched lines are taken as planned, stock is taken off the shelf with
    the actual quantities, the final amount is fixed, and the order waits for a courier."""
    order = await _assembling(tx, actor, order_id)
    lines = (await _orders.lines_of(tx, [order.id]))[order.id]
    pending = [line for line in lines if line.status == L.PROPOSED.value]
    if pending:
        raise ProposalPending(line_id=pending[0].id)
    for line in lines:
        if line.status == L.PLANNED.value:
            await _move_line(
                tx,
                line,
                (L.PLANNED,),
                status=L.PICKED.value,
                quantity_actual=line.quantity,
                final_total_minor=line.line_total_minor,
            )
    lines = (await _orders.lines_of(tx, [order.id]))[order.id]
    own = [
        TakenLine(line.offer_id, line.quantity_actual or 0)
        for line in lines
        if line.replaces_line_id is None
    ]
    await settle(tx.db, _orders.holder(order.id), own, by=actor, note=f"order {order.number}")
    for line in lines:
        if line.replaces_line_id is not None and line.status == L.PICKED.value:
            await settle(
                tx.db,
                _orders.substitute_holder(order.id, line.id),
                [TakenLine(line.offer_id, line.quantity_actual or 0)],
                by=actor,
                note=f"order {order.number}: substitute",
            )
    subtotal = sum((line.final_total_minor or 0) for line in lines if line.status == L.PICKED.value)
    moved = await _lifecycle.transition(
        tx,
        actor,
        order.id,
        OrderStatus.READY,
        values={
            "final_subtotal_minor": subtotal,
            "final_total_minor": subtotal + order.delivery_fee_minor,
        },
    )
    return await _orders.out(tx, moved)
