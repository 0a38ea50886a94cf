"""Searching what can be bought at a point, on the demo catalog of the two Moscow shops.

Other tests' shops may deliver to the same points (the session shares one database), so most
searches here are made in one demo shop, and the rest look at the demo shops' results only."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from core.auth.api import load_actor
from core.catalog import api as catalog
from core.geo.schemas import Point
from core.shared.clock import FrozenClock
from core.shared.uow import Database
from core.storefront import api as storefront
from core.storefront.schemas import OfferView, Page
from fruktgo.demo import DEMO_SHOPS

pytestmark = pytest.mark.usefixtures("demo")

ARBAT = Point(55.7503, 37.5936)  # the Arbat shop delivers here; the polygon shop does not
PYATNITSKAYA = Point(55.7411, 37.6287)  # both deliver here; the Zamoskvorechye one is nearer
ST_PETERSBURG = Point(59.9386, 30.3141)

APPLES = {"Яблоки Гала", "Яблоки Гренни Смит", "Яблоки Антоновка"}


async def demo_shops(db: Database) -> tuple[UUID, UUID]:
    """The Arbat shop and the Zamoskvorechye shop."""
    arbat, lavka = [
        next(iter((await load_actor(db, shop.owner_id)).shops)) for shop in DEMO_SHOPS
    ]
    return arbat, lavka


async def found(db: Database, point: Point, query: str, **kwargs: object) -> list[OfferView]:
    """The demo shops' offers the search finds, best first."""
    shops = set(await demo_shops(db))
    page = await storefront.search(db, point, query, limit=100, **kwargs)  # type: ignore[arg-type]
    return [view for view in page.items if view.shop.id in shops]


def names(views: list[OfferView]) -> list[str]:
    return [view.product.name_ru for view in views]


@pytest.mark.parametrize("query", ["яблоко", "яблоки", "ябоко", "apple", "apples", "aple"])
async def test_each_shop_has_its_apples_found_first(db: Database, query: str) -> None:
    arbat, lavka = await demo_shops(db)
    for shop_id, apples in [
        (arbat, {"Яблоки Гала", "Яблоки Гренни Смит"}),
        (lavka, APPLES),
    ]:
        views = await found(db, PYATNITSKAYA, query, shop_id=shop_id)
        assert {view.shop.id for view in views} == {shop_id}
        assert set(names(views)[: len(apples)]) == apples


async def test_the_best_match_comes_first_from_the_nearest_shop(db: Database) -> None:
    arbat, lavka = await demo_shops(db)
    views = await found(db, PYATNITSKAYA, "яблоки гала")
    assert [(v.product.name_ru, v.shop.id) for v in views[:2]] == [
        ("Яблоки Гала", lavka), ("Яблоки Гала", arbat)
    ]
    assert views[0].offer.price < views[1].offer.price


async def test_only_shops_delivering_to_the_point_are_searched(db: Database) -> None:
    arbat, lavka = await demo_shops(db)
    # Only the Zamoskvorechye shop sells Antonovka, and it does not deliver to the Arbat.
    assert await found(db, ARBAT, "антоновка") == []
    assert [(v.product.name_ru, v.shop.id) for v in await found(
        db, PYATNITSKAYA, "антоновка"
    )][:1] == [("Яблоки Антоновка", lavka)]
    assert await found(db, ARBAT, "яблоки", shop_id=lavka) == []
    assert await storefront.search(db, ST_PETERSBURG, "яблоки") == Page((), 0, 20, False)
    dill = await found(db, PYATNITSKAYA, "укроп", shop_id=lavka)
    assert [(v.product.name_ru, v.shop.id) for v in dill][:1] == [("Укроп", lavka)]


async def test_a_search_within_a_category(db: Database) -> None:
    arbat, _ = await demo_shops(db)
    greens = await catalog.category_by_slug(db, "greens")
    assert greens is not None
    everywhere = names(await found(db, ARBAT, "томаты", shop_id=arbat))
    assert set(everywhere[:2]) == {"Томаты черри, 250 г", "Томаты розовые"}
    assert "Базилик зелёный" in everywhere[2:]
    in_greens = names(await found(db, ARBAT, "томаты", shop_id=arbat, category_id=greens.id))
    assert in_greens[:1] == ["Базилик зелёный"]  # "for tomatoes and mozzarella"
    assert "Томаты розовые" not in in_greens


async def test_nothing_is_found_in_a_shop_while_it_is_closed(
    db: Database, clock: FrozenClock
) -> None:
    arbat, lavka = await demo_shops(db)
    assert set(names(await found(db, PYATNITSKAYA, "яблоки", shop_id=lavka))[:3]) == APPLES
    clock.set(datetime(2026, 1, 1, 0, 30, tzinfo=UTC))  # 03:30 in Moscow
    assert await found(db, PYATNITSKAYA, "яблоки", shop_id=lavka) == []  # open 09:00-21:00
    # The Arbat shop is open round the clock in the demo.
    assert names(await found(db, ARBAT, "клубника", shop_id=arbat))[:1] == ["Клубника"]


async def test_search_results_page_without_repeats(db: Database) -> None:
    arbat, _ = await demo_shops(db)
    everything = await storefront.search(db, ARBAT, "ягода", shop_id=arbat, limit=100)
    assert len(everything.items) >= 4, "berries say they are berries"
    pages: list[UUID] = []
    offset: int | None = 0
    while offset is not None:
        page = await storefront.search(
            db, ARBAT, "ягода", shop_id=arbat, offset=offset, limit=3
        )
        pages.extend(view.offer.id for view in page.items)
        offset = page.next_offset
    assert pages == [view.offer.id for view in everything.items]
