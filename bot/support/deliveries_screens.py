"""The support bot's delivery screens: the deliveries that need a person (at risk of being late,
or still looking for a courier), the couriers on shift to choose from for one of them (vehicle,
distance to the shop when their position is known, deliveries in hand), and the outcome of a
manual assignment. Built from what core returned; nothing here reads the database."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import Screen, plain
from core.logistics.schemas import DeliveryOut, DeliveryStatus
from core.workforce.schemas import CourierOut

SHOWN_DELIVERIES = 10
SHOWN_COURIERS = 15
Row = list[InlineKeyboardButton]


class SupportDeliveries(CallbackData, prefix="sdl"):
    """The list of deliveries that need a person, afresh."""

    again: int = 0  # CallbackData needs a field to pack


class SupportPickCourier(CallbackData, prefix="sdc"):
    """The couriers on shift to assign ``delivery`` to."""

    delivery: uuid.UUID


class SupportAssign(CallbackData, prefix="sda"):
    """Assign ``delivery`` to ``courier`` (a Telegram id)."""

    delivery: uuid.UUID
    courier: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A courier on shift as support chooses among them: ``distance_m`` to the shop if known."""

    courier: CourierOut
    distance_m: float | None


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _markup(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _back(t: Tr) -> Row:
    return [_button(plain(t, "support-deliveries-btn-back"), SupportDeliveries())]


def assignable(delivery: DeliveryOut) -> bool:
    """Whether support may give the delivery to a courier by hand: only while it searches."""
    return delivery.status is DeliveryStatus.SEARCHING


def distance_text(t: Tr, metres: float | None) -> str:
    """``350 м`` (to ten metres), ``1,2 км`` (to a hundred), or a mark for "not known"."""
    if metres is None:
        return plain(t, "support-distance-unknown")
    tens = int(round(metres, -1))
    if tens < 1_000:
        return plain(t, "support-distance-m", m=tens)
    km = (Decimal(int(metres)) / 1_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return plain(t, "support-distance-km", km=km)


def _delivery_line(t: Tr, delivery: DeliveryOut, zone: ZoneInfo) -> str:
    return t(
        "support-deliveries-item",
        number=str(delivery.order_number),
        shop=delivery.shop_name,
        status=delivery.status.value,
        risk="yes" if delivery.at_risk else "no",
        at=delivery.promised_at.astimezone(zone).strftime("%H:%M"),
        courier=str(delivery.courier_id or ""),
    )


def deliveries_list(
    t: Tr, deliveries: Sequence[DeliveryOut], zones: Mapping[uuid.UUID, ZoneInfo]
) -> Screen:
    """The deliveries that need a person, the most urgent first; [Assign a courier] for each
    one still searching."""
    refresh = [_button(plain(t, "support-deliveries-btn-refresh"), SupportDeliveries())]
    if not deliveries:
        return Screen(t("support-deliveries-none"), _markup([refresh]))
    shown = deliveries[:SHOWN_DELIVERIES]
    lines = [t("support-deliveries-title", count=len(deliveries)), ""]
    rows: list[Row] = []
    for delivery in shown:
        lines.append(_delivery_line(t, delivery, zones[delivery.shop_id]))
        if assignable(delivery):
            label = plain(t, "support-deliveries-btn-assign", number=str(delivery.order_number))
            rows.append([_button(label, SupportPickCourier(delivery=delivery.id))])
    if len(deliveries) > len(shown):
        lines.append(t("support-deliveries-more", count=len(deliveries) - len(shown)))
    rows.append(refresh)
    return Screen("\n".join(lines), _markup(rows))


def _courier_button(t: Tr, delivery: DeliveryOut, candidate: Candidate) -> InlineKeyboardButton:
    courier = candidate.courier
    label = plain(
        t,
        "support-deliveries-courier",
        name=courier.name,
        vehicle=courier.vehicle.value,
        distance=distance_text(t, candidate.distance_m),
        active=courier.active_deliveries,
        capacity=courier.capacity,
    )
    return _button(label, SupportAssign(delivery=delivery.id, courier=courier.telegram_id))


def rank(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Free couriers before busy ones, the nearest first, the unplaced last, then by name."""
    return sorted(
        candidates,
        key=lambda c: (
            c.courier.free_capacity <= 0,
            c.distance_m is None,
            c.distance_m or 0.0,
            c.courier.name,
        ),
    )


def couriers_list(
    t: Tr, delivery: DeliveryOut, candidates: Sequence[Candidate], zone: ZoneInfo
) -> Screen:
    """Whom to give ``delivery`` to: one button per courier on shift."""
    lines = [
        t("support-couriers-title", number=str(delivery.order_number), shop=delivery.shop_name),
        t("support-couriers-pickup", address=delivery.pickup_address),
        _delivery_line(t, delivery, zone),
        "",
    ]
    if not candidates:
        lines.append(t("support-couriers-none"))
        return Screen("\n".join(lines), _markup([_back(t)]))
    ranked = rank(candidates)
    shown = ranked[:SHOWN_COURIERS]
    lines.append(t("support-couriers-choose"))
    if len(ranked) > len(shown):
        lines.append(t("support-couriers-more", count=len(ranked) - len(shown)))
    rows = [[_courier_button(t, delivery, c)] for c in shown]
    rows.append(_back(t))
    return Screen("\n".join(lines), _markup(rows))


def assigned(t: Tr, delivery: DeliveryOut, courier: CourierOut) -> Screen:
    """The assignment went through."""
    text = t(
        "support-deliveries-assigned",
        number=str(delivery.order_number),
        shop=delivery.shop_name,
        name=courier.name,
    )
    return Screen(text, _markup([_back(t)]))
