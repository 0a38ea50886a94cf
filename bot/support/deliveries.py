"""/deliveries in the support bot: deliveries at risk of being late or still without a courier,
and manual assignment: [Assign a courier] lists the couriers on shift (nearest to the shop
first, where their live position is known) and a tap gives them the delivery through core.

For support agents and admins; anyone else is told politely. Callback data is user input: the
role is read afresh on every update and core checks it again when assigning; a delivery someone
else dealt with meanwhile answers with an alert and the list as it is now.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from redis.asyncio import Redis

from bot.common.actor import ActorMiddleware
from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import Screen, plain, show_screen
from bot.support import deliveries_screens as screens
from bot.support.deliveries_screens import (
    Candidate,
    SupportAssign,
    SupportDeliveries,
    SupportPickCourier,
)
from core.auth.policy import Actor, Permission, allows
from core.business.api import get_shop
from core.geo.api import nearest_couriers
from core.logistics.api import assign_manually, deliveries_for_support
from core.logistics.schemas import DeliveryOut, DeliveryStatus
from core.shared.errors import CoreError
from core.shared.uow import Database
from core.workforce.api import couriers_on_shift, get_courier

# Positions older than this say little about where a courier is now.
POSITION_MAX_AGE = timedelta(minutes=10)
SEARCH_RADIUS_M = 30_000.0
_OURS = (
    "^("
    + "|".join(k.__prefix__ for k in (SupportDeliveries, SupportPickCourier, SupportAssign))
    + "):"
)


def may_dispatch(actor: Actor) -> bool:
    """Support agents and admins; the same people core lets assign deliveries."""
    return allows(actor, Permission.HANDLE_TICKETS)


def _needs_a_person(delivery: DeliveryOut) -> bool:
    return delivery.at_risk or delivery.status is DeliveryStatus.SEARCHING


def _urgency(delivery: DeliveryOut) -> tuple[bool, object]:
    return (not delivery.at_risk, delivery.promised_at)


async def _zones(db: Database, deliveries: Sequence[DeliveryOut]) -> dict[UUID, ZoneInfo]:
    zones: dict[UUID, ZoneInfo] = {}
    for delivery in deliveries:
        if delivery.shop_id not in zones:
            zones[delivery.shop_id] = ZoneInfo((await get_shop(db, delivery.shop_id)).timezone)
    return zones


async def _waiting(db: Database, actor: Actor) -> list[DeliveryOut]:
    """At risk or searching, the ones at risk first, then by the promised time."""
    found = await deliveries_for_support(db, actor)
    return sorted((d for d in found if _needs_a_person(d)), key=_urgency)


async def _list_screen(db: Database, t: Tr, actor: Actor) -> Screen:
    waiting = await _waiting(db, actor)
    return screens.deliveries_list(t, waiting, await _zones(db, waiting))


async def _candidates(db: Database, redis: Redis, delivery: DeliveryOut) -> list[Candidate]:
    on_shift = await couriers_on_shift(db)
    near = await nearest_couriers(
        redis,
        delivery.pickup_point,
        radius_m=SEARCH_RADIUS_M,
        now=db.clock.now(),
        max_age=POSITION_MAX_AGE,
        limit=max(len(on_shift), 1),
    )
    distance = {n.courier_id: n.distance_m for n in near}
    return [Candidate(c, distance.get(c.telegram_id)) for c in on_shift.values()]


async def _find(db: Database, actor: Actor, delivery_id: UUID) -> DeliveryOut | None:
    found = await deliveries_for_support(db, actor)
    return next((d for d in found if d.id == delivery_id), None)


# -- handlers ------------------------------------------------------------------------------------


async def open_deliveries(message: Message, db: Database, t: Tr, actor: Actor) -> None:
    if not may_dispatch(actor):
        await message.answer(t("support-deliveries-only"))
        return
    screen = await _list_screen(db, t, actor)
    await message.answer(screen.text, reply_markup=screen.markup)


async def on_list(callback: CallbackQuery, bot: Bot, db: Database, t: Tr, actor: Actor) -> None:
    if not may_dispatch(actor):
        await callback.answer(plain(t, "support-deliveries-only"), show_alert=True)
        return
    await callback.answer()
    await show_screen(callback, bot, await _list_screen(db, t, actor))


async def on_pick(
    callback: CallbackQuery,
    callback_data: SupportPickCourier,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    if not may_dispatch(actor):
        await callback.answer(plain(t, "support-deliveries-only"), show_alert=True)
        return
    delivery = await _find(db, actor, callback_data.delivery)
    if delivery is None or not screens.assignable(delivery):
        await callback.answer(plain(t, "support-deliveries-gone"), show_alert=True)
        await show_screen(callback, bot, await _list_screen(db, t, actor))
        return
    await callback.answer()
    zone = (await _zones(db, [delivery]))[delivery.shop_id]
    candidates = await _candidates(db, redis, delivery)
    await show_screen(callback, bot, screens.couriers_list(t, delivery, candidates, zone))


async def on_assign(
    callback: CallbackQuery,
    callback_data: SupportAssign,
    bot: Bot,
    db: Database,
    t: Tr,
    actor: Actor,
) -> None:
    if not may_dispatch(actor):
        await callback.answer(plain(t, "support-deliveries-only"), show_alert=True)
        return
    try:
        delivery = await assign_manually(db, actor, callback_data.delivery, callback_data.courier)
    except CoreError as error:
        # Off shift now, full, or the delivery moved on: say why and show the list afresh.
        await callback.answer(apology(t, error), show_alert=True)
        await show_screen(callback, bot, await _list_screen(db, t, actor))
        return
    courier = await get_courier(db, callback_data.courier)
    await callback.answer(plain(t, "support-deliveries-assigned-toast"))
    await show_screen(callback, bot, screens.assigned(t, delivery, courier))


async def on_unreadable(callback: CallbackQuery, t: Tr) -> None:
    # Data no typed filter could read: forged, or from an older version of the bot.
    await callback.answer(plain(t, "support-deliveries-stale"), show_alert=True)


def create_deliveries_router() -> Router:
    router = Router(name="support-deliveries")
    router.message.middleware(ActorMiddleware())
    router.callback_query.middleware(ActorMiddleware())
    router.message.register(open_deliveries, Command("deliveries"))
    router.callback_query.register(on_list, SupportDeliveries.filter())
    router.callback_query.register(on_pick, SupportPickCourier.filter())
    router.callback_query.register(on_assign, SupportAssign.filter())
    router.callback_query.register(on_unreadable, F.data.regexp(_OURS))
    return router
