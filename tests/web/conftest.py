"""Fixtures for the web app: the real app over real PostgreSQL and Redis, behind aiohttp's test
client (no pytest-aiohttp plugin), and for its Mini App pages in headless Chromium (Debian's;
Playwright cannot download its own here)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from chromium_launch import CHROMIUM, CHROMIUM_ARGS
from miniapp_signing import make_app
from playwright.async_api import Browser, async_playwright
from redis.asyncio import Redis

from core.shared.config import Settings
from core.shared.uow import Database
from web.app import create_web_app

TEST_VERSION = "1.2.3-test"
# The sandbox's stand-in for telegram-web-app.js, served by the app under test.
STAND_IN = Path(__file__).resolve().parents[2] / "sandbox/telegram/ui/static/telegram-web-app.js"
STAND_IN_PATH = "/test/telegram-web-app.js"


@pytest.fixture
def web_app(settings: Settings, db: Database, redis: Redis) -> web.Application:
    return create_web_app(settings=settings, db=db, redis=redis, version=TEST_VERSION)


@pytest.fixture
async def client(web_app: web.Application) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(web_app)) as test_client:
        yield test_client



@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                    args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


@pytest.fixture
async def served(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestServer]:
    """The app on a real port, loading the stand-in telegram-web-app.js from itself."""
    app = make_app(settings, db, redis, telegram_web_app_js=STAND_IN_PATH)

    async def stand_in(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STAND_IN, headers={"Content-Type": "application/javascript"})

    app.router.add_get(STAND_IN_PATH, stand_in)
    server = TestServer(app)
    await server.start_server()
    yield server
    await server.close()
