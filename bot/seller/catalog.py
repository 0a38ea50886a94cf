"""/products: a button opening the shop's catalog Mini App (products, prices, stock, the CSV
price list), one per shop for someone working in several. Pickers get it too: they count stock.

The buttons carry no callback data: the page signs in with the Mini App's initData, and the API
checks the person's role in the shop on every call."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardMarkup, Message

from bot.common.i18n import Tr
from bot.seller.shop import shops_screen
from bot.seller.webapp import catalog_page_button
from core.auth.policy import Actor, Permission, allows
from core.business.api import my_shops
from core.shared.config import Settings
from core.shared.uow import Database


async def open_catalog(
    message: Message, t: Tr, db: Database, actor: Actor, settings: Settings
) -> None:
    shops = [
        shop
        for shop in await my_shops(db, actor)
        if allows(actor, Permission.MANAGE_STOCK, shop_id=shop.id)
    ]
    if not shops:
        # Nowhere to manage stock: say how to get a shop, as /shop does.
        text, markup = await shops_screen(db, actor, t, settings, shops=[])
        await message.answer(text, reply_markup=markup)
        return
    if len(shops) == 1:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[catalog_page_button(t, settings, shops[0].id)]]
        )
        await message.answer(t("seller-catalog-open", name=shops[0].name), reply_markup=keyboard)
        return
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [catalog_page_button(t, settings, shop.id, text=shop.name)] for shop in shops
        ]
    )
    await message.answer(t("seller-catalog-choose"), reply_markup=keyboard)


def create_catalog_router() -> Router:
    router = Router(name="seller-catalog")
    router.message.register(open_catalog, Command("products"))
    return router
