"""The seller's listing: a shop's offers with their products and stock, filtered and paged.

Stock lives in core.inventory, which the storefront cannot read (inventory depends on it), so
without a stock filter a page comes straight from ``storefront.shop_offers`` and only its
offers' stock is looked up. With one, the shop's filtered offers are read page by page, kept by
their stock in Python and paged here: a shop has hundreds of offers, not millions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from uuid import UUID

from core.auth.policy import Actor
from core.catalog import api as catalog
from core.catalog.schemas import ProductOut
from core.inventory import api as inventory
from core.inventory.schemas import StockOut
from core.pricelist.schemas import ProductPage, SellerOffer, SellerPage, StockLevel
from core.shared.uow import Database
from core.storefront import api as storefront
from core.storefront.schemas import OfferView

STOREFRONT_PAGE = 100
CATALOG_PAGE = 200
SEARCH_DEPTH = 300


def uncounted(offer_id: UUID, shop_id: UUID) -> StockOut:
    """The stock of an offer that was never counted: nothing."""
    return StockOut(offer_id, shop_id, 0, 0, 0, None, False, None)


async def shop_stock(db: Database, actor: Actor, shop_id: UUID) -> dict[UUID, StockOut]:
    """Every counted offer's stock in the shop, by offer id."""
    return {stock.offer_id: stock for stock in await inventory.list_stock(db, actor, shop_id)}


async def all_offers(
    db: Database,
    actor: Actor,
    shop_id: UUID,
    *,
    query: str | None = None,
    category_id: UUID | None = None,
    visible: bool | None = None,
) -> list[OfferView]:
    """Every offer of the shop (filtered as ``storefront.shop_offers`` filters), in order."""
    found: list[OfferView] = []
    offset: int | None = 0
    while offset is not None:
        page = await storefront.shop_offers(
            db,
            actor,
            shop_id,
            query=query,
            category_id=category_id,
            visible=visible,
            offset=offset,
            limit=STOREFRONT_PAGE,
        )
        found.extend(page.items)
        offset = page.next_offset
    return found


_LEVELS: Mapping[StockLevel, Callable[[StockOut], bool]] = {
    StockLevel.LOW: lambda stock: stock.is_low,
    StockLevel.OUT: lambda stock: stock.available <= 0,
    StockLevel.IN: lambda stock: stock.available > 0,
}


def _seller_offer(view: OfferView, stock: Mapping[UUID, StockOut]) -> SellerOffer:
    counted = stock.get(view.offer.id) or uncounted(view.offer.id, view.offer.shop_id)
    return SellerOffer(view.offer, view.product, counted)


async def seller_page(
    db: Database,
    actor: Actor,
    shop_id: UUID,
    *,
    query: str | None,
    category_id: UUID | None,
    visible: bool | None,
    stock_level: StockLevel | None,
    offset: int,
    limit: int,
) -> SellerPage:
    """One page of the shop's offers for its staff."""
    offset, limit = max(0, offset), max(1, min(limit, STOREFRONT_PAGE))
    if stock_level is None:
        page = await storefront.shop_offers(
            db,
            actor,
            shop_id,
            query=query,
            category_id=category_id,
            visible=visible,
            offset=offset,
            limit=limit,
        )
        stock = await shop_stock(db, actor, shop_id)
        return SellerPage(
            tuple(_seller_offer(view, stock) for view in page.items), page.next_offset
        )
    views = await all_offers(
        db, actor, shop_id, query=query, category_id=category_id, visible=visible
    )
    stock = await shop_stock(db, actor, shop_id)
    keep = _LEVELS[stock_level]
    matching = [
        offer for offer in (_seller_offer(view, stock) for view in views) if keep(offer.stock)
    ]
    items = tuple(matching[offset : offset + limit])
    more = len(matching) > offset + limit
    return SellerPage(items, offset + len(items) if more else None, len(matching))


async def platform_page(
    db: Database,
    offered: set[UUID],
    *,
    query: str | None,
    category_id: UUID | None,
    offset: int,
    limit: int,
) -> ProductPage:
    """Live platform products not in ``offered``: best matches of ``query`` first, else by
    Russian name."""
    offset, limit = max(0, offset), max(1, min(limit, STOREFRONT_PAGE))
    wanted = offset + limit + 1
    found: list[ProductOut] = []
    if query is not None and query.strip():
        hits = await catalog.search_products(
            db, query, shop_ids=[], category_id=category_id, limit=SEARCH_DEPTH
        )
        ids = [hit.product_id for hit in hits if hit.product_id not in offered][:wanted]
        products = await catalog.get_products(db, ids)
        found = [products[product_id] for product_id in ids]
    else:
        raw_offset = 0
        while len(found) < wanted:
            batch = await catalog.list_products(
                db,
                shop_id=None,
                category_id=category_id,
                limit=CATALOG_PAGE,
                offset=raw_offset,
            )
            found.extend(product for product in batch if product.id not in offered)
            if len(batch) < CATALOG_PAGE:
                break
            raw_offset += CATALOG_PAGE
    items = tuple(found[offset : offset + limit])
    more = len(found) > offset + limit
    return ProductPage(items, offset + len(items) if more else None)
