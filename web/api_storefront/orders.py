"""My orders over the API: the list (newest first), one order in full (lines planned and
actual, totals with the final one, status and history), canceling while the customer still
may, and putting an old order back into the cart (core.orders).

Only my own orders: another person's (even one my shop received) answers 404, as if it did
not exist.
"""

from __future__ import annotations

from typing import Final
from uuid import UUID

from aiohttp import web

from core.auth.errors import PermissionDenied
from core.auth.policy import Actor
from core.business.api import get_shop
from core.business.schemas import ShopOut
from core.orders.api import cancel_order, get_order, my_orders, order_history, reorder
from core.orders.errors import OrderNotFound, TransitionNotAllowed
from core.orders.schemas import OrderOut, OrderStatus
from core.shared.errors import ValidationFailed
from core.shared.uow import Database, Transaction
from web.api_storefront.checkout import cart_out, words_of
from web.api_storefront.listing import uuid_param
from web.api_storefront.localized import answers_localized
from web.api_storefront.order_views import (
    OrdersPageView,
    OrderView,
    ReorderedView,
    Words,
    can_cancel,
    order_summary,
    order_view,
)
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response

routes = ApiRoutes()

TAGS = ("orders",)
DEFAULT_LIMIT: Final = 20
MAX_LIMIT: Final = 50
MAX_OFFSET: Final = 10_000
_CHUNK: Final = 100  # core.orders pages by "before this id", at most 100 at a time


def _int_param(request: web.Request, name: str, default: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise ValidationFailed(f"{name}: expected a whole number")
    return min(int(raw), high)


def _order_id(request: web.Request) -> UUID:
    found = uuid_param(request, "order_id", required=True)
    assert found is not None
    return found


async def _my_order(db: Database, actor: Actor, order_id: UUID) -> OrderOut:
    try:
        order = await get_order(db, actor, order_id)
    except PermissionDenied:
        raise OrderNotFound(order_id=order_id) from None
    # Shop staff and support may read the order too, but "my orders" are the ones I placed.
    if order.customer_id != actor.telegram_id:
        raise OrderNotFound(order_id=order_id)
    return order


async def _shops(db: Database, orders: list[OrderOut]) -> dict[UUID, ShopOut]:
    return {shop_id: await get_shop(db, shop_id) for shop_id in sorted({o.shop_id for o in orders})}


async def _full(db: Database, actor: Actor, order: OrderOut, words: Words) -> OrderView:
    shop = await get_shop(db, order.shop_id)
    return order_view(order, shop, await order_history(db, actor, order.id), words)


async def _newest(db: Database, actor: Actor, count: int) -> list[OrderOut]:
    """My ``count`` newest orders (fewer if I have fewer)."""
    found: list[OrderOut] = []
    before: UUID | None = None
    while len(found) < count:
        wanted = min(_CHUNK, count - len(found))
        chunk = await my_orders(db, actor, actor.telegram_id, before=before, limit=wanted)
        found.extend(chunk)
        if len(chunk) < wanted:
            break
        before = chunk[-1].id
    return found


@routes.get(
    "/me/orders",
    summary="My orders, newest first",
    security=SIGNED_IN,
    response=OrdersPageView,
    errors=(422,),
    tags=TAGS,
    description=f"`?offset=&limit=` (at most {MAX_LIMIT}); each with its shop, status, the "
    "current total (an estimate until weighed) and whether I may still cancel it.",
)
@answers_localized
async def get_my_orders(request: web.Request) -> web.Response:
    """A page of my orders."""
    db, actor, words = request.app[DB_KEY], actor_of(request), words_of(request)
    offset = _int_param(request, "offset", 0, MAX_OFFSET)
    limit = max(1, _int_param(request, "limit", DEFAULT_LIMIT, MAX_LIMIT))

    async def read(tx: Transaction) -> OrdersPageView:
        # One more than the page tells whether another page follows.
        newest = await _newest(db, actor, offset + limit + 1)
        page = newest[offset : offset + limit]
        shops = await _shops(db, page)
        return OrdersPageView(
            items=[order_summary(order, shops[order.shop_id], words) for order in page],
            next_offset=offset + limit if len(newest) > offset + limit else None,
        )

    return model_response(await db.run(read))


@routes.get(
    "/me/orders/{order_id}",
    summary="One of my orders in full",
    security=SIGNED_IN,
    response=OrderView,
    errors=(404,),
    tags=TAGS,
    description="Lines as planned and as picked (weighed or counted, missing, substituted), "
    "totals at checkout and the final ones once assembled, the status and its history. "
    "404 `order_not_found` for an order that is not mine.",
)
@answers_localized
async def get_my_order(request: web.Request) -> web.Response:
    """An order of mine."""
    db, actor, words = request.app[DB_KEY], actor_of(request), words_of(request)
    order_id = _order_id(request)

    async def read(tx: Transaction) -> OrderView:
        return await _full(db, actor, await _my_order(db, actor, order_id), words)

    return model_response(await db.run(read))


@routes.post(
    "/me/orders/{order_id}/cancel",
    summary="Cancel my order",
    security=SIGNED_IN,
    response=OrderView,
    errors=(404, 409),
    tags=TAGS,
    description="While the shop has not begun assembling it (`can_cancel`); its stock is "
    "released. 409 `order_transition_not_allowed` (params: status) once assembly began, "
    "`order_state_changed` when someone moved it meanwhile.",
)
@answers_localized
async def post_cancel_my_order(request: web.Request) -> web.Response:
    """Cancel an order of mine."""
    db, actor, words = request.app[DB_KEY], actor_of(request), words_of(request)
    order_id = _order_id(request)

    async def cancel(tx: Transaction) -> OrderView:
        order = await _my_order(db, actor, order_id)
        if not can_cancel(order.status):
            # Asked as the customer only: staff or support roles must not cancel from here.
            raise TransitionNotAllowed(status=order.status.value, target=OrderStatus.CANCELED.value)
        return await _full(db, actor, await cancel_order(db, actor, order_id), words)

    return model_response(await db.run(cancel))


@routes.post(
    "/me/orders/{order_id}/reorder",
    summary="Put an old order back into my cart",
    security=SIGNED_IN,
    response=ReorderedView,
    errors=(404,),
    tags=TAGS,
    description="Each line still on sale goes into my cart in its shop, as much as was "
    "ordered or as is left (replacing the cart's line for that offer); `skipped` and "
    "`reduced` name the offers that could not go in as they were. Answers with the cart.",
)
@answers_localized
async def post_reorder(request: web.Request) -> web.Response:
    """Reorder an order of mine."""
    db, actor, words = request.app[DB_KEY], actor_of(request), words_of(request)
    order_id = _order_id(request)

    async def again(tx: Transaction) -> ReorderedView:
        await _my_order(db, actor, order_id)
        done = await reorder(db, actor, order_id)
        return ReorderedView(
            cart=await cart_out(db, actor, done.cart, words),
            skipped=list(done.skipped),
            reduced=list(done.reduced),
        )

    return model_response(await db.run(again))
