"""What the storefront api takes and returns.

Prices are per piece for piece goods and per kilogram for weight goods; quantities are pieces or
grams (see core.catalog.schemas.Unit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar
from uuid import UUID

from core.business.schemas import ShopOut
from core.catalog.schemas import ProductOut, Unit
from core.shared.money import Money

T = TypeVar("T")


class AvailabilityProvider(Protocol):
    """How much of each offer can be bought now: pieces, or grams for weight goods.

    Offers it does not mention are unknown (``available`` None). core.inventory provides one;
    the storefront never imports it (see the package docstring)."""

    async def __call__(self, offer_ids: Sequence[UUID], /) -> Mapping[UUID, int]: ...


@dataclass(frozen=True, slots=True)
class OfferForm:
    """A shop's offer of a product, as its owner or manager sets it (checked by the api)."""

    product_id: UUID
    price: Money  # per piece, or per kilogram for weight goods
    old_price: Money | None = None  # struck through; must be above ``price``
    visible: bool = True
    position: int = 0  # smaller first in the shop's list


@dataclass(frozen=True, slots=True)
class OfferOut:
    """An offer with what counting it needs: the product's unit, step and piece weight."""

    id: UUID
    shop_id: UUID
    product_id: UUID
    unit: Unit
    step_grams: int | None
    piece_grams: int | None
    price: Money
    old_price: Money | None
    visible: bool
    position: int
    created_at: datetime
    updated_at: datetime

    @property
    def min_quantity(self) -> int:
        """The smallest amount one can order: one piece, or one step of grams."""
        return self.step_grams if self.unit is Unit.WEIGHT and self.step_grams else 1

    def valid_quantity(self, quantity: int) -> bool:
        """Whether ``quantity`` (pieces or grams) can be ordered: positive, in whole steps."""
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            return False
        return quantity % self.min_quantity == 0

    def price_for(self, quantity: int) -> Money:
        """What ``quantity`` costs: pieces × price, or grams at the price per kg rounded half
        up to the kopeck (once, here at the line)."""
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
            raise ValueError(f"quantity must be a non-negative integer, got {quantity!r}")
        if self.unit is Unit.WEIGHT:
            return Money.for_weight(self.price, quantity)
        return self.price * quantity


@dataclass(frozen=True, slots=True)
class OfferView:
    """An offer as a listing shows it: with its product, its shop and how much is available
    (None when no availability provider was given or it does not know the offer)."""

    offer: OfferOut
    product: ProductOut
    shop: ShopOut
    available: int | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing in a stable order; ask for ``next_offset`` while ``has_more``."""

    items: tuple[T, ...]
    offset: int
    limit: int
    has_more: bool

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts, or None on the last page."""
        return self.offset + len(self.items) if self.has_more else None


@dataclass(frozen=True, slots=True)
class ProductCard:
    """A product and its offers a customer at a point can buy, cheapest first."""

    product: ProductOut
    offers: tuple[OfferView, ...]
