"""What a customer at a point can buy: open shops delivering there, visible offers of live
products; by category (subcategories included) or shop, in stable pages; the product card."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from uuid import UUID

import pytest
from catalog_factories import (
    ADMIN,
    SellerShop,
    far_point,
    new_category,
    open_shop,
    piece_form,
    weight_form,
)

from core.auth.errors import PermissionDenied
from core.auth.policy import Role
from core.business import api as business
from core.catalog import api as catalog
from core.catalog.schemas import CategoryOut
from core.geo.schemas import Point
from core.shared.clock import FrozenClock
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront import api as storefront
from core.storefront.schemas import OfferForm, OfferOut, OfferView, Page


async def _offer(
    db: Database, shop: SellerShop, category: CategoryOut, price: int = 10000, **form: object
) -> OfferOut:
    product = await catalog.create_product(db, ADMIN, piece_form(category.id))
    return await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, Money(price), **form)  # type: ignore[arg-type]
    )


def _ids(page: Page[OfferView]) -> list[UUID]:
    return [view.offer.id for view in page.items]


async def _listed(db: Database, point: Point, **kwargs: object) -> list[UUID]:
    return _ids(await storefront.list_offers(db, point, limit=100, **kwargs))  # type: ignore[arg-type]


async def test_offers_of_an_open_shop_delivering_to_the_point_are_listed(
    db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    offer = await _offer(db, shop, category)
    page = await storefront.list_offers(db, shop.point)
    assert _ids(page) == [offer.id]
    view = page.items[0]
    assert (view.shop.id, view.product.id, view.available) == (shop.id, offer.product_id, None)
    assert [s.id for s in await storefront.shops_at(db, shop.point)] == [shop.id]

    assert await _listed(db, far_point()) == []  # outside the zone

    clock.set(datetime(2026, 1, 1, 19, 30, tzinfo=UTC))  # 22:30 in Moscow: closed
    assert await _listed(db, shop.point) == []
    clock.set(datetime(2026, 1, 2, 6, 0, tzinfo=UTC))  # 09:00: open again
    assert await _listed(db, shop.point) == [offer.id]

    await business.pause_shop(db, shop.owner, shop.id)
    assert await _listed(db, shop.point) == []
    await business.resume_shop(db, shop.owner, shop.id)
    assert await _listed(db, shop.point) == [offer.id]


async def test_hidden_offers_and_withdrawn_products_are_not_listed(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    shown = await _offer(db, shop, category)
    hidden = await _offer(db, shop, category, visible=False)
    withdrawn = await _offer(db, shop, category)
    await catalog.archive_product(db, ADMIN, withdrawn.product_id)
    assert await _listed(db, shop.point) == [shown.id]

    await storefront.set_visibility(db, shop.owner, hidden.id, True)
    await catalog.restore_product(db, ADMIN, withdrawn.product_id)
    assert set(await _listed(db, shop.point)) == {shown.id, hidden.id, withdrawn.id}


async def test_a_category_lists_its_subcategories_too(
    db: Database, shop: SellerShop
) -> None:
    fruit = await new_category(db)
    citrus = await new_category(db, parent=fruit)
    lemons = await new_category(db, parent=citrus)
    berries = await new_category(db)
    in_fruit = await _offer(db, shop, fruit)
    in_citrus = await _offer(db, shop, citrus)
    in_lemons = await _offer(db, shop, lemons)
    in_berries = await _offer(db, shop, berries)

    assert await _listed(db, shop.point, category_id=fruit.id) == [
        in_fruit.id, in_citrus.id, in_lemons.id
    ]
    assert await _listed(db, shop.point, category_id=citrus.id) == [in_citrus.id, in_lemons.id]
    assert await _listed(db, shop.point, category_id=berries.id) == [in_berries.id]
    assert len(await _listed(db, shop.point)) == 4


async def _all_pages(db: Database, point: Point, limit: int) -> tuple[list[UUID], list[bool]]:
    seen: list[UUID] = []
    flags = []
    offset: int | None = 0
    while offset is not None:
        page = await storefront.list_offers(db, point, offset=offset, limit=limit)
        seen.extend(_ids(page))
        flags.append(page.has_more)
        offset = page.next_offset
    return seen, flags


async def test_pages_are_stable_and_cover_everything_once(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    offers = [await _offer(db, shop, category, position=1 + n % 3) for n in range(23)]
    expected = [o.id for o in sorted(offers, key=lambda o: (o.position, o.id))]

    assert await _all_pages(db, shop.point, 10) == (expected, [True, True, False])
    again = await storefront.list_offers(db, shop.point, offset=10, limit=10)
    assert _ids(again) == expected[10:20]
    assert (await storefront.list_offers(db, shop.point, offset=23)).items == ()

    # Moving an offer to the top of the shop's list moves it in the listing.
    last = expected[-1]
    await storefront.set_position(db, shop.owner, last, 0)
    assert await _all_pages(db, shop.point, 7) == (
        [last, *expected[:-1]], [True, True, True, False]
    )


async def test_listing_one_shop_among_those_delivering(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    neighbour = await open_shop(db, point=shop.point)
    mine = await _offer(db, shop, category)
    theirs = await _offer(db, neighbour, category)
    assert set(await _listed(db, shop.point)) == {mine.id, theirs.id}
    assert await _listed(db, shop.point, shop_id=neighbour.id) == [theirs.id]
    await business.pause_shop(db, neighbour.owner, neighbour.id)
    assert await _listed(db, shop.point, shop_id=neighbour.id) == []


async def test_the_product_card_shows_offers_nearby_cheapest_first(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    cheaper = await open_shop(db, point=shop.point)
    faraway = await open_shop(db)
    product = await catalog.create_product(db, ADMIN, weight_form(category.id))
    here = await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, Money(20000))
    )
    there = await storefront.create_offer(
        db, cheaper.owner, cheaper.id, OfferForm(product.id, Money(18000), Money(20000))
    )
    await storefront.create_offer(
        db, faraway.owner, faraway.id, OfferForm(product.id, Money(10000))
    )

    card = await storefront.product_card(db, product.id, shop.point)
    assert card.product.id == product.id
    assert [v.offer.id for v in card.offers] == [there.id, here.id]
    assert card.offers[0].shop.id == cheaper.id

    await storefront.set_visibility(db, cheaper.owner, there.id, False)
    card = await storefront.product_card(db, product.id, shop.point)
    assert [v.offer.id for v in card.offers] == [here.id]
    assert (await storefront.product_card(db, product.id, far_point())).offers == ()


async def test_availability_comes_from_the_provider_once_per_page(
    db: Database, shop: SellerShop, category: CategoryOut
) -> None:
    stocked = await _offer(db, shop, category)
    unknown = await _offer(db, shop, category)
    calls: list[list[UUID]] = []

    async def provider(offer_ids: Sequence[UUID], /) -> Mapping[UUID, int]:
        calls.append(list(offer_ids))
        return {stocked.id: 1500}

    page = await storefront.list_offers(db, shop.point, availability=provider)
    assert {v.offer.id: v.available for v in page.items} == {stocked.id: 1500, unknown.id: None}
    assert [sorted(c) for c in calls] == [sorted([stocked.id, unknown.id])]
    card = await storefront.product_card(
        db, stocked.product_id, shop.point, availability=provider
    )
    assert card.offers[0].available == 1500


async def test_staff_see_every_offer_of_their_shop(
    db: Database, shop: SellerShop, other_shop: SellerShop
) -> None:
    vegetables, greens = await new_category(db), await new_category(db)
    product = await catalog.create_product(db, ADMIN, weight_form(
        vegetables.id, name_ru="Морковь мытая", name_en="Washed carrots",
    ))
    carrots = await storefront.create_offer(
        db, shop.owner, shop.id, OfferForm(product.id, Money(6900))
    )
    hidden = await _offer(db, shop, greens, visible=False)
    withdrawn = await _offer(db, shop, greens)
    await catalog.archive_product(db, ADMIN, withdrawn.product_id)

    async def seen(**kwargs: object) -> set[UUID]:
        page = await storefront.shop_offers(db, shop.staff(Role.PICKER), shop.id, **kwargs)  # type: ignore[arg-type]
        return set(_ids(page))

    assert await seen() == {carrots.id, hidden.id, withdrawn.id}
    assert await seen(visible=False) == {hidden.id}
    assert await seen(category_id=greens.id) == {hidden.id, withdrawn.id}
    assert await seen(query="моркови") == {carrots.id}
    assert await seen(query="carots") == {carrots.id}
    for stranger in (other_shop.owner, other_shop.staff(Role.PICKER)):
        with pytest.raises(PermissionDenied):
            await storefront.shop_offers(db, stranger, shop.id)
