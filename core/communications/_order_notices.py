"""What orders tell people: the customer's live status message, the shop's new-order alerts and
substitute proposals. Registered by ``subscribers``.

Each is a thread (``api.notify(thread=...)``): the first message is sent, later ones edit it.
The live status message and the alerts show the order as it is when the event is handled, not
as the event saw it, so a late event never shows an old state: the customer's sequence is the
number of steps in the order's history, an alert's is new (1), accepted (2), canceled (3).
Buttons carry the callback data the bots handle (``cord:``, ``ord:``, ``csub:`` with the id's 32
hex digits, as aiogram packs a UUID) and name their text by locale key.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from core.auth.api import get_user, load_actor, shop_staff_ids
from core.auth.policy import Role
from core.business.api import get_shop
from core.business.schemas import ShopOut
from core.catalog.schemas import Unit
from core.communications import _threads
from core.communications._amounts import amount, clock_time, day, money
from core.communications.api import ParamValue, Scalar, notify
from core.orders.api import allowed_targets, get_order, order_history
from core.orders.events import (
    OrderAccepted,
    OrderAssemblyStarted,
    OrderAwaitingPayment,
    OrderCanceled,
    OrderCompleted,
    OrderCourierAssigned,
    OrderDelivered,
    OrderDeliveryFailed,
    OrderPickedUp,
    OrderPlaced,
    OrderReady,
    SubstituteAnswered,
    SubstituteProposed,
)
from core.orders.schemas import (
    FINAL_STATUSES,
    DeliveryKind,
    HistoryEntry,
    LineStatus,
    OrderLineOut,
    OrderOut,
    OrderStatus,
    Party,
)
from core.shared.config import BotRole
from core.shared.events import Event, subscriber
from core.shared.uow import Transaction

S = OrderStatus
# Who hears of a new order: everyone who may accept it or assemble it.
ORDER_TAKERS = (Role.OWNER, Role.MANAGER, Role.PICKER)
BOARD_PATH = "/app/seller/orders"

_STATUS_EVENTS = (
    OrderAwaitingPayment,
    OrderPlaced,
    OrderAccepted,
    OrderAssemblyStarted,
    OrderReady,
    OrderCourierAssigned,
    OrderPickedUp,
    OrderDelivered,
    OrderDeliveryFailed,
    OrderCompleted,
    OrderCanceled,
)
_ALERT_EVENTS = (OrderPlaced, OrderAccepted, OrderCanceled)
# Until delivery the customer sees when to expect it.
_ON_THE_WAY = frozenset(
    {
        S.PENDING_PAYMENT,
        S.PLACED,
        S.ACCEPTED,
        S.ASSEMBLING,
        S.READY,
        S.COURIER_ASSIGNED,
        S.PICKED_UP,
    }
)
_REORDERABLE = FINAL_STATUSES | {S.DELIVERED}


def status_thread(order_id: UUID) -> str:
    """The customer's live status message of an order."""
    return f"order:{order_id}:status"


def shop_thread(order_id: UUID) -> str:
    """An alert about an order to one of its shop's staff."""
    return f"order:{order_id}:shop"


def substitute_thread(order_id: UUID, line_id: UUID) -> str:
    """A substitute proposal to the customer."""
    return f"order:{order_id}:sub:{line_id}"


def _key(event: Event, what: str) -> str:
    return f"{event.event_id}:communications.{what}"


async def _order(tx: Transaction, customer_id: int, order_id: UUID) -> OrderOut:
    # The customer may read their own order: ask with their authority, not a back door.
    return await get_order(tx.db, await load_actor(tx.db, customer_id), order_id)


async def _history(tx: Transaction, order: OrderOut) -> list[HistoryEntry]:
    return await order_history(tx.db, await load_actor(tx.db, order.customer_id), order.id)


# -- the customer's live status message ----------------------------------------------------------


