"""What catalog tells the rest of the system: products appearing, changing and retiring."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class ProductCreated(Event, name="catalog.product_created"):
    """A product joined the platform catalog (``shop_id`` None) or a shop's own catalog."""

    product_id: UUID
    shop_id: UUID | None
    created_by: int


@dataclass(frozen=True, kw_only=True)
class ProductUpdated(Event, name="catalog.product_updated"):
    """A product's names, photos, category, step or tags changed (never its unit)."""

    product_id: UUID
    shop_id: UUID | None
    updated_by: int


@dataclass(frozen=True, kw_only=True)
class ProductArchived(Event, name="catalog.product_archived"):
    """A product was withdrawn: storefronts stop listing it."""

    product_id: UUID
    shop_id: UUID | None
    archived_by: int


@dataclass(frozen=True, kw_only=True)
class ProductRestored(Event, name="catalog.product_restored"):
    """An archived product is back: storefronts list its visible offers again."""

    product_id: UUID
    shop_id: UUID | None
    restored_by: int
