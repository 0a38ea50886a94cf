"""/shift: the courier's shift card, edited in place by its buttons: start, break, back from
break, end, and the planned shifts. Starting a shift asks for the courier's location: a reply
button sends one point at once, and the card explains how to share a live location (Telegram's
attachment menu: no button can start that for them); bot.courier.location takes both."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import Screen, chat_of, show_screen
from bot.courier.callbacks import ShiftAct, ShiftPress
from bot.courier.onboarding import home
from bot.courier.plans import plans_now
from bot.courier.screens import location_keyboard, shift_card
from core.auth.policy import Actor, Role
from core.auth.schemas import UserOut
from core.shared.errors import CoreError
from core.shared.uow import Database
from core.workforce.api import (
    courier_application,
    end_break,
    end_shift,
    my_shift,
    start_shift,
    take_break,
)
from core.workforce.schemas import ApplicationStatus, ShiftOut

_COMMANDS = {
    ShiftAct.START: start_shift,
    ShiftAct.BREAK: take_break,
    ShiftAct.RESUME: end_break,
    ShiftAct.END: end_shift,
    ShiftAct.REFRESH: my_shift,
}


async def _is_working_courier(db: Database, actor: Actor) -> bool:
    if not actor.has(Role.COURIER):
        return False
    application = await courier_application(db, actor, actor.telegram_id)
    return application is not None and application.status is ApplicationStatus.APPROVED


async def open_shift(
    message: Message,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
    user: UserOut | None = None,
) -> None:
    if not await _is_working_courier(db, actor):
        await home(bot, message.chat.id, state, t, db, actor, user)
        return
    card = shift_card(t, await my_shift(db, actor), db.clock.now())
    await message.answer(card.text, reply_markup=card.markup)


async def on_shift_press(
    callback: CallbackQuery,
    callback_data: ShiftPress,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
) -> None:
    await callback.answer()
    action = callback_data.action
    if action is ShiftAct.PLAN:
        await show_screen(callback, bot, await plans_now(db, actor, t))
        return
    shift: ShiftOut | None = None
    note: str | None = None
    try:
        shift = await _COMMANDS[action](db, actor)
    except CoreError as error:  # the day's hours spent, deliveries in hand, not a courier...
        note = apology(t, error)
    if shift is None:
        try:
            shift = await my_shift(db, actor)
        except CoreError:
            await show_screen(callback, bot, Screen(note or apology(t, CoreError())))
            return
    now = db.clock.now()
    await show_screen(callback, bot, shift_card(t, shift, now, note))
    if action is ShiftAct.START and note is None:
        await bot.send_message(
            chat_of(callback),
            t("courier-shift-send-first-point"),
            reply_markup=location_keyboard(t),
        )


def create_shift_router() -> Router:
    router = Router(name="courier-shift")
    router.message.register(open_shift, Command("shift"))
    router.callback_query.register(on_shift_press, ShiftPress.filter())
    return router
