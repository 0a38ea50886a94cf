"""The business endpoints over HTTP with signed initData: applying (amounts read exactly, every
wrong field named and localized), the admins' review, and running a shop, with who may do what."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from business_web_forms import (
    admin,
    application_json,
    applied,
    approved_shop,
    company_inn,
    individual_inn,
    person,
    shop_json,
    wrong_inn,
)
from miniapp_signing import make_app, new_telegram_id, tma
from redis.asyncio import Redis

from core.auth.api import accept_invitation, create_invitation, load_actor
from core.auth.policy import Role
from core.business.api import get_shop, reject_application
from core.business.schemas import ShopStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole, Settings
from core.shared.i18n import Translator
from core.shared.money import Money
from core.shared.uow import Database
from web.api_business.forms import AmountUnreadable, RadiusUnreadable, radius_metres, rubles


@pytest.fixture
async def api(settings: Settings, db: Database, redis: Redis) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(make_app(settings, db, redis))) as client:
        yield client


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


async def _error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = (await response.json())["error"]
    return body


def _fields(error: dict[str, Any]) -> dict[str, str]:
    return {field["field"]: field["code"] for field in error["fields"]}


# -- amounts as typed -------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "kopecks"), [
    ("150", 15_000), ("150,50", 15_050), ("150.5", 15_050), ("150,05", 15_005),
    ("0,01", 1), ("1 500", 150_000), ("1\u00a0500,99 ₽", 150_099), (" 99.90 ", 9_990),
    ("0", 0), ("-5", -500), ("99999999999,99", 9_999_999_999_999),
])
def test_roubles_become_exact_kopecks(typed: str, kopecks: int) -> None:
    assert rubles("min_order", typed) == Money(kopecks, "RUB")


@pytest.mark.parametrize("typed", ["", "abc", "1.234", "1,2,3", "1e3", "₽", "12.", ".5", "NaN"])
def test_what_is_not_an_amount(typed: str) -> None:
    with pytest.raises(AmountUnreadable) as raised:
        rubles("delivery_fee", typed)
    assert raised.value.params == {"field": "delivery_fee"}


@pytest.mark.parametrize(("typed", "metres"), [
    ("3", 3_000), ("2,5", 2_500), ("0.75", 750), ("0,001", 1), ("1,5 км", 1_500), ("100", 100_000),
])
def test_a_radius_in_kilometres_becomes_whole_metres(typed: str, metres: int) -> None:
    assert radius_metres(typed) == metres


@pytest.mark.parametrize("typed", ["", "0", "0,0001", "100,001", "три", "-2"])
def test_what_is_not_a_radius(typed: str) -> None:
    with pytest.raises(RadiusUnreadable) as raised:
        radius_metres(typed)
    assert raised.value.params == {"maximum": 100}


# -- applying ---------------------------------------------------------------------------------


async def test_an_application_is_sent_for_review(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    applicant = new_telegram_id()
    body = application_json(shop=shop_json(
        min_order="150,50", delivery_fee="99.9", zone={"kind": "radius", "radius_km": "2,5"},
        hours={"mon": {"opens": "09:00", "closes": "21:00", "breaks": [["13:00", "14:00"]]},
               "sat": {"opens": "10:00", "closes": "02:00", "breaks": []}, "sun": None}))

    response = await api.post("/api/v1/applications", json=body,
                              headers=tma(applicant, clock.now()))

    assert response.status == 201, await response.text()
    answer = await response.json()
    business, [shop] = answer["business"], answer["shops"]
    assert (business["status"], business["inn"], business["inn_kind"]) == (
        "pending", body["inn"], "legal_entity")
    assert (business["phone"], business["applicant_id"]) == ("+79123456789", applicant)
    assert shop["status"] == "pending_approval"
    assert shop["min_order"] == {"minor": 15_050, "currency": "RUB", "text": "150,50\u00a0₽"}
    assert shop["delivery_fee"]["minor"] == 9_990
    assert shop["point"] == {"lat": 55.7539, "lon": 37.6208}
    assert shop["zone"] == {"kind": "radius", "center": {"lat": 55.7539, "lon": 37.6208},
                            "radius_m": 2_500}
    assert shop["hours"] == {
        "mon": {"opens": "09:00", "closes": "21:00", "breaks": [["13:00", "14:00"]]},
        "sat": {"opens": "10:00", "closes": "02:00", "breaks": []},
    }
    stored = await get_shop(db, shop["id"])
    assert stored.min_order == Money(15_050, "RUB")

    mine = await api.get("/api/v1/me/applications", headers=tma(applicant, clock.now()))
    assert [a["business"]["id"] for a in (await mine.json())["applications"]] == [business["id"]]


async def test_a_polygon_zone_as_geojson_text(api: TestClient, clock: FrozenClock) -> None:
    square = {"type": "Polygon", "coordinates": [[[37.60, 55.74], [37.64, 55.74], [37.64, 55.77],
                                                  [37.60, 55.77], [37.60, 55.74]]]}
    body = application_json(shop=shop_json(zone={"kind": "polygon",
                                                 "geojson": json.dumps(square)}))

    response = await api.post("/api/v1/applications", json=body,
                              headers=tma(new_telegram_id(), clock.now()))

    assert response.status == 201, await response.text()
    zone = (await response.json())["shops"][0]["zone"]
    assert zone["kind"] == "polygon"
    assert zone["geojson"]["type"] == "MultiPolygon"


async def test_every_wrong_field_is_named_with_a_localized_message(
    api: TestClient, clock: FrozenClock, translator: Translator
) -> None:
    body = application_json(
        inn=wrong_inn(), email="not-an-email",
        shop=shop_json(min_order="сто", delivery_fee="-5", lat="55,7539", lon="west",
                       hours={"mon": {"opens": "09:00", "closes": "21:00",
                                      "breaks": [["08:00", "10:00"]]}},
                       zone={"kind": "radius", "radius_km": "0"}, assembly_minutes="много"))

    response = await api.post("/api/v1/applications", json=body,
                              headers=tma(new_telegram_id(), clock.now()))

    assert response.status == 422
    error = await _error(response)
    assert _fields(error) == {
        "inn": "invalid_inn",
        "email": "invalid_email",
        "shop.point": "invalid_coordinates",
        "shop.hours": "break_outside_hours",
        "shop.zone": "form_radius_unreadable",
        "shop.min_order": "form_amount_unreadable",
        "shop.delivery_fee": "invalid_amount",
        "shop.assembly_minutes": "form_whole_number_unreadable",
    }
    assert error["code"] == "invalid_inn"
    assert error["message"] == translator.get("ru", "error-invalid_inn")
    by_field = {field["field"]: field for field in error["fields"]}
    assert by_field["shop.hours"]["params"] == {"day": "mon", "start": "08:00", "end": "10:00",
                                                "opens": "09:00", "closes": "21:00"}
    assert by_field["shop.hours"]["message"] == translator.get(
        "ru", "error-break_outside_hours", **by_field["shop.hours"]["params"])
    assert "понедельник" in by_field["shop.hours"]["message"]
    assert by_field["shop.delivery_fee"]["params"]["field"] == "delivery_fee"
    assert "Стоимость доставки" in by_field["shop.delivery_fee"]["message"]


async def test_field_messages_follow_the_page_language(
    api: TestClient, clock: FrozenClock, translator: Translator
) -> None:
    body = application_json(inn="12345")
    response = await api.post("/api/v1/applications?lang=en", json=body,
                              headers=tma(new_telegram_id(), clock.now()))

    error = await _error(response)
    assert error["fields"][0]["message"] == translator.get("en", "error-invalid_inn")
    assert error["fields"][0]["params"] == {"reason": "length", "length": 5}


async def test_a_self_intersecting_polygon_is_explained(
    api: TestClient, clock: FrozenClock
) -> None:
    bow_tie = {"type": "Polygon", "coordinates": [[[37.60, 55.74], [37.64, 55.77], [37.64, 55.74],
                                                   [37.60, 55.77], [37.60, 55.74]]]}
    body = application_json(shop=shop_json(zone={"kind": "polygon",
                                                 "geojson": json.dumps(bow_tie)}))

    response = await api.post("/api/v1/applications", json=body,
                              headers=tma(new_telegram_id(), clock.now()))

    error = await _error(response)
    assert (response.status, _fields(error)) == (422, {"shop.zone": "self_intersecting_zone"})
    assert "пересекает" in error["message"]


async def test_patent_needs_an_individual_inn(api: TestClient, clock: FrozenClock) -> None:
    headers = tma(new_telegram_id(), clock.now())
    refused = await api.post("/api/v1/applications", headers=headers,
                             json=application_json(inn=company_inn(), tax_system="patent"))
    assert _fields(await _error(refused)) == {"tax_system": "tax_system_not_allowed"}

    accepted = await api.post("/api/v1/applications", headers=headers,
                              json=application_json(inn=individual_inn(), tax_system="patent"))
    assert accepted.status == 201


async def test_one_pending_application_at_a_time_and_an_inn_once(
    api: TestClient, clock: FrozenClock
) -> None:
    first = application_json()
    headers = tma(new_telegram_id(), clock.now())
    assert (await api.post("/api/v1/applications", json=first, headers=headers)).status == 201

    again = await api.post("/api/v1/applications", json=application_json(), headers=headers)
    assert (again.status, (await _error(again))["code"]) == (409, "application_pending")

    someone_else = tma(new_telegram_id(), clock.now())
    taken = await api.post("/api/v1/applications", json=application_json(inn=first["inn"]),
                           headers=someone_else)
    error = await _error(taken)
    assert (taken.status, _fields(error)) == (409, {"inn": "inn_taken"})
    assert first["inn"] in error["message"]


# -- review -----------------------------------------------------------------------------------


async def test_only_admins_review(api: TestClient, db: Database, clock: FrozenClock,
                                  translator: Translator) -> None:
    pending = await applied(db, new_telegram_id())
    customer = tma(new_telegram_id(), clock.now())
    business = pending.business.id

    for method, path, body in [("GET", "/applications", None),
                               ("POST", f"/applications/{business}/approve", None),
                               ("POST", f"/applications/{business}/reject", {"reason": "Нет"})]:
        response = await api.request(method, "/api/v1" + path, json=body, headers=customer)
        error = await _error(response)
        assert (response.status, error["code"]) == (403, "permission_denied"), path
        assert error["message"] == translator.get("ru", "error-permission_denied")


async def test_admins_see_the_queue_newest_first_and_decide(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    reviewer = await admin(db, new_telegram_id())
    older = await applied(db, new_telegram_id(), "Старая лавка")
    newer_applicant = new_telegram_id()
    clock.set(datetime(2026, 1, 1, 9, 5, tzinfo=UTC))
    newer = await applied(db, newer_applicant, "Новая лавка")
    headers = tma(reviewer.telegram_id, clock.now())

    queue = (await (await api.get("/api/v1/applications", headers=headers)).json())["applications"]
    ids = [a["business"]["id"] for a in queue]
    assert ids.index(str(newer.business.id)) < ids.index(str(older.business.id))
    listed = next(a for a in queue if a["business"]["id"] == str(newer.business.id))
    assert listed["applicant"]["telegram_id"] == newer_applicant
    assert listed["applicant"]["first_name"] == "Ольга"
    assert listed["shops"][0]["name"] == "Новая лавка"

    approved = await api.post(f"/api/v1/applications/{newer.business.id}/approve",
                              headers=headers)
    assert approved.status == 200
    answer = await approved.json()
    assert answer["business"]["status"] == "approved"
    assert answer["shops"][0]["status"] == "active"
    assert (await load_actor(db, newer_applicant)).role_in(newer.shops[0].id) is Role.OWNER

    no_reason = await api.post(f"/api/v1/applications/{older.business.id}/reject",
                               json={"reason": " "}, headers=headers)
    assert (no_reason.status, _fields(await _error(no_reason))) == (
        422, {"reason": "invalid_rejection_reason"})

    rejected = await api.post(f"/api/v1/applications/{older.business.id}/reject",
                              json={"reason": "ИНН не совпадает с названием"}, headers=headers)
    assert (await rejected.json())["business"]["rejection_reason"] == "ИНН не совпадает с названием"
    mine = await api.get("/api/v1/me/applications",
                         headers=tma(older.business.applicant_id, clock.now()))
    [seen] = (await mine.json())["applications"]
    assert (seen["business"]["status"], seen["business"]["rejection_reason"]) == (
        "rejected", "ИНН не совпадает с названием")

    twice = await api.post(f"/api/v1/applications/{older.business.id}/approve", headers=headers)
    assert (twice.status, (await _error(twice))["code"]) == (409, "application_decided")

    decided = await api.get("/api/v1/applications?status=rejected", headers=headers)
    assert str(older.business.id) in [a["business"]["id"]
                                      for a in (await decided.json())["applications"]]
    bad_status = await api.get("/api/v1/applications?status=maybe", headers=headers)
    assert bad_status.status == 422


async def test_after_a_rejection_the_applicant_applies_again(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    rejected = await applied(db, new_telegram_id())
    reviewer = await admin(db, new_telegram_id())
    await reject_application(db, reviewer, rejected.business.id, "Нет документов")
    headers = tma(rejected.business.applicant_id, clock.now())

    again = await api.post("/api/v1/applications", headers=headers, json=application_json(
        inn=rejected.business.inn, tax_system="npd"))

    assert again.status == 201, await again.text()
    mine = await (await api.get("/api/v1/me/applications", headers=headers)).json()
    assert [a["business"]["status"] for a in mine["applications"]] == ["pending", "rejected"]


async def test_an_application_is_seen_by_its_applicant_and_admins_only(
    api: TestClient, db: Database, clock: FrozenClock
) -> None:
    pending = await applied(db, new_telegram_id())
    path = f"/api/v1/applications/{pending.business.id}"
    reviewer = await admin(db, new_telegram_id())

    for who, status in [(pending.business.applicant_id, 200), (reviewer.telegram_id, 200),
                        (new_telegram_id(), 403)]:
        response = await api.get(path, headers=tma(who, clock.now()))
        assert response.status == status, who
    missing = await api.get("/api/v1/applications/0190a000-0000-7000-8000-000000000000",
                            headers=tma(reviewer.telegram_id, clock.now()))
    assert (missing.status, (await _error(missing))["code"]) == (404, "business_not_found")


# -- running a shop ---------------------------------------------------------------------------


@pytest.fixture
async def two_shops(db: Database) -> dict[str, Any]:
    reviewer = await admin(db, new_telegram_id())
    people = {name: new_telegram_id() for name in ("owner_a", "manager_a", "picker_a", "owner_b")}
    shop_a = await approved_shop(db, reviewer, people["owner_a"], "Лавка А")
    shop_b = await approved_shop(db, reviewer, people["owner_b"], "Лавка Б")
    owner_a = await load_actor(db, people["owner_a"])
    for name, role in (("manager_a", Role.MANAGER), ("picker_a", Role.PICKER)):
        await person(db, people[name])
        created = await create_invitation(db, owner_a, role, shop_id=shop_a)
        await accept_invitation(db, created.token, people[name], via=BotRole.SELLER)
    return {"people": people, "a": shop_a, "b": shop_b}


async def test_my_shops_say_whether_they_are_open_now(
    api: TestClient, clock: FrozenClock, two_shops: dict[str, Any]
) -> None:
    owner = two_shops["people"]["owner_a"]
    # 09:00 UTC is noon in Moscow: open, closing at 21:00 Moscow time.
    response = await api.get("/api/v1/me/shops", headers=tma(owner, clock.now()))
    [mine] = (await response.json())["shops"]
    assert (mine["shop"]["id"], mine["role"]) == (str(two_shops["a"]), "owner")
    assert mine["schedule"] == {"now": "2026-01-01T09:00:00Z", "open_now": True,
                                "accepting_orders": True, "opens_at": "2026-01-01T09:00:00Z",
                                "closes_at": "2026-01-01T18:00:00Z"}

    clock.set(datetime(2026, 1, 1, 19, 30, tzinfo=UTC))  # 22:30 in Moscow
    response = await api.get("/api/v1/me/shops", headers=tma(owner, clock.now()))
    schedule = (await response.json())["shops"][0]["schedule"]
    assert (schedule["open_now"], schedule["accepting_orders"]) == (False, False)
    assert (schedule["opens_at"], schedule["closes_at"]) == ("2026-01-02T06:00:00Z", None)

    picker = await api.get("/api/v1/me/shops",
                           headers=tma(two_shops["people"]["picker_a"], clock.now()))
    assert [s["role"] for s in (await picker.json())["shops"]] == ["picker"]


async def test_owners_and_managers_pause_and_resume(
    api: TestClient, db: Database, clock: FrozenClock, two_shops: dict[str, Any]
) -> None:
    shop, people = two_shops["a"], two_shops["people"]
    paused = await api.post(f"/api/v1/shops/{shop}/pause",
                            headers=tma(people["owner_a"], clock.now()))
    assert paused.status == 200
    answer = await paused.json()
    assert (answer["shop"]["status"], answer["schedule"]["accepting_orders"]) == ("paused", False)
    assert (await get_shop(db, shop)).status is ShopStatus.PAUSED

    resumed = await api.post(f"/api/v1/shops/{shop}/resume",
                             headers=tma(people["manager_a"], clock.now()))
    assert (await resumed.json())["shop"]["status"] == "active"

    not_paused = await api.post(f"/api/v1/shops/{shop}/resume",
                                headers=tma(people["manager_a"], clock.now()))
    assert not_paused.status == 200  # resuming twice is harmless


async def test_a_picker_cannot_pause(
    api: TestClient, db: Database, clock: FrozenClock, two_shops: dict[str, Any]
) -> None:
    response = await api.post(f"/api/v1/shops/{two_shops['a']}/pause",
                              headers=tma(two_shops["people"]["picker_a"], clock.now()))
    assert (response.status, (await _error(response))["code"]) == (403, "permission_denied")
    assert (await get_shop(db, two_shops["a"])).status is ShopStatus.ACTIVE


@pytest.mark.parametrize("who", ["owner_a", "manager_a", "picker_a"])
async def test_staff_of_shop_a_cannot_touch_shop_b(
    api: TestClient, db: Database, clock: FrozenClock, two_shops: dict[str, Any], who: str
) -> None:
    headers = tma(two_shops["people"][who], clock.now())
    b = two_shops["b"]
    for method, path, body in [("POST", f"/shops/{b}/pause", None),
                               ("POST", f"/shops/{b}/resume", None),
                               ("PUT", f"/shops/{b}/profile", {"description": "Наше!"})]:
        response = await api.request(method, "/api/v1" + path, json=body, headers=headers)
        assert response.status == 403, (method, path)
    shop_b = await get_shop(db, b)
    assert (shop_b.status, shop_b.description) == (ShopStatus.ACTIVE, None)


async def test_the_shop_profile(
    api: TestClient, db: Database, clock: FrozenClock, two_shops: dict[str, Any]
) -> None:
    shop, headers = two_shops["a"], tma(two_shops["people"]["manager_a"], clock.now())
    saved = await api.put(f"/api/v1/shops/{shop}/profile", headers=headers, json={
        "description": "  Фрукты с рынка  ", "logo": "https://example.ru/logo.png"})
    assert saved.status == 200
    answer = (await saved.json())["shop"]
    assert (answer["description"], answer["logo"]) == (
        "Фрукты с рынка", "https://example.ru/logo.png")

    bad = await api.put(f"/api/v1/shops/{shop}/profile", headers=headers, json={
        "description": "Другое описание", "logo": "http://insecure.example/logo.png"})
    assert (bad.status, _fields(await _error(bad))) == (422, {"logo": "invalid_logo"})
    unchanged = await get_shop(db, shop)
    assert (unchanged.description, unchanged.logo) == ("Фрукты с рынка",
                                                      "https://example.ru/logo.png")

    cleared = await api.put(f"/api/v1/shops/{shop}/profile", headers=headers,
                            json={"description": "", "logo": None})
    answer = (await cleared.json())["shop"]
    assert (answer["description"], answer["logo"]) == (None, None)


async def test_the_endpoints_are_documented_for_signed_in_callers(api: TestClient) -> None:
    doc = await (await api.get("/api/v1/openapi.json")).json()
    expected = {
        ("post", "/api/v1/applications"), ("get", "/api/v1/applications"),
        ("get", "/api/v1/me/applications"), ("get", "/api/v1/applications/{business_id}"),
        ("post", "/api/v1/applications/{business_id}/approve"),
        ("post", "/api/v1/applications/{business_id}/reject"),
        ("get", "/api/v1/me/shops"), ("post", "/api/v1/shops/{shop_id}/pause"),
        ("post", "/api/v1/shops/{shop_id}/resume"), ("put", "/api/v1/shops/{shop_id}/profile"),
    }
    for method, path in expected:
        operation = doc["paths"][path][method]
        assert operation["security"] == [{"tma": []}, {"session": []}], (method, path)
        assert "401" in operation["responses"]
    apply_body = doc["paths"]["/api/v1/applications"]["post"]["requestBody"]
    assert apply_body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApplicationIn"}
    assert "min_order" in doc["components"]["schemas"]["ShopIn"]["properties"]


def test_every_form_error_code_has_messages(translator: Translator) -> None:
    for code in ("form_amount_unreadable", "form_radius_unreadable",
                 "form_whole_number_unreadable"):
        for lang in ("ru", "en"):
            assert translator.has(lang, f"error-{code}"), (code, lang)
