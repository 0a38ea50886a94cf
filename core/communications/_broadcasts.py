"""Admin broadcasts: one text for many people in one bot, at the lowest priority.

A broadcast is turned into notifications in batches, recipients in ascending id order with a
cursor, so a big audience never makes one huge transaction and a repeated batch (a task run
twice) queues nobody twice (the dedup key is ``broadcast:<id>:<recipient>``). Its progress is
counted from its notifications; canceling it cancels the ones not yet sent and stops the
batches.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.auth.api import known_user_ids
from core.auth.policy import Actor, Permission, require
from core.communications import _nudge
from core.communications._models import Broadcast, Notification
from core.communications._reachability import unreachable_among
from core.communications.errors import BroadcastNotFound, InvalidBroadcast
from core.communications.schemas import (
    Audience,
    BroadcastForm,
    BroadcastOut,
    BroadcastProgress,
    BroadcastStatus,
    NotificationStatus,
    Priority,
)
from core.orders.api import shop_customer_ids
from core.shared.config import BotRole
from core.shared.ids import new_id
from core.shared.uow import Transaction

TEMPLATE = "broadcast-message"
BATCH = 1000
# Telegram's own limit on a message's text, less room for what rendering adds.
_TEXT_LIMIT = 4000
_IDS_LIMIT = 100_000


async def create(tx: Transaction, actor: Actor, form: BroadcastForm) -> BroadcastOut:
    require(actor, Permission.SEND_BROADCASTS)
    text = form.text.strip()
    if not 0 < len(text) <= _TEXT_LIMIT:
        raise InvalidBroadcast(f"the text is 1 to {_TEXT_LIMIT} characters", field="text")
    audience = Audience(form.audience)
    if (audience is Audience.SHOP) != (form.shop_id is not None):
        raise InvalidBroadcast("a shop is given for a shop's customers only", field="shop_id")
    ids: list[int] | None = None
    if audience is Audience.IDS:
        ids = sorted(set(form.recipient_ids))
        if (
            not ids
            or len(ids) > _IDS_LIMIT
            or any(isinstance(i, bool) or not isinstance(i, int) or i <= 0 for i in ids)
        ):
            raise InvalidBroadcast(
                f"1 to {_IDS_LIMIT} Telegram ids are needed", field="recipient_ids"
            )
    elif form.recipient_ids:
        raise InvalidBroadcast("ids are given for a list audience only", field="recipient_ids")
    now = tx.clock.now()
    row = Broadcast(
        id=new_id(),
        bot=BotRole(form.bot).value,
        text=text,
        audience=audience.value,
        shop_id=form.shop_id,
        recipient_ids=ids,
        status=BroadcastStatus.QUEUING.value,
        cursor=0,
        total=0,
        created_by=actor.telegram_id,
        created_at=now,
        updated_at=now,
    )
    tx.session.add(row)
    await tx.session.flush()
    # The first batch right away: a small broadcast needs no task at all.
    await queue_batch(tx, row.id, BATCH)
    return await _out(tx, row)


async def queue_batch(tx: Transaction, broadcast_id: uuid.UUID, batch: int = BATCH) -> int:
    """Queue notifications for the next ``batch`` recipients; returns how many were found."""
    row = await tx.session.get(
        Broadcast, broadcast_id, with_for_update=True, populate_existing=True
    )
    if row is None:
        raise BroadcastNotFound(broadcast_id=broadcast_id)
    if row.status != BroadcastStatus.QUEUING.value:
        return 0
    recipients = await _recipients(tx, row, batch)
    now = tx.clock.now()
    if recipients:
        bot = BotRole(row.bot)
        unreachable = await unreachable_among(tx, recipients)
        values: list[dict[str, Any]] = []
        for recipient in recipients:
            reason = unreachable.get((recipient, bot))
            values.append(
                {
                    "id": new_id(),
                    "recipient_id": recipient,
                    "bot": bot.value,
                    "template": TEMPLATE,
                    "params": {"text": row.text},
                    "dedup_key": f"broadcast:{row.id}:{recipient}",
                    "status": (
                        NotificationStatus.QUEUED if reason is None else NotificationStatus.FAILED
                    ).value,
                    "priority": int(Priority.BROADCAST),
                    "attempts": 0,
                    "last_error": None if reason is None else f"unreachable: {reason}",
                    "next_attempt_at": now,
                    "created_at": now,
                    "updated_at": now,
                    "broadcast_id": row.id,
                }
            )
        inserted = await tx.session.execute(
            pg_insert(Notification)
            .values(values)
            .on_conflict_do_nothing(index_elements=[Notification.dedup_key])
            .returning(Notification.id)
        )
        row.total += len(inserted.all())
        row.cursor = recipients[-1]
        _nudge.NUDGES.after_commit(tx)
    if len(recipients) < batch:
        row.status = BroadcastStatus.QUEUED.value
    row.updated_at = now
    return len(recipients)


async def _recipients(tx: Transaction, row: Broadcast, batch: int) -> list[int]:
    if row.audience == Audience.IDS.value:
        assert row.recipient_ids is not None
        return [i for i in sorted(row.recipient_ids) if i > row.cursor][:batch]
    if row.audience == Audience.SHOP.value:
        assert row.shop_id is not None
        return await shop_customer_ids(tx.db, row.shop_id, after=row.cursor, limit=batch)
    return await known_user_ids(tx.db, after=row.cursor, limit=batch)


async def queuing(tx: Transaction) -> list[uuid.UUID]:
    """Broadcasts with batches still to queue, oldest first."""
    rows = await tx.session.scalars(
        select(Broadcast.id)
        .where(Broadcast.status == BroadcastStatus.QUEUING.value)
        .order_by(Broadcast.created_at)
    )
    return list(rows)


async def cancel(tx: Transaction, actor: Actor, broadcast_id: uuid.UUID) -> BroadcastOut:
    require(actor, Permission.SEND_BROADCASTS)
    row = await tx.session.get(
        Broadcast, broadcast_id, with_for_update=True, populate_existing=True
    )
    if row is None:
        raise BroadcastNotFound(broadcast_id=broadcast_id)
    now = tx.clock.now()
    if row.status != BroadcastStatus.CANCELED.value:
        row.status = BroadcastStatus.CANCELED.value
        row.updated_at = now
        # Rows being sent right now finish; the rest never go out.
        await tx.session.execute(
            update(Notification)
            .where(
                Notification.broadcast_id == row.id,
                Notification.status == NotificationStatus.QUEUED.value,
            )
            .values(
                status=NotificationStatus.CANCELED.value,
                last_error="broadcast canceled",
                updated_at=now,
            )
        )
    return await _out(tx, row)


async def get(tx: Transaction, actor: Actor, broadcast_id: uuid.UUID) -> BroadcastOut:
    require(actor, Permission.SEND_BROADCASTS)
    row = await tx.session.get(Broadcast, broadcast_id, populate_existing=True)
    if row is None:
        raise BroadcastNotFound(broadcast_id=broadcast_id)
    return await _out(tx, row)


async def recent(tx: Transaction, actor: Actor, limit: int) -> list[BroadcastOut]:
    require(actor, Permission.SEND_BROADCASTS)
    rows = await tx.session.scalars(
        select(Broadcast)
        .order_by(Broadcast.created_at.desc(), Broadcast.id.desc())
        .limit(max(1, min(limit, 100)))
    )
    return [await _out(tx, row) for row in rows]


async def _out(tx: Transaction, row: Broadcast) -> BroadcastOut:
    blocked = Notification.last_error.like("blocked:%") | Notification.last_error.like(
        "unreachable:%"
    )
    kind = case(
        (Notification.status.in_(("queued", "sending")), "queued"),
        (Notification.status == "sent", "sent"),
        (Notification.status == "canceled", "canceled"),
        ((Notification.status == "failed") & blocked, "blocked"),
        else_="failed",
    )
    rows = await tx.session.execute(
        select(kind, func.count()).where(Notification.broadcast_id == row.id).group_by(kind)
    )
    counts: dict[str, int] = {str(name): int(count) for name, count in rows}
    return BroadcastOut(
        id=row.id,
        text=row.text,
        bot=BotRole(row.bot),
        audience=Audience(row.audience),
        shop_id=row.shop_id,
        status=BroadcastStatus(row.status),
        total=row.total,
        progress=BroadcastProgress(**counts),
        created_by=row.created_by,
        created_at=row.created_at,
    )
