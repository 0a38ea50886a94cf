"""Routes under /api/v1 that describe themselves, and the OpenAPI 3.1 document built from them.

A web module declares its endpoints on an ``ApiRoutes`` table, much like aiohttp's
``RouteTableDef``, saying what each one does, what it reads and returns (pydantic models) and who
may call it::

    routes = ApiRoutes()

    @routes.get("/meta", summary="Service name and version", response=Meta, security=PUBLIC)
    async def meta(request: web.Request) -> web.Response: ...

and the app includes the table with ``add_api_routes(app, routes)``. ``security`` is required on
every endpoint: ``PUBLIC`` (documented as ``security: []``) or the names of the schemes that may
authenticate the call, e.g. ``(TMA,)`` for Mini App calls carrying ``Authorization: tma
<initData>``. Which code checks a scheme is registered once per app with ``register_authenticator``;
``security_middleware`` runs it before the handler, and a route that needs a scheme nobody checks
stops the app at start-up rather than serving unprotected.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal, TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import BaseModel, ValidationError
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from core.shared.errors import Unauthenticated, ValidationFailed

API_PREFIX = "/api/v1"
OPENAPI_PATH = f"{API_PREFIX}/openapi.json"

PUBLIC: tuple[str, ...] = ()
TMA = "tma"

# Telegram documents "Authorization: tma <initData>"; "tma" is no registered HTTP auth scheme, so
# OpenAPI can only describe it as a key carried in the Authorization header.
TMA_SCHEME: Mapping[str, str] = {
    "type": "apiKey",
    "in": "header",
    "name": "Authorization",
    "description": "Telegram Mini App init data: `Authorization: tma <initData>`. The server "
    "checks the HMAC signature and the age of auth_date.",
}

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
Authenticator = Callable[[web.Request], Awaitable[None]]
"""Checks one security scheme: returns when the caller is authenticated (it may store who they
are on the request), raises ``Unauthenticated`` otherwise."""

M = TypeVar("M", bound=BaseModel)

_PATH_PARAM = re.compile(r"\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::[^{}]*)?\}")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error answer."""

    error: ErrorDetail


@dataclass(frozen=True)
class Operation:
    """What an endpoint says about itself in the OpenAPI document."""

    summary: str
    security: tuple[str, ...]
    request: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = HTTPStatus.OK
    description: str | None = None
    tags: tuple[str, ...] = ()
    errors: tuple[int, ...] = ()
    operation_id: str | None = None
    # Bodies that are not one JSON model (uploads, images): media type -> OpenAPI schema.
    request_content: Mapping[str, Any] | None = None
    response_content: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class ApiRoute:
    method: Method
    path: str
    handler: Handler
    operation: Operation
    prefix: str = API_PREFIX

    @property
    def full_path(self) -> str:
        return self.prefix + self.path

    @property
    def operation_id(self) -> str:
        return self.operation.operation_id or self.handler.__name__


class ApiRoutes:
    """A table of /api/v1 endpoints declared with decorators; paths are relative to /api/v1
    (or to ``prefix``: ``""`` documents a route outside the API, such as /media/{id})."""

    def __init__(self, prefix: str = API_PREFIX) -> None:
        self._routes: list[ApiRoute] = []
        self._prefix = prefix

    def __len__(self) -> int:
        return len(self._routes)

    def __iter__(self) -> Iterator[ApiRoute]:
        return iter(self._routes)

    def route(
        self, method: Method, path: str, *, summary: str, security: Sequence[str], **details: Any
    ) -> Callable[[Handler], Handler]:
        """Declare an endpoint; ``details`` are the other ``Operation`` fields."""
        if not path.startswith("/"):
            raise ValueError(f"API paths start with '/': {path!r}")
        operation = Operation(summary=summary, security=tuple(security), **details)

        def register(handler: Handler) -> Handler:
            self._routes.append(ApiRoute(method, path, handler, operation, self._prefix))
            return handler

        return register

    def get(self, path: str, *, summary: str, security: Sequence[str], **details: Any
            ) -> Callable[[Handler], Handler]:
        return self.route("GET", path, summary=summary, security=security, **details)

    def post(self, path: str, *, summary: str, security: Sequence[str], **details: Any
             ) -> Callable[[Handler], Handler]:
        return self.route("POST", path, summary=summary, security=security, **details)

    def put(self, path: str, *, summary: str, security: Sequence[str], **details: Any
            ) -> Callable[[Handler], Handler]:
        return self.route("PUT", path, summary=summary, security=security, **details)

    def patch(self, path: str, *, summary: str, security: Sequence[str], **details: Any
              ) -> Callable[[Handler], Handler]:
        return self.route("PATCH", path, summary=summary, security=security, **details)

    def delete(self, path: str, *, summary: str, security: Sequence[str], **details: Any
               ) -> Callable[[Handler], Handler]:
        return self.route("DELETE", path, summary=summary, security=security, **details)


