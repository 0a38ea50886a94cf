"""Becoming a courier in the courier bot: /start shows where the person stands (a stranger is
offered to join; an applicant waits; a courier goes to /shift), and the profile dialog asks for
the name, the phone (their own contact, shared with a button) and the vehicle.

Someone who came through an invitation link holds the courier role already: the same dialog
follows the welcome, and core.workforce approves them at once. Anyone else sends an application
that admins decide in the support bot; the decision reaches them here (core.communications).
"""

from __future__ import annotations

import structlog
from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, ReplyKeyboardRemove

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.invitations import INVITATION_START, on_invitation_link
from bot.common.replies import chat_of
from bot.courier.callbacks import Join, VehicleChoice
from bot.courier.screens import (
    contact_keyboard,
    join_keyboard,
    name_keyboard,
    vehicle_keyboard,
)
from bot.courier.states import CourierForm
from core.auth.api import load_actor
from core.auth.policy import Actor, Role
from core.auth.schemas import UserOut
from core.customers.api import normalize_phone
from core.shared.config import BotRole, Settings
from core.shared.errors import CoreError
from core.shared.uow import Database
from core.workforce.api import check_courier_name, courier_application, register_courier
from core.workforce.errors import CourierApplicationPending
from core.workforce.schemas import ApplicationOut, ApplicationStatus

log = structlog.get_logger(__name__)


def _full_name(user: UserOut | None) -> str | None:
    if user is None or not user.first_name:
        return None
    return " ".join(part for part in (user.first_name, user.last_name) if part)


async def home(
    bot: Bot,
    chat_id: int,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
    user: UserOut | None,
) -> None:
    """Where the person stands, with the one thing to do next."""
    application = await courier_application(db, actor, actor.telegram_id)
    if application is None:
        if actor.has(Role.COURIER):  # invited earlier, the profile never finished
            await begin(bot, chat_id, state, t, user)
            return
        name = user.first_name if user and user.first_name else t("friend")
        await bot.send_message(
            chat_id, t("courier-start", name=name), reply_markup=join_keyboard(t)
        )
        return
    text, markup = _standing(t, application)
    await bot.send_message(chat_id, text, reply_markup=markup)


def _standing(t: Tr, application: ApplicationOut) -> tuple[str, InlineKeyboardMarkup | None]:
    status = application.status
    if status is ApplicationStatus.APPROVED:
        return t("courier-home-approved", name=application.courier.name), None
    if status is ApplicationStatus.PENDING:
        return t("courier-home-pending"), None
    if status is ApplicationStatus.REJECTED:
        return (
            t("courier-home-rejected", reason=application.rejection_reason or ""),
            join_keyboard(t, again=True),
        )
    return t("courier-home-retired"), join_keyboard(t, again=True)


async def begin(bot: Bot, chat_id: int, state: FSMContext, t: Tr, user: UserOut | None) -> None:
    """Start the profile dialog at its first question."""
    await state.set_state(CourierForm.name)
    await state.set_data({})
    await bot.send_message(chat_id, t("courier-profile-intro"))
    await bot.send_message(
        chat_id, t("courier-ask-name"), reply_markup=name_keyboard(t, _full_name(user))
    )


async def start(
    message: Message,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
    user: UserOut | None = None,
) -> None:
    await state.clear()  # /start starts over
    await home(bot, message.chat.id, state, t, db, actor, user)


async def on_invitation(
    message: Message,
    command: CommandObject,
    bot: Bot,
    db: Database,
    role: BotRole,
    settings: Settings,
    state: FSMContext,
    t: Tr,
    user: UserOut | None = None,
) -> None:
    """Take the invitation, then ask for the profile if the courier role is theirs now."""
    await on_invitation_link(message, command, bot, db, role, settings, t, user)
    if message.from_user is None:
        return
    actor = await load_actor(db, message.from_user.id, via=role)
    if actor.has(Role.COURIER) and await courier_application(db, actor, actor.telegram_id) is None:
        await state.clear()
        await begin(bot, message.chat.id, state, t, user)


async def on_join(
    callback: CallbackQuery,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
    user: UserOut | None = None,
) -> None:
    await callback.answer()
    application = await courier_application(db, actor, actor.telegram_id)
    if application is not None and application.status in (
        ApplicationStatus.PENDING,
        ApplicationStatus.APPROVED,
    ):
        # A double tap, or an old button: say where they stand instead of asking again.
        text, markup = _standing(t, application)
        await bot.send_message(chat_of(callback), text, reply_markup=markup)
        return
    await begin(bot, chat_of(callback), state, t, user)


