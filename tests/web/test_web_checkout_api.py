"""Checkout and my orders over the API: what checkout offers with honest totals, placing an
order (a repeated key gives the same one), refusals in the person's language (an address out
of the zone, a cart that changed), only my own orders, canceling while allowed, reordering,
paging, and the OpenAPI document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiohttp.test_utils import TestClient, TestServer
from checkout_world import Basket, Shopper, another_address, basket, fill, shopper
from miniapp_signing import make_app, tma
from redis.asyncio import Redis
from storefront_world import SellerShop, far_point, new_category, open_shop

from core.catalog.schemas import CategoryOut
from core.inventory.api import get_stock
from core.orders.api import accept_order, get_cart, my_orders, start_assembly
from core.orders.schemas import OrderStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.money import Money
from core.shared.uow import Database
from core.storefront.api import set_price

ESTIMATED_TOTAL = "≈ 419,00\xa0₽, итог после взвешивания"  # 320 ₽ of goods + 99 ₽ delivery


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


@pytest.fixture
async def shop(db: Database) -> SellerShop:
    return await open_shop(db)


@pytest.fixture
async def goods(db: Database, shop: SellerShop) -> Basket:
    category: CategoryOut = await new_category(db, emoji="🍏")
    return await basket(db, shop, category)


class As:
    """Calls to the API as one customer through the customer bot's Mini App."""

    def __init__(self, api: TestClient, who: Shopper, clock: FrozenClock) -> None:
        self.api, self.who, self.clock = api, who, clock

    async def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        headers = tma(self.who.telegram_id, self.clock.now(), bot=BotRole.CUSTOMER)
        response = await self.api.request(method, f"/api/v1{path}", headers=headers, **kwargs)
        body = await response.json()
        assert response.status == status, body
        return body


def _form(shop: SellerShop, who: Shopper, **changes: Any) -> dict[str, Any]:
    return {
        "shop_id": str(shop.id),
        "address_id": str(who.address_id),
        "idempotency_key": str(uuid4()),
        **changes,
    }