@dataclass
class ApiSpec:
    """The app's registered API routes, security schemes and authenticators."""

    title: str
    version: str
    routes: list[ApiRoute] = field(default_factory=list)
    security_schemes: dict[str, Mapping[str, str]] = field(
        default_factory=lambda: {TMA: TMA_SCHEME}
    )
    authenticators: dict[str, Authenticator] = field(default_factory=dict)
    _by_route: dict[web.AbstractRoute, ApiRoute] = field(
        default_factory=dict, init=False, repr=False
    )

    def operation_for(self, route: web.AbstractRoute) -> Operation | None:
        api_route = self._by_route.get(route)
        return api_route.operation if api_route else None

    def document(self) -> dict[str, Any]:
        """The OpenAPI 3.1 document describing every registered route."""
        refs, definitions = _schemas(self.routes)
        paths: dict[str, dict[str, Any]] = {}
        for route in self.routes:
            path = _PATH_PARAM.sub(r"{\g<name>}", route.full_path)
            paths.setdefault(path, {})[route.method.lower()] = _operation_object(route, refs)
        return {
            "openapi": "3.1.0",
            "info": {"title": self.title, "version": self.version},
            "paths": paths,
            "components": {
                "schemas": definitions,
                "securitySchemes": dict(self.security_schemes),
            },
        }


OPENAPI_KEY = web.AppKey("openapi", ApiSpec)


def setup_api(app: web.Application, *, title: str, version: str) -> ApiSpec:
    """Give ``app`` an API spec, the /api/v1/openapi.json route and the start-up check."""
    spec = ApiSpec(title=title, version=version)
    app[OPENAPI_KEY] = spec
    app.router.add_get(OPENAPI_PATH, openapi_handler)
    app.on_startup.append(_check_authenticators)
    return spec


def add_api_routes(app: web.Application, routes: Iterable[ApiRoute]) -> None:
    """Serve ``routes`` under /api/v1 and list them in the document."""
    spec = app[OPENAPI_KEY]
    for api_route in routes:
        if any(known.operation_id == api_route.operation_id for known in spec.routes):
            raise ValueError(f"operation id {api_route.operation_id!r} is used twice")
        route = app.router.add_route(api_route.method, api_route.full_path, api_route.handler)
        spec.routes.append(api_route)
        spec._by_route[route] = api_route


def register_authenticator(app: web.Application, scheme: str, check: Authenticator,
                           *, description: Mapping[str, str] | None = None) -> None:
    """Name the code that checks ``scheme``; ``description`` documents a new scheme."""
    spec = app[OPENAPI_KEY]
    if description is not None:
        spec.security_schemes[scheme] = description
    if scheme not in spec.security_schemes:
        raise ValueError(f"security scheme {scheme!r} is not described")
    spec.authenticators[scheme] = check


def operation_for(request: web.Request) -> Operation | None:
    """The API operation a request matched, or None outside the described API."""
    spec = request.app.get(OPENAPI_KEY)
    return spec.operation_for(request.match_info.route) if spec is not None else None


