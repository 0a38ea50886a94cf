"""/start and the onboarding dialog (language, then an address, then the phone), /cancel, and
resuming a dialog left half-way."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.common.formatting import display_name
from bot.common.i18n import Tr
from bot.common.replies import chat_of, show
from bot.customer import address_form
from bot.customer.addresses import ask_edit
from bot.customer.callbacks import Field, OnboardingLanguage, Resume, ResumeChoice
from bot.customer.keyboards import onboarding_language_keyboard, resume_keyboard
from bot.customer.phone import repeat_question
from bot.customer.replies import ButtonText
from bot.customer.states import FLOW_ONBOARDING, AddressEdit, Onboarding, PhoneForm
from core.auth.api import set_language
from core.auth.policy import Actor
from core.auth.schemas import UserOut
from core.customers.api import get_profile
from core.shared.uow import Database


def _greeting(t: Tr, user: UserOut | None) -> str:
    return t("customer-start", name=display_name(user, t("friend")))


async def start(
    message: Message,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
    user: UserOut | None,
) -> None:
    current = await state.get_state()
    if current is not None and current != Onboarding.language.state:
        # Half-way through something: the person decides whether it still matters.
        await message.answer(t("customer-resume-prompt"), reply_markup=resume_keyboard(t))
        return
    await _fresh_start(bot, message.chat.id, actor, db, state, t, user)


async def _fresh_start(
    bot: Bot,
    chat_id: int,
    actor: Actor,
    db: Database,
    state: FSMContext,
    t: Tr,
    user: UserOut | None,
) -> None:
    profile = await get_profile(db, actor, actor.telegram_id)
    if profile is not None and profile.onboarded_at is not None:
        await state.clear()
        await bot.send_message(chat_id, _greeting(t, user))
        return
    # The greeting carries the language choice: the first thing a newcomer answers.
    await state.set_state(Onboarding.language)
    await state.set_data({})
    await bot.send_message(chat_id, _greeting(t, user),
                           reply_markup=onboarding_language_keyboard(t))


async def on_language(
    callback: CallbackQuery,
    callback_data: OnboardingLanguage,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    user: UserOut | None,
) -> None:
    await callback.answer()
    if await state.get_state() != Onboarding.language.state:
        return  # a double tap, or a greeting from an earlier dialog: nothing to do
    # The code is user input: set_language refuses anything but ru/en.
    changed = await set_language(db, callback.from_user.id, callback_data.code)
    now = t.using(changed.language or t.lang)
    await show(callback, bot, _greeting(now, user) + "\n\n"
               + now("customer-onboarding-language-set", language=now.lang))
    await address_form.begin(bot, chat_of(callback), state, now, FLOW_ONBOARDING)


async def language_expected(message: Message, t: Tr) -> None:
    await message.answer(t("customer-onboarding-choose-language"))


async def on_resume(
    callback: CallbackQuery,
    callback_data: ResumeChoice,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
    user: UserOut | None,
) -> None:
    await callback.answer()
    current = await state.get_state()
    if current is None:
        await show(callback, bot, t("customer-dialog-expired"))
        return
    chat_id = chat_of(callback)
    if callback_data.action is Resume.CONTINUE:
        await show(callback, bot, t("customer-resume-continuing"))
        await ask_again(bot, chat_id, state, t)
        return
    await show(callback, bot, t("customer-resume-restarting"))
    await state.clear()
    await bot.send_message(chat_id, t("customer-cancel-done"), reply_markup=ReplyKeyboardRemove())
    await _fresh_start(bot, chat_id, actor, db, state, t, user)


async def ask_again(bot: Bot, chat_id: int, state: FSMContext, t: Tr) -> None:
    """Repeat the question the dialog is waiting on."""
    current = await state.get_state()
    if current in address_form.PROMPTS:
        await address_form.ask(bot, chat_id, t, current)
    elif current == PhoneForm.contact.state:
        await repeat_question(bot, chat_id, t)
    elif current == AddressEdit.value.state:
        await ask_edit(bot, chat_id, t, Field((await state.get_data())["field"]))


async def cancel(message: Message, state: FSMContext, t: Tr) -> None:
    if await state.get_state() is None:
        await message.answer(t("customer-cancel-nothing"), reply_markup=ReplyKeyboardRemove())
        return
    await state.clear()
    await message.answer(t("customer-cancel-done"), reply_markup=ReplyKeyboardRemove())


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def create_onboarding_router() -> Router:
    router = Router(name="customer-onboarding")
    router.message.register(start, CommandStart())
    router.message.register(cancel, Command("cancel"))
    router.message.register(cancel, ButtonText("customer-btn-cancel"))
    router.callback_query.register(on_language, OnboardingLanguage.filter())
    router.callback_query.register(on_resume, ResumeChoice.filter())
    router.message.register(language_expected, Onboarding.language, _not_a_command)
    return router
