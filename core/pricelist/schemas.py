"""What the pricelist api takes and returns.

Quantities are in the product's unit: pieces, or grams for weight goods; prices per piece or per
kilogram (see core.catalog.schemas.Unit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final
from uuid import UUID

from core.catalog.schemas import ProductOut, Unit
from core.inventory.schemas import StockOut
from core.shared.money import Money
from core.storefront.schemas import OfferOut

COLUMNS: Final = (
    "product_id",
    "barcode",
    "name_ru",
    "name_en",
    "unit",
    "price",
    "old_price",
    "stock",
    "visible",
)
"""The price list's columns, in the order export writes them."""

IMPORT_NOTE: Final = "price-list import"
"""The note on stock history entries an import makes."""


class StockLevel(StrEnum):
    """A stock filter of the seller's listing."""

    LOW = "low"  # at or below the offer's low-stock threshold
    OUT = "out"  # nothing available (never counted included)
    IN = "in"  # something available


@dataclass(frozen=True, slots=True)
class SellerOffer:
    """An offer as its shop's staff see it: with its product and stock (zeros if never
    counted)."""

    offer: OfferOut
    product: ProductOut
    stock: StockOut


@dataclass(frozen=True, slots=True)
class SellerPage:
    """One page of the seller's listing; ``total`` when it was counted anyway (stock filters)."""

    items: tuple[SellerOffer, ...]
    next_offset: int | None
    total: int | None = None


@dataclass(frozen=True, slots=True)
class ProductPage:
    """One page of products to pick from."""

    items: tuple[ProductOut, ...]
    next_offset: int | None


@dataclass(frozen=True, slots=True)
class RowChange:
    """What one row changes; each pair is (before, after), None where nothing changes.

    A new offer has ``offer_id`` None until applied, and None as each "before"."""

    line: int
    product_id: UUID
    offer_id: UUID | None
    new_offer: bool
    name_ru: str
    name_en: str
    unit: Unit
    price: tuple[Money | None, Money] | None = None
    old_price: tuple[Money | None, Money | None] | None = None
    stock: tuple[int, int] | None = None
    visible: tuple[bool | None, bool] | None = None

    def name(self, lang: str | None) -> str:
        """The product's name in ``lang`` (``en`` or else Russian)."""
        return self.name_en if (lang or "").lower().startswith("en") else self.name_ru


@dataclass(frozen=True, slots=True)
class RowError:
    """A wrong cell (``column``) or row (``column`` None): a CoreError code and its params."""

    line: int
    column: str | None
    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import found; ``applied`` only when it was no dry run and no row was wrong."""

    dry_run: bool
    applied: bool
    rows: int
    changes: tuple[RowChange, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        """Whether every row is right."""
        return not self.errors
