"""The storefront and cart API for a signed-in customer: listings at my default address or a
point, my addresses only, the cart round trip (put, step, a price change seen and accepted,
emptied), offers of another shop refused, and errors in the person's language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import make_app, tma
from redis.asyncio import Redis
from storefront_world import Customer, SellerShop, customer, far_point, new_category, offer
from storefront_world import open_shop as open_shop_at

from core.catalog.schemas import CategoryOut
from core.orders.api import get_cart
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import set_price


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


@pytest.fixture
async def shop(db: Database) -> SellerShop:
    return await open_shop_at(db)


@pytest.fixture
async def category(db: Database) -> CategoryOut:
    return await new_category(db, emoji="🍎")


class As:
    """Calls to the API as one customer through the customer bot's Mini App."""

    def __init__(self, api: TestClient, who: Customer, clock: FrozenClock) -> None:
        self.api, self.who, self.clock = api, who, clock

    async def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        headers = tma(self.who.telegram_id, self.clock.now(), bot=BotRole.CUSTOMER)
        response = await self.api.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        body = await response.json() if response.status != 204 else None
        assert response.status == status, body
        return body


def _line(cart: dict[str, Any], offer_id: UUID) -> dict[str, Any]:
    [line] = [line for line in cart["lines"] if line["offer_id"] == str(offer_id)]
    return dict(line)


