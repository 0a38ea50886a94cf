"""Live messages: notifications of one thread edit one Telegram message, newest state wins.

A thread is named by whoever queues to it ("order:<id>:status") and belongs to one person in one
bot. Each notification of it carries a sequence (given by the caller, or the next one): the
sender sends only a thread's newest pending notification, and never one older than what the
message shows (``superseded``). One notification of a thread is in flight at a time: claiming
locks the thread's row, and a thread with a notification still being sent waits for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from uuid import UUID

from sqlalchemy import ColumnElement, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.communications._models import Notification, NotificationThread
from core.communications.schemas import NotificationStatus
from core.shared.config import BotRole
from core.shared.uow import Transaction

ThreadKey = tuple[int, str, str]  # recipient, bot, thread

_PENDING = (NotificationStatus.QUEUED.value, NotificationStatus.SENDING.value)


def key_of(row: Notification) -> ThreadKey:
    """The thread a notification belongs to (it has one)."""
    assert row.thread is not None
    return (row.recipient_id, row.bot, row.thread)


async def next_sequence(
    tx: Transaction, recipient_id: int, bot: BotRole, thread: str, sequence: int | None
) -> int:
    """Record a notification queued to the thread; its sequence (``sequence``, or the next)."""
    now = tx.clock.now()
    start = 1 if sequence is None else sequence
    statement = pg_insert(NotificationThread).values(
        recipient_id=recipient_id, bot=bot.value, thread=thread, last_seq=start, updated_at=now
    )
    bumped = (
        NotificationThread.last_seq + 1
        if sequence is None
        else func.greatest(NotificationThread.last_seq, statement.excluded.last_seq)
    )
    result = await tx.session.execute(
        statement.on_conflict_do_update(
            index_elements=[
                NotificationThread.recipient_id,
                NotificationThread.bot,
                NotificationThread.thread,
            ],
            set_={"last_seq": bumped, "updated_at": now},
        ).returning(NotificationThread.last_seq)
    )
    last = int(result.scalar_one())
    return last if sequence is None else sequence


async def members(tx: Transaction, bot: BotRole, thread: str) -> list[int]:
    """Everyone who has the thread in ``bot``."""
    rows = await tx.session.scalars(
        select(NotificationThread.recipient_id)
        .where(NotificationThread.bot == bot.value, NotificationThread.thread == thread)
        .order_by(NotificationThread.recipient_id)
    )
    return list(rows)


class Verdict(Enum):
    SEND = "send"  # send it (or edit the thread's message)
    SUPERSEDED = "superseded"  # a newer state is shown or on its way
    WAIT = "wait"  # another notification of the thread is being sent


@dataclass(frozen=True, slots=True)
class Plan:
    verdict: Verdict
    edit_message_id: int | None = None  # SEND: the message to edit, None: send a new one
    wait_until: datetime | None = None  # WAIT: when the one in flight loses its lease


async def plan(tx: Transaction, rows: Sequence[Notification]) -> dict[UUID, Plan]:
    """What to do with each threaded row of a claimed batch (the rows are locked)."""
    keys = sorted({key_of(row) for row in rows})
    if not keys:
        return {}
    now = tx.clock.now()
    # Locked in key order, so concurrent claims of the same threads take turns.
    states = {
        (state.recipient_id, state.bot, state.thread): state
        for state in await tx.session.scalars(
            select(NotificationThread)
            .where(_in(NotificationThread, keys))
            .order_by(
                NotificationThread.recipient_id, NotificationThread.bot, NotificationThread.thread
            )
            .with_for_update()
        )
    }
    newest: dict[ThreadKey, tuple[int, UUID]] = {}
    in_flight: dict[ThreadKey, datetime] = {}
    pending = await tx.session.execute(
        select(
            Notification.id,
            Notification.recipient_id,
            Notification.bot,
            Notification.thread,
            Notification.thread_seq,
            Notification.status,
            Notification.next_attempt_at,
        ).where(_in(Notification, keys), Notification.status.in_(_PENDING))
    )
    for seen in pending:
        key = (seen.recipient_id, seen.bot, seen.thread)
        rank = (int(seen.thread_seq), seen.id)
        if key not in newest or rank > newest[key]:
            newest[key] = rank
        # A row of this batch being sent had its lease run out; any other holds the thread.
        if seen.status == NotificationStatus.SENDING.value and seen.next_attempt_at > now:
            lease_end = seen.next_attempt_at
            in_flight[key] = max(in_flight.get(key, lease_end), lease_end)
    plans: dict[UUID, Plan] = {}
    for row in rows:
        key = key_of(row)
        state = states.get(key)
        seq = int(row.thread_seq or 0)
        shown = None if state is None else state.shown_seq
        if (shown is not None and seq < shown) or (seq, row.id) < newest.get(key, (seq, row.id)):
            plans[row.id] = Plan(Verdict.SUPERSEDED)
        elif key in in_flight:
            plans[row.id] = Plan(Verdict.WAIT, wait_until=in_flight[key])
        else:
            message_id = None if state is None else state.message_id
            plans[row.id] = Plan(Verdict.SEND, edit_message_id=message_id)
    return plans


async def after_send(
    tx: Transaction, key: ThreadKey, sequence: int, message_id: int | None
) -> None:
    """A notification of the thread was sent (``message_id``: the message now shows
    ``sequence``, unless it shows a newer one) or failed; the thread's waiting ones may go."""
    now = tx.clock.now()
    recipient_id, bot, thread = key
    if message_id is not None:
        statement = pg_insert(NotificationThread).values(
            recipient_id=recipient_id,
            bot=bot,
            thread=thread,
            message_id=message_id,
            shown_seq=sequence,
            last_seq=sequence,
            updated_at=now,
        )
        await tx.session.execute(
            statement.on_conflict_do_update(
                index_elements=[
                    NotificationThread.recipient_id,
                    NotificationThread.bot,
                    NotificationThread.thread,
                ],
                set_={"message_id": message_id, "shown_seq": sequence, "updated_at": now},
                where=or_(
                    NotificationThread.shown_seq.is_(None),
                    NotificationThread.shown_seq <= sequence,
                ),
            )
        )
    await tx.session.execute(
        update(Notification)
        .where(
            _in(Notification, [key]),
            Notification.status == NotificationStatus.QUEUED.value,
            Notification.thread_seq > sequence,
            Notification.next_attempt_at > now,
        )
        .values(next_attempt_at=now),
        execution_options={"synchronize_session": False},
    )


def _in(
    table: type[Notification] | type[NotificationThread], keys: Iterable[ThreadKey]
) -> ColumnElement[bool]:
    return tuple_(table.recipient_id, table.bot, table.thread).in_(list(keys))
