"""/settings through the dispatcher: profile, addresses by callbacks, export and deletion."""

from __future__ import annotations

import json

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage
from bot_fakes import Harness, new_user_id, texts
from customer_chat import (
    Chat,
    answered_first,
    button,
    documents,
    edits,
    inline_data,
    inline_texts,
    removes_keyboard,
    sent,
)

from bot.customer.callbacks import (
    AccountDeletion,
    AddressAct,
    AddressChoice,
    AddressFieldChoice,
    Erase,
    Field,
    PhoneAction,
    ProfileChoice,
    Section,
    SettingsMenu,
)
from bot.customer.states import AddressEdit, AddressForm
from core.auth.api import get_user
from core.customers import api
from core.customers.schemas import AddressInput, AddressOut, SharedContact
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.fixture
async def anna(customer: Harness, user_id: int) -> Chat:
    chat = Chat(customer, user_id, language_code="ru")
    await chat.send("/settings")  # the bot now knows her
    return chat


async def _address(db: Database, chat: Chat, text: str, **fields: object) -> AddressOut:
    data = AddressInput(text=text, **fields)  # type: ignore[arg-type]
    return (await api.add_address(db, chat.actor, chat.user_id, data)).address


def tr(translator: Translator, key: str, **args: object) -> str:
    return translator.get("ru", key, **args)


async def test_settings_menu(customer: Harness, user_id: int, translator: Translator) -> None:
    [menu] = sent(await Chat(customer, user_id, language_code="en").send("/settings"))
    assert menu.text == translator.get("en", "customer-settings-title")
    assert inline_data(menu) == [SettingsMenu(section=s).pack() for s in (
        Section.PROFILE, Section.LANGUAGE, Section.ADDRESSES, Section.EXPORT,
        Section.DELETE_ACCOUNT)]
    assert inline_texts(menu)[-1] == "🗑 Delete my account"


async def test_the_address_list_is_edited_in_place(
    anna: Chat, db: Database, translator: Translator
) -> None:
    home = await _address(db, anna, "Тверская, 1")
    work = await _address(db, anna, "Лесная, 5")
    pressed = await anna.press(SettingsMenu(section=Section.ADDRESSES), message_id=40)
    assert answered_first(pressed)
    assert not sent(pressed)
    [listing] = edits(pressed)
    assert listing.message_id == 40
    assert listing.text.startswith(tr(translator, "customer-addresses-title", count=2,
                                      limit=api.ADDRESS_LIMIT))
    assert inline_texts(listing)[:2] == ["★ Тверская, 1", "Лесная, 5"]
    assert inline_data(listing)[:3] == [
        AddressChoice(action=AddressAct.SHOW, address_id=home.id).pack(),
        AddressChoice(action=AddressAct.SHOW, address_id=work.id).pack(),
        SettingsMenu(section=Section.ADD_ADDRESS).pack(),
    ]


