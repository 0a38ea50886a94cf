"""Keyboards of the seller bot: reply keyboards for the dialog's questions, inline ones for
choices and menus."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.seller.callbacks import (
    EditField,
    InviteChoice,
    MemberAct,
    MemberChoice,
    Menu,
    MenuItem,
    Resume,
    ResumeChoice,
    RevokeChoice,
    ShopAct,
    ShopChoice,
    StaffAct,
    StaffMenu,
    SummaryAct,
    SummaryChoice,
    TaxChoice,
    TimezoneChoice,
)
from bot.seller.webapp import apply_page_button, catalog_page_button, shop_page_button
from core.auth.policy import MANAGE_ROLE, STAFF_ROLES, Actor, Permission, Role, allows
from core.auth.schemas import InvitationOut, StaffMemberOut
from core.business.schemas import (
    INDIVIDUAL_ONLY_TAX_SYSTEMS,
    InnKind,
    ShopOut,
    ShopStatus,
    TaxSystem,
)
from core.shared.config import Settings

# Time zones of Russia, west to east: one tap for most sellers; others can be typed.
TIMEZONES: tuple[str, ...] = (
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
    "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
    "Asia/Magadan", "Asia/Kamchatka",
)

# -- reply keyboards ---------------------------------------------------------------------------


def _reply(*rows: list[KeyboardButton]) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(keyboard=list(rows), resize_keyboard=True)


def _cancel_row(t: Tr) -> list[KeyboardButton]:
    return [KeyboardButton(text=plain(t, "seller-btn-cancel"))]


def cancel_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    """A typed answer is expected; the only button leaves the dialog."""
    return _reply(_cancel_row(t))


def contact_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    return _reply([KeyboardButton(text=plain(t, "seller-btn-share-phone"), request_contact=True)],
                  _cancel_row(t))


def location_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    return _reply(
        [KeyboardButton(text=plain(t, "seller-btn-share-location"), request_location=True)],
        _cancel_row(t),
    )


def clear_keyboard(t: Tr) -> ReplyKeyboardMarkup:
    """Editing a profile field: "Remove" it, or cancel."""
    return _reply([KeyboardButton(text=plain(t, "seller-btn-remove"))], _cancel_row(t))


# -- the application ---------------------------------------------------------------------------


def apply_intro_keyboard(t: Tr, settings: Settings) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[apply_page_button(t, settings)]])


def tax_keyboard(t: Tr, kind: InnKind | None) -> InlineKeyboardMarkup:
    """The tax systems open to this kind of taxpayer."""
    builder = InlineKeyboardBuilder()
    for system in TaxSystem:
        if system in INDIVIDUAL_ONLY_TAX_SYSTEMS and kind is not InnKind.INDIVIDUAL:
            continue
        builder.button(text=plain(t, f"tax-system-{system.value}"),
                       callback_data=TaxChoice(system=system))
    builder.adjust(1)
    return builder.as_markup()


def timezone_keyboard(t: Tr, current: str) -> InlineKeyboardMarkup:
    """Keep the current zone, or pick another of Russia's, or type one."""
    builder = InlineKeyboardBuilder()
    builder.button(text=plain(t, "seller-btn-timezone-keep", zone=current),
                   callback_data=TimezoneChoice(name=current))
    for name in TIMEZONES:
        if name != current:
            builder.button(text=name, callback_data=TimezoneChoice(name=name))
    builder.adjust(1, 2)
    return builder.as_markup()


def summary_keyboard(t: Tr) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=plain(t, "seller-btn-confirm"),
                              callback_data=SummaryChoice(action=SummaryAct.CONFIRM).pack())],
        [InlineKeyboardButton(text=plain(t, "seller-btn-edit"),
                              callback_data=SummaryChoice(action=SummaryAct.EDIT).pack()),
         InlineKeyboardButton(text=plain(t, "seller-btn-cancel"),
                              callback_data=SummaryChoice(action=SummaryAct.CANCEL).pack())],
    ])


def edit_fields_keyboard(t: Tr, steps: Sequence[str]) -> InlineKeyboardMarkup:
    """One button per answer of the application, and back to the summary."""
    builder = InlineKeyboardBuilder()
    for step in steps:
        builder.button(text=plain(t, f"seller-field-{step}"), callback_data=EditField(step=step))
    builder.adjust(2)
    builder.row(InlineKeyboardButton(text=plain(t, "seller-btn-back"),
                                     callback_data=SummaryChoice(action=SummaryAct.BACK).pack()))
    return builder.as_markup()


