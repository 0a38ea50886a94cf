"""What storefront tells the rest of the system: offers appearing, repriced, shown or hidden."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.shared.events import Event


@dataclass(frozen=True, kw_only=True)
class OfferCreated(Event, name="storefront.offer_created"):
    """A shop started offering a product."""

    offer_id: UUID
    shop_id: UUID
    product_id: UUID
    price_minor: int
    currency: str
    created_by: int


@dataclass(frozen=True, kw_only=True)
class OfferPriceChanged(Event, name="storefront.offer_price_changed"):
    """An offer's price (or its struck-through old price) changed; carts may re-price."""

    offer_id: UUID
    shop_id: UUID
    old_price_minor: int
    price_minor: int
    currency: str
    changed_by: int


@dataclass(frozen=True, kw_only=True)
class OfferVisibilityChanged(Event, name="storefront.offer_visibility_changed"):
    """An offer was shown or hidden."""

    offer_id: UUID
    shop_id: UUID
    visible: bool
    changed_by: int
