"""Fixtures for the orders tests, built on the catalog tests' factories and fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

# Orders build on the catalog and storefront, and so do their tests: share catalog's factories
# (test folders are not packages; see tests/core/storefront/conftest.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "catalog"))

from catalog_fixtures import category, other_shop, shop  # noqa: E402

__all__ = ["category", "other_shop", "shop"]
