"""Rows to schemas, and checking prices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from core.business.schemas import ShopOut
from core.catalog.schemas import ProductOut
from core.shared.money import Money
from core.storefront._models import Offer
from core.storefront.errors import InvalidPrice, OldPriceNotAbove
from core.storefront.schemas import AvailabilityProvider, OfferOut, OfferView

CURRENCY = "RUB"
# A million roubles a kilogram is a typo, not a truffle.
MAX_PRICE = Money.rub(1_000_000)


def offer_out(row: Offer, product: ProductOut) -> OfferOut:
    return OfferOut(
        id=row.id,
        shop_id=row.shop_id,
        product_id=row.product_id,
        unit=product.unit,
        step_grams=product.step_grams,
        piece_grams=product.piece_grams,
        price=Money(row.price_minor, row.currency),
        old_price=None if row.old_price_minor is None else Money(row.old_price_minor, row.currency),
        visible=row.visible,
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def price(value: Money) -> Money:
    """A positive amount in roubles, at most ``MAX_PRICE``."""
    if (
        not isinstance(value, Money)
        or value.currency != CURRENCY
        or not 0 < value.minor <= MAX_PRICE.minor
    ):
        raise InvalidPrice(maximum=MAX_PRICE.format())
    return value


def prices(new: Money, old: Money | None) -> tuple[Money, Money | None]:
    """The price and the struck-through old price, which must be above it."""
    checked = price(new)
    if old is None:
        return checked, None
    old_checked = price(old)
    if old_checked <= checked:
        raise OldPriceNotAbove(price=checked.format(), old_price=old_checked.format())
    return checked, old_checked


async def views(
    rows: Sequence[Offer],
    products: Mapping[UUID, ProductOut],
    shops: Mapping[UUID, ShopOut],
    availability: AvailabilityProvider | None,
) -> tuple[OfferView, ...]:
    """Listing entries for ``rows``, asking ``availability`` once for all of them."""
    available: Mapping[UUID, int] = {}
    if availability is not None and rows:
        available = await availability([row.id for row in rows])
    return tuple(
        OfferView(
            offer=offer_out(row, products[row.product_id]),
            product=products[row.product_id],
            shop=shops[row.shop_id],
            available=available.get(row.id),
        )
        for row in rows
    )
