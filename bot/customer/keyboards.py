"""Keyboards of the customer bot: reply keyboards for the forms, inline ones for menus."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder, ReplyKeyboardBuilder

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer.callbacks import (
    AccountDeletion,
    AddressAct,
    AddressChoice,
    AddressFieldChoice,
    Erase,
    Field,
    OnboardingLanguage,
    PhoneAction,
    ProfileChoice,
    Resume,
    ResumeChoice,
    Section,
    SettingsMenu,
)
from bot.customer.cards import address_button, label_text
from core.customers.schemas import AddressLabel, AddressOut, ProfileOut
from core.shared.i18n import LANGUAGES

# -- reply keyboards (forms) -----------------------------------------------------------------


def _reply(rows: Sequence[Sequence[KeyboardButton]]) -> ReplyKeyboardMarkup:
    builder = ReplyKeyboardBuilder()
    for row in rows:
        builder.row(*row)
    return builder.as_markup(resize_keyboard=True, one_time_keyboard=False)


def _button(t: Tr, key: str) -> KeyboardButton:
    return KeyboardButton(text=plain(t, key))


def place_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    """Share a location, or type the address; or cancel."""
    return _reply([
        [KeyboardButton(text=plain(t, "customer-btn-share-location"), request_location=True)],
        [_button(t, "customer-btn-cancel")],
    ])


def skip_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    return _reply([[_button(t, "customer-btn-skip"), _button(t, "customer-btn-cancel")]])


def label_keyboard(t: Tr, *, skip_key: str = "customer-btn-skip") -> ReplyKeyboardMarkup:
    labels = [KeyboardButton(text=label_text(t, label)) for label in AddressLabel]
    return _reply([labels, [_button(t, skip_key), _button(t, "customer-btn-cancel")]])


def contact_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    return _reply([
        [KeyboardButton(text=plain(t, "customer-btn-share-phone"), request_contact=True)],
        [_button(t, "customer-btn-skip"), _button(t, "customer-btn-cancel")],
    ])


def edit_keyboard(t: Tr, field: Field) -> ReplyKeyboardMarkup:
    """Editing one field: a way to give the new value, "Clear" and "Cancel"."""
    if field is Field.LABEL:
        return label_keyboard(t, skip_key="customer-btn-clear")
    rows: list[list[KeyboardButton]] = []
    if field is Field.LOCATION:
        rows.append([KeyboardButton(text=plain(t, "customer-btn-share-location"),
                                    request_location=True)])
    rows.append([_button(t, "customer-btn-clear"), _button(t, "customer-btn-cancel")])
    return _reply(rows)


# -- inline keyboards --------------------------------------------------------------------------


def onboarding_language_keyboard(t: Tr) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        name = plain(t, f"language-name-{code}")
        builder.button(text=f"✓ {name}" if code == t.lang else name,
                       callback_data=OnboardingLanguage(code=code))
    builder.adjust(len(LANGUAGES))
    return builder.as_markup()


def resume_keyboard(t: Tr) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=plain(t, "customer-btn-continue"),
                   callback_data=ResumeChoice(action=Resume.CONTINUE))
    builder.button(text=plain(t, "customer-btn-start-over"),
                   callback_data=ResumeChoice(action=Resume.RESTART))
    builder.adjust(2)
    return builder.as_markup()


def _back(t: Tr, section: Section = Section.MENU,
          key: str = "customer-btn-back") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=plain(t, key),
                                callback_data=SettingsMenu(section=section).pack())


def settings_keyboard(t: Tr) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for section, key in (
        (Section.PROFILE, "customer-settings-profile"),
        (Section.LANGUAGE, "customer-settings-language"),
        (Section.ADDRESSES, "customer-settings-addresses"),
        (Section.EXPORT, "customer-settings-export"),
        (Section.DELETE_ACCOUNT, "customer-settings-delete"),
    ):
        builder.button(text=plain(t, key), callback_data=SettingsMenu(section=section))
    builder.adjust(2, 1, 1, 1)
    return builder.as_markup()


def profile_keyboard(t: Tr, profile: ProfileOut | None) -> InlineKeyboardMarkup:
    has_phone = profile is not None and profile.phone is not None
    builder = InlineKeyboardBuilder()
    builder.button(
        text=plain(t, "customer-btn-phone-change" if has_phone else "customer-btn-phone-share"),
        callback_data=ProfileChoice(action=PhoneAction.SHARE),
    )
    if has_phone:
        builder.button(text=plain(t, "customer-btn-phone-remove"),
                       callback_data=ProfileChoice(action=PhoneAction.REMOVE))
    builder.adjust(1)
    builder.row(_back(t))
    return builder.as_markup()


def with_back(markup: InlineKeyboardMarkup, t: Tr) -> InlineKeyboardMarkup:
    """``markup`` with a row leading back to the settings menu."""
    return InlineKeyboardMarkup(inline_keyboard=[*markup.inline_keyboard, [_back(t)]])


def addresses_keyboard(
    t: Tr, addresses: Sequence[AddressOut], limit: int
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for address in addresses:
        builder.button(text=address_button(t, address),
                       callback_data=AddressChoice(action=AddressAct.SHOW, address_id=address.id))
    builder.adjust(1)
    if len(addresses) < limit:
        builder.row(InlineKeyboardButton(
            text=plain(t, "customer-btn-address-add"),
            callback_data=SettingsMenu(section=Section.ADD_ADDRESS).pack(),
        ))
    builder.row(_back(t))
    return builder.as_markup()


def _address_button(t: Tr, key: str, act: AddressAct, address: AddressOut) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=plain(t, key),
        callback_data=AddressChoice(action=act, address_id=address.id).pack(),
    )


def address_keyboard(t: Tr, address: AddressOut) -> InlineKeyboardMarkup:
    rows = []
    if not address.is_default:
        rows.append([_address_button(t, "customer-btn-address-default", AddressAct.DEFAULT,
                                     address)])
    rows.append([_address_button(t, "customer-btn-address-edit", AddressAct.EDIT, address),
                 _address_button(t, "customer-btn-address-delete", AddressAct.DELETE, address)])
    rows.append([_back(t, Section.ADDRESSES, "customer-btn-addresses")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def address_fields_keyboard(t: Tr, address: AddressOut) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for field in Field:
        builder.button(text=plain(t, f"customer-address-field-{field.value}"),
                       callback_data=AddressFieldChoice(address_id=address.id, field=field))
    builder.adjust(2)
    builder.row(_address_button(t, "customer-btn-back", AddressAct.SHOW, address))
    return builder.as_markup()


def address_delete_keyboard(t: Tr, address: AddressOut) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        _address_button(t, "customer-btn-address-delete-yes", AddressAct.DELETE_CONFIRMED,
                        address),
        _address_button(t, "customer-btn-no", AddressAct.SHOW, address),
    ]])


def account_deletion_keyboard(t: Tr, step: Erase) -> InlineKeyboardMarkup:
    go_key = ("customer-btn-account-delete-continue" if step is Erase.CONFIRM
              else "customer-btn-account-delete-final")
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=plain(t, go_key),
                             callback_data=AccountDeletion(step=step).pack()),
        _back(t, key="customer-btn-account-keep"),
    ]])
