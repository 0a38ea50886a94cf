"""/shop in the seller bot: the card with its hours in the shop's time, pausing and resuming as the
owner, a picker and a forged button refused, the description and the logo."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from aiogram.methods import AnswerCallbackQuery
from bot_fakes import Harness, new_user_id, texts
from customer_chat import edits, inline_data, removes_keyboard, sent
from seller_chat import SellerChat, approved_shop

from bot.seller.callbacks import Menu, MenuItem, ShopAct, ShopChoice
from bot.seller.states import ShopEdit
from core.auth.api import accept_invitation, create_invitation, load_actor
from core.auth.policy import Role
from core.business.api import get_shop
from core.business.schemas import ShopOut, ShopStatus
from core.shared.clock import FrozenClock
from core.shared.config import BotRole
from core.shared.i18n import Translator
from core.shared.uow import Database


@pytest.fixture
def seller(harness_for: Callable[[BotRole], Harness]) -> Harness:
    return harness_for(BotRole.SELLER)


@pytest.fixture
def owner(seller: Harness) -> SellerChat:
    return SellerChat(seller, new_user_id(), first_name="Ольга")


@pytest.fixture
async def shop(db: Database, owner: SellerChat) -> ShopOut:
    return await approved_shop(db, owner.user_id, new_user_id())


async def _staff(db: Database, harness: Harness, shop: ShopOut, owner: SellerChat,
                 role: Role) -> SellerChat:
    member = SellerChat(harness, new_user_id(), first_name="Пётр")
    await member.send("/help")  # known to the bot, so the invitation can be accepted
    created = await create_invitation(db, await load_actor(db, owner.user_id), role,
                                      shop_id=shop.id)
    await accept_invitation(db, created.token, member.user_id, via=BotRole.SELLER)
    return member


def pause(shop_id: uuid.UUID) -> str:
    return ShopChoice(action=ShopAct.PAUSE, shop_id=shop_id).pack()


def resume(shop_id: uuid.UUID) -> str:
    return ShopChoice(action=ShopAct.RESUME, shop_id=shop_id).pack()


async def test_the_owner_sees_the_card_and_pauses_and_resumes(
    owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    [card] = sent(await owner.send("/shop"))
    tr = translator.get
    assert card.text.startswith(tr("ru", "seller-shop-title", name=shop.name))
    assert tr("ru", "seller-shop-status", status=tr("ru", "shop-status-active")) in card.text
    # 09:00 UTC is 12:00 in Moscow; the shop works 09:00-21:00 there.
    assert tr("ru", "seller-shop-open-until",
              when=tr("ru", "seller-when-today", time="21:00")) in card.text
    assert tr("ru", "seller-shop-role", role=tr("ru", "role-owner")) in card.text
    assert pause(shop.id) in inline_data(card)
    assert card.reply_markup is not None
    [webapp, catalog] = [b.web_app for row in card.reply_markup.inline_keyboard for b in row
                         if b.web_app]
    assert webapp.url.endswith(f"/app/seller/shop?lang=ru&shop_id={shop.id}")
    assert catalog.url.endswith(f"/app/seller/catalog?lang=ru&shop={shop.id}")

    pressed = await owner.press(pause(shop.id))
    assert isinstance(pressed[0], AnswerCallbackQuery)
    assert pressed[0].text == tr("ru", "seller-shop-paused-toast")
    [paused_card] = edits(pressed)
    assert tr("ru", "seller-shop-paused-note") in paused_card.text
    assert resume(shop.id) in inline_data(paused_card)
    assert (await get_shop(db, shop.id)).status is ShopStatus.PAUSED

    await owner.press(pause(shop.id))  # a double tap changes nothing
    assert (await get_shop(db, shop.id)).status is ShopStatus.PAUSED
    [active_card] = edits(await owner.press(resume(shop.id)))
    assert pause(shop.id) in inline_data(active_card)
    assert (await get_shop(db, shop.id)).status is ShopStatus.ACTIVE


async def test_a_closed_shop_says_when_it_opens_in_its_own_time(
    owner: SellerChat, shop: ShopOut, clock: FrozenClock, translator: Translator
) -> None:
    clock.advance(timedelta(hours=10))  # 19:00 UTC, 22:00 in Moscow: closed until tomorrow
    [card] = sent(await owner.send("/shop"))
    assert translator.get("ru", "seller-shop-closed-until", when=translator.get(
        "ru", "seller-when-tomorrow", time="09:00")) in card.text


async def test_a_picker_sees_no_management_buttons_and_cannot_pause(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    picker = await _staff(db, seller, shop, owner, Role.PICKER)
    [card] = sent(await picker.send("/shop"))
    assert translator.get("ru", "seller-shop-role",
                          role=translator.get("ru", "role-picker")) in card.text
    assert card.reply_markup is None
    [refusal] = await picker.press(pause(shop.id))
    assert isinstance(refusal, AnswerCallbackQuery)
    assert refusal.show_alert
    assert refusal.text == translator.get("ru", "error-permission_denied")
    assert (await get_shop(db, shop.id)).status is ShopStatus.ACTIVE


async def test_a_forged_button_for_another_shop_is_refused(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    other = await approved_shop(db, new_user_id(), new_user_id(), name="Чужой магазин")
    for data in (pause(other.id), ShopChoice(action=ShopAct.SHOW, shop_id=other.id).pack(),
                 ShopChoice(action=ShopAct.DESCRIPTION, shop_id=other.id).pack()):
        [refusal] = await owner.press(data)
        assert isinstance(refusal, AnswerCallbackQuery)
        assert refusal.text == translator.get("ru", "error-permission_denied")
    assert (await get_shop(db, other.id)).status is ShopStatus.ACTIVE
    assert await owner.state() is None


async def test_a_manager_pauses_too(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database
) -> None:
    manager = await _staff(db, seller, shop, owner, Role.MANAGER)
    [card] = sent(await manager.send("/shop"))
    assert pause(shop.id) in inline_data(card)
    await manager.press(pause(shop.id))
    assert (await get_shop(db, shop.id)).status is ShopStatus.PAUSED


async def test_the_description_is_edited_and_removed(
    owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    asked = await owner.press(ShopChoice(action=ShopAct.DESCRIPTION, shop_id=shop.id))
    assert texts(asked) == [translator.get("ru", "seller-ask-description")]
    assert await owner.state() == ShopEdit.description.state
    saved = sent(await owner.send("Свежие фрукты <каждый> день"))
    assert saved[0].text == translator.get("ru", "seller-description-saved")
    assert removes_keyboard(saved[0])
    assert "Свежие фрукты &lt;каждый&gt; день" in saved[1].text
    assert (await get_shop(db, shop.id)).description == "Свежие фрукты <каждый> день"

    too_long = "я" * 2001
    await owner.press(ShopChoice(action=ShopAct.DESCRIPTION, shop_id=shop.id))
    assert texts(await owner.send(too_long)) == [translator.get(
        "ru", "error-invalid_text", field="description", minimum=0, maximum=2000)]
    await owner.send("Убрать")
    assert (await get_shop(db, shop.id)).description is None
    assert await owner.state() is None


async def test_the_logo_is_a_photo_stored_by_file_id(
    owner: SellerChat, shop: ShopOut, db: Database, translator: Translator
) -> None:
    await owner.press(ShopChoice(action=ShopAct.LOGO, shop_id=shop.id))
    assert texts(await owner.send("вот")) == [translator.get("ru", "seller-logo-expected")]
    file_id = "AgACAgIAAxkBAAIBlogo-file_id_1234"
    saved = sent(await owner.send_photo(file_id))
    assert saved[0].text == translator.get("ru", "seller-logo-saved")
    assert (await get_shop(db, shop.id)).logo == file_id
    assert translator.get("ru", "seller-shop-logo-set") in saved[1].text


async def test_someone_without_a_shop_is_told_how_to_get_one(
    seller: Harness, translator: Translator
) -> None:
    newcomer = SellerChat(seller, new_user_id())
    [answer] = sent(await newcomer.send("/shop"))
    assert answer.text == translator.get("ru", "seller-shop-none")
    assert Menu(item=MenuItem.APPLY).pack() in inline_data(answer)


async def test_start_offers_the_shop_to_its_owner(
    owner: SellerChat, shop: ShopOut, translator: Translator
) -> None:
    [greeting] = sent(await owner.send("/start"))
    assert greeting.text == translator.get("ru", "seller-start", name="Ольга")
    assert inline_data(greeting) == [Menu(item=MenuItem.SHOP).pack(),
                                     Menu(item=MenuItem.STAFF).pack()]
    [card] = edits(await owner.press(Menu(item=MenuItem.SHOP)))
    assert card.text.startswith(translator.get("ru", "seller-shop-title", name=shop.name))


async def test_several_shops_are_listed_first(
    owner: SellerChat, shop: ShopOut, db: Database
) -> None:
    second_owner = new_user_id()
    second = await approved_shop(db, second_owner, new_user_id(), name="Второй")
    created = await create_invitation(db, await load_actor(db, second_owner), Role.MANAGER,
                                      shop_id=second.id)
    await accept_invitation(db, created.token, owner.user_id, via=BotRole.SELLER)
    [choose] = sent(await owner.send("/shop"))
    assert inline_data(choose) == [ShopChoice(action=ShopAct.SHOW, shop_id=s.id).pack()
                                   for s in sorted((shop, second), key=lambda s: s.name)]
    [card] = edits(await owner.press(ShopChoice(action=ShopAct.SHOW, shop_id=second.id)))
    assert ShopChoice(action=ShopAct.LIST).pack() in inline_data(card)


async def test_a_pickers_greeting_offers_the_shop_only(
    seller: Harness, owner: SellerChat, shop: ShopOut, db: Database
) -> None:
    picker = await _staff(db, seller, shop, owner, Role.PICKER)
    [greeting] = sent(await picker.send("/start"))
    assert inline_data(greeting) == [Menu(item=MenuItem.SHOP).pack()]
