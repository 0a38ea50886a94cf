"""/apply: the application to sell, one question at a time, then a summary to confirm, edit or
cancel. Every answer is checked as it comes; the Mini App form is offered as well."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

import structlog
from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import chat_of, show
from bot.seller.apply_steps import (
    DEFAULT_TIMEZONE,
    EDITABLE_STEPS,
    READERS,
    Draft,
    Refusal,
    explain,
    next_state,
    state_of_step,
    step_name,
    to_application,
)
from bot.seller.callbacks import (
    EditField,
    MenuItem,
    SummaryAct,
    SummaryChoice,
    TaxChoice,
    TimezoneChoice,
)
from bot.seller.cards import summary_text
from bot.seller.keyboards import (
    apply_intro_keyboard,
    cancel_keyboard,
    contact_keyboard,
    edit_fields_keyboard,
    location_keyboard,
    resume_keyboard,
    summary_keyboard,
    tax_keyboard,
    timezone_keyboard,
)
from bot.seller.replies import not_a_command
from bot.seller.states import ApplyForm
from core.auth.policy import Actor
from core.business.api import apply, check_phone, check_timezone, my_applications
from core.business.errors import ApplicationPending, TaxSystemNotAllowed
from core.business.schemas import INDIVIDUAL_ONLY_TAX_SYSTEMS, BusinessStatus, InnKind
from core.shared.config import Settings
from core.shared.errors import CoreError
from core.shared.uow import Database

log = structlog.get_logger(__name__)

# Reply keyboards of the typed questions; the tax system, the time zone and the summary are
# answered with inline buttons instead.
_KEYBOARDS: dict[str | None, Callable[[Tr], ReplyKeyboardMarkup]] = {
    ApplyForm.phone.state: contact_keyboard,
    ApplyForm.location.state: location_keyboard,
}


def in_application(state_name: str | None) -> bool:
    """Whether the dialog under way is the application."""
    return state_name is not None and state_name.startswith(f"{ApplyForm.__full_group_name__}:")


async def ask(bot: Bot, chat_id: int, t: Tr, state_name: str | None, draft: Draft) -> None:
    """Send the question of ``state_name`` with the keyboard that answers it."""
    if state_name == ApplyForm.summary.state:
        await bot.send_message(chat_id, summary_text(t, draft), reply_markup=summary_keyboard(t))
        return
    if not in_application(state_name):
        return
    key = "seller-ask-" + step_name(state_name).replace("_", "-")
    if state_name == ApplyForm.tax_system.state:
        kind = draft.get("inn_kind")
        await bot.send_message(chat_id, t(key),
                               reply_markup=tax_keyboard(t, InnKind(kind) if kind else None))
    elif state_name == ApplyForm.timezone.state:
        current = draft.get("timezone") or DEFAULT_TIMEZONE
        await bot.send_message(chat_id, t(key, zone=current),
                               reply_markup=timezone_keyboard(t, current))
    else:
        keyboard = _KEYBOARDS.get(state_name, cancel_keyboard)
        await bot.send_message(chat_id, t(key), reply_markup=keyboard(t))


async def _draft(state: FSMContext) -> Draft:
    return dict((await state.get_data()).get("draft") or {})


async def _advance(bot: Bot, chat_id: int, state: FSMContext, t: Tr, changes: Draft) -> None:
    draft = {**await _draft(state), **changes}
    following = next_state(draft)
    await state.set_data({"draft": draft})
    await state.set_state(following)
    await ask(bot, chat_id, t, following.state, draft)


async def begin(bot: Bot, chat_id: int, state: FSMContext, t: Tr, db: Database, actor: Actor,
                settings: Settings) -> None:
    """Start a new application (one waiting for review already is reason enough not to)."""
    if any(a.business.status is BusinessStatus.PENDING for a in await my_applications(db, actor)):
        await state.clear()
        await bot.send_message(chat_id, apology(t, ApplicationPending()))
        return
    await state.set_state(ApplyForm.legal_name)
    await state.set_data({"draft": {}})
    await bot.send_message(chat_id, t("seller-apply-intro"),
                           reply_markup=apply_intro_keyboard(t, settings))
    await ask(bot, chat_id, t, ApplyForm.legal_name.state, {})


async def on_apply(message: Message, bot: Bot, state: FSMContext, t: Tr, db: Database,
                   actor: Actor, settings: Settings) -> None:
    if await state.get_state() is not None:
        await message.answer(t("seller-resume-prompt"),
                             reply_markup=resume_keyboard(t, MenuItem.APPLY))
        return
    await begin(bot, message.chat.id, state, t, db, actor, settings)


# -- answers -----------------------------------------------------------------------------------


async def on_text(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    current = await state.get_state()
    reader = READERS[current]
    try:
        changes = reader(message.text or "", await _draft(state))
    except (Refusal, CoreError) as error:  # stay on the question: the person can try again
        await message.answer(explain(t, error))
        if current in (ApplyForm.tax_system.state, ApplyForm.summary.state):
            await ask(bot, message.chat.id, t, current, await _draft(state))
        return
    await _advance(bot, message.chat.id, state, t, changes)


async def on_contact(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    assert message.contact is not None  # the filter guarantees it
    # A business's contact number need not be the applicant's own: any shared contact will do.
    try:
        phone = check_phone(message.contact.phone_number)
    except CoreError as error:
        await message.answer(explain(t, error))
        return
    await _advance(bot, message.chat.id, state, t, {"phone": phone})


async def on_location(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    assert message.location is not None
    await _advance(bot, message.chat.id, state, t,
                   {"lat": message.location.latitude, "lon": message.location.longitude})


async def on_other(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    """A photo, a sticker...: repeat the question."""
    await ask(bot, message.chat.id, t, await state.get_state(), await _draft(state))


async def _expired(callback: CallbackQuery, t: Tr) -> None:
    await callback.answer(t("seller-dialog-expired"), show_alert=True)


async def on_tax(callback: CallbackQuery, callback_data: TaxChoice, bot: Bot,
                 state: FSMContext, t: Tr) -> None:
    if await state.get_state() != ApplyForm.tax_system.state:
        await _expired(callback, t)
        return
    draft = await _draft(state)
    system = callback_data.system
    if system in INDIVIDUAL_ONLY_TAX_SYSTEMS and draft.get("inn_kind") != InnKind.INDIVIDUAL:
        await callback.answer(apology(t, TaxSystemNotAllowed()), show_alert=True)
        return
    await callback.answer()
    await show(callback, bot, t("seller-ask-tax-system") + "\n\n"
               + t("seller-chosen", value=t(f"tax-system-{system.value}")))
    await _advance(bot, chat_of(callback), state, t, {"tax_system": system.value})


async def on_timezone(callback: CallbackQuery, callback_data: TimezoneChoice, bot: Bot,
                      state: FSMContext, t: Tr) -> None:
    if await state.get_state() != ApplyForm.timezone.state:
        await _expired(callback, t)
        return
    try:
        name = check_timezone(callback_data.name)  # callback data is user input
    except CoreError as error:
        await callback.answer(apology(t, error), show_alert=True)
        return
    await callback.answer()
    await show(callback, bot, t("seller-timezone-chosen", zone=name))
    await _advance(bot, chat_of(callback), state, t, {"timezone": name})


# -- the summary -------------------------------------------------------------------------------


async def _drop_buttons(callback: CallbackQuery) -> None:
    if isinstance(callback.message, Message):
        with suppress(TelegramBadRequest):
            await callback.message.edit_reply_markup(reply_markup=None)


async def on_summary(callback: CallbackQuery, callback_data: SummaryChoice, bot: Bot,
                     state: FSMContext, t: Tr, db: Database, actor: Actor) -> None:
    current = await state.get_state()
    if not in_application(current):
        await _expired(callback, t)
        return
    action = callback_data.action
    chat_id = chat_of(callback)
    if action is SummaryAct.CANCEL:
        await callback.answer()
        await state.clear()
        await _drop_buttons(callback)
        await bot.send_message(chat_id, t("seller-apply-cancelled"),
                               reply_markup=ReplyKeyboardRemove())
        return
    draft = await _draft(state)
    if current != ApplyForm.summary.state:  # a button of an older summary, mid-edit
        await _expired(callback, t)
        return
    await callback.answer()
    if action is SummaryAct.EDIT:
        await show(callback, bot, t("seller-edit-choose"), edit_fields_keyboard(t, EDITABLE_STEPS))
    elif action is SummaryAct.BACK:
        await show(callback, bot, summary_text(t, draft), summary_keyboard(t))
    else:
        await _confirm(callback, bot, state, t, db, actor, draft)


async def _confirm(callback: CallbackQuery, bot: Bot, state: FSMContext, t: Tr, db: Database,
                   actor: Actor, draft: Draft) -> None:
    chat_id = chat_of(callback)
    try:
        applied = await apply(db, actor, to_application(draft))
    except ApplicationPending as error:
        await state.clear()
        await _drop_buttons(callback)
        await bot.send_message(chat_id, apology(t, error), reply_markup=ReplyKeyboardRemove())
        return
    except CoreError as error:  # e.g. the INN was taken meanwhile: edit it and try again
        await bot.send_message(chat_id, explain(t, error))
        return
    log.info("bot.seller_applied", user_id=actor.telegram_id,
             business_id=str(applied.business.id))
    await state.clear()
    await show(callback, bot, summary_text(t, draft))
    await bot.send_message(chat_id, t("seller-apply-sent"), reply_markup=ReplyKeyboardRemove())


async def on_edit_field(callback: CallbackQuery, callback_data: EditField, bot: Bot,
                        state: FSMContext, t: Tr) -> None:
    if await state.get_state() != ApplyForm.summary.state:
        await _expired(callback, t)
        return
    target = state_of_step(callback_data.step)
    if target is None:  # not one of our buttons
        await _expired(callback, t)
        return
    await callback.answer()
    await show(callback, bot, t("seller-edit-field", field=t(f"seller-field-{callback_data.step}")))
    await state.set_state(target)
    await ask(bot, chat_of(callback), t, target.state, await _draft(state))


def create_apply_router() -> Router:
    """The application dialog; commands are registered before it by the seller router."""
    router = Router(name="seller-apply")
    router.message.register(on_apply, Command("apply"))
    router.callback_query.register(on_tax, TaxChoice.filter())
    router.callback_query.register(on_timezone, TimezoneChoice.filter())
    router.callback_query.register(on_summary, SummaryChoice.filter())
    router.callback_query.register(on_edit_field, EditField.filter())
    router.message.register(on_contact, ApplyForm.phone, F.contact)
    router.message.register(on_location, ApplyForm.location, F.location)
    for step in ApplyForm.__states__:
        router.message.register(on_text, step, F.text, not_a_command)
        router.message.register(on_other, step, ~F.text)
    return router
