"""A shop with offers to count, for the inventory tests (conftest.py builds it)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from core.auth.policy import Actor, Role
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database

_people = itertools.count(7_450_000_000)  # a range no other test folder uses


def person_id() -> int:
    """A Telegram id no other test uses."""
    return next(_people)


@dataclass(frozen=True)
class Offer:
    id: uuid.UUID
    shop_id: uuid.UUID
    step: int  # 1 for pieces, grams for weight goods


@dataclass
class World:
    """One approved shop, its owner, and a way to add offers of new products to it."""

    db: Database
    shop_id: uuid.UUID
    owner: Actor
    admin: Actor
    make_offer: Callable[..., Awaitable[Offer]] = field(repr=False)
    # The session shares one database: holder keys carry this test's own prefix.
    prefix: str = field(default_factory=lambda: uuid.uuid4().hex[:10])

    def h(self, name: str) -> str:
        """This test's holder key called ``name``."""
        return f"{self.prefix}:{name}"

    def staff(self, role: Role, shop_id: uuid.UUID | None = None) -> Actor:
        """A person holding ``role`` in this shop (or ``shop_id``)."""
        return Actor(person_id(), shops={shop_id or self.shop_id: role})

    async def offer(self, *, step_grams: int | None = None) -> Offer:
        """A new offer: piece goods, or weight goods in steps of ``step_grams``."""
        return await self.make_offer(step_grams=step_grams)


async def events(db: Database, name: str) -> list[dict[str, Any]]:
    """Payloads of the outbox events called ``name``, oldest first."""
    async with db.sessionmaker() as session:
        rows = await session.scalars(
            select(OutboxEvent).where(OutboxEvent.name == name)
            .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
        )
        return [row.payload for row in rows]


async def count_events(db: Database, name: str, **payload: Any) -> int:
    """How many ``name`` events carry ``payload`` (a JSON containment match)."""
    async with db.sessionmaker() as session:
        found = await session.scalar(
            select(func.count()).select_from(OutboxEvent).where(
                OutboxEvent.name == name, OutboxEvent.payload.contains(payload)
            )
        )
        return int(found or 0)
