"""inventory commands and queries.

Two audiences. Staff of the offer's shop (owner, manager, picker: ``MANAGE_STOCK``) set and
adjust stock and thresholds, and read stock and its history (``VIEW_SHOP``); those commands
take the ``Actor`` and check it. The order flow calls the holder commands (``reserve``,
``extend_reservation``, ``allocate``, ``release``, ``settle``) from inside its own commands,
which decide who may place, accept, cancel or assemble an order: these take the acting person
only to name them in the log (``by``; None is the system). The holder is an opaque key, the order
id as a rule; each command joins the caller's transaction, so checkout stays one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import timedelta
from typing import Final

import structlog
from sqlalchemy import bindparam, select

from core.auth.policy import Actor, Permission, require
from core.inventory import _holds, _offers, _rules, _stock
from core.inventory._models import Adjustment, Stock
from core.inventory.errors import InsufficientStock, QuantityOffStep, StockBelowCommitted
from core.inventory.schemas import (
    AdjustmentOut,
    AdjustmentReason,
    ReservationOut,
    ReserveLine,
    StockOut,
    TakenLine,
)
from core.shared.uow import Database, Transaction, command
from core.storefront.schemas import AvailabilityProvider

__all__ = [
    "DEFAULT_RESERVATION_TTL",
    "MAX_QUANTITY",
    "adjust_stock",
    "allocate",
    "availability",
    "expire_reservations",
    "extend_reservation",
    "get_availability",
    "get_reservations",
    "get_stock",
    "list_stock",
    "release",
    "reserve",
    "set_low_stock_threshold",
    "set_stock",
    "settle",
    "stock_history",
]

log = structlog.get_logger(__name__)

DEFAULT_RESERVATION_TTL: Final = timedelta(minutes=15)
MAX_QUANTITY: Final = _rules.MAX_QUANTITY
_HISTORY_LIMIT = 200


def _by(actor: Actor | None, note: str | None = None) -> _holds.By:
    return _holds.By(None if actor is None else actor.telegram_id, _rules.note(note))


# -- the order flow ------------------------------------------------------------------------


@command
async def reserve(
    tx: Transaction,
    holder: str | uuid.UUID,
    lines: Sequence[ReserveLine],
    *,
    ttl: timedelta | None = DEFAULT_RESERVATION_TTL,
    by: Actor | None = None,
    steps: Mapping[uuid.UUID, int] | None = None,
) -> list[ReservationOut]:
    """Hold every line for ``holder`` until ``ttl`` passes, or hold nothing and raise.

    ``steps``: each offer's step as the caller read it in this transaction (checkout has the
    offers already); offers missing from it are read here.
    """
    key = _rules.holder_key(holder)
    _rules.lines(lines, minimum=1)
    _rules.ttl(ttl)
    known = dict(steps or {})
    unknown = [line.offer_id for line in lines if line.offer_id not in known]
    if unknown:
        known.update(
            (offer_id, facts.step) for offer_id, facts in (await _offers.facts(tx, unknown)).items()
        )
    for line in lines:
        step = known[line.offer_id]
        if line.quantity % step:
            raise QuantityOffStep(offer_id=line.offer_id, step=step)
    return await _holds.reserve(tx, key, lines, ttl, _by(by))


@command
async def extend_reservation(
    tx: Transaction, holder: str | uuid.UUID, *, ttl: timedelta | None
) -> list[ReservationOut]:
    """Give the holder's reserved lines a new deadline, ``ttl`` from now (None: no deadline).

    For an order that got paid and now waits for the shop. A reservation past its deadline
    cannot be extended (``ReservationExpired``), even before the expiry task released it.
    """
    key = _rules.holder_key(holder)
    _rules.ttl(ttl)
    return await _holds.extend(tx, key, ttl)


@command
async def allocate(
    tx: Transaction, holder: str | uuid.UUID, *, by: Actor | None = None
) -> list[ReservationOut]:
    """The shop accepted: the holder's reserved lines become allocated (no deadline).

    All or nothing; a line past its deadline fails it with ``ReservationExpired``. Calling it
    again for an allocated holder changes nothing and returns the lines.
    """
    return await _holds.allocate(tx, _rules.holder_key(holder), _by(by))


@command
async def release(
    tx: Transaction,
    holder: str | uuid.UUID,
    *,
    offer_ids: Collection[uuid.UUID] | None = None,
    by: Actor | None = None,
    note: str | None = None,
) -> list[ReservationOut]:
    """Give back what the holder holds (every line, or those of ``offer_ids``).

    Reserved and allocated lines alike: a cancellation before or after the shop accepted.
    Returns the lines released; releasing again releases nothing.
    """
    key = _rules.holder_key(holder)
    return await _holds.release(tx, key, offer_ids, _by(by, note))


@command
async def settle(
    tx: Transaction,
    holder: str | uuid.UUID,
    taken: Sequence[TakenLine],
    *,
    by: Actor | None = None,
    note: str | None = None,
) -> list[ReservationOut]:
    """Assembly: take the actual quantities of allocated lines off the shelf.

    A weighed line may differ from the allocation: less gives the rest back, zero gives it all
    back, more takes the extra only if that much is available (else ``InsufficientStock`` and
    nothing is taken). Lines may be settled one at a time; the same line settled again with
    the same quantity is a no-op, with another one ``ReservationSettled``.
    """
    key = _rules.holder_key(holder)
    _rules.lines(taken, minimum=0)
    return await _holds.settle(tx, key, taken, _by(by, note))


@command
async def get_reservations(tx: Transaction, holder: str | uuid.UUID) -> list[ReservationOut]:
    """Every line the holder ever had (any status), by offer, oldest first."""
    return await _holds.lines_of(tx, _rules.holder_key(holder))


async def expire_reservations(db: Database, *, max_holders: int = 100) -> int:
    """Release every reservation past its deadline; returns the lines expired. Idempotent.

    Works in transactions of up to ``max_holders`` holders; publishes
    ``inventory.reservations_expired`` once per holder and run.
    """
    total = 0
    while True:
        holders, expired = await db.run(lambda tx: _holds.expire_batch(tx, max_holders))
        total += expired
        if holders < max_holders:
            if total:
                log.info("inventory.reservations_expired", lines=total)
            return total


# -- staff ---------------------------------------------------------------------------------


async def _locked_for_staff(
    tx: Transaction, actor: Actor, offer_id: uuid.UUID
) -> _stock.LockedStock:
    offer = (await _offers.facts(tx, [offer_id]))[offer_id]
    require(actor, Permission.MANAGE_STOCK, shop_id=offer.shop_id)
    await _stock.ensure(tx, offer_id, offer.shop_id)
    return (await _stock.lock(tx, [offer_id]))[offer_id]


async def _current(tx: Transaction, offer_id: uuid.UUID) -> StockOut:
    found = await _stock.read(tx, offer_id)
    assert found is not None
    return found


@command
async def set_stock(
    tx: Transaction,
    actor: Actor,
    offer_id: uuid.UUID,
    on_hand: int,
    *,
    reason: AdjustmentReason | str = AdjustmentReason.RECOUNT,
    note: str | None = None,
) -> StockOut:
    """Set the count on hand (after a recount); it cannot go below what orders hold."""
    _rules.count(on_hand)
    why = _rules.staff_reason(reason, absolute=True)
    text = _rules.note(note)
    stock = await _locked_for_staff(tx, actor, offer_id)
    committed = stock.reserved + stock.allocated
    if on_hand < committed:
        raise StockBelowCommitted(offer_id=offer_id, committed=committed)
    # A recount that finds what we had is still recorded: the history shows it was checked.
    await _stock.change(
        tx,
        stock,
        on_hand=on_hand - stock.on_hand,
        reason=why,
        actor_id=actor.telegram_id,
        note=text,
    )
    return await _current(tx, offer_id)


@command
async def adjust_stock(
    tx: Transaction,
    actor: Actor,
    offer_id: uuid.UUID,
    change: int,
    *,
    reason: AdjustmentReason | str,
    note: str | None = None,
) -> StockOut:
    """Add (a delivery, a return) or remove (a write-off) stock; a correction goes either way.

    What orders hold cannot be written off: removing more than available raises
    ``InsufficientStock``.
    """
    why = _rules.staff_reason(reason, absolute=False)
    _rules.stock_change(change, why)
    text = _rules.note(note)
    stock = await _locked_for_staff(tx, actor, offer_id)
    if -change > stock.available:
        raise InsufficientStock(offer_id=offer_id, requested=-change, available=stock.available)
    await _stock.change(
        tx, stock, on_hand=change, reason=why, actor_id=actor.telegram_id, note=text
    )
    return await _current(tx, offer_id)


@command
async def set_low_stock_threshold(
    tx: Transaction, actor: Actor, offer_id: uuid.UUID, threshold: int | None
) -> StockOut:
    """Alert the shop when available falls to ``threshold`` or below (None: never).

    The alert (``inventory.low_stock``) fires once per crossing; a threshold set at or above
    what is available right now is a crossing too.
    """
    _rules.threshold(threshold)
    stock = await _locked_for_staff(tx, actor, offer_id)
    await _stock.set_threshold(tx, stock, threshold)
    return await _current(tx, offer_id)


# -- reading -------------------------------------------------------------------------------


@command
async def get_stock(tx: Transaction, actor: Actor, offer_id: uuid.UUID) -> StockOut:
    """The offer's counters for its shop's staff (all zero if never counted)."""
    offer = (await _offers.facts(tx, [offer_id]))[offer_id]
    require(actor, Permission.VIEW_SHOP, shop_id=offer.shop_id)
    found = await _stock.read(tx, offer_id)
    if found is not None:
        return found
    return StockOut(offer_id, offer.shop_id, 0, 0, 0, None, False, None)


@command
async def list_stock(
    tx: Transaction, actor: Actor, shop_id: uuid.UUID, *, low_only: bool = False
) -> list[StockOut]:
    """The shop's counted offers (only those at or below their threshold with ``low_only``)."""
    require(actor, Permission.VIEW_SHOP, shop_id=shop_id)
    query = select(Stock).where(Stock.shop_id == shop_id)
    if low_only:
        query = query.where(Stock.low_stock_alerted)
    rows = await tx.session.scalars(
        query.order_by(Stock.offer_id), execution_options={"populate_existing": True}
    )
    return [_stock.stock_out(row) for row in rows]


