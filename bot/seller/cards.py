"""Texts of the seller bot: hours, zones, the application summary, the shop card, the staff."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot.common.i18n import Tr
from core.auth.policy import Role
from core.auth.schemas import InvitationOut, StaffMemberOut
from core.business.api import is_open, next_closing, next_opening
from core.business.schemas import WEEKDAYS, DayHours, ShopOut, ShopStatus, WeeklyHours
from core.geo.schemas import PolygonZone, RadiusZone, Zone
from core.shared.money import Money


def clock_text(value: time, *, end: bool = False) -> str:
    """``09:00``; a closing midnight reads ``24:00``."""
    if end and value == time(0):
        return "24:00"
    return f"{value.hour:02d}:{value.minute:02d}"


def _day_hours(t: Tr, day: DayHours | None) -> str:
    if day is None:
        return t("seller-hours-closed")
    if day.opens == day.closes == time(0) and not day.breaks:
        return t("seller-hours-round-the-clock")
    text = f"{clock_text(day.opens)}-{clock_text(day.closes, end=True)}"
    if day.breaks:
        spans = ", ".join(f"{clock_text(b.start)}-{clock_text(b.end, end=True)}"
                          for b in day.breaks)
        text += f" {t('seller-hours-break')} {spans}"
    return text


def hours_lines(t: Tr, hours: WeeklyHours) -> list[str]:
    """The week in the same text form the bot reads: runs of equal days share a line."""
    days = list(hours.days)
    if all(day == days[0] for day in days):
        return [f"{t('seller-hours-daily')} {_day_hours(t, days[0])}"]
    lines: list[str] = []
    start = 0
    for index in range(1, 8):
        if index < 7 and days[index] == days[start]:
            continue
        first = t(f"seller-wd-{WEEKDAYS[start]}")
        names = first if index - 1 == start else (
            f"{first}-{t(f'seller-wd-{WEEKDAYS[index - 1]}')}")
        lines.append(f"{names} {_day_hours(t, days[start])}")
        start = index
    return lines


def _km(metres: int) -> str:
    km = Decimal(metres) / 1000
    return f"{km.normalize():f}"


def radius_text(t: Tr, metres: int) -> str:
    """``радиус 2,5 км``."""
    km = _km(metres)
    return t("seller-zone-radius", km=km.replace(".", ",") if t.lang == "ru" else km)


def zone_text(t: Tr, zone: Zone) -> str:
    """A delivery zone in a few words."""
    if isinstance(zone, RadiusZone):
        return radius_text(t, zone.radius_m)
    assert isinstance(zone, PolygonZone)
    points = sum(len(polygon.outer) for polygon in zone.polygons)
    return t("seller-zone-polygon", count=len(zone.polygons), points=points)


def draft_zone_text(t: Tr, draft: Mapping[str, Any]) -> str:
    """The zone as the application's draft keeps it."""
    zone = draft.get("zone") or {}
    if "radius_m" in zone:
        return radius_text(t, int(zone["radius_m"]))
    coordinates = zone.get("geojson", {}).get("coordinates", [])
    # Stored rings are closed: their last point repeats the first.
    points = sum(len(polygon[0]) - 1 for polygon in coordinates if polygon)
    return t("seller-zone-polygon", count=len(coordinates), points=points)


def money_text(minor: int) -> str:
    return Money(minor).format()


def summary_text(t: Tr, draft: Mapping[str, Any]) -> str:
    """The whole application for a last look before sending."""
    hours = WeeklyHours.from_json(draft["hours"])
    lines = [
        t("seller-summary-title"),
        "",
        t("seller-summary-business"),
        t("seller-summary-legal-name", value=draft["legal_name"]),
        t("seller-summary-inn", value=draft["inn"]),
        t("seller-summary-tax", value=t(f"tax-system-{draft['tax_system']}")),
        t("seller-summary-phone", value=draft["phone"]),
        t("seller-summary-email", value=draft["email"]),
        "",
        t("seller-summary-shop"),
        t("seller-summary-shop-name", value=draft["shop_name"]),
        t("seller-summary-address", value=draft["address"],
          lat=f"{draft['lat']:.5f}", lon=f"{draft['lon']:.5f}"),
        t("seller-summary-timezone", value=draft["timezone"]),
        t("seller-summary-hours"),
        *(f"  {line}" for line in hours_lines(t, hours)),
        t("seller-summary-zone", value=draft_zone_text(t, draft)),
        t("seller-summary-min-order", value=money_text(draft["min_order"])),
        t("seller-summary-delivery-fee", value=money_text(draft["delivery_fee"])),
        t("seller-summary-assembly", minutes=draft["assembly_minutes"]),
    ]
    return "\n".join(lines)


# -- the shop card ----------------------------------------------------------------------------


