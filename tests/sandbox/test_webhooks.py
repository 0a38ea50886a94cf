"""Webhook mode: the emulator pushes updates to aiogram's SimpleRequestHandler with the secret
token, retries while the receiver answers non-2xx, and executes methods put in the reply."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from echo_bot import echo_router
from telegram_sim import Sim, username

from sandbox.telegram import EmulatorHandle

SECRET = "s3cret_Token-1"


@dataclass
class Receiver:
    """A local webhook endpoint in front of aiogram's handler that can refuse deliveries."""

    url: str
    refuse: int = 0  # answer 500 to this many deliveries first
    seen_secrets: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    answered: asyncio.Queue[int] = field(default_factory=asyncio.Queue)


def _gate(
    receiver: Receiver, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def gate(request: web.Request) -> web.StreamResponse:
        receiver.seen_secrets.append(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""))
        if receiver.refuse > 0:
            receiver.refuse -= 1
            response: web.StreamResponse = web.Response(status=500, text="busy")
        else:
            response = await handler(request)
        receiver.statuses.append(response.status)
        receiver.answered.put_nowait(response.status)
        return response

    return gate


async def _serve(bot: Bot, *, background: bool) -> AsyncIterator[Receiver]:
    dispatcher = Dispatcher()
    dispatcher.include_router(echo_router())
    handler = SimpleRequestHandler(
        dispatcher, bot, secret_token=SECRET, handle_in_background=background
    )
    app = web.Application()
    receiver = Receiver(url="")
    app.router.add_post("/webhook", _gate(receiver, handler.handle))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = next(a[1] for a in runner.addresses if isinstance(a, tuple))
    receiver.url = f"http://127.0.0.1:{port}/webhook"
    yield receiver
    await bot.delete_webhook()
    await handler.close()
    await runner.cleanup()


@pytest.fixture
async def receiver(bot: Bot) -> AsyncIterator[Receiver]:
    """The echo bot behind a webhook endpoint (updates handled in the background)."""
    async for served in _serve(bot, background=True):
        yield served


@pytest.fixture
async def replying_receiver(bot: Bot) -> AsyncIterator[Receiver]:
    """The echo bot behind a webhook endpoint that answers with methods in the reply."""
    async for served in _serve(bot, background=False):
        yield served


async def test_updates_arrive_with_the_secret_token(bot: Bot, receiver: Receiver, sim: Sim) -> None:
    assert await bot.set_webhook(receiver.url, secret_token=SECRET)
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    name = await username(bot)
    person = await sim.person("Wanda")
    said = await sim.say(person, name, "plums")
    echo = await sim.post("wait", user_id=person, bot=name, after=said["message_id"], timeout=5)
    assert echo["messages"][-1]["text"] == "Echo: plums"
    assert receiver.seen_secrets == [SECRET]
    assert (await bot.get_webhook_info()).pending_update_count == 0
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()


async def test_non_2xx_answers_are_retried(
    bot: Bot, receiver: Receiver, sim: Sim, emulator: EmulatorHandle
) -> None:
    receiver.refuse = 2
    before = emulator.state.stats.json()
    await bot.set_webhook(receiver.url, secret_token=SECRET)
    name = await username(bot)
    person = await sim.person("Rita")
    said = await sim.say(person, name, "pears")
    echo = await sim.post("wait", user_id=person, bot=name, after=said["message_id"], timeout=10)
    assert echo["messages"][-1]["text"] == "Echo: pears"
    assert receiver.statuses == [500, 500, 200]
    after = emulator.state.stats.json()
    assert after["webhook_failures"] - before["webhook_failures"] == 2
    assert after["webhook_deliveries"] - before["webhook_deliveries"] == 1
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"


async def test_a_wrong_secret_is_refused_until_fixed(
    bot: Bot, receiver: Receiver, sim: Sim
) -> None:
    await bot.set_webhook(receiver.url, secret_token="wrong")
    name = await username(bot)
    person = await sim.person("Olga")
    await sim.say(person, name, "/start")
    refused = [await asyncio.wait_for(receiver.answered.get(), 5) for _ in range(2)]
    assert refused == [401, 401]  # refused, then retried
    assert set(receiver.seen_secrets) == {"wrong"}
    assert (await bot.get_webhook_info()).pending_update_count == 1
    await bot.set_webhook(receiver.url, secret_token=SECRET)
    greeting = await sim.post("wait", user_id=person, bot=name, timeout=5)
    assert greeting["messages"][-1]["text"] == "Hi! Say something."


async def test_a_method_in_the_webhook_reply_is_executed(
    bot: Bot, replying_receiver: Receiver, sim: Sim
) -> None:
    await bot.set_webhook(replying_receiver.url, secret_token=SECRET)
    name = await username(bot)
    person = await sim.person("Ivan")
    said = await sim.say(person, name, "reply via webhook")
    reply = await sim.post("wait", user_id=person, bot=name, after=said["message_id"], timeout=5)
    assert reply["messages"][-1]["text"] == "Answered in the webhook reply"


async def test_webhook_settings(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="secret token contains unallowed characters"):
        await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="no spaces")
    assert await bot.set_webhook(
        "http://127.0.0.1:9/hook", allowed_updates=["message"], max_connections=5
    )
    info = await bot.get_webhook_info()
    assert (info.max_connections, info.allowed_updates) == (5, ["message"])
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
