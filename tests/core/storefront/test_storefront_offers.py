"""Offers: a price per piece or per kg, the old-price rule, one per shop and product, and who
may change them."""

from __future__ import annotations

from typing import Any

import pytest
from catalog_factories import ADMIN, SellerShop, person, piece_form, weight_form
from sqlalchemy import select

from core.auth.errors import PermissionDenied
from core.auth.policy import Role
from core.catalog import api as catalog
from core.catalog.schemas import CategoryOut, Unit
from core.shared.ids import new_id
from core.shared.money import Money
from core.shared.outbox import OutboxEvent
from core.shared.uow import Database
from core.storefront import api as storefront
from core.storefront.errors import (
    InvalidPrice,
    OfferExists,
    OfferNotFound,
    OldPriceNotAbove,
    ProductNotOfferable,
)
from core.storefront.schemas import OfferForm, OfferOut


async def _events(db: Database, name: str, offer: OfferOut) -> list[dict[str, Any]]:
    async with db.sessionmaker() as session:
        rows = (await session.scalars(
            select(OutboxEvent).where(OutboxEvent.name == name)
            .order_by(OutboxEvent.occurred_at, OutboxEvent.id)
        )).all()
    return [row.payload for row in rows if row.payload["offer_id"] == str(offer.id)]


async def _offer(
    db: Database, shop: SellerShop, category: CategoryOut, *, weight: bool = True, **form: Any
) -> OfferOut:
    make = weight_form if weight else piece_form
    product = await catalog.create_product(db, ADMIN, make(category.id))
    return await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, **{"price": Money(18900), **form})
    )


