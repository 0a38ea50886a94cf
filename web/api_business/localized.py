"""Error answers of the business endpoints, in the person's language and naming the field.

A form page shows each problem next to its input, in the page's language. Fluent messages with
variables cannot be formatted in the browser, so these endpoints answer with the message already
localized, besides the stable code and its params::

    {"error": {"code": "invalid_inn", "message": "ИНН не подходит: ...", "params": {...},
               "fields": [{"field": "inn", "code": "invalid_inn", "message": "...",
                           "params": {...}}]}}

``fields`` lists every wrong field of a form (see web.api_business.forms), or the one field a
domain error is about, or nothing. The language is ``?lang=`` (the pages send theirs), else the
one the person chose, else Accept-Language, else the default.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import BaseModel

from core.shared.errors import CoreError
from core.shared.i18n import Translator, error_key, supported_language
from web.api_business.forms import FieldProblem, InvalidFields
from web.auth import USER_KEY
from web.errors import status_for
from web.keys import SETTINGS_KEY
from web.pages.render import PAGES_KEY, page_language

# Which field a domain error is about, when core found it (forms find most themselves).
_FIELD_BY_CODE: Mapping[str, str] = {
    "invalid_inn": "inn",
    "inn_taken": "inn",
    "tax_system_not_allowed": "tax_system",
    "invalid_business_phone": "phone",
    "invalid_email": "email",
    "invalid_timezone": "shop.timezone",
    "invalid_hours": "shop.hours",
    "overlapping_hours": "shop.hours",
    "overlapping_breaks": "shop.hours",
    "break_outside_hours": "shop.hours",
    "invalid_coordinates": "shop.point",
    "invalid_geojson": "shop.zone",
    "too_few_points": "shop.zone",
    "too_many_points": "shop.zone",
    "degenerate_zone": "shop.zone",
    "self_intersecting_zone": "shop.zone",
    "zone_hole_outside": "shop.zone",
    "zone_crosses_antimeridian": "shop.zone",
    "invalid_radius": "shop.zone",
    "invalid_assembly_time": "shop.assembly_minutes",
    "invalid_rejection_reason": "reason",
    "invalid_logo": "logo",
}
_TEXT_FIELDS: Mapping[str, str] = {
    "legal_name": "legal_name",
    "shop_name": "shop.name",
    "address": "shop.address",
    "description": "description",
}


class FieldErrorView(BaseModel):
    field: str
    code: str
    message: str
    params: dict[str, Any]


class FormErrorDetail(BaseModel):
    code: str
    message: str
    params: dict[str, Any]
    fields: list[FieldErrorView]


class FormErrorBody(BaseModel):
    """The error answer of the business endpoints."""

    error: FormErrorDetail


def field_of(error: CoreError) -> str | None:
    """The form field a domain error is about, if any."""
    if error.code == "invalid_text":
        return _TEXT_FIELDS.get(str(error.params.get("field")))
    if error.code in {"invalid_amount", "form_amount_unreadable"}:
        return f"shop.{error.params.get('field')}"
    return _FIELD_BY_CODE.get(error.code)


def language(request: web.Request) -> str:
    """The language to answer in."""
    chosen = supported_language(request.query.get("lang"))
    if chosen:
        return chosen
    user = request.get(USER_KEY)
    stored = supported_language(user.language) if user is not None else None
    return stored or page_language(request, request.app[SETTINGS_KEY].default_language)


def _translator(request: web.Request) -> Translator:
    pages = request.app.get(PAGES_KEY)
    return pages.translator if pages is not None else Translator()


def _json_safe(params: Mapping[str, object]) -> dict[str, Any]:
    return {name: value if isinstance(value, str | int | float | bool) or value is None
            else str(value) for name, value in params.items()}


def _message(translator: Translator, lang: str, error: CoreError) -> str:
    key = error_key(error.code)
    if not translator.knows(key):
        return error.message
    return translator.get(lang, key, **error.params)


def _field_view(translator: Translator, lang: str, problem: FieldProblem) -> FieldErrorView:
    error = problem.error
    return FieldErrorView(field=problem.field, code=error.code,
                          message=_message(translator, lang, error),
                          params=_json_safe(error.params))


def error_answer(request: web.Request, error: CoreError) -> web.Response:
    """The localized JSON answer for ``error``."""
    translator, lang = _translator(request), language(request)
    if isinstance(error, InvalidFields):
        problems = list(error.problems)
    else:
        field = field_of(error)
        problems = [FieldProblem(field, error)] if field else []
    fields = [_field_view(translator, lang, problem) for problem in problems]
    body = FormErrorBody(error=FormErrorDetail(
        code=error.code,
        message=fields[0].message if fields else _message(translator, lang, error),
        params=_json_safe(error.params),
        fields=fields,
    ))
    return web.Response(text=body.model_dump_json(), status=status_for(error),
                        content_type="application/json")


def answers_localized(handler: Handler) -> Handler:
    """Turn the domain errors ``handler`` raises into localized answers naming their fields."""

    @functools.wraps(handler)
    async def localized(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except CoreError as error:
            return error_answer(request, error)

    return localized
