"""auth api on real PostgreSQL: users remembered by Telegram id, their language kept."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta

import pytest

from core.auth.api import get_user, remember_user, set_language
from core.auth.errors import UnsupportedLanguage, UserNotFound
from core.auth.schemas import TelegramProfile
from core.shared.clock import FrozenClock
from core.shared.uow import Database

_ids = itertools.count(5_100_000_000)  # beyond 32 bits, as real Telegram ids may be


@pytest.fixture
def telegram_id() -> int:
    return next(_ids)


async def test_remember_creates_a_user(db: Database, clock: FrozenClock, telegram_id: int) -> None:
    user = await remember_user(
        db, TelegramProfile(telegram_id, "Анна", "Петрова", "anna", language_code="en")
    )
    assert (user.telegram_id, user.first_name, user.last_name, user.username) == (
        telegram_id, "Анна", "Петрова", "anna"
    )
    assert user.language is None  # Telegram's language is a hint, not a choice
    assert user.created_at == user.last_seen_at == clock.now()
    assert await get_user(db, telegram_id) == user


async def test_remember_again_refreshes_the_profile_and_keeps_the_language(
    db: Database, clock: FrozenClock, telegram_id: int
) -> None:
    first = await remember_user(db, TelegramProfile(telegram_id, "Анна", username="anna"))
    await set_language(db, telegram_id, "en")
    clock.advance(timedelta(hours=3))

    again = await remember_user(db, TelegramProfile(telegram_id, "Аня", None, None, "ru"))

    assert again.first_name == "Аня"
    assert again.username is None
    assert again.language == "en"
    assert again.created_at == first.created_at
    assert again.last_seen_at == clock.now() == first.created_at + timedelta(hours=3)


async def test_concurrent_first_contacts_make_one_user(db: Database, telegram_id: int) -> None:
    profile = TelegramProfile(telegram_id, "Анна")
    users = await asyncio.gather(*(remember_user(db, profile) for _ in range(8)))
    assert {user.telegram_id for user in users} == {telegram_id}
    assert await get_user(db, telegram_id) is not None


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_set_language(db: Database, telegram_id: int, language: str) -> None:
    await remember_user(db, TelegramProfile(telegram_id, "Анна"))
    user = await set_language(db, telegram_id, language)
    assert user.language == language
    stored = await get_user(db, telegram_id)
    assert stored is not None
    assert stored.language == language


@pytest.mark.parametrize("language", ["de", "", "EN", "english", "ru "])
async def test_unsupported_language_is_rejected(
    db: Database, telegram_id: int, language: str
) -> None:
    await remember_user(db, TelegramProfile(telegram_id, "Анна"))
    with pytest.raises(UnsupportedLanguage) as caught:
        await set_language(db, telegram_id, language)
    assert caught.value.code == "unsupported_language"
    assert caught.value.kind == "validation"
    stored = await get_user(db, telegram_id)
    assert stored is not None
    assert stored.language is None


async def test_language_of_an_unknown_user(db: Database, telegram_id: int) -> None:
    with pytest.raises(UserNotFound) as caught:
        await set_language(db, telegram_id, "en")
    assert caught.value.code == "user_not_found"


async def test_get_unknown_user(db: Database, telegram_id: int) -> None:
    assert await get_user(db, telegram_id) is None