# -- answers -----------------------------------------------------------------------------------


async def on_name(message: Message, state: FSMContext, t: Tr) -> None:
    try:
        name = check_courier_name(message.text or "")
    except CoreError as error:
        await message.answer(apology(t, error))
        return
    await state.update_data(name=name)
    await state.set_state(CourierForm.phone)
    await message.answer(t("courier-ask-phone"), reply_markup=contact_keyboard(t))


async def on_contact(message: Message, state: FSMContext, t: Tr) -> None:
    assert message.contact is not None  # the filter guarantees it
    assert message.from_user is not None
    if message.contact.user_id != message.from_user.id:
        # Customers and support call this number: it must be the courier's own.
        await message.answer(t("courier-phone-not-yours"), reply_markup=contact_keyboard(t))
        return
    try:
        phone = normalize_phone(message.contact.phone_number)
    except CoreError as error:
        await message.answer(apology(t, error), reply_markup=contact_keyboard(t))
        return
    await state.update_data(phone=phone)
    await state.set_state(CourierForm.vehicle)
    await message.answer(t("courier-phone-saved", phone=phone), reply_markup=ReplyKeyboardRemove())
    await message.answer(t("courier-ask-vehicle"), reply_markup=vehicle_keyboard(t))


async def on_phone_typed(message: Message, t: Tr) -> None:
    await message.answer(t("courier-phone-use-button"), reply_markup=contact_keyboard(t))


async def on_other(message: Message, state: FSMContext, t: Tr, user: UserOut | None = None) -> None:
    """A sticker, a photo, text where a button is expected: ask the question again."""
    current = await state.get_state()
    if current == CourierForm.name.state:
        await message.answer(t("courier-ask-name"), reply_markup=name_keyboard(t, _full_name(user)))
    elif current == CourierForm.phone.state:
        await message.answer(t("courier-phone-use-button"), reply_markup=contact_keyboard(t))
    else:
        await message.answer(t("courier-ask-vehicle"), reply_markup=vehicle_keyboard(t))


async def on_vehicle(
    callback: CallbackQuery,
    callback_data: VehicleChoice,
    bot: Bot,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
) -> None:
    if await state.get_state() != CourierForm.vehicle.state:
        await callback.answer(t("courier-dialog-expired"), show_alert=True)
        return
    await callback.answer()
    data = await state.get_data()
    chat_id = chat_of(callback)
    try:
        done = await register_courier(
            db, actor, str(data.get("name", "")), str(data.get("phone", "")), callback_data.vehicle
        )
    except CourierApplicationPending as error:
        await state.clear()
        await bot.send_message(chat_id, apology(t, error))
        return
    except CoreError as error:  # something the steps let through changed meanwhile
        await state.clear()
        await bot.send_message(chat_id, apology(t, error) + "\n" + t("courier-profile-restart"))
        return
    await state.clear()
    log.info("bot.courier_profile", user_id=actor.telegram_id, status=done.status.value)
    if isinstance(callback.message, Message):
        await callback.message.edit_text(
            t("courier-vehicle-chosen", vehicle=done.courier.vehicle.value)
        )
    if done.status is ApplicationStatus.APPROVED:
        await bot.send_message(chat_id, t("courier-profile-done", name=done.courier.name))
    else:
        await bot.send_message(chat_id, t("courier-application-sent"))


async def cancel(message: Message, state: FSMContext, t: Tr) -> None:
    if await state.get_state() is None:
        await message.answer(t("courier-cancel-nothing"), reply_markup=ReplyKeyboardRemove())
        return
    await state.clear()
    await message.answer(t("courier-cancel-done"), reply_markup=ReplyKeyboardRemove())


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def register_onboarding(router: Router) -> None:
    """/start (an invitation link first), /cancel and the profile dialog, on ``router``."""
    router.message.register(on_invitation, INVITATION_START)
    router.message.register(start, CommandStart())
    router.message.register(cancel, Command("cancel"))


def create_onboarding_router() -> Router:
    """The profile dialog's answers; commands are registered before it by the courier router."""
    router = Router(name="courier-onboarding")
    router.callback_query.register(on_join, Join.filter())
    router.callback_query.register(on_vehicle, VehicleChoice.filter())
    router.message.register(on_name, CourierForm.name, F.text, _not_a_command)
    router.message.register(on_contact, CourierForm.phone, F.contact)
    router.message.register(on_phone_typed, CourierForm.phone, F.text, _not_a_command)
    for step in CourierForm.__states__:
        router.message.register(on_other, step, _not_a_command)
    return router
