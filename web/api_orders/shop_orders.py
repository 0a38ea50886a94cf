"""The seller's orders over the API: the board of a shop, one order as its staff work on it, and
each step of taking and assembling it. Who may do what is core's (core.orders checks the actor's
role in the order's shop on every call); a step someone else took first answers 409
``order_state_changed`` with the order's status now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from aiohttp import web

from core.auth.api import get_user
from core.auth.policy import Actor
from core.business.api import get_shop
from core.orders.api import (
    accept_order,
    get_order,
    mark_missing,
    mark_ready,
    propose_substitute,
    record_actual,
    reject_order,
    shop_orders,
    start_assembly,
)
from core.orders.schemas import OrderOut, OrderStatus
from core.shared.errors import ValidationFailed
from core.shared.uow import Database, Transaction
from web.api_business.localized import answers_localized, language
from web.api_catalog.params import path_id, translator_of
from web.api_orders.models import (
    BOARD_STATUSES,
    ActualIn,
    BoardView,
    OrderView,
    RejectIn,
    ShopBrief,
    SubstituteIn,
    Texts,
    board_order_view,
    order_view,
)
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("orders",)
_ACT_ERRORS = (403, 404, 409, 422)


def _statuses(request: web.Request) -> tuple[OrderStatus, ...]:
    text = request.query.get("status", "").strip()
    if not text:
        return BOARD_STATUSES
    try:
        wanted = [OrderStatus(part.strip()) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValidationFailed(
            "status: expected statuses separated by commas, e.g. placed,accepted"
        ) from None
    return tuple(dict.fromkeys(wanted)) or BOARD_STATUSES


def _texts(request: web.Request) -> Texts:
    return Texts(translator_of(request), language(request))


async def _first_names(db: Database, orders: list[OrderOut]) -> dict[int, str | None]:
    names: dict[int, str | None] = {}
    for customer_id in {order.customer_id for order in orders}:
        user = await get_user(db, customer_id)
        names[customer_id] = None if user is None else user.first_name
    return names


async def _shop_brief(db: Database, shop_id: UUID) -> ShopBrief:
    shop = await get_shop(db, shop_id)
    return ShopBrief(id=shop.id, name=shop.name, timezone=shop.timezone)


async def _answer(request: web.Request, order: OrderOut) -> web.Response:
    db = request.app[DB_KEY]
    names = await _first_names(db, [order])
    view = order_view(
        order, await _shop_brief(db, order.shop_id), _texts(request), names[order.customer_id]
    )
    return model_response(view)


@routes.get(
    "/shops/{shop_id}/orders",
    summary="The shop's order board",
    security=SIGNED_IN,
    response=BoardView,
    errors=(403, 404, 422),
    tags=TAGS,
    description="The shop's staff and platform staff. Query: `status`, statuses separated by "
    "commas (default `placed,accepted,assembling,ready`). Newest first; `counts` per status.",
)
@answers_localized
async def get_shop_orders(request: web.Request) -> web.Response:
    """The orders the shop works on now, with their counts per status."""
    db, actor, shop_id = request.app[DB_KEY], actor_of(request), path_id(request, "shop_id")
    statuses = _statuses(request)
    orders = await shop_orders(db, actor, shop_id, statuses)
    orders.sort(key=lambda order: (order.created_at, order.number), reverse=True)
    names = await _first_names(db, orders)
    texts = _texts(request)
    counts = {status.value: 0 for status in statuses}
    for order in orders:
        counts[order.status.value] += 1
    return model_response(
        BoardView(
            shop=await _shop_brief(db, shop_id),
            orders=[board_order_view(o, texts, names[o.customer_id]) for o in orders],
            counts=counts,
        )
    )


@routes.get(
    "/orders/{order_id}",
    summary="One order as the shop's staff work on it",
    security=SIGNED_IN,
    response=OrderView,
    errors=(403, 404, 422),
    tags=TAGS,
    description="Lines planned and actual, proposals waiting for the customer, the total "
    "recomputed from the lines, and what the shop may do next. The customer's phone is not "
    "shown to the shop.",
)
@answers_localized
async def get_shop_order(request: web.Request) -> web.Response:
    """One order with its lines."""
    order = await get_order(request.app[DB_KEY], actor_of(request), path_id(request, "order_id"))
    return await _answer(request, order)


Step = Callable[[Database, Actor, UUID], Awaitable[OrderOut]]


async def _step(request: web.Request, step: Step) -> web.Response:
    """Run ``step`` on the path's order, in one transaction after checking the person may see
    the order at all: someone of another shop learns nothing about it, not even its status."""
    db, actor, order_id = request.app[DB_KEY], actor_of(request), path_id(request, "order_id")

    async def act(tx: Transaction) -> OrderOut:
        await get_order(db, actor, order_id)
        return await step(db, actor, order_id)

    return await _answer(request, await db.run(act))


@routes.post(
    "/orders/{order_id}/accept",
    summary="Accept a placed order",
    security=SIGNED_IN,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
    description="The shop's staff; its stock is allocated. Someone faster answers 409.",
)
@answers_localized
async def post_accept_order(request: web.Request) -> web.Response:
    """Take the order on."""
    return await _step(request, accept_order)


@routes.post(
    "/orders/{order_id}/reject",
    summary="Turn an order down, saying why",
    security=SIGNED_IN,
    request=RejectIn,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
    description="The shop's staff, until a courier picks the order up; its stock is released.",
)
@answers_localized
async def post_reject_order(request: web.Request) -> web.Response:
    """Cancel the order as the shop."""
    body = await read_model(request, RejectIn)

    async def reject(db: Database, actor: Actor, order_id: UUID) -> OrderOut:
        return await reject_order(db, actor, order_id, body.reason, body.note)

    return await _step(request, reject)


@routes.post(
    "/orders/{order_id}/start-assembly",
    summary="Begin assembling an accepted order",
    security=SIGNED_IN,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
)
@answers_localized
async def post_start_assembly(request: web.Request) -> web.Response:
    """A picker starts on the order."""
    return await _step(request, start_assembly)


@routes.post(
    "/orders/{order_id}/lines/{line_id}/actual",
    summary="Record what a line weighed or counted",
    security=SIGNED_IN,
    request=ActualIn,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
    description="Grams for weight goods, pieces otherwise; again corrects it. The answer's "
    "`current_total` is recomputed from the lines.",
)
@answers_localized
async def post_line_actual(request: web.Request) -> web.Response:
    """Weighed or counted."""
    body = await read_model(request, ActualIn)
    line_id = path_id(request, "line_id")

    async def record(db: Database, actor: Actor, order_id: UUID) -> OrderOut:
        return await record_actual(db, actor, order_id, line_id, body.quantity)

    return await _step(request, record)


@routes.post(
    "/orders/{order_id}/lines/{line_id}/missing",
    summary="None of a line's product is to be had",
    security=SIGNED_IN,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
    description='With the customer\'s "remove" preference the line is left out at once; '
    "otherwise a substitute may be proposed.",
)
@answers_localized
async def post_line_missing(request: web.Request) -> web.Response:
    """Mark a line missing."""
    line_id = path_id(request, "line_id")

    async def missing(db: Database, actor: Actor, order_id: UUID) -> OrderOut:
        return await mark_missing(db, actor, order_id, line_id)

    return await _step(request, missing)


@routes.post(
    "/orders/{order_id}/lines/{line_id}/substitute",
    summary="Propose a substitute for a missing line",
    security=SIGNED_IN,
    request=SubstituteIn,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
    description="Another offer of the shop (find it with GET /shops/{shop_id}/offers?q=); the "
    "customer answers in the bot before `answer_by`, else their preference decides.",
)
@answers_localized
async def post_line_substitute(request: web.Request) -> web.Response:
    """Ask the customer about a substitute."""
    body = await read_model(request, SubstituteIn)
    line_id = path_id(request, "line_id")

    async def propose(db: Database, actor: Actor, order_id: UUID) -> OrderOut:
        return await propose_substitute(db, actor, order_id, line_id, body.offer_id, body.quantity)

    return await _step(request, propose)


@routes.post(
    "/orders/{order_id}/ready",
    summary="Assembly is done",
    security=SIGNED_IN,
    response=OrderView,
    errors=_ACT_ERRORS,
    tags=TAGS,
    description="Untouched lines are taken as planned and the final total is fixed; a proposal "
    "still waiting for the customer answers 409 `order_proposal_pending`.",
)
@answers_localized
async def post_order_ready(request: web.Request) -> web.Response:
    """The order waits for a courier."""
    return await _step(request, mark_ready)
