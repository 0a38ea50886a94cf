"""People for the workforce tests: fresh Telegram ids (the users table lives for the whole
session), an admin, approved couriers, and the outbox emptied so each test relays its own
events only."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import select, text
from workforce_people import ActorOf, Events, NewCourier, NewPerson, profile

from core.auth.api import ensure_admins, grant_role, load_actor, remember_user
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database
from core.workforce.api import register_courier
from core.workforce.schemas import Vehicle

_ids = itertools.count(7_910_000_000)


@pytest.fixture(autouse=True)
async def _quiet_outbox(db: Database) -> None:
    # Tests run one at a time: a relay run then delivers this test's events only.
    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM outbox_deliveries"))
        await conn.execute(text("DELETE FROM outbox_events"))


@pytest.fixture
def new_person(db: Database) -> NewPerson:
    """Record a person who has written to a bot; returns their Telegram id."""

    async def make(first_name: str = "Марат") -> int:
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
    telegram_id = await new_person("Павел")
    await ensure_admins(db, [telegram_id])
    return await load_actor(db, telegram_id)


@pytest.fixture
def new_courier(db: Database, new_person: NewPerson, admin: Actor) -> NewCourier:
    """An approved courier: given the role, then the profile completed."""

    async def make(vehicle: Vehicle = Vehicle.BICYCLE) -> Actor:
        telegram_id = await new_person()
        await grant_role(db, admin, telegram_id, Role.COURIER)
        courier = await load_actor(db, telegram_id)
        await register_courier(db, courier, *profile(vehicle))
        return courier

    return make


@pytest.fixture
async def courier(new_courier: NewCourier) -> Actor:
    return await new_courier()


@pytest.fixture
def events(db: Database) -> Events:
    """Payloads of the outbox events called ``name``, oldest first."""

    async def read(name: str) -> list[dict[str, Any]]:
        async with db.sessionmaker() as session:
            rows = (
                await session.scalars(
                    select(OutboxEvent)
                    .where(OutboxEvent.name == name)
                    .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
                )
            ).all()
        return [row.payload for row in rows]

    return read