async def test_make_another_address_the_default(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await _address(db, anna, "Тверская, 1")
    work = await _address(db, anna, "Лесная, 5", floor=3)
    [card] = edits(await anna.press(AddressChoice(action=AddressAct.SHOW, address_id=work.id)))
    assert card.text == "Лесная, 5\nэтаж 3"
    assert inline_data(card)[0] == AddressChoice(action=AddressAct.DEFAULT,
                                                 address_id=work.id).pack()

    pressed = await anna.press(AddressChoice(action=AddressAct.DEFAULT, address_id=work.id))
    assert answered_first(pressed)
    [card] = edits(pressed)
    assert card.text.endswith(tr(translator, "customer-address-default"))
    [default, _] = await api.list_addresses(db, anna.actor, anna.user_id)
    assert (default.id, default.is_default) == (work.id, True)


async def test_edit_a_field_of_an_address(
    anna: Chat, db: Database, translator: Translator
) -> None:
    home = await _address(db, anna, "Тверская, 1", floor=2)
    [fields] = edits(await anna.press(AddressChoice(action=AddressAct.EDIT, address_id=home.id)))
    assert AddressFieldChoice(address_id=home.id, field=Field.FLOOR).pack() in inline_data(fields)

    pressed = await anna.press(AddressFieldChoice(address_id=home.id, field=Field.FLOOR))
    assert answered_first(pressed)
    assert texts(pressed) == [tr(translator, "customer-address-edit-floor")]
    assert await anna.state() == AddressEdit.value.state

    assert texts(await anna.send("седьмой")) == [tr(translator, "error-floor_not_a_number")]
    assert texts(await anna.send("999")) == [tr(translator, "error-floor_out_of_range",
                                                min=-5, max=200)]
    updated, card = sent(await anna.send("7"))
    assert updated.text.startswith(tr(translator, "customer-address-updated"))
    assert removes_keyboard(updated)
    assert "этаж 7" in card.text
    assert await anna.state() is None
    assert (await api.get_address(db, anna.actor, home.id)).floor == 7


async def test_clear_a_field_and_relabel(anna: Chat, db: Database, translator: Translator) -> None:
    home = await _address(db, anna, "Тверская, 1", comment="Код 12")
    await anna.press(AddressFieldChoice(address_id=home.id, field=Field.COMMENT))
    await anna.send(button(translator, "ru", "customer-btn-clear"))
    await anna.press(AddressFieldChoice(address_id=home.id, field=Field.LABEL))
    await anna.send(button(translator, "ru", "customer-address-label-work"))
    address = await api.get_address(db, anna.actor, home.id)
    assert (address.comment, address.label) == (None, "work")


async def test_an_address_cannot_lose_both_text_and_point(
    anna: Chat, db: Database, translator: Translator
) -> None:
    home = await _address(db, anna, "Тверская, 1")
    await anna.press(AddressFieldChoice(address_id=home.id, field=Field.TEXT))
    refused = await anna.send(button(translator, "ru", "customer-btn-clear"))
    assert texts(refused) == [tr(translator, "error-address_needs_place")]
    assert await anna.state() == AddressEdit.value.state  # try again, or /cancel
    assert (await api.get_address(db, anna.actor, home.id)).text == "Тверская, 1"


async def test_delete_an_address_after_confirming(
    anna: Chat, db: Database, translator: Translator
) -> None:
    home = await _address(db, anna, "Тверская, 1")
    work = await _address(db, anna, "Лесная, 5")
    [ask] = edits(await anna.press(AddressChoice(action=AddressAct.DELETE, address_id=home.id)))
    assert ask.text.startswith(tr(translator, "customer-address-delete-confirm"))
    assert len(await api.list_addresses(db, anna.actor, anna.user_id)) == 2  # not yet

    confirm = AddressChoice(action=AddressAct.DELETE_CONFIRMED, address_id=home.id)
    pressed = await anna.press(confirm)
    assert answered_first(pressed)
    [listing] = edits(pressed)
    assert listing.text.startswith(tr(translator, "customer-address-deleted"))
    assert inline_texts(listing)[0] == "★ Лесная, 5"  # the other one took over as default
    [left] = await api.list_addresses(db, anna.actor, anna.user_id)
    assert (left.id, left.is_default) == (work.id, True)

    again = await anna.press(confirm)  # a double tap is not an error
    assert [type(r) for r in again] == [AnswerCallbackQuery, type(listing)]


async def test_someone_elses_address_is_refused(
    anna: Chat, customer: Harness, db: Database, translator: Translator
) -> None:
    theirs = await _address(db, anna, "Тверская, 1")
    mallory = Chat(customer, new_user_id(), language_code="en")
    await mallory.send("/settings")
    refusal = translator.get("en", "error-permission_denied")
    for data in (
        AddressChoice(action=AddressAct.SHOW, address_id=theirs.id),
        AddressChoice(action=AddressAct.DEFAULT, address_id=theirs.id),
        AddressChoice(action=AddressAct.DELETE_CONFIRMED, address_id=theirs.id),
        AddressFieldChoice(address_id=theirs.id, field=Field.TEXT),
    ):
        pressed = await mallory.press(data)
        assert answered_first(pressed)
        assert not edits(pressed)
        assert texts(pressed) == [refusal]
        [message] = sent(pressed)
        assert message.chat_id == mallory.user_id
    assert await mallory.state() is None
    assert await api.list_addresses(db, anna.actor, anna.user_id) == [theirs]


async def test_add_an_address_from_the_settings(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await _address(db, anna, "Тверская, 1")
    pressed = await anna.press(SettingsMenu(section=Section.ADD_ADDRESS))
    assert texts(pressed) == [tr(translator, "customer-address-ask-place")]
    assert await anna.state() == AddressForm.place.state
    await anna.send("Лесная, 5")
    skip = button(translator, "ru", "customer-btn-skip")
    for _ in range(4):
        await anna.send(skip)
    saved, listing = sent(await anna.send(skip))
    assert removes_keyboard(saved)
    assert inline_texts(listing)[:2] == ["★ Тверская, 1", "Лесная, 5"]
    assert await anna.state() is None  # no phone question outside onboarding


async def test_the_address_limit_is_told_before_the_form(
    anna: Chat, db: Database, translator: Translator
) -> None:
    for n in range(api.ADDRESS_LIMIT):
        await _address(db, anna, f"Улица {n}")
    [listing] = edits(await anna.press(SettingsMenu(section=Section.ADDRESSES)))
    assert SettingsMenu(section=Section.ADD_ADDRESS).pack() not in inline_data(listing)
    pressed = await anna.press(SettingsMenu(section=Section.ADD_ADDRESS))
    assert texts(pressed) == [tr(translator, "error-address_limit_reached",
                                 limit=api.ADDRESS_LIMIT)]
    assert await anna.state() is None


async def test_profile_shows_and_removes_the_phone(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await api.save_phone_from_contact(db, anna.actor,
                                      SharedContact(anna.user_id, "79161234567", anna.user_id))
    [profile] = edits(await anna.press(SettingsMenu(section=Section.PROFILE)))
    assert tr(translator, "customer-profile-phone", phone="+79161234567") in profile.text
    assert ProfileChoice(action=PhoneAction.REMOVE).pack() in inline_data(profile)

    [after] = edits(await anna.press(ProfileChoice(action=PhoneAction.REMOVE)))
    assert tr(translator, "customer-profile-no-phone") in after.text
    profile_now = await api.get_profile(db, anna.actor, anna.user_id)
    assert profile_now is not None
    assert profile_now.phone is None


async def test_share_the_phone_from_the_profile(
    anna: Chat, db: Database, translator: Translator
) -> None:
    pressed = await anna.press(ProfileChoice(action=PhoneAction.SHARE))
    assert texts(pressed) == [tr(translator, "customer-phone-ask")]
    saved, profile = sent(await anna.share_contact("79161234567", anna.user_id))
    assert saved.text == tr(translator, "customer-phone-saved", phone="+79161234567")
    assert removes_keyboard(saved)
    assert tr(translator, "customer-profile-phone", phone="+79161234567") in profile.text


async def test_export_sends_a_json_document(anna: Chat, db: Database) -> None:
    await _address(db, anna, "Тверская, 1")
    pressed = await anna.press(SettingsMenu(section=Section.EXPORT))
    assert answered_first(pressed)
    [document] = documents(pressed)
    assert document.chat_id == anna.user_id
    assert document.document.filename.endswith(".json")  # type: ignore[union-attr]
    exported = json.loads(document.document.data)  # type: ignore[union-attr]
    assert exported["customer_id"] == anna.user_id
    assert exported["sections"]["user"]["first_name"] == "Анна"
    assert [a["text"] for a in exported["sections"]["customer_addresses"]] == ["Тверская, 1"]


async def test_delete_the_account_with_two_confirmations(
    anna: Chat, db: Database, translator: Translator
) -> None:
    await _address(db, anna, "Тверская, 1")
    [warning] = edits(await anna.press(SettingsMenu(section=Section.DELETE_ACCOUNT)))
    assert warning.text == tr(translator, "customer-account-delete-warning")
    assert inline_data(warning) == [AccountDeletion(step=Erase.CONFIRM).pack(),
                                    SettingsMenu(section=Section.MENU).pack()]
    [final] = edits(await anna.press(AccountDeletion(step=Erase.CONFIRM)))
    assert final.text == tr(translator, "customer-account-delete-final")
    assert await api.list_addresses(db, anna.actor, anna.user_id) != []  # still nothing done

    [done] = edits(await anna.press(AccountDeletion(step=Erase.FINAL)))
    assert done.text == tr(translator, "customer-account-deleted")
    assert await api.list_addresses(db, anna.actor, anna.user_id) == []
    assert await api.get_profile(db, anna.actor, anna.user_id) is None
    user = await get_user(db, anna.user_id)
    assert user is not None
    assert user.first_name == ""  # anonymised


async def test_keep_the_account_goes_back_to_the_menu(anna: Chat, translator: Translator) -> None:
    await anna.press(SettingsMenu(section=Section.DELETE_ACCOUNT))
    [menu] = edits(await anna.press(SettingsMenu(section=Section.MENU)))
    assert menu.text == tr(translator, "customer-settings-title")


async def test_settings_leaves_a_form_under_way(anna: Chat, translator: Translator) -> None:
    await anna.press(SettingsMenu(section=Section.ADD_ADDRESS))
    assert await anna.state() == AddressForm.place.state
    [menu] = sent(await anna.send("/settings"))
    assert isinstance(menu, SendMessage)
    assert await anna.state() is None
