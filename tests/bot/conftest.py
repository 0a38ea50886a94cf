"""Bot tests without Telegram: updates go in through ``Dispatcher.feed_update`` and whatever a bot
sends out is recorded by ``bot_fakes.RecordingSession``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from bot_fakes import TOKENS, Harness, RecordingSession, new_user_id
from redis.asyncio import Redis

from bot.dispatcher import build_dispatcher
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.fixture(scope="session")
def translator() -> Translator:
    return Translator()


@pytest.fixture
def harness_for(
    db: Database, redis: Redis, translator: Translator, settings: Settings
) -> Callable[[BotRole], Harness]:
    def make(role: BotRole) -> Harness:
        session = RecordingSession()
        client = Bot(TOKENS[role], session=session,
                     default=DefaultBotProperties(parse_mode=ParseMode.HTML))
        dispatcher = build_dispatcher(role, db=db, redis=redis, translator=translator,
                                      settings=settings)
        return Harness(role=role, bot=client, dispatcher=dispatcher, session=session)

    return make


@pytest.fixture
def customer(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.CUSTOMER)


@pytest.fixture
def user_id() -> int:
    return new_user_id()
