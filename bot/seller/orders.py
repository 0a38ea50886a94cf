"""/orders, and the Accept and Reject buttons of the new-order alerts.

/orders answers with a button opening the shop's order board in the Mini App (one per shop for
someone working in several). The alerts are sent by core.communications with ``ord:accept:<order
hex>`` and ``ord:reject:<order hex>`` buttons (``OrderPress``); pressing Accept accepts the order
through core and answers the button. Core's subscriber then edits the alerts of every staff
member (who accepted it), so this handler leaves the message alone. Reject turns the alert's
keyboard into a choice of reasons (``OrderReason``) and a way back; a reason rejects the order.
Callback data is user input: core checks the person's role in the order's shop on every call, and
an order someone else moved first answers with the order's status in an alert, not a crash.
"""

from __future__ import annotations

import uuid
from contextlib import suppress

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    WebAppInfo,
)

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.common.webapp import page_url
from bot.seller.shop import shops_screen
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, allows
from core.business.api import my_shops
from core.orders.api import accept_order, get_order, reject_order
from core.orders.errors import OrderStateChanged
from core.orders.schemas import SHOP_REJECT_REASONS, CancelReason, OrderStatus
from core.shared.config import Settings
from core.shared.errors import CoreError
from core.shared.uow import Database

BOARD_PAGE = "/app/seller/orders"


class OrderAction:
    ACCEPT = "accept"
    REJECT = "reject"
    BACK = "back"  # from the reasons back to Accept / Reject


class OrderPress(CallbackData, prefix="ord"):
    """A new-order alert's button: ``ord:<action>:<order hex>`` (the contract with
    core.communications, which sends them)."""

    action: str
    order: uuid.UUID


class OrderReason(CallbackData, prefix="ordr"):
    """A reason to reject the order, chosen after Reject."""

    order: uuid.UUID
    reason: CancelReason


def board_button(
    t: Tr,
    settings: Settings,
    shop_id: uuid.UUID,
    *,
    order_id: uuid.UUID | None = None,
    text: str | None = None,
) -> InlineKeyboardButton:
    """A button opening the shop's order board (``order_id``: that order highlighted)."""
    query = {"lang": t.lang, "shop": str(shop_id)}
    if order_id is not None:
        query["order"] = str(order_id)
    return InlineKeyboardButton(
        text=text or plain(t, "seller-btn-orders-webapp"),
        web_app=WebAppInfo(url=page_url(settings, BOARD_PAGE, **query)),
    )


def alert_keyboard(
    t: Tr, settings: Settings, order_id: uuid.UUID, shop_id: uuid.UUID
) -> InlineKeyboardMarkup:
    """Accept / Reject and the board, as core.communications' alert had them (its texts)."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=plain(t, "notification-order-btn-accept"),
                    callback_data=OrderPress(action=OrderAction.ACCEPT, order=order_id).pack(),
                ),
                InlineKeyboardButton(
                    text=plain(t, "notification-order-btn-reject"),
                    callback_data=OrderPress(action=OrderAction.REJECT, order=order_id).pack(),
                ),
            ],
            [
                board_button(
                    t,
                    settings,
                    shop_id,
                    order_id=order_id,
                    text=plain(t, "notification-order-btn-board"),
                )
            ],
        ]
    )


def reasons_keyboard(t: Tr, order_id: uuid.UUID) -> InlineKeyboardMarkup:
    """One button per reason, two a row, then the way back."""
    buttons = [
        InlineKeyboardButton(
            text=plain(t, f"cancel-reason-{reason.value}"),
            callback_data=OrderReason(order=order_id, reason=reason).pack(),
        )
        for reason in SHOP_REJECT_REASONS
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(
        [
            InlineKeyboardButton(
                text=plain(t, "seller-order-btn-back"),
                callback_data=OrderPress(action=OrderAction.BACK, order=order_id).pack(),
            )
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _set_keyboard(callback: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    if not isinstance(callback.message, Message):
        return  # too old for Telegram to include: nothing to edit
    # A double tap asks for the keyboard the message already has.
    with suppress(TelegramBadRequest):
        await callback.message.edit_reply_markup(reply_markup=markup)


async def _refuse(callback: CallbackQuery, t: Tr, error: CoreError) -> None:
    await callback.answer(apology(t, error), show_alert=True)


async def open_orders(
    message: Message, t: Tr, db: Database, actor: Actor, settings: Settings
) -> None:
    shops = [
        shop
        for shop in await my_shops(db, actor)
        if allows(actor, Permission.PROCESS_ORDERS, shop_id=shop.id)
    ]
    if not shops:
        text, markup = await shops_screen(db, actor, t, settings, shops=[])
        await message.answer(text, reply_markup=markup)
        return
    if len(shops) == 1:
        keyboard = InlineKeyboardMarkup(inline_keyboard=[[board_button(t, settings, shops[0].id)]])
        await message.answer(t("seller-orders-open", name=shops[0].name), reply_markup=keyboard)
        return
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[board_button(t, settings, shop.id, text=shop.name)] for shop in shops]
    )
    await message.answer(t("seller-orders-choose"), reply_markup=keyboard)


async def on_order_press(
    callback: CallbackQuery,
    callback_data: OrderPress,
    t: Tr,
    db: Database,
    actor: Actor,
    settings: Settings,
) -> None:
    order_id = callback_data.order
    if callback_data.action not in (OrderAction.ACCEPT, OrderAction.REJECT, OrderAction.BACK):
        await callback.answer()  # a button of a newer version of the alert: nothing to do
        return
    try:
        if callback_data.action == OrderAction.ACCEPT:
            await accept_order(db, actor, order_id)
            await callback.answer(t("seller-order-accepted"))
            return
        # Reject and back only redraw the keyboard; they change nothing yet, but the order must
        # still be this person's shop's and still wait for it.
        order = await get_order(db, actor, order_id)
        if not allows(actor, Permission.PROCESS_ORDERS, shop_id=order.shop_id):
            raise PermissionDenied(
                "this account may not process this order", permission="process_orders"
            )
        if order.status is not OrderStatus.PLACED:
            raise OrderStateChanged(status=order.status.value, target=OrderStatus.CANCELED.value)
    except CoreError as error:
        await _refuse(callback, t, error)
        return
    if callback_data.action == OrderAction.REJECT:
        await callback.answer(t("seller-order-choose-reason"))
        await _set_keyboard(callback, reasons_keyboard(t, order_id))
    else:
        await callback.answer()
        await _set_keyboard(callback, alert_keyboard(t, settings, order_id, order.shop_id))


async def on_order_reason(
    callback: CallbackQuery,
    callback_data: OrderReason,
    t: Tr,
    db: Database,
    actor: Actor,
    settings: Settings,
) -> None:
    try:
        order = await reject_order(db, actor, callback_data.order, callback_data.reason)
    except CoreError as error:
        await _refuse(callback, t, error)
        return
    await callback.answer(t("seller-order-rejected"))
    # Core's subscriber rewrites the alert to say the order was canceled; until then the board
    # is the only button that still means something.
    board = board_button(
        t, settings, order.shop_id, order_id=order.id, text=plain(t, "notification-order-btn-board")
    )
    await _set_keyboard(callback, InlineKeyboardMarkup(inline_keyboard=[[board]]))


def create_orders_router() -> Router:
    router = Router(name="seller-orders")
    router.message.register(open_orders, Command("orders"))
    router.callback_query.register(on_order_press, OrderPress.filter())
    router.callback_query.register(on_order_reason, OrderReason.filter())
    return router
