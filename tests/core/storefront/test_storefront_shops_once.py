"""A screen read in one transaction reads the shops at its point once; the next reads afresh."""

from __future__ import annotations

from typing import Any

from catalog_factories import ADMIN, SellerShop, piece_form
from sqlalchemy import event

from core.business import api as business
from core.business.schemas import ShopOut
from core.catalog import api as catalog
from core.catalog.schemas import CategoryOut
from core.shared.money import Money
from core.shared.uow import Database, Transaction
from core.storefront import api as storefront
from core.storefront.schemas import OfferForm, OfferView, Page


async def test_the_shops_at_a_point_are_read_once_per_transaction(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    product = await catalog.create_product(db, ADMIN, piece_form(category.id))
    offer = await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, Money(10000))
    )
    await storefront.shops_at(db, shop.point)  # the process has parsed the shop's hours and zone
    statements: list[str] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    async def screen(tx: Transaction) -> tuple[list[ShopOut], Page[OfferView], list[ShopOut]]:
        shops = await storefront.shops_at(tx.db, shop.point)
        page = await storefront.list_offers(tx.db, shop.point, shop_id=shop.id)
        return shops, page, await storefront.shops_at(tx.db, shop.point)

    event.listen(db.engine.sync_engine, "before_cursor_execute", executed)
    try:
        shops, page, again = await db.run(screen)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", executed)

    assert [found.id for found in shops] == [found.id for found in again] == [shop.id]
    assert [view.offer.id for view in page.items] == [offer.id]
    assert sum("FROM shops" in statement for statement in statements) == 1
    await business.pause_shop(db, shop.owner, shop.id)
    assert await storefront.shops_at(db, shop.point) == []