async def order_status(tx: Transaction, event: Event) -> None:
    """Show the customer in the customer bot where their order is now, editing one message."""
    assert isinstance(event, _STATUS_EVENTS)
    order = await _order(tx, event.customer_id, event.order_id)
    shop = await get_shop(tx.db, order.shop_id)
    steps = len(await _history(tx, order))
    await notify(
        tx.db,
        order.customer_id,
        BotRole.CUSTOMER,
        "notification-order-status",
        status_params(order, shop),
        _key(event, "order_status"),
        reply_markup=_customer_buttons(order),
        thread=status_thread(order.id),
        sequence=steps,
    )


for _event_cls in _STATUS_EVENTS:
    subscriber(_event_cls, name="communications.order_status")(order_status)


def status_params(order: OrderOut, shop: ShopOut) -> dict[str, ParamValue]:
    """The live status message's params: number, shop, status, and the sections that apply."""
    canceled = order.status is S.CANCELED
    weighed = order.final_total is not None and not canceled
    params: dict[str, ParamValue] = {
        "number": str(order.number),
        "shop": shop.name,
        "status": order.status.value,
        "eta": [_eta(order, shop)] if order.status in _ON_THE_WAY else [],
        "payby": (
            [{"at": clock_time(order.payment_deadline, shop.timezone)}]
            if order.status is S.PENDING_PAYMENT and order.payment_deadline is not None
            else []
        ),
        "amount": (
            []
            if weighed or canceled
            else [{"kind": "estimate" if order.estimated else "exact", "total": money(order.total)}]
        ),
        "lines": receipt_lines(order) if weighed else [],
        "receipt": [_receipt(order)] if weighed else [],
        "canceled": (
            [
                {
                    "party": (order.canceled_by or Party.SYSTEM).value,
                    "reason": order.cancel_reason.value if order.cancel_reason else "other",
                }
            ]
            if canceled
            else []
        ),
        "note": [{"text": order.cancel_note}] if canceled and order.cancel_note else [],
    }
    return params


def _eta(order: OrderOut, shop: ShopOut) -> dict[str, Scalar]:
    if order.delivery_kind is DeliveryKind.SLOT and order.slot is not None:
        return {
            "kind": "slot",
            "day": day(order.slot.start, shop.timezone),
            "start": clock_time(order.slot.start, shop.timezone),
            "end": clock_time(order.slot.end, shop.timezone),
        }
    return {"kind": "asap", "at": clock_time(order.promised_at, shop.timezone)}


def _line_amounts(line: OrderLineOut, quantity: int, name: str) -> dict[str, Scalar]:
    return amount(quantity, line.unit, name)


def receipt_lines(order: OrderOut) -> list[dict[str, Scalar]]:
    """The weighed order line by line: what was picked at what price, what stood in for what,
    what was missing."""
    names = {line.id: line for line in order.lines}
    items: list[dict[str, Scalar]] = []
    for line in order.lines:
        base: dict[str, Scalar] = {"name_ru": line.name_ru, "name_en": line.name_en}
        if line.replaces_line_id is None and line.status is LineStatus.PICKED:
            actual = line.quantity_actual if line.quantity_actual is not None else line.quantity
            items.append(
                {
                    **base,
                    "kind": "picked",
                    **_line_amounts(line, actual, "qty"),
                    **_line_amounts(line, line.quantity, "planned"),
                    "changed": "yes" if actual != line.quantity else "no",
                    "price": money(line.price),
                    "per": "kg" if line.unit is Unit.WEIGHT else "pcs",
                    "total": money(line.final_total or line.total),
                }
            )
        elif line.replaces_line_id is None and line.status in (
            LineStatus.MISSING,
            LineStatus.REMOVED,
        ):
            items.append({**base, "kind": "missing"})
        elif line.replaces_line_id is not None and line.status is LineStatus.PICKED:
            replaced = names.get(line.replaces_line_id)
            actual = line.quantity_actual if line.quantity_actual is not None else line.quantity
            items.append(
                {
                    **base,
                    "kind": "substitute",
                    **_line_amounts(line, actual, "qty"),
                    "price": money(line.price),
                    "per": "kg" if line.unit is Unit.WEIGHT else "pcs",
                    "total": money(line.final_total or line.total),
                    "was_ru": replaced.name_ru if replaced else "",
                    "was_en": replaced.name_en if replaced else "",
                }
            )
        # A substituted original shows as its substitute; a declined substitute not at all.
    return items


