"""orders' background work: unpaid orders expire, unanswered substitutes follow the preference."""

from __future__ import annotations

from core.orders.api import expire_unpaid_orders as _expire_unpaid
from core.orders.api import resolve_overdue_proposals as _resolve_proposals
from core.shared.tasks import TaskContext, task


@task("orders.expire_unpaid", schedule="* * * * *")
async def expire_unpaid(ctx: TaskContext) -> int:
    """Cancel orders whose payment deadline passed and release their stock; idempotent."""
    return await _expire_unpaid(ctx.db)


@task("orders.resolve_proposals", schedule="* * * * *")
async def resolve_proposals(ctx: TaskContext) -> int:
    """Decide substitutes nobody answered in time by the line's preference; idempotent."""
    return await _resolve_proposals(ctx.db)