def _when(t: Tr, moment: datetime, now: datetime, tz: ZoneInfo) -> str:
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    at = clock_text(local.time())
    if local.date() == today:
        return t("seller-when-today", time=at)
    if local.date() == today + timedelta(days=1):
        return t("seller-when-tomorrow", time=at)
    return t("seller-when-weekday", day=WEEKDAYS[local.weekday()], time=at)


def open_line(t: Tr, shop: ShopOut, now: datetime) -> str:
    """"Open now, until 21:00" or "Closed, opens tomorrow at 09:00", in the shop's time."""
    tz = ZoneInfo(shop.timezone)
    if is_open(shop, now):
        closes = next_closing(shop, now)
        if closes is None:
            return t("seller-shop-open-always")
        return t("seller-shop-open-until", when=_when(t, closes, now, tz))
    opens = next_opening(shop, now)
    if opens is None:
        return t("seller-shop-never-open")
    return t("seller-shop-closed-until", when=_when(t, opens, now, tz))


def shop_card(t: Tr, shop: ShopOut, role: Role | None, now: datetime) -> str:
    """Everything a shop's staff needs at a glance."""
    lines = [
        t("seller-shop-title", name=shop.name),
        t("seller-shop-status", status=t(f"shop-status-{shop.status.value}")),
    ]
    if shop.status in (ShopStatus.ACTIVE, ShopStatus.PAUSED):
        lines.append(open_line(t, shop, now))
    if shop.status is ShopStatus.PAUSED:
        lines.append(t("seller-shop-paused-note"))
    if shop.status is ShopStatus.REJECTED and shop.rejection_reason:
        lines.append(t("seller-shop-rejected-reason", reason=shop.rejection_reason))
    if role is not None:
        lines.append(t("seller-shop-role", role=t(f"role-{role.value}")))
    lines += [
        "",
        t("seller-summary-address", value=shop.address, lat=f"{shop.point.lat:.5f}",
          lon=f"{shop.point.lon:.5f}"),
        t("seller-summary-timezone", value=shop.timezone),
        t("seller-summary-hours"),
        *(f"  {line}" for line in hours_lines(t, shop.hours)),
        t("seller-summary-zone", value=zone_text(t, shop.zone)),
        t("seller-summary-min-order", value=shop.min_order.format()),
        t("seller-summary-delivery-fee", value=shop.delivery_fee.format()),
        t("seller-summary-assembly", minutes=shop.assembly_minutes),
        "",
        t("seller-shop-description", text=shop.description)
        if shop.description else t("seller-shop-no-description"),
        t("seller-shop-logo-set") if shop.logo else t("seller-shop-no-logo"),
    ]
    return "\n".join(lines)


# -- staff --------------------------------------------------------------------------------------


def date_text(t: Tr, moment: datetime, tz: ZoneInfo) -> str:
    """A day as people there write it: 01.01.2026, or 2026-01-01 in English."""
    local = moment.astimezone(tz)
    return local.strftime("%d.%m.%Y") if t.lang == "ru" else local.strftime("%Y-%m-%d")


def moment_text(t: Tr, moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{date_text(t, moment, tz)} {clock_text(local.time())}"


def member_name(member: StaffMemberOut) -> str:
    """First and last name, and the @username if there is one (not escaped)."""
    name = " ".join(part for part in (member.first_name, member.last_name) if part) or "—"
    return f"{name} (@{member.username})" if member.username else name


def staff_text(t: Tr, shop: ShopOut, members: Sequence[StaffMemberOut], me: int) -> str:
    """The team of one shop, owners first, with join dates."""
    tz = ZoneInfo(shop.timezone)
    lines = [t("seller-staff-title", shop=shop.name), ""]
    for member in members:
        key = "seller-staff-line-me" if member.telegram_id == me else "seller-staff-line"
        lines.append(t(key, name=member_name(member), role=t(f"role-{member.role.value}"),
                       date=date_text(t, member.joined_at, tz)))
    return "\n".join(lines)


def member_text(t: Tr, shop: ShopOut, member: StaffMemberOut) -> str:
    tz = ZoneInfo(shop.timezone)
    return t("seller-member-card", name=member_name(member), shop=shop.name,
             role=t(f"role-{member.role.value}"), date=date_text(t, member.joined_at, tz))


def invitations_text(t: Tr, shop: ShopOut, invitations: Sequence[InvitationOut]) -> str:
    """The invitations still waiting to be opened."""
    if not invitations:
        return t("seller-invitations-none", shop=shop.name)
    tz = ZoneInfo(shop.timezone)
    lines = [t("seller-invitations-title", shop=shop.name), ""]
    lines += [t("seller-invitation-line", number=n, role=t(f"role-{i.role.value}"),
                until=moment_text(t, i.expires_at, tz)) for n, i in enumerate(invitations, 1)]
    return "\n".join(lines)
