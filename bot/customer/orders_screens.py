"""The customer's order screens: my orders (a page, newest first), one order in detail (lines
planned and actual, totals, a short status history, cancel and reorder), the confirmation before
canceling. Built from what core returned; nothing here reads the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from uuid import UUID

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer.catalog_callbacks import CatalogShops
from bot.customer.catalog_present import Screen
from bot.customer.orders_callbacks import CustomerOrderPress, OrderAct, OrdersPage
from bot.customer.orders_format import (
    clock,
    delivery_text,
    local,
    moment_text,
    order_lines,
    total_text,
    totals,
)
from core.business.schemas import ShopOut
from core.orders.schemas import CancelReason, HistoryEntry, OrderOut, OrderStatus

PAGE_SIZE = 5
SHOWN_LINES = 25
SHOWN_HISTORY = 6
Row = list[InlineKeyboardButton]


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _markup(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _press(action: OrderAct, order: OrderOut) -> CustomerOrderPress:
    return CustomerOrderPress(action=action.value, order=order.id)


def status_text(t: Tr, status: OrderStatus) -> str:
    """An order status in words."""
    return plain(t, f"order-status-{status.value}")


def _shop_name(shops: Mapping[UUID, ShopOut], order: OrderOut) -> str:
    shop = shops.get(order.shop_id)
    return shop.name if shop is not None else "—"


def _date(shops: Mapping[UUID, ShopOut], order: OrderOut) -> str:
    shop = shops.get(order.shop_id)
    moment = local(shop, order.created_at) if shop is not None else order.created_at
    return moment.strftime("%d.%m.%Y")


def orders_list(
    t: Tr,
    orders: Sequence[OrderOut],
    shops: Mapping[UUID, ShopOut],
    *,
    first_page: bool,
    more: bool,
) -> Screen:
    """A page of orders: number, shop, date, status and total; a button to open each."""
    if not orders:
        text = t("customer-orders-none") if first_page else t("customer-orders-no-more")
        back = [] if first_page else [_button(plain(t, "customer-btn-orders-first"), OrdersPage())]
        catalog = [_button(plain(t, "customer-btn-catalog"), CatalogShops())]
        return Screen(text, _markup([catalog, back]))
    lines = [t("customer-orders-title"), ""]
    rows: list[Row] = []
    for order in orders:
        lines.append(
            t(
                "customer-orders-item",
                number=str(order.number),
                shop=_shop_name(shops, order),
                date=_date(shops, order),
                status=status_text(t, order.status),
                total=total_text(order),
            )
        )
        rows.append(
            [
                _button(
                    plain(
                        t,
                        "customer-btn-orders-item",
                        number=str(order.number),
                        status=status_text(t, order.status),
                        total=total_text(order),
                    ),
                    _press(OrderAct.OPEN, order),
                )
            ]
        )
    paging: Row = []
    if not first_page:
        paging.append(_button(plain(t, "customer-btn-orders-first"), OrdersPage()))
    if more:
        paging.append(
            _button(plain(t, "customer-btn-orders-more"), OrdersPage(before=orders[-1].id))
        )
    rows.append(paging)
    return Screen("\n".join(lines), _markup(rows))


def _history(t: Tr, shop: ShopOut, history: Sequence[HistoryEntry], now: datetime) -> list[str]:
    """The last steps, oldest first; a step on the same day as the one before shows its time."""
    steps: list[str] = []
    day = None
    for entry in history[-SHOWN_HISTORY:]:
        same_day = local(shop, entry.at).date() == day
        day = local(shop, entry.at).date()
        at = clock(local(shop, entry.at)) if same_day else moment_text(t, shop, entry.at, now)
        steps.append(
            plain(t, "customer-orders-history-step", at=at, status=status_text(t, entry.to_status))
        )
    return [t("customer-orders-history", steps=" → ".join(steps))] if steps else []


def _canceled(t: Tr, order: OrderOut) -> list[str]:
    if order.status is not OrderStatus.CANCELED:
        return []
    reason = order.cancel_reason or CancelReason.OTHER
    party = order.canceled_by.value if order.canceled_by is not None else "system"
    lines = [
        t(
            "customer-orders-canceled-by",
            party=plain(t, f"order-party-{party}"),
            reason=plain(t, f"cancel-reason-{reason.value}"),
        )
    ]
    if order.cancel_note:
        lines.append(t("customer-orders-cancel-note", note=order.cancel_note))
    return lines


def details(
    t: Tr,
    order: OrderOut,
    shop: ShopOut,
    history: Sequence[HistoryEntry],
    now: datetime,
    *,
    may_cancel: bool,
) -> Screen:
    """One order: status, when, lines planned and actual, totals, history; cancel, reorder."""
    lines = [
        t("customer-orders-details-title", number=str(order.number), shop=shop.name),
        t("customer-orders-status", status=status_text(t, order.status)),
        t("customer-orders-placed-at", at=moment_text(t, shop, order.created_at, now)),
        t("customer-orders-delivery", when=delivery_text(t, shop, order, now)),
        t("customer-orders-payment", payment=plain(t, f"payment-method-{order.payment_method}")),
        *_canceled(t, order),
        "",
        *order_lines(t, order, t.lang, SHOWN_LINES),
        "",
        *totals(t, order),
    ]
    if order.comment:
        lines.append(t("customer-orders-comment", comment=order.comment))
    history_lines = _history(t, shop, history, now)
    if history_lines:
        lines += ["", *history_lines]
    rows: list[Row] = []
    if may_cancel:
        rows.append([_button(plain(t, "customer-btn-orders-cancel"), _press(OrderAct.STOP, order))])
    rows.append([_button(plain(t, "customer-btn-orders-reorder"), _press(OrderAct.AGAIN, order))])
    rows.append([_button(plain(t, "customer-btn-orders-list"), OrdersPage())])
    return Screen("\n".join(lines), _markup(rows))


def cancel_confirm(t: Tr, order: OrderOut, shop: ShopOut) -> Screen:
    """Ask before canceling: [Yes, cancel] [No, keep it]."""
    return Screen(
        t("customer-orders-cancel-confirm", number=str(order.number), shop=shop.name),
        _markup(
            [
                [
                    _button(
                        plain(t, "customer-btn-orders-cancel-yes"),
                        _press(OrderAct.STOP_CONFIRMED, order),
                    ),
                    _button(plain(t, "customer-btn-orders-keep"), _press(OrderAct.OPEN, order)),
                ]
            ]
        ),
    )


def reordered_note(t: Tr, order: OrderOut, skipped: Sequence[UUID], reduced: Sequence[UUID]) -> str:
    """What the reorder put into the cart, and which old lines could not go in as they were."""
    names = {line.offer_id: line.name(t.lang) for line in order.lines}
    lines = [t("customer-orders-reordered", number=str(order.number))]
    if skipped:
        lines.append(
            t(
                "customer-orders-reorder-skipped",
                names=", ".join(names.get(i, "—") for i in skipped),
            )
        )
    if reduced:
        lines.append(
            t(
                "customer-orders-reorder-reduced",
                names=", ".join(names.get(i, "—") for i in reduced),
            )
        )
    return "\n".join(lines)
