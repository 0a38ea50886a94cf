"""communications commands and queries.

Other modules queue a message for a person with ``notify`` inside their own transaction (most
often from a subscriber of their own event); the ``Sender`` run by ``fruktgo worker`` sends it
after the commit. Nothing here talks to Telegram.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from sqlalchemy import and_, delete, exists, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.auth.policy import Actor, Permission, require
from core.communications import _broadcasts, _monitoring, _nudge, _threads
from core.communications._limits import Limits, RateLimits
from core.communications._models import Notification, NotificationThread
from core.communications._reachability import set_reachable, set_unreachable, unreachable_among
from core.communications._sender import Sender
from core.communications.errors import InvalidNotification, NotificationNotFound
from core.communications.port import MessageSender
from core.communications.schemas import (
    BotBacklog,
    BroadcastForm,
    BroadcastOut,
    NotificationOut,
    NotificationStatus,
    PersonNotifications,
    Priority,
)
from core.shared.config import BotRole
from core.shared.ids import new_id
from core.shared.uow import Database, Transaction, command

__all__ = [
    "Limits",
    "MessageSender",
    "RateLimits",
    "Sender",
    "cancel_broadcast",
    "create_broadcast",
    "get_broadcast",
    "list_broadcasts",
    "queue_broadcasts",
    "get_notification",
    "is_reachable",
    "list_notifications",
    "mark_reachable",
    "mark_unreachable",
    "notification_backlog",
    "notification_counts",
    "notify",
    "nudge_senders_through",
    "person_notifications",
    "purge_settled",
]

Scalar = str | int | float
# A list is rendered item by item with the message ``<template>-<name>`` (core.communications
# ._render): a receipt's lines, or an optional section as a list of zero or one item.
ParamValue = Scalar | Sequence[Mapping[str, Scalar]]
_TEMPLATE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_LIST_NAME = re.compile(r"[a-z][a-z0-9]*")
_LIST_LIMIT = 100
_DEDUP_KEY_LIMIT = 200
_TEMPLATE_LIMIT = 100
_THREAD_LIMIT = 200
# What support reads at once: enough to see a pattern, small enough to read.
PERSON_NOTIFICATIONS_LIMIT = 100


def nudge_senders_through(db: Database, redis: Redis | None) -> None:
    """Wake the senders through ``redis`` after each commit on ``db`` that queued something."""
    _nudge.NUDGES.install(db, redis)


@command
async def notify(
    tx: Transaction,
    recipient_id: int,
    bot: BotRole,
    template: str,
    params: Mapping[str, ParamValue],
    dedup_key: str,
    *,
    reply_markup: Mapping[str, Any] | None = None,
    thread: str | None = None,
    sequence: int | None = None,
    priority: Priority = Priority.NORMAL,
) -> UUID | None:
    """Queue message ``template`` (a locale key) for a person in ``bot``; None for a repeat.

    ``dedup_key`` names the cause (``"<event id>:<subscriber>"``, a business key): a second
    notification with the same key is not queued. For a person who cannot be reached in that
    bot the notification is recorded as failed at once. Text parameters are HTML-escaped when
    the message is rendered, in the recipient's language at the time of sending; so are button
    texts given as ``text_key`` (a locale key) instead of ``text``.

    ``thread`` makes it a live message: the first of the person's thread in ``bot`` is sent,
    later ones edit it. ``sequence`` orders the thread's states (default: after every one
    queued so far); one older than the state shown is never sent. ``priority``: the sender
    takes more urgent notifications first (order news before a broadcast).
    """
    checked = _check(recipient_id, template, params, dedup_key)
    if thread is not None and not 0 < len(thread) <= _THREAD_LIMIT:
        raise InvalidNotification(f"a thread is 1 to {_THREAD_LIMIT} characters", field="thread")
    if sequence is not None and (
        thread is None
        or isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or sequence < 0
    ):
        raise InvalidNotification("a sequence is a whole number, in a thread", field="sequence")
    now = tx.clock.now()
    reason = (await unreachable_among(tx, [recipient_id])).get((recipient_id, bot))
    status = NotificationStatus.QUEUED if reason is None else NotificationStatus.FAILED
    thread_seq = (
        None
        if thread is None
        else await _threads.next_sequence(tx, recipient_id, BotRole(bot), thread, sequence)
    )
    inserted = await tx.session.execute(
        pg_insert(Notification)
        .values(
            id=new_id(),
            recipient_id=recipient_id,
            bot=BotRole(bot).value,
            template=template,
            params=checked,
            reply_markup=dict(reply_markup) if reply_markup is not None else None,
            dedup_key=dedup_key,
            status=status.value,
            priority=int(Priority(priority)),
            attempts=0,
            last_error=None if reason is None else f"unreachable: {reason}",
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
            thread=thread,
            thread_seq=thread_seq,
        )
        .on_conflict_do_nothing(index_elements=[Notification.dedup_key])
        .returning(Notification.id)
    )
    notification_id: UUID | None = inserted.scalar_one_or_none()
    if notification_id is not None and status is NotificationStatus.QUEUED:
        _nudge.NUDGES.after_commit(tx)
    return notification_id


def _check(
    recipient_id: int, template: str, params: Mapping[str, ParamValue], dedup_key: str
) -> dict[str, ParamValue]:
    if isinstance(recipient_id, bool) or not isinstance(recipient_id, int) or recipient_id <= 0:
        raise InvalidNotification("the recipient is a Telegram user id", field="recipient_id")
    if len(template) > _TEMPLATE_LIMIT or not _TEMPLATE.fullmatch(template):
        raise InvalidNotification(
            "the template is a locale key like 'order-placed'", field="template"
        )
    if not dedup_key or len(dedup_key) > _DEDUP_KEY_LIMIT:
        raise InvalidNotification(
            f"the dedup key is 1 to {_DEDUP_KEY_LIMIT} characters", field="dedup_key"
        )
    checked: dict[str, ParamValue] = {}
    for name, value in params.items():
        if isinstance(value, Sequence) and not isinstance(value, str):
            if not _LIST_NAME.fullmatch(name) or len(value) > _LIST_LIMIT:
                raise InvalidNotification(
                    f"list parameter {name!r} needs a lowercase name and at most "
                    f"{_LIST_LIMIT} items",
                    field="params",
                )
            checked[name] = [_scalars(name, item) for item in value]
        else:
            checked[name] = _scalar(name, value)
    return checked


def _scalars(name: str, item: object) -> dict[str, Scalar]:
    if not isinstance(item, Mapping):
        raise InvalidNotification(f"the items of {name!r} must be mappings", field="params")
    return {str(key): _scalar(f"{name}.{key}", value) for key, value in item.items()}


def _scalar(name: str, value: object) -> Scalar:
    # Fluent formats text and numbers; anything else must be turned into text by the caller.
    if (
        not _PARAM_NAME.fullmatch(name.rsplit(".", 1)[-1])
        or isinstance(value, bool)
        or not isinstance(value, str | int | float)
    ):
        raise InvalidNotification(f"parameter {name!r} must be text or a number", field="params")
    return value


# -- broadcasts --------------------------------------------------------------------------------


@command
async def create_broadcast(tx: Transaction, actor: Actor, form: BroadcastForm) -> BroadcastOut:
    """An admin's message to an audience in one bot, behind order news; the first batch is
    queued at once, the rest by ``communications.broadcasts``."""
    return await _broadcasts.create(tx, actor, form)


@command
async def cancel_broadcast(tx: Transaction, actor: Actor, broadcast_id: UUID) -> BroadcastOut:
    """Stop a broadcast: what has not gone out yet never will (idempotent)."""
    return await _broadcasts.cancel(tx, actor, broadcast_id)


@command
async def get_broadcast(tx: Transaction, actor: Actor, broadcast_id: UUID) -> BroadcastOut:
    """One broadcast with its progress."""
    return await _broadcasts.get(tx, actor, broadcast_id)


@command
async def list_broadcasts(tx: Transaction, actor: Actor, *, limit: int = 20) -> list[BroadcastOut]:
    """The latest broadcasts with their progress, newest first."""
    return await _broadcasts.recent(tx, actor, limit)


async def queue_broadcasts(db: Database, *, batch: int = _broadcasts.BATCH) -> int:
    """Queue every pending batch of every broadcast, one transaction per batch; returns the
    recipients queued."""
    total = 0
    for broadcast_id in await db.run(_broadcasts.queuing):
        while True:

            async def one(tx: Transaction, broadcast_id: UUID = broadcast_id) -> int:
                return await _broadcasts.queue_batch(tx, broadcast_id, batch)

            count = await db.run(one)
            total += count
            if count < batch:
                break
    return total


# -- reachability ------------------------------------------------------------------------------


@command
async def mark_reachable(tx: Transaction, user_id: int, bot: BotRole) -> bool:
    """The person wrote to ``bot`` (or unblocked it): send to them again; True if they were not."""
    return await set_reachable(tx, user_id, bot)


@command
async def mark_unreachable(tx: Transaction, user_id: int, bot: BotRole, reason: str) -> None:
    """The person blocked ``bot``: fail what is queued for them there, queue nothing more."""
    await set_unreachable(tx, user_id, bot, reason)


@command
async def is_reachable(tx: Transaction, user_id: int, bot: BotRole) -> bool:
    """Whether ``bot`` may write to the person, as far as we know."""
    return (user_id, bot) not in await unreachable_among(tx, [user_id])


# -- queries -----------------------------------------------------------------------------------


@command
async def list_notifications(
    tx: Transaction, recipient_id: int, *, bot: BotRole | None = None, limit: int = 50
) -> list[NotificationOut]:
    """The person's notifications, newest first (for support and tests)."""
    statement = select(Notification).where(Notification.recipient_id == recipient_id)
    if bot is not None:
        statement = statement.where(Notification.bot == bot.value)
    rows = await tx.session.scalars(
        statement.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(
            min(limit, 500)
        )
    )
    return [_out(row) for row in rows]


