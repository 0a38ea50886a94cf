"""Fixtures for the storefront tests, built on the catalog tests' factories."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The storefront builds on the catalog, and so do its tests: share catalog's factories rather
# than copy them (test folders are not packages; pytest would add this path for catalog's own
# tests only when they run in the same session).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "catalog"))

from catalog_factories import SellerShop, new_category, open_shop  # noqa: E402

from core.catalog.schemas import CategoryOut  # noqa: E402
from core.shared.config import Settings  # noqa: E402
from core.shared.uow import Database  # noqa: E402
from fruktgo.container import Container  # noqa: E402
from fruktgo.demo import seed_into  # noqa: E402


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
