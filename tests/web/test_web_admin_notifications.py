"""Support's lookup of a person's notifications over HTTP: who may, what it shows, bad input."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from business_web_forms import admin, person
from miniapp_signing import make_app, new_telegram_id, tma
from redis.asyncio import Redis

from core.auth.api import grant_role
from core.auth.policy import Role
from core.communications.api import mark_unreachable, notify
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.uow import Database

TEMPLATE = "notification-staff-removed"
BLOCKED = "Forbidden: bot was blocked by the user"


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


async def _agent(db: Database) -> int:
    boss, agent = new_telegram_id(), new_telegram_id()
    await person(db, agent, "Агент")
    await grant_role(db, await admin(db, boss), agent, Role.SUPPORT)
    return agent


def _path(telegram_id: int | str) -> str:
    return f"/api/v1/admin/people/{telegram_id}/notifications"


async def test_support_sees_what_was_sent_what_failed_and_why(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    agent, customer = await _agent(db), new_telegram_id()
    await person(db, customer)
    queued = await notify(db, customer, BotRole.CUSTOMER, TEMPLATE, {"shop": "Ягодка"},
                          f"web-lookup:{customer}:1", thread=f"order:{customer}")
    clock.advance(timedelta(minutes=5))
    blocked_at = clock.now()
    await mark_unreachable(db, customer, BotRole.SELLER, BLOCKED)
    failed = await notify(db, customer, BotRole.SELLER, TEMPLATE, {"shop": "Ягодка"},
                          f"web-lookup:{customer}:2")

    response = await api.get(_path(customer), headers=tma(agent, clock.now()))

    assert response.status == 200, await response.text()
    body = await response.json()
    assert body["telegram_id"] == customer
    newest, oldest = body["notifications"]
    assert newest == {
        "id": str(failed),
        "bot": "seller",
        "template": TEMPLATE,
        "status": "failed",
        "attempts": 0,
        "last_error": f"unreachable: {BLOCKED}",
        "created_at": blocked_at.isoformat().replace("+00:00", "Z"),
        "next_attempt_at": blocked_at.isoformat().replace("+00:00", "Z"),
        "sent_at": None,
        "telegram_message_id": None,
        "thread": None,
    }
    assert (oldest["id"], oldest["status"], oldest["bot"]) == (str(queued), "queued", "customer")
    assert oldest["thread"] == f"order:{customer}"
    assert body["reachability"] == [
        {"bot": "customer", "reachable": True, "reason": None, "since": None},
        {"bot": "courier", "reachable": True, "reason": None, "since": None},
        {"bot": "seller", "reachable": False, "reason": BLOCKED,
         "since": blocked_at.isoformat().replace("+00:00", "Z")},
        {"bot": "support", "reachable": True, "reason": None, "since": None},
    ]

    in_customer = await (
        await api.get(_path(customer), params={"bot": "customer"}, headers=tma(agent, clock.now()))
    ).json()
    assert [n["id"] for n in in_customer["notifications"]] == [str(queued)]
    just_one = await (
        await api.get(_path(customer), params={"limit": "1"}, headers=tma(agent, clock.now()))
    ).json()
    assert [n["id"] for n in just_one["notifications"]] == [str(failed)]


async def test_an_admin_may_look_and_a_stranger_has_an_empty_history(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    boss = new_telegram_id()
    await admin(db, boss)
    response = await api.get(_path(new_telegram_id()), headers=tma(boss, clock.now()))
    assert response.status == 200
    body = await response.json()
    assert body["notifications"] == []
    assert [r["reachable"] for r in body["reachability"]] == [True] * 4


async def test_customers_and_couriers_are_refused_and_strangers_must_sign_in(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    customer, courier = new_telegram_id(), new_telegram_id()
    await person(db, customer)
    await person(db, courier)
    await grant_role(db, await admin(db, new_telegram_id()), courier, Role.COURIER)
    for who in (customer, courier):
        # Not even about themselves: the sender's errors are for the staff.
        refused = await api.get(_path(who), headers=tma(who, clock.now()))
        assert refused.status == 403
        assert (await refused.json())["error"]["code"] == "permission_denied"
    anonymous = await api.get(_path(customer))
    assert anonymous.status == 401
    assert (await anonymous.json())["error"]["code"] == "credentials_missing"


@pytest.mark.parametrize(
    ("telegram_id", "params", "field"),
    [
        ("abc", {}, "telegram_id"),
        ("0", {}, "telegram_id"),
        ("99999999999999999999", {}, "telegram_id"),
        ("1234", {"bot": "shop"}, "bot"),
        ("1234", {"limit": "many"}, "limit"),
        ("1234", {"limit": "-1"}, "limit"),
    ],
)
async def test_bad_input_is_a_422_naming_the_parameter(
    api: TestClient, db: Database, clock: FrozenClock, telegram_id: str,
    params: dict[str, str], field: str,
) -> None:
    agent = await _agent(db)
    response = await api.get(_path(telegram_id), params=params, headers=tma(agent, clock.now()))
    assert response.status == 422
    error = (await response.json())["error"]
    assert error["code"] == "validation_failed"
    assert field in error["message"]


async def test_the_endpoint_is_in_the_openapi_document(api: TestClient) -> None:
    doc = await (await api.get("/api/v1/openapi.json")).json()
    operation = doc["paths"]["/api/v1/admin/people/{telegram_id}/notifications"]["get"]
    assert operation["operationId"] == "get_person_notifications"
    assert operation["tags"] == ["admin"]
    assert operation["security"] == [{"tma": []}, {"session": []}]
    assert [p["name"] for p in operation["parameters"]] == ["telegram_id"]
    assert {"200", "401", "403", "422"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/PersonNotificationsView"}
    fields = set(doc["components"]["schemas"]["NotificationView"]["properties"])
    assert {"template", "status", "attempts", "last_error", "created_at", "sent_at", "bot",
            "telegram_message_id", "thread"} <= fields
