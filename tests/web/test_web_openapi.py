from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import BaseModel, Field

from core.shared.errors import Unauthenticated
from web.keys import VERSION_KEY
from web.openapi import (
    OPENAPI_KEY,
    PUBLIC,
    TMA,
    ApiRoutes,
    add_api_routes,
    model_response,
    operation_for,
    read_model,
    register_authenticator,
)

TEST_SCHEME = "test_key"


class Note(BaseModel):
    text: str = Field(min_length=1)
    grams: int = Field(ge=0)


class NoteSaved(BaseModel):
    item_id: str
    note: Note
    secured_by: str | None


test_routes = ApiRoutes()


@test_routes.post("/test/items/{item_id}/notes", summary="Save a note on an item",
                  security=(TEST_SCHEME,), request=Note, response=NoteSaved, status=201,
                  errors=(404,), tags=("test",))
async def save_note(request: web.Request) -> web.Response:
    note = await read_model(request, Note)
    operation = operation_for(request)
    secured_by = operation.security[0] if operation else None
    saved = NoteSaved(item_id=request.match_info["item_id"], note=note, secured_by=secured_by)
    return model_response(saved, status=201)


async def _check_test_key(request: web.Request) -> None:
    if request.headers.get("Authorization") != "key sesame":
        raise Unauthenticated("A valid key is required.")


@pytest.fixture
async def client(web_app: web.Application) -> AsyncIterator[TestClient]:
    register_authenticator(web_app, TEST_SCHEME, _check_test_key,
                           description={"type": "apiKey", "in": "header",
                                        "name": "Authorization"})
    add_api_routes(web_app, test_routes)
    async with TestClient(TestServer(web_app)) as test_client:
        yield test_client


async def test_meta_is_public_and_names_the_version(
    client: TestClient, web_app: web.Application
) -> None:
    response = await client.get("/api/v1/meta")

    assert response.status == 200
    assert await response.json() == {
        "name": "FruktGo", "version": web_app[VERSION_KEY], "api": "v1"
    }


async def test_the_document_describes_the_registered_routes(
    client: TestClient, web_app: web.Application
) -> None:
    response = await client.get("/api/v1/openapi.json")
    doc = await response.json()

    assert response.status == 200
    assert doc["openapi"].startswith("3.1")
    assert doc["info"] == {"title": "FruktGo API", "version": web_app[VERSION_KEY]}
    meta = doc["paths"]["/api/v1/meta"]["get"]
    assert meta["security"] == []
    assert meta["summary"] == "Service name and version"
    assert meta["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Meta"
    }
    assert set(doc["components"]["schemas"]["Meta"]["required"]) == {"name", "version", "api"}
    assert doc["components"]["securitySchemes"][TMA]["name"] == "Authorization"


async def test_a_secured_route_documents_body_params_security_and_errors(
    client: TestClient,
) -> None:
    doc = await (await client.get("/api/v1/openapi.json")).json()

    operation = doc["paths"]["/api/v1/test/items/{item_id}/notes"]["post"]
    assert operation["operationId"] == "save_note"
    assert operation["security"] == [{TEST_SCHEME: []}]
    assert operation["parameters"] == [
        {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body_schema == {"$ref": "#/components/schemas/Note"}
    assert set(operation["responses"]) == {"201", "400", "401", "404", "422"}
    error_schema = operation["responses"]["401"]["content"]["application/json"]["schema"]
    assert error_schema == {"$ref": "#/components/schemas/ErrorBody"}
    schemas = doc["components"]["schemas"]
    assert {"Note", "NoteSaved", "ErrorBody", "ErrorDetail"} <= set(schemas)
    assert schemas["Note"]["properties"]["grams"]["minimum"] == 0


async def test_a_secured_route_refuses_a_caller_its_scheme_does_not_accept(
    client: TestClient,
) -> None:
    response = await client.post("/api/v1/test/items/7/notes", json={"text": "ripe", "grams": 5})

    assert response.status == 401
    assert await response.json() == {
        "error": {"code": "unauthenticated", "message": "A valid key is required."}
    }


async def test_a_secured_route_serves_an_accepted_caller(client: TestClient) -> None:
    response = await client.post(
        "/api/v1/test/items/7/notes",
        json={"text": "ripe", "grams": 5},
        headers={"Authorization": "key sesame"},
    )

    assert response.status == 201
    assert await response.json() == {
        "item_id": "7",
        "note": {"text": "ripe", "grams": 5},
        "secured_by": TEST_SCHEME,
    }


async def test_a_body_that_is_not_json_is_a_400(client: TestClient) -> None:
    response = await client.post(
        "/api/v1/test/items/7/notes", data=b"{nope", headers={"Authorization": "key sesame"}
    )

    assert response.status == 400
    assert (await response.json())["error"]["code"] == "bad_request"


async def test_a_body_that_does_not_fit_the_schema_is_a_422_naming_the_field(
    client: TestClient,
) -> None:
    response = await client.post(
        "/api/v1/test/items/7/notes",
        json={"text": "ripe", "grams": -1},
        headers={"Authorization": "key sesame"},
    )
    body = await response.json()

    assert response.status == 422
    assert body["error"]["code"] == "validation_failed"
    assert "grams" in body["error"]["message"]


async def test_a_route_needing_an_unchecked_scheme_stops_the_app_at_start(
    web_app: web.Application,
) -> None:
    unguarded = ApiRoutes()
    # Described in the document, but no code checks it (tma and session are checked by web.auth).
    web_app[OPENAPI_KEY].security_schemes["unchecked_key"] = {
        "type": "apiKey", "in": "header", "name": "X-Unchecked"}

    @unguarded.get("/test/orders", summary="Orders", security=("unchecked_key",))
    async def list_orders(request: web.Request) -> web.Response:
        return web.json_response([])

    add_api_routes(web_app, unguarded)

    with pytest.raises(RuntimeError, match="unchecked_key"):
        async with TestClient(TestServer(web_app)):
            pass


def test_an_operation_id_is_used_once(web_app: web.Application) -> None:
    twice = ApiRoutes()

    @twice.get("/test/a", summary="A", security=PUBLIC, operation_id="get_meta")
    async def first(request: web.Request) -> web.Response:
        return web.json_response({})

    with pytest.raises(ValueError, match="get_meta"):
        add_api_routes(web_app, twice)