async def test_my_default_address_lists_the_shop_and_its_offers(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offer(
        db,
        shop,
        category,
        weight=True,
        price=Money(18_990, "RUB"),
        old_price=Money.rub(220),
        stock=5_000,
        name_ru="Яблоки Гала",
        name_en="Gala apples",
    )
    greens = await offer(db, shop, category, stock=0, name_ru="Укроп", name_en="Dill")
    me = await customer(db, shop.point)
    client = As(api, me, clock)

    listed = await client.call("GET", "/storefront/shops")
    assert listed["delivery_to"]["address_id"] == str(me.address.id if me.address else None)
    [seen] = listed["shops"]
    assert (seen["id"], seen["name"], seen["open_now"]) == (str(shop.id), shop.shop.name, True)
    assert seen["min_order"] == {"minor": 30_000, "currency": "RUB", "text": "300,00\xa0₽"}

    page = await client.call("GET", f"/storefront/offers?shop_id={shop.id}&lang=en")
    by_id = {item["offer_id"]: item for item in page["items"]}
    assert page["next_offset"] is None
    apple, dill = by_id[str(apples.id)], by_id[str(greens.id)]
    assert (apple["name"], apple["per"], apple["step"], apple["available"]) == (
        "Gala apples",
        "kg",
        100,
        5_000,
    )
    assert (apple["price"]["text"], apple["old_price"]["minor"]) == ("189,90\xa0₽", 22_000)
    assert (apple["emoji"], apple["photo_url"], apple["in_cart"]) == ("🍎", None, 0)
    assert (dill["name"], dill["per"], dill["step"], dill["available"]) == ("Dill", "piece", 1, 0)

    first = await client.call("GET", f"/storefront/offers?shop_id={shop.id}&limit=1")
    assert (len(first["items"]), first["next_offset"]) == (1, 1)

    found = await client.call("GET", "/storefront/search?q=яблоки")
    assert [item["offer_id"] for item in found["items"]] == [str(apples.id)]

    card = await client.call("GET", f"/storefront/products/{apples.product_id}?lang=en")
    assert (card["name"], card["description"], card["per"]) == (
        "Gala apples",
        "For testing the catalog.",
        "kg",
    )
    assert [o["offer_id"] for o in card["offers"]] == [str(apples.id)]


async def test_a_point_outside_every_zone_lists_nothing(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    await offer(db, shop, category)
    client = As(api, await customer(db, shop.point), clock)
    nowhere = far_point()

    listed = await client.call("GET", f"/storefront/shops?lat={nowhere.lat}&lon={nowhere.lon}")
    page = await client.call("GET", f"/storefront/offers?lat={nowhere.lat}&lon={nowhere.lon}")

    assert listed["shops"] == []
    assert listed["delivery_to"] == {
        "address_id": None,
        "text": None,
        "label": None,
        "lat": nowhere.lat,
        "lon": nowhere.lon,
    }
    assert page == {"items": [], "next_offset": None}
    wrong = await client.call("GET", "/storefront/shops?lat=95&lon=10", 422)
    assert wrong["error"]["code"] == "invalid_coordinates"


async def test_only_my_own_addresses_name_the_point(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop
) -> None:
    someone = await customer(db, shop.point)
    assert someone.address is not None
    me = As(api, await customer(db, far_point()), clock)

    refused = await me.call("GET", f"/storefront/shops?address_id={someone.address.id}", 403)

    assert refused["error"]["code"] == "permission_denied"
    text_only = await customer(db, text="Владивосток, Светланская, 10")
    unplaced = await As(api, text_only, clock).call("GET", "/storefront/shops", 409)
    assert unplaced["error"]["code"] == "storefront_address_not_placed"


async def test_without_an_address_i_am_asked_for_one_in_my_language(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    client = As(api, await customer(db), clock)

    ru = await client.call("GET", "/storefront/offers", 409)
    en = await client.call("GET", "/storefront/shops?lang=en", 409)

    assert ru["error"]["code"] == en["error"]["code"] == "storefront_address_needed"
    assert ru["error"]["message"].startswith("Сначала укажите адрес доставки")
    assert en["error"]["message"].startswith("Tell us where to deliver first")


async def test_the_cart_round_trip(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offer(db, shop, category, weight=True, price=Money.rub(200), stock=2_000)
    bread = await offer(db, shop, category, price=Money.rub(60), stock=5)
    me = await customer(db, shop.point)
    client = As(api, me, clock)
    lines = f"/me/carts/{shop.id}/lines"

    put = await client.call("PUT", f"{lines}/{bread.id}", json={"quantity": 2})
    assert [(line["offer_id"], line["quantity"]) for line in put["lines"]] == [(str(bread.id), 2)]
    assert (put["subtotal"]["minor"], put["estimated"], put["min_order_reached"]) == (
        12_000,
        False,
        False,
    )
    assert put["min_order_missing"]["minor"] == 18_000

    await client.call("POST", f"{lines}/{apples.id}/step", json={"steps": 3})
    stepped = await client.call("POST", f"{lines}/{apples.id}/step?lang=en", json={"steps": 2})
    apple_line = _line(stepped, apples.id)
    assert (apple_line["quantity"], apple_line["total"]["minor"]) == (500, 10_000)
    assert (stepped["subtotal"]["minor"], stepped["estimated"]) == (22_000, True)
    assert stepped["subtotal_text"] == "about 220,00\xa0₽, final price after weighing"
    grid = await client.call("GET", f"/storefront/offers?shop_id={shop.id}")
    assert {i["offer_id"]: i["in_cart"] for i in grid["items"]} == {
        str(apples.id): 500,
        str(bread.id): 2,
    }

    await set_price(db, shop.owner, bread.id, Money.rub(75))
    changed = await client.call("GET", f"/me/carts/{shop.id}")
    bread_line = _line(changed, bread.id)
    assert bread_line["issues"] == ["price_changed"]
    assert (bread_line["seen_price"]["minor"], bread_line["price"]["minor"]) == (6_000, 7_500)
    assert changed["needs_attention"] is True

    accepted = await client.call("POST", f"/me/carts/{shop.id}/accept-changes")
    assert accepted["needs_attention"] is False
    assert _line(accepted, bread.id)["seen_price"]["minor"] == 7_500
    [summary] = (await client.call("GET", "/me/carts"))["carts"]
    assert (summary["shop_id"], summary["line_count"], summary["subtotal"]["minor"]) == (
        str(shop.id),
        2,
        25_000,
    )

    removed = await client.call("PUT", f"{lines}/{apples.id}", json={"quantity": 0})
    assert [line["offer_id"] for line in removed["lines"]] == [str(bread.id)]
    await client.call("DELETE", f"/me/carts/{shop.id}", 204)
    assert (await client.call("GET", f"/me/carts/{shop.id}"))["lines"] == []
    assert (await get_cart(db, me.actor, me.telegram_id, shop.id)).lines == ()


async def test_a_cart_away_from_the_zone_says_so(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    bread = await offer(db, shop, category)
    client = As(api, await customer(db, shop.point), clock)
    await client.call("PUT", f"/me/carts/{shop.id}/lines/{bread.id}", json={"quantity": 1})
    away = far_point()

    there = await client.call("GET", f"/me/carts/{shop.id}")
    elsewhere = await client.call("GET", f"/me/carts/{shop.id}?lat={away.lat}&lon={away.lon}")

    assert (there["issues"], elsewhere["issues"]) == ([], ["out_of_zone"])


async def test_an_offer_of_another_shop_is_refused(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    other = await open_shop_at(db, shop.point)
    theirs = await offer(db, other, category)
    me = await customer(db, shop.point)
    client = As(api, me, clock)

    put = await client.call(
        "PUT", f"/me/carts/{shop.id}/lines/{theirs.id}", 404, json={"quantity": 1}
    )
    step = await client.call(
        "POST", f"/me/carts/{shop.id}/lines/{theirs.id}/step", 404, json={"steps": 1}
    )

    assert put["error"]["code"] == step["error"]["code"] == "offer_not_found"
    assert (await get_cart(db, me.actor, me.telegram_id, other.id)).lines == ()


async def test_cart_errors_answer_in_english(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, category: CategoryOut
) -> None:
    apples = await offer(db, shop, category, weight=True, stock=1_000)
    client = As(api, await customer(db, shop.point), clock)
    line = f"/me/carts/{shop.id}/lines/{apples.id}?lang=en"

    odd = await client.call("PUT", line, 422, json={"quantity": 150})
    too_much = await client.call("PUT", line, 409, json={"quantity": 1_500})
    not_a_number = await client.call("PUT", line, 422, json={"quantity": "2"})

    assert odd["error"]["code"] == "cart_quantity_invalid"
    assert "multiple of 100" in odd["error"]["message"]
    assert odd["error"]["params"]["step"] == 100
    assert too_much["error"] == {
        "code": "cart_not_enough_stock",
        "message": "Only 1,000 g left.",
        "params": {"available": 1_000, "unit": "weight"},
    }
    assert not_a_number["error"]["code"] == "validation_failed"


async def test_the_endpoints_are_documented(api: TestClient) -> None:
    doc = await (await api.get("/api/v1/openapi.json")).json()

    paths = doc["paths"]
    for path, method in [
        ("/api/v1/storefront/shops", "get"),
        ("/api/v1/storefront/offers", "get"),
        ("/api/v1/storefront/search", "get"),
        ("/api/v1/storefront/products/{product_id}", "get"),
        ("/api/v1/me/carts", "get"),
        ("/api/v1/me/carts/{shop_id}", "get"),
        ("/api/v1/me/carts/{shop_id}", "delete"),
        ("/api/v1/me/carts/{shop_id}/lines/{offer_id}", "put"),
        ("/api/v1/me/carts/{shop_id}/lines/{offer_id}/step", "post"),
        ("/api/v1/me/carts/{shop_id}/accept-changes", "post"),
    ]:
        operation = paths[path][method]
        assert operation["tags"] == ["storefront"]
        assert {"tma": []} in operation["security"]
    assert "OfferItemView" in doc["components"]["schemas"]
