"""/couriers in the support bot: admins review courier applications. The queue lists the
applications waiting; one opens as a card with Approve and Reject; Reject asks for the reason,
typed as the next message, which the applicant reads in the courier bot. The same buttons sit on
the alert that tells admins of a new application (core.communications)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.common.actor import ActorMiddleware
from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import Screen, show_screen
from bot.support import couriers_screens as screens
from bot.support.couriers_callbacks import CourierReview, ReviewAct
from core.auth.policy import Actor, Permission, allows
from core.shared.errors import CoreError
from core.shared.uow import Database
from core.workforce.api import (
    approve_courier,
    courier_application,
    courier_applications,
    couriers_on_shift,
    reject_courier,
)
from core.workforce.errors import InvalidCourierRejection
from core.workforce.schemas import ApplicationStatus


class RejectCourier(StatesGroup):
    """Waiting for the reason; FSM data: ``courier`` (their Telegram id)."""

    reason = State()


async def _queue(db: Database, actor: Actor, t: Tr) -> Screen:
    return screens.queue(t, await courier_applications(db, actor), len(await couriers_on_shift(db)))


async def open_couriers(
    message: Message, state: FSMContext, t: Tr, db: Database, actor: Actor
) -> None:
    if not allows(actor, Permission.MANAGE_COURIERS):
        await message.answer(t("support-admin-only"))
        return
    await state.clear()
    screen = await _queue(db, actor, t)
    await message.answer(screen.text, reply_markup=screen.markup)


async def on_review(
    callback: CallbackQuery,
    callback_data: CourierReview,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
) -> None:
    if not allows(actor, Permission.MANAGE_COURIERS):
        await callback.answer(t("support-admin-only"), show_alert=True)
        return
    action, courier_id = callback_data.action, callback_data.courier
    if action is ReviewAct.LIST:
        await callback.answer()
        await state.clear()
        await show_screen(callback, bot, await _queue(db, actor, t))
        return
    application = await courier_application(db, actor, courier_id)
    if application is None:
        await callback.answer(t("error-courier_not_found"), show_alert=True)
        return
    await callback.answer()
    await state.clear()
    note: str | None = None
    if action is ReviewAct.APPROVE:
        try:
            application = await approve_courier(db, actor, courier_id)
            note = t("courier-admin-approved")
        except CoreError as error:  # decided meanwhile by another admin
            note = apology(t, error)
            application = await courier_application(db, actor, courier_id) or application
    elif action is ReviewAct.REJECT and application.status is ApplicationStatus.PENDING:
        await state.set_state(RejectCourier.reason)
        await state.set_data({"courier": courier_id})
        await show_screen(callback, bot, screens.reason_prompt(t, application))
        return
    await show_screen(callback, bot, screens.card(t, application, note))


async def on_reason(message: Message, state: FSMContext, t: Tr, db: Database, actor: Actor) -> None:
    courier_id = int((await state.get_data()).get("courier", 0))
    try:
        decided = await reject_courier(db, actor, courier_id, message.text or "")
    except InvalidCourierRejection as error:  # stay on the question
        await message.answer(apology(t, error))
        return
    except CoreError as error:
        await state.clear()
        await message.answer(apology(t, error))
        return
    await state.clear()
    screen = screens.card(t, decided, t("courier-admin-rejected"))
    await message.answer(screen.text, reply_markup=screen.markup)


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def create_couriers_router() -> Router:
    router = Router(name="support-couriers")
    router.message.middleware(ActorMiddleware())
    router.callback_query.middleware(ActorMiddleware())
    router.message.register(open_couriers, Command("couriers"))
    router.callback_query.register(on_review, CourierReview.filter())
    router.message.register(on_reason, RejectCourier.reason, F.text, _not_a_command)
    return router
