"""Mini App sign-in over HTTP: initData in the tma header, sessions with Bearer tokens, the 401
codes for each way it can fail, /me, and a walk over the OpenAPI document proving that every
endpoint that is not public refuses a caller without valid credentials."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from miniapp_signing import FOREIGN_TOKEN, make_app, new_telegram_id, tma
from redis.asyncio import Redis

from core.auth.api import ensure_admins, get_user, register_shop_owner, remember_user
from core.auth.schemas import TelegramProfile
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.uow import Database


@pytest.fixture
def auth_app(settings: Settings, db: Database, redis: Redis) -> web.Application:
    return make_app(settings, db, redis)


@pytest.fixture
async def api(auth_app: web.Application) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(auth_app)) as client:
        yield client


async def _error(response: Any) -> str:
    body = await response.json()
    return str(body["error"]["code"])


async def test_initdata_is_exchanged_for_a_session(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    person = new_telegram_id()
    response = await api.post("/api/v1/auth/session",
                              headers=tma(person, clock.now(), username="anna"))
    assert response.status == 201
    body = await response.json()
    assert body["user"] == {"telegram_id": person, "first_name": "Анна", "last_name": None,
                            "username": "anna", "language": None}
    assert body["expires_at"] == (clock.now() + timedelta(minutes=30)).isoformat().replace(
        "+00:00", "Z")
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", body["token"])
    assert await get_user(db, person) is not None

    me = await api.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status == 200
    assert (await me.json())["bot"] == "seller"


@pytest.mark.parametrize("bot", list(BotRole))
async def test_me_with_initdata_from_any_of_our_bots(
    api: TestClient, clock: FrozenClock, bot: BotRole
) -> None:
    person = new_telegram_id()
    response = await api.get("/api/v1/me", headers=tma(person, clock.now(), bot=bot))
    assert response.status == 200
    assert await response.json() == {
        "user": {"telegram_id": person, "first_name": "Анна", "last_name": None,
                 "username": None, "language": None},
        "roles": ["customer"],
        "shops": [],
        "bot": bot.value,
    }


async def test_me_shows_every_role(api: TestClient, db: Database, clock: FrozenClock) -> None:
    person = new_telegram_id()
    await remember_user(db, TelegramProfile(person, "Ольга"))
    await ensure_admins(db, [person])
    shop_id = uuid.uuid4()
    await register_shop_owner(db, shop_id, person)

    body = await (await api.get("/api/v1/me", headers=tma(person, clock.now()))).json()

    assert body["roles"] == ["customer", "owner", "admin"]
    assert body["shops"] == [{"shop_id": str(shop_id), "role": "owner"}]


def _forged(header: dict[str, str]) -> dict[str, str]:
    fields = dict(parse_qsl(header["Authorization"].removeprefix("tma ")))
    fields["hash"] = "f" * 64
    return {"Authorization": f"tma {urlencode(fields)}"}


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/auth/session"])
async def test_each_failure_has_its_own_401_code(
    api: TestClient, clock: FrozenClock, path: str
) -> None:
    person = new_telegram_id()
    now = clock.now()
    method = api.get if path.endswith("/me") else api.post
    cases = {
        "credentials_missing": {},
        "init_data_malformed": {"Authorization": "tma not-init-data"},
        "init_data_bad_signature": _forged(tma(person, now)),
        "init_data_expired": tma(person, now - timedelta(hours=1, seconds=1)),
    }
    for code, headers in cases.items():
        response = await method(path, headers=headers)
        assert (response.status, await _error(response)) == (401, code), code
    foreign = await method(path, headers=tma(person, now, token=FOREIGN_TOKEN))
    assert (foreign.status, await _error(foreign)) == (401, "init_data_bad_signature")


@pytest.mark.parametrize("header", ["", "Basic abc", "tma", "tma   ", "Bearer"])
async def test_no_usable_credentials(api: TestClient, header: str) -> None:
    response = await api.get("/api/v1/me", headers={"Authorization": header} if header else {})
    assert response.status == 401
    assert await _error(response) == "credentials_missing"


async def test_an_unknown_or_ended_session_is_refused(
    api: TestClient, clock: FrozenClock
) -> None:
    unknown = await api.get("/api/v1/me", headers={"Authorization": "Bearer not-a-session"})
    assert (unknown.status, await _error(unknown)) == (401, "session_invalid")

    created = await api.post("/api/v1/auth/session", headers=tma(new_telegram_id(), clock.now()))
    bearer = {"Authorization": f"Bearer {(await created.json())['token']}"}
    clock.advance(timedelta(minutes=30))
    ended = await api.get("/api/v1/me", headers=bearer)
    assert (ended.status, await _error(ended)) == (401, "session_invalid")


async def test_a_session_can_be_closed(api: TestClient, clock: FrozenClock) -> None:
    created = await api.post("/api/v1/auth/session", headers=tma(new_telegram_id(), clock.now()))
    bearer = {"Authorization": f"Bearer {(await created.json())['token']}"}
    assert (await api.delete("/api/v1/auth/session", headers=bearer)).status == 204
    after = await api.get("/api/v1/me", headers=bearer)
    assert (after.status, await _error(after)) == (401, "session_invalid")


async def test_a_session_cannot_open_another_session(api: TestClient, clock: FrozenClock) -> None:
    created = await api.post("/api/v1/auth/session", headers=tma(new_telegram_id(), clock.now()))
    bearer = {"Authorization": f"Bearer {(await created.json())['token']}"}
    response = await api.post("/api/v1/auth/session", headers=bearer)
    assert (response.status, await _error(response)) == (401, "credentials_missing")


async def test_the_session_lifetime_is_a_setting(
    settings: Settings, db: Database, redis: Redis, clock: FrozenClock
) -> None:
    app = make_app(settings, db, redis, session_ttl_seconds=120)
    async with TestClient(TestServer(app)) as client:
        created = await client.post("/api/v1/auth/session",
                                    headers=tma(new_telegram_id(), clock.now()))
        expires_at = (await created.json())["expires_at"]
    assert expires_at == (clock.now() + timedelta(minutes=2)).isoformat().replace("+00:00", "Z")


async def test_the_initdata_age_is_a_setting(
    settings: Settings, db: Database, redis: Redis, clock: FrozenClock
) -> None:
    app = make_app(settings, db, redis, init_data_max_age_seconds=60)
    async with TestClient(TestServer(app)) as client:
        response = await client.get(
            "/api/v1/me", headers=tma(new_telegram_id(), clock.now() - timedelta(seconds=61)))
        assert (response.status, await _error(response)) == (401, "init_data_expired")


async def test_choosing_my_language(api: TestClient, db: Database, clock: FrozenClock) -> None:
    person = new_telegram_id()
    response = await api.put("/api/v1/me/language", json={"language": "en"},
                             headers=tma(person, clock.now()))
    assert response.status == 200
    assert (await response.json())["user"]["language"] == "en"
    stored = await get_user(db, person)
    assert stored is not None
    assert stored.language == "en"

    refused = await api.put("/api/v1/me/language", json={"language": "de"},
                            headers=tma(person, clock.now()))
    assert (refused.status, await _error(refused)) == (422, "unsupported_language")


async def test_the_document_describes_both_schemes(api: TestClient) -> None:
    doc = await (await api.get("/api/v1/openapi.json")).json()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["session"]["type"] == "http"
    assert schemes["session"]["scheme"] == "bearer"
    assert schemes["tma"]["name"] == "Authorization"
    assert doc["paths"]["/api/v1/me"]["get"]["security"] == [{"tma": []}, {"session": []}]
    assert doc["paths"]["/api/v1/auth/session"]["post"]["security"] == [{"tma": []}]
    for path in ("/api/v1/users/{telegram_id}/roles", "/api/v1/shops/{shop_id}/staff",
                 "/api/v1/invitations", "/api/v1/me/language"):
        assert path in doc["paths"], path


_SAMPLE_PARAMETERS = {"telegram_id": "7300000001", "role": "admin"}


def _sample_path(path: str) -> str:
    def fill(match: re.Match[str]) -> str:
        return _SAMPLE_PARAMETERS.get(match.group(1), str(uuid.uuid4()))

    return re.sub(r"\{([^}]+)\}", fill, path)


async def test_every_endpoint_that_is_not_public_refuses_a_caller_without_credentials(
    api: TestClient, clock: FrozenClock
) -> None:
    doc = await (await api.get("/api/v1/openapi.json")).json()
    forged = _forged(tma(new_telegram_id(), clock.now()))
    secured, public = [], []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            (secured if operation["security"] else public).append((method, path))
            if not operation["security"]:
                continue
            url = _sample_path(path)
            for headers in ({}, forged, {"Authorization": "Bearer made-up"}):
                response = await api.request(method.upper(), url, headers=headers, json={})
                assert response.status == 401, (method, path, headers)
                assert (await response.json())["error"]["code"] in {
                    "credentials_missing", "init_data_bad_signature", "session_invalid"}
            assert "401" in operation["responses"], (method, path)
    assert len(secured) >= 14
    assert ("get", "/api/v1/meta") in public
    assert ("get", "/api/v1/me") in secured
