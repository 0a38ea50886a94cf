"""Customer onboarding through the dispatcher: language, address, phone; /cancel and resume."""

from __future__ import annotations

import pytest
from aiogram.methods import EditMessageText
from bot_fakes import Harness, texts
from customer_chat import (
    Chat,
    answered_first,
    button,
    edits,
    inline_data,
    inline_texts,
    removes_keyboard,
    reply_buttons,
    sent,
)

from bot.customer.callbacks import OnboardingLanguage, Resume, ResumeChoice
from bot.customer.states import AddressForm, Onboarding, PhoneForm
from core.auth.api import get_user
from core.auth.policy import Actor
from core.customers import api
from core.customers.schemas import AddressLabel
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.fixture
def anna(customer: Harness, user_id: int) -> Chat:
    return Chat(customer, user_id, language_code="ru")


async def test_full_onboarding_in_russian(
    anna: Chat, db: Database, translator: Translator
) -> None:
    def tr(key: str, **args: object) -> str:
        return translator.get("ru", key, **args)

    [greeting] = sent(await anna.send("/start"))
    assert greeting.text == tr("customer-start", name="Анна")
    assert inline_texts(greeting) == ["✓ Русский", "English"]
    assert inline_data(greeting) == ["onb_lang:ru", "onb_lang:en"]
    assert await anna.state() == Onboarding.language.state

    pressed = await anna.press(OnboardingLanguage(code="ru"), message_id=55)
    assert answered_first(pressed)
    [edit] = edits(pressed)
    assert edit.message_id == 55
    assert edit.reply_markup is None  # the choice is made: the buttons go
    [ask_place] = sent(pressed)
    assert ask_place.text == tr("customer-address-ask-place")
    share = reply_buttons(ask_place)[0][0]
    assert share.request_location is True
    assert share.text == button(translator, "ru", "customer-btn-share-location")

    assert texts(await anna.share_location(55.7512, 37.6184)) == [tr("customer-address-ask-text")]
    assert texts(await anna.send("Тверская, 1")) == [tr("customer-address-ask-entrance")]
    assert texts(await anna.send("2")) == [tr("customer-address-ask-floor")]
    # A bad answer is explained in Russian, and the same question stays open.
    assert texts(await anna.send("пятый")) == [tr("error-floor_not_a_number")]
    assert await anna.state() == AddressForm.floor.state
    assert texts(await anna.send("5")) == [tr("customer-address-ask-apartment")]
    assert texts(await anna.send(button(translator, "ru", "customer-btn-skip"))) == [
        tr("customer-address-ask-comment")]
    [ask_label] = sent(await anna.send("Код 12, звонить"))
    assert ask_label.text == tr("customer-address-ask-label")
    saved, ask_phone = sent(await anna.send("🏠 Дом"))
    assert saved.text.startswith(tr("customer-address-saved"))
    assert "Тверская, 1" in saved.text
    assert "подъезд 2, этаж 5" in saved.text
    assert ask_phone.text == tr("customer-phone-ask")
    assert reply_buttons(ask_phone)[0][0].request_contact is True

    [done] = sent(await anna.share_contact("79161234567", anna.user_id))
    assert done.text.startswith(tr("customer-phone-saved", phone="+79161234567"))
    assert done.text.endswith(tr("customer-onboarding-done"))
    assert removes_keyboard(done)
    assert await anna.state() is None

    [address] = await api.list_addresses(db, anna.actor, anna.user_id)
    assert (address.latitude, address.longitude, address.text, address.entrance, address.floor,
            address.apartment, address.comment, address.label, address.is_default) == (
        55.7512, 37.6184, "Тверская, 1", "2", 5, None, "Код 12, звонить", AddressLabel.HOME, True)
    profile = await api.get_profile(db, anna.actor, anna.user_id)
    assert profile is not None
    assert profile.phone == "+79161234567"
    assert profile.onboarded_at is not None
    user = await get_user(db, anna.user_id)
    assert user is not None
    assert user.language == "ru"

    # Onboarded: /start greets and asks nothing.
    [again] = sent(await anna.send("/start"))
    assert again.text == tr("customer-start", name="Анна")
    assert again.reply_markup is None


