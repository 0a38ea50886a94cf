"""/stats: the courier's shift hours (core.workforce) and deliveries, earnings and answers to
offers (core.logistics)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.common.i18n import Tr
from bot.courier.onboarding import home
from bot.courier.screens import duration
from core.auth.policy import Actor, Role
from core.auth.schemas import UserOut
from core.logistics.api import courier_stats
from core.shared.uow import Database
from core.workforce.api import MAX_SHIFT_HOURS_PER_DAY, courier_application, my_shift


async def show_stats(
    message: Message,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
    user: UserOut | None = None,
) -> None:
    if (
        not actor.has(Role.COURIER)
        or await courier_application(db, actor, actor.telegram_id) is None
    ):
        await home(bot, message.chat.id, state, t, db, actor, user)
        return
    shift = await my_shift(db, actor)
    record = await courier_stats(db, actor, actor.telegram_id)
    lines = [
        t("courier-stats-title"),
        t(
            "courier-stats-hours",
            today=duration(shift.hours_today),
            week=duration(shift.hours_7_days),
            limit=MAX_SHIFT_HOURS_PER_DAY,
        ),
        t(
            "courier-stats-deliveries",
            done=record.deliveries_done,
            returned=record.deliveries_returned,
            earnings=record.earnings.format(),
        ),
        t(
            "courier-stats-offers",
            accepted=record.offers_accepted,
            declined=record.offers_declined,
            expired=record.offers_expired,
        ),
    ]
    await message.answer("\n".join(lines))
