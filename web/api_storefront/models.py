"""What the storefront and cart endpoints read and answer, as pydantic models (they make the
OpenAPI document), and the conversions from core's schemas.

Prices are per piece, or per kilogram when ``per`` is ``kg``; quantities, ``step`` and
``available`` are pieces, or grams for weight goods. Money is kopecks with its formatted text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from core.business.schemas import ShopOut
from core.catalog.schemas import CategoryNode, ProductOut, Unit
from core.customers.schemas import AddressLabel
from core.orders.schemas import CartIssue, CartLineView, CartSummary, CartView, LineIssue
from core.shared.money import Money
from core.storefront.schemas import OfferOut, OfferView, ProductCard
from web.api_business.models import MoneyView, money_view
from web.api_storefront.point import DeliveryPoint
from web.photos import photo_url

Per = Literal["piece", "kg"]

# -- requests -------------------------------------------------------------------------------


class QuantityIn(BaseModel):
    model_config = ConfigDict(strict=True)

    quantity: int = Field(ge=0, description="Pieces, or grams in whole steps; 0 removes")


class StepsIn(BaseModel):
    model_config = ConfigDict(strict=True)

    steps: int = Field(
        description="Whole steps to add (a piece or the weight step); "
        "negative takes away, never below zero"
    )


# -- answers --------------------------------------------------------------------------------


class DeliveryPointView(BaseModel):
    """Where the listing is for: a saved address (its id, text and label) or a bare point."""

    address_id: UUID | None
    text: str | None
    label: AddressLabel | None
    lat: float
    lon: float


class StorefrontShopView(BaseModel):
    id: UUID
    name: str
    address: str
    description: str | None
    logo_url: str | None
    min_order: MoneyView
    delivery_fee: MoneyView
    open_now: bool
    opens_at: datetime | None = Field(description="When it next opens; now if open")
    closes_at: datetime | None = Field(description="When it next closes, if open now")


class StorefrontShopsView(BaseModel):
    delivery_to: DeliveryPointView
    shops: list[StorefrontShopView] = Field(
        description="Accepting orders now and delivering to the point, nearest first"
    )


class OfferItemView(BaseModel):
    """One tile of the storefront grid."""

    offer_id: UUID
    shop_id: UUID
    shop_name: str
    product_id: UUID
    category_id: UUID
    name: str = Field(description="In the page's language")
    photo_url: str | None = Field(description="The first photo, or null: show the emoji")
    emoji: str | None = Field(description="The category's emoji, for a placeholder")
    price: MoneyView
    old_price: MoneyView | None = Field(description="Struck through")
    per: Per
    unit: Unit
    step: int = Field(description="One piece, or the weight step in grams")
    piece_grams: int | None
    available: int | None = Field(description="Pieces or grams; null when unknown")
    in_cart: int = Field(description="My quantity in this shop's cart")
    tags: list[str]


class OffersPageView(BaseModel):
    items: list[OfferItemView]
    next_offset: int | None = Field(description="Ask for more from here; null on the last page")


class ProductCardView(BaseModel):
    product_id: UUID
    category_id: UUID
    name: str
    description: str | None
    emoji: str | None
    photo_urls: list[str]
    unit: Unit
    per: Per
    step: int
    piece_grams: int | None
    tags: list[str]
    offers: list[OfferItemView] = Field(description="Shops selling it here, cheapest first")


class CartShopView(BaseModel):
    id: UUID
    name: str
    min_order: MoneyView
    delivery_fee: MoneyView


class CartLineOut(BaseModel):
    offer_id: UUID
    product_id: UUID
    name: str
    photo_url: str | None
    emoji: str | None
    unit: Unit
    per: Per
    step: int
    quantity: int
    price: MoneyView = Field(description="Today's price")
    seen_price: MoneyView = Field(description="The price I last saw")
    total: MoneyView = Field(description="The line at today's price")
    available: int
    issues: list[LineIssue]
    orderable: bool


class CartOut(BaseModel):
    """My cart in one shop with what changed since I last touched it."""

    cart_id: UUID | None
    shop: CartShopView
    lines: list[CartLineOut]
    issues: list[CartIssue]
    needs_attention: bool
    item_count: int = Field(description="Lines that can be ordered")
    subtotal: MoneyView
    estimated: bool = Field(description="Holds weighed goods: the final price comes after weighing")
    subtotal_text: str = Field(description="The subtotal in words, in the page's language")
    min_order_reached: bool
    min_order_missing: MoneyView = Field(description="How much more reaches the minimum")


class CartSummaryOut(BaseModel):
    cart_id: UUID
    shop_id: UUID
    shop_name: str
    line_count: int
    subtotal: MoneyView


class CartsOut(BaseModel):
    carts: list[CartSummaryOut] = Field(description="Carts holding something, latest first")


# -- conversions ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Presentation:
    """What turning core's answers into tiles needs: the language, each category's emoji
    (inherited from its parent when it has none) and my quantities in my carts."""

    lang: str
    emojis: Mapping[UUID, str | None] = field(default_factory=dict)
    in_cart: Mapping[UUID, int] = field(default_factory=dict)

    def emoji(self, category_id: UUID) -> str | None:
        return self.emojis.get(category_id)


def emojis_of(tree: list[CategoryNode]) -> dict[UUID, str | None]:
    """Each category's emoji, or its nearest ancestor's."""
    found: dict[UUID, str | None] = {}

    def walk(node: CategoryNode, inherited: str | None) -> None:
        emoji = node.category.emoji or inherited
        found[node.category.id] = emoji
        for child in node.children:
            walk(child, emoji)

    for root in tree:
        walk(root, None)
    return found


def per_of(unit: Unit) -> Per:
    """What the price is for."""
    return "kg" if unit is Unit.WEIGHT else "piece"


def _tags(product: ProductOut) -> list[str]:
    return sorted(tag.value for tag in product.tags)


def _first_photo(product: ProductOut) -> str | None:
    return next((url for ref in product.photos if (url := photo_url(ref))), None)


def delivery_point_view(where: DeliveryPoint) -> DeliveryPointView:
    """The point, and the address it came from if any."""
    address = where.address
    return DeliveryPointView(
        address_id=address.id if address else None,
        text=address.text if address else None,
        label=address.label if address else None,
        lat=where.point.lat,
        lon=where.point.lon,
    )


def offer_item(view: OfferView, how: Presentation) -> OfferItemView:
    """A grid tile."""
    offer, product = view.offer, view.product
    return OfferItemView(
        offer_id=offer.id,
        shop_id=offer.shop_id,
        shop_name=view.shop.name,
        product_id=product.id,
        category_id=product.category_id,
        name=product.name(how.lang),
        photo_url=_first_photo(product),
        emoji=how.emoji(product.category_id),
        price=money_view(offer.price),
        old_price=money_view(offer.old_price) if offer.old_price is not None else None,
        per=per_of(offer.unit),
        unit=offer.unit,
        step=offer.min_quantity,
        piece_grams=offer.piece_grams,
        available=view.available,
        in_cart=how.in_cart.get(offer.id, 0),
        tags=_tags(product),
    )


def product_card_view(card: ProductCard, how: Presentation) -> ProductCardView:
    """The product card with its offers here."""
    product = card.product
    step = product.min_quantity
    return ProductCardView(
        product_id=product.id,
        category_id=product.category_id,
        name=product.name(how.lang),
        description=product.description(how.lang),
        emoji=how.emoji(product.category_id),
        photo_urls=[url for ref in product.photos if (url := photo_url(ref))],
        unit=product.unit,
        per=per_of(product.unit),
        step=step,
        piece_grams=product.piece_grams,
        tags=_tags(product),
        offers=[offer_item(view, how) for view in card.offers],
    )


def _line(line: CartLineView, how: Presentation) -> CartLineOut:
    offer: OfferOut = line.offer
    return CartLineOut(
        offer_id=offer.id,
        product_id=line.product.id,
        name=line.product.name(how.lang),
        photo_url=_first_photo(line.product),
        emoji=how.emoji(line.product.category_id),
        unit=offer.unit,
        per=per_of(offer.unit),
        step=offer.min_quantity,
        quantity=line.quantity,
        price=money_view(offer.price),
        seen_price=money_view(line.seen_price),
        total=money_view(line.total),
        available=line.available,
        issues=sorted(line.issues),
        orderable=line.orderable,
    )


def cart_view(cart: CartView, how: Presentation, subtotal_text: str) -> CartOut:
    """The cart as the page shows it; ``subtotal_text`` is the subtotal in words."""
    shop: ShopOut = cart.shop
    subtotal = cart.subtotal
    missing = (
        shop.min_order - subtotal
        if subtotal < shop.min_order
        else Money.zero(shop.min_order.currency)
    )
    return CartOut(
        cart_id=cart.id,
        shop=CartShopView(
            id=shop.id,
            name=shop.name,
            min_order=money_view(shop.min_order),
            delivery_fee=money_view(shop.delivery_fee),
        ),
        lines=[_line(line, how) for line in cart.lines],
        issues=sorted(cart.issues),
        needs_attention=cart.needs_attention,
        item_count=sum(1 for line in cart.lines if line.orderable),
        subtotal=money_view(subtotal),
        estimated=cart.estimated,
        subtotal_text=subtotal_text,
        min_order_reached=not missing,
        min_order_missing=money_view(missing),
    )


def cart_summary_view(summary: CartSummary) -> CartSummaryOut:
    """One of my carts, briefly."""
    return CartSummaryOut(
        cart_id=summary.cart_id,
        shop_id=summary.shop.id,
        shop_name=summary.shop.name,
        line_count=summary.line_count,
        subtotal=money_view(summary.subtotal),
    )