@command
async def stock_history(
    tx: Transaction,
    actor: Actor,
    offer_id: uuid.UUID,
    *,
    limit: int = 50,
    before: uuid.UUID | None = None,
) -> list[AdjustmentOut]:
    """The offer's adjustments, newest first; pass the last id as ``before`` for the next page."""
    offer = (await _offers.facts(tx, [offer_id]))[offer_id]
    require(actor, Permission.VIEW_SHOP, shop_id=offer.shop_id)
    query = select(Adjustment).where(Adjustment.offer_id == offer_id)
    if before is not None:
        query = query.where(Adjustment.id < before)
    rows = await tx.session.scalars(
        query.order_by(Adjustment.id.desc()).limit(max(1, min(limit, _HISTORY_LIMIT)))
    )
    return [_adjustment_out(row) for row in rows]


@command
async def get_availability(
    tx: Transaction, offer_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """What customers can still reserve of each offer (0 for one never counted)."""
    ids = list(set(offer_ids))
    found: dict[uuid.UUID, int] = dict.fromkeys(ids, 0)
    if ids:
        rows = await tx.session.execute(_AVAILABLE, {"ids": ids})
        found.update({offer_id: available for offer_id, available in rows})
    return found


# Built once: every cart view and checkout asks.
_AVAILABLE = select(Stock.offer_id, Stock.on_hand - Stock.reserved - Stock.allocated).where(
    Stock.offer_id.in_(bindparam("ids", expanding=True))
)


def availability(db: Database) -> AvailabilityProvider:
    """Availability for storefront listings (``availability=`` of its queries)."""

    async def provide(offer_ids: Sequence[uuid.UUID], /) -> Mapping[uuid.UUID, int]:
        return await get_availability(db, offer_ids)

    return provide


def _adjustment_out(row: Adjustment) -> AdjustmentOut:
    return AdjustmentOut(
        id=row.id,
        offer_id=row.offer_id,
        at=row.at,
        actor_id=row.actor_id,
        reason=AdjustmentReason(row.reason),
        note=row.note,
        holder=row.holder,
        on_hand_change=row.on_hand_change,
        reserved_change=row.reserved_change,
        allocated_change=row.allocated_change,
        on_hand=row.on_hand_after,
        reserved=row.reserved_after,
        allocated=row.allocated_after,
    )
