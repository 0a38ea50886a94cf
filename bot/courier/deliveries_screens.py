"""The courier's delivery screens: one card per delivery (where to pick up, what, where to take it
with a map link, by when, the customer's phone while the delivery is theirs, the earning) with
big buttons for the next step, and the handover code prompt. Built from what core returned;
nothing here reads the database. Made for a courier on a bike with one free hand: one button a
row, the next step first.

Phone numbers go out as plain text: Telegram keeps no ``tel:`` links (text links take http(s),
tg and ton only) and its apps make a written number tappable themselves.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import Screen, plain
from bot.courier.deliveries_callbacks import DeliveryAction, DeliveryPress
from core.geo.schemas import Point
from core.logistics.schemas import DeliveryOut, DeliveryStatus
from core.orders.schemas import DeliveryAddress

MAP_ZOOM = 17
# At the customer's door: the code may be typed.
HANDING_OVER = frozenset({DeliveryStatus.PICKED_UP, DeliveryStatus.AWAITING_CUSTOMER})
Row = list[InlineKeyboardButton]


def map_url(point: Point) -> str:
    """Yandex Maps with a pin at the point."""
    return f"https://yandex.ru/maps/?pt={point.lon:.6f},{point.lat:.6f}&z={MAP_ZOOM}&l=map"


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """``14:35`` on the shop's wall clock."""
    return moment.astimezone(zone).strftime("%H:%M")


def minutes_left(until: datetime, now: datetime) -> int:
    """Whole minutes until ``until``, rounded up (a courier waits "1 min", never "0 min")."""
    seconds = (until - now).total_seconds()
    return max(1, -int(-seconds // 60))


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _press(action: DeliveryAction, delivery: DeliveryOut) -> DeliveryPress:
    return DeliveryPress(action=action.value, delivery=delivery.id)


def _step(t: Tr, action: DeliveryAction, delivery: DeliveryOut) -> Row:
    """A row of one big button: a step of the delivery, labelled as on the first card."""
    label = plain(t, f"notification-delivery-btn-{action.value}")
    return [_button(label, _press(action, delivery))]


def _map(t: Tr, key: str, point: Point) -> Row:
    """A row of one link button: the place on the map."""
    return [InlineKeyboardButton(text=plain(t, key), url=map_url(point))]


def _buttons(t: Tr, delivery: DeliveryOut) -> list[Row]:
    """The next steps of the delivery where it is now, the most likely first."""
    status = delivery.status
    if status is DeliveryStatus.ASSIGNED:
        return [
            _step(t, DeliveryAction.PICKUP, delivery),
            _map(t, "courier-delivery-btn-map-shop", delivery.pickup_point),
        ]
    if status not in HANDING_OVER:
        return []
    rows: list[Row] = []
    if not delivery.handover_locked:
        rows.append(_step(t, DeliveryAction.HANDOVER, delivery))
    if status is DeliveryStatus.PICKED_UP:
        rows.append(_step(t, DeliveryAction.UNREACHABLE, delivery))
    else:
        rows.append(_step(t, DeliveryAction.RETURN, delivery))
    rows.append(_map(t, "courier-delivery-btn-map-customer", delivery.dropoff_point))
    return rows


def _door(t: Tr, address: DeliveryAddress) -> list[str]:
    """Entrance, floor and apartment on one line; the customer's comment on the next."""
    # Plain parts: the line's own ``t`` escapes them once.
    parts = [
        plain(t, f"courier-delivery-{name}", value=value)
        for name, value in (
            ("entrance", address.entrance),
            ("floor", address.floor),
            ("apartment", address.apartment),
        )
        if value is not None
    ]
    lines = [t("courier-delivery-door", parts=", ".join(parts))] if parts else []
    if address.comment:
        lines.append(t("courier-delivery-comment", comment=address.comment))
    return lines


def _headline(t: Tr, delivery: DeliveryOut) -> str:
    return t(
        "courier-delivery-headline",
        status=delivery.status.value,
        number=str(delivery.order_number),
        shop=delivery.shop_name,
    )


def _details(t: Tr, delivery: DeliveryOut, zone: ZoneInfo) -> list[str]:
    """Where from, what, where to (a link to the map), by when, whom to call, what it pays."""
    lines = [
        t("courier-delivery-pickup", address=delivery.pickup_address),
        t("courier-delivery-items", count=delivery.item_count),
        t(
            "courier-delivery-dropoff",
            address=delivery.dropoff_address,
            url=map_url(delivery.dropoff_point),
        ),
        *_door(t, delivery.dropoff),
        t("courier-delivery-promised", at=clock(delivery.promised_at, zone)),
    ]
    if delivery.customer_phone:
        lines.append(t("courier-delivery-phone", phone=delivery.customer_phone))
    if delivery.earning is not None:
        lines.append(t("courier-delivery-earning", amount=delivery.earning.format()))
    return lines


def _state(t: Tr, delivery: DeliveryOut, zone: ZoneInfo) -> list[str]:
    """What the courier should know about the delivery's state beyond the headline."""
    status = delivery.status
    if status is DeliveryStatus.DELIVERED and delivery.earning is not None:
        return [t("courier-delivery-done", amount=delivery.earning.format())]
    lines = []
    if status is DeliveryStatus.AWAITING_CUSTOMER and delivery.wait_until is not None:
        lines.append(t("courier-delivery-waiting", until=clock(delivery.wait_until, zone)))
    if status in HANDING_OVER and delivery.handover_locked:
        lines.append(t("courier-handover-locked"))
    return lines


def card(t: Tr, delivery: DeliveryOut, zone: ZoneInfo, *, note: str | None = None) -> Screen:
    """A delivery as its courier sees it, with the buttons of its next step; ``note``: what
    just happened, above it all."""
    lines = [_headline(t, delivery), *_state(t, delivery, zone), *_details(t, delivery, zone)]
    if note is not None:
        lines = [note, "", *lines]
    rows = _buttons(t, delivery)
    return Screen("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


def code_prompt(
    t: Tr, delivery: DeliveryOut, zone: ZoneInfo, *, problem: str | None = None
) -> Screen:
    """Ask for the customer's 4-digit code; ``problem``: what went wrong with the last one."""
    lines = [t("courier-handover-prompt")]
    if problem is not None:
        lines.append(problem)
    lines += ["", _headline(t, delivery), *_details(t, delivery, zone)]
    back = _button(plain(t, "courier-handover-btn-back"), _press(DeliveryAction.SHOW, delivery))
    return Screen("\n".join(lines), InlineKeyboardMarkup(inline_keyboard=[[back]]))


def no_deliveries(t: Tr) -> Screen:
    """Nothing assigned right now."""
    return Screen(t("courier-deliveries-none"))