def resume_keyboard(t: Tr, then: MenuItem | None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=plain(t, "seller-btn-continue"),
                             callback_data=ResumeChoice(action=Resume.CONTINUE, then=then).pack()),
        InlineKeyboardButton(text=plain(t, "seller-btn-start-over"),
                             callback_data=ResumeChoice(action=Resume.RESTART, then=then).pack()),
    ]])


def start_keyboard(t: Tr, settings: Settings, actor: Actor) -> InlineKeyboardMarkup:
    """The greeting's shortcuts: the shop (and its team, for owners and managers) for staff,
    applying for everyone else."""
    if actor.shops:
        row = [InlineKeyboardButton(text=plain(t, "seller-btn-shop"),
                                    callback_data=Menu(item=MenuItem.SHOP).pack())]
        if any(allows(actor, Permission.VIEW_SHOP_STAFF, shop_id=s) for s in actor.shops):
            row.append(InlineKeyboardButton(text=plain(t, "seller-btn-staff"),
                                            callback_data=Menu(item=MenuItem.STAFF).pack()))
        return InlineKeyboardMarkup(inline_keyboard=[row])
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=plain(t, "seller-btn-apply"),
                              callback_data=Menu(item=MenuItem.APPLY).pack())],
        [apply_page_button(t, settings)],
    ])


# -- shops -------------------------------------------------------------------------------------


def _shop_button(t: Tr, key: str, action: ShopAct, shop_id: UUID | None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=plain(t, key),
                                callback_data=ShopChoice(action=action, shop_id=shop_id).pack())


def shops_keyboard(shops: Sequence[ShopOut], action: ShopAct | StaffAct) -> InlineKeyboardMarkup:
    """One button per shop, opening its card (or its staff)."""
    builder = InlineKeyboardBuilder()
    for shop in shops:
        if isinstance(action, ShopAct):
            builder.button(text=shop.name, callback_data=ShopChoice(action=action,
                                                                     shop_id=shop.id))
        else:
            builder.button(text=shop.name, callback_data=StaffMenu(action=action,
                                                                    shop_id=shop.id))
    builder.adjust(1)
    return builder.as_markup()


def shop_keyboard(
    t: Tr, settings: Settings, actor: Actor, shop: ShopOut, several: bool
) -> InlineKeyboardMarkup | None:
    """What the actor may do with the shop; a picker sees no management buttons."""
    rows: list[list[InlineKeyboardButton]] = []
    if allows(actor, Permission.EDIT_SHOP, shop_id=shop.id):
        if shop.status is ShopStatus.ACTIVE:
            rows.append([_shop_button(t, "seller-btn-pause", ShopAct.PAUSE, shop.id)])
        elif shop.status is ShopStatus.PAUSED:
            rows.append([_shop_button(t, "seller-btn-resume", ShopAct.RESUME, shop.id)])
        if shop.status is not ShopStatus.REJECTED:
            rows.append([_shop_button(t, "seller-btn-description", ShopAct.DESCRIPTION, shop.id),
                         _shop_button(t, "seller-btn-logo", ShopAct.LOGO, shop.id)])
            rows.append([shop_page_button(t, settings, shop.id)])
    if (allows(actor, Permission.MANAGE_CATALOG, shop_id=shop.id)
            and shop.status is not ShopStatus.REJECTED):
        rows.append([catalog_page_button(t, settings, shop.id)])
    if allows(actor, Permission.VIEW_SHOP_STAFF, shop_id=shop.id):
        rows.append([InlineKeyboardButton(
            text=plain(t, "seller-btn-staff"),
            callback_data=StaffMenu(action=StaffAct.LIST, shop_id=shop.id).pack())])
    if several:
        rows.append([_shop_button(t, "seller-btn-all-shops", ShopAct.LIST, None)])
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


# -- staff -------------------------------------------------------------------------------------


def may_manage(actor: Actor, shop_id: UUID, role: Role) -> bool:
    """Whether the actor may invite, promote to, demote from or remove ``role`` in the shop."""
    return allows(actor, MANAGE_ROLE[role], shop_id=shop_id)


