"""A transaction whose connection died (PostgreSQL restarted, a proxy dropped it) is run again on
a fresh connection, once; connections are not pinged on their way out of the pool."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from structlog.testing import capture_logs

from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.uow import Database, Transaction


@pytest.fixture
async def own_db(settings: Settings) -> AsyncIterator[Database]:
    """A database with a pool of its own, whose connections the tests may kill."""
    database = Database(create_engine(str(settings.database_url), pool_size=2))
    yield database
    await database.dispose()


async def backend_pid(tx: Transaction) -> int:
    pid: int = (await tx.session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    return pid


async def test_a_transaction_on_a_killed_connection_runs_again_on_a_fresh_one(
    own_db: Database, db: Database
) -> None:
    pooled = await own_db.run(backend_pid)
    async with db.engine.connect() as admin:  # as a restart would, behind the pool's back
        await admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pooled})

    calls: list[int] = []

    async def body(tx: Transaction) -> int:
        calls.append(1)
        return await backend_pid(tx)

    with capture_logs() as logs:
        fresh = await own_db.run(body)

    assert fresh != pooled
    assert len(calls) == 2  # the first try met the dead connection, the second a new one
    assert [r["event"] for r in logs if r["event"].startswith("transaction.")] == [
        "transaction.reconnecting"
    ]


async def test_a_database_that_keeps_dropping_the_connection_is_not_retried_forever(
    own_db: Database,
) -> None:
    calls: list[int] = []

    async def doomed(tx: Transaction) -> None:
        calls.append(1)
        await tx.session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))

    with pytest.raises(DBAPIError) as raised:
        await own_db.run(doomed)
    assert raised.value.connection_invalidated
    assert len(calls) == 2
    assert await own_db.run(backend_pid) > 0  # and the pool recovers once it can
