"""Fixtures for the storefront tests, built on the catalog tests' factories and fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

# The storefront builds on the catalog, and so do its tests: share catalog's factories rather
# than copy them (test folders are not packages; pytest would add this path for catalog's own
# tests only when they run in the same session).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "catalog"))

from catalog_fixtures import category, demo, other_shop, shop  # noqa: E402

__all__ = ["category", "demo", "other_shop", "shop"]
