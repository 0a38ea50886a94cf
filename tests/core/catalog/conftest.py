"""Fixtures for the catalog tests (shared with the storefront tests)."""

from __future__ import annotations

from catalog_fixtures import category, demo, other_shop, shop

__all__ = ["category", "demo", "other_shop", "shop"]
