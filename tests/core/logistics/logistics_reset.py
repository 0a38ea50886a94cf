"""Every earlier test's deliveries finished and the outbox emptied (the tables live for the whole
session), shared by the logistics tests and the bots' delivery tests (imported by basename)."""

from __future__ import annotations

from sqlalchemy import text

from core.shared.uow import Database


async def forget_earlier_work(db: Database) -> None:
    """Finish every earlier test's deliveries and empty the outbox, so dispatcher passes, relays
    and support's board see this test's work only."""
    async with db.engine.begin() as conn:
        await conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))
        await conn.execute(
            text("UPDATE delivery_offers SET status = 'withdrawn' WHERE status = 'open'")
        )
        await conn.execute(
            text(
                "UPDATE deliveries SET status = 'canceled', wait_until = NULL "
                "WHERE status NOT IN ('delivered', 'returned', 'canceled')"
            )
        )
