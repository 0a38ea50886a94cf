"""Customers that exist as users, each test with ids of its own (the database lives all session)."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable

import pytest

from core.auth.api import remember_user
from core.auth.schemas import TelegramProfile
from core.shared.uow import Database

_ids = itertools.count(6_200_000_000)

NewCustomer = Callable[[], Awaitable[int]]


@pytest.fixture
def new_customer(db: Database) -> NewCustomer:
    async def make() -> int:
        telegram_id = next(_ids)
        await remember_user(db, TelegramProfile(telegram_id, "Анна", "Петрова", "anna_p"))
        return telegram_id

    return make


@pytest.fixture
async def customer_id(new_customer: NewCustomer) -> int:
    return await new_customer()
