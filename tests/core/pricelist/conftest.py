"""Fixtures for the price list tests, built on the catalog tests' factories and fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

# The price list builds on the catalog and the storefront, and so do its tests: share catalog's
# factories rather than copy them (test folders are not packages).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "catalog"))

from catalog_fixtures import category, other_shop, shop  # noqa: E402

__all__ = ["category", "other_shop", "shop"]
