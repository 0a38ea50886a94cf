"""Fixtures for the Telegram emulator tests: one emulator for the session (limits off, short
waits), one aiogram HTTP session pointed at it, fresh bots and people per test, and a small
client for the sim API."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from echo_bot import echo_router
from telegram_sim import Sim, fast_options

from sandbox.telegram import EmulatorHandle, start_emulator

_names = itertools.count(1)


@pytest.fixture(scope="session")
async def emulator() -> AsyncIterator[EmulatorHandle]:
    """One emulator for the whole session, limits off."""
    handle = await start_emulator(port=0, options=fast_options())
    yield handle
    await handle.close()


@pytest.fixture(scope="session")
async def api_session(emulator: EmulatorHandle) -> AsyncIterator[AiohttpSession]:
    """aiogram's HTTP session pointed at the emulator, shared by every test bot."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.url))
    yield session
    await session.close()


@pytest.fixture
def new_bot(emulator: EmulatorHandle, api_session: AiohttpSession) -> Callable[[], Bot]:
    """Register a fresh bot and return an aiogram Bot for it."""

    def make() -> Bot:
        credentials = emulator.register_bot(f"test{next(_names)}_bot")
        return Bot(credentials.token, session=api_session)

    return make


@pytest.fixture
def bot(new_bot: Callable[[], Bot]) -> Bot:
    """A fresh bot for this test."""
    return new_bot()


@pytest.fixture
async def sim(emulator: EmulatorHandle) -> AsyncIterator[Sim]:
    """A sim API client."""
    async with aiohttp.ClientSession(emulator.url) as http:
        yield Sim(http)


@pytest.fixture
async def person(sim: Sim, bot: Bot) -> int:
    """A person who has started the test bot (so the bot may write to them)."""
    user_id = await sim.person("Anna", username="anna", language_code="en", phone="+79990001122")
    me = await bot.me()
    await sim.say(user_id, me.username or "", "/start")
    return user_id


@pytest.fixture
async def polling(bot: Bot) -> AsyncIterator[Bot]:
    """The test bot running the echo bot's handlers, polling."""
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    task = asyncio.create_task(
        dispatcher.start_polling(
            bot, handle_signals=False, close_bot_session=False, polling_timeout=5
        )
    )
    yield bot
    await dispatcher.stop_polling()
    await task
