"""Fixtures shared by the catalog and storefront tests: shops with owners, a category, the demo."""

from __future__ import annotations

import pytest
from catalog_factories import SellerShop, new_category, open_shop

from core.catalog.schemas import CategoryOut
from core.shared.config import Settings
from core.shared.uow import Database
from fruktgo.container import Container
from fruktgo.demo import seed_into


@pytest.fixture
async def shop(db: Database) -> SellerShop:
    return await open_shop(db)


@pytest.fixture
async def other_shop(db: Database) -> SellerShop:
    return await open_shop(db)


@pytest.fixture
async def category(db: Database) -> CategoryOut:
    return await new_category(db)


@pytest.fixture(scope="module")
async def demo(settings: Settings) -> None:
    """The sandbox's demo data: two shops in Moscow and their catalog (seeding is idempotent)."""
    container = Container.build(settings)
    try:
        await seed_into(container)
    finally:
        await container.close()
