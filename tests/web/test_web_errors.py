"""Error mapping and the access log, through test-only routes added to the real app."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import structlog
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from core.shared.errors import (
    Conflict,
    CoreError,
    ErrorKind,
    Forbidden,
    NotFound,
    Unauthenticated,
    Unavailable,
    ValidationFailed,
)

SECRET = "password=hunter2 at db-internal:5432"


class ShopClosed(CoreError):
    code = "shop_closed"
    kind = ErrorKind.CONFLICT


ERRORS: dict[str, CoreError] = {
    "validation": ValidationFailed("Quantity must be positive."),
    "not_found": NotFound("No such order."),
    "conflict": Conflict(),
    "forbidden": Forbidden("Not your shop."),
    "unauthenticated": Unauthenticated(),
    "unavailable": Unavailable("Payments are down."),
    "custom": ShopClosed("The shop is closed until 9:00."),
}


async def _raise_core_error(request: web.Request) -> web.Response:
    raise ERRORS[request.match_info["name"]]


async def _crash(request: web.Request) -> web.Response:
    raise RuntimeError(SECRET)


async def _bad_request(request: web.Request) -> web.Response:
    raise web.HTTPBadRequest(text="The cart id is malformed.")


@pytest.fixture
async def client(web_app: web.Application) -> AsyncIterator[TestClient]:
    web_app.router.add_get("/api/v1/test/errors/{name}", _raise_core_error)
    web_app.router.add_get("/api/v1/test/crash", _crash)
    web_app.router.add_get("/api/v1/test/bad", _bad_request)
    web_app.router.add_get("/pages/crash", _crash)
    web_app.router.add_get("/pages/errors/{name}", _raise_core_error)
    async with TestClient(TestServer(web_app)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("name", "status", "code", "message"),
    [
        ("validation", 422, "validation_failed", "Quantity must be positive."),
        ("not_found", 404, "not_found", "No such order."),
        ("conflict", 409, "conflict", "conflict"),
        ("forbidden", 403, "forbidden", "Not your shop."),
        ("unauthenticated", 401, "unauthenticated", "unauthenticated"),
        ("unavailable", 503, "unavailable", "Payments are down."),
        ("custom", 409, "shop_closed", "The shop is closed until 9:00."),
    ],
)
async def test_core_errors_map_to_status_and_json(
    client: TestClient, name: str, status: int, code: str, message: str
) -> None:
    response = await client.get(f"/api/v1/test/errors/{name}")

    assert response.status == status
    assert response.content_type == "application/json"
    assert await response.json() == {"error": {"code": code, "message": message}}


async def test_core_errors_are_json_outside_the_api_too(client: TestClient) -> None:
    response = await client.get("/pages/errors/forbidden")

    assert response.status == 403
    assert await response.json() == {"error": {"code": "forbidden", "message": "Not your shop."}}


async def test_a_crash_is_a_500_without_internals_and_logged_with_its_traceback(
    client: TestClient,
) -> None:
    with structlog.testing.capture_logs() as logs:
        response = await client.get("/api/v1/test/crash")
        text = await response.text()

    assert response.status == 500
    body = await response.json()
    assert body["error"]["code"] == "internal"
    assert body["error"]["message"]
    assert SECRET not in text
    assert "Traceback" not in text
    assert "RuntimeError" not in text
    errors = [entry for entry in logs if entry["event"] == "http.unhandled_error"]
    assert len(errors) == 1
    assert errors[0]["log_level"] == "error"
    assert errors[0]["exc_info"] is True
    assert errors[0]["path"] == "/api/v1/test/crash"


async def test_a_crash_on_a_page_is_a_500_without_internals(client: TestClient) -> None:
    response = await client.get("/pages/crash")
    text = await response.text()

    assert response.status == 500
    assert SECRET not in text
    assert (await response.json())["error"]["code"] == "internal"


async def test_unknown_api_path_is_a_json_404(client: TestClient) -> None:
    response = await client.get("/api/v1/no-such-thing")

    assert response.status == 404
    assert await response.json() == {"error": {"code": "not_found", "message": "Not Found"}}


async def test_wrong_method_on_the_api_is_a_json_405_that_keeps_allow(client: TestClient) -> None:
    response = await client.delete("/api/v1/meta")

    assert response.status == 405
    assert "GET" in response.headers["Allow"]
    body = await response.json()
    assert body["error"]["code"] == "method_not_allowed"


async def test_an_http_error_keeps_the_handlers_text(client: TestClient) -> None:
    response = await client.get("/api/v1/test/bad")

    assert response.status == 400
    assert await response.json() == {
        "error": {"code": "bad_request", "message": "The cart id is malformed."}
    }


async def test_unknown_page_outside_the_api_keeps_aiohttps_answer(client: TestClient) -> None:
    response = await client.get("/no-such-page")

    assert response.status == 404
    assert response.content_type == "text/plain"


async def test_each_request_gets_one_access_log_line(client: TestClient) -> None:
    with structlog.testing.capture_logs() as logs:
        response = await client.get("/api/v1/test/errors/not_found")

    lines = [entry for entry in logs if entry["event"] == "http.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["log_level"] == "info"
    assert line["method"] == "GET"
    assert line["path"] == "/api/v1/test/errors/not_found"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response.headers["X-Request-ID"]


async def test_probes_are_logged_at_debug_level(client: TestClient) -> None:
    with structlog.testing.capture_logs() as logs:
        await client.get("/healthz")

    lines = [entry for entry in logs if entry["event"] == "http.request"]
    assert [(line["path"], line["log_level"]) for line in lines] == [("/healthz", "debug")]


async def test_a_sane_incoming_request_id_is_kept_and_a_strange_one_replaced(
    client: TestClient,
) -> None:
    kept = await client.get("/healthz", headers={"X-Request-ID": "lb-42.abc_DEF"})
    replaced = await client.get("/healthz", headers={"X-Request-ID": "not a sane id; {}"})

    assert kept.headers["X-Request-ID"] == "lb-42.abc_DEF"
    assert replaced.headers["X-Request-ID"] != "not a sane id; {}"
    assert len(replaced.headers["X-Request-ID"]) == 32
