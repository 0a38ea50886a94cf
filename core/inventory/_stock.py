"""Stock rows: locking them in a fixed order and changing their counters with a log entry.

Every change to an offer's counters goes through ``apply`` (``change`` for one row) while the
caller holds the offer's row lock (``lock``): the update is conditional as well (available stays
>= 0 in its WHERE) and the table's CHECK constraints are the last line of defence. Locks are
always taken in ascending offer id, one statement per call, so transactions touching several
offers cannot deadlock.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.inventory._models import Stock
from core.inventory.errors import InsufficientStock
from core.inventory.events import LowStock
from core.inventory.schemas import AdjustmentReason, StockOut
from core.shared.ids import new_id
from core.shared.uow import Transaction

_stock = cast(Table, Stock.__table__)


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


# Built once (the checkout path runs it for every order). PostgreSQL locks the rows as the sorted
# scan returns them, so the order is the id order.
_LOCK = (
    select(
        _stock.c.offer_id,
        _stock.c.shop_id,
        _stock.c.on_hand,
        _stock.c.reserved,
        _stock.c.allocated,
        _stock.c.low_stock_threshold,
        _stock.c.low_stock_alerted,
    )
    .where(_stock.c.offer_id.in_(bindparam("ids", expanding=True)))
    .order_by(_stock.c.offer_id)
    .with_for_update()
)


async def lock(tx: Transaction, offer_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, LockedStock]:
    """Lock the existing stock rows of ``offer_ids`` in ascending id order; missing ones absent."""
    ids = sorted(set(offer_ids))
    if not ids:
        return {}
    rows = await tx.session.execute(_LOCK, {"ids": ids})
    return {row.offer_id: LockedStock(*row) for row in rows}


@dataclass(frozen=True, slots=True)
class Change:
    """Deltas for one locked row, and the holder the log names (None: staff or no holder)."""

    stock: LockedStock
    on_hand: int = 0
    reserved: int = 0
    allocated: int = 0
    holder: str | None = None

    @property
    def available_after(self) -> int:
        s = self.stock
        return (
            s.on_hand + self.on_hand - (s.reserved + self.reserved) - (s.allocated + self.allocated)
        )


# One statement changes every row of a batch and logs each change: the deltas travel as arrays,
# so any number of lines is one round trip and one prepared statement. The update stays
# conditional (available >= 0 in its WHERE), as a guard behind the caller's lock and check.
_APPLY = text(
    """
WITH d AS (
    SELECT * FROM unnest(
        CAST(:ids AS uuid[]), CAST(:offer_ids AS uuid[]), CAST(:on_hand AS bigint[]),
        CAST(:reserved AS bigint[]), CAST(:allocated AS bigint[]), CAST(:is_low AS boolean[]),
        CAST(:holders AS varchar[])
    ) AS d(id, offer_id, on_hand, reserved, allocated, is_low, holder)
), changed AS (
    UPDATE inventory_stock AS s
    SET on_hand = s.on_hand + d.on_hand,
        reserved = s.reserved + d.reserved,
        allocated = s.allocated + d.allocated,
        low_stock_alerted = d.is_low,
        updated_at = CAST(:now AS timestamptz)
    FROM d
    WHERE s.offer_id = d.offer_id
      AND (s.on_hand + d.on_hand) - (s.reserved + d.reserved) - (s.allocated + d.allocated) >= 0
    RETURNING d.id, s.offer_id, d.holder, d.on_hand AS on_hand_change,
        d.reserved AS reserved_change, d.allocated AS allocated_change,
        s.on_hand, s.reserved, s.allocated
), logged AS (
    INSERT INTO inventory_adjustments (
        id, offer_id, at, actor_id, reason, note, holder,
        on_hand_change, reserved_change, allocated_change,
        on_hand_after, reserved_after, allocated_after
    )
    SELECT id, offer_id, CAST(:now AS timestamptz), CAST(:actor_id AS bigint),
        CAST(:reason AS varchar), CAST(:note AS varchar), holder,
        on_hand_change, reserved_change, allocated_change, on_hand, reserved, allocated
    FROM changed
)
SELECT offer_id, on_hand, reserved, allocated FROM changed
"""
)


def _batches(changes: Sequence[Change]) -> list[list[Change]]:
    # An UPDATE changes a row once however many FROM rows match it: the same offer twice
    # (two holders expiring together) goes into the next batch, applied after this one.
    batches: list[list[Change]] = []
    seen: dict[uuid.UUID, int] = {}
    for each in changes:
        index = seen.get(each.stock.offer_id, 0)
        seen[each.stock.offer_id] = index + 1
        if index == len(batches):
            batches.append([])
        batches[index].append(each)
    return batches


async def apply(
    tx: Transaction,
    changes: Sequence[Change],
    *,
    reason: AdjustmentReason,
    actor_id: int | None,
    note: str | None = None,
) -> None:
    """Apply the deltas to locked rows, log each one and raise low-stock alerts on crossings."""
    for batch in _batches(changes):
        await _apply_batch(tx, batch, reason, actor_id, note)


async def _apply_batch(
    tx: Transaction,
    batch: Sequence[Change],
    reason: AdjustmentReason,
    actor_id: int | None,
    note: str | None,
) -> None:
    lows = [_is_low(each.available_after, each.stock.threshold) for each in batch]
    result = await tx.session.execute(
        _APPLY,
        {
            "ids": [new_id() for _ in batch],
            "offer_ids": [each.stock.offer_id for each in batch],
            "on_hand": [each.on_hand for each in batch],
            "reserved": [each.reserved for each in batch],
            "allocated": [each.allocated for each in batch],
            "is_low": lows,
            "holders": [each.holder for each in batch],
            "now": tx.clock.now(),
            "actor_id": actor_id,
            "reason": reason.value,
            "note": note,
        },
    )
    after = {row.offer_id: (row.on_hand, row.reserved, row.allocated) for row in result}
    for each in batch:
        stock = each.stock
        if stock.offer_id not in after:
            # Unreachable while the caller holds the lock and checked first; kept as a guard.
            raise InsufficientStock(
                offer_id=stock.offer_id,
                requested=max(-each.available_after, 0),
                available=stock.available,
            )
    for each, is_low in zip(batch, lows, strict=True):
        stock = each.stock
        fired = is_low and not stock.is_low
        stock.on_hand, stock.reserved, stock.allocated = after[stock.offer_id]
        stock.is_low = is_low
        if fired:
            await _alert(tx, stock)


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
    await apply(
        tx,
        [Change(stock, on_hand, reserved, allocated, holder)],
        reason=reason,
        actor_id=actor_id,
        note=note,
    )


async def set_threshold(tx: Transaction, stock: LockedStock, threshold: int | None) -> None:
    """Store a new threshold; falling at or below it right away counts as a crossing."""
    is_low = _is_low(stock.available, threshold)
    await tx.session.execute(
        update(_stock)
        .where(_stock.c.offer_id == stock.offer_id)
        .values(low_stock_threshold=threshold, low_stock_alerted=is_low, updated_at=tx.clock.now())
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
