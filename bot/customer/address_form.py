"""Adding an address step by step: a location or typed text, then details, each skippable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import Message, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.customer.cards import address_lines
from bot.customer.keyboards import label_keyboard, place_keyboard, skip_keyboard
from bot.customer.phone import ask_phone
from bot.customer.replies import is_skip, label_from_button
from bot.customer.states import FLOW_ONBOARDING, AddressForm
from bot.customer.views import addresses_screen
from core.auth.policy import Actor
from core.customers.api import (
    add_address,
    check_point,
    clean_address_text,
    clean_apartment,
    clean_comment,
    clean_entrance,
    parse_floor,
)
from core.customers.schemas import AddressInput, AddressLabel, DeliveryCoverage, SavedAddress
from core.shared.errors import CoreError
from core.shared.uow import Database

Keyboard = Callable[[Tr], ReplyKeyboardMarkup]


@dataclass(frozen=True)
class Step:
    """One typed, skippable field of the form and the step after it."""

    field: str
    clean: Callable[[str], Any]
    next: State


_TEXT_STEPS: dict[str | None, Step] = {
    AddressForm.text.state: Step("text", clean_address_text, AddressForm.entrance),
    AddressForm.entrance.state: Step("entrance", clean_entrance, AddressForm.floor),
    AddressForm.floor.state: Step("floor", parse_floor, AddressForm.apartment),
    AddressForm.apartment.state: Step("apartment", clean_apartment, AddressForm.comment),
    AddressForm.comment.state: Step("comment", clean_comment, AddressForm.label),
}

PROMPTS: dict[str | None, tuple[str, Keyboard]] = {
    AddressForm.place.state: ("customer-address-ask-place", place_keyboard),
    AddressForm.text.state: ("customer-address-ask-text", skip_keyboard),
    AddressForm.entrance.state: ("customer-address-ask-entrance", skip_keyboard),
    AddressForm.floor.state: ("customer-address-ask-floor", skip_keyboard),
    AddressForm.apartment.state: ("customer-address-ask-apartment", skip_keyboard),
    AddressForm.comment.state: ("customer-address-ask-comment", skip_keyboard),
    AddressForm.label.state: ("customer-address-ask-label", label_keyboard),
}


async def ask(bot: Bot, chat_id: int, t: Tr, state_name: str | None) -> None:
    """Send the question of the form's step ``state_name`` with its keyboard."""
    key, keyboard = PROMPTS[state_name]
    await bot.send_message(chat_id, t(key), reply_markup=keyboard(t))


async def begin(bot: Bot, chat_id: int, state: FSMContext, t: Tr, flow: str) -> None:
    """Start a new address; ``flow`` says what follows it (the phone, or the address list)."""
    await state.set_state(AddressForm.place)
    await state.set_data({"flow": flow, "draft": {}})
    await ask(bot, chat_id, t, AddressForm.place.state)


async def _advance(message: Message, bot: Bot, state: FSMContext, t: Tr, to: State,
                   **fields: Any) -> None:
    data = await state.get_data()
    await state.update_data(draft={**data.get("draft", {}), **fields})
    await state.set_state(to)
    await ask(bot, message.chat.id, t, to.state)


async def on_place_location(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    assert message.location is not None  # the filter guarantees it
    try:
        latitude, longitude = check_point(message.location.latitude, message.location.longitude)
    except CoreError as error:
        await message.answer(apology(t, error))
        return
    await _advance(message, bot, state, t, AddressForm.text,
                   latitude=latitude, longitude=longitude)


async def on_place_text(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    if is_skip(t, message.text):
        await message.answer(t("customer-address-place-expected"))
        return
    try:
        text = clean_address_text(message.text)
    except CoreError as error:
        await message.answer(apology(t, error))
        return
    if text is None:
        await message.answer(t("customer-address-place-expected"))
        return
    # A typed address needs no second typing: on to the details.
    await _advance(message, bot, state, t, AddressForm.entrance, text=text)


async def on_place_other(message: Message, t: Tr) -> None:
    await message.answer(t("customer-address-place-expected"))


async def on_step_text(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    step = _TEXT_STEPS[await state.get_state()]
    value = None
    if not is_skip(t, message.text):
        try:
            value = step.clean(message.text or "")
        except CoreError as error:
            await message.answer(apology(t, error))
            return
    await _advance(message, bot, state, t, step.next, **{step.field: value})


async def on_step_other(message: Message, bot: Bot, state: FSMContext, t: Tr) -> None:
    await ask(bot, message.chat.id, t, await state.get_state())


async def on_label(
    message: Message, bot: Bot, state: FSMContext, t: Tr, db: Database, actor: Actor
) -> None:
    label = label_from_button(t, message.text)
    if label is None and not is_skip(t, message.text):
        await message.answer(t("customer-address-label-expected"))
        return
    data = await state.get_data()
    draft = {**data.get("draft", {}), "label": label.value if label else None}
    await _save(message, bot, state, t, db, actor, data.get("flow"), draft)


async def _save(message: Message, bot: Bot, state: FSMContext, t: Tr, db: Database,
                actor: Actor, flow: str | None, draft: dict[str, Any]) -> None:
    try:
        saved = await add_address(db, actor, actor.telegram_id, draft_to_input(draft))
    except CoreError as error:
        # The limit (or a change made elsewhere meanwhile): the form cannot go on.
        await state.clear()
        await message.answer(apology(t, error), reply_markup=ReplyKeyboardRemove())
        return
    report = saved_text(t, saved, "customer-address-saved")
    if flow == FLOW_ONBOARDING:
        await message.answer(report)
        await ask_phone(bot, message.chat.id, state, t, flow)
        return
    await state.clear()
    await message.answer(report, reply_markup=ReplyKeyboardRemove())
    text, markup = await addresses_screen(db, actor, t)
    await message.answer(text, reply_markup=markup)


def draft_to_input(draft: dict[str, Any]) -> AddressInput:
    """The form's answers (kept as JSON in the FSM storage) as the api's input."""
    label = draft.get("label")
    return AddressInput(
        latitude=draft.get("latitude"),
        longitude=draft.get("longitude"),
        text=draft.get("text"),
        entrance=draft.get("entrance"),
        floor=draft.get("floor"),
        apartment=draft.get("apartment"),
        comment=draft.get("comment"),
        label=AddressLabel(label) if label else None,
    )


def saved_text(t: Tr, saved: SavedAddress, key: str) -> str:
    """"Saved" (or "updated"), the address, and a warning if no shop delivers there yet."""
    lines = [t(key), "", *address_lines(t, saved.address.as_input())]
    if saved.coverage is DeliveryCoverage.NOT_COVERED:
        lines += ["", t("customer-address-not-covered")]
    return "\n".join(lines)


def _not_a_command(message: Message) -> bool:
    return message.text is not None and (not message.text.startswith("/")
                                         or message.text == "/skip")


def create_address_form_router() -> Router:
    router = Router(name="customer-address-form")
    router.message.register(on_place_location, AddressForm.place, F.location)
    router.message.register(on_place_text, AddressForm.place, _not_a_command)
    router.message.register(on_place_other, AddressForm.place, ~F.text)
    steps = [AddressForm.text, AddressForm.entrance, AddressForm.floor, AddressForm.apartment,
             AddressForm.comment]
    for step in steps:
        router.message.register(on_step_text, step, _not_a_command)
        router.message.register(on_step_other, step, ~F.text)
    router.message.register(on_label, AddressForm.label, _not_a_command)
    router.message.register(on_step_other, AddressForm.label, ~F.text)
    return router
