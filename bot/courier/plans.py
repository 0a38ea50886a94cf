"""Planned shifts from the shift card: the list for the next days, adding one (a day button,
then a time-range button or a range typed by hand) and removing one; each step edits the
message it was pressed on."""

from __future__ import annotations

from datetime import date, time

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import Screen, show_screen
from bot.courier.callbacks import PlanAct, PlanPress
from bot.courier.screens import (
    SLOTS,
    custom_screen,
    days_screen,
    plans_screen,
    shift_card,
    slots_screen,
)
from bot.courier.states import PlanForm
from core.auth.policy import Actor
from core.shared.errors import CoreError
from core.shared.uow import Database
from core.workforce.api import (
    my_shift,
    parse_time_range,
    plan_shift,
    planned_shifts,
    remove_planned_shift,
)


async def plans_now(db: Database, actor: Actor, t: Tr, note: str | None = None) -> Screen:
    """The actor's planned shifts as they are now."""
    return plans_screen(t, await planned_shifts(db, actor), db.clock.now(), note)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


async def on_plan_press(
    callback: CallbackQuery,
    callback_data: PlanPress,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
) -> None:
    action = callback_data.action
    day = _day(callback_data.day)
    if action in (PlanAct.DAY, PlanAct.SLOT, PlanAct.CUSTOM) and day is None:
        await callback.answer(t("courier-dialog-expired"), show_alert=True)
        return
    await callback.answer()
    if await state.get_state() == PlanForm.time_range.state:
        await state.clear()  # any button leaves the typed-range question
    now = db.clock.now()
    if action is PlanAct.ADD:
        await show_screen(callback, bot, days_screen(t, now))
    elif action is PlanAct.DAY and day is not None:
        await show_screen(callback, bot, slots_screen(t, day, now))
    elif action is PlanAct.SLOT and day is not None:
        await _add_slot(callback, bot, t, db, actor, day, callback_data.start, callback_data.end)
    elif action is PlanAct.CUSTOM and day is not None:
        await state.set_state(PlanForm.time_range)
        await state.set_data({"day": day.isoformat()})
        await show_screen(callback, bot, custom_screen(t, day, now))
    elif action is PlanAct.REMOVE and callback_data.shift is not None:
        removed = await remove_planned_shift(db, actor, callback_data.shift)
        note = t("courier-plan-removed") if removed else t("courier-plan-already-removed")
        await show_screen(callback, bot, await plans_now(db, actor, t, note))
    elif action is PlanAct.BACK:
        await show_screen(callback, bot, shift_card(t, await my_shift(db, actor), now))
    else:
        await show_screen(callback, bot, await plans_now(db, actor, t))


async def _add_slot(
    callback: CallbackQuery,
    bot: Bot,
    t: Tr,
    db: Database,
    actor: Actor,
    day: date,
    start: int,
    end: int,
) -> None:
    if (start, end) not in SLOTS:  # callback data is user input: only our buttons count
        await show_screen(callback, bot, await plans_now(db, actor, t))
        return
    try:
        await plan_shift(db, actor, day, time(start), time(end % 24))
    except CoreError as error:
        screen = slots_screen(t, day, db.clock.now())
        note = apology(t, error)
        await show_screen(callback, bot, Screen(screen.text + "\n\n" + note, screen.markup))
        return
    await show_screen(callback, bot, await plans_now(db, actor, t, t("courier-plan-added")))


async def on_time_range(
    message: Message, state: FSMContext, t: Tr, db: Database, actor: Actor
) -> None:
    day = _day(str((await state.get_data()).get("day", "")))
    if day is None:
        await state.clear()
        return
    try:
        start, end = parse_time_range(message.text or "")
        await plan_shift(db, actor, day, start, end)
    except CoreError as error:  # stay on the question: the courier can try again
        await message.answer(apology(t, error))
        return
    await state.clear()
    screen = await plans_now(db, actor, t, t("courier-plan-added"))
    await message.answer(screen.text, reply_markup=screen.markup)


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def create_plans_router() -> Router:
    router = Router(name="courier-plans")
    router.callback_query.register(on_plan_press, PlanPress.filter())
    router.message.register(on_time_range, PlanForm.time_range, F.text, _not_a_command)
    return router
