"""logistics' periodic work: the SLA check."""

from __future__ import annotations

from core.logistics.api import flag_at_risk
from core.shared.tasks import TaskContext, task


@task("logistics.check_sla", schedule="* * * * *")
async def check_sla(ctx: TaskContext) -> int:
    """Flag deliveries at risk of being late and tell support, each once; idempotent."""
    return await flag_at_risk(ctx.db)
