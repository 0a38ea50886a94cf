"""The seller's listing: offers with stock, filtered by search, visibility and stock level;
platform products not offered yet."""

from __future__ import annotations

from catalog_factories import SellerShop
from pricelist_world import offered, platform_product

from core.catalog.schemas import CategoryOut
from core.inventory.api import set_low_stock_threshold
from core.pricelist.api import platform_products, seller_offers
from core.pricelist.schemas import StockLevel
from core.shared.money import Money
from core.shared.uow import Database


async def test_offers_by_stock_level_with_paging(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    full = [await offered(db, shop, category, price=Money.rub(10), stock=5) for _ in range(3)]
    empty = await offered(db, shop, category, price=Money.rub(10))
    await set_low_stock_threshold(db, shop.owner, full[0].offer.id, 5)

    first = await seller_offers(db, shop.owner, shop.id, stock=StockLevel.IN, limit=2)
    second = await seller_offers(
        db, shop.owner, shop.id, stock=StockLevel.IN, offset=first.next_offset or 0, limit=2
    )
    out = await seller_offers(db, shop.owner, shop.id, stock=StockLevel.OUT)
    low = await seller_offers(db, shop.owner, shop.id, stock=StockLevel.LOW)

    assert (first.total, len(first.items), second.next_offset) == (3, 2, None)
    assert {i.offer.id for i in (*first.items, *second.items)} == {o.offer.id for o in full}
    assert [(i.offer.id, i.stock.on_hand, i.stock.updated_at) for i in out.items] == [
        (empty.offer.id, 0, None)
    ]
    assert [(i.offer.id, i.stock.is_low) for i in low.items] == [(full[0].offer.id, True)]


async def test_search_and_visibility_filters(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    quince = await offered(db, shop, category, price=Money.rub(10), stock=1)
    hidden = await offered(db, shop, category, price=Money.rub(10), visible=False)

    found = await seller_offers(db, shop.owner, shop.id, query=quince.product.name_ru)
    invisible = await seller_offers(db, shop.owner, shop.id, visible=False)

    assert quince.offer.id in {item.offer.id for item in found.items}
    assert found.items[0].stock.on_hand == 1
    assert [item.offer.id for item in invisible.items] == [hidden.offer.id]
    assert invisible.next_offset is None


async def test_platform_products_leave_out_what_the_shop_offers(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    sold = await offered(db, shop, category, price=Money.rub(10))
    fresh = await platform_product(db, category)

    listed = await platform_products(db, shop.owner, shop.id, category_id=category.id)
    searched = await platform_products(db, shop.owner, shop.id, query=fresh.name_ru)

    assert [product.id for product in listed.items] == [fresh.id]
    assert sold.product.id not in {product.id for product in searched.items}
    assert fresh.id in {product.id for product in searched.items}
