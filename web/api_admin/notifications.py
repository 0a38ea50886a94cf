"""Support's view of what FruktGo told a person: each notification, how sending it went and
why it failed, and which bots cannot reach them.

Errors come in the standard body with the message as core or the parameter check wrote it
(naming the parameter): the callers are staff tools, not a form page to localize for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, Field

from core.communications.api import PERSON_NOTIFICATIONS_LIMIT, person_notifications
from core.communications.schemas import NotificationOut, PersonNotifications, Reachability
from core.shared.config import BotRole
from core.shared.errors import ValidationFailed
from web.api_catalog.params import query_choice, query_int
from web.auth import SIGNED_IN, actor_of
from web.keys import DB_KEY
from web.openapi import ApiRoutes, model_response

routes = ApiRoutes()

TAGS = ("admin",)
DEFAULT_LIMIT = 50
# Telegram ids are positive and fit a signed 64-bit integer (our BIGINT columns).
_MAX_TELEGRAM_ID = 2**63 - 1

Bot = Literal["customer", "courier", "seller", "support"]


class NotificationView(BaseModel):
    id: UUID
    bot: Bot
    template: str = Field(description="The message's locale key, e.g. 'order-placed'")
    status: Literal["queued", "sending", "sent", "failed", "superseded", "canceled"]
    attempts: int = Field(description="Times the sender tried it")
    last_error: str | None = Field(
        description="Why the last attempt failed, or why it was never sent ('unreachable: ...')"
    )
    created_at: datetime
    next_attempt_at: datetime = Field(description="While queued: when the sender tries next")
    sent_at: datetime | None
    telegram_message_id: int | None
    thread: str | None = Field(description="A live message that later states edit, if any")


class ReachabilityView(BaseModel):
    bot: Bot
    reachable: bool
    reason: str | None = Field(description="Telegram's answer when the bot could not write")
    since: datetime | None


class PersonNotificationsView(BaseModel):
    telegram_id: int
    reachability: list[ReachabilityView] = Field(description="One entry per bot")
    notifications: list[NotificationView] = Field(description="Newest first")


def notification_view(notification: NotificationOut) -> NotificationView:
    """The API's view of one notification."""
    return NotificationView(
        id=notification.id,
        bot=notification.bot.value,
        template=notification.template,
        status=notification.status.value,
        attempts=notification.attempts,
        last_error=notification.last_error,
        created_at=notification.created_at,
        next_attempt_at=notification.next_attempt_at,
        sent_at=notification.sent_at,
        telegram_message_id=notification.telegram_message_id,
        thread=notification.thread,
    )


def reachability_view(reachability: Reachability) -> ReachabilityView:
    """The API's view of whether one bot reaches the person."""
    return ReachabilityView(
        bot=reachability.bot.value,
        reachable=reachability.reachable,
        reason=reachability.reason,
        since=reachability.since,
    )


def person_view(found: PersonNotifications) -> PersonNotificationsView:
    """The API's view of a person's notifications."""
    return PersonNotificationsView(
        telegram_id=found.recipient_id,
        reachability=[reachability_view(r) for r in found.reachability],
        notifications=[notification_view(n) for n in found.notifications],
    )


def _telegram_id(request: web.Request) -> int:
    text = request.match_info["telegram_id"]
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= _MAX_TELEGRAM_ID:
        raise ValidationFailed("telegram_id: expected a Telegram user id")
    return int(text)


@routes.get(
    "/admin/people/{telegram_id}/notifications",
    summary="A person's notifications and whether each bot reaches them",
    security=SIGNED_IN,
    response=PersonNotificationsView,
    errors=(403, 422),
    tags=TAGS,
    description=(
        "Support agents and admins. `?bot=` (customer, courier, seller, support) keeps one "
        f"bot's; `?limit=` 1 to {PERSON_NOTIFICATIONS_LIMIT} (default {DEFAULT_LIMIT}). Each "
        "notification says how sending it went and, when it failed, why. A person nothing was "
        "sent to has an empty list (notifications may be queued before anyone writes to a bot)."
    ),
)
async def get_person_notifications(request: web.Request) -> web.Response:
    """A person's latest notifications, newest first, with their reachability per bot."""
    telegram_id = _telegram_id(request)
    bot = query_choice(request, "bot", BotRole)
    limit = max(1, query_int(request, "limit", DEFAULT_LIMIT, maximum=PERSON_NOTIFICATIONS_LIMIT))
    found = await person_notifications(
        request.app[DB_KEY], actor_of(request), telegram_id, bot=bot, limit=limit
    )
    return model_response(person_view(found))