async def test_full_onboarding_in_english_with_a_typed_address(
    customer: Harness, user_id: int, db: Database, translator: Translator
) -> None:
    # Telegram says Russian; the person picks English and everything after is English.
    bob = Chat(customer, user_id, language_code="ru")

    def tr(key: str, **args: object) -> str:
        return translator.get("en", key, **args)

    await bob.send("/start")
    pressed = await bob.press(OnboardingLanguage(code="en"))
    [edit] = edits(pressed)
    assert edit.text.startswith(tr("customer-start", name="Анна"))
    assert texts(pressed)[-1] == tr("customer-address-ask-place")

    skip = button(translator, "en", "customer-btn-skip")
    assert texts(await bob.send("x" * 301)) == [tr("error-address_text_too_long", max=300)]
    # A typed address skips the "street and house" question.
    assert texts(await bob.send("221B Baker Street, London")) == [
        tr("customer-address-ask-entrance")]
    assert texts(await bob.send("e" * 17)) == [tr("error-entrance_too_long", max=16)]
    for question in ("floor", "apartment", "comment", "label"):
        assert texts(await bob.send(skip)) == [tr(f"customer-address-ask-{question}")]
    assert texts(await bob.send("Garage")) == [tr("customer-address-label-expected")]
    saved, ask_phone = sent(await bob.send(skip))
    assert saved.text == "\n".join((tr("customer-address-saved"), "",
                                    "221B Baker Street, London"))
    assert ask_phone.text == tr("customer-phone-ask")
    [done] = sent(await bob.send(skip))
    assert done.text == tr("customer-onboarding-done")
    assert removes_keyboard(done)

    [address] = await api.list_addresses(db, Actor(user_id), user_id)
    assert (address.text, address.latitude, address.floor, address.label) == (
        "221B Baker Street, London", None, None, None)
    profile = await api.get_profile(db, Actor(user_id), user_id)
    assert profile is not None
    assert profile.phone is None  # asked again at the first checkout
    assert profile.onboarded_at is not None
    user = await get_user(db, user_id)
    assert user is not None
    assert user.language == "en"
    assert texts(await bob.send("/help")) == [tr("customer-help")]


async def _to_floor_question(chat: Chat) -> None:
    await chat.send("/start")
    await chat.press(OnboardingLanguage(code="ru"))
    await chat.send("Арбат, 10")
    await chat.send("3")
    assert await chat.state() == AddressForm.floor.state


