"""End-to-end: the real bots run in polling mode against the Telegram emulator, exactly as
``fruktgo sandbox`` runs them; tests act as people through the emulator's /sim API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sim_client import Sim
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from core.shared.config import Settings
from fruktgo.app import run_app
from fruktgo.sandbox import BOT_USERNAMES, SandboxWorld, prepare_database, start_world


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
