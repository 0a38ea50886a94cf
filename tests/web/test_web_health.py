from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis

from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.redis import create_redis
from core.shared.uow import Database
from web.app import create_web_app


async def test_healthz_answers_while_alive(client: TestClient) -> None:
    response = await client.get("/healthz")

    assert response.status == 200
    assert await response.json() == {"status": "ok"}


async def test_readyz_is_ok_when_postgres_and_redis_answer(client: TestClient) -> None:
    response = await client.get("/readyz")

    assert response.status == 200
    assert await response.json() == {
        "status": "ok",
        "checks": {"postgres": "ok", "redis": "ok"},
    }


@pytest.fixture
async def dead_redis() -> AsyncIterator[Redis]:
    client = create_redis("redis://127.0.0.1:1/0")  # nothing listens on port 1
    yield client
    await client.aclose()


@pytest.fixture
async def missing_database(settings: Settings) -> AsyncIterator[Database]:
    url = str(settings.database_url).rsplit("/", 1)[0] + f"/fruktgo_missing_{uuid.uuid4().hex}"
    database = Database(create_engine(url, pool_size=1))
    yield database
    await database.dispose()


async def test_readyz_names_redis_when_it_is_down(
    settings: Settings, db: Database, dead_redis: Redis
) -> None:
    app = create_web_app(settings=settings, db=db, redis=dead_redis)
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/readyz")
        body = await response.json()

    assert response.status == 503
    assert body["failing"] == ["redis"]
    assert body["checks"] == {"postgres": "ok", "redis": "unavailable"}


async def test_readyz_names_postgres_when_the_database_is_unreachable(
    settings: Settings, missing_database: Database, redis: Redis
) -> None:
    app = create_web_app(settings=settings, db=missing_database, redis=redis)
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/readyz")
        body = await response.json()

    assert response.status == 503
    assert body["failing"] == ["postgres"]
    assert body["checks"] == {"postgres": "unavailable", "redis": "ok"}


async def test_healthz_stays_ok_when_dependencies_are_down(
    settings: Settings, missing_database: Database, dead_redis: Redis
) -> None:
    app = create_web_app(settings=settings, db=missing_database, redis=dead_redis)
    async with TestClient(TestServer(app)) as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
        ready_body = await ready.json()

    assert health.status == 200
    assert ready.status == 503
    assert ready_body["failing"] == ["postgres", "redis"]
