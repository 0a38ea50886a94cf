"""/shop: the shop card (status, open now or when it opens, in the shop's time), pausing and
resuming orders, the description and the logo, and the shop's Mini App page.

Every button names a shop, and buttons are user input: the actor's role in that shop is checked
before anything is shown or done (and core checks it again)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, ReplyKeyboardRemove

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import chat_of, show
from bot.seller.callbacks import ShopAct, ShopChoice
from bot.seller.cards import shop_card
from bot.seller.keyboards import clear_keyboard, shop_keyboard, shops_keyboard, start_keyboard
from bot.seller.replies import ButtonText, is_button, not_a_command
from bot.seller.states import ShopEdit
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, allows
from core.business.api import (
    get_shop,
    my_applications,
    my_shops,
    pause_shop,
    resume_shop,
    set_shop_description,
    set_shop_logo,
)
from core.business.schemas import BusinessStatus, ShopOut
from core.shared.config import Settings
from core.shared.errors import CoreError, ValidationFailed
from core.shared.uow import Database

Screen = tuple[str, InlineKeyboardMarkup | None]

# What each button needs the actor to be allowed in the shop it names.
_NEEDS: dict[ShopAct, Permission] = {
    ShopAct.SHOW: Permission.VIEW_SHOP,
    ShopAct.PAUSE: Permission.EDIT_SHOP,
    ShopAct.RESUME: Permission.EDIT_SHOP,
    ShopAct.DESCRIPTION: Permission.EDIT_SHOP,
    ShopAct.LOGO: Permission.EDIT_SHOP,
}


def shop_screen(t: Tr, settings: Settings, db: Database, actor: Actor, shop: ShopOut,
                several: bool) -> Screen:
    """The card of one shop and what the actor may do with it."""
    return (shop_card(t, shop, actor.role_in(shop.id), db.clock.now()),
            shop_keyboard(t, settings, actor, shop, several))


async def _no_shops(db: Database, actor: Actor, t: Tr, settings: Settings) -> Screen:
    pending = any(a.business.status is BusinessStatus.PENDING
                  for a in await my_applications(db, actor))
    if pending:
        return t("seller-shop-none-pending"), None
    return t("seller-shop-none"), start_keyboard(t, settings, actor)


async def shops_screen(db: Database, actor: Actor, t: Tr, settings: Settings,
                       shops: Sequence[ShopOut] | None = None) -> Screen:
    """One shop's card, or the list to choose from, or how to get a shop."""
    shops = await my_shops(db, actor) if shops is None else shops
    if not shops:
        return await _no_shops(db, actor, t, settings)
    if len(shops) == 1:
        return shop_screen(t, settings, db, actor, shops[0], several=False)
    return t("seller-shops-choose"), shops_keyboard(shops, ShopAct.SHOW)


async def open_shop(message: Message, t: Tr, db: Database, actor: Actor,
                    settings: Settings) -> None:
    text, markup = await shops_screen(db, actor, t, settings)
    await message.answer(text, reply_markup=markup)


async def on_shop(callback: CallbackQuery, callback_data: ShopChoice, bot: Bot,
                  state: FSMContext, t: Tr, db: Database, actor: Actor,
                  settings: Settings) -> None:
    action, shop_id = callback_data.action, callback_data.shop_id
    if action is ShopAct.LIST:
        await callback.answer()
        await show(callback, bot, *await shops_screen(db, actor, t, settings))
        return
    if shop_id is None or not allows(actor, _NEEDS[action], shop_id=shop_id):
        await callback.answer(apology(t, PermissionDenied()), show_alert=True)
        return
    if action is ShopAct.PAUSE:
        shop = await pause_shop(db, actor, shop_id)
        await callback.answer(t("seller-shop-paused-toast"))
    elif action is ShopAct.RESUME:
        shop = await resume_shop(db, actor, shop_id)
        await callback.answer(t("seller-shop-resumed-toast"))
    else:
        await callback.answer()
        if action is not ShopAct.SHOW:
            await _ask_profile_field(bot, chat_of(callback), state, t, shop_id, action)
            return
        shop = await get_shop(db, shop_id)
    several = len(actor.shops) > 1
    await show(callback, bot, *shop_screen(t, settings, db, actor, shop, several))


