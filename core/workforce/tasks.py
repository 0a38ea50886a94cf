"""workforce's background work: shifts that ran past the day's hours are ended."""

from __future__ import annotations

from core.shared.tasks import TaskContext, task
from core.workforce.api import end_shifts_over_limit as _end_over_limit


@task("workforce.end_shifts_over_limit", schedule="* * * * *")
async def end_shifts_over_limit(ctx: TaskContext) -> int:
    """End shifts past MAX_SHIFT_HOURS_PER_DAY (the courier is told); idempotent."""
    return await _end_over_limit(ctx.db)