@web.middleware
async def security_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Run the route's authenticators: any one of its schemes accepting the call lets it in."""
    operation = operation_for(request)
    if operation is None or not operation.security:
        return await handler(request)
    authenticators = request.app[OPENAPI_KEY].authenticators
    refusal: Unauthenticated | None = None
    for scheme in operation.security:
        try:
            await authenticators[scheme](request)
        except Unauthenticated as exc:
            refusal = exc
        else:
            return await handler(request)
    raise refusal or Unauthenticated()


async def openapi_handler(request: web.Request) -> web.Response:
    """GET /api/v1/openapi.json: the API description."""
    return web.json_response(request.app[OPENAPI_KEY].document())


async def read_model(request: web.Request, model: type[M]) -> M:
    """Parse the JSON body into ``model``: 400 when it is not JSON, 422 when it does not fit."""
    raw = await request.read()
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        problems = exc.errors(include_url=False)
        if any(problem["type"] == "json_invalid" for problem in problems):
            raise web.HTTPBadRequest(text="The request body is not valid JSON.") from None
        raise ValidationFailed(_describe(problems)) from None


def model_response(model: BaseModel, *, status: int = HTTPStatus.OK) -> web.Response:
    """Answer with ``model`` as JSON."""
    return web.Response(
        text=model.model_dump_json(), status=status, content_type="application/json"
    )


def _describe(problems: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for problem in problems[:5]:
        where = ".".join(str(part) for part in problem["loc"]) or "body"
        parts.append(f"{where}: {problem['msg']}")
    return "; ".join(parts)


async def _check_authenticators(app: web.Application) -> None:
    spec = app[OPENAPI_KEY]
    for route in spec.routes:
        missing = [scheme for scheme in route.operation.security
                   if scheme not in spec.authenticators]
        if missing:
            raise RuntimeError(
                f"{route.method} {route.full_path} needs security scheme(s) {missing} but no "
                "authenticator is registered for them"
            )


_SchemaKey = tuple[type[BaseModel], JsonSchemaMode]


def _schemas(routes: Iterable[ApiRoute]) -> tuple[Mapping[Any, Any], dict[str, Any]]:
    wanted: list[_SchemaKey] = [(ErrorBody, "serialization")]
    for route in routes:
        if route.operation.request is not None:
            wanted.append((route.operation.request, "validation"))
        if route.operation.response is not None:
            wanted.append((route.operation.response, "serialization"))
    refs, definitions = models_json_schema(
        list(dict.fromkeys(wanted)), ref_template="#/components/schemas/{model}"
    )
    return refs, definitions.get("$defs", {})


def _operation_object(route: ApiRoute, refs: Mapping[Any, Any]) -> dict[str, Any]:
    operation = route.operation
    result: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": operation.summary,
        "security": [{scheme: []} for scheme in operation.security],
    }
    if operation.description:
        result["description"] = operation.description
    if operation.tags:
        result["tags"] = list(operation.tags)
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _PATH_PARAM.findall(route.path)
    ]
    if parameters:
        result["parameters"] = parameters
    if operation.request is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(operation.request, "validation")]}},
        }
    elif operation.request_content is not None:
        result["requestBody"] = {"required": True, "content": dict(operation.request_content)}
    result["responses"] = _responses(route, refs)
    return result


def _responses(route: ApiRoute, refs: Mapping[Any, Any]) -> dict[str, Any]:
    operation = route.operation
    success: dict[str, Any] = {"description": HTTPStatus(operation.status).phrase}
    if operation.response is not None:
        schema = refs[(operation.response, "serialization")]
        success["content"] = {"application/json": {"schema": schema}}
    elif operation.response_content is not None:
        success["content"] = dict(operation.response_content)
    responses: dict[str, Any] = {str(operation.status): success}
    error_statuses = set(operation.errors)
    if operation.security:
        error_statuses.add(HTTPStatus.UNAUTHORIZED)
    if operation.request is not None:
        error_statuses.update({HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY})
    error_schema = {"application/json": {"schema": refs[(ErrorBody, "serialization")]}}
    for status in sorted(error_statuses):
        responses[str(status)] = {"description": HTTPStatus(status).phrase,
                                  "content": error_schema}
    return responses