async def _ask_profile_field(bot: Bot, chat_id: int, state: FSMContext, t: Tr, shop_id: UUID,
                             action: ShopAct) -> None:
    await state.set_state(ShopEdit.description if action is ShopAct.DESCRIPTION
                          else ShopEdit.logo)
    await state.set_data({"shop_id": str(shop_id)})
    key = "seller-ask-description" if action is ShopAct.DESCRIPTION else "seller-ask-logo"
    await bot.send_message(chat_id, t(key), reply_markup=clear_keyboard(t))


async def ask_again(bot: Bot, chat_id: int, state: FSMContext, t: Tr) -> None:
    """Repeat the profile question the dialog is waiting on."""
    current = await state.get_state()
    key = "seller-ask-description" if current == ShopEdit.description.state else "seller-ask-logo"
    await bot.send_message(chat_id, t(key), reply_markup=clear_keyboard(t))


async def _save(message: Message, state: FSMContext, t: Tr, db: Database, actor: Actor,
                settings: Settings, description: str | None = None, logo: str | None = None,
                *, field: str) -> None:
    shop_id = UUID((await state.get_data())["shop_id"])
    try:
        if field == "description":
            shop = await set_shop_description(db, actor, shop_id, description)
        else:
            shop = await set_shop_logo(db, actor, shop_id, logo)
    except ValidationFailed as error:  # too long, say: stay on the question
        await message.answer(apology(t, error))
        return
    except CoreError as error:  # no longer allowed, or the shop cannot be edited now
        await state.clear()
        await message.answer(apology(t, error), reply_markup=ReplyKeyboardRemove())
        return
    await state.clear()
    await message.answer(t(f"seller-{field}-saved"), reply_markup=ReplyKeyboardRemove())
    text, markup = shop_screen(t, settings, db, actor, shop, several=len(actor.shops) > 1)
    await message.answer(text, reply_markup=markup)


async def on_description(message: Message, state: FSMContext, t: Tr, db: Database,
                         actor: Actor, settings: Settings) -> None:
    removing = is_button(t.translator, message.text, "seller-btn-remove")
    await _save(message, state, t, db, actor, settings,
                description=None if removing else message.text, field="description")


async def on_logo_photo(message: Message, state: FSMContext, t: Tr, db: Database,
                        actor: Actor, settings: Settings) -> None:
    assert message.photo  # the filter guarantees it
    # The largest size comes last; its file_id is what the bots send the logo by.
    await _save(message, state, t, db, actor, settings, logo=message.photo[-1].file_id,
                field="logo")


async def on_logo_removed(message: Message, state: FSMContext, t: Tr, db: Database,
                          actor: Actor, settings: Settings) -> None:
    await _save(message, state, t, db, actor, settings, logo=None, field="logo")


async def on_logo_other(message: Message, t: Tr) -> None:
    await message.answer(t("seller-logo-expected"))


async def on_description_other(message: Message, t: Tr) -> None:
    await message.answer(t("seller-description-expected"))


def create_shop_router() -> Router:
    router = Router(name="seller-shop")
    router.message.register(open_shop, Command("shop"))
    router.callback_query.register(on_shop, ShopChoice.filter())
    router.message.register(on_description, ShopEdit.description, F.text, not_a_command)
    router.message.register(on_description_other, ShopEdit.description, ~F.text)
    router.message.register(on_logo_photo, ShopEdit.logo, F.photo)
    router.message.register(on_logo_removed, ShopEdit.logo, ButtonText("seller-btn-remove"))
    router.message.register(on_logo_other, ShopEdit.logo, not_a_command)
    return router
