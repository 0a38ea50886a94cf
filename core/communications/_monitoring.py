"""What support and operators see of the notifications: whether each bot can reach a person,
and each bot's backlog for the metrics."""

from __future__ import annotations

from sqlalchemy import func, literal, select

from core.communications._models import Notification, Unreachable
from core.communications.schemas import BotBacklog, NotificationStatus, Reachability
from core.shared.config import BotRole
from core.shared.uow import Transaction

# The sender's own definition of "due": queued rows whose time has come and sending rows whose
# lease ran out. The statuses are the partial index ix_notifications_due's predicate, written
# into the SQL rather than bound, so that even a generic plan of the prepared statement may use
# the index: the count is an index-only scan of the pending rows, never of the sent history.
_PENDING = [
    literal(NotificationStatus.QUEUED.value, literal_execute=True),
    literal(NotificationStatus.SENDING.value, literal_execute=True),
]


async def reachability_of(tx: Transaction, recipient_id: int) -> tuple[Reachability, ...]:
    """Every bot, reachable or with the reason and time it stopped being so."""
    rows = await tx.session.execute(
        select(Unreachable.bot, Unreachable.reason, Unreachable.since).where(
            Unreachable.recipient_id == recipient_id
        )
    )
    blocked = {BotRole(row.bot): row for row in rows}
    return tuple(
        Reachability(bot, reachable=False, reason=row.reason, since=row.since)
        if (row := blocked.get(bot)) is not None
        else Reachability(bot, reachable=True)
        for bot in BotRole
    )


async def backlog(tx: Transaction) -> tuple[BotBacklog, ...]:
    """Per bot, in ``BotRole`` order: how many notifications are due and the oldest one's lag."""
    now = tx.clock.now()
    rows = await tx.session.execute(
        select(Notification.bot, func.count(), func.min(Notification.next_attempt_at))
        .where(Notification.status.in_(_PENDING), Notification.next_attempt_at <= now)
        .group_by(Notification.bot)
    )
    found = {BotRole(bot): (count, oldest) for bot, count, oldest in rows}
    lanes = []
    for bot in BotRole:
        count, oldest = found.get(bot, (0, None))
        lag = 0.0 if oldest is None else max(0.0, (now - oldest).total_seconds())
        lanes.append(BotBacklog(bot, due=count, oldest_due_seconds=lag))
    return tuple(lanes)
