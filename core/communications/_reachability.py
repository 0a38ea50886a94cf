"""Who cannot be reached in which bot: set on 403, cleared when they write to the bot again."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.communications._models import Unreachable
from core.shared.config import BotRole
from core.shared.uow import Transaction

_REASON_LIMIT = 2000


async def unreachable_among(
    tx: Transaction, recipient_ids: Iterable[int]
) -> dict[tuple[int, BotRole], str]:
    """Why each of these people cannot be reached, by (person, bot); absent when they can."""
    rows = await tx.session.execute(
        select(Unreachable.recipient_id, Unreachable.bot, Unreachable.reason).where(
            Unreachable.recipient_id.in_(sorted(set(recipient_ids)))
        )
    )
    return {(row.recipient_id, BotRole(row.bot)): row.reason for row in rows}


async def set_unreachable(tx: Transaction, recipient_id: int, bot: BotRole, reason: str) -> None:
    """Record that ``bot`` cannot write to the person (again: the latest reason wins)."""
    statement = pg_insert(Unreachable).values(
        recipient_id=recipient_id,
        bot=bot.value,
        reason=reason[:_REASON_LIMIT],
        since=tx.clock.now(),
    )
    await tx.session.execute(
        statement.on_conflict_do_update(
            index_elements=[Unreachable.recipient_id, Unreachable.bot],
            set_={"reason": statement.excluded.reason, "since": statement.excluded.since},
        )
    )


async def set_reachable(tx: Transaction, recipient_id: int, bot: BotRole) -> bool:
    """Forget that the person was unreachable in ``bot``; True when they had been."""
    result = await tx.session.execute(
        delete(Unreachable)
        .where(Unreachable.recipient_id == recipient_id, Unreachable.bot == bot.value)
        .returning(Unreachable.recipient_id)
    )
    return result.first() is not None