async def test_cancel_leaves_the_dialog_cleanly(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await _to_floor_question(anna)
    [bye] = sent(await anna.send("/cancel"))
    assert bye.text == translator.get("ru", "customer-cancel-done")
    assert removes_keyboard(bye)
    assert await anna.state() is None
    assert await api.list_addresses(db, anna.actor, anna.user_id) == []
    # What would have answered the question is now just a message nobody waits for.
    assert await anna.send("5") == []
    assert texts(await anna.send("/cancel")) == [translator.get("ru", "customer-cancel-nothing")]


async def test_the_cancel_button_works_like_the_command(
    anna: Chat, translator: Translator
) -> None:
    await _to_floor_question(anna)
    cancel = button(translator, "ru", "customer-btn-cancel")
    assert texts(await anna.send(cancel)) == [translator.get("ru", "customer-cancel-done")]
    assert await anna.state() is None


async def test_a_half_finished_dialog_can_be_resumed(
    anna: Chat, db: Database, translator: Translator
) -> None:
    def tr(key: str) -> str:
        return translator.get("ru", key)

    await _to_floor_question(anna)
    [offer] = sent(await anna.send("/start"))
    assert offer.text == tr("customer-resume-prompt")
    assert inline_data(offer) == ["resume:continue", "resume:restart"]
    assert await anna.state() == AddressForm.floor.state  # nothing lost by asking

    pressed = await anna.press(ResumeChoice(action=Resume.CONTINUE))
    assert answered_first(pressed)
    assert [e.text for e in edits(pressed)] == [tr("customer-resume-continuing")]
    assert texts(sent(pressed)) == [tr("customer-address-ask-floor")]

    skip = button(translator, "ru", "customer-btn-skip")
    await anna.send("4")
    await anna.send(skip)
    await anna.send(skip)
    await anna.send(skip)
    await anna.send(skip)  # the phone
    [address] = await api.list_addresses(db, anna.actor, anna.user_id)
    # What was typed before the pause is kept.
    assert (address.text, address.entrance, address.floor) == ("Арбат, 10", "3", 4)


async def test_starting_over_drops_the_draft(anna: Chat, translator: Translator) -> None:
    await _to_floor_question(anna)
    await anna.send("/start")
    pressed = await anna.press(ResumeChoice(action=Resume.RESTART))
    assert answered_first(pressed)
    assert isinstance(pressed[1], EditMessageText)
    *_, greeting = sent(pressed)
    assert greeting.text == translator.get("ru", "customer-start", name="Анна")
    assert inline_data(greeting) == ["onb_lang:ru", "onb_lang:en"]
    assert await anna.state() == Onboarding.language.state


async def test_a_stale_resume_button_changes_nothing(anna: Chat, translator: Translator) -> None:
    await anna.send("/start")
    await anna.send("/cancel")
    pressed = await anna.press(ResumeChoice(action=Resume.CONTINUE))
    assert answered_first(pressed)
    assert texts(pressed) == [translator.get("ru", "customer-dialog-expired")]
    assert await anna.state() is None


async def test_someone_elses_contact_is_refused(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await _to_floor_question(anna)
    skip = button(translator, "ru", "customer-btn-skip")
    for _ in range(4):
        await anna.send(skip)
    assert await anna.state() == PhoneForm.contact.state

    refused = await anna.share_contact("79160000000", anna.user_id + 1)
    assert texts(refused) == [translator.get("ru", "error-foreign_contact")]
    assert await anna.state() == PhoneForm.contact.state
    assert texts(await anna.send("+79160000000")) == [
        translator.get("ru", "customer-phone-expected")]

    await anna.share_contact("+7 916 123-45-67", anna.user_id)
    profile = await api.get_profile(db, anna.actor, anna.user_id)
    assert profile is not None
    assert profile.phone == "+79161234567"


async def test_a_location_off_the_map_is_explained(anna: Chat, translator: Translator) -> None:
    await anna.send("/start")
    await anna.press(OnboardingLanguage(code="ru"))
    # Telegram's own clients never send this, but updates are input like any other.
    assert texts(await anna.share_location(95.0, 37.0)) == [
        translator.get("ru", "error-location_out_of_range")]
    assert await anna.state() == AddressForm.place.state


async def test_an_address_no_shop_serves_is_saved_with_a_warning(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await anna.send("/start")
    await anna.press(OnboardingLanguage(code="ru"))
    await anna.share_location(0.0, -150.0)  # the middle of the Pacific: no shop delivers there
    skip = button(translator, "ru", "customer-btn-skip")
    for _ in range(5):
        await anna.send(skip)
    saved, ask_phone = sent(await anna.send(skip))
    assert saved.text.endswith(translator.get("ru", "customer-address-not-covered"))
    assert ask_phone.text == translator.get("ru", "customer-phone-ask")
    [address] = await api.list_addresses(db, anna.actor, anna.user_id)
    assert (address.latitude, address.longitude) == (0.0, -150.0)


async def test_text_before_choosing_a_language_gets_a_hint(
    anna: Chat, translator: Translator
) -> None:
    await anna.send("/start")
    assert texts(await anna.send("привет")) == [
        translator.get("ru", "customer-onboarding-choose-language")]
    # Commands still work at this step.
    assert texts(await anna.send("/help")) == [translator.get("ru", "customer-help")]