@command
async def get_notification(tx: Transaction, notification_id: UUID) -> NotificationOut:
    """One notification by id."""
    row = await tx.session.get(Notification, notification_id, populate_existing=True)
    if row is None:
        raise NotificationNotFound(notification_id=notification_id)
    return _out(row)


@command
async def notification_counts(tx: Transaction) -> dict[str, int]:
    """Notifications by status, for operators and metrics."""
    counts = {status.value: 0 for status in NotificationStatus}
    rows = await tx.session.execute(
        select(Notification.status, func.count()).group_by(Notification.status)
    )
    counts.update({status: count for status, count in rows})
    return counts


@command
async def person_notifications(
    tx: Transaction,
    actor: Actor,
    recipient_id: int,
    *,
    bot: BotRole | None = None,
    limit: int = 50,
) -> PersonNotifications:
    """For support: a person's latest notifications, newest first (at most 100, optionally in
    one bot), and which bots cannot reach them, why and since when."""
    require(actor, Permission.HANDLE_TICKETS)
    if isinstance(recipient_id, bool) or not isinstance(recipient_id, int) or recipient_id <= 0:
        raise InvalidNotification("the recipient is a Telegram user id", field="recipient_id")
    statement = select(Notification).where(Notification.recipient_id == recipient_id)
    if bot is not None:
        statement = statement.where(Notification.bot == BotRole(bot).value)
    rows = await tx.session.scalars(
        statement.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(
            max(1, min(limit, PERSON_NOTIFICATIONS_LIMIT))
        )
    )
    return PersonNotifications(
        recipient_id=recipient_id,
        notifications=tuple(_out(row) for row in rows),
        reachability=await _monitoring.reachability_of(tx, recipient_id),
    )