def _receipt(order: OrderOut) -> dict[str, Scalar]:
    assert order.final_total is not None
    assert order.final_subtotal is not None
    difference = order.final_total - order.total
    kind = "less" if difference.minor < 0 else "more" if difference.minor > 0 else "same"
    return {
        "subtotal": money(order.final_subtotal),
        "delivery": money(order.delivery_fee),
        "total": money(order.final_total),
        "estimate": money(order.total),
        "diff_kind": kind,
        "diff": money(-difference if difference.minor < 0 else difference),
    }


def _callback(prefix: str, action: str, target: UUID) -> str:
    # aiogram packs a UUID field as its hex: the bots' CallbackData classes read these back.
    return f"{prefix}:{action}:{target.hex}"


def _customer_buttons(order: OrderOut) -> dict[str, Any]:
    rows: list[list[dict[str, str]]] = []
    if customer_may_cancel(order.status):
        rows.append(
            [
                {
                    "text_key": "notification-order-btn-cancel",
                    "callback_data": _callback("cord", "cancel", order.id),
                }
            ]
        )
    last = [
        {
            "text_key": "notification-order-btn-details",
            "callback_data": _callback("cord", "show", order.id),
        }
    ]
    if order.status in _REORDERABLE:
        last.append(
            {
                "text_key": "notification-order-btn-reorder",
                "callback_data": _callback("cord", "reorder", order.id),
            }
        )
    rows.append(last)
    return {"inline_keyboard": rows}


def customer_may_cancel(status: OrderStatus) -> bool:
    """Whether the transition table lets the customer cancel an order in ``status``."""
    return Party.CUSTOMER in allowed_targets(status).get(S.CANCELED, frozenset())


# -- the shop's alerts -------------------------------------------------------------------------


async def order_shop_alert(tx: Transaction, event: Event) -> None:
    """Tell the shop's owners, managers and pickers in the seller bot of a new order, then edit
    those alerts when someone accepts it or it is canceled."""
    assert isinstance(event, _ALERT_EVENTS)
    order = await _order(tx, event.customer_id, event.order_id)
    thread = shop_thread(order.id)
    if isinstance(event, OrderPlaced):
        recipients = await shop_staff_ids(tx.db, order.shop_id, ORDER_TAKERS)
    else:
        # Only those who were told of the order hear what became of it.
        recipients = await _threads.members(tx, BotRole.SELLER, thread)
    if not recipients:
        return
    shop = await get_shop(tx.db, order.shop_id)
    params, sequence, buttons = await _alert(tx, order, shop)
    for recipient in recipients:
        await notify(
            tx.db,
            recipient,
            BotRole.SELLER,
            "notification-order-shop",
            params,
            _key(event, f"order_shop:{recipient}"),
            reply_markup=buttons,
            thread=thread,
            sequence=sequence,
        )


for _event_cls in _ALERT_EVENTS:
    subscriber(_event_cls, name="communications.order_shop_alert")(order_shop_alert)


async def _alert(
    tx: Transaction, order: OrderOut, shop: ShopOut
) -> tuple[dict[str, ParamValue], int, dict[str, Any] | None]:
    params: dict[str, ParamValue] = {
        "number": str(order.number),
        "shop": shop.name,
        "lines": [_planned(line) for line in order.lines if line.replaces_line_id is None],
        "approx": "yes" if order.estimated else "no",
        "total": money(order.total),
        "delivery": money(order.delivery_fee),
        "eta": [_eta(order, shop)],
        "payment": order.payment_method.value,
        "comment": [{"text": order.comment}] if order.comment else [],
        "by": [],
        "canceled": [],
    }
    if order.status is S.PLACED:
        params["state"] = "new"
        board = f"{BOARD_PATH}?shop={order.shop_id}&order={order.id}"
        buttons = {
            "inline_keyboard": [
                [
                    {
                        "text_key": "notification-order-btn-accept",
                        "callback_data": _callback("ord", "accept", order.id),
                    },
                    {
                        "text_key": "notification-order-btn-reject",
                        "callback_data": _callback("ord", "reject", order.id),
                    },
                ],
                [{"text_key": "notification-order-btn-board", "web_app": {"url": board}}],
            ]
        }
        return params, 1, buttons
    if order.status is S.CANCELED:
        params["state"] = "canceled"
        params["canceled"] = [
            {
                "party": (order.canceled_by or Party.SYSTEM).value,
                "reason": order.cancel_reason.value if order.cancel_reason else "other",
            }
        ]
        return params, 3, None
    params["state"] = "accepted"
    params["by"] = await _accepted_by(tx, order)
    return params, 2, None


