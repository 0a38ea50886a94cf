"""People, a fake Telegram and senders for the communications tests.

The notifications table lives for the whole test session and the sender claims whatever is
due, so each test starts with it empty."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from communications_doubles import FakeTelegram, MakeSender, NewPerson, fresh_id
from sqlalchemy import text

from core.auth.api import remember_user, set_language
from core.auth.schemas import TelegramProfile
from core.communications.api import Sender
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.db import create_engine
from core.shared.i18n import Translator
from core.shared.outbox import publish_to_outbox
from core.shared.uow import Database


@pytest.fixture(scope="session")
def translator() -> Translator:
    return Translator()


@pytest.fixture(autouse=True)
async def _empty_queue(db: Database) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        await conn.execute(text("DELETE FROM notifications"))
        await conn.execute(text("DELETE FROM unreachable_recipients"))


@pytest.fixture
def new_person(db: Database) -> NewPerson:
    """A person who wrote to a bot, with a chosen language (or none); returns their id."""

    async def make(first_name: str = "Анна", language: str | None = None) -> int:
        telegram_id = fresh_id()
        await remember_user(db, TelegramProfile(telegram_id, first_name))
        if language is not None:
            await set_language(db, telegram_id, language)
        return telegram_id

    return make


@pytest.fixture
def telegram() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
def make_sender(db: Database, telegram: FakeTelegram, translator: Translator) -> MakeSender:
    def make(port: FakeTelegram | None = None, database: Database | None = None,
             **options: Any) -> Sender:
        return Sender(database or db, port or telegram, translator, **options)

    return make


@pytest.fixture
async def other_db(settings: Settings, clock: FrozenClock) -> AsyncIterator[Database]:
    """A second process's Database on the same PostgreSQL and clock."""
    database = Database(
        create_engine(str(settings.database_url), pool_size=5),
        clock=clock,
        publisher=publish_to_outbox,
    )
    yield database
    await database.dispose()
