"""Which categories hold something a customer at a point can buy, subcategories included, in
one query: what the customer bot's category buttons are made of."""

from __future__ import annotations

import uuid

from catalog_factories import ADMIN, SellerShop, new_category, open_shop, piece_form

from core.business import api as business
from core.catalog import api as catalog
from core.catalog.schemas import CategoryOut
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront import api as storefront
from core.storefront.schemas import OfferForm, OfferOut


async def _offer(
    db: Database, shop: SellerShop, category: CategoryOut, *, visible: bool = True
) -> OfferOut:
    product = await catalog.create_product(db, ADMIN, piece_form(category.id))
    return await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, Money(10000), visible=visible)
    )


async def test_categories_holding_offers_at_the_point_subcategories_included(
    db: Database, shop: SellerShop
) -> None:
    neighbour = await open_shop(db, point=shop.point)
    fruit, berries, greens, empty = [await new_category(db) for _ in range(4)]
    lemons = await new_category(db, parent=await new_category(db, parent=fruit))
    await _offer(db, shop, lemons)  # two levels below
    await _offer(db, shop, berries, visible=False)
    await _offer(db, neighbour, greens)
    asked = [fruit.id, berries.id, greens.id, empty.id, uuid.uuid4()]

    assert await storefront.categories_on_offer(db, shop.point, asked) == {fruit.id, greens.id}
    assert await storefront.categories_on_offer(db, shop.point, asked, shop_id=shop.id) == {
        fruit.id
    }
    assert await storefront.categories_on_offer(db, shop.point, []) == set()

    await business.pause_shop(db, shop.owner, shop.id)
    assert await storefront.categories_on_offer(db, shop.point, asked) == {greens.id}
    assert await storefront.categories_on_offer(db, shop.point, asked, shop_id=shop.id) == set()
