"""A handler's answer refused with a short retry_after is sent after the wait; a long one is not
waited for. Against the Telegram emulator, which answers the injected 429s as Telegram does."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from structlog.testing import capture_logs

from bot.common.flood_wait import FloodWait
from core.shared.config import Settings
from fruktgo.bots import create_bot
from sandbox.telegram.server import start_emulator

_people = itertools.count(7_880_950_000)


@dataclass
class Chat:
    bot: Bot
    person: int
    http: aiohttp.ClientSession
    url: str
    username: str

    async def sim(self, path: str, **body: Any) -> None:
        async with self.http.post(f"{self.url}/sim/{path}", json=body) as response:
            assert response.status == 200, await response.text()

    async def refuse_next(self, times: int, retry_after: int) -> None:
        await self.sim("faults", bot=self.username, method="sendMessage", error_code=429,
                       retry_after=retry_after, times=times)

    async def bot_texts(self) -> list[str]:
        query = f"user_id={self.person}&bot={self.username}"
        async with self.http.get(f"{self.url}/sim/chat?{query}") as response:
            body = await response.json()
        return [m["text"] for m in body["messages"] if m["from"]["is_bot"]]


@pytest.fixture
async def chat(settings: Settings) -> AsyncIterator[Chat]:
    """A person who started a bot whose session waits out short floods (at most 1 s here)."""
    emulator = await start_emulator(port=0)
    credentials = emulator.register_bot("flood_test_bot")
    client = create_bot(
        settings.model_copy(update={"telegram_api_url": emulator.url}), credentials.token
    )
    client.session.middleware(FloodWait(max_wait=1.0))
    person = next(_people)
    async with aiohttp.ClientSession() as http:
        chat = Chat(client, person, http, emulator.url, credentials.username)
        await chat.sim("users", user_id=person, first_name="Вера")
        await chat.sim("send", user_id=person, bot=credentials.username, text="/start")
        yield chat
    await client.session.close()
    await emulator.close()


async def test_a_short_flood_is_waited_out_and_the_answer_sent(chat: Chat) -> None:
    await chat.refuse_next(times=1, retry_after=1)
    started = time.monotonic()
    with capture_logs() as logs:
        sent = await chat.bot.send_message(chat.person, "Корзина обновлена")
    assert time.monotonic() - started >= 1.0  # it did wait Telegram's word
    assert sent.text == "Корзина обновлена"
    assert await chat.bot_texts() == ["Корзина обновлена"]
    [waited] = [r for r in logs if r["event"] == "bot.flood_wait"]
    assert (waited["method"], waited["seconds"]) == ("sendMessage", 1)


async def test_a_long_flood_is_not_waited_for(chat: Chat) -> None:
    await chat.refuse_next(times=1, retry_after=30)
    started = time.monotonic()
    with pytest.raises(TelegramRetryAfter) as refused:
        await chat.bot.send_message(chat.person, "Корзина обновлена")
    assert refused.value.retry_after == 30
    assert time.monotonic() - started < 1.0
    assert await chat.bot_texts() == []


async def test_a_second_refusal_is_not_retried_again(chat: Chat) -> None:
    await chat.refuse_next(times=2, retry_after=1)
    with pytest.raises(TelegramRetryAfter):
        await chat.bot.send_message(chat.person, "Корзина обновлена")
    assert await chat.bot_texts() == []
    sent = await chat.bot.send_message(chat.person, "Снова в строю")  # the flood is over
    assert sent.text == "Снова в строю"
