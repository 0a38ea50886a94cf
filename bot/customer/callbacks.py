"""Typed callback data of the customer bot. All of it is user input: handlers re-check it."""

from __future__ import annotations

import uuid
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class OnboardingLanguage(CallbackData, prefix="onb_lang"):
    code: str


class Resume(StrEnum):
    CONTINUE = "continue"
    RESTART = "restart"


class ResumeChoice(CallbackData, prefix="resume"):
    action: Resume


class Section(StrEnum):
    MENU = "menu"
    PROFILE = "profile"
    LANGUAGE = "language"
    ADDRESSES = "addresses"
    ADD_ADDRESS = "add_address"
    EXPORT = "export"
    DELETE_ACCOUNT = "delete"


class SettingsMenu(CallbackData, prefix="set"):
    section: Section


class PhoneAction(StrEnum):
    SHARE = "share"
    REMOVE = "remove"


class ProfileChoice(CallbackData, prefix="prof"):
    action: PhoneAction


class AddressAct(StrEnum):
    SHOW = "show"
    DEFAULT = "default"
    EDIT = "edit"
    DELETE = "delete"
    DELETE_CONFIRMED = "delete_yes"


class AddressChoice(CallbackData, prefix="addr"):
    action: AddressAct
    address_id: uuid.UUID


class Field(StrEnum):
    TEXT = "text"
    LOCATION = "location"
    ENTRANCE = "entrance"
    FLOOR = "floor"
    APARTMENT = "apartment"
    COMMENT = "comment"
    LABEL = "label"


class AddressFieldChoice(CallbackData, prefix="addr_f"):
    address_id: uuid.UUID
    field: Field


class Erase(StrEnum):
    CONFIRM = "confirm"
    FINAL = "final"


class AccountDeletion(CallbackData, prefix="erase"):
    step: Erase
