"""user_seen, what every bot update starts with: the person and their roles in one read, the
users row rewritten only when their profile changed or they were last seen a while ago."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text

from core.auth.api import (
    SEEN_REFRESH,
    ensure_admins,
    get_user,
    grant_role,
    register_shop_owner,
    remember_user,
    revoke_role,
    set_language,
    user_seen,
)
from core.auth.policy import Actor, Role
from core.auth.schemas import TelegramProfile
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.uow import Database

_ids = itertools.count(5_300_000_000)


@pytest.fixture
def telegram_id() -> int:
    return next(_ids)


async def _row_version(db: Database, telegram_id: int) -> str:
    """PostgreSQL's xmin of the users row: any UPDATE, even a no-op one, changes it."""
    async with db.engine.connect() as conn:
        found = await conn.scalar(
            text("SELECT xmin::text FROM users WHERE telegram_id = :id"), {"id": telegram_id}
        )
    assert found is not None
    return str(found)


async def test_a_newcomer_is_recorded(
    db: Database, clock: FrozenClock, telegram_id: int
) -> None:
    seen = await user_seen(db, TelegramProfile(telegram_id, "Анна", username="anna"),
                           via=BotRole.CUSTOMER)
    assert seen.user == await get_user(db, telegram_id)
    assert (seen.user.first_name, seen.user.username) == ("Анна", "anna")
    assert seen.user.created_at == seen.user.last_seen_at == clock.now()
    assert seen.actor == Actor(telegram_id, via=BotRole.CUSTOMER)


async def test_an_unchanged_person_seen_again_soon_is_only_read(
    db: Database, clock: FrozenClock, telegram_id: int
) -> None:
    profile = TelegramProfile(telegram_id, "Анна", "Петрова", "anna", language_code="ru")
    first = await user_seen(db, profile)
    version = await _row_version(db, telegram_id)
    clock.advance(SEEN_REFRESH - timedelta(seconds=1))

    again = await user_seen(db, profile)

    assert await _row_version(db, telegram_id) == version
    assert again.user == first.user  # last seen when first seen: close enough
    assert await get_user(db, telegram_id) == first.user


@pytest.mark.parametrize(
    "changed",
    [
        TelegramProfile(0, "Аня", "Петрова", "anna"),
        TelegramProfile(0, "Анна", None, "anna"),
        TelegramProfile(0, "Анна", "Петрова", "anna_p"),
        TelegramProfile(0, "Анна", "Петрова", None),
    ],
    ids=["first name", "last name", "username", "username dropped"],
)
async def test_a_changed_profile_is_written_at_once(
    db: Database, clock: FrozenClock, telegram_id: int, changed: TelegramProfile
) -> None:
    await user_seen(db, TelegramProfile(telegram_id, "Анна", "Петрова", "anna"))
    clock.advance(timedelta(seconds=5))
    profile = TelegramProfile(telegram_id, changed.first_name, changed.last_name,
                              changed.username)

    seen = await user_seen(db, profile)

    stored = await get_user(db, telegram_id)
    assert stored == seen.user
    assert (stored.first_name, stored.last_name, stored.username) == (
        changed.first_name, changed.last_name, changed.username
    )
    assert stored.last_seen_at == clock.now()


async def test_last_seen_is_refreshed_once_it_is_old(
    db: Database, clock: FrozenClock, telegram_id: int
) -> None:
    profile = TelegramProfile(telegram_id, "Анна")
    first = await user_seen(db, profile)
    clock.advance(SEEN_REFRESH)

    again = await user_seen(db, profile)

    assert again.user.last_seen_at == clock.now() == first.user.last_seen_at + SEEN_REFRESH
    assert again.user.created_at == first.user.created_at
    assert await get_user(db, telegram_id) == again.user


async def test_a_clock_set_back_refreshes_last_seen(
    db: Database, clock: FrozenClock, telegram_id: int
) -> None:
    profile = TelegramProfile(telegram_id, "Анна")
    await user_seen(db, profile)
    clock.advance(-timedelta(minutes=1))
    assert (await user_seen(db, profile)).user.last_seen_at == clock.now()


async def test_the_chosen_language_comes_along_unwritten(
    db: Database, telegram_id: int
) -> None:
    profile = TelegramProfile(telegram_id, "Анна", language_code="ru")
    await user_seen(db, profile)
    await set_language(db, telegram_id, "en")
    assert (await user_seen(db, profile)).user.language == "en"


async def test_roles_are_read_afresh_on_every_call(
    db: Database, telegram_id: int
) -> None:
    admin_id = next(_ids)
    await remember_user(db, TelegramProfile(admin_id, "Админ"))
    await ensure_admins(db, [admin_id])
    admin = Actor(admin_id, frozenset({Role.ADMIN}))
    profile = TelegramProfile(telegram_id, "Курьер")
    shops = sorted([uuid.uuid4(), uuid.uuid4()])
    await user_seen(db, profile)
    await grant_role(db, admin, telegram_id, Role.COURIER)
    for shop_id in shops:
        await register_shop_owner(db, shop_id, telegram_id)

    seen = await user_seen(db, profile, via=BotRole.SELLER)

    assert seen.actor == Actor(
        telegram_id,
        frozenset({Role.COURIER}),
        {shop_id: Role.OWNER for shop_id in shops},
        via=BotRole.SELLER,
    )
    await revoke_role(db, admin, telegram_id, Role.COURIER)
    assert (await user_seen(db, profile)).actor.platform_roles == frozenset()


async def test_roles_waiting_for_a_newcomer_come_with_their_first_update(
    db: Database, telegram_id: int
) -> None:
    await ensure_admins(db, [telegram_id])  # from the settings, before they ever wrote
    seen = await user_seen(db, TelegramProfile(telegram_id, "Админ"))
    assert seen.actor.platform_roles == frozenset({Role.ADMIN})
    assert await get_user(db, telegram_id) == seen.user