async def test_checkout_offers_my_address_times_and_the_honest_total(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    client = As(api, me, clock)

    offered = await client.call("GET", f"/me/checkout/{shop.id}")

    [home] = offered["addresses"]
    assert (home["id"], home["title"], home["details"]) == (
        str(me.address_id),
        "ул. Алеутская, 12",
        "подъезд 1, этаж 4, кв. 17",
    )
    assert (home["deliverable"], offered["address_id"]) == (True, str(me.address_id))
    # 15 minutes to assemble and about 2 by bike for 300 m.
    assert home["eta_minutes"] == offered["eta_minutes"] == 17
    assert offered["asap_available"] is True
    # The clock stands at 12:00 in Moscow: slots from 13:00 today, the first of tomorrow at 9.
    assert offered["slots"][0]["label"] == "Сегодня, 13:00–14:00"
    assert "Завтра, 09:00–10:00" in [slot["label"] for slot in offered["slots"]]
    assert [(m["value"], m["title"]) for m in offered["payment_methods"]] == [
        ("cash", "Наличными курьеру"),
        ("card_to_courier", "Картой курьеру"),
    ]
    assert [s["value"] for s in offered["substitutions"]] == ["call", "replace", "remove"]
    assert offered["default_substitution"] == "call"
    assert (offered["subtotal"]["minor"], offered["delivery_fee"]["minor"]) == (32_000, 9_900)
    assert (offered["total"]["minor"], offered["estimated"]) == (41_900, True)
    assert offered["total_text"] == ESTIMATED_TOTAL
    assert (offered["ready"], offered["blockers"]) == (True, [])
    assert len(offered["cart"]["lines"]) == 2


async def test_placing_an_order_and_repeating_the_key_gives_one_order(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    client = As(api, me, clock)
    form = _form(
        shop,
        me,
        comment="Позвоните за 10 минут",
        default_substitution="replace",
        substitutions={str(goods.bread.id): "remove"},
    )

    placed = await client.call("POST", "/me/orders", 201, json=form)
    again = await client.call("POST", "/me/orders", 200, json=form)

    assert again["id"] == placed["id"]
    assert (placed["status"], placed["status_title"]) == ("placed", "Ждёт подтверждения")
    assert (placed["payment_method"], placed["payment_title"]) == ("cash", "Наличными курьеру")
    assert (placed["subtotal"]["minor"], placed["total"]["minor"]) == (32_000, 41_900)
    assert (placed["estimated"], placed["total_text"]) == (True, ESTIMATED_TOTAL)
    assert (placed["final_total"], placed["can_cancel"]) == (None, True)
    assert placed["comment"] == "Позвоните за 10 минут"
    assert placed["shop"] == {
        "id": str(shop.id),
        "name": shop.shop.name,
        "timezone": "Europe/Moscow",
    }
    assert [(line["name"], line["quantity"], line["substitution"]) for line in placed["lines"]] == [
        ("Яблоки Симиренко", 1_000, "replace"),
        ("Хлеб", 2, "remove"),
    ]
    assert [(h["from_status"], h["to_status"]) for h in placed["history"]] == [(None, "placed")]
    assert placed["address"]["text"] == "ул. Алеутская, 12"
    assert len(await my_orders(db, me.actor, me.telegram_id)) == 1
    assert (await get_cart(db, me.actor, me.telegram_id, shop.id)).lines == ()
    bread_stock = await get_stock(db, shop.owner, goods.bread.id)
    assert bread_stock.reserved == 2


async def test_a_slot_and_card_payment(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    client = As(api, me, clock)
    offered = await client.call("GET", f"/me/checkout/{shop.id}?lang=en")
    slot = offered["slots"][1]

    placed = await client.call(
        "POST",
        "/me/orders?lang=en",
        201,
        json=_form(
            shop,
            me,
            payment_method="card_to_courier",
            slot={"start": slot["start"], "end": slot["end"]},
        ),
    )

    assert (placed["delivery_kind"], placed["slot"]["label"]) == ("slot", "Today, 14:00–15:00")
    assert placed["payment_title"] == "Card to the courier"
    assert placed["total_text"] == "about 419,00\xa0₽, final price after weighing"
    await fill(db, me, goods)
    # 23:00 in Moscow: the shop is closed then.
    late = {"start": "2026-01-01T20:00:00+00:00", "end": "2026-01-01T21:00:00+00:00"}
    refused = await client.call("POST", "/me/orders", 409, json=_form(shop, me, slot=late))
    assert refused["error"]["code"] == "checkout_slot_unavailable"


async def test_an_address_outside_the_zone_is_refused_in_my_language(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    away = await another_address(db, me, far_point(), "Дача")
    await fill(db, me, goods)
    client = As(api, me, clock)

    offered = await client.call("GET", f"/me/checkout/{shop.id}?address_id={away}")
    ru = await client.call("POST", "/me/orders", 409, json=_form(shop, me, address_id=str(away)))
    en = await client.call(
        "POST", "/me/orders?lang=en", 409, json=_form(shop, me, address_id=str(away))
    )

    assert offered["address_id"] == str(away)
    assert {a["title"]: a["deliverable"] for a in offered["addresses"]} == {
        "ул. Алеутская, 12": True,
        "Дача": False,
    }
    assert offered["ready"] is False
    assert [b["code"] for b in offered["blockers"]] == ["out_of_zone"]
    assert ru["error"] == {
        "code": "checkout_out_of_zone",
        "message": "Магазин не доставляет по этому адресу.",
        "params": {"address_id": str(away)},
    }
    assert en["error"]["message"] == "The shop does not deliver to this address."
    assert await my_orders(db, me.actor, me.telegram_id) == []


async def test_a_cart_that_changed_is_refused_until_seen(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    client = As(api, me, clock)
    await set_price(db, shop.owner, goods.bread.id, Money.rub(65))

    offered = await client.call("GET", f"/me/checkout/{shop.id}")
    refused = await client.call("POST", "/me/orders", 409, json=_form(shop, me))

    assert [b["code"] for b in offered["blockers"]] == ["cart_changed"]
    assert refused["error"]["code"] == "checkout_cart_changed"
    assert refused["error"]["message"].startswith("В корзине кое-что изменилось")
    assert refused["error"]["params"]["offer_ids"] == str([str(goods.bread.id)])
    await client.call("POST", f"/me/carts/{shop.id}/accept-changes")
    placed = await client.call("POST", "/me/orders", 201, json=_form(shop, me))
    assert placed["subtotal"]["minor"] == 33_000


async def test_an_empty_or_small_cart_says_what_stops_it(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    client = As(api, me, clock)

    empty = await client.call("GET", f"/me/checkout/{shop.id}")
    await client.call("PUT", f"/me/carts/{shop.id}/lines/{goods.bread.id}", json={"quantity": 1})
    small = await client.call("GET", f"/me/checkout/{shop.id}")
    refused = await client.call("POST", "/me/orders", 409, json=_form(shop, me))

    assert [b["code"] for b in empty["blockers"]] == ["cart_empty"]
    [below] = small["blockers"]
    assert below == {
        "code": "below_minimum",
        "message": "До минимального заказа не хватает 240,00\xa0₽.",
    }
    assert refused["error"]["code"] == "checkout_below_minimum"


async def test_the_form_is_checked(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    client = As(api, me, clock)

    online = await client.call(
        "POST", "/me/orders", 422, json=_form(shop, me, payment_method="online")
    )
    long = await client.call("POST", "/me/orders", 422, json=_form(shop, me, comment="я" * 501))
    naive = {"start": "2026-01-01T11:00:00", "end": "2026-01-01T12:00:00"}
    unzoned = await client.call("POST", "/me/orders", 422, json=_form(shop, me, slot=naive))

    assert online["error"]["code"] == unzoned["error"]["code"] == "validation_failed"
    assert long["error"] == {
        "code": "checkout_invalid",
        "message": "Комментарий — не длиннее 500 символов.",
        "params": {"field": "comment", "maximum": 500},
    }
    assert await my_orders(db, me.actor, me.telegram_id) == []


async def test_i_see_only_my_own_orders(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    mine = await As(api, me, clock).call("POST", "/me/orders", 201, json=_form(shop, me))
    stranger = As(api, await shopper(db, shop, name="Пётр"), clock)

    for method, path in (
        ("GET", f"/me/orders/{mine['id']}"),
        ("POST", f"/me/orders/{mine['id']}/cancel"),
        ("POST", f"/me/orders/{mine['id']}/reorder"),
    ):
        refused = await stranger.call(method, path, 404)
        assert refused["error"]["code"] == "order_not_found"
    assert await stranger.call("GET", "/me/orders") == {"items": [], "next_offset": None}
    unknown = await stranger.call("GET", f"/me/orders/{uuid4()}", 404)
    assert unknown["error"]["message"] == "Заказ не найден."
    order = await As(api, me, clock).call("GET", f"/me/orders/{mine['id']}")
    assert order["status"] == "placed"


async def test_i_cancel_before_assembly_but_not_after(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    client = As(api, me, clock)
    await fill(db, me, goods)
    first = await client.call("POST", "/me/orders", 201, json=_form(shop, me))
    await fill(db, me, goods)
    second = await client.call("POST", "/me/orders", 201, json=_form(shop, me))

    canceled = await client.call("POST", f"/me/orders/{first['id']}/cancel")
    await accept_order(db, shop.owner, UUID(second["id"]))
    await start_assembly(db, shop.owner, UUID(second["id"]))
    refused = await client.call("POST", f"/me/orders/{second['id']}/cancel", 409)

    assert (canceled["status"], canceled["can_cancel"]) == ("canceled", False)
    assert (canceled["canceled_by"], canceled["cancel_reason"]) == ("customer", "customer_request")
    assert canceled["cancel_reason_title"] == "По просьбе покупателя"
    assert [h["to_status"] for h in canceled["history"]] == ["placed", "canceled"]
    assert refused["error"]["code"] == "order_transition_not_allowed"
    assert refused["error"]["message"] == "Сейчас это сделать нельзя: заказ уже собирается."
    again = await client.call("POST", f"/me/orders/{first['id']}/cancel", 409)
    assert again["error"]["code"] == "order_transition_not_allowed"
    still = await client.call("GET", f"/me/orders/{second['id']}")
    assert (still["status"], still["can_cancel"]) == (OrderStatus.ASSEMBLING.value, False)
    # The first order's loaves went back on sale; the second's are the shop's to pick.
    bread = await get_stock(db, shop.owner, goods.bread.id)
    assert (bread.reserved, bread.allocated, bread.available) == (0, 2, 8)


async def test_reorder_puts_the_order_back_into_the_cart(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    client = As(api, me, clock)
    await fill(db, me, goods)
    placed = await client.call("POST", "/me/orders", 201, json=_form(shop, me))

    again = await client.call("POST", f"/me/orders/{placed['id']}/reorder")

    quantities = {line["offer_id"]: line["quantity"] for line in again["cart"]["lines"]}
    assert quantities == {str(goods.apples.id): 1_000, str(goods.bread.id): 2}
    assert (again["skipped"], again["reduced"]) == ([], [])
    assert again["cart"]["subtotal"]["minor"] == 32_000
    cart = await get_cart(db, me.actor, me.telegram_id, shop.id)
    assert len(cart.lines) == 2


async def test_my_orders_come_newest_first_a_page_at_a_time(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    client = As(api, me, clock)
    numbers = []
    for _ in range(3):
        await fill(db, me, goods)
        placed = await client.call("POST", "/me/orders", 201, json=_form(shop, me))
        numbers.append(placed["number"])

    first = await client.call("GET", "/me/orders?limit=2")
    rest = await client.call("GET", f"/me/orders?limit=2&offset={first['next_offset']}")

    assert [o["number"] for o in first["items"]] == numbers[:0:-1]
    assert first["next_offset"] == 2
    assert ([o["number"] for o in rest["items"]], rest["next_offset"]) == ([numbers[0]], None)
    item = rest["items"][0]
    assert (item["line_count"], item["total_text"], item["can_cancel"]) == (
        2,
        ESTIMATED_TOTAL,
        True,
    )
    assert item["shop"]["name"] == shop.shop.name
    wrong = await client.call("GET", "/me/orders?limit=two", 422)
    assert wrong["error"]["code"] == "validation_failed"


async def test_the_routes_are_documented(api: TestClient) -> None:
    response = await api.get("/api/v1/openapi.json")
    paths = (await response.json())["paths"]

    operations = {
        ("get", "/api/v1/me/checkout/{shop_id}"): "200",
        ("post", "/api/v1/me/orders"): "201",
        ("get", "/api/v1/me/orders"): "200",
        ("get", "/api/v1/me/orders/{order_id}"): "200",
        ("post", "/api/v1/me/orders/{order_id}/cancel"): "200",
        ("post", "/api/v1/me/orders/{order_id}/reorder"): "200",
    }
    for (method, path), success in operations.items():
        operation = paths[path][method]
        assert operation["tags"] == ["orders"]
        assert success in operation["responses"]
        assert "401" in operation["responses"]
        assert operation["security"]


async def test_another_shop_on_the_way_is_not_mixed_in(
    api: TestClient, db: Database, clock: FrozenClock, shop: SellerShop, goods: Basket
) -> None:
    me = await shopper(db, shop)
    await fill(db, me, goods)
    other = await open_shop(db, shop.point)
    client = As(api, me, clock)

    offered = await client.call("GET", f"/me/checkout/{other.id}")
    refused = await client.call("POST", "/me/orders", 409, json=_form(other, me))

    assert [b["code"] for b in offered["blockers"]] == ["cart_empty"]
    assert refused["error"]["code"] == "checkout_cart_empty"
    assert len((await get_cart(db, me.actor, me.telegram_id, shop.id)).lines) == 2
