"""Admin broadcasts over the API: create, follow the progress, cancel."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, Field

from core.communications.api import (
    cancel_broadcast,
    create_broadcast,
    get_broadcast,
    list_broadcasts,
)
from core.communications.schemas import Audience, BroadcastForm, BroadcastOut, BroadcastStatus
from core.shared.config import BotRole
from web.api_business.localized import answers_localized
from web.api_catalog.params import path_id
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response, read_model

routes = ApiRoutes()

TAGS = ("admin",)


class BroadcastIn(BaseModel):
    text: str = Field(description="Plain text; sent as it is (no markup)", max_length=4000)
    bot: Literal["customer", "courier", "seller", "support"] = "customer"
    audience: Literal["customers", "shop", "ids"] = Field(
        description="Everyone known, one shop's customers, or the listed Telegram ids"
    )
    shop_id: UUID | None = Field(default=None, description="For audience 'shop'")
    recipient_ids: list[int] = Field(default_factory=list, description="For audience 'ids'")


class ProgressView(BaseModel):
    queued: int = Field(description="Not sent yet")
    sent: int
    failed: int
    blocked: int = Field(description="Blocked the bot or never started it")
    canceled: int


class BroadcastView(BaseModel):
    id: UUID
    text: str
    bot: str
    audience: str
    shop_id: UUID | None
    status: Literal["queuing", "queued", "canceled"]
    total: int = Field(description="Notifications made so far")
    progress: ProgressView
    done: bool = Field(description="Nothing more will be sent")
    created_at: datetime


class BroadcastsView(BaseModel):
    broadcasts: list[BroadcastView]


def broadcast_view(broadcast: BroadcastOut) -> BroadcastView:
    """The API's view of a broadcast."""
    progress = broadcast.progress
    done = broadcast.status is BroadcastStatus.CANCELED or (
        broadcast.status is BroadcastStatus.QUEUED and progress.queued == 0
    )
    return BroadcastView(
        id=broadcast.id,
        text=broadcast.text,
        bot=broadcast.bot.value,
        audience=broadcast.audience.value,
        shop_id=broadcast.shop_id,
        status=broadcast.status.value,
        total=broadcast.total,
        progress=ProgressView(
            queued=progress.queued,
            sent=progress.sent,
            failed=progress.failed,
            blocked=progress.blocked,
            canceled=progress.canceled,
        ),
        done=done,
        created_at=broadcast.created_at,
    )


@routes.post(
    "/admin/broadcasts",
    summary="Send a message to many people",
    security=SIGNED_IN,
    request=BroadcastIn,
    response=BroadcastView,
    errors=(403, 422),
    tags=TAGS,
    description="Admins only. Broadcasts go out after order news, within Telegram's limits.",
)
@answers_localized
async def post_broadcast(request: web.Request) -> web.Response:
    """Create a broadcast; its first batch is queued at once."""
    body = await read_model(request, BroadcastIn)
    form = BroadcastForm(
        text=body.text,
        bot=BotRole(body.bot),
        audience=Audience(body.audience),
        shop_id=body.shop_id,
        recipient_ids=tuple(body.recipient_ids),
    )
    made = await create_broadcast(request.app[DB_KEY], actor_of(request), form)
    return model_response(broadcast_view(made), status=201)


@routes.get(
    "/admin/broadcasts",
    summary="The latest broadcasts with their progress",
    security=SIGNED_IN,
    response=BroadcastsView,
    errors=(403,),
    tags=TAGS,
)
@answers_localized
async def get_broadcasts(request: web.Request) -> web.Response:
    """Newest first."""
    found = await list_broadcasts(request.app[DB_KEY], actor_of(request))
    return model_response(BroadcastsView(broadcasts=[broadcast_view(b) for b in found]))


@routes.get(
    "/admin/broadcasts/{broadcast_id}",
    summary="One broadcast with its progress",
    security=SIGNED_IN,
    response=BroadcastView,
    errors=(403, 404),
    tags=TAGS,
)
@answers_localized
async def get_one_broadcast(request: web.Request) -> web.Response:
    """One broadcast."""
    found = await get_broadcast(
        request.app[DB_KEY], actor_of(request), path_id(request, "broadcast_id")
    )
    return model_response(broadcast_view(found))


@routes.post(
    "/admin/broadcasts/{broadcast_id}/cancel",
    summary="Stop a broadcast",
    security=SIGNED_IN,
    response=BroadcastView,
    errors=(403, 404),
    tags=TAGS,
    description="What has not gone out yet never will; canceling twice is harmless.",
)
@answers_localized
async def post_broadcast_cancel(request: web.Request) -> web.Response:
    """Cancel a broadcast."""
    canceled = await cancel_broadcast(
        request.app[DB_KEY], actor_of(request), path_id(request, "broadcast_id")
    )
    return model_response(broadcast_view(canceled))
