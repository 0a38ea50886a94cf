"""Buttons opening the seller's Mini App pages (served by web/ under ``settings.public_url``), in
the language the person speaks to the bot (``?lang=``)."""

from __future__ import annotations

from uuid import UUID

from aiogram.types import InlineKeyboardButton, WebAppInfo

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.common.webapp import page_url
from core.shared.config import Settings

APPLY_PAGE = "/app/seller/apply"
SHOP_PAGE = "/app/seller/shop"
CATALOG_PAGE = "/app/seller/catalog"


def apply_page_button(t: Tr, settings: Settings) -> InlineKeyboardButton:
    """"Fill in the form in the Mini App"."""
    return InlineKeyboardButton(
        text=plain(t, "seller-btn-apply-webapp"),
        web_app=WebAppInfo(url=page_url(settings, APPLY_PAGE, lang=t.lang)),
    )


def shop_page_button(t: Tr, settings: Settings, shop_id: UUID) -> InlineKeyboardButton:
    """"Open the shop page" for one shop."""
    return InlineKeyboardButton(
        text=plain(t, "seller-btn-shop-webapp"),
        web_app=WebAppInfo(url=page_url(settings, SHOP_PAGE, lang=t.lang, shop_id=str(shop_id))),
    )


def catalog_page_button(t: Tr, settings: Settings, shop_id: UUID,
                        text: str | None = None) -> InlineKeyboardButton:
    """"Products and prices" for one shop (or ``text``, such as the shop's name)."""
    return InlineKeyboardButton(
        text=text or plain(t, "seller-btn-catalog-webapp"),
        web_app=WebAppInfo(url=page_url(settings, CATALOG_PAGE, lang=t.lang, shop=str(shop_id))),
    )
