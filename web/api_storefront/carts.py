"""My carts over the API: one per shop, changed a line at a time, with what changed since I
last looked (core.orders). Every answer is the cart as it is after the change, so the page
redraws from it; with a delivery point (``?address_id=`` or ``?lat=&lon=``, else my default
address if I have one) it also says whether the shop delivers there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from http import HTTPStatus
from uuid import UUID

from aiohttp import web

from core.auth.policy import Actor
from core.orders.api import (
    accept_cart_changes,
    clear_cart,
    get_cart,
    my_carts,
    set_cart_quantity,
    step_cart_quantity,
)
from core.shared.uow import Database, Transaction
from core.storefront.api import get_offer
from core.storefront.errors import OfferNotFound
from web.api_business.localized import language
from web.api_storefront.listing import presentation, uuid_param
from web.api_storefront.localized import answers_localized, translator_of
from web.api_storefront.models import (
    CartOut,
    CartsOut,
    QuantityIn,
    StepsIn,
    cart_summary_view,
    cart_view,
)
from web.api_storefront.point import optional_delivery_point
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("storefront",)
_POINT_NOTE = (
    " `?address_id=` or `?lat=&lon=` (else my default address, if any) adds "
    "`out_of_zone` to the cart's issues when the shop does not deliver there."
)
_CHANGE_NOTE = (
    " 404 `offer_not_found` for an offer of another shop; 409 "
    "`cart_offer_unavailable`, `cart_not_enough_stock` (params: available), "
    "`cart_full`; 422 `cart_quantity_invalid` (params: step, maximum)."
)


Change = Callable[[Database, Actor, UUID], Awaitable[None]]
"""A change to my cart in a shop, made inside the request's transaction."""


def _shop_id(request: web.Request) -> UUID:
    found = uuid_param(request, "shop_id", required=True)
    assert found is not None
    return found


def _offer_id(request: web.Request) -> UUID:
    found = uuid_param(request, "offer_id", required=True)
    assert found is not None
    return found


async def _offer_in_shop(db: Database, shop_id: UUID, offer_id: UUID) -> None:
    # core.orders finds the shop from the offer; the path names it, so they must agree.
    offer = await get_offer(db, offer_id)
    if offer.shop_id != shop_id:
        raise OfferNotFound(offer_id=offer_id)


async def _cart_answer(request: web.Request, change: Change | None = None) -> web.Response:
    """Make ``change`` to my cart in the path's shop, then answer with that cart read in the
    same transaction at the request's point."""
    db, actor, shop_id = request.app[DB_KEY], actor_of(request), _shop_id(request)
    where = await optional_delivery_point(request)
    lang = language(request)

    async def run(tx: Transaction) -> CartOut:
        if change is not None:
            await change(db, actor, shop_id)
        cart = await get_cart(
            db, actor, actor.telegram_id, shop_id, point=where.point if where is not None else None
        )
        subtotal = cart.subtotal.format()
        text = (
            translator_of(request).get(lang, "storefront-cart-subtotal-estimated", amount=subtotal)
            if cart.estimated
            else subtotal
        )
        return cart_view(cart, await presentation(db, actor, lang), text)

    return model_response(await db.run(run))


@routes.get(
    "/me/carts",
    summary="My carts that hold something, latest first",
    security=SIGNED_IN,
    response=CartsOut,
    tags=TAGS,
)
@answers_localized
async def get_my_carts(request: web.Request) -> web.Response:
    """My carts, one line each."""
    actor = actor_of(request)
    carts = await my_carts(request.app[DB_KEY], actor, actor.telegram_id)
    return model_response(CartsOut(carts=[cart_summary_view(c) for c in carts]))


@routes.get(
    "/me/carts/{shop_id}",
    summary="My cart in a shop, with what changed",
    security=SIGNED_IN,
    response=CartOut,
    errors=(404, 409, 422),
    tags=TAGS,
    description="Lines with today's and the seen price, availability and issues "
    "(price_changed, not_enough, out_of_stock, unavailable); the subtotal of what can "
    "be ordered (`estimated` with weighed goods) and the shop's minimum order. An "
    "empty cart when I have none there." + _POINT_NOTE,
)
@answers_localized
async def get_my_cart(request: web.Request) -> web.Response:
    """My cart in one shop."""
    return await _cart_answer(request)


@routes.put(
    "/me/carts/{shop_id}/lines/{offer_id}",
    summary="Set how much of an offer is in my cart",
    security=SIGNED_IN,
    request=QuantityIn,
    response=CartOut,
    errors=(404, 409),
    tags=TAGS,
    description="Pieces, or grams in whole steps; 0 removes the line. More than the "
    "shop has is refused, less never is." + _CHANGE_NOTE + _POINT_NOTE,
)
@answers_localized
async def put_my_cart_line(request: web.Request) -> web.Response:
    """Set a line's quantity."""
    body = await read_model(request, QuantityIn)
    offer_id = _offer_id(request)

    async def change(db: Database, actor: Actor, shop_id: UUID) -> None:
        await _offer_in_shop(db, shop_id, offer_id)
        await set_cart_quantity(db, actor, actor.telegram_id, offer_id, body.quantity)

    return await _cart_answer(request, change)


@routes.post(
    "/me/carts/{shop_id}/lines/{offer_id}/step",
    summary="Add or take away whole steps of an offer",
    security=SIGNED_IN,
    request=StepsIn,
    response=CartOut,
    errors=(404, 409),
    tags=TAGS,
    description="The stepper's + and −: `steps` pieces or weight steps, never below "
    "zero (which removes the line)." + _CHANGE_NOTE + _POINT_NOTE,
)
@answers_localized
async def post_my_cart_step(request: web.Request) -> web.Response:
    """Step a line up or down."""
    body = await read_model(request, StepsIn)
    offer_id = _offer_id(request)

    async def change(db: Database, actor: Actor, shop_id: UUID) -> None:
        await _offer_in_shop(db, shop_id, offer_id)
        await step_cart_quantity(db, actor, actor.telegram_id, offer_id, body.steps)

    return await _cart_answer(request, change)


@routes.post(
    "/me/carts/{shop_id}/accept-changes",
    summary="Take today's prices and what is left",
    security=SIGNED_IN,
    response=CartOut,
    errors=(404,),
    tags=TAGS,
    description="Lines take today's prices; gone and sold-out lines are dropped, "
    "others trimmed to what is available." + _POINT_NOTE,
)
@answers_localized
async def post_my_cart_accept(request: web.Request) -> web.Response:
    """Accept what changed in my cart."""

    async def change(db: Database, actor: Actor, shop_id: UUID) -> None:
        await accept_cart_changes(db, actor, actor.telegram_id, shop_id)

    return await _cart_answer(request, change)


@routes.delete(
    "/me/carts/{shop_id}",
    summary="Empty my cart in a shop",
    security=SIGNED_IN,
    status=HTTPStatus.NO_CONTENT,
    tags=TAGS,
    description="Nothing happens when there is no such cart.",
)
@answers_localized
async def delete_my_cart(request: web.Request) -> web.Response:
    """Empty my cart."""
    actor = actor_of(request)
    await clear_cart(request.app[DB_KEY], actor, actor.telegram_id, _shop_id(request))
    return web.Response(status=HTTPStatus.NO_CONTENT)
