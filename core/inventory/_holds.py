"""Reservations by holder: reserve, keep, allocate, release, settle at assembly, expire.

Lock order, the same everywhere, so nothing deadlocks: first the holders (transaction-level
advisory locks, ascending key), then the stock rows (ascending offer id, see ``_stock.lock``).
A holder's lock makes its reservation lines stable while an operation reads and changes them;
each line's status still moves by a conditional update (``WHERE status = :from``). Every check
that can fail runs before the first change, so a caller that catches the error inside its own
transaction is left with nothing half done.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import BigInteger, Row, Table, bindparam, func, insert, select, update

from core.inventory import _stock
from core.inventory._models import Reservation
from core.inventory.errors import (
    InsufficientStock,
    ReservationExists,
    ReservationExpired,
    ReservationNotAllocated,
    ReservationNotFound,
    ReservationSettled,
)
from core.inventory.events import ReservationsExpired
from core.inventory.schemas import (
    ACTIVE_STATUSES,
    AdjustmentReason,
    ReservationOut,
    ReservationStatus,
    ReserveLine,
    TakenLine,
)
from core.shared.ids import new_id
from core.shared.uow import Transaction

_res = cast(Table, Reservation.__table__)

RESERVED = ReservationStatus.RESERVED
ALLOCATED = ReservationStatus.ALLOCATED


@dataclass(frozen=True)
class By:
    """Who the log names (a person's Telegram id, or None for the system) and their note."""

    id: int | None
    note: str | None = None


def _advisory_key(holder: str) -> int:
    digest = hashlib.blake2b(f"inventory:{holder}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# Statements on the checkout path are built once: building and keying them costs about as much
# as running them.
_LOCK_HOLDER = select(func.pg_advisory_xact_lock(bindparam("key", type_=BigInteger)))
_HOLDS_ANY = (
    select(_res.c.id)
    .where(
        _res.c.holder == bindparam("holder"),
        _res.c.status.in_(sorted(status.value for status in ACTIVE_STATUSES)),
    )
    .limit(1)
)
_INSERT = insert(_res)


async def lock_holders(tx: Transaction, holders: Iterable[str]) -> None:
    """Take the holders' transaction locks in ascending key order."""
    for key in sorted({_advisory_key(holder) for holder in holders}):
        await tx.session.execute(_LOCK_HOLDER, {"key": key})


async def _lines(
    tx: Transaction,
    holder: str,
    statuses: Collection[ReservationStatus] | None = None,
    offer_ids: Collection[uuid.UUID] | None = None,
) -> list[Row[Any]]:
    query = select(_res).where(_res.c.holder == holder)
    if statuses is not None:
        query = query.where(_res.c.status.in_([status.value for status in statuses]))
    if offer_ids is not None:
        query = query.where(_res.c.offer_id.in_(list(offer_ids)))
    rows = await tx.session.execute(query.order_by(_res.c.offer_id, _res.c.id))
    return list(rows)


def _lapsed(row: Row[Any], now: datetime) -> bool:
    return row.status == RESERVED and row.expires_at is not None and row.expires_at <= now


async def _move(
    tx: Transaction, rows: Sequence[Row[Any]], to: ReservationStatus, **values: Any
) -> list[Row[Any]]:
    """Move each row from the status it was read with to ``to``; returns the rows moved."""
    moved: list[Row[Any]] = []
    for status in sorted({row.status for row in rows}):
        ids = [row.id for row in rows if row.status == status]
        result = await tx.session.execute(
            update(_res)
            .where(_res.c.id.in_(ids), _res.c.status == status)
            .values(status=to.value, updated_at=tx.clock.now(), **values)
            .returning(*_res.c)
        )
        moved.extend(result)
    return sorted(moved, key=lambda row: (row.offer_id, row.id))


def out(row: Row[Any]) -> ReservationOut:
    return ReservationOut(
        id=row.id,
        holder=row.holder,
        offer_id=row.offer_id,
        quantity=row.quantity,
        status=ReservationStatus(row.status),
        expires_at=row.expires_at,
        taken=row.taken,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def reserve(
    tx: Transaction,
    holder: str,
    lines: Sequence[ReserveLine],
    ttl: timedelta | None,
    by: By,
) -> list[ReservationOut]:
    """Hold every line for ``holder`` or none of them."""
    await lock_holders(tx, [holder])
    if await tx.session.scalar(_HOLDS_ANY, {"holder": holder}) is not None:
        raise ReservationExists(holder=holder)
    wanted = sorted(lines, key=lambda line: line.offer_id)
    stocks = await _stock.lock(tx, (line.offer_id for line in wanted))
    short = [
        (line, stocks[line.offer_id].available if line.offer_id in stocks else 0)
        for line in wanted
        if line.offer_id not in stocks or stocks[line.offer_id].available < line.quantity
    ]
    if short:
        line, available = short[0]
        raise InsufficientStock(
            offer_id=line.offer_id,
            requested=line.quantity,
            available=available,
            short=[str(each.offer_id) for each, _ in short],
        )
    await _stock.apply(
        tx,
        [
            _stock.Change(stocks[line.offer_id], reserved=line.quantity, holder=holder)
            for line in wanted
        ],
        reason=AdjustmentReason.RESERVED,
        actor_id=by.id,
        note=by.note,
    )
    now = tx.clock.now()
    held = [
        ReservationOut(
            id=new_id(),
            holder=holder,
            offer_id=line.offer_id,
            quantity=line.quantity,
            status=RESERVED,
            expires_at=None if ttl is None else now + ttl,
            taken=None,
            created_at=now,
            updated_at=now,
        )
        for line in wanted
    ]
    # The rows are exactly what was written: no need to have them returned.
    await tx.session.execute(
        _INSERT,
        [
            {
                "id": each.id,
                "holder": each.holder,
                "offer_id": each.offer_id,
                "quantity": each.quantity,
                "status": each.status.value,
                "expires_at": each.expires_at,
                "taken": None,
                "created_at": each.created_at,
                "updated_at": each.updated_at,
            }
            for each in held
        ],
    )
    return held


async def extend(tx: Transaction, holder: str, ttl: timedelta | None) -> list[ReservationOut]:
    """Move the deadline of the holder's reserved lines; allocated ones have none."""
    await lock_holders(tx, [holder])
    active = await _lines(tx, holder, ACTIVE_STATUSES)
    if not active:
        raise ReservationNotFound(holder=holder)
    now = tx.clock.now()
    pending = [row for row in active if row.status == RESERVED]
    if any(_lapsed(row, now) for row in pending):
        raise ReservationExpired(holder=holder)
    if pending:
        await _move(tx, pending, RESERVED, expires_at=None if ttl is None else now + ttl)
    return [out(row) for row in await _lines(tx, holder, ACTIVE_STATUSES)]


async def allocate(tx: Transaction, holder: str, by: By) -> list[ReservationOut]:
    """Turn every reserved line of the holder into an allocation; again is a no-op."""
    await lock_holders(tx, [holder])
    active = await _lines(tx, holder, ACTIVE_STATUSES)
    if not active:
        raise ReservationNotFound(holder=holder)
    pending = [row for row in active if row.status == RESERVED]
    if any(_lapsed(row, tx.clock.now()) for row in pending):
        raise ReservationExpired(holder=holder)
    if pending:
        stocks = await _stock.lock(tx, (row.offer_id for row in pending))
        moved = await _move(tx, pending, ALLOCATED, expires_at=None)
        await _stock.apply(
            tx,
            [
                _stock.Change(
                    stocks[row.offer_id],
                    reserved=-row.quantity,
                    allocated=row.quantity,
                    holder=holder,
                )
                for row in moved
            ],
            reason=AdjustmentReason.ALLOCATED,
            actor_id=by.id,
            note=by.note,
        )
    return [out(row) for row in await _lines(tx, holder, ACTIVE_STATUSES)]


async def end(
    tx: Transaction,
    rows: Sequence[Row[Any]],
    to: ReservationStatus,
    reason: AdjustmentReason,
    by: By,
) -> list[Row[Any]]:
    """Give the stock of active lines back (holders already locked); returns the lines ended."""
    if not rows:
        return []
    stocks = await _stock.lock(tx, (row.offer_id for row in rows))
    status_before = {row.id: row.status for row in rows}
    ended = await _move(tx, rows, to)
    changes = []
    for row in ended:
        was_reserved = status_before[row.id] == RESERVED
        changes.append(
            _stock.Change(
                stocks[row.offer_id],
                reserved=-row.quantity if was_reserved else 0,
                allocated=0 if was_reserved else -row.quantity,
                holder=row.holder,
            )
        )
    await _stock.apply(tx, changes, reason=reason, actor_id=by.id, note=by.note)
    return ended


async def release(
    tx: Transaction, holder: str, offer_ids: Collection[uuid.UUID] | None, by: By
) -> list[ReservationOut]:
    """End the holder's active lines (all, or those of ``offer_ids``); none left is a no-op."""
    await lock_holders(tx, [holder])
    active = await _lines(tx, holder, ACTIVE_STATUSES, offer_ids)
    ended = await end(tx, active, ReservationStatus.RELEASED, AdjustmentReason.RELEASED, by)
    return [out(row) for row in ended]


async def settle(
    tx: Transaction, holder: str, taken: Sequence[TakenLine], by: By
) -> list[ReservationOut]:
    """Take the actual quantities off; the rest of each allocation becomes available again."""
    await lock_holders(tx, [holder])
    wanted = sorted(taken, key=lambda line: line.offer_id)
    rows = await _lines(tx, holder, None, [line.offer_id for line in wanted])
    plan: list[tuple[Row[Any], int]] = []
    for line in wanted:
        mine = [row for row in rows if row.offer_id == line.offer_id]
        active = [row for row in mine if row.status in ACTIVE_STATUSES]
        if not active:
            settled = [row for row in mine if row.status == ReservationStatus.SETTLED]
            if settled and settled[-1].taken == line.quantity:
                continue  # the same assembly recorded twice
            if settled:
                raise ReservationSettled(offer_id=line.offer_id, taken=settled[-1].taken)
            raise ReservationNotFound(holder=holder, offer_id=line.offer_id)
        if active[0].status != ALLOCATED:
            raise ReservationNotAllocated(offer_id=line.offer_id)
        plan.append((active[0], line.quantity))
    stocks = await _stock.lock(tx, (row.offer_id for row, _ in plan))
    for row, quantity in plan:
        most = row.quantity + stocks[row.offer_id].available
        if quantity > most:
            raise InsufficientStock(offer_id=row.offer_id, requested=quantity, available=most)
    for row, quantity in plan:
        moved = await _move(tx, [row], ReservationStatus.SETTLED, taken=quantity)
        if moved:
            await _stock.change(
                tx,
                stocks[row.offer_id],
                on_hand=-quantity,
                allocated=-row.quantity,
                reason=AdjustmentReason.ASSEMBLED,
                actor_id=by.id,
                note=by.note,
                holder=holder,
            )
    final = await _lines(tx, holder, None, [line.offer_id for line in wanted])
    latest = {row.offer_id: row for row in final}  # ordered by id: the last one wins
    return [out(latest[line.offer_id]) for line in wanted]


async def expire_batch(tx: Transaction, max_holders: int) -> tuple[int, int]:
    """Expire the lapsed lines of up to ``max_holders`` holders: (holders seen, lines expired)."""
    now = tx.clock.now()
    due = (_res.c.status == RESERVED.value) & (_res.c.expires_at <= now)
    holders = list(
        (
            await tx.session.execute(
                select(_res.c.holder)
                .where(due)
                .group_by(_res.c.holder)
                .order_by(func.min(_res.c.expires_at), _res.c.holder)
                .limit(max_holders)
            )
        ).scalars()
    )
    if not holders:
        return 0, 0
    await lock_holders(tx, holders)
    # Read again under the holders' locks: another run or a release may have got there first.
    lapsed = list(
        await tx.session.execute(
            select(_res).where(due, _res.c.holder.in_(holders)).order_by(_res.c.offer_id)
        )
    )
    ended = await end(tx, lapsed, ReservationStatus.EXPIRED, AdjustmentReason.EXPIRED, By(None))
    by_holder: dict[str, list[uuid.UUID]] = {}
    for row in ended:
        by_holder.setdefault(row.holder, []).append(row.offer_id)
    for holder in sorted(by_holder):
        await tx.publish(
            ReservationsExpired(holder=holder, offer_ids=tuple(sorted(by_holder[holder])))
        )
    return len(holders), len(ended)


async def lines_of(tx: Transaction, holder: str) -> list[ReservationOut]:
    """Every line the holder ever had, by offer, oldest first."""
    return [out(row) for row in await _lines(tx, holder)]
