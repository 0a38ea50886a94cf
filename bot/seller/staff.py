"""/staff: a shop's team with roles and join dates; inviting managers and pickers by deep link,
changing roles, removing people (after a confirmation), and revoking open invitations.

Owners manage everyone, managers pickers only: core's policy decides, and the buttons offered
follow the same rule so nobody is shown what would be refused."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote
from uuid import UUID
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import chat_of, plain, show
from bot.seller.callbacks import InviteChoice, MemberAct, MemberChoice, RevokeChoice, StaffAct
from bot.seller.callbacks import StaffMenu as StaffMenuData
from bot.seller.cards import invitations_text, member_text, moment_text, staff_text
from bot.seller.keyboards import (
    back_to_staff_keyboard,
    invitable_roles,
    invitations_keyboard,
    may_manage,
    member_keyboard,
    remove_keyboard,
    shops_keyboard,
    staff_keyboard,
)
from bot.seller.shop import shops_screen
from core.auth.api import (
    change_staff_role,
    create_invitation,
    list_invitations,
    list_shop_staff,
    remove_staff,
    revoke_invitation,
)
from core.auth.errors import PermissionDenied, StaffMemberNotFound
from core.auth.policy import STAFF_ROLES, Actor, Permission, allows
from core.auth.schemas import InvitationOut, InvitationStatus, StaffMemberOut
from core.business.api import get_shop, my_shops
from core.business.schemas import ShopOut
from core.shared.config import Settings
from core.shared.errors import CoreError
from core.shared.uow import Database

Screen = tuple[str, InlineKeyboardMarkup | None]


def _may_view(actor: Actor, shop_id: UUID) -> bool:
    return allows(actor, Permission.VIEW_SHOP_STAFF, shop_id=shop_id)


async def _team_shops(db: Database, actor: Actor) -> list[ShopOut]:
    return [shop for shop in await my_shops(db, actor) if _may_view(actor, shop.id)]


async def team_screen(db: Database, actor: Actor, t: Tr, shop: ShopOut, several: bool) -> Screen:
    """The team of ``shop`` and the buttons the actor may use on it."""
    members = await list_shop_staff(db, actor, shop.id)
    return (staff_text(t, shop, members, actor.telegram_id),
            staff_keyboard(t, actor, shop, members, several))


async def staff_screen(db: Database, actor: Actor, t: Tr, settings: Settings) -> Screen:
    """The team of the actor's shop, or the shops to choose from, or why there is none."""
    shops = await _team_shops(db, actor)
    if len(shops) == 1:
        return await team_screen(db, actor, t, shops[0], several=False)
    if shops:
        return t("seller-staff-choose"), shops_keyboard(shops, StaffAct.LIST)
    if actor.shops:  # a picker: the team is for owners and managers
        return t("seller-staff-not-allowed"), None
    return await shops_screen(db, actor, t, settings, shops=[])


async def open_staff(message: Message, t: Tr, db: Database, actor: Actor,
                     settings: Settings) -> None:
    text, markup = await staff_screen(db, actor, t, settings)
    await message.answer(text, reply_markup=markup)


async def _refuse(callback: CallbackQuery, t: Tr, error: CoreError | None = None) -> None:
    await callback.answer(apology(t, error or PermissionDenied()), show_alert=True)


def _open_invitations(invitations: Sequence[InvitationOut]) -> list[InvitationOut]:
    return [i for i in invitations if i.status is InvitationStatus.PENDING]


async def _invitations_screen(db: Database, actor: Actor, t: Tr, shop: ShopOut) -> Screen:
    waiting = _open_invitations(await list_invitations(db, actor, shop_id=shop.id))
    return (invitations_text(t, shop, waiting),
            invitations_keyboard(t, actor, shop.id, waiting))


async def on_staff_menu(callback: CallbackQuery, callback_data: StaffMenuData, bot: Bot, t: Tr,
                        db: Database, actor: Actor, settings: Settings) -> None:
    shop_id = callback_data.shop_id
    if callback_data.action is StaffAct.SHOPS or shop_id is None:
        await callback.answer()
        await show(callback, bot, *await staff_screen(db, actor, t, settings))
        return
    if not _may_view(actor, shop_id):
        await _refuse(callback, t)
        return
    await callback.answer()
    shop = await get_shop(db, shop_id)
    if callback_data.action is StaffAct.INVITATIONS:
        await show(callback, bot, *await _invitations_screen(db, actor, t, shop))
        return
    several = len(await _team_shops(db, actor)) > 1
    await show(callback, bot, *await team_screen(db, actor, t, shop, several))


