"""Typed callback data of the seller bot. All of it is user input: handlers re-check it, and core
checks the actor's role in the shop named by it on every call."""

from __future__ import annotations

import uuid
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from core.auth.policy import Role
from core.business.schemas import TaxSystem


class MenuItem(StrEnum):
    APPLY = "apply"
    SHOP = "shop"
    STAFF = "staff"


class Menu(CallbackData, prefix="s_menu"):
    item: MenuItem


class Resume(StrEnum):
    CONTINUE = "continue"
    RESTART = "restart"


class ResumeChoice(CallbackData, prefix="s_resume"):
    action: Resume
    # What the person asked for when reminded of the unfinished dialog: /apply or /start.
    then: MenuItem | None = None


class TaxChoice(CallbackData, prefix="s_tax"):
    system: TaxSystem


class TimezoneChoice(CallbackData, prefix="s_tz"):
    """A time zone button; ``name`` empty means "type another one"."""

    name: str


class SummaryAct(StrEnum):
    CONFIRM = "confirm"
    EDIT = "edit"
    CANCEL = "cancel"
    BACK = "back"


class SummaryChoice(CallbackData, prefix="s_sum"):
    action: SummaryAct


class EditField(CallbackData, prefix="s_edit"):
    """Which answer of the application to change: the state's name in ``ApplyForm``."""

    step: str


class ShopAct(StrEnum):
    SHOW = "show"
    PAUSE = "pause"
    RESUME = "resume"
    DESCRIPTION = "desc"
    LOGO = "logo"
    LIST = "list"


class ShopChoice(CallbackData, prefix="s_shop"):
    action: ShopAct
    shop_id: uuid.UUID | None = None


class StaffAct(StrEnum):
    LIST = "ls"
    SHOPS = "shops"
    INVITATIONS = "inv"


class StaffMenu(CallbackData, prefix="s_st"):
    action: StaffAct
    shop_id: uuid.UUID | None = None


class MemberAct(StrEnum):
    SHOW = "show"
    ROLE = "role"
    REMOVE = "rm"
    REMOVE_CONFIRMED = "rm_yes"


class MemberChoice(CallbackData, prefix="s_mb"):
    action: MemberAct
    shop_id: uuid.UUID
    telegram_id: int
    role: Role | None = None


class InviteChoice(CallbackData, prefix="s_inv"):
    shop_id: uuid.UUID
    role: Role


class RevokeChoice(CallbackData, prefix="s_rv"):
    invitation_id: uuid.UUID
