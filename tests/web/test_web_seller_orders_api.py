"""The seller's order endpoints over HTTP with signed initData: the board by status, accepting and
rejecting, assembly with weighed and counted lines recomputing the total, a missing line, a
substitute proposed, a picker of another shop refused, and accept racing reject."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import make_app, tma
from redis.asyncio import Redis
from seller_orders_world import (
    APPLES_PRICE,
    DELIVERY_FEE,
    DILL_PRICE,
    PEARS_PRICE,
    OrdersShop,
    orders_shop,
)

from core.orders.api import ANSWER_WITHIN, get_order
from core.orders.schemas import OrderStatus
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database

API = "/api/v1"


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


@pytest.fixture
async def world(db: Database) -> OrdersShop:
    return await orders_shop(db)


class Caller:
    """Requests as one signed-in person."""

    def __init__(self, api: TestClient, telegram_id: int, clock: FrozenClock) -> None:
        self.api, self.telegram_id, self.clock = api, telegram_id, clock

    async def raw(self, method: str, path: str, **options: Any) -> tuple[int, Any]:
        response = await self.api.request(
            method, API + path, headers=tma(self.telegram_id, self.clock.now()), **options
        )
        return response.status, await response.json()

    async def call(self, method: str, path: str, *, status: int = 200, **options: Any) -> Any:
        got, body = await self.raw(method, path, **options)
        assert got == status, body
        return body


def _line(order: dict[str, Any], offer_id: object) -> dict[str, Any]:
    [line] = [
        line
        for line in order["lines"]
        if line["offer_id"] == str(offer_id) and line["replaces_line_id"] is None
    ]
    return line


async def test_the_board_lists_orders_by_status_newest_first(
    api: TestClient, world: OrdersShop, clock: FrozenClock, db: Database
) -> None:
    owner = Caller(api, world.owner_id, clock)
    first = await world.place(comment="Позвоните за 10 минут")
    second = await world.place(apples_grams=0, dill=12)
    third = await world.place()
    await owner.call("POST", f"/orders/{first.id}/accept")

    board = await owner.call("GET", f"/shops/{world.shop_id}/orders", params={"lang": "en"})

    assert board["shop"] == {
        "id": str(world.shop_id),
        "name": board["shop"]["name"],
        "timezone": "Europe/Moscow",
    }
    assert [o["number"] for o in board["orders"]] == [third.number, second.number, first.number]
    assert board["counts"] == {"placed": 2, "accepted": 1, "assembling": 0, "ready": 0}
    cards = {o["id"]: o for o in board["orders"]}
    accepted = cards[str(first.id)]
    assert accepted["status"] == "accepted"
    assert accepted["status_text"] == Translator().get("en", "order-status-accepted")
    assert accepted["customer_name"] == "Вера"
    assert accepted["comment"] == "Позвоните за 10 минут"
    assert accepted["line_count"] == 2
    assert accepted["estimated"] is True
    assert accepted["total"]["minor"] == first.total.minor
    assert accepted["delivery_kind"] == "asap"
    assert accepted["slot"] is None
    # Pieces only: the total is what it will be.
    assert cards[str(second.id)]["estimated"] is False
    assert cards[str(second.id)]["total"]["minor"] == (DILL_PRICE * 12 + DELIVERY_FEE).minor
    assert "phone" not in accepted

    only = await owner.call("GET", f"/shops/{world.shop_id}/orders", params={"status": "accepted"})
    assert [o["id"] for o in only["orders"]] == [str(first.id)]
    assert only["counts"] == {"accepted": 1}

    wrong = await owner.call(
        "GET", f"/shops/{world.shop_id}/orders", params={"status": "lost"}, status=422
    )
    assert wrong["error"]["code"] == "validation_failed"


async def test_accepting_and_rejecting(
    api: TestClient, world: OrdersShop, clock: FrozenClock, db: Database
) -> None:
    picker = Caller(api, world.picker_id, clock)
    taken, refused = await world.place(), await world.place()

    order = await picker.call("GET", f"/orders/{taken.id}")
    assert order["status"] == "placed"
    assert order["actions"] == ["accept", "reject"]
    assert order["address"]["entrance"] == "2"
    assert [r["code"] for r in order["reject_reasons"]][:2] == ["out_of_stock", "too_busy"]
    assert "payment_timeout" not in {r["code"] for r in order["reject_reasons"]}

    accepted = await picker.call("POST", f"/orders/{taken.id}/accept")
    assert accepted["status"] == "accepted"
    assert accepted["actions"] == ["start_assembly", "reject"]

    bad = await picker.call(
        "POST", f"/orders/{refused.id}/reject", json={"reason": "bored"}, status=422
    )
    assert bad["error"]["code"] == "validation_failed"
    rejected = await picker.call(
        "POST",
        f"/orders/{refused.id}/reject",
        params={"lang": "en"},
        json={"reason": "too_busy", "note": "Много заказов"},
    )
    assert rejected["status"] == "canceled"
    assert rejected["cancel_reason"] == "too_busy"
    assert rejected["cancel_reason_text"] == Translator().get("en", "cancel-reason-too_busy")
    assert rejected["cancel_note"] == "Много заказов"
    assert rejected["actions"] == []
    assert (await get_order(db, await world.owner(), refused.id)).status is OrderStatus.CANCELED

    # Accepting what is gone answers where the order is now, in the page's language.
    late = await picker.call("POST", f"/orders/{refused.id}/accept", status=409)
    assert late["error"]["code"] == "order_state_changed"
    assert late["error"]["message"] == Translator().get(
        "ru", "error-order_state_changed", status="canceled"
    )


async def test_assembly_records_weights_and_missing_lines_and_recomputes_the_total(
    api: TestClient, world: OrdersShop, clock: FrozenClock, db: Database
) -> None:
    picker = Caller(api, world.picker_id, clock)
    placed = await world.place(apples_grams=1_500, dill=2)
    await picker.call("POST", f"/orders/{placed.id}/accept")
    started = await picker.call("POST", f"/orders/{placed.id}/start-assembly")
    assert started["status"] == "assembling"
    apples, dill = _line(started, world.apples.id), _line(started, world.dill.id)
    assert (apples["quantity"], apples["quantity_actual"], apples["per"]) == (1_500, None, "kg")

    weighed = await picker.call(
        "POST", f"/orders/{placed.id}/lines/{apples['id']}/actual", json={"quantity": 1_620}
    )
    apples_now = Money.for_weight(APPLES_PRICE, 1_620)
    assert _line(weighed, world.apples.id)["quantity_actual"] == 1_620
    assert _line(weighed, world.apples.id)["status"] == "picked"
    assert _line(weighed, world.apples.id)["current_total"]["minor"] == apples_now.minor
    expected = apples_now + DILL_PRICE * 2 + DELIVERY_FEE
    assert weighed["current_total"]["minor"] == expected.minor
    assert weighed["estimated"] is False

    not_a_weight = await picker.call(
        "POST", f"/orders/{placed.id}/lines/{apples['id']}/actual", json={"quantity": 0}, status=422
    )
    assert not_a_weight["error"]["code"] == "order_actual_quantity_invalid"

    missing = await picker.call("POST", f"/orders/{placed.id}/lines/{dill['id']}/missing")
    assert _line(missing, world.dill.id)["status"] == "missing"
    assert missing["current_total"]["minor"] == (apples_now + DELIVERY_FEE).minor

    ready = await picker.call("POST", f"/orders/{placed.id}/ready")
    assert ready["status"] == "ready"
    assert ready["final_total"]["minor"] == (apples_now + DELIVERY_FEE).minor
    assert ready["actions"] == ["reject"]
    stored = await get_order(db, await world.owner(), placed.id)
    assert stored.final_total == apples_now + DELIVERY_FEE


async def test_a_substitute_is_proposed_for_a_missing_line(
    api: TestClient, world: OrdersShop, clock: FrozenClock
) -> None:
    owner = Caller(api, world.owner_id, clock)
    placed = await world.place(apples_grams=1_000, dill=3)
    await owner.call("POST", f"/orders/{placed.id}/accept")
    await owner.call("POST", f"/orders/{placed.id}/start-assembly")
    dill = _line(await owner.call("GET", f"/orders/{placed.id}"), world.dill.id)

    wrong = await owner.call(
        "POST",
        f"/orders/{placed.id}/lines/{dill['id']}/substitute",
        json={"offer_id": str(world.dill.id), "quantity": 3},
        status=422,
    )
    assert wrong["error"]["code"] == "order_substitute_invalid"

    proposed = await owner.call(
        "POST",
        f"/orders/{placed.id}/lines/{dill['id']}/substitute",
        json={"offer_id": str(world.pears.id), "quantity": 4},
    )

    [proposal] = proposed["proposals"]
    assert proposal["replaces_line_id"] == dill["id"]
    assert proposal["quantity"] == 4
    assert proposal["name"].startswith("Груши")
    ids = [line["id"] for line in proposed["lines"]]
    # The substitute follows the line it stands in for.
    assert ids[ids.index(dill["id"]) + 1] == proposal["line_id"]
    substitute = proposed["lines"][ids.index(proposal["line_id"])]
    assert substitute["status"] == "proposed"
    assert substitute["total"]["minor"] == (PEARS_PRICE * 4).minor
    assert _line(proposed, world.dill.id)["status"] == "missing"
    assert proposal["answer_by"].startswith((clock.now() + ANSWER_WITHIN).isoformat()[:19])

    # Not ready while the customer has not answered.
    pending = await owner.call("POST", f"/orders/{placed.id}/ready", status=409)
    assert pending["error"]["code"] == "order_proposal_pending"


async def test_a_picker_of_another_shop_is_refused(
    api: TestClient, world: OrdersShop, clock: FrozenClock, db: Database
) -> None:
    stranger = Caller(api, world.other_picker_id, clock)
    placed = await world.place()

    for method, path in (
        ("GET", f"/shops/{world.shop_id}/orders"),
        ("GET", f"/orders/{placed.id}"),
        ("POST", f"/orders/{placed.id}/accept"),
        ("POST", f"/orders/{placed.id}/start-assembly"),
    ):
        body = await stranger.call(method, path, status=403)
        assert body["error"]["code"] in {"permission_denied", "forbidden"}, (path, body)
    await stranger.call("POST", f"/orders/{placed.id}/reject", json={"reason": "other"}, status=403)
    assert (await get_order(db, await world.owner(), placed.id)).status is OrderStatus.PLACED


async def test_two_staff_accepting_at_once_let_one_win(
    api: TestClient, world: OrdersShop, clock: FrozenClock, db: Database
) -> None:
    owner, picker = Caller(api, world.owner_id, clock), Caller(api, world.picker_id, clock)
    placed = await world.place()

    (first, first_body), (second, second_body) = await asyncio.gather(
        owner.raw("POST", f"/orders/{placed.id}/accept"),
        picker.raw("POST", f"/orders/{placed.id}/accept"),
    )

    assert sorted([first, second]) == [200, 409]
    loser = first_body if first == 409 else second_body
    assert loser["error"]["code"] == "order_state_changed"
    assert (await get_order(db, await world.owner(), placed.id)).status is OrderStatus.ACCEPTED


async def test_accept_racing_reject_ends_consistent(
    api: TestClient, world: OrdersShop, clock: FrozenClock, db: Database
) -> None:
    # Each side's conditional update names the state it saw: the one that saw a stale state is
    # refused (409) and must look again. A reject that comes after a finished accept succeeds:
    # a shop may still turn an accepted order down. Never both refused.
    owner, picker = Caller(api, world.owner_id, clock), Caller(api, world.picker_id, clock)
    placed = await world.place()

    (accept_status, accepted), (reject_status, rejected) = await asyncio.gather(
        owner.raw("POST", f"/orders/{placed.id}/accept"),
        picker.raw("POST", f"/orders/{placed.id}/reject", json={"reason": "too_busy"}),
    )

    assert 200 in (accept_status, reject_status)
    for status, body in ((accept_status, accepted), (reject_status, rejected)):
        assert status in (200, 409)
        if status == 409:
            assert body["error"]["code"] == "order_state_changed"
    final = (await get_order(db, await world.owner(), placed.id)).status
    assert final is (OrderStatus.CANCELED if reject_status == 200 else OrderStatus.ACCEPTED)


async def test_every_route_is_in_the_openapi_document(api: TestClient) -> None:
    document = await (await api.get(f"{API}/openapi.json")).json()
    paths = document["paths"]
    expected = {
        ("get", "/api/v1/shops/{shop_id}/orders"),
        ("get", "/api/v1/orders/{order_id}"),
        ("post", "/api/v1/orders/{order_id}/accept"),
        ("post", "/api/v1/orders/{order_id}/reject"),
        ("post", "/api/v1/orders/{order_id}/start-assembly"),
        ("post", "/api/v1/orders/{order_id}/lines/{line_id}/actual"),
        ("post", "/api/v1/orders/{order_id}/lines/{line_id}/missing"),
        ("post", "/api/v1/orders/{order_id}/lines/{line_id}/substitute"),
        ("post", "/api/v1/orders/{order_id}/ready"),
    }
    for method, path in expected:
        operation = paths[path][method]
        assert operation["tags"] == ["orders"]
        assert operation["security"], path
        assert "409" in operation["responses"] or method == "get", path
    reject = paths["/api/v1/orders/{order_id}/reject"]["post"]
    assert reject["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/RejectIn"
    )
