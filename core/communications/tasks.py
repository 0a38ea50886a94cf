"""Periodic upkeep of the notifications table."""

from __future__ import annotations

from datetime import timedelta

import structlog

from core.communications.api import purge_settled, queue_broadcasts
from core.shared.tasks import TaskContext, task

log = structlog.get_logger(__name__)

# Long enough for support to see what a person was told and for a redelivered event to find
# its dedup key; short enough that the table stays small.
RETENTION = timedelta(days=30)


@task("communications.housekeeping", schedule="23 * * * *")
async def communications_housekeeping(ctx: TaskContext) -> int:
    """Delete notifications settled more than ``RETENTION`` ago; idempotent."""
    deleted = await purge_settled(ctx.db, older_than=RETENTION)
    log.info("communications.housekeeping", deleted=deleted)
    return deleted


@task("communications.broadcasts", schedule="* * * * *")
async def communications_broadcasts(ctx: TaskContext) -> int:
    """Queue the remaining batches of broadcasts; idempotent (a recipient is queued once)."""
    queued = await queue_broadcasts(ctx.db)
    if queued:
        log.info("communications.broadcasts", queued=queued)
    return queued