def invitable_roles(actor: Actor, shop_id: UUID) -> list[Role]:
    """Roles the actor may invite into (owners are made by promotion, not by link)."""
    return [role for role in (Role.MANAGER, Role.PICKER) if may_manage(actor, shop_id, role)]


def _back_to_staff(t: Tr, shop_id: UUID) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=plain(t, "seller-btn-back"),
                                callback_data=StaffMenu(action=StaffAct.LIST,
                                                        shop_id=shop_id).pack())


def staff_keyboard(
    t: Tr, actor: Actor, shop: ShopOut, members: Sequence[StaffMemberOut], several: bool
) -> InlineKeyboardMarkup:
    """A button per member the actor may manage, invitations, and the way back."""
    builder = InlineKeyboardBuilder()
    for member in members:
        if member.telegram_id != actor.telegram_id and may_manage(actor, shop.id, member.role):
            builder.button(
                text=plain(t, "seller-btn-member", name=member.first_name or "—",
                           role=plain(t, f"role-{member.role.value}")),
                callback_data=MemberChoice(action=MemberAct.SHOW, shop_id=shop.id,
                                           telegram_id=member.telegram_id),
            )
    builder.adjust(1)
    for role in invitable_roles(actor, shop.id):
        builder.row(InlineKeyboardButton(
            text=plain(t, f"seller-btn-invite-{role.value}"),
            callback_data=InviteChoice(shop_id=shop.id, role=role).pack()))
    if invitable_roles(actor, shop.id):
        builder.row(InlineKeyboardButton(
            text=plain(t, "seller-btn-invitations"),
            callback_data=StaffMenu(action=StaffAct.INVITATIONS, shop_id=shop.id).pack()))
    builder.row(_shop_button(t, "seller-btn-to-shop", ShopAct.SHOW, shop.id))
    if several:
        builder.row(InlineKeyboardButton(
            text=plain(t, "seller-btn-all-shops"),
            callback_data=StaffMenu(action=StaffAct.SHOPS).pack()))
    return builder.as_markup()


def member_keyboard(
    t: Tr, actor: Actor, shop_id: UUID, member: StaffMemberOut
) -> InlineKeyboardMarkup:
    """Roles the member may be given by this actor, removal, and back."""
    rows: list[list[InlineKeyboardButton]] = []
    if member.telegram_id != actor.telegram_id and may_manage(actor, shop_id, member.role):
        roles = [r for r in STAFF_ROLES if r is not member.role and may_manage(actor, shop_id, r)]
        rows += [[InlineKeyboardButton(
            text=plain(t, "seller-btn-make-role", role=plain(t, f"role-{role.value}")),
            callback_data=MemberChoice(action=MemberAct.ROLE, shop_id=shop_id,
                                       telegram_id=member.telegram_id, role=role).pack(),
        )] for role in roles]
        rows.append([InlineKeyboardButton(
            text=plain(t, "seller-btn-remove-member"),
            callback_data=MemberChoice(action=MemberAct.REMOVE, shop_id=shop_id,
                                       telegram_id=member.telegram_id).pack())])
    rows.append([_back_to_staff(t, shop_id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def remove_keyboard(t: Tr, shop_id: UUID, member: StaffMemberOut) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(
            text=plain(t, "seller-btn-remove-yes"),
            callback_data=MemberChoice(action=MemberAct.REMOVE_CONFIRMED, shop_id=shop_id,
                                       telegram_id=member.telegram_id).pack()),
        InlineKeyboardButton(
            text=plain(t, "seller-btn-no"),
            callback_data=MemberChoice(action=MemberAct.SHOW, shop_id=shop_id,
                                       telegram_id=member.telegram_id).pack()),
    ]])


def back_to_staff_keyboard(t: Tr, shop_id: UUID) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_back_to_staff(t, shop_id)]])


def invitations_keyboard(
    t: Tr, actor: Actor, shop_id: UUID, invitations: Sequence[InvitationOut]
) -> InlineKeyboardMarkup:
    """A revoke button per invitation the actor may revoke, and back."""
    rows = [[InlineKeyboardButton(
        text=plain(t, "seller-btn-revoke", role=plain(t, f"role-{i.role.value}"), number=n),
        callback_data=RevokeChoice(invitation_id=i.id).pack(),
    )] for n, i in enumerate(invitations, 1) if may_manage(actor, shop_id, i.role)]
    rows.append([_back_to_staff(t, shop_id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)
