"""What the catalog api takes and returns.

Quantities of a product are integers in its unit: pieces for ``Unit.PIECE``, grams for
``Unit.WEIGHT`` (sold per kilogram, in multiples of ``step_grams``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class Unit(StrEnum):
    """How a product is counted and priced."""

    PIECE = "piece"  # priced per piece (a bunch, a box, a pineapple); whole quantities
    WEIGHT = "weight"  # priced per kilogram; quantities in grams, in steps


class Tag(StrEnum):
    """Labels a customer may filter or search by."""

    SEASONAL = "seasonal"
    LOCAL = "local"
    ORGANIC = "organic"


def _localized(lang: str | None, ru: str, en: str) -> str:
    return en if (lang or "").lower().startswith("en") else ru


# -- categories -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CategoryForm:
    """A category as an admin describes it (checked by the api)."""

    slug: str
    name_ru: str
    name_en: str
    parent_id: UUID | None = None
    emoji: str | None = None
    photo: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class CategoryOut:
    id: UUID
    parent_id: UUID | None
    slug: str
    name_ru: str
    name_en: str
    emoji: str | None
    photo: str | None
    position: int
    created_at: datetime
    updated_at: datetime

    def name(self, lang: str | None) -> str:
        """The name in ``lang`` (``en`` or else Russian)."""
        return _localized(lang, self.name_ru, self.name_en)


@dataclass(frozen=True, slots=True)
class CategoryNode:
    """A category with its subcategories, each level ordered by position."""

    category: CategoryOut
    children: tuple[CategoryNode, ...] = ()

    def walk(self) -> list[CategoryOut]:
        """This category and everything below it, depth first, in order."""
        found = [self.category]
        for child in self.children:
            found.extend(child.walk())
        return found


# -- products -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductForm:
    """A product as an admin or a seller describes it (checked by the api).

    ``step_grams`` is required for weight goods and absent for piece goods; ``piece_grams``
    (how much one piece typically weighs) is optional for both.
    """

    category_id: UUID
    name_ru: str
    name_en: str
    unit: Unit
    description_ru: str | None = None
    description_en: str | None = None
    step_grams: int | None = None
    piece_grams: int | None = None
    photos: tuple[str, ...] = ()
    tags: frozenset[Tag] = field(default_factory=frozenset)
    barcode: str | None = None


@dataclass(frozen=True, slots=True)
class ProductOut:
    id: UUID
    shop_id: UUID | None  # None: the platform catalog, offered by any shop
    category_id: UUID
    name_ru: str
    name_en: str
    description_ru: str | None
    description_en: str | None
    unit: Unit
    step_grams: int | None
    piece_grams: int | None
    photos: tuple[str, ...]
    tags: frozenset[Tag]
    barcode: str | None
    archived: bool
    created_at: datetime
    updated_at: datetime

    def name(self, lang: str | None) -> str:
        """The name in ``lang`` (``en`` or else Russian)."""
        return _localized(lang, self.name_ru, self.name_en)

    def description(self, lang: str | None) -> str | None:
        """The description in ``lang``, falling back to the other language."""
        ru, en = self.description_ru, self.description_en
        if (lang or "").lower().startswith("en"):
            return en or ru
        return ru or en

    @property
    def min_quantity(self) -> int:
        """The smallest amount one can order: one piece, or one step of grams."""
        return self.step_grams if self.unit is Unit.WEIGHT and self.step_grams else 1

    def valid_quantity(self, quantity: int) -> bool:
        """Whether ``quantity`` (pieces or grams) can be ordered: positive, in whole steps."""
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            return False
        return quantity % self.min_quantity == 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A product matching a search: full-text rank (0 if only a typo matched) and similarity."""

    product_id: UUID
    rank: float
    similarity: float