async def _accepted_by(tx: Transaction, order: OrderOut) -> list[dict[str, Scalar]]:
    for entry in await _history(tx, order):
        if entry.to_status is S.ACCEPTED and entry.actor_id is not None:
            user = await get_user(tx.db, entry.actor_id)
            return [{"name": user.first_name if user is not None else str(entry.actor_id)}]
    return []


def _planned(line: OrderLineOut) -> dict[str, Scalar]:
    return {
        "name_ru": line.name_ru,
        "name_en": line.name_en,
        **_line_amounts(line, line.quantity, "qty"),
        "total": money(line.total),
        "approx": "yes" if line.unit is Unit.WEIGHT else "no",
    }


# -- substitutes -------------------------------------------------------------------------------


@subscriber(SubstituteProposed, name="communications.substitute_proposed")
async def substitute_proposed(tx: Transaction, event: SubstituteProposed) -> None:
    """Ask the customer in the customer bot whether the proposed substitute will do."""
    order = await _order(tx, event.customer_id, event.order_id)
    shop = await get_shop(tx.db, order.shop_id)
    params = _substitute(order, shop, event.line_id)
    if params is None:
        return
    buttons = {
        "inline_keyboard": [
            [
                {
                    "text_key": "notification-order-btn-sub-yes",
                    "callback_data": _callback("csub", "yes", event.line_id),
                },
                {
                    "text_key": "notification-order-btn-sub-no",
                    "callback_data": _callback("csub", "no", event.line_id),
                },
            ]
        ]
    }
    await notify(
        tx.db,
        order.customer_id,
        BotRole.CUSTOMER,
        "notification-order-substitute",
        {
            **params,
            "state": "proposed",
            "auto": "no",
            "until": clock_time(event.answer_by, shop.timezone),
        },
        _key(event, "substitute_proposed"),
        reply_markup=buttons,
        thread=substitute_thread(order.id, event.line_id),
        sequence=1,
    )


@subscriber(SubstituteAnswered, name="communications.substitute_answered")
async def substitute_answered(tx: Transaction, event: SubstituteAnswered) -> None:
    """Edit the proposal to show what was decided, by the customer or by the clock."""
    order = await _order(tx, event.customer_id, event.order_id)
    shop = await get_shop(tx.db, order.shop_id)
    params = _substitute(order, shop, event.line_id)
    if params is None:
        return
    await notify(
        tx.db,
        order.customer_id,
        BotRole.CUSTOMER,
        "notification-order-substitute",
        {
            **params,
            "state": "accepted" if event.accepted else "declined",
            "auto": "yes" if event.by_preference else "no",
            "until": "",
        },
        _key(event, "substitute_answered"),
        thread=substitute_thread(order.id, event.line_id),
        sequence=2,
    )


def _substitute(order: OrderOut, shop: ShopOut, line_id: UUID) -> dict[str, ParamValue] | None:
    lines = {line.id: line for line in order.lines}
    line = lines.get(line_id)
    if line is None or line.replaces_line_id is None:
        return None
    missing = lines.get(line.replaces_line_id)
    return {
        "number": str(order.number),
        "shop": shop.name,
        "missing_ru": missing.name_ru if missing else "",
        "missing_en": missing.name_en if missing else "",
        "name_ru": line.name_ru,
        "name_en": line.name_en,
        **_line_amounts(line, line.quantity, "qty"),
        "total": money(line.total),
        "approx": "yes" if line.unit is Unit.WEIGHT else "no",
    }
