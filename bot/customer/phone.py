"""The phone, only as the person's own Telegram contact; optional, so it can be skipped."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, ReplyKeyboardRemove

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.customer.keyboards import contact_keyboard
from bot.customer.replies import is_skip
from bot.customer.states import FLOW_ONBOARDING, PhoneForm
from bot.customer.views import profile_screen
from core.auth.policy import Actor
from core.auth.schemas import UserOut
from core.customers.api import complete_onboarding, save_phone_from_contact
from core.customers.schemas import SharedContact
from core.shared.errors import CoreError
from core.shared.uow import Database


async def ask_phone(bot: Bot, chat_id: int, state: FSMContext, t: Tr, flow: str) -> None:
    """Ask for the contact; ``flow`` says what follows (the end of onboarding, or the profile)."""
    await state.set_state(PhoneForm.contact)
    await state.update_data(flow=flow)
    await bot.send_message(chat_id, t("customer-phone-ask"), reply_markup=contact_keyboard(t))


async def repeat_question(bot: Bot, chat_id: int, t: Tr) -> None:
    await bot.send_message(chat_id, t("customer-phone-ask"), reply_markup=contact_keyboard(t))


async def on_contact(
    message: Message, state: FSMContext, t: Tr, db: Database, actor: Actor, user: UserOut | None
) -> None:
    assert message.contact is not None
    assert message.from_user is not None
    contact = SharedContact(
        sender_id=message.from_user.id,
        phone_number=message.contact.phone_number,
        contact_user_id=message.contact.user_id,
    )
    try:
        profile = await save_phone_from_contact(db, actor, contact)
    except CoreError as error:  # someone else's contact: ask again for their own
        await message.answer(apology(t, error))
        return
    note = t("customer-phone-saved", phone=profile.phone or "")
    await _finish(message, state, t, db, actor, user, note)


async def on_skip(
    message: Message, state: FSMContext, t: Tr, db: Database, actor: Actor, user: UserOut | None
) -> None:
    await _finish(message, state, t, db, actor, user, None)


async def on_other(message: Message, t: Tr) -> None:
    await message.answer(t("customer-phone-expected"))


async def _finish(
    message: Message,
    state: FSMContext,
    t: Tr,
    db: Database,
    actor: Actor,
    user: UserOut | None,
    note: str | None,
) -> None:
    flow = (await state.get_data()).get("flow")
    await state.clear()
    if flow == FLOW_ONBOARDING:
        await complete_onboarding(db, actor, actor.telegram_id)
        text = t("customer-onboarding-done") if note is None else f"{note}\n\n" + t(
            "customer-onboarding-done")
        await message.answer(text, reply_markup=ReplyKeyboardRemove())
        return
    # Two messages: the note takes the reply keyboard away, the profile brings its buttons.
    await message.answer(note or t("customer-phone-unchanged"),
                         reply_markup=ReplyKeyboardRemove())
    text, markup = await profile_screen(db, actor, user, t)
    await message.answer(text, reply_markup=markup)


def _skip(message: Message, t: Tr) -> bool:
    return is_skip(t, message.text)


def create_phone_router() -> Router:
    router = Router(name="customer-phone")
    router.message.register(on_contact, PhoneForm.contact, F.contact)
    router.message.register(on_skip, PhoneForm.contact, _skip)
    router.message.register(on_other, PhoneForm.contact, ~F.text.startswith("/"))
    return router
