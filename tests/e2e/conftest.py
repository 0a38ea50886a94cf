"""End-to-end: the real bots run in polling mode against the Telegram emulator, exactly as
``fruktgo sandbox`` runs them; tests act as people through the emulator's /sim API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from core.shared.config import Settings
from fruktgo.app import run_app
from fruktgo.sandbox import BOT_USERNAMES, SandboxWorld, prepare_database, start_world


@dataclass
class Sim:
    """A thin client of the emulator's /sim API."""

    http: aiohttp.ClientSession
    url: str

    async def call(self, method: str, path: str, **body: Any) -> Any:
        async with self.http.request(method, f"{self.url}/sim/{path}", json=body or None) as resp:
            payload = await resp.json()
            assert resp.status == 200, payload
            return payload

    async def send(self, user_id: int, bot: str, text: str) -> dict[str, Any]:
        return await self.call("POST", "send", user_id=user_id, bot=bot, text=text)

    async def reply_to(self, user_id: int, bot: str, text: str) -> list[dict[str, Any]]:
        """Send ``text`` and return the bot's messages posted in answer."""
        sent = await self.send(user_id, bot, text)
        after = sent["message"]["message_id"]
        since = sent["revision"]
        # An edit of an older message also wakes /sim/wait; keep waiting for a new message.
        for _ in range(20):
            view = await self.call(
                "POST", "wait", user_id=user_id, bot=bot, after=after, since=since, timeout=10
            )
            assert not view.get("timed_out"), f"{bot} did not answer {text!r}"
            answers = [m for m in view["messages"] if m["message_id"] > after]
            if answers:
                return answers
            since = view["revision"]
        raise AssertionError(f"{bot} kept editing but never answered {text!r}")


@pytest.fixture
async def world(settings: Settings) -> AsyncIterator[SandboxWorld]:
    world = await start_world(settings, emulator_port=0)
    await prepare_database(world.settings)
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