async def _member(db: Database, actor: Actor, shop_id: UUID, telegram_id: int) -> StaffMemberOut:
    for member in await list_shop_staff(db, actor, shop_id):
        if member.telegram_id == telegram_id:
            return member
    raise StaffMemberNotFound(shop_id=shop_id, telegram_id=telegram_id)


async def on_member(callback: CallbackQuery, callback_data: MemberChoice, bot: Bot, t: Tr,
                    db: Database, actor: Actor) -> None:
    shop_id, telegram_id = callback_data.shop_id, callback_data.telegram_id
    if not _may_view(actor, shop_id):
        await _refuse(callback, t)
        return
    shop = await get_shop(db, shop_id)
    action = callback_data.action
    try:
        member = await _member(db, actor, shop_id, telegram_id)
    except StaffMemberNotFound as error:  # removed meanwhile (or a double tap on "remove")
        await _refuse(callback, t, error)
        several = len(await _team_shops(db, actor)) > 1
        await show(callback, bot, *await team_screen(db, actor, t, shop, several))
        return
    if action is MemberAct.SHOW:
        await callback.answer()
        await show(callback, bot, member_text(t, shop, member),
                   member_keyboard(t, actor, shop_id, member))
        return
    if not may_manage(actor, shop_id, member.role) or telegram_id == actor.telegram_id:
        await _refuse(callback, t)
        return
    if action is MemberAct.REMOVE:
        await callback.answer()
        await show(callback, bot, t("seller-member-remove-confirm", name=member.first_name,
                                    shop=shop.name), remove_keyboard(t, shop_id, member))
        return
    try:
        if action is MemberAct.ROLE:
            role = callback_data.role
            if role is None or role not in STAFF_ROLES:
                raise PermissionDenied()
            member = await change_staff_role(db, actor, shop_id, telegram_id, role)
        else:
            await remove_staff(db, actor, shop_id, telegram_id)
    except CoreError as error:  # the last owner, say, or a forged role
        await _refuse(callback, t, error)
        return
    if action is MemberAct.ROLE:
        await callback.answer(t("seller-member-role-changed",
                                role=plain(t, f"role-{member.role.value}")))
        await show(callback, bot, member_text(t, shop, member),
                   member_keyboard(t, actor, shop_id, member))
        return
    await callback.answer(t("seller-member-removed"))
    several = len(await _team_shops(db, actor)) > 1
    await show(callback, bot, *await team_screen(db, actor, t, shop, several))


def invitation_link(username: str, start_parameter: str) -> str:
    """The deep link that opens the seller bot with ``/start inv_...``."""
    return f"https://t.me/{username}?start={start_parameter}"


async def on_invite(callback: CallbackQuery, callback_data: InviteChoice, bot: Bot, t: Tr,
                    db: Database, actor: Actor) -> None:
    shop_id, role = callback_data.shop_id, callback_data.role
    if role not in invitable_roles(actor, shop_id):
        await _refuse(callback, t)
        return
    await callback.answer()
    shop = await get_shop(db, shop_id)
    created = await create_invitation(db, actor, role, shop_id=shop_id, label=shop.name)
    me = await bot.me()
    link = invitation_link(me.username or "", created.start_parameter)
    until = moment_text(t, created.invitation.expires_at, ZoneInfo(shop.timezone))
    share = f"https://t.me/share/url?url={quote(link, safe='')}"
    # A message of its own, to forward or copy: the team screen stays where it was.
    await bot.send_message(
        chat_of(callback),
        t("seller-invite-created", role=t(f"role-{role.value}"), shop=shop.name, link=link,
          until=until),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[
            [InlineKeyboardButton(text=plain(t, "seller-btn-share-invite"), url=share)],
            back_to_staff_keyboard(t, shop_id).inline_keyboard[0],
        ]),
    )


async def on_revoke(callback: CallbackQuery, callback_data: RevokeChoice, bot: Bot, t: Tr,
                    db: Database, actor: Actor) -> None:
    try:
        # Core refuses an invitation of a shop (or a role) the actor does not manage.
        revoked = await revoke_invitation(db, actor, callback_data.invitation_id)
    except CoreError as error:
        await _refuse(callback, t, error)
        return
    await callback.answer(t("seller-invitation-revoked"))
    if revoked.shop_id is not None:
        shop = await get_shop(db, revoked.shop_id)
        await show(callback, bot, *await _invitations_screen(db, actor, t, shop))


def create_staff_router() -> Router:
    router = Router(name="seller-staff")
    router.message.register(open_staff, Command("staff"))
    router.callback_query.register(on_staff_menu, StaffMenuData.filter())
    router.callback_query.register(on_member, MemberChoice.filter())
    router.callback_query.register(on_invite, InviteChoice.filter())
    router.callback_query.register(on_revoke, RevokeChoice.filter())
    return router
