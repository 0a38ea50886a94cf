"""/settings: profile and phone, language, addresses, data export, account deletion."""

from __future__ import annotations

import json

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.common.i18n import Tr
from bot.common.language import language_keyboard
from bot.common.replies import chat_of, show
from bot.customer import address_form
from bot.customer.callbacks import (
    AccountDeletion,
    Erase,
    PhoneAction,
    ProfileChoice,
    Section,
    SettingsMenu,
)
from bot.customer.keyboards import account_deletion_keyboard, settings_keyboard, with_back
from bot.customer.phone import ask_phone
from bot.customer.states import FLOW_SETTINGS
from bot.customer.views import addresses_screen, profile_screen
from core.auth.policy import Actor
from core.auth.schemas import UserOut
from core.customers.api import (
    ADDRESS_LIMIT,
    delete_account,
    export_personal_data,
    list_addresses,
    remove_phone,
)
from core.customers.errors import AddressLimitReached
from core.shared.uow import Database


async def open_settings(message: Message, state: FSMContext, t: Tr) -> None:
    # Opening the settings is leaving whatever dialog was under way.
    await state.clear()
    await message.answer(t("customer-settings-title"), reply_markup=settings_keyboard(t))


async def on_section(
    callback: CallbackQuery,
    callback_data: SettingsMenu,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
    user: UserOut | None,
) -> None:
    await callback.answer()
    section = callback_data.section
    if section is Section.MENU:
        await show(callback, bot, t("customer-settings-title"), settings_keyboard(t))
    elif section is Section.PROFILE:
        await show(callback, bot, *await profile_screen(db, actor, user, t))
    elif section is Section.LANGUAGE:
        await show(callback, bot, t("language-prompt"), with_back(language_keyboard(t), t))
    elif section is Section.ADDRESSES:
        await show(callback, bot, *await addresses_screen(db, actor, t))
    elif section is Section.ADD_ADDRESS:
        # Refuse before the form rather than after five questions.
        if len(await list_addresses(db, actor, actor.telegram_id)) >= ADDRESS_LIMIT:
            raise AddressLimitReached(limit=ADDRESS_LIMIT)
        await address_form.begin(bot, chat_of(callback), state, t, FLOW_SETTINGS)
    elif section is Section.EXPORT:
        await _send_export(callback, bot, db, t, actor)
    elif section is Section.DELETE_ACCOUNT:
        await show(callback, bot, t("customer-account-delete-warning"),
                   account_deletion_keyboard(t, Erase.CONFIRM))


async def _send_export(
    callback: CallbackQuery, bot: Bot, db: Database, t: Tr, actor: Actor
) -> None:
    customer_id = actor.telegram_id
    document = await export_personal_data(db, actor, customer_id)
    content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    await bot.send_document(
        chat_of(callback),
        BufferedInputFile(content, filename=f"fruktgo-my-data-{customer_id}.json"),
        caption=t("customer-export-caption"),
    )


async def on_profile(
    callback: CallbackQuery,
    callback_data: ProfileChoice,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
    user: UserOut | None,
) -> None:
    await callback.answer()
    if callback_data.action is PhoneAction.SHARE:
        await ask_phone(bot, chat_of(callback), state, t, FLOW_SETTINGS)
        return
    await remove_phone(db, actor, actor.telegram_id)
    text, markup = await profile_screen(db, actor, user, t)
    await show(callback, bot, t("customer-phone-removed") + "\n\n" + text, markup)


async def on_account_deletion(
    callback: CallbackQuery,
    callback_data: AccountDeletion,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    await callback.answer()
    if callback_data.step is Erase.CONFIRM:
        await show(callback, bot, t("customer-account-delete-final"),
                   account_deletion_keyboard(t, Erase.FINAL))
        return
    await delete_account(db, actor, actor.telegram_id)
    await state.clear()
    await show(callback, bot, t("customer-account-deleted"))


def create_settings_router() -> Router:
    router = Router(name="customer-settings")
    router.message.register(open_settings, Command("settings"))
    router.callback_query.register(on_section, SettingsMenu.filter())
    router.callback_query.register(on_profile, ProfileChoice.filter())
    router.callback_query.register(on_account_deletion, AccountDeletion.filter())
    return router
