"""The price list over the API: download it as CSV, upload it for a dry run or to apply.

An upload is the CSV itself (``Content-Type: text/csv``) or a form with a ``file`` field
(``multipart/form-data``), read up to ``MAX_BYTES``. ``?dry_run=1`` (the default) only checks;
``?dry_run=0`` applies everything, or, when any row is wrong, nothing: then 422
``price_list_invalid`` with the wrong ``rows``.
"""

from __future__ import annotations

from http import HTTPStatus

from aiohttp import BodyPartReader, web

from core.pricelist.api import MAX_BYTES, MAX_ROWS, export_price_list, import_price_list
from core.pricelist.errors import PriceListInvalid, PriceListTooLarge
from core.pricelist.schemas import ImportReport, RowChange, RowError
from core.shared.errors import ValidationFailed
from core.shared.i18n import Translator, error_key
from core.shared.money import Money
from web.api_business.localized import answers_localized, language
from web.api_catalog.models import (
    ImportChangeView,
    ImportErrorView,
    ImportReportView,
    PriceListErrorBody,
    PriceListErrorDetail,
    per,
)
from web.api_catalog.params import path_id, query_bool, translator_of
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response

routes = ApiRoutes()

TAGS = ("catalog",)
_CHUNK = 64 * 1024


def _too_large() -> PriceListTooLarge:
    return PriceListTooLarge(max_kb=MAX_BYTES // 1024, max_rows=MAX_ROWS)


async def _bounded(read_chunk: BodyPartReader | web.Request) -> bytes:
    data = bytearray()
    while True:
        if isinstance(read_chunk, BodyPartReader):
            chunk = await read_chunk.read_chunk(_CHUNK)
        else:
            chunk = await read_chunk.content.read(_CHUNK)
        if not chunk:
            return bytes(data)
        data.extend(chunk)
        if len(data) > MAX_BYTES:
            raise _too_large()


async def _upload(request: web.Request) -> bytes:
    """The CSV's bytes, from the body or from a form's ``file`` field."""
    if request.content_type != "multipart/form-data":
        return await _bounded(request)
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if isinstance(part, BodyPartReader) and part.name == "file":
            return await _bounded(part)
    raise ValidationFailed("file: a form field named file is required")


def _kopecks(money: Money | None) -> int | None:
    return None if money is None else money.minor


def _change_view(change: RowChange, lang: str) -> ImportChangeView:
    price, old = change.price, change.old_price
    return ImportChangeView(
        line=change.line,
        offer_id=change.offer_id,
        product_id=change.product_id,
        name=change.name(lang),
        per=per(change.unit),
        new_offer=change.new_offer,
        price=None if price is None else (_kopecks(price[0]), price[1].minor),
        old_price=None if old is None else (_kopecks(old[0]), _kopecks(old[1])),
        stock=change.stock,
        visible=change.visible,
    )


def _error_view(error: RowError, translator: Translator, lang: str) -> ImportErrorView:
    key = error_key(error.code)
    message = translator.get(lang, key, **error.params) if translator.knows(key) else error.code
    return ImportErrorView(line=error.line, column=error.column, code=error.code, message=message)


def _report_view(report: ImportReport, translator: Translator, lang: str) -> ImportReportView:
    return ImportReportView(
        dry_run=report.dry_run,
        applied=report.applied,
        rows=report.rows,
        changes=[_change_view(change, lang) for change in report.changes],
        errors=[_error_view(error, translator, lang) for error in report.errors],
    )


@routes.get(
    "/shops/{shop_id}/price-list.csv",
    summary="Download the shop's price list as CSV",
    security=SIGNED_IN,
    errors=(403, 404),
    tags=TAGS,
    description="`text/csv; charset=utf-8` as an attachment: `;`-separated, UTF-8 with "
    "a BOM, columns product_id;barcode;name_ru;name_en;unit;price;old_price;stock;"
    "visible; prices in roubles (89,90), stock in pieces or kilograms (1,5).",
)
@answers_localized
async def get_price_list_csv(request: web.Request) -> web.Response:
    """The price list file."""
    shop_id = path_id(request, "shop_id")
    text = await export_price_list(request.app[DB_KEY], actor_of(request), shop_id)
    return web.Response(
        body=text.encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="price-list-{shop_id}.csv"'},
    )


@routes.post(
    "/shops/{shop_id}/price-list",
    summary="Upload a price list: check it, or apply it",
    security=SIGNED_IN,
    response=ImportReportView,
    errors=(403, 404, 409, 422),
    tags=TAGS,
    description="Body: the CSV (`text/csv`) or `multipart/form-data` with a `file` "
    "field, at most 1 MB and 5000 rows; `;` or `,` separated. `?dry_run=1` (default) "
    "reports the changes and errors per line and column; `?dry_run=0` applies "
    "everything in one transaction, or nothing while a row is wrong: then 422 "
    '`{"error": {"code": "price_list_invalid", "message", "rows": [...]}}`.',
)
@answers_localized
async def post_price_list(request: web.Request) -> web.Response:
    """Import a price list."""
    dry_run = query_bool(request, "dry_run")
    data = await _upload(request)
    report = await import_price_list(
        request.app[DB_KEY],
        actor_of(request),
        path_id(request, "shop_id"),
        data,
        dry_run=True if dry_run is None else dry_run,
    )
    translator, lang = translator_of(request), language(request)
    view = _report_view(report, translator, lang)
    if report.dry_run or report.applied:
        return model_response(view)
    invalid = PriceListInvalid(count=len({error.line for error in report.errors}))
    body = PriceListErrorBody(
        error=PriceListErrorDetail(
            code=invalid.code,
            message=translator.get(lang, error_key(invalid.code), **invalid.params),
            rows=view.errors,
        )
    )
    return model_response(body, status=HTTPStatus.UNPROCESSABLE_ENTITY)
