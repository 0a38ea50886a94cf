"""fruktgo.bots: four bots built from the settings, polling, webhooks and their routes."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.methods import DeleteWebhook, GetMe, GetUpdates, SendMessage, SetMyCommands, SetWebhook
from aiogram.types import Message
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from bot_fakes import TOKENS, RecordingSession, message_update_json, new_user_id
from pydantic import SecretStr
from redis.asyncio import Redis

from bot.dispatcher import COMMANDS
from core.shared.config import BotMode, BotRole, Settings, SettingsError
from core.shared.i18n import Translator
from core.shared.uow import Database
from fruktgo.bots import (
    BotSet,
    build_bots,
    close_bots,
    set_webhooks,
    start_polling,
    webhook_feeds,
    webhook_secret,
)
from fruktgo.container import Container
from web.telegram_webhooks import SECRET_HEADER, setup_telegram_webhooks

BASE_URL = "https://fruktgo.example/hooks"


@pytest.fixture
def bot_settings(settings: Settings) -> Settings:
    tokens = {f"{role.value}_bot_token": SecretStr(token) for role, token in TOKENS.items()}
    return settings.model_copy(update={
        **tokens,
        "bot_mode": BotMode.WEBHOOK,
        "webhook_base_url": BASE_URL + "/",
        "webhook_secret": SecretStr("a shared secret for tests"),
    })


@pytest.fixture
async def bot_set(
    bot_settings: Settings, db: Database, redis: Redis, translator: Translator
) -> AsyncIterator[BotSet]:
    container = Container(settings=bot_settings, db=db, redis=redis)
    built = build_bots(container, translator=translator, session_factory=RecordingSession)
    yield built
    await close_bots(built)


def session_of(bot_set: BotSet, role: BotRole) -> RecordingSession:
    session = bot_set[role].bot.session
    assert isinstance(session, RecordingSession)
    return session


def test_four_bots_with_their_tokens_and_html(bot_set: BotSet) -> None:
    assert [unit.role for unit in bot_set] == list(BotRole)
    for unit in bot_set:
        assert unit.bot.token == TOKENS[unit.role]
        assert unit.bot.default["parse_mode"] == "HTML"
        assert unit.dispatcher["translator"] is bot_set.translator
        assert {"db", "redis", "settings"} <= set(unit.dispatcher.workflow_data)


def test_missing_tokens_stop_with_a_named_setting(
    settings: Settings, db: Database, redis: Redis
) -> None:
    with pytest.raises(SettingsError, match="FRUKTGO_CUSTOMER_BOT_TOKEN"):
        build_bots(Container(settings=settings, db=db, redis=redis))


def test_one_token_for_two_roles_is_refused(
    bot_settings: Settings, db: Database, redis: Redis
) -> None:
    same = bot_settings.model_copy(update={"courier_bot_token": bot_settings.customer_bot_token})
    with pytest.raises(SettingsError, match="four different bots"):
        build_bots(Container(settings=same, db=db, redis=redis),
                   session_factory=RecordingSession)


def test_a_local_bot_api_is_used_when_configured(
    bot_settings: Settings, db: Database, redis: Redis
) -> None:
    local = bot_settings.model_copy(update={"telegram_api_url": "http://127.0.0.1:8081/"})
    built = build_bots(Container(settings=local, db=db, redis=redis))
    api = built[BotRole.SELLER].bot.session.api
    assert api.api_url(token="1:x", method="getMe") == "http://127.0.0.1:8081/bot1:x/getMe"


def test_webhook_secrets_differ_per_bot_and_suit_telegram(bot_settings: Settings) -> None:
    secrets = [webhook_secret(bot_settings, role) for role in BotRole]
    assert len(set(secrets)) == len(secrets)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret) for secret in secrets)
    other = bot_settings.model_copy(update={"webhook_secret": SecretStr("another")})
    assert webhook_secret(other, BotRole.CUSTOMER) != secrets[0]


async def test_set_webhooks_points_each_bot_at_its_route(
    bot_set: BotSet, bot_settings: Settings
) -> None:
    await set_webhooks(bot_set, bot_settings)
    for role in BotRole:
        session = session_of(bot_set, role)
        [call] = session.of(SetWebhook)
        assert call.url == f"{BASE_URL}/tg/{role.value}"
        assert call.secret_token == webhook_secret(bot_settings, role)
        assert call.drop_pending_updates is False
        assert {"message", "callback_query"} <= set(call.allowed_updates or [])
        menus = {c.language_code: [cmd.command for cmd in c.commands]
                 for c in session.of(SetMyCommands)}
        # Every bot starts from the base menu; some add their own commands after it.
        expected = list(COMMANDS[role])
        assert expected[:3] == ["start", "help", "language"]
        assert menus == {"ru": expected, "en": expected, None: expected}


async def test_menus_are_described_per_language(
    bot_set: BotSet, bot_settings: Settings, translator: Translator
) -> None:
    await set_webhooks(bot_set, bot_settings)
    menus = {c.language_code: c.commands
             for c in session_of(bot_set, BotRole.COURIER).of(SetMyCommands)}
    assert menus["en"][1].description == translator.get("en", "cmd-help")
    assert menus["ru"][1].description == translator.get("ru", "cmd-help")
    assert menus[None][1].description == translator.get("ru", "cmd-help")


async def test_webhook_route_feeds_the_right_bot(
    bot_set: BotSet, bot_settings: Settings, translator: Translator
) -> None:
    app = web.Application()
    setup_telegram_webhooks(app, webhook_feeds(bot_set, bot_settings))
    user_id = new_user_id()
    update = message_update_json(5, "/help", user_id=user_id, language_code="en")
    async with TestClient(TestServer(app)) as client:
        response = await client.post(
            "/tg/seller",
            json=update,
            headers={SECRET_HEADER: webhook_secret(bot_settings, BotRole.SELLER)},
        )
        assert response.status == 200
        async with asyncio.timeout(5):
            [sent] = await session_of(bot_set, BotRole.SELLER).wait_for(SendMessage)
        assert sent.text == translator.get("en", "seller-help")

        wrong = await client.post(
            "/tg/courier",
            json=update,
            headers={SECRET_HEADER: webhook_secret(bot_settings, BotRole.SELLER)},
        )
        assert wrong.status == 403
    assert not session_of(bot_set, BotRole.COURIER).of(SendMessage)


async def test_polling_runs_all_four_until_cancelled(
    bot_set: BotSet, translator: Translator
) -> None:
    for role in (BotRole.CUSTOMER, BotRole.SUPPORT):
        update = message_update_json(9, "/start", user_id=new_user_id(), language_code="en")
        session_of(bot_set, role).updates.put_nowait(update)

    polling = asyncio.create_task(start_polling(bot_set))
    async with asyncio.timeout(10):
        [greeting] = await session_of(bot_set, BotRole.CUSTOMER).wait_for(SendMessage)
        [support] = await session_of(bot_set, BotRole.SUPPORT).wait_for(SendMessage)
        for role in BotRole:  # every bot asks for updates, having dropped no webhook backlog
            session = session_of(bot_set, role)
            await session.wait_for(GetUpdates)
            assert [c.drop_pending_updates for c in session.of(DeleteWebhook)] == [False]
            assert len(session.of(SetMyCommands)) == 3  # ru, en and the default menu
    polling.cancel()
    with pytest.raises(asyncio.CancelledError):
        await polling
    assert greeting.text == translator.get("en", "customer-start", name="Анна")
    assert support.text == translator.get("en", "support-start", name="Анна")
    assert await bot_set[BotRole.CUSTOMER].dispatcher.storage.redis.ping()  # not closed


async def test_stopping_polling_lets_taken_updates_finish(bot_set: BotSet) -> None:
    started, release, finished = asyncio.Event(), asyncio.Event(), asyncio.Event()
    router = Router()

    @router.message(Command("slow"))
    async def slow(message: Message) -> None:
        started.set()
        await release.wait()
        finished.set()

    bot_set[BotRole.CUSTOMER].dispatcher.include_router(router)
    session_of(bot_set, BotRole.CUSTOMER).updates.put_nowait(
        message_update_json(3, "/slow", user_id=new_user_id())
    )
    polling = asyncio.create_task(start_polling(bot_set))
    async with asyncio.timeout(10):
        await started.wait()
    polling.cancel()
    done, _ = await asyncio.wait({polling}, timeout=0.2)
    assert not done  # still waiting for /slow
    release.set()
    with pytest.raises(asyncio.CancelledError):
        async with asyncio.timeout(10):
            await polling
    assert finished.is_set()


async def test_a_rejected_token_stops_polling_with_the_setting_named(bot_set: BotSet) -> None:
    session_of(bot_set, BotRole.COURIER).refuse[GetMe] = (401, "Unauthorized")
    with pytest.raises(SettingsError, match="FRUKTGO_COURIER_BOT_TOKEN is invalid"):
        async with asyncio.timeout(10):
            await start_polling(bot_set)


async def test_close_bots_closes_their_sessions(bot_set: BotSet) -> None:
    await close_bots(bot_set)
    assert all(session_of(bot_set, role).closed for role in BotRole)
