"""What a customer can buy where they are: the shops, the grid of offers, search and the
product card. Every answer applies core.storefront's rule (visible offers of live products in
shops accepting orders now whose zone holds the point), with stock from core.inventory and my
quantities from my carts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from aiohttp import web

from core.auth.policy import Actor
from core.business.api import is_open, next_closing, next_opening
from core.business.schemas import ShopOut
from core.catalog.api import category_tree
from core.inventory.api import availability
from core.orders.api import get_cart
from core.shared.errors import ValidationFailed
from core.shared.uow import Database, Transaction
from core.storefront.api import MAX_PAGE, list_offers, product_card, search, shops_at
from core.storefront.schemas import OfferView, Page
from web.api_business.localized import language
from web.api_business.models import money_view
from web.api_storefront.localized import answers_localized
from web.api_storefront.models import (
    OffersPageView,
    Presentation,
    ProductCardView,
    StorefrontShopsView,
    StorefrontShopView,
    delivery_point_view,
    emojis_of,
    offer_item,
    product_card_view,
)
from web.api_storefront.point import POINT_NOTE, delivery_point
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response
from web.photos import photo_url

routes = ApiRoutes()

TAGS = ("storefront",)
DEFAULT_LIMIT = 20
_ERRORS = (409, 422)


def uuid_param(request: web.Request, name: str, *, required: bool = False) -> UUID | None:
    """A UUID from the query (or the path, where it is one); None when absent and optional."""
    raw = request.match_info.get(name) or request.query.get(name)
    if not raw:
        if required:
            raise ValidationFailed(f"{name}: required")
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise ValidationFailed(f"{name}: expected a UUID") from None


def _int_param(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise ValidationFailed(f"{name}: expected a whole number")
    return max(low, min(int(raw), high))


def _paging(request: web.Request) -> tuple[int, int]:
    return (
        _int_param(request, "offset", 0, 0, 10**9),
        _int_param(request, "limit", DEFAULT_LIMIT, 1, MAX_PAGE),
    )


async def presentation(
    db: Database, actor: Actor, lang: str, shop_ids: Iterable[UUID] = ()
) -> Presentation:
    """Category emojis and my quantities in my carts of ``shop_ids``."""
    wanted = set(shop_ids)
    # A grid page holds one shop's offers, or the few shops' that deliver here.
    in_cart: dict[UUID, int] = {}
    for shop_id in sorted(wanted):
        cart = await get_cart(db, actor, actor.telegram_id, shop_id)
        in_cart.update({line.offer.id: line.quantity for line in cart.lines})
    return Presentation(lang, emojis_of(await category_tree(db)), in_cart)


async def _page_view(
    db: Database, actor: Actor, lang: str, page: Page[OfferView]
) -> OffersPageView:
    how = await presentation(db, actor, lang, {view.shop.id for view in page.items})
    return OffersPageView(
        items=[offer_item(view, how) for view in page.items], next_offset=page.next_offset
    )


def shop_view(shop: ShopOut, now: datetime) -> StorefrontShopView:
    """A shop as a customer picks it, its hours read at ``now``."""
    return StorefrontShopView(
        id=shop.id,
        name=shop.name,
        address=shop.address,
        description=shop.description,
        logo_url=photo_url(shop.logo),
        min_order=money_view(shop.min_order),
        delivery_fee=money_view(shop.delivery_fee),
        open_now=is_open(shop, now),
        opens_at=next_opening(shop, now),
        closes_at=next_closing(shop, now),
    )


@routes.get(
    "/storefront/shops",
    summary="Shops delivering to me that take orders now",
    security=SIGNED_IN,
    response=StorefrontShopsView,
    errors=(404, *_ERRORS),
    tags=TAGS,
    description=POINT_NOTE + " Nearest first; an empty list when none delivers there now.",
)
@answers_localized
async def get_storefront_shops(request: web.Request) -> web.Response:
    """The shops a customer at the point can order from."""
    db = request.app[DB_KEY]
    where = await delivery_point(request)
    shops = await shops_at(db, where.point)
    now = db.clock.now()
    return model_response(
        StorefrontShopsView(
            delivery_to=delivery_point_view(where),
            shops=[shop_view(s, now) for s in shops],
        )
    )


@routes.get(
    "/storefront/offers",
    summary="The grid: what I can buy here, a page at a time",
    security=SIGNED_IN,
    response=OffersPageView,
    errors=(404, *_ERRORS),
    tags=TAGS,
    description=POINT_NOTE + " `?shop_id=` one shop, `?category_id=` a category "
    f"with its subcategories, `?offset=&limit=` (at most {MAX_PAGE}); names in the "
    "page's language (`?lang=`).",
)
@answers_localized
async def get_storefront_offers(request: web.Request) -> web.Response:
    """Offers by the shop's order, with stock and my quantities."""
    db, actor = request.app[DB_KEY], actor_of(request)
    where = await delivery_point(request)
    offset, limit = _paging(request)
    shop_id, category_id = uuid_param(request, "shop_id"), uuid_param(request, "category_id")

    async def read(tx: Transaction) -> OffersPageView:
        page = await list_offers(
            db,
            where.point,
            category_id=category_id,
            shop_id=shop_id,
            offset=offset,
            limit=limit,
            availability=availability(db),
        )
        return await _page_view(db, actor, language(request), page)

    return model_response(await db.run(read))


@routes.get(
    "/storefront/search",
    summary="Search what I can buy here",
    security=SIGNED_IN,
    response=OffersPageView,
    errors=(404, *_ERRORS),
    tags=TAGS,
    description=POINT_NOTE + " `?q=` words in Russian or English (typos tolerated), "
    "`?shop_id=`, `?category_id=`, `?offset=&limit=`; best match first, then the "
    "nearer shop. A blank query finds nothing.",
)
@answers_localized
async def get_storefront_search(request: web.Request) -> web.Response:
    """Offers whose product matches the query."""
    db, actor = request.app[DB_KEY], actor_of(request)
    where = await delivery_point(request)
    offset, limit = _paging(request)
    query = request.query.get("q", "").strip()
    shop_id, category_id = uuid_param(request, "shop_id"), uuid_param(request, "category_id")
    if not query:
        return model_response(OffersPageView(items=[], next_offset=None))

    async def read(tx: Transaction) -> OffersPageView:
        page = await search(
            db,
            where.point,
            query,
            shop_id=shop_id,
            category_id=category_id,
            offset=offset,
            limit=limit,
            availability=availability(db),
        )
        return await _page_view(db, actor, language(request), page)

    return model_response(await db.run(read))


@routes.get(
    "/storefront/products/{product_id}",
    summary="A product's card and who sells it here",
    security=SIGNED_IN,
    response=ProductCardView,
    errors=(404, *_ERRORS),
    tags=TAGS,
    description=POINT_NOTE + " Descriptions in the page's language, every "
    "photo, and the offers a customer at the point can buy, cheapest first (none when "
    "no shop sells it here).",
)
@answers_localized
async def get_storefront_product(request: web.Request) -> web.Response:
    """The product card."""
    db, actor = request.app[DB_KEY], actor_of(request)
    where = await delivery_point(request)
    product_id = uuid_param(request, "product_id", required=True)
    assert product_id is not None

    async def read(tx: Transaction) -> ProductCardView:
        card = await product_card(db, product_id, where.point, availability=availability(db))
        how = await presentation(
            db, actor, language(request), {view.shop.id for view in card.offers}
        )
        return product_card_view(card, how)

    return model_response(await db.run(read))
