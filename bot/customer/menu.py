"""The customer bot's menu button: it opens the storefront Mini App, the photo-grid catalog."""

from __future__ import annotations

from aiogram.types import MenuButtonWebApp, WebAppInfo

from bot.common.i18n import Tr
from bot.common.webapp import page_url
from core.shared.config import Settings

STOREFRONT_PATH = "/app/shop"


def storefront_menu_button(t: Tr, settings: Settings) -> MenuButtonWebApp:
    """The button beside the message box; one text for every chat (Telegram keeps one default
    menu button per bot), in the default language."""
    url = page_url(settings, STOREFRONT_PATH)
    return MenuButtonWebApp(text=t("customer-menu-storefront"), web_app=WebAppInfo(url=url))
