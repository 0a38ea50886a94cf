"""How failures look on the wire: ``{"error": {"code", "message"}}`` with a fitting HTTP status.

Domain validation errors answer 422: the request was readable but the domain refused it, and a
readable body that does not fit its schema is 422 too. 400 is kept for requests that cannot be
read at all, such as broken JSON. The other kinds map one to one: not_found 404, conflict 409,
forbidden 403, unauthenticated 401, unavailable 503. Crashes answer 500 with code "internal" and
a fixed message; the details go to the log only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus

from aiohttp import web

from core.shared.errors import CoreError, ErrorKind

STATUS_BY_KIND: Mapping[ErrorKind, int] = {
    ErrorKind.VALIDATION: HTTPStatus.UNPROCESSABLE_ENTITY,
    ErrorKind.NOT_FOUND: HTTPStatus.NOT_FOUND,
    ErrorKind.CONFLICT: HTTPStatus.CONFLICT,
    ErrorKind.FORBIDDEN: HTTPStatus.FORBIDDEN,
    ErrorKind.UNAUTHENTICATED: HTTPStatus.UNAUTHORIZED,
    ErrorKind.UNAVAILABLE: HTTPStatus.SERVICE_UNAVAILABLE,
}

INTERNAL_CODE = "internal"
INTERNAL_MESSAGE = "Something went wrong on our side; please try again later."


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    """The JSON body every error answer carries."""
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, *, headers: Mapping[str, str] | None = None
) -> web.Response:
    """A JSON error answer with the given status."""
    return web.json_response(error_body(code, message), status=status, headers=headers)


def status_for(error: CoreError) -> int:
    """The HTTP status a domain error answers with."""
    return STATUS_BY_KIND.get(error.kind, HTTPStatus.CONFLICT)


def core_error_response(error: CoreError) -> web.Response:
    """Turn a domain error into its JSON answer."""
    return error_response(status_for(error), error.code, error.message)


def http_error_response(error: web.HTTPException) -> web.Response:
    """Turn an aiohttp HTTP error into the same JSON shape, keeping headers such as Allow."""
    # The code comes from the standard phrase so it stays stable whatever reason a handler gave.
    phrase = _phrase(error.status)
    code = re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")
    # A handler's own text is meant for the client; aiohttp's default is "<status>: <reason>".
    default_text = f"{error.status}: {error.reason}"
    message = error.text if error.text and error.text != default_text else error.reason or phrase
    headers = {
        name: value
        for name, value in error.headers.items()
        if name.lower() not in {"content-type", "content-length"}
    }
    return error_response(error.status, code, message, headers=headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"http {status}"
