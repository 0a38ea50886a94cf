"""Fixtures for the logistics tests: a shop with goods, an admin and a support agent, couriers
on shift with live positions, ready orders. Built on the catalog and orders tests' helpers.

The deliveries and outbox tables live for the whole session: each test starts with every
earlier delivery finished and the outbox empty, so dispatcher passes and relays see this test's
work only."""

from __future__ import annotations

import sys
from pathlib import Path

# Test folders are not packages: share the catalog and orders helpers (see tests/core/orders).
_CORE_TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_CORE_TESTS / "catalog"))
sys.path.insert(0, str(_CORE_TESTS / "orders"))

import pytest  # noqa: E402
from catalog_factories import SellerShop  # noqa: E402
from catalog_fixtures import category, shop  # noqa: E402
from logistics_reset import forget_earlier_work  # noqa: E402
from logistics_world import World, make_world  # noqa: E402
from redis.asyncio import Redis  # noqa: E402

from core.catalog.schemas import CategoryOut  # noqa: E402
from core.shared.clock import FrozenClock  # noqa: E402
from core.shared.uow import Database  # noqa: E402

__all__ = ["category", "shop", "world"]


@pytest.fixture(autouse=True)
async def _fresh_tables(db: Database) -> None:
    await forget_earlier_work(db)


@pytest.fixture
async def world(
    db: Database, redis: Redis, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> World:
    return await make_world(db, redis, clock, shop, category)
