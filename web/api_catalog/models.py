"""What the catalog endpoints read and answer, as pydantic models (they make the OpenAPI
document), and the conversions from core's schemas. Money is integer kopecks, with a formatted
text beside it; quantities are pieces, or grams for weight goods."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from core.catalog.schemas import ProductOut, Tag, Unit
from core.pricelist.schemas import SellerOffer
from web.photos import photo_url

Per = Literal["piece", "kg"]

# -- requests -------------------------------------------------------------------------------


class OfferIn(BaseModel):
    """Offer a platform product in the shop."""

    product_id: UUID
    price: int = Field(description="Kopecks, per piece or per kg")
    old_price: int | None = Field(
        default=None, description="Kopecks, struck through; above the price"
    )
    visible: bool = True
    position: int = 0
    stock: int | None = Field(default=None, description="Initial count on hand: pieces or grams")


class ProductIn(BaseModel):
    """A product of the shop's own, as its form gives it."""

    category_id: UUID
    name_ru: str
    name_en: str
    description_ru: str | None = None
    description_en: str | None = None
    unit: Unit
    step_grams: int | None = Field(default=None, description="Weight goods: the step in grams")
    piece_grams: int | None = Field(default=None, description="What one piece weighs, grams")
    photos: list[str] = Field(
        default_factory=list, description="Photo refs: media:<uuid>, https URLs, file ids"
    )
    tags: list[str] = Field(default_factory=list, description="seasonal, local, organic")
    barcode: str | None = Field(default=None, description="EAN-13")


class NewProductIn(ProductIn):
    """A product of the shop's own and its offer, created together."""

    price: int = Field(description="Kopecks, per piece or per kg")
    old_price: int | None = None
    visible: bool = True
    stock: int | None = Field(default=None, description="Pieces or grams on hand")


class OfferPatchIn(BaseModel):
    """Inline edits; only the fields given change (``old_price`` null removes it)."""

    price: int | None = Field(default=None, description="Kopecks")
    old_price: int | None = Field(default=None, description="Kopecks; null removes it")
    visible: bool | None = None
    position: int | None = None


class StockIn(BaseModel):
    on_hand: int = Field(description="Counted on hand: pieces or grams")
    note: str | None = None


class ThresholdIn(BaseModel):
    threshold: int | None = Field(
        description="Warn at or below this many pieces or grams available; null never"
    )


# -- answers --------------------------------------------------------------------------------


class PhotoView(BaseModel):
    ref: str
    url: str | None = Field(description="Where a page can load it; null for a Telegram file id")


class ProductView(BaseModel):
    id: UUID
    shop_id: UUID | None = Field(description="The shop owning it; null: the platform catalog")
    category_id: UUID
    name_ru: str
    name_en: str
    description_ru: str | None
    description_en: str | None
    unit: Unit
    step_grams: int | None
    piece_grams: int | None
    photos: list[PhotoView]
    tags: list[Tag]
    barcode: str | None
    archived: bool


class StockView(BaseModel):
    on_hand: int
    reserved: int
    allocated: int
    available: int
    low_threshold: int | None
    low: bool = Field(description="Available is at or below the threshold")


class SellerOfferView(BaseModel):
    id: UUID = Field(description="The offer's id")
    shop_id: UUID
    product: ProductView
    own: bool = Field(description="The product is the shop's own (editable by it)")
    price: int = Field(description="Kopecks, per piece or per kg")
    old_price: int | None
    price_text: str = Field(examples=["89,90 ₽"])
    old_price_text: str | None
    per: Per
    visible: bool
    position: int
    stock: StockView


class SellerOffersView(BaseModel):
    items: list[SellerOfferView]
    next_offset: int | None
    total: int | None = Field(default=None, description="Given with a stock filter")


class ProductsView(BaseModel):
    items: list[ProductView]
    next_offset: int | None


class CategoryView(BaseModel):
    id: UUID
    parent_id: UUID | None
    slug: str
    name: str = Field(description="In the page's language")
    emoji: str | None
    photo_url: str | None
    position: int
    depth: int = Field(description="0 for a root")


class CategoriesView(BaseModel):
    categories: list[CategoryView] = Field(description="Depth first, in tree order")


class HistoryItemView(BaseModel):
    id: UUID
    at: datetime
    delta: int = Field(description="Change of the count on hand")
    on_hand_after: int
    reason: str
    reason_text: str
    by: int | None = Field(description="Telegram id; null: the system")
    by_name: str | None
    note: str | None


class HistoryView(BaseModel):
    items: list[HistoryItemView]
    next_before: UUID | None = Field(description="Pass as ?before= for older entries")


class ImportChangeView(BaseModel):
    line: int
    offer_id: UUID | None
    product_id: UUID
    name: str
    per: Per
    new_offer: bool
    price: tuple[int | None, int] | None = Field(description="[old, new] kopecks")
    old_price: tuple[int | None, int | None] | None
    stock: tuple[int, int] | None = Field(description="[old, new] pieces or grams")
    visible: tuple[bool | None, bool] | None


class ImportErrorView(BaseModel):
    line: int = Field(description="1-based line of the file")
    column: str | None
    code: str
    message: str


class ImportReportView(BaseModel):
    dry_run: bool
    applied: bool
    rows: int
    changes: list[ImportChangeView]
    errors: list[ImportErrorView]


class PriceListErrorDetail(BaseModel):
    code: str
    message: str
    rows: list[ImportErrorView]


class PriceListErrorBody(BaseModel):
    """A price list with wrong rows, not applied."""

    error: PriceListErrorDetail


# -- conversions ----------------------------------------------------------------------------


def per(unit: Unit) -> Per:
    """What a price is for: a piece, or a kilogram of a weight good."""
    return "kg" if unit is Unit.WEIGHT else "piece"


def product_view(product: ProductOut) -> ProductView:
    """The API's view of a product."""
    return ProductView(
        id=product.id,
        shop_id=product.shop_id,
        category_id=product.category_id,
        name_ru=product.name_ru,
        name_en=product.name_en,
        description_ru=product.description_ru,
        description_en=product.description_en,
        unit=product.unit,
        step_grams=product.step_grams,
        piece_grams=product.piece_grams,
        photos=[PhotoView(ref=ref, url=photo_url(ref)) for ref in product.photos],
        tags=sorted(product.tags),
        barcode=product.barcode,
        archived=product.archived,
    )


def seller_offer_view(item: SellerOffer) -> SellerOfferView:
    """An offer as the seller's pages show it."""
    offer, stock = item.offer, item.stock
    return SellerOfferView(
        id=offer.id,
        shop_id=offer.shop_id,
        product=product_view(item.product),
        own=item.product.shop_id == offer.shop_id,
        price=offer.price.minor,
        old_price=None if offer.old_price is None else offer.old_price.minor,
        price_text=offer.price.format(),
        old_price_text=None if offer.old_price is None else offer.old_price.format(),
        per=per(offer.unit),
        visible=offer.visible,
        position=offer.position,
        stock=StockView(
            on_hand=stock.on_hand,
            reserved=stock.reserved,
            allocated=stock.allocated,
            available=stock.available,
            low_threshold=stock.low_stock_threshold,
            low=stock.is_low,
        ),
    )
