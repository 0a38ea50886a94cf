"""The seller's catalog over the API: the shop's offers with stock, platform products to pick
from, offering one, the shop's own products, inline price and visibility edits, stock counts,
thresholds and history. Who may do what is core.auth.policy's (checked by the core commands)."""

from __future__ import annotations

from http import HTTPStatus

from aiohttp import web

from core.auth.api import get_user
from core.catalog.errors import InvalidTag
from core.catalog.schemas import ProductForm, Tag
from core.inventory.api import set_low_stock_threshold, set_stock, stock_history
from core.inventory.schemas import AdjustmentOut
from core.pricelist.api import (
    create_shop_product,
    offer_product,
    platform_products,
    seller_offer,
    seller_offers,
    update_shop_product,
)
from core.pricelist.schemas import IMPORT_NOTE, SellerOffer, StockLevel
from core.shared.errors import ValidationFailed
from core.shared.money import Money
from core.shared.uow import Transaction
from core.storefront.api import get_offer, set_position, set_price, set_visibility
from core.storefront.schemas import OfferForm
from web.api_business.localized import answers_localized, language
from web.api_catalog.models import (
    HistoryItemView,
    HistoryView,
    NewProductIn,
    OfferIn,
    OfferPatchIn,
    ProductIn,
    ProductsView,
    ProductView,
    SellerOffersView,
    SellerOfferView,
    StockIn,
    ThresholdIn,
    product_view,
    seller_offer_view,
)
from web.api_catalog.params import (
    MAX_LIMIT,
    path_id,
    query_bool,
    query_id,
    query_int,
    query_text,
    translator_of,
)
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("catalog",)
HISTORY_LIMIT = 50


def _stock_level(request: web.Request) -> StockLevel | None:
    text = query_text(request, "stock")
    if text is None:
        return None
    try:
        return StockLevel(text.lower())
    except ValueError:
        raise ValidationFailed("stock: expected low, out or in") from None


def _rub(kopecks: int | None) -> Money | None:
    return None if kopecks is None else Money(kopecks, "RUB")


def _product_form(body: ProductIn) -> ProductForm:
    try:
        tags = frozenset(Tag(tag) for tag in body.tags)
    except ValueError:
        raise InvalidTag(known=", ".join(Tag)) from None
    return ProductForm(
        category_id=body.category_id,
        name_ru=body.name_ru,
        name_en=body.name_en,
        unit=body.unit,
        description_ru=body.description_ru,
        description_en=body.description_en,
        step_grams=body.step_grams,
        piece_grams=body.piece_grams,
        photos=tuple(body.photos),
        tags=tags,
        barcode=body.barcode,
    )


def _answer(item: SellerOffer, status: int = HTTPStatus.OK) -> web.Response:
    return model_response(seller_offer_view(item), status=status)


@routes.get(
    "/shops/{shop_id}/offers",
    summary="The shop's offers with their stock",
    security=SIGNED_IN,
    response=SellerOffersView,
    errors=(403, 404, 422),
    tags=TAGS,
    description="The shop's staff and platform staff. Query: `q` (search), "
    "`category_id` (with subcategories), `visible=true|false`, `stock=low|out|in`, "
    "`offset`, `limit` (at most 100).",
)
@answers_localized
async def get_seller_offers(request: web.Request) -> web.Response:
    """A page of the shop's offers, hidden and archived ones too."""
    page = await seller_offers(
        request.app[DB_KEY],
        actor_of(request),
        path_id(request, "shop_id"),
        query=query_text(request, "q"),
        category_id=query_id(request, "category_id"),
        visible=query_bool(request, "visible"),
        stock=_stock_level(request),
        offset=query_int(request, "offset", 0),
        limit=query_int(request, "limit", 50, maximum=MAX_LIMIT),
    )
    return model_response(
        SellerOffersView(
            items=[seller_offer_view(item) for item in page.items],
            next_offset=page.next_offset,
            total=page.total,
        )
    )


