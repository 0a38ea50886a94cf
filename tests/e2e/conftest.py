"""End-to-end: the real bots run in polling mode against the Telegram emulator, exactly as
``fruktgo sandbox`` runs them; tests act as people through the emulator's /sim API."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from sim_client import Sim
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from core.shared.config import Settings
from core.shared.uow import Database
from fruktgo.app import run_app
from fruktgo.container import Container
from fruktgo.sandbox import BOT_USERNAMES, SandboxWorld, prepare_database, start_world
from fruktgo.worker import run_worker
from web.app import create_web_app

# The logistics tests' reset of earlier work (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core" / "logistics"))

from logistics_reset import forget_earlier_work  # noqa: E402


async def _settle_earlier_notifications(settings: Settings) -> None:
    # The session's database holds what earlier tests queued for people no emulator knows
    # (thousands, broadcasts among them); the worker keeps Telegram's rate limits, so an e2e test
    # would wait behind that backlog. Its own notifications are all that matter here.
    engine = create_async_engine(str(settings.database_url))
    try:
        async with engine.begin() as connection:
            await connection.execute(text(
                "UPDATE notifications SET status = 'canceled'"
                " WHERE status IN ('queued', 'sending')"
            ))
    finally:
        await engine.dispose()


@pytest.fixture
async def world(settings: Settings) -> AsyncIterator[SandboxWorld]:
    world = await start_world(settings, emulator_port=0)
    await prepare_database(world.settings)
    await _settle_earlier_notifications(world.settings)
    yield world
    await world.emulator.close()


@pytest.fixture
async def running_bots(world: SandboxWorld) -> AsyncIterator[SandboxWorld]:
    stop = asyncio.Event()
    settings = world.settings.model_copy(update={"web_port": 0})
    app = asyncio.create_task(run_app(settings, stop=stop))
    yield world
    stop.set()
    assert await asyncio.wait_for(app, 20) == 0


@pytest.fixture
async def sim(world: SandboxWorld) -> AsyncIterator[Sim]:
    async with aiohttp.ClientSession() as http:
        yield Sim(http, world.emulator.url)


@pytest.fixture
def bot_usernames() -> dict[str, str]:
    return {role.value: username for role, (username, _) in BOT_USERNAMES.items()}


@pytest.fixture
async def container(world: SandboxWorld) -> AsyncIterator[Container]:
    """The world's database and Redis as the bots and the web app see them (system clock)."""
    built = Container.build(world.settings)
    yield built
    await built.close()


@pytest.fixture
def core_db(container: Container) -> Database:
    return container.db


@pytest.fixture
async def worker(world: SandboxWorld, container: Container) -> AsyncIterator[None]:
    # The session's tables hold every earlier test's events, offers and deliveries: this
    # worker's relay, sender and dispatcher see this test's only.
    await forget_earlier_work(container.db)
    stop = asyncio.Event()
    running = asyncio.create_task(run_worker(world.settings, stop=stop))
    yield
    stop.set()
    assert await asyncio.wait_for(running, 20) == 0


@pytest.fixture
async def web_origin(world: SandboxWorld, container: Container) -> AsyncIterator[str]:
    """The web app on a port of its own over the world's database, with the world's settings,
    so it checks initData against the bot tokens the emulator signs with."""
    app = create_web_app(settings=world.settings, db=container.db, redis=container.redis)
    server = TestServer(app)
    await server.start_server()
    yield str(server.make_url("/"))
    await server.close()
