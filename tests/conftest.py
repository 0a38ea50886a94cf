"""Test infrastructure: each run gets its own PostgreSQL database, migrated with alembic, and its
own Redis logical database. Nothing here is mocked: tests talk to real servers."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
from redis.asyncio import Redis

from core.shared.clock import FrozenClock
from core.shared.config import Settings, load_settings
from core.shared.db import create_engine
from core.shared.migrate import upgrade_to_head
from core.shared.uow import Database

PG_ADMIN_DSN = os.environ.get("FRUKTGO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_TEST_URL = os.environ.get("FRUKTGO_TEST_REDIS", "redis://127.0.0.1:6379/15")


async def _create_database(name: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def _drop_database(name: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _database_url(name: str) -> str:
    host = PG_ADMIN_DSN.split("@", 1)[1].rsplit("/", 1)[0]
    user = PG_ADMIN_DSN.split("://", 1)[1].split("@", 1)[0]
    return f"postgresql+asyncpg://{user}@{host}/{name}"


@pytest.fixture(scope="session")
def test_database_name() -> Iterator[str]:
    name = f"fruktgo_test_{uuid.uuid4().hex[:10]}"
    asyncio.run(_create_database(name))
    yield name
    asyncio.run(_drop_database(name))


@pytest.fixture(scope="session")
def settings(test_database_name: str) -> Settings:
    url = _database_url(test_database_name)
    upgrade_to_head(url)
    return load_settings(
        database_url=url,
        redis_url=REDIS_TEST_URL,
        admin_ids=[1000001],
        outbox_poll_seconds=0.05,
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
async def db(settings: Settings, clock: FrozenClock) -> AsyncIterator[Database]:
    from core.shared.outbox import publish_to_outbox

    database = Database(
        create_engine(str(settings.database_url), pool_size=5),
        clock=clock,
        publisher=publish_to_outbox,
    )
    yield database
    await database.dispose()


@pytest.fixture
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(str(settings.redis_url))
    await client.flushdb()
    yield client
    await client.aclose()
