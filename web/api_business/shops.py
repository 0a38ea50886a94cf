"""Running a shop over the API: my shops with their hours read now, pausing and resuming, the
profile customers see. Staff and invitations are web.access's endpoints."""

from __future__ import annotations

from uuid import UUID

from aiohttp import web

from core.auth.policy import Actor
from core.business.api import (
    accepting_orders,
    is_open,
    my_shops,
    next_closing,
    next_opening,
    pause_shop,
    resume_shop,
    set_shop_description,
    set_shop_logo,
)
from core.business.schemas import ShopOut
from core.shared.errors import ValidationFailed
from core.shared.uow import Transaction
from web.api_business.localized import answers_localized
from web.api_business.models import (
    MyShopsView,
    MyShopView,
    ProfileIn,
    ScheduleView,
    shop_view,
)
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("business",)


def shop_id_of(request: web.Request) -> UUID:
    """The ``shop_id`` of the path."""
    try:
        return UUID(request.match_info["shop_id"])
    except ValueError:
        raise ValidationFailed("shop_id: expected a UUID") from None


def my_shop_view(request: web.Request, actor: Actor, shop: ShopOut) -> MyShopView:
    """The shop, my role there and its hours read at this moment in its time zone."""
    now = request.app[DB_KEY].clock.now()
    schedule = ScheduleView(
        now=now,
        open_now=is_open(shop, now),
        accepting_orders=accepting_orders(shop, now),
        opens_at=next_opening(shop, now),
        closes_at=next_closing(shop, now),
    )
    return MyShopView(shop=shop_view(shop), role=actor.role_in(shop.id), schedule=schedule)


@routes.get("/me/shops", summary="The shops I work in, with whether they are open now",
            security=SIGNED_IN, response=MyShopsView, tags=TAGS)
@answers_localized
async def get_my_shops(request: web.Request) -> web.Response:
    """Shops where the signed-in person is owner, manager or picker, by name."""
    actor = actor_of(request)
    shops = await my_shops(request.app[DB_KEY], actor)
    return model_response(MyShopsView(shops=[my_shop_view(request, actor, s) for s in shops]))


@routes.post("/shops/{shop_id}/pause", summary="Stop taking orders until resumed",
             security=SIGNED_IN, response=MyShopView, errors=(403, 404, 409), tags=TAGS,
             description="Owners, managers and admins; pausing twice is harmless.")
@answers_localized
async def post_shop_pause(request: web.Request) -> web.Response:
    """Pause a shop."""
    actor = actor_of(request)
    shop = await pause_shop(request.app[DB_KEY], actor, shop_id_of(request))
    return model_response(my_shop_view(request, actor, shop))


@routes.post("/shops/{shop_id}/resume", summary="Take orders again after a pause",
             security=SIGNED_IN, response=MyShopView, errors=(403, 404, 409), tags=TAGS,
             description="Owners, managers and admins.")
@answers_localized
async def post_shop_resume(request: web.Request) -> web.Response:
    """Resume a paused shop."""
    actor = actor_of(request)
    shop = await resume_shop(request.app[DB_KEY], actor, shop_id_of(request))
    return model_response(my_shop_view(request, actor, shop))


@routes.put("/shops/{shop_id}/profile", summary="Set the shop's description and logo",
            security=SIGNED_IN, request=ProfileIn, response=MyShopView,
            errors=(403, 404, 409), tags=TAGS,
            description="Owners, managers and admins. Both fields at once; empty or null "
            "removes one. A wrong field answers 422 with `error.fields`.")
@answers_localized
async def put_shop_profile(request: web.Request) -> web.Response:
    """Change what customers read about the shop and the picture they see."""
    body = await read_model(request, ProfileIn)
    actor, shop_id, db = actor_of(request), shop_id_of(request), request.app[DB_KEY]

    async def save(tx: Transaction) -> ShopOut:
        # One transaction: a bad logo leaves the description unchanged too.
        await set_shop_description(db, actor, shop_id, body.description)
        return await set_shop_logo(db, actor, shop_id, body.logo)

    return model_response(my_shop_view(request, actor, await db.run(save)))