async def test_an_offer_carries_what_counting_it_needs(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    offer = await _offer(db, shop, category, price=Money.rub(189), old_price=Money.rub(219))
    assert (offer.shop_id, offer.unit, offer.step_grams, offer.piece_grams) == (
        shop.id, Unit.WEIGHT, 100, 180
    )
    assert (offer.price, offer.old_price, offer.visible) == (
        Money(18900), Money(21900), True
    )
    assert offer.min_quantity == 100
    assert await storefront.get_offer(db, offer.id) == offer
    assert await storefront.get_offers(db, [offer.id, new_id()]) == {offer.id: offer}
    assert await storefront.get_offers(db, []) == {}
    with pytest.raises(OfferNotFound):
        await storefront.get_offer(db, new_id())
    created = await _events(db, "storefront.offer_created", offer)
    assert [(e["shop_id"], e["price_minor"]) for e in created] == [(str(shop.id), 18900)]


async def test_a_line_costs_pieces_times_price_or_grams_at_the_kilo_price(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await _offer(db, shop, category, price=Money(18999))
    assert apples.price_for(1500) == Money(28499)  # 284.985 rounds half up
    assert apples.price_for(150) == Money(2850)  # 28.4985
    assert apples.valid_quantity(1500)
    assert not apples.valid_quantity(1550)
    dill = await _offer(db, shop, category, weight=False, price=Money(5900))
    assert dill.price_for(3) == Money(17700)
    assert dill.min_quantity == 1
    with pytest.raises(ValueError, match="non-negative"):
        dill.price_for(-1)


async def test_one_offer_per_shop_and_product(
    db: Database, shop: SellerShop, other_shop: SellerShop, category: CategoryOut
) -> None:
    product = await catalog.create_product(db, ADMIN, piece_form(category.id))
    await storefront.create_offer(db, shop.owner, shop.id, OfferForm(product.id, Money(5900)))
    with pytest.raises(OfferExists):
        await storefront.create_offer(
            db, shop.owner, shop.id, OfferForm(product.id, Money(4900))
        )
    elsewhere = await storefront.create_offer(
        db, other_shop.owner, other_shop.id, OfferForm(product.id, Money(4900))
    )
    assert elsewhere.price == Money(4900)


async def test_the_old_price_must_be_above_the_price(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    product = await catalog.create_product(db, ADMIN, piece_form(category.id))
    for old in (Money(5900), Money(5000)):
        with pytest.raises(OldPriceNotAbove):
            await storefront.create_offer(
                db, shop.owner, shop.id, OfferForm(product.id, Money(5900), old_price=old)
            )
    offer = await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, Money(5900), old_price=Money(6900))
    )
    with pytest.raises(OldPriceNotAbove):
        await storefront.set_price(db, shop.owner, offer.id, Money(7900), Money(6900))
    lowered = await storefront.set_price(db, shop.owner, offer.id, Money(4900), Money(5900))
    assert (lowered.price, lowered.old_price) == (Money(4900), Money(5900))
    cleared = await storefront.set_price(db, shop.owner, offer.id, Money(4900))
    assert cleared.old_price is None
    for bad in (Money(0), Money(-100), Money(5900, "USD"), Money.rub(1_000_001)):
        with pytest.raises(InvalidPrice):
            await storefront.set_price(db, shop.owner, offer.id, bad)
    assert storefront.check_prices(Money(100), Money(101)) == (Money(100), Money(101))


async def test_shops_offer_the_platforms_products_and_their_own_only(
    db: Database, shop: SellerShop, other_shop: SellerShop, category: CategoryOut
) -> None:
    own = await catalog.create_product(db, shop.owner, piece_form(category.id), shop_id=shop.id)
    offer = await storefront.create_offer(db, shop.owner, shop.id, OfferForm(own.id, Money(990)))
    assert offer.product_id == own.id
    with pytest.raises(ProductNotOfferable):
        await storefront.create_offer(
            db, other_shop.owner, other_shop.id, OfferForm(own.id, Money(990))
        )
    withdrawn = await catalog.create_product(db, ADMIN, piece_form(category.id))
    await catalog.archive_product(db, ADMIN, withdrawn.id)
    with pytest.raises(ProductNotOfferable):
        await storefront.create_offer(
            db, shop.owner, shop.id, OfferForm(withdrawn.id, Money(990))
        )


async def test_owners_and_managers_price_their_own_shop_only(
    db: Database, shop: SellerShop, other_shop: SellerShop, category: CategoryOut
) -> None:
    offer = await _offer(db, shop, category)
    manager = shop.staff(Role.MANAGER)
    assert (await storefront.set_price(db, manager, offer.id, Money(17900))).price == Money(17900)
    assert not (await storefront.set_visibility(db, manager, offer.id, False)).visible
    assert (await storefront.set_position(db, manager, offer.id, 3)).position == 3
    assert (await storefront.set_price(db, ADMIN, offer.id, Money(16900))).price == Money(16900)

    product = await catalog.create_product(db, ADMIN, piece_form(category.id))
    strangers = [shop.staff(Role.PICKER), person(), other_shop.owner,
                 other_shop.staff(Role.MANAGER)]
    for actor in strangers:
        with pytest.raises(PermissionDenied):
            await storefront.set_price(db, actor, offer.id, Money(100))
        with pytest.raises(PermissionDenied):
            await storefront.set_visibility(db, actor, offer.id, True)
        with pytest.raises(PermissionDenied):
            await storefront.create_offer(db, actor, shop.id, OfferForm(product.id, Money(100)))
    assert (await storefront.get_offer(db, offer.id)).price == Money(16900)


async def test_price_changes_are_published_once(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    offer = await _offer(db, shop, category, price=Money(18900))
    await storefront.set_price(db, shop.owner, offer.id, Money(17900))
    await storefront.set_price(db, shop.owner, offer.id, Money(17900))  # no change
    await storefront.set_visibility(db, shop.owner, offer.id, False)
    await storefront.set_visibility(db, shop.owner, offer.id, False)
    changed = await _events(db, "storefront.offer_price_changed", offer)
    assert [(e["old_price_minor"], e["price_minor"]) for e in changed] == [(18900, 17900)]
    hidden = await _events(db, "storefront.offer_visibility_changed", offer)
    assert [e["visible"] for e in hidden] == [False]
