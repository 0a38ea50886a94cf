"""The middlewares every request passes: observation (request id, access log, metrics) on the
outside, error mapping inside it, so the access log and the metrics see the final status."""

from __future__ import annotations

import re
import time
import uuid

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from core.shared.errors import CoreError
from web.errors import (
    INTERNAL_CODE,
    INTERNAL_MESSAGE,
    core_error_response,
    error_response,
    http_error_response,
)
from web.metrics import METRICS_KEY, route_label

log = structlog.get_logger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
API_PREFIX = "/api/"
# Probes and scrapes arrive every few seconds; their successes are logged at debug level only.
QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
# nginx's convention for "the client went away before the answer".
CLIENT_CLOSED_STATUS = 499

_REQUEST_ID_SHAPE = re.compile(r"[A-Za-z0-9._-]{1,64}")
REQUEST_ID_KEY = web.RequestKey("request_id", str)


def request_id_of(request: web.Request) -> str:
    """The id this request is logged under (taken from X-Request-ID when it looks sane)."""
    return request[REQUEST_ID_KEY]


def _incoming_request_id(request: web.Request) -> str:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    # The header is client input: accept it only in a shape that is safe to log and echo.
    return given if _REQUEST_ID_SHAPE.fullmatch(given) else uuid.uuid4().hex


@web.middleware
async def observe_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Give the request an id, then write one access-log line and the metrics once it is done."""
    request_id = _incoming_request_id(request)
    request[REQUEST_ID_KEY] = request_id
    started = time.perf_counter()
    status = CLIENT_CLOSED_STATUS
    with structlog.contextvars.bound_contextvars(request_id=request_id):
        try:
            response = await handler(request)
            status = response.status
            if not response.prepared:
                response.headers[REQUEST_ID_HEADER] = request_id
            return response
        except web.HTTPException as exc:  # pages outside /api/ keep aiohttp's own answers
            status = exc.status
            exc.headers[REQUEST_ID_HEADER] = request_id
            raise
        finally:
            _record(request, request_id, status, time.perf_counter() - started)


def _record(request: web.Request, request_id: str, status: int, seconds: float) -> None:
    request.app[METRICS_KEY].observe(
        method=request.method, route=route_label(request), status=status, seconds=seconds
    )
    quiet = request.path in QUIET_PATHS and status < 400
    emit = log.debug if quiet else log.info
    emit(
        "http.request",
        method=request.method,
        path=request.path,
        status=status,
        duration_ms=round(seconds * 1000, 1),
        request_id=request_id,
    )


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Map domain errors, API HTTP errors and crashes to ``{"error": {"code", "message"}}``."""
    try:
        return await handler(request)
    except CoreError as exc:
        return core_error_response(exc)
    except web.HTTPException as exc:
        if exc.status >= 400 and request.path.startswith(API_PREFIX):
            return http_error_response(exc)
        raise
    except Exception:
        # The traceback goes to the log only: clients never see internals.
        log.exception("http.unhandled_error", method=request.method, path=request.path)
        return error_response(500, INTERNAL_CODE, INTERNAL_MESSAGE)
