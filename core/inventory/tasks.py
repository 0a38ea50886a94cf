"""inventory's background work: releasing reservations past their deadline."""

from __future__ import annotations

from core.inventory.api import expire_reservations as _expire
from core.shared.tasks import TaskContext, task


@task("inventory.expire_reservations", schedule="* * * * *")
async def expire_reservations(ctx: TaskContext) -> int:
    """Release every lapsed reservation; idempotent, so a double run does nothing more."""
    return await _expire(ctx.db)
