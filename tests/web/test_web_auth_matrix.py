"""The authorization matrix through the HTTP API: each person signs in with their own Mini App
initData and calls endpoints about themselves, other people, their shop and another shop."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import USERNAMES, make_app, new_telegram_id, tma
from redis.asyncio import Redis

from core.auth.api import (
    accept_invitation,
    create_invitation,
    ensure_admins,
    grant_role,
    load_actor,
    register_shop_owner,
    remember_user,
)
from core.auth.policy import Role
from core.auth.schemas import TelegramProfile
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.uow import Database, Transaction


@dataclass
class World:
    people: dict[str, int]
    shop_a: uuid.UUID
    shop_b: uuid.UUID

    def fill(self, template: str) -> str:
        return template.format(A=self.shop_a, B=self.shop_b, **self.people)


@pytest.fixture
async def world(db: Database) -> World:
    names = ["customer", "other", "owner_a", "manager_a", "picker_a", "owner_b", "courier",
             "support", "admin"]
    people = {name: new_telegram_id() for name in names}
    shop_a, shop_b = uuid.uuid4(), uuid.uuid4()

    async def build(tx: Transaction) -> None:
        # One transaction: the commands called here join it, so the setup stays cheap.
        for name, telegram_id in people.items():
            await remember_user(db, TelegramProfile(telegram_id, name.title()))
        await register_shop_owner(db, shop_a, people["owner_a"])
        await register_shop_owner(db, shop_b, people["owner_b"])
        owner_a = await load_actor(db, people["owner_a"])
        for name, role in (("manager_a", Role.MANAGER), ("picker_a", Role.PICKER)):
            created = await create_invitation(db, owner_a, role, shop_id=shop_a)
            await accept_invitation(db, created.token, people[name], via=BotRole.SELLER)
        await ensure_admins(db, [people["admin"]])
        admin = await load_actor(db, people["admin"])
        await grant_role(db, admin, people["courier"], Role.COURIER)
        await grant_role(db, admin, people["support"], Role.SUPPORT)

    await db.run(build)
    return World(people=people, shop_a=shop_a, shop_b=shop_b)


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    app: web.Application = make_app(settings, db, redis)
    async with TestClient(TestServer(app)) as client:
        yield client


EVERYONE = ["customer", "owner_a", "manager_a", "picker_a", "owner_b", "courier", "support",
            "admin"]

# (method, path, body, who may) — everyone else must get 403.
MATRIX: list[tuple[str, str, dict[str, Any] | None, set[str]]] = [
    ("GET", "/users/{other}/roles", None, {"support", "admin"}),
    ("POST", "/users/{other}/roles", {"role": "support"}, {"admin"}),
    ("POST", "/users/{other}/roles", {"role": "courier"}, {"admin"}),
    ("DELETE", "/users/{courier}/roles/courier", None, {"admin"}),
    ("GET", "/shops/{A}/staff", None, {"owner_a", "manager_a", "support", "admin"}),
    ("PUT", "/shops/{A}/staff/{picker_a}", {"role": "manager"}, {"owner_a", "admin"}),
    ("DELETE", "/shops/{A}/staff/{picker_a}", None,
     {"owner_a", "manager_a", "admin", "picker_a"}),  # a picker may leave
    ("DELETE", "/shops/{A}/staff/{manager_a}", None,
     {"owner_a", "admin", "manager_a"}),  # a manager may leave
    ("POST", "/invitations", {"role": "picker", "shop_id": "{A}"},
     {"owner_a", "manager_a", "admin"}),
    ("POST", "/invitations", {"role": "manager", "shop_id": "{A}"}, {"owner_a", "admin"}),
    ("POST", "/invitations", {"role": "owner", "shop_id": "{A}"}, {"owner_a", "admin"}),
    ("POST", "/invitations", {"role": "courier"}, {"admin"}),
    ("GET", "/shops/{A}/invitations", None, {"owner_a", "manager_a", "support", "admin"}),
    ("GET", "/courier-invitations", None, {"admin"}),
]
def _success(method: str, path: str) -> int:
    if path == "/invitations":
        return 201
    return 204 if method == "DELETE" and "/staff/" in path else 200


def _cases() -> list[Any]:
    cases = []
    for method, path, body, allowed in MATRIX:
        for who in EVERYONE:
            label = f"{method} {path} {body or ''} as {who}".replace(" ", "_")
            cases.append(pytest.param(method, path, body, who, who in allowed, id=label))
    return cases


def _filled(world: World, body: dict[str, Any] | None) -> dict[str, Any] | None:
    if body is None:
        return None
    return {key: world.fill(value) if isinstance(value, str) else value
            for key, value in body.items()}


@pytest.mark.parametrize(("method", "path", "body", "who", "allowed"), _cases())
async def test_matrix(
    api: TestClient, world: World, clock: FrozenClock,
    method: str, path: str, body: dict[str, Any] | None, who: str, allowed: bool,
) -> None:
    response = await api.request(method, "/api/v1" + world.fill(path), json=_filled(world, body),
                                 headers=tma(world.people[who], clock.now()))
    if allowed:
        assert response.status == _success(method, path), await response.text()
    else:
        assert response.status == 403, await response.text()
        assert (await response.json())["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("who", EVERYONE)
async def test_everyone_reads_their_own_roles(
    api: TestClient, world: World, clock: FrozenClock, who: str
) -> None:
    telegram_id = world.people[who]
    response = await api.get(f"/api/v1/users/{telegram_id}/roles",
                             headers=tma(telegram_id, clock.now()))
    assert response.status == 200
    assert (await response.json())["telegram_id"] == telegram_id


@pytest.mark.parametrize("who", ["owner_a", "manager_a", "picker_a"])
async def test_staff_of_shop_a_cannot_touch_shop_b(
    api: TestClient, world: World, clock: FrozenClock, who: str
) -> None:
    headers = tma(world.people[who], clock.now())
    b, owner_b = world.shop_b, world.people["owner_b"]
    attempts = [
        api.get(f"/api/v1/shops/{b}/staff", headers=headers),
        api.get(f"/api/v1/shops/{b}/invitations", headers=headers),
        api.put(f"/api/v1/shops/{b}/staff/{owner_b}", json={"role": "picker"}, headers=headers),
        api.delete(f"/api/v1/shops/{b}/staff/{owner_b}", headers=headers),
        api.post("/api/v1/invitations", json={"role": "picker", "shop_id": str(b)},
                 headers=headers),
    ]
    for attempt in attempts:
        response = await attempt
        assert response.status == 403, await response.text()


async def test_an_invitation_through_the_api(
    api: TestClient, world: World, db: Database, clock: FrozenClock
) -> None:
    owner = tma(world.people["owner_a"], clock.now())
    response = await api.post("/api/v1/invitations", headers=owner, json={
        "role": "picker", "shop_id": str(world.shop_a), "label": "Лавка у дома", "ttl_hours": 24})
    assert response.status == 201
    created = await response.json()
    start = created["start_parameter"]
    assert created["link"] == f"https://t.me/{USERNAMES[BotRole.SELLER]}?start={start}"
    assert created["invitation"]["status"] == "pending"
    assert created["invitation"]["bot"] == "seller"
    assert created["invitation"]["label"] == "Лавка у дома"

    newcomer = new_telegram_id()
    await remember_user(db, TelegramProfile(newcomer, "Пётр"))
    await accept_invitation(db, start, newcomer, via=BotRole.SELLER)

    staff = await (await api.get(f"/api/v1/shops/{world.shop_a}/staff", headers=owner)).json()
    joined = [m for m in staff["staff"] if m["telegram_id"] == newcomer]
    assert [(m["role"], m["first_name"], m["invited_by"]) for m in joined] == [
        ("picker", "Пётр", world.people["owner_a"])]
    listed = await (await api.get(f"/api/v1/shops/{world.shop_a}/invitations",
                                  headers=owner)).json()
    mine = [i for i in listed["invitations"] if i["id"] == created["invitation"]["id"]]
    assert [(i["status"], i["accepted_by"]) for i in mine] == [("accepted", newcomer)]

    removed = await api.delete(f"/api/v1/shops/{world.shop_a}/staff/{newcomer}", headers=owner)
    assert removed.status == 204
    assert (await load_actor(db, newcomer)).role_in(world.shop_a) is None


async def test_withdrawing_an_invitation(api: TestClient, world: World, clock: FrozenClock) -> None:
    owner = tma(world.people["owner_a"], clock.now())
    created = await (await api.post("/api/v1/invitations", headers=owner, json={
        "role": "picker", "shop_id": str(world.shop_a)})).json()
    invitation_id = created["invitation"]["id"]
    response = await api.delete(f"/api/v1/invitations/{invitation_id}", headers=owner)
    assert response.status == 200
    assert (await response.json())["status"] == "revoked"
    missing = await api.delete(f"/api/v1/invitations/{uuid.uuid4()}", headers=owner)
    assert (missing.status, (await missing.json())["error"]["code"]) == (
        404, "invitation_not_found")


@pytest.mark.parametrize(("path", "code"), [
    ("/api/v1/shops/not-a-uuid/staff", "validation_failed"),
    ("/api/v1/users/abc/roles", "validation_failed"),
])
async def test_malformed_path_parameters(
    api: TestClient, world: World, clock: FrozenClock, path: str, code: str
) -> None:
    response = await api.get(path, headers=tma(world.people["admin"], clock.now()))
    assert (response.status, (await response.json())["error"]["code"]) == (422, code)


async def test_the_last_owner_is_kept_over_http(
    api: TestClient, world: World, clock: FrozenClock
) -> None:
    owner_id = world.people["owner_a"]
    response = await api.delete(f"/api/v1/shops/{world.shop_a}/staff/{owner_id}",
                                headers=tma(owner_id, clock.now()))
    assert (response.status, (await response.json())["error"]["code"]) == (409, "last_owner")
