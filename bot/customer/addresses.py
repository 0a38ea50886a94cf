"""Saved addresses in the settings: list, open, make default, edit a field, delete."""

from __future__ import annotations

import dataclasses
import uuid
from contextlib import suppress
from typing import Any

from aiogram import Bot, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import chat_of, show
from bot.customer.address_form import saved_text
from bot.customer.callbacks import AddressAct, AddressChoice, AddressFieldChoice, Field
from bot.customer.cards import address_card
from bot.customer.keyboards import address_delete_keyboard, address_fields_keyboard, edit_keyboard
from bot.customer.replies import is_clear, label_from_button
from bot.customer.states import AddressEdit
from bot.customer.views import address_screen, addresses_screen
from core.auth.policy import Actor, Permission, require
from core.customers.api import (
    check_point,
    clean_address_text,
    clean_apartment,
    clean_comment,
    clean_entrance,
    delete_address,
    get_address,
    parse_floor,
    set_default_address,
    update_address,
)
from core.customers.errors import AddressNotFound
from core.shared.errors import CoreError, ValidationFailed
from core.shared.uow import Database


async def on_address(
    callback: CallbackQuery,
    callback_data: AddressChoice,
    bot: Bot,
    db: Database,
    t: Tr,
    actor: Actor,
) -> None:
    await callback.answer()
    # The id comes from the button: the api refuses an address that is not the presser's.
    address_id = callback_data.address_id
    act = callback_data.action
    if act is AddressAct.DELETE_CONFIRMED:
        note = t("customer-address-deleted")
        with suppress(AddressNotFound):  # a double tap: the first one deleted it
            await delete_address(db, actor, address_id)
        text, markup = await addresses_screen(db, actor, t)
        await show(callback, bot, f"{note}\n\n{text}", markup)
        return
    if act is AddressAct.DEFAULT:
        address = await set_default_address(db, actor, address_id)
    else:
        address = await get_address(db, actor, address_id)
    if act is AddressAct.EDIT:
        await show(callback, bot,
                   t("customer-address-edit-choose") + "\n\n" + address_card(t, address),
                   address_fields_keyboard(t, address))
    elif act is AddressAct.DELETE:
        await show(callback, bot,
                   t("customer-address-delete-confirm") + "\n\n" + address_card(t, address),
                   address_delete_keyboard(t, address))
    else:
        await show(callback, bot, *address_screen(t, address))


async def ask_edit(bot: Bot, chat_id: int, t: Tr, field: Field) -> None:
    """Ask for the new value of ``field``."""
    await bot.send_message(chat_id, t(f"customer-address-edit-{field.value}"),
                           reply_markup=edit_keyboard(t, field))


async def on_field(
    callback: CallbackQuery,
    callback_data: AddressFieldChoice,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    await callback.answer()
    address = await get_address(db, actor, callback_data.address_id)  # still there?
    # Support may view a customer's address, but only its owner may start changing it.
    require(actor, Permission.EDIT_PERSON, subject_id=address.customer_id)
    await state.set_state(AddressEdit.value)
    await state.set_data({"address_id": str(callback_data.address_id),
                          "field": callback_data.field.value})
    await ask_edit(bot, chat_of(callback), t, callback_data.field)


def _typed_value(field: Field, t: Tr, text: str) -> dict[str, Any]:
    """The typed ``text`` as the change it makes to the address; a cleaner may refuse it."""
    if field is Field.TEXT:
        return {"text": clean_address_text(text)}
    if field is Field.ENTRANCE:
        return {"entrance": clean_entrance(text)}
    if field is Field.FLOOR:
        return {"floor": parse_floor(text)}
    if field is Field.APARTMENT:
        return {"apartment": clean_apartment(text)}
    if field is Field.COMMENT:
        return {"comment": clean_comment(text)}
    raise ValueError(field)


_CLEARED: dict[Field, dict[str, Any]] = {
    Field.TEXT: {"text": None},
    Field.LOCATION: {"latitude": None, "longitude": None},
    Field.ENTRANCE: {"entrance": None},
    Field.FLOOR: {"floor": None},
    Field.APARTMENT: {"apartment": None},
    Field.COMMENT: {"comment": None},
    Field.LABEL: {"label": None},
}


async def on_edit_message(
    message: Message, bot: Bot, db: Database, state: FSMContext, t: Tr, actor: Actor
) -> None:
    data = await state.get_data()
    field = Field(data["field"])
    change: dict[str, Any]
    try:
        if is_clear(t, message.text):
            change = _CLEARED[field]
        elif field is Field.LOCATION:
            if message.location is None:
                await ask_edit(bot, message.chat.id, t, field)
                return
            latitude, longitude = check_point(message.location.latitude,
                                              message.location.longitude)
            change = {"latitude": latitude, "longitude": longitude}
        elif field is Field.LABEL:
            label = label_from_button(t, message.text)
            if label is None:
                await message.answer(t("customer-address-label-expected"))
                return
            change = {"label": label}
        elif message.text is None:
            await ask_edit(bot, message.chat.id, t, field)
            return
        else:
            change = _typed_value(field, t, message.text)
        await _apply(message, db, state, t, actor, uuid.UUID(data["address_id"]), change)
    except ValidationFailed as error:  # stay on the question: the person can try again
        await message.answer(apology(t, error))
    except CoreError as error:  # the address is gone: nothing left to edit
        await state.clear()
        await message.answer(apology(t, error), reply_markup=ReplyKeyboardRemove())


async def _apply(message: Message, db: Database, state: FSMContext, t: Tr, actor: Actor,
                 address_id: uuid.UUID, change: dict[str, Any]) -> None:
    current = await get_address(db, actor, address_id)
    saved = await update_address(db, actor, address_id,
                                 dataclasses.replace(current.as_input(), **change))
    await state.clear()
    await message.answer(saved_text(t, saved, "customer-address-updated"),
                         reply_markup=ReplyKeyboardRemove())
    text, markup = address_screen(t, saved.address)
    await message.answer(text, reply_markup=markup)


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def create_addresses_router() -> Router:
    router = Router(name="customer-addresses")
    router.callback_query.register(on_address, AddressChoice.filter())
    router.callback_query.register(on_field, AddressFieldChoice.filter())
    router.message.register(on_edit_message, AddressEdit.value, _not_a_command)
    return router

