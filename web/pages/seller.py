"""Seller pages: /app/seller/apply (the application and its status) and /app/seller/shop (my
shops: open now or not, pause and resume, profile, staff)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from aiohttp import web

from core.business.schemas import WEEKDAYS, BusinessStatus, ShopStatus, TaxSystem
from web.pages.render import PAGES_KEY, PAGES_PREFIX, page_language, render_page

routes = web.RouteTableDef()

# The time zones a Russian shop can be in, west to east; the key names the city's message.
TIMEZONES: tuple[tuple[str, str], ...] = (
    ("Europe/Kaliningrad", "kaliningrad"),
    ("Europe/Moscow", "moscow"),
    ("Europe/Samara", "samara"),
    ("Asia/Yekaterinburg", "yekaterinburg"),
    ("Asia/Omsk", "omsk"),
    ("Asia/Novosibirsk", "novosibirsk"),
    ("Asia/Krasnoyarsk", "krasnoyarsk"),
    ("Asia/Irkutsk", "irkutsk"),
    ("Asia/Yakutsk", "yakutsk"),
    ("Asia/Vladivostok", "vladivostok"),
    ("Asia/Magadan", "magadan"),
    ("Asia/Kamchatka", "kamchatka"),
)
DEFAULT_TIMEZONE = "Europe/Moscow"


def _utc_offset(name: str) -> str:
    offset = datetime.now(UTC).astimezone(ZoneInfo(name)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60}"


def business_labels(request: web.Request) -> Mapping[str, Mapping[str, str]]:
    """Names of tax systems, statuses and weekdays in the page's language, for its script."""
    pages = request.app[PAGES_KEY]
    lang = page_language(request, pages.settings.default_language)

    def t(key: str) -> str:
        return pages.translator.get(lang, key)

    return {
        "tax": {system.value: t(f"tax-system-{system.value}") for system in TaxSystem},
        "business": {s.value: t(f"business-status-{s.value}") for s in BusinessStatus},
        "shop": {s.value: t(f"shop-status-{s.value}") for s in ShopStatus},
        "weekday": {day: t(f"weekday-{day}") for day in WEEKDAYS},
    }


def timezone_choices() -> list[tuple[str, str, str]]:
    """(IANA name, message key, UTC offset now) for the time zone select."""
    return [(name, f"page-biz-tz-{key}", _utc_offset(name)) for name, key in TIMEZONES]


@routes.get(f"{PAGES_PREFIX}/seller/apply")
async def apply_page(request: web.Request) -> web.Response:
    """The seller's application form; its script shows the status once one is sent."""
    return render_page(
        request, "seller_apply.html", title_key="page-apply-title",
        scripts=("pages/seller_forms.js", "pages/seller_apply.js"),
        labels=business_labels(request), weekdays=WEEKDAYS, tax_systems=list(TaxSystem),
        timezones=timezone_choices(), default_timezone=DEFAULT_TIMEZONE,
    )


@routes.get(f"{PAGES_PREFIX}/seller/shop")
async def shop_page(request: web.Request) -> web.Response:
    """My shops: status, hours now, pause and resume, profile and staff."""
    return render_page(
        request, "seller_shop.html", title_key="page-myshop-title",
        scripts=("pages/seller_forms.js", "pages/seller_shop.js"),
        labels=business_labels(request),
    )
