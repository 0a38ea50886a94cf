"""The courier bot's live location: the first point and its moves reach core.geo, a stop forgets
the position, only couriers are recorded, one acknowledgement per live session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram.methods import SendMessage
from aiogram.types import Update
from bot_fakes import DATE, Harness
from redis.asyncio import Redis

from core.auth.api import ensure_admins, grant_role, load_actor, remember_user
from core.auth.policy import Role
from core.auth.schemas import TelegramProfile
from core.geo.api import LivePosition, nearest_couriers, position_of
from core.geo.schemas import Point
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database
from core.workforce.api import register_courier, start_shift
from core.workforce.schemas import Vehicle

ADMIN = 7_920_000_900
STARTED = datetime.fromtimestamp(DATE, UTC)
SHOP = Point(55.7558, 37.6173)


class Person:
    """Someone talking to the courier bot: shares a location and moves it."""

    def __init__(self, harness: Harness, user_id: int, language_code: str = "ru") -> None:
        self.harness = harness
        self.user_id = user_id
        self.language_code = language_code

    def _message(self, message_id: int, location: dict[str, Any]) -> dict[str, Any]:
        sender = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": "Костя",
            "language_code": self.language_code,
        }
        return {
            "message_id": message_id,
            "date": DATE,
            "from": sender,
            "chat": {"id": self.user_id, "type": "private", "first_name": "Костя"},
            "location": location,
        }

    async def share(
        self, lat: float, lon: float, *, live_period: int | None = 3600, message_id: int = 500
    ) -> list[Any]:
        location: dict[str, Any] = {"latitude": lat, "longitude": lon}
        if live_period is not None:
            location["live_period"] = live_period
        update = {
            "update_id": self.harness.next_update_id(),
            "message": self._message(message_id, location),
        }
        return await self.harness.feed(Update.model_validate(update))

    async def move(
        self,
        lat: float,
        lon: float,
        *,
        at: datetime,
        live_period: int | None = 3600,
        message_id: int = 500,
    ) -> list[Any]:
        """An edit of the live location message; without live_period it is the stop."""
        location: dict[str, Any] = {"latitude": lat, "longitude": lon}
        if live_period is not None:
            location["live_period"] = live_period
        edited = self._message(message_id, location)
        edited["edit_date"] = int(at.timestamp())
        update = {"update_id": self.harness.next_update_id(), "edited_message": edited}
        return await self.harness.feed(Update.model_validate(update))


def sent_texts(requests: list[Any]) -> list[str]:
    return [r.text for r in requests if isinstance(r, SendMessage)]


@pytest.fixture
def courier_bot(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.COURIER)


async def make_courier(db: Database, telegram_id: int, *, on_shift: bool = True) -> None:
    """A courier with the role and a profile (approved at once), on shift if asked."""
    await remember_user(db, TelegramProfile(ADMIN, "Админ"))
    await ensure_admins(db, [ADMIN])
    await remember_user(db, TelegramProfile(telegram_id, "Костя"))
    await grant_role(db, await load_actor(db, ADMIN), telegram_id, Role.COURIER)
    courier = await load_actor(db, telegram_id)
    await register_courier(db, courier, "Константин Лебедев", "+79161234567", Vehicle.BICYCLE)
    if on_shift:
        await start_shift(db, courier)


async def test_a_couriers_live_location_and_its_moves_are_recorded(
    courier_bot: Harness, db: Database, redis: Redis, clock: FrozenClock, translator: Translator
) -> None:
    courier = Person(courier_bot, 7_920_000_001)
    await make_courier(db, courier.user_id)

    first = await courier.share(55.7600, 37.6200)
    assert sent_texts(first) == [translator.get("ru", "courier-location-live")]
    assert await position_of(redis, courier.user_id) == LivePosition(
        courier.user_id, Point(55.7600, 37.6200), STARTED
    )

    replies: list[Any] = []
    for step in range(1, 4):
        clock.advance(timedelta(seconds=5))
        replies += await courier.move(55.7600 - step * 0.001, 37.6200, at=clock.now())
    assert sent_texts(replies) == []  # one acknowledgement per session, not one per move
    assert await position_of(redis, courier.user_id) == LivePosition(
        courier.user_id, Point(55.7570, 37.6200), STARTED + timedelta(seconds=15)
    )
    found = await nearest_couriers(
        redis, SHOP, radius_m=2_000, now=clock.now(), max_age=timedelta(minutes=1)
    )
    assert [(c.courier_id, c.age_seconds) for c in found] == [(courier.user_id, 0)]


async def test_a_late_older_move_does_not_move_the_courier_back(
    courier_bot: Harness, db: Database, redis: Redis, clock: FrozenClock
) -> None:
    courier = Person(courier_bot, 7_920_000_002)
    await make_courier(db, courier.user_id)
    await courier.share(55.7600, 37.6200)
    clock.advance(timedelta(seconds=20))
    await courier.move(55.7500, 37.6100, at=STARTED + timedelta(seconds=20))
    await courier.move(55.7590, 37.6190, at=STARTED + timedelta(seconds=10))  # arrives late
    position = await position_of(redis, courier.user_id)
    assert position == LivePosition(
        courier.user_id, Point(55.7500, 37.6100), STARTED + timedelta(seconds=20)
    )


async def test_stopping_the_live_location_forgets_the_position(
    courier_bot: Harness, db: Database, redis: Redis, clock: FrozenClock, translator: Translator
) -> None:
    courier = Person(courier_bot, 7_920_000_003, language_code="en")
    await make_courier(db, courier.user_id)
    await courier.share(55.7600, 37.6200)
    clock.advance(timedelta(seconds=30))
    stopped = await courier.move(55.7600, 37.6200, at=clock.now(), live_period=None)
    assert sent_texts(stopped) == [translator.get("en", "courier-location-stopped")]
    assert await position_of(redis, courier.user_id) is None
    # Sharing again starts a new session, acknowledged again.
    again = await courier.share(55.7610, 37.6210, message_id=501)
    assert sent_texts(again) == [translator.get("en", "courier-location-live")]
    assert await position_of(redis, courier.user_id) is not None


async def test_a_single_point_is_taken_with_a_hint_to_share_live(
    courier_bot: Harness, db: Database, redis: Redis, translator: Translator
) -> None:
    courier = Person(courier_bot, 7_920_000_004)
    await make_courier(db, courier.user_id)
    replies = await courier.share(55.7600, 37.6200, live_period=None)
    assert sent_texts(replies) == [translator.get("ru", "courier-location-once")]
    assert await position_of(redis, courier.user_id) == LivePosition(
        courier.user_id, Point(55.7600, 37.6200), STARTED
    )


async def test_a_fix_from_ahead_of_our_clock_is_dated_now(
    courier_bot: Harness, db: Database, redis: Redis, clock: FrozenClock
) -> None:
    courier = Person(courier_bot, 7_920_000_005)
    await make_courier(db, courier.user_id)
    await courier.share(55.7600, 37.6200)
    clock.advance(timedelta(seconds=5))
    await courier.move(55.7610, 37.6210, at=clock.now() + timedelta(minutes=10))
    position = await position_of(redis, courier.user_id)
    assert position is not None
    assert position.at == clock.now()


async def test_someone_who_is_not_a_courier_is_answered_but_not_recorded(
    courier_bot: Harness, db: Database, redis: Redis, clock: FrozenClock, translator: Translator
) -> None:
    customer = Person(courier_bot, 7_920_000_006)
    first = await customer.share(55.7600, 37.6200)
    assert sent_texts(first) == [translator.get("ru", "courier-location-not-courier")]
    clock.advance(timedelta(seconds=5))
    moved = await customer.move(55.7610, 37.6210, at=clock.now())
    stopped = await customer.move(55.7610, 37.6210, at=clock.now(), live_period=None)
    assert moved == []  # nothing sent for the edits
    assert stopped == []
    assert await position_of(redis, customer.user_id) is None
    assert await redis.exists("fruktgo:geo:couriers") == 0


async def test_a_courier_off_shift_is_told_when_offers_come(
    courier_bot: Harness, db: Database, redis: Redis, translator: Translator
) -> None:
    courier = Person(courier_bot, 7_920_000_007)
    await make_courier(db, courier.user_id, on_shift=False)
    replies = await courier.share(55.7600, 37.6200)
    assert sent_texts(replies) == [translator.get("ru", "courier-location-live-idle")]
    # The position is kept all the same: the shift may start any minute.
    assert await position_of(redis, courier.user_id) is not None
