"""A courier's live location: the shared point and its moves go to core.geo for dispatch.

Telegram sends a live location as a message whose location has ``live_period``, then every
move as an edit of that message (``edited_message``), every few seconds. When the person stops
sharing, one last edit comes whose location has no ``live_period``. So: the first point of a
session is acknowledged once (edits never are), saying whether offers will come (only on shift
and not on a break), moves are recorded quietly, and a stop forgets the position, so no offer
goes to someone the platform can no longer see.
"""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.types import Message
from redis.asyncio import Redis

from bot.common.actor import ActorMiddleware
from bot.common.i18n import Tr
from core.auth.policy import Actor, Role
from core.geo import api as geo
from core.geo.schemas import Point
from core.shared.uow import Database
from core.workforce.api import couriers_on_shift


def _fix_time(telegram_time: datetime, db: Database) -> datetime:
    # Ages are measured with our clock: a fix cannot be newer than our now, whatever the skew.
    return min(telegram_time, db.clock.now())


def _point(message: Message) -> Point:
    assert message.location is not None  # the filter guarantees it
    return Point(message.location.latitude, message.location.longitude)


async def on_location(message: Message, redis: Redis, db: Database, actor: Actor, t: Tr) -> None:
    """A shared location: a live one starts a session, a single point is taken once."""
    assert message.location is not None
    if not actor.has(Role.COURIER):
        await message.answer(t("courier-location-not-courier"))
        return
    at = _fix_time(message.date.astimezone(UTC), db)
    await geo.record_position(redis, actor.telegram_id, _point(message), at)
    if message.location.live_period:
        taking_offers = bool(await couriers_on_shift(db, [actor.telegram_id]))
        await message.answer(
            t("courier-location-live" if taking_offers else "courier-location-live-idle")
        )
    else:
        await message.answer(t("courier-location-once"))


async def on_location_edited(
    message: Message, redis: Redis, db: Database, actor: Actor, t: Tr
) -> None:
    """A live location moved (recorded without a word) or stopped (the position is forgotten)."""
    assert message.location is not None
    if not actor.has(Role.COURIER):
        return  # they were answered when they started sharing
    if not message.location.live_period:
        await geo.forget_position(redis, actor.telegram_id)
        await message.answer(t("courier-location-stopped"))
        return
    moved = message.edit_date
    telegram_time = (
        datetime.fromtimestamp(moved, UTC) if moved is not None else message.date.astimezone(UTC)
    )
    await geo.record_position(
        redis, actor.telegram_id, _point(message), _fix_time(telegram_time, db)
    )


def create_location_router() -> Router:
    """Locations shared with the courier bot, first and moved."""
    router = Router(name="courier-location")
    # Harmless if the courier router already loads the actor: the middleware loads it once.
    router.message.middleware(ActorMiddleware())
    router.edited_message.middleware(ActorMiddleware())
    router.message.register(on_location, F.location)
    router.edited_message.register(on_location_edited, F.location)
    return router