@routes.get(
    "/shops/{shop_id}/platform-products",
    summary="Platform products the shop does not offer yet",
    security=SIGNED_IN,
    response=ProductsView,
    errors=(403, 404, 422),
    tags=TAGS,
    description="To pick from when adding an offer. Query: `q`, `category_id`, `offset`, `limit`.",
)
@answers_localized
async def get_platform_products(request: web.Request) -> web.Response:
    """A page of platform products to offer."""
    page = await platform_products(
        request.app[DB_KEY],
        actor_of(request),
        path_id(request, "shop_id"),
        query=query_text(request, "q"),
        category_id=query_id(request, "category_id"),
        offset=query_int(request, "offset", 0),
        limit=query_int(request, "limit", 50, maximum=MAX_LIMIT),
    )
    return model_response(
        ProductsView(items=[product_view(p) for p in page.items], next_offset=page.next_offset)
    )


@routes.post(
    "/shops/{shop_id}/offers",
    summary="Offer a platform product in the shop",
    security=SIGNED_IN,
    request=OfferIn,
    response=SellerOfferView,
    status=201,
    errors=(403, 404, 409),
    tags=TAGS,
    description="Owners, managers and admins; `stock` sets the count on hand (the shop's staff).",
)
@answers_localized
async def post_seller_offer(request: web.Request) -> web.Response:
    """Offer a product at a price."""
    body = await read_model(request, OfferIn)
    form = OfferForm(
        body.product_id, Money(body.price, "RUB"), _rub(body.old_price), body.visible, body.position
    )
    item = await offer_product(
        request.app[DB_KEY], actor_of(request), path_id(request, "shop_id"), form, stock=body.stock
    )
    return _answer(item, HTTPStatus.CREATED)


@routes.post(
    "/shops/{shop_id}/products",
    summary="Add a product of the shop's own and offer it",
    security=SIGNED_IN,
    request=NewProductIn,
    response=SellerOfferView,
    status=201,
    errors=(403, 404, 409),
    tags=TAGS,
    description="The product and its offer in one transaction.",
)
@answers_localized
async def post_shop_product(request: web.Request) -> web.Response:
    """Create the shop's own product with its offer."""
    body = await read_model(request, NewProductIn)
    item = await create_shop_product(
        request.app[DB_KEY],
        actor_of(request),
        path_id(request, "shop_id"),
        _product_form(body),
        price=Money(body.price, "RUB"),
        old_price=_rub(body.old_price),
        visible=body.visible,
        stock=body.stock,
    )
    return _answer(item, HTTPStatus.CREATED)


@routes.put(
    "/shops/{shop_id}/products/{product_id}",
    summary="Edit a product of the shop's own",
    security=SIGNED_IN,
    request=ProductIn,
    response=ProductView,
    errors=(403, 404, 409),
    tags=TAGS,
    description="Platform products answer 403 `product_not_own`; the unit is fixed.",
)
@answers_localized
async def put_shop_product(request: web.Request) -> web.Response:
    """Replace the description of the shop's own product."""
    body = await read_model(request, ProductIn)
    product = await update_shop_product(
        request.app[DB_KEY],
        actor_of(request),
        path_id(request, "shop_id"),
        path_id(request, "product_id"),
        _product_form(body),
    )
    return model_response(product_view(product))


@routes.get(
    "/offers/{offer_id}",
    summary="One offer with its product and stock",
    security=SIGNED_IN,
    response=SellerOfferView,
    errors=(403, 404),
    tags=TAGS,
    description="The shop's staff, support and admins.",
)
@answers_localized
async def get_seller_offer(request: web.Request) -> web.Response:
    """An offer as the seller's pages show it (the edit and stock history pages)."""
    db, actor = request.app[DB_KEY], actor_of(request)
    return _answer(await seller_offer(db, actor, path_id(request, "offer_id")))


