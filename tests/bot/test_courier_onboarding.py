"""Becoming a courier in the courier bot: a stranger's application and an invited courier's
profile, one question at a time, with every wrong answer explained."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from aiogram.methods import EditMessageText, SendMessage
from aiogram.types import ReplyKeyboardMarkup
from bot_fakes import Harness
from courier_bot_helpers import admin_actor, approved_courier, buttons, courier_user_id
from customer_chat import Chat, answered_first, edits, removes_keyboard, sent

from bot.courier.callbacks import Join, VehicleChoice
from bot.courier.states import CourierForm
from core.auth.api import create_invitation, grant_role, load_actor
from core.auth.policy import Role
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database
from core.workforce.api import courier_application, reject_courier
from core.workforce.schemas import ApplicationStatus, Vehicle


@pytest.fixture
def courier_bot(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.COURIER)


@pytest.fixture
def chat(courier_bot: Harness) -> Chat:
    # Button presses come from "Анна" (bot_fakes), so the chat is hers too.
    return Chat(courier_bot, courier_user_id())


async def _status(db: Database, user_id: int) -> ApplicationStatus | None:
    application = await courier_application(db, await load_actor(db, user_id), user_id)
    return application.status if application else None


async def test_a_stranger_applies_in_three_steps(
    chat: Chat, db: Database, translator: Translator
) -> None:
    [hello] = sent(await chat.send("/start"))
    assert hello.text == translator.get("ru", "courier-start", name="Анна")
    assert buttons(hello) == [(translator.get("ru", "courier-btn-join"), Join().pack())]

    pressed = await chat.press(Join())
    assert answered_first(pressed)
    intro, ask_name = sent(pressed)
    assert intro.text == translator.get("ru", "courier-profile-intro")
    assert ask_name.text == translator.get("ru", "courier-ask-name")
    assert isinstance(ask_name.reply_markup, ReplyKeyboardMarkup)
    assert ask_name.reply_markup.keyboard[0][0].text == "Анна"  # Telegram's name, one tap

    [refused] = sent(await chat.send("7"))
    assert refused.text == translator.get(
        "ru", "error-invalid_courier_name", minimum=2, maximum=100
    )
    [ask_phone] = sent(await chat.send("  Марат   Ибрагимов "))
    assert ask_phone.text == translator.get("ru", "courier-ask-phone")
    assert ask_phone.reply_markup.keyboard[0][0].request_contact  # type: ignore[union-attr]

    [typed] = sent(await chat.send("+7 916 123-45-67"))
    assert typed.text == translator.get("ru", "courier-phone-use-button")
    [foreign] = sent(await chat.share_contact("+79160000000", owner_id=courier_user_id()))
    assert foreign.text == translator.get("ru", "courier-phone-not-yours")
    saved, ask_vehicle = sent(await chat.share_contact("8 916 123 45 67", owner_id=chat.user_id))
    assert saved.text == translator.get("ru", "courier-phone-saved", phone="+79161234567")
    assert removes_keyboard(saved)
    assert [data for _, data in buttons(ask_vehicle)] == [
        VehicleChoice(vehicle=v).pack() for v in Vehicle
    ]

    done = await chat.press(VehicleChoice(vehicle=Vehicle.BICYCLE))
    [chosen] = edits(done)
    assert chosen.text == translator.get("ru", "courier-vehicle-chosen", vehicle="bicycle")
    assert [m.text for m in sent(done)] == [translator.get("ru", "courier-application-sent")]
    assert await chat.state() is None
    assert await _status(db, chat.user_id) is ApplicationStatus.PENDING

    [waiting] = sent(await chat.send("/start"))
    assert waiting.text == translator.get("ru", "courier-home-pending")
    [again] = sent(await chat.press(Join()))  # an old button: no second application
    assert again.text == translator.get("ru", "courier-home-pending")


async def test_an_invited_courier_fills_the_profile_after_the_welcome(
    courier_bot: Harness, db: Database, translator: Translator
) -> None:
    admin = await admin_actor(db)
    created = await create_invitation(db, admin, Role.COURIER)
    chat = Chat(courier_bot, courier_user_id(), language_code="en", first_name="Lena")
    opened = await chat.send(f"/start {created.start_parameter}")
    welcome, intro, ask_name = [m for m in sent(opened) if m.chat_id == chat.user_id]
    assert welcome.text == translator.get("en", "invitation-welcome-courier")
    assert (intro.text, ask_name.text) == (
        translator.get("en", "courier-profile-intro"),
        translator.get("en", "courier-ask-name"),
    )
    await chat.send("Lena Smirnova")
    await chat.share_contact("+447700900123", owner_id=chat.user_id)
    done = await chat.press(VehicleChoice(vehicle=Vehicle.CAR))
    assert [m.text for m in sent(done)] == [
        translator.get("en", "courier-profile-done", name="Lena Smirnova")
    ]
    assert await _status(db, chat.user_id) is ApplicationStatus.APPROVED
    [home] = sent(await chat.send("/start"))
    assert home.text == translator.get("en", "courier-home-approved", name="Lena Smirnova")


async def test_a_courier_by_role_without_a_profile_is_asked_for_it_on_start(
    chat: Chat, db: Database, translator: Translator
) -> None:
    admin = await admin_actor(db)
    await chat.send("/language")  # the bot learns who it is
    await grant_role(db, admin, chat.user_id, Role.COURIER)
    _, ask_name = sent(await chat.send("/start"))
    assert ask_name.text == translator.get("ru", "courier-ask-name")
    assert await chat.state() == CourierForm.name.state


async def test_other_messages_repeat_the_question_and_cancel_ends_the_dialog(
    chat: Chat, translator: Translator
) -> None:
    await chat.send("/start")
    await chat.press(Join())
    await chat.send("Марат")
    [again] = sent(await chat.share_location(55.75, 37.62))  # a place is not a phone
    assert again.text == translator.get("ru", "courier-phone-use-button")
    assert await chat.state() == CourierForm.phone.state
    [cancelled] = sent(await chat.send("/cancel"))
    assert cancelled.text == translator.get("ru", "courier-cancel-done")
    assert await chat.state() is None
    [nothing] = sent(await chat.send("/cancel"))
    assert nothing.text == translator.get("ru", "courier-cancel-nothing")


async def test_a_vehicle_button_outside_the_dialog_is_refused(
    chat: Chat, translator: Translator
) -> None:
    requests = await chat.press(VehicleChoice(vehicle=Vehicle.CAR))
    assert [r.text for r in requests if hasattr(r, "show_alert") and r.show_alert] == [
        translator.get("ru", "courier-dialog-expired")
    ]
    assert not [r for r in requests if isinstance(r, SendMessage | EditMessageText)]


async def test_a_rejected_applicant_sees_why_and_applies_again(
    chat: Chat, db: Database, translator: Translator
) -> None:
    admin = await admin_actor(db)
    await chat.send("/start")
    await chat.press(Join())
    await chat.send("Марат")
    await chat.share_contact("+79161234567", owner_id=chat.user_id)
    await chat.press(VehicleChoice(vehicle=Vehicle.FOOT))
    await reject_courier(db, admin, chat.user_id, "Нужен паспорт")
    [home] = sent(await chat.send("/start"))
    assert home.text == translator.get("ru", "courier-home-rejected", reason="Нужен паспорт")
    assert buttons(home) == [
        (translator.get("ru", "courier-btn-apply-again"), Join(again=True).pack())
    ]
    [_, ask_name] = sent(await chat.press(Join(again=True)))
    assert ask_name.text == translator.get("ru", "courier-ask-name")


async def test_an_approved_courier_is_sent_to_the_shift(
    courier_bot: Harness, db: Database, translator: Translator
) -> None:
    courier = await approved_courier(db, await admin_actor(db))
    chat = Chat(courier_bot, courier.telegram_id, first_name="Марат")
    [home] = sent(await chat.send("/start"))
    assert home.text == translator.get("ru", "courier-home-approved", name="Марат Ибрагимов")
