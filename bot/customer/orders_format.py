"""How orders read in the customer bot: delivery times in the shop's zone ("Сегодня 18:00–19:00"),
order lines planned and actual, totals with "≈" until the goods are weighed. Shared by the
checkout and the order screens; HTML for messages, ``plain`` for buttons."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer.catalog_format import money, per_unit, quantity_text
from core.business.schemas import ShopOut
from core.catalog.schemas import Unit
from core.orders.schemas import (
    DeliverySlot,
    LineStatus,
    OrderLineOut,
    OrderOut,
)

_INDENT = "    "


def local(shop: ShopOut, moment: datetime) -> datetime:
    """``moment`` on the shop's wall clock."""
    return moment.astimezone(ZoneInfo(shop.timezone))


def clock(moment: datetime) -> str:
    """``18:05``."""
    return moment.strftime("%H:%M")


def day_text(t: Tr, shop: ShopOut, moment: datetime, now: datetime) -> str:
    """ "Сегодня", "Завтра" or the date, as the shop's calendar has it."""
    days = (local(shop, moment).date() - local(shop, now).date()).days
    if days == 0:
        return plain(t, "customer-orders-today")
    if days == 1:
        return plain(t, "customer-orders-tomorrow")
    return local(shop, moment).strftime("%d.%m")


def slot_text(t: Tr, shop: ShopOut, slot: DeliverySlot, now: datetime) -> str:
    """``Сегодня 18:00–19:00`` in the shop's time zone (plain text, fit for a button)."""
    return plain(
        t,
        "customer-orders-slot",
        day=day_text(t, shop, slot.start, now),
        start=clock(local(shop, slot.start)),
        end=clock(local(shop, slot.end)),
    )


def moment_text(t: Tr, shop: ShopOut, moment: datetime, now: datetime) -> str:
    """``Сегодня 12:45``: a moment on the shop's wall clock."""
    return f"{day_text(t, shop, moment, now)} {clock(local(shop, moment))}"


def delivery_text(t: Tr, shop: ShopOut, order: OrderOut, now: datetime) -> str:
    """When the order is due: its slot, or "as soon as possible, by about 12:45"."""
    if order.slot is not None:
        return slot_text(t, shop, order.slot, now)
    return plain(t, "customer-orders-asap-by", at=moment_text(t, shop, order.promised_at, now))


def _line_amount(t: Tr, line: OrderLineOut, quantity: int) -> str:
    return quantity_text(t, line.unit, quantity)


def _price(t: Tr, line: OrderLineOut) -> str:
    return f"{money(line.price)}{per_unit(t, line.unit)}"


def order_line(t: Tr, number: int, line: OrderLineOut, lang: str | None) -> list[str]:
    """A line as planned, then what assembly made of it: weighed, missing, removed, replaced."""
    text = t(
        "customer-orders-line",
        number=str(number),
        name=line.name(lang),
        amount=_line_amount(t, line, line.quantity),
        price=_price(t, line),
        total=money(line.total),
    )
    notes: list[str] = []
    status = line.status
    if status is LineStatus.PICKED and line.quantity_actual is not None:
        if line.quantity_actual != line.quantity or line.unit is Unit.WEIGHT:
            notes.append(
                t(
                    "customer-orders-line-actual",
                    amount=_line_amount(t, line, line.quantity_actual),
                    total=money(line.current_total),
                )
            )
    elif status is not LineStatus.PLANNED:
        notes.append(t(f"customer-orders-line-{status.value}"))
    return [text, *(_INDENT + note for note in notes)]


def substitute_line(t: Tr, line: OrderLineOut, lang: str | None) -> str:
    """A substitute, under the line it stands in for."""
    return _INDENT + t(
        f"customer-orders-substitute-{line.status.value}",
        name=line.name(lang),
        amount=_line_amount(t, line, line.quantity),
        total=money(line.total),
    )


def order_lines(t: Tr, order: OrderOut, lang: str | None, limit: int) -> list[str]:
    """The order's own lines, each followed by its substitutes; beyond ``limit`` only counted."""
    substitutes: dict[object, list[OrderLineOut]] = {}
    own: list[OrderLineOut] = []
    for line in order.lines:
        if line.replaces_line_id is None:
            own.append(line)
        else:
            substitutes.setdefault(line.replaces_line_id, []).append(line)
    found: list[str] = []
    for number, line in enumerate(own[:limit], start=1):
        found += order_line(t, number, line, lang)
        found += [substitute_line(t, sub, lang) for sub in substitutes.get(line.id, ())]
    if len(own) > limit:
        found.append(t("customer-orders-more-lines", count=len(own) - limit))
    return found


def estimated(order: OrderOut) -> bool:
    """Whether the total may still change: weighed goods before the order is ready."""
    return order.final_total is None and order.estimated


def total_text(order: OrderOut) -> str:
    """``≈ 716,00 ₽`` until weighed, else the amount."""
    amount = money(order.current_total)
    return f"≈ {amount}" if estimated(order) else amount


def totals(t: Tr, order: OrderOut) -> list[str]:
    """Goods, delivery and the total; "≈ … итог после взвешивания" while it is an estimate."""
    if order.final_subtotal is not None:
        goods = order.final_subtotal
    else:
        goods = order.current_total - order.delivery_fee
    rough = estimated(order)
    return [
        t("customer-orders-goods", total=("≈ " if rough else "") + money(goods)),
        t("customer-orders-delivery-fee", fee=money(order.delivery_fee)),
        t(
            "customer-orders-total-estimated" if rough else "customer-orders-total",
            total=money(order.current_total),
        ),
    ]
