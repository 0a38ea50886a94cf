"""Stock rows: locking them in a fixed order and changing their counters with a log entry.

Every change to an offer's counters goes through ``change`` while the caller holds the offer's
row lock (``lock``): the update is conditional as well (available stays >= 0 in its WHERE) and
the table's CHECK constraints are the last line of defence. Locks are always taken in ascending
offer id, one statement per call, so transactions touching several offers cannot deadlock.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.inventory._models import Adjustment, Stock
from core.inventory.errors import InsufficientStock
from core.inventory.events import LowStock
from core.inventory.schemas import AdjustmentReason, StockOut
from core.shared.uow import Transaction

_stock = cast(Table, Stock.__table__)
_adjustments = cast(Table, Adjustment.__table__)


@dataclass
class LockedStock:
    """An offer's counters as they stand while this transaction holds its row lock."""

    offer_id: uuid.UUID
    shop_id: uuid.UUID
    on_hand: int
    reserved: int
    allocated: int
    threshold: int | None
    is_low: bool

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved - self.allocated


def _is_low(available: int, threshold: int | None) -> bool:
    return threshold is not None and available <= threshold


async def ensure(tx: Transaction, offer_id: uuid.UUID, shop_id: uuid.UUID) -> None:
    """Create the offer's stock row (all zero) unless it exists."""
    now = tx.clock.now()
    await tx.session.execute(
        pg_insert(_stock)
        .values(
            offer_id=offer_id,
            shop_id=shop_id,
            on_hand=0,
            reserved=0,
            allocated=0,
            low_stock_alerted=False,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=[_stock.c.offer_id])
    )


async def lock(tx: Transaction, offer_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, LockedStock]:
    """Lock the existing stock rows of ``offer_ids`` in ascending id order; missing ones absent."""
    ids = sorted(set(offer_ids))
    if not ids:
        return {}
    # PostgreSQL locks the rows as the sorted scan returns them, so the order is the id order.
    rows = await tx.session.execute(
        select(
            _stock.c.offer_id,
            _stock.c.shop_id,
            _stock.c.on_hand,
            _stock.c.reserved,
            _stock.c.allocated,
            _stock.c.low_stock_threshold,
            _stock.c.low_stock_alerted,
        )
        .where(_stock.c.offer_id.in_(ids))
        .order_by(_stock.c.offer_id)
        .with_for_update()
    )
    return {row.offer_id: LockedStock(*row) for row in rows}


async def change(
    tx: Transaction,
    stock: LockedStock,
    *,
    reason: AdjustmentReason,
    actor_id: int | None,
    on_hand: int = 0,
    reserved: int = 0,
    allocated: int = 0,
    note: str | None = None,
    holder: str | None = None,
) -> None:
    """Apply the deltas to a locked row, log them and raise the low-stock alert on a crossing."""
    available = (
        stock.on_hand + on_hand - (stock.reserved + reserved) - (stock.allocated + allocated)
    )
    is_low = _is_low(available, stock.threshold)
    now = tx.clock.now()
    c = _stock.c
    result = await tx.session.execute(
        update(_stock)
        .where(
            c.offer_id == stock.offer_id,
            (c.on_hand + on_hand) - (c.reserved + reserved) - (c.allocated + allocated) >= 0,
        )
        .values(
            on_hand=c.on_hand + on_hand,
            reserved=c.reserved + reserved,
            allocated=c.allocated + allocated,
            low_stock_alerted=is_low,
            updated_at=now,
        )
        .returning(c.on_hand, c.reserved, c.allocated)
    )
    after = result.one_or_none()
    if after is None:
        # Unreachable while the caller holds the lock and checked first; kept as a guard.
        raise InsufficientStock(
            offer_id=stock.offer_id, requested=max(-available, 0), available=stock.available
        )
    fired = is_low and not stock.is_low
    stock.on_hand, stock.reserved, stock.allocated = after
    stock.is_low = is_low
    await tx.session.execute(
        insert(_adjustments).values(
            offer_id=stock.offer_id,
            at=now,
            actor_id=actor_id,
            reason=reason.value,
            note=note,
            holder=holder,
            on_hand_change=on_hand,
            reserved_change=reserved,
            allocated_change=allocated,
            on_hand_after=stock.on_hand,
            reserved_after=stock.reserved,
            allocated_after=stock.allocated,
        )
    )
    if fired:
        await _alert(tx, stock)


async def set_threshold(tx: Transaction, stock: LockedStock, threshold: int | None) -> None:
    """Store a new threshold; falling at or below it right away counts as a crossing."""
    is_low = _is_low(stock.available, threshold)
    await tx.session.execute(
        update(_stock)
        .where(_stock.c.offer_id == stock.offer_id)
        .values(low_stock_threshold=threshold, low_stock_alerted=is_low,
                updated_at=tx.clock.now())
    )
    fired = is_low and not stock.is_low
    stock.threshold, stock.is_low = threshold, is_low
    if fired:
        await _alert(tx, stock)


async def _alert(tx: Transaction, stock: LockedStock) -> None:
    assert stock.threshold is not None
    await tx.publish(
        LowStock(
            offer_id=stock.offer_id,
            shop_id=stock.shop_id,
            available=stock.available,
            threshold=stock.threshold,
        )
    )


async def read(tx: Transaction, offer_id: uuid.UUID) -> StockOut | None:
    """The offer's stock row as it stands, if it has one."""
    row = await tx.session.get(Stock, offer_id, populate_existing=True)
    return None if row is None else stock_out(row)


def stock_out(row: Stock) -> StockOut:
    return StockOut(
        offer_id=row.offer_id,
        shop_id=row.shop_id,
        on_hand=row.on_hand,
        reserved=row.reserved,
        allocated=row.allocated,
        low_stock_threshold=row.low_stock_threshold,
        is_low=row.low_stock_alerted,
        updated_at=row.updated_at,
    )
