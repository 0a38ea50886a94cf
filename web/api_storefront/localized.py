"""Error answers of the storefront endpoints in the person's language.

The storefront and cart pages show an error as it comes, so the message is formatted here from
``error-<code>`` (Fluent, with the error's params) in the language of ``?lang=``, else the one
the person chose, else Accept-Language: ``{"error": {"code", "message", "params"}}``.
"""

from __future__ import annotations

import functools
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import BaseModel

from core.shared.errors import CoreError
from core.shared.i18n import Translator, error_key
from web.api_business.localized import language
from web.errors import status_for
from web.pages.render import PAGES_KEY


class LocalizedError(BaseModel):
    code: str
    message: str
    params: dict[str, Any]


class LocalizedErrorBody(BaseModel):
    """The error answer of the storefront endpoints."""

    error: LocalizedError


def translator_of(request: web.Request) -> Translator:
    """The app's translator (the pages' one)."""
    pages = request.app.get(PAGES_KEY)
    return pages.translator if pages is not None else Translator()


def _plain(value: object) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def error_answer(request: web.Request, error: CoreError) -> web.Response:
    """The JSON answer for ``error``, its message in the request's language."""
    translator, key = translator_of(request), error_key(error.code)
    message = (
        translator.get(language(request), key, **error.params)
        if translator.knows(key)
        else error.message
    )
    body = LocalizedErrorBody(
        error=LocalizedError(
            code=error.code,
            message=message,
            params={name: _plain(value) for name, value in error.params.items()},
        )
    )
    return web.Response(
        text=body.model_dump_json(), status=status_for(error), content_type="application/json"
    )


def answers_localized(handler: Handler) -> Handler:
    """Turn the domain errors ``handler`` raises into answers in the person's language."""

    @functools.wraps(handler)
    async def localized(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except CoreError as error:
            return error_answer(request, error)

    return localized
