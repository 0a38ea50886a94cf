"""Admin broadcasts over HTTP: create, list with progress, cancel; only admins; the page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from business_web_forms import admin, person
from miniapp_signing import make_app, new_telegram_id, tma
from redis.asyncio import Redis

from core.communications.api import list_notifications
from core.shared.clock import FrozenClock
from core.shared.config import Settings
from core.shared.uow import Database


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


async def test_an_admin_sends_follows_and_cancels_a_broadcast(
    api: TestClient,
    db: Database,
    clock: FrozenClock,
) -> None:
    boss = new_telegram_id()
    await admin(db, boss)
    readers = [new_telegram_id() for _ in range(3)]
    for reader in readers:
        await person(db, reader)
    headers = tma(boss, clock.now())
    body: dict[str, Any] = {"text": "Свежие груши!", "audience": "ids", "recipient_ids": readers}
    made = await api.post("/api/v1/admin/broadcasts", json=body, headers=headers)
    assert made.status == 201, await made.text()
    view = await made.json()
    assert (view["status"], view["total"], view["done"]) == ("queued", 3, False)
    assert view["progress"]["queued"] == 3
    [row] = await list_notifications(db, readers[0])
    assert row.params == {"text": "Свежие груши!"}

    listed = await api.get("/api/v1/admin/broadcasts", headers=headers)
    assert listed.status == 200
    assert (await listed.json())["broadcasts"][0]["id"] == view["id"]

    canceled = await api.post(f"/api/v1/admin/broadcasts/{view['id']}/cancel", headers=headers)
    assert canceled.status == 200
    after = await canceled.json()
    assert (after["status"], after["done"], after["progress"]["canceled"]) == ("canceled", True, 3)
    one = await api.get(f"/api/v1/admin/broadcasts/{view['id']}", headers=headers)
    assert (await one.json())["progress"]["queued"] == 0


async def test_a_bad_broadcast_and_a_stranger_are_refused(
    api: TestClient,
    db: Database,
    clock: FrozenClock,
) -> None:
    boss, stranger = new_telegram_id(), new_telegram_id()
    await admin(db, boss)
    await person(db, stranger)
    empty = await api.post(
        "/api/v1/admin/broadcasts",
        json={"text": " ", "audience": "customers"},
        headers=tma(boss, clock.now()),
    )
    assert empty.status == 422
    assert (await empty.json())["error"]["code"] == "invalid_broadcast"
    refused = await api.post(
        "/api/v1/admin/broadcasts",
        json={"text": "Привет", "audience": "customers"},
        headers=tma(stranger, clock.now()),
    )
    assert refused.status == 403
    missing = await api.get(
        "/api/v1/admin/broadcasts/00000000-0000-0000-0000-000000000000",
        headers=tma(boss, clock.now()),
    )
    assert missing.status == 404
    assert (await missing.json())["error"]["code"] == "broadcast_not_found"


async def test_the_broadcasts_page_is_served(api: TestClient) -> None:
    page = await api.get("/app/admin/broadcasts?lang=en")
    assert page.status == 200
    text = await page.text()
    assert "Broadcasts" in text
    assert "pages/admin_broadcasts.js" in text
