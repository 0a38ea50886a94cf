"""/staff in the seller bot: the team with roles and join dates, inviting by deep link and joining
through it, changing roles, removing with a confirmation, revoking invitations; managers manage
pickers only, pickers see no team."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from aiogram.methods import AnswerCallbackQuery
from bot_fakes import Harness, new_user_id, texts
from customer_chat import edits, inline_data, sent
from seller_chat import SellerChat, approved_shop

from bot.seller.callbacks import (
    InviteChoice,
    MemberAct,
    MemberChoice,
    Menu,
    MenuItem,
    RevokeChoice,
    StaffAct,
    StaffMenu,
)
from core.auth.api import list_invitations, list_shop_staff, load_actor
from core.auth.policy import Role
from core.auth.schemas import InvitationStatus
from core.business.schemas import ShopOut
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database

_LINK = re.compile(r"https://t\.me/(\w+)\?start=(inv_[\w-]+)")


@pytest.fixture
def seller(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SELLER)


@pytest.fixture
def owner(seller: Harness) -> SellerChat:
    return SellerChat(seller, new_user_id(), first_name="Ольга")


@pytest.fixture
async def shop(db: Database, owner: SellerChat) -> ShopOut:
    return await approved_shop(db, owner.user_id, new_user_id())


async def invite(inviter: SellerChat, shop: ShopOut, role: Role) -> str:
    """Press "invite" and return the ``/start`` parameter of the link the bot gave."""
    [message] = sent(await inviter.press(InviteChoice(shop_id=shop.id, role=role)))
    match = _LINK.search(message.text)
    assert match is not None, message.text
    assert match[1] == f"fg{inviter.harness.bot.id}_bot"  # the bot's own username
    return match[2]


async def join(harness: Harness, start: str, first_name: str) -> SellerChat:
    person = SellerChat(harness, new_user_id(), first_name=first_name)
    await person.send(f"/start {start}")
    return person


async def test_the_owner_invites_a_manager_who_joins_through_the_link(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    [team] = sent(await owner.send("/staff"))
    assert team.text.startswith(translator.get("ru", "seller-staff-title", shop=shop.name))
    assert "Ольга (вы) — владелец, с 01.01.2026" in team.text
    buttons = inline_data(team)
    for role in (Role.MANAGER, Role.PICKER):
        assert InviteChoice(shop_id=shop.id, role=role).pack() in buttons

    [message] = sent(await owner.press(InviteChoice(shop_id=shop.id, role=Role.MANAGER)))
    assert "https://t.me/fg" in message.text
    assert translator.get("ru", "role-manager") in message.text
    start = _LINK.search(message.text)[2]  # type: ignore[index]
    manager = await join(seller, start, "Пётр")
    [member] = [m for m in await list_shop_staff(db, await load_actor(db, owner.user_id),
                                                  shop.id) if m.telegram_id == manager.user_id]
    assert member.role is Role.MANAGER
    [team] = sent(await owner.send("/staff"))
    assert "Пётр — менеджер, с 01.01.2026" in team.text
    assert MemberChoice(action=MemberAct.SHOW, shop_id=shop.id,
                        telegram_id=manager.user_id).pack() in inline_data(team)


async def test_the_owner_changes_a_role_and_removes_after_confirming(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    picker = await join(seller, await invite(owner, shop, Role.PICKER), "Пётр")
    show = MemberChoice(action=MemberAct.SHOW, shop_id=shop.id, telegram_id=picker.user_id)
    [card] = edits(await owner.press(show))
    promote = MemberChoice(action=MemberAct.ROLE, shop_id=shop.id, telegram_id=picker.user_id,
                           role=Role.MANAGER)
    assert promote.pack() in inline_data(card)
    pressed = await owner.press(promote)
    assert pressed[0].text == translator.get("ru", "seller-member-role-changed",
                                             role=translator.get("ru", "role-manager"))
    owner_actor = await load_actor(db, owner.user_id)
    roles = {m.telegram_id: m.role for m in await list_shop_staff(db, owner_actor, shop.id)}
    assert roles[picker.user_id] is Role.MANAGER

    remove = MemberChoice(action=MemberAct.REMOVE, shop_id=shop.id, telegram_id=picker.user_id)
    [confirm] = edits(await owner.press(remove))
    assert confirm.text == translator.get("ru", "seller-member-remove-confirm", name="Пётр",
                                          shop=shop.name)
    assert picker.user_id in {m.telegram_id for m in await list_shop_staff(db, owner_actor,
                                                                            shop.id)}
    confirmed = MemberChoice(action=MemberAct.REMOVE_CONFIRMED, shop_id=shop.id,
                             telegram_id=picker.user_id)
    assert confirmed.pack() in inline_data(confirm)
    pressed = await owner.press(confirmed)
    assert pressed[0].text == translator.get("ru", "seller-member-removed")
    assert picker.user_id not in {m.telegram_id
                                  for m in await list_shop_staff(db, owner_actor, shop.id)}
    assert "Пётр" not in edits(pressed)[0].text
    # Pressing it again is answered, not crashed on.
    again = await owner.press(confirmed)
    assert again[0].text == translator.get("ru", "error-staff_member_not_found")


async def test_a_manager_manages_pickers_only(
    seller: Harness, owner: SellerChat, shop: ShopOut, translator: Translator
) -> None:
    manager = await join(seller, await invite(owner, shop, Role.MANAGER), "Мария")
    picker = await join(seller, await invite(manager, shop, Role.PICKER), "Пётр")
    [team] = sent(await manager.send("/staff"))
    buttons = inline_data(team)
    assert InviteChoice(shop_id=shop.id, role=Role.MANAGER).pack() not in buttons
    assert MemberChoice(action=MemberAct.SHOW, shop_id=shop.id,
                        telegram_id=owner.user_id).pack() not in buttons
    show_picker = MemberChoice(action=MemberAct.SHOW, shop_id=shop.id,
                               telegram_id=picker.user_id)
    assert show_picker.pack() in buttons
    [card] = edits(await manager.press(show_picker))
    assert not any(":role:" in data for data in inline_data(card))  # no promotions to offer

    for forged in (InviteChoice(shop_id=shop.id, role=Role.MANAGER),
                   MemberChoice(action=MemberAct.REMOVE_CONFIRMED, shop_id=shop.id,
                                telegram_id=owner.user_id),
                   MemberChoice(action=MemberAct.ROLE, shop_id=shop.id,
                                telegram_id=picker.user_id, role=Role.OWNER)):
        [refusal] = await manager.press(forged)
        assert isinstance(refusal, AnswerCallbackQuery)
        assert refusal.show_alert
        assert refusal.text == translator.get("ru", "error-permission_denied")


async def test_a_picker_sees_no_team(
    seller: Harness, owner: SellerChat, shop: ShopOut, translator: Translator
) -> None:
    picker = await join(seller, await invite(owner, shop, Role.PICKER), "Пётр")
    assert texts(await picker.send("/staff")) == [
        translator.get("ru", "seller-staff-not-allowed")]
    [refusal] = await picker.press(StaffMenu(action=StaffAct.LIST, shop_id=shop.id))
    assert refusal.text == translator.get("ru", "error-permission_denied")


async def test_open_invitations_are_listed_and_revoked(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    start = await invite(owner, shop, Role.PICKER)
    [listing] = edits(await owner.press(StaffMenu(action=StaffAct.INVITATIONS, shop_id=shop.id)))
    assert listing.text.startswith(translator.get("ru", "seller-invitations-title",
                                                  shop=shop.name))
    assert "1. сборщик, действует до 04.01.2026 12:00" in listing.text
    [invitation] = await list_invitations(db, await load_actor(db, owner.user_id),
                                          shop_id=shop.id)
    revoke = RevokeChoice(invitation_id=invitation.id)
    assert revoke.pack() in inline_data(listing)
    pressed = await owner.press(revoke)
    assert pressed[0].text == translator.get("ru", "seller-invitation-revoked")
    assert edits(pressed)[0].text == translator.get("ru", "seller-invitations-none",
                                                    shop=shop.name)
    [revoked] = await list_invitations(db, await load_actor(db, owner.user_id), shop_id=shop.id)
    assert revoked.status is InvitationStatus.REVOKED
    late = SellerChat(seller, new_user_id())
    assert texts(await late.send(f"/start {start}")) == [
        translator.get("ru", "error-invitation_revoked")]


async def test_someone_elses_invitation_cannot_be_revoked(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    await invite(owner, shop, Role.PICKER)
    [invitation] = await list_invitations(db, await load_actor(db, owner.user_id),
                                          shop_id=shop.id)
    stranger = SellerChat(seller, new_user_id())
    await approved_shop(db, stranger.user_id, new_user_id(), name="Другой")
    [refusal] = await stranger.press(RevokeChoice(invitation_id=invitation.id))
    assert refusal.text == translator.get("ru", "error-permission_denied")
    [still] = await list_invitations(db, await load_actor(db, owner.user_id), shop_id=shop.id)
    assert still.status is InvitationStatus.PENDING


async def test_the_team_in_english(
    seller: Harness, db: Database, translator: Translator
) -> None:
    owner = SellerChat(seller, new_user_id(), language_code="en", first_name="Olga")
    shop = await approved_shop(db, owner.user_id, new_user_id())
    [team] = sent(await owner.send("/staff"))
    assert team.text.startswith(translator.get("en", "seller-staff-title", shop=shop.name))
    assert "(you) — owner, since 2026-01-01" in team.text


async def test_the_greetings_team_button_opens_the_team(
    owner: SellerChat, shop: ShopOut, translator: Translator
) -> None:
    await owner.send("/start")
    [team] = edits(await owner.press(Menu(item=MenuItem.STAFF)))
    assert team.text.startswith(translator.get("ru", "seller-staff-title", shop=shop.name))


async def test_nobody_manages_themselves(
    owner: SellerChat, shop: ShopOut, translator: Translator
) -> None:
    me = MemberChoice(action=MemberAct.SHOW, shop_id=shop.id, telegram_id=owner.user_id)
    [card] = edits(await owner.press(me))
    assert inline_data(card) == [StaffMenu(action=StaffAct.LIST, shop_id=shop.id).pack()]
    [refusal] = await owner.press(MemberChoice(action=MemberAct.REMOVE_CONFIRMED,
                                               shop_id=shop.id, telegram_id=owner.user_id))
    assert refusal.text == translator.get("ru", "error-permission_denied")
