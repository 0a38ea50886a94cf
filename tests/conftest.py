"""Test infrastructure: each run gets its own PostgreSQL database, migrated with alembic, and its
own Redis logical database. Nothing here is mocked: tests talk to real servers."""

# ruff: noqa: E402 - aiogram must be imported (deferred) before the other imports below.
from __future__ import annotations

# Import aiogram as the processes do, its models built on first use, before any conftest or
# test module imports it the ordinary way: the suite checks the deferred builds that ship.
from fruktgo.aiogram_models import import_aiogram

import_aiogram()

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
REDIS_TEST_SERVER = os.environ.get("FRUKTGO_TEST_REDIS", "redis://127.0.0.1:6379")
# Each test session claims an odd logical db (the even one below it is free for tests that need
# a second db), so concurrent runs on one machine never flush each other's keys.
REDIS_TEST_DBS = (15, 13, 11, 9, 7, 5, 3)
_CLAIM_KEY = "fruktgo:test-session-claim"


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
def redis_test_url() -> Iterator[str]:
    import redis as sync_redis

    token = uuid.uuid4().hex
    for number in REDIS_TEST_DBS:
        url = f"{REDIS_TEST_SERVER}/{number}"
        client = sync_redis.Redis.from_url(url)
        try:
            if client.set(_CLAIM_KEY, token, nx=True, ex=3 * 3600):
                client.flushdb()
                client.set(_CLAIM_KEY, token, ex=3 * 3600)
                yield url
                if client.get(_CLAIM_KEY) == token.encode():
                    client.flushdb()
                return
        finally:
            client.close()
    raise RuntimeError("every Redis test db is claimed by another test session")


@pytest.fixture(scope="session")
def settings(test_database_name: str, redis_test_url: str) -> Settings:
    url = _database_url(test_database_name)
    upgrade_to_head(url)
    return load_settings(
        database_url=url,
        redis_url=redis_test_url,
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


async def _flush_keeping_claim(client: Redis) -> None:
    claim = await client.get(_CLAIM_KEY)
    await client.flushdb()
    if claim is not None:
        await client.set(_CLAIM_KEY, claim, ex=3 * 3600)


@pytest.fixture
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(str(settings.redis_url))
    await _flush_keeping_claim(client)
    yield client
    await client.aclose()