@command
async def notification_backlog(tx: Transaction) -> tuple[BotBacklog, ...]:
    """Per bot: the notifications due now and how long the oldest of them has waited (the
    sender's lag), for the metrics; one cheap query over the pending rows."""
    return await _monitoring.backlog(tx)


def _out(row: Notification) -> NotificationOut:
    return NotificationOut(
        id=row.id,
        recipient_id=row.recipient_id,
        bot=BotRole(row.bot),
        template=row.template,
        params=dict(row.params),
        dedup_key=row.dedup_key,
        status=NotificationStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        sent_at=row.sent_at,
        telegram_message_id=row.telegram_message_id,
        thread=row.thread,
        thread_seq=row.thread_seq,
        priority=row.priority,
    )


async def purge_settled(db: Database, *, older_than: timedelta, batch_size: int = 1000) -> int:
    """Delete notifications settled before ``older_than``; returns the count.

    Their dedup keys go with them: a cause repeated after that long would notify again. So do
    threads untouched that long: a later message of one starts a new Telegram message.
    """
    settled = (
        NotificationStatus.SENT.value,
        NotificationStatus.FAILED.value,
        NotificationStatus.SUPERSEDED.value,
        NotificationStatus.CANCELED.value,
    )

    async def purge_batch(tx: Transaction) -> int:
        cutoff = tx.clock.now() - older_than
        doomed = (
            select(Notification.id)
            .where(Notification.status.in_(settled), Notification.updated_at < cutoff)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
        result = await tx.session.execute(
            delete(Notification).where(Notification.id.in_(doomed)).returning(Notification.id)
        )
        return len(result.all())

    async def purge_threads(tx: Transaction) -> None:
        pending = exists().where(
            Notification.recipient_id == NotificationThread.recipient_id,
            Notification.bot == NotificationThread.bot,
            Notification.thread == NotificationThread.thread,
            Notification.status.not_in(settled),
        )
        await tx.session.execute(
            delete(NotificationThread).where(
                and_(NotificationThread.updated_at < tx.clock.now() - older_than, ~pending)
            )
        )

    total = 0
    while True:
        count = await db.run(purge_batch)
        total += count
        if count < batch_size:
            break
    await db.run(purge_threads)
    return total
