"""Flood limits: 429 "Too Many Requests: retry after N" with parameters.retry_after, raised by
aiogram as TelegramRetryAfter; switched off, nothing is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramRetryAfter
from telegram_sim import Sim, fast_options

from sandbox.telegram import EmulatorHandle, start_emulator
from sandbox.telegram.limits import RateLimiter


@pytest.fixture
async def limited() -> AsyncIterator[EmulatorHandle]:
    """An emulator of its own with the limits on (not shared with other tests)."""
    options = fast_options(limits=True)
    options.require_start = False
    handle = await start_emulator(port=0, options=options)
    # Time stands still for the limiter, so a slow, loaded machine cannot refill a bucket
    # between the sends of one test.
    handle.state.limiter = RateLimiter(options.limits, clock=lambda: 1000.0)
    yield handle
    await handle.close()


@pytest.fixture
async def limited_bot(limited: EmulatorHandle) -> AsyncIterator[Bot]:
    """A bot on the limited emulator."""
    credentials = limited.register_bot("busy_bot")
    session = AiohttpSession(api=TelegramAPIServer.from_base(limited.url))
    yield Bot(credentials.token, session=session)
    await session.close()


@pytest.fixture
async def limited_sim(limited: EmulatorHandle) -> AsyncIterator[Sim]:
    """The sim API of the limited emulator."""
    async with aiohttp.ClientSession(limited.url) as http:
        yield Sim(http)


async def test_one_chat_allows_a_short_burst_then_429(
    limited: EmulatorHandle, limited_bot: Bot, limited_sim: Sim
) -> None:
    person = limited.add_user("Burst")
    burst = limited.state.options.limits.per_chat_burst
    for n in range(burst):
        await limited_bot.send_message(person, f"message {n}")
    with pytest.raises(TelegramRetryAfter) as raised:
        await limited_bot.send_message(person, "one too many")
    assert raised.value.retry_after >= 1
    assert raised.value.message.endswith(
        f"Original description: Too Many Requests: retry after {raised.value.retry_after}"
    )
    # Another chat is not affected by this chat's limit.
    assert await limited_bot.send_message(limited.add_user("Calm"), "hello")
    stats = await limited_sim.get("stats")
    assert stats["too_many_requests"] == 1


async def test_the_raw_answer_carries_retry_after(
    limited: EmulatorHandle, limited_bot: Bot
) -> None:
    person = limited.add_user("Raw")
    url = f"{limited.url}/bot{limited_bot.token}/sendMessage"
    async with aiohttp.ClientSession() as http:
        statuses = []
        for _ in range(limited.state.options.limits.per_chat_burst + 1):
            async with http.post(url, json={"chat_id": person, "text": "x"}) as response:
                statuses.append(response.status)
                body = await response.json()
    assert statuses[-1] == 429
    assert body["ok"] is False
    assert body["error_code"] == 429
    assert body["parameters"]["retry_after"] >= 1


async def test_a_group_takes_twenty_a_minute(limited: EmulatorHandle, limited_bot: Bot) -> None:
    limits = limited.state.options.limits
    limits.per_chat_burst = 100  # isolate the per-group limit
    member = limited.add_user("Member")
    group = limited.state.create_group(
        "Busy group", forum=False, members=[member], admin_bots=[limited.state.bots[limited_bot.id]]
    )
    for n in range(20):
        await limited_bot.send_message(group.id, f"news {n}")
    with pytest.raises(TelegramRetryAfter) as raised:
        await limited_bot.send_message(group.id, "news 21")
    assert raised.value.retry_after >= 3  # a slot frees every 3 seconds


async def test_thirty_a_second_per_bot(limited: EmulatorHandle, limited_bot: Bot) -> None:
    people = [limited.add_user(f"P{n}") for n in range(31)]
    for person in people[:30]:
        await limited_bot.send_message(person, "hi")
    with pytest.raises(TelegramRetryAfter):
        await limited_bot.send_message(people[30], "hi")


async def test_switched_off_nothing_is_refused(
    limited: EmulatorHandle, limited_bot: Bot, limited_sim: Sim
) -> None:
    assert (await limited_sim.post("limits", enabled=False)) == {"enabled": False}
    person = limited.add_user("Flood")
    for n in range(40):
        await limited_bot.send_message(person, f"message {n}")
    assert (await limited_sim.get("stats"))["too_many_requests"] == 0
    assert (await limited_sim.post("limits", enabled=True)) == {"enabled": True}


async def test_the_shared_test_emulator_has_limits_off(emulator: EmulatorHandle) -> None:
    assert emulator.state.options.limits.enabled is False
