"""People for the business tests: fresh Telegram ids, an admin, an applicant, an approved shop."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from business_factories import ActorOf, ApprovedShop, Events, NewPerson, application
from sqlalchemy import select

from core.auth.api import ensure_admins, load_actor, remember_user
from core.auth.policy import Actor
from core.auth.schemas import TelegramProfile
from core.business.api import apply, approve_application
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database

_ids = itertools.count(5_400_000_000)

@pytest.fixture
def new_person(db: Database) -> NewPerson:
    """Record a person who has written to a bot; returns their Telegram id."""

    async def make(first_name: str = "Анна") -> int:
        telegram_id = next(_ids)
        await remember_user(db, TelegramProfile(telegram_id, first_name))
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
async def applicant(new_person: NewPerson, actor_of: ActorOf) -> Actor:
    return await actor_of(await new_person("Ольга"))


@pytest.fixture
def events(db: Database) -> Events:
    """Payloads of the outbox events called ``name``, oldest first."""

    async def read(name: str) -> list[dict[str, Any]]:
        async with db.sessionmaker() as session:
            rows = (await session.scalars(
                select(OutboxEvent).where(OutboxEvent.name == name)
                .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
            )).all()
        return [row.payload for row in rows]

    return read


@pytest.fixture
async def approved(db: Database, applicant: Actor, admin: Actor, actor_of: ActorOf
                   ) -> ApprovedShop:
    applied = await apply(db, applicant, application())
    decided = await approve_application(db, admin, applied.business.id)
    return ApprovedShop(decided, await actor_of(applicant.telegram_id))
