"""People and shops for the auth tests: fresh Telegram ids (the users table lives for the whole
session), their actors, and an admin."""

from __future__ import annotations

import itertools
import uuid

import pytest
from auth_people import ActorOf, NewPerson

from core.auth.api import ensure_admins, load_actor, register_shop_owner, remember_user
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.shared.uow import Database

_ids = itertools.count(7_100_000_000)


@pytest.fixture
def new_person(db: Database) -> NewPerson:
    """Record a person who has written to a bot; returns their Telegram id."""

    async def make(first_name: str = "Анна", username: str | None = None) -> int:
        telegram_id = next(_ids)
        await remember_user(db, TelegramProfile(telegram_id, first_name, username=username))
        return telegram_id

    return make


@pytest.fixture
def actor_of(db: Database) -> ActorOf:
    async def load(telegram_id: int) -> Actor:
        return await load_actor(db, telegram_id)

    return load


@pytest.fixture
async def admin(db: Database, new_person: NewPerson) -> Actor:
    telegram_id = await new_person("Админ")
    await ensure_admins(db, [telegram_id])
    return await load_actor(db, telegram_id)


@pytest.fixture
def shop_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
async def owner(db: Database, new_person: NewPerson, shop_id: uuid.UUID) -> Actor:
    """The first owner of ``shop_id``."""
    telegram_id = await new_person("Ольга")
    await register_shop_owner(db, shop_id, telegram_id)
    return await load_actor(db, telegram_id)
