"""Fixtures for the web app: the real app over real PostgreSQL and Redis, behind aiohttp's test
client (no pytest-aiohttp plugin)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis

from core.shared.config import Settings
from core.shared.uow import Database
from web.app import create_web_app

TEST_VERSION = "1.2.3-test"


@pytest.fixture
def web_app(settings: Settings, db: Database, redis: Redis) -> web.Application:
    return create_web_app(settings=settings, db=db, redis=redis, version=TEST_VERSION)


@pytest.fixture
async def client(web_app: web.Application) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(web_app)) as test_client:
        yield test_client