@routes.patch(
    "/offers/{offer_id}",
    summary="Change an offer's price, visibility or position",
    security=SIGNED_IN,
    request=OfferPatchIn,
    response=SellerOfferView,
    errors=(403, 404),
    tags=TAGS,
    description="Only the fields given change, all in one transaction.",
)
@answers_localized
async def patch_seller_offer(request: web.Request) -> web.Response:
    """Inline edits of an offer."""
    body = await read_model(request, OfferPatchIn)
    given = body.model_fields_set
    db, actor, offer_id = request.app[DB_KEY], actor_of(request), path_id(request, "offer_id")

    async def edit(tx: Transaction) -> SellerOffer:
        offer = await get_offer(db, offer_id)
        if "price" in given and body.price is None:
            raise ValidationFailed("price: a price cannot be removed")
        if given & {"price", "old_price"}:
            price = offer.price if body.price is None else Money(body.price, "RUB")
            old = _rub(body.old_price) if "old_price" in given else offer.old_price
            await set_price(db, actor, offer_id, price, old)
        if body.visible is not None:
            await set_visibility(db, actor, offer_id, body.visible)
        if body.position is not None:
            await set_position(db, actor, offer_id, body.position)
        return await seller_offer(db, actor, offer_id)

    return _answer(await db.run(edit))


@routes.put(
    "/offers/{offer_id}/stock",
    summary="Set the counted stock on hand",
    security=SIGNED_IN,
    request=StockIn,
    response=SellerOfferView,
    errors=(403, 404, 409),
    tags=TAGS,
    description="The shop's staff. Below what orders hold answers 409 `stock_below_committed`.",
)
@answers_localized
async def put_offer_stock(request: web.Request) -> web.Response:
    """Record a recount."""
    body = await read_model(request, StockIn)
    db, actor, offer_id = request.app[DB_KEY], actor_of(request), path_id(request, "offer_id")

    async def count(tx: Transaction) -> SellerOffer:
        await set_stock(db, actor, offer_id, body.on_hand, note=body.note)
        return await seller_offer(db, actor, offer_id)

    return _answer(await db.run(count))


@routes.put(
    "/offers/{offer_id}/low-threshold",
    summary="Warn when stock runs low",
    security=SIGNED_IN,
    request=ThresholdIn,
    response=SellerOfferView,
    errors=(403, 404),
    tags=TAGS,
)
@answers_localized
async def put_offer_low_threshold(request: web.Request) -> web.Response:
    """Set or clear the low-stock threshold."""
    body = await read_model(request, ThresholdIn)
    db, actor, offer_id = request.app[DB_KEY], actor_of(request), path_id(request, "offer_id")

    async def save(tx: Transaction) -> SellerOffer:
        await set_low_stock_threshold(db, actor, offer_id, body.threshold)
        return await seller_offer(db, actor, offer_id)

    return _answer(await db.run(save))


@routes.get(
    "/offers/{offer_id}/stock-history",
    summary="An offer's stock changes, newest first",
    security=SIGNED_IN,
    response=HistoryView,
    errors=(403, 404, 422),
    tags=TAGS,
    description="Query: `before` (the last id of the previous page), `limit`.",
)
@answers_localized
async def get_stock_history(request: web.Request) -> web.Response:
    """A page of the offer's stock history."""
    db = request.app[DB_KEY]
    limit = max(1, query_int(request, "limit", HISTORY_LIMIT, maximum=MAX_LIMIT))
    entries = await stock_history(
        db,
        actor_of(request),
        path_id(request, "offer_id"),
        limit=limit,
        before=query_id(request, "before"),
    )
    names: dict[int, str | None] = {}
    for actor_id in {entry.actor_id for entry in entries if entry.actor_id is not None}:
        user = await get_user(db, actor_id)
        names[actor_id] = (
            None
            if user is None
            else " ".join(part for part in (user.first_name, user.last_name) if part) or None
        )
    translator, lang = translator_of(request), language(request)

    def item(entry: AdjustmentOut) -> HistoryItemView:
        note = entry.note
        if note == IMPORT_NOTE:
            note = translator.get(lang, "price-list-import-note")
        return HistoryItemView(
            id=entry.id,
            at=entry.at,
            delta=entry.on_hand_change,
            on_hand_after=entry.on_hand,
            reason=entry.reason.value,
            reason_text=translator.get(lang, f"stock-reason-{entry.reason.value}"),
            by=entry.actor_id,
            by_name=None if entry.actor_id is None else names.get(entry.actor_id),
            note=note,
        )

    return model_response(
        HistoryView(
            items=[item(entry) for entry in entries],
            next_before=entries[-1].id if len(entries) == limit else None,
        )
    )
