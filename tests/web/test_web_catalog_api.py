"""The catalog endpoints over HTTP with signed initData: categories, the seller's listing with
stock and filters, offers and the shop's own products, inline edits, stock and its history, and
the price list as CSV (dry run, all or nothing, file upload)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from catalog_api_fixtures import CatalogWorld, catalog_world
from miniapp_signing import make_app, tma
from redis.asyncio import Redis

from core.inventory.api import reserve
from core.inventory.schemas import ReserveLine
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.uow import Database

API = "/api/v1"


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


@pytest.fixture
async def world(db: Database) -> CatalogWorld:
    return await catalog_world(db)


class Caller:
    """Requests as one signed-in person."""

    def __init__(self, api: TestClient, telegram_id: int, clock: FrozenClock) -> None:
        self.api, self.telegram_id, self.clock = api, telegram_id, clock

    async def call(self, method: str, path: str, *, status: int = 200, **options: Any) -> Any:
        response = await self.api.request(
            method, API + path, headers=tma(self.telegram_id, self.clock.now()), **options
        )
        assert response.status == status, await response.text()
        if response.content_type == "application/json":
            return await response.json()
        return await response.text()


async def test_categories_are_public_and_depth_first(api: TestClient, world: CatalogWorld) -> None:
    response = await api.get(f"{API}/categories", params={"lang": "en"})

    assert response.status == 200
    categories = (await response.json())["categories"]
    ids = [c["id"] for c in categories]
    parent = ids.index(str(world.category.id))
    assert ids[parent + 1] == str(world.child.id)
    assert categories[parent] | {"id": None} == {
        "id": None,
        "parent_id": None,
        "slug": world.category.slug,
        "name": world.category.name_en,
        "emoji": "🍎",
        "photo_url": None,
        "position": 0,
        "depth": 0,
    }
    assert (categories[parent + 1]["depth"], categories[parent + 1]["photo_url"]) == (
        1,
        "https://example.com/pears.jpg",
    )


async def test_offering_a_platform_product_and_editing_it_inline(
    api: TestClient, world: CatalogWorld, clock: FrozenClock
) -> None:
    owner = Caller(api, world.owner, clock)
    pear = await world.product(weight=True)
    shop = f"/shops/{world.shop_id}"
    picks = await owner.call(
        "GET",
        f"{shop}/platform-products",
        params={"category_id": str(world.category.id), "limit": "100"},
    )
    assert str(pear.id) in {p["id"] for p in picks["items"]}

    offer = await owner.call(
        "POST",
        f"{shop}/offers",
        status=201,
        json={"product_id": str(pear.id), "price": 18_990, "old_price": 21_900, "stock": 2_500},
    )

    assert (offer["price"], offer["old_price"], offer["price_text"], offer["per"]) == (
        18_990,
        21_900,
        "189,90\u00a0₽",
        "kg",
    )
    assert (offer["own"], offer["visible"], offer["product"]["unit"]) == (False, True, "weight")
    assert offer["stock"] == {
        "on_hand": 2_500,
        "reserved": 0,
        "allocated": 0,
        "available": 2_500,
        "low_threshold": None,
        "low": False,
    }
    picks = await owner.call(
        "GET",
        f"{shop}/platform-products",
        params={"category_id": str(world.category.id), "limit": "100"},
    )
    assert str(pear.id) not in {p["id"] for p in picks["items"]}

    edited = await owner.call(
        "PATCH",
        f"/offers/{offer['id']}",
        json={"price": 15_000, "old_price": None, "visible": False},
    )
    assert (edited["price"], edited["old_price"], edited["visible"]) == (15_000, None, False)
    counted = await owner.call(
        "PUT", f"/offers/{offer['id']}/stock", json={"on_hand": 700, "note": "вечерний пересчёт"}
    )
    assert counted["stock"]["on_hand"] == 700
    fetched = await owner.call("GET", f"/offers/{offer['id']}")
    assert (fetched["id"], fetched["price"]) == (offer["id"], 15_000)
    assert fetched["stock"]["on_hand"] == 700
    await Caller(api, world.stranger, clock).call("GET", f"/offers/{offer['id']}", status=403)
    low = await owner.call("PUT", f"/offers/{offer['id']}/low-threshold", json={"threshold": 1_000})
    assert (low["stock"]["low_threshold"], low["stock"]["low"]) == (1_000, True)

    listed = await owner.call("GET", f"{shop}/offers", params={"stock": "low"})
    assert [item["id"] for item in listed["items"]] == [offer["id"]]
    assert listed["total"] == 1
    assert (await owner.call("GET", f"{shop}/offers", params={"stock": "out"}))["items"] == []
    hidden = await owner.call("GET", f"{shop}/offers", params={"visible": "false"})
    assert [item["id"] for item in hidden["items"]] == [offer["id"]]

    history = await owner.call(
        "GET", f"/offers/{offer['id']}/stock-history", params={"lang": "ru", "limit": "1"}
    )
    [last] = history["items"]
    assert (last["delta"], last["on_hand_after"], last["reason"], last["reason_text"]) == (
        -1_800,
        700,
        "recount",
        "Пересчёт",
    )
    assert (last["by"], last["by_name"], last["note"]) == (
        world.owner,
        "Ольга",
        "вечерний пересчёт",
    )
    assert history["next_before"] == last["id"]
    older = await owner.call(
        "GET", f"/offers/{offer['id']}/stock-history", params={"before": last["id"]}
    )
    assert [item["on_hand_after"] for item in older["items"]] == [2_500]
    assert older["next_before"] is None


async def test_the_shops_own_product_is_created_with_its_offer_and_edited(
    api: TestClient, world: CatalogWorld, clock: FrozenClock
) -> None:
    owner = Caller(api, world.owner, clock)
    shop = f"/shops/{world.shop_id}"
    product = {
        "category_id": str(world.child.id),
        "name_ru": "Варенье из груш",
        "name_en": "Pear jam",
        "unit": "piece",
        "photos": ["https://example.com/j.jpg"],
        "tags": ["local"],
    }

    created = await owner.call(
        "POST", f"{shop}/products", status=201, json=product | {"price": 35_000, "stock": 6}
    )

    assert (created["own"], created["price"], created["stock"]["on_hand"]) == (True, 35_000, 6)
    assert created["product"]["photos"] == [
        {"ref": "https://example.com/j.jpg", "url": "https://example.com/j.jpg"}
    ]
    product_id = created["product"]["id"]
    renamed = await owner.call(
        "PUT", f"{shop}/products/{product_id}", json=product | {"name_en": "Pear jam, 300 g"}
    )
    assert (renamed["name_en"], renamed["tags"]) == ("Pear jam, 300 g", ["local"])

    platform = await world.product()
    refused = await owner.call(
        "PUT", f"{shop}/products/{platform.id}", status=403, json=product, params={"lang": "en"}
    )
    assert refused["error"]["code"] == "product_not_own"
    bad = await owner.call(
        "POST", f"{shop}/products", status=422, json=product | {"tags": ["cheap"], "price": 100}
    )
    assert bad["error"]["code"] == "invalid_tag"


async def test_strangers_and_pickers_are_refused_what_they_may_not_do(
    api: TestClient, world: CatalogWorld, clock: FrozenClock
) -> None:
    pear = await world.product()
    shop = f"/shops/{world.shop_id}"
    stranger, picker = Caller(api, world.stranger, clock), Caller(api, world.picker, clock)

    await stranger.call("GET", f"{shop}/offers", status=403)
    await stranger.call("GET", f"{shop}/price-list.csv", status=403)
    await picker.call(
        "POST", f"{shop}/offers", status=403, json={"product_id": str(pear.id), "price": 100}
    )
    listed = await picker.call("GET", f"{shop}/offers")
    assert listed["items"] == []
    await stranger.call("GET", f"{shop}/offers", status=422, params={"stock": "lots"})


async def test_stock_below_what_orders_hold_is_a_localized_409(
    api: TestClient, world: CatalogWorld, clock: FrozenClock, db: Database
) -> None:
    owner = Caller(api, world.owner, clock)
    pear = await world.product()
    offer = await owner.call(
        "POST",
        f"/shops/{world.shop_id}/offers",
        status=201,
        json={"product_id": str(pear.id), "price": 5_000, "stock": 10},
    )
    await reserve(db, f"order-{offer['id']}", [ReserveLine(UUID(offer["id"]), 4)])

    refused = await owner.call(
        "PUT",
        f"/offers/{offer['id']}/stock",
        status=409,
        json={"on_hand": 3},
        params={"lang": "en"},
    )

    assert refused["error"]["code"] == "stock_below_committed"
    assert "4" in refused["error"]["message"]


async def test_the_price_list_round_trip_dry_run_and_all_or_nothing(
    api: TestClient, world: CatalogWorld, clock: FrozenClock
) -> None:
    owner = Caller(api, world.owner, clock)
    shop = f"/shops/{world.shop_id}"
    pear = await world.product(weight=True)
    plum = await world.product()
    await owner.call(
        "POST",
        f"{shop}/offers",
        status=201,
        json={"product_id": str(pear.id), "price": 12_000, "stock": 1_500},
    )

    response = await api.get(f"{API}{shop}/price-list.csv", headers=tma(world.owner, clock.now()))
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    exported = (await response.read()).decode("utf-8")
    assert exported.startswith("\ufeffproduct_id;barcode;name_ru;name_en;unit;price;")
    assert f"{pear.id};{pear.barcode};" in exported
    assert ";kg;120,00;;1,5;1\r\n" in exported

    edited = exported.replace(";kg;120,00;;1,5;1", ";kg;115,50;;2;1") + (
        f";{plum.barcode};;;piece;45;;10;1\r\n"
    )
    report = await _post_csv(api, world, clock, edited, dry_run="1")
    assert (report["dry_run"], report["applied"], report["rows"], report["errors"]) == (
        True,
        False,
        2,
        [],
    )
    by_product = {change["product_id"]: change for change in report["changes"]}
    assert by_product[str(pear.id)]["price"] == [12_000, 11_550]
    assert by_product[str(pear.id)]["stock"] == [1_500, 2_000]
    assert by_product[str(plum.id)] | {"line": 0} == {
        "line": 0,
        "offer_id": None,
        "product_id": str(plum.id),
        "name": plum.name_ru,
        "per": "piece",
        "new_offer": True,
        "price": [None, 4_500],
        "old_price": None,
        "stock": [0, 10],
        "visible": [None, True],
    }

    broken = edited.replace(";piece;45;", ";piece;сорок пять;")
    refused = await _post_csv(api, world, clock, broken, dry_run="0", status=422, lang="en")
    assert refused["error"]["code"] == "price_list_invalid"
    assert refused["error"]["message"].startswith("Rows with errors: 1.")
    [row] = refused["error"]["rows"]
    assert (row["line"], row["column"], row["code"]) == (3, "price", "price_list_bad_amount")
    assert "89,90" in row["message"]
    listed = await owner.call("GET", f"{shop}/offers")
    assert [item["price"] for item in listed["items"]] == [12_000]

    form = aiohttp.FormData()
    form.add_field("file", edited.encode("utf-8"), filename="prices.csv", content_type="text/csv")
    applied = await owner.call("POST", f"{shop}/price-list", params={"dry_run": "0"}, data=form)
    assert (applied["applied"], len(applied["changes"]), applied["errors"]) == (True, 2, [])
    listed = await owner.call("GET", f"{shop}/offers")
    prices = {
        item["product"]["id"]: (item["price"], item["stock"]["on_hand"]) for item in listed["items"]
    }
    assert prices == {str(pear.id): (11_550, 2_000), str(plum.id): (4_500, 10)}


async def _post_csv(
    api: TestClient,
    world: CatalogWorld,
    clock: FrozenClock,
    text: str,
    *,
    dry_run: str,
    status: int = 200,
    lang: str = "ru",
) -> Any:
    headers = tma(world.owner, clock.now()) | {"Content-Type": "text/csv"}
    response = await api.post(
        f"{API}/shops/{world.shop_id}/price-list",
        params={"dry_run": dry_run, "lang": lang},
        data=text.encode("utf-8"),
        headers=headers,
    )
    assert response.status == status, await response.text()
    return await response.json()


async def test_an_unreadable_price_list_is_a_localized_422(
    api: TestClient, world: CatalogWorld, clock: FrozenClock
) -> None:
    answer = await _post_csv(
        api, world, clock, "name_ru;price\nГруши;1\n", dry_run="1", status=422, lang="en"
    )

    assert answer["error"]["code"] == "price_list_no_key_column"
    assert "product_id" in answer["error"]["message"]
