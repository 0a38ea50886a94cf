"""/orders: my orders, one order in detail, canceling (with a confirmation) and reordering; and the
buttons of the messages core.communications sends about an order: the live status message
(``cord:…``) and a substitute proposal (``csub:…``).

Button data is user input: every order is read through core (which checks who may see it) and,
in this bot, must also be the presser's own; core decides whether it may still be canceled and
whether a proposal may still be answered. The live status message belongs to the sender: its
buttons answer with a new message, and an answered proposal is edited by the sender too.
"""

from __future__ import annotations

from uuid import UUID

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from redis.asyncio import Redis

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import chat_of, plain
from bot.customer import orders_screens as screens
from bot.customer.cart import cart_screen
from bot.customer.catalog_present import Screen, present, send
from bot.customer.orders_callbacks import (
    CustomerOrderPress,
    OrderAct,
    OrdersPage,
    SubstituteAnswer,
    SubstitutePress,
)
from core.auth.policy import Actor
from core.business.api import get_shop
from core.business.schemas import ShopOut
from core.orders.api import (
    allowed_targets,
    answer_substitute,
    cancel_order,
    get_order,
    my_orders,
    order_history,
    order_of_line,
    reorder,
)
from core.orders.errors import (
    LineStateChanged,
    OrderNotFound,
    OrderStateChanged,
    SubstituteAnswerTooLate,
)
from core.orders.schemas import LineStatus, OrderOut, OrderStatus, Party
from core.shared.errors import CoreError
from core.shared.i18n import error_key
from core.shared.uow import Database

_OURS = "^(" + "|".join(k.__prefix__ for k in (CustomerOrderPress, SubstitutePress, OrdersPage))
_OURS += "):"


async def _page(db: Database, t: Tr, actor: Actor, before: UUID | None) -> Screen:
    found = await my_orders(
        db, actor, actor.telegram_id, before=before, limit=screens.PAGE_SIZE + 1
    )
    shown = found[: screens.PAGE_SIZE]
    shops: dict[UUID, ShopOut] = {}
    for order in shown:
        if order.shop_id not in shops:
            shops[order.shop_id] = await get_shop(db, order.shop_id)
    more = len(found) > screens.PAGE_SIZE
    return screens.orders_list(t, shown, shops, first_page=before is None, more=more)


def customer_may_cancel(order: OrderOut) -> bool:
    """Whether the transition table lets the customer cancel the order where it is now."""
    parties = allowed_targets(order.status).get(OrderStatus.CANCELED, frozenset())
    return Party.CUSTOMER in parties


async def _details(db: Database, t: Tr, actor: Actor, order: OrderOut) -> Screen:
    shop = await get_shop(db, order.shop_id)
    history = await order_history(db, actor, order.id)
    return screens.details(
        t, order, shop, history, db.clock.now(), may_cancel=customer_may_cancel(order)
    )


async def _own_order(db: Database, actor: Actor, order_id: UUID) -> OrderOut:
    """The presser's own order; staff and support see orders elsewhere, not in this bot."""
    order = await get_order(db, actor, order_id)
    if order.customer_id != actor.telegram_id:
        raise OrderNotFound(order_id=order_id)
    return order


# -- handlers --------------------------------------------------------------------------------


async def open_orders(
    message: Message,
    bot: Bot,
    db: Database,
    redis: Redis,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    # Opening the orders is leaving whatever dialog was under way.
    await state.clear()
    await send(bot, message.chat.id, await _page(db, t, actor, None), db, redis)


async def on_page(
    callback: CallbackQuery,
    callback_data: OrdersPage,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    await callback.answer()
    await present(callback, bot, await _page(db, t, actor, callback_data.before), db, redis)


async def on_order(
    callback: CallbackQuery,
    callback_data: CustomerOrderPress,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    act = next((a for a in OrderAct if a.value == callback_data.action), None)
    if act is None:
        await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)
        return
    try:
        order = await _own_order(db, actor, callback_data.order)
    except CoreError as error:
        await callback.answer(apology(t, error), show_alert=True)
        return
    screen = await _act(callback, act, db, t, actor, order)
    if screen is None:
        return
    if act in (OrderAct.SHOW, OrderAct.CANCEL, OrderAct.REORDER):
        # From the live status message: it stays as the sender wrote it.
        await send(bot, chat_of(callback), screen, db, redis)
    else:
        await present(callback, bot, screen, db, redis)


async def _act(
    callback: CallbackQuery, act: OrderAct, db: Database, t: Tr, actor: Actor, order: OrderOut
) -> Screen | None:
    """Do what the button says; the screen to show then, if any (the callback is answered)."""
    if act in (OrderAct.CANCEL, OrderAct.STOP):
        if not customer_may_cancel(order):
            await callback.answer(_not_cancelable(t, order), show_alert=True)
            # The live message will say where the order is; an own screen shows it now.
            return None if act is OrderAct.CANCEL else await _details(db, t, actor, order)
        await callback.answer()
        return screens.cancel_confirm(t, order, await get_shop(db, order.shop_id))
    if act is OrderAct.STOP_CONFIRMED:
        if not customer_may_cancel(order):  # a double tap, or the shop moved on meanwhile
            await callback.answer(_not_cancelable(t, order), show_alert=True)
            return await _details(db, t, actor, order)
        try:
            order = await cancel_order(db, actor, order.id)
        except CoreError as error:
            await callback.answer(apology(t, error), show_alert=True)
            return await _details(db, t, actor, await _own_order(db, actor, order.id))
        await callback.answer(plain(t, "customer-orders-canceled-toast", number=str(order.number)))
        return await _details(db, t, actor, order)
    if act in (OrderAct.REORDER, OrderAct.AGAIN):
        try:
            again = await reorder(db, actor, order.id)
        except CoreError as error:
            await callback.answer(apology(t, error), show_alert=True)
            return await _details(db, t, actor, order)
        await callback.answer()
        note = screens.reordered_note(t, order, again.skipped, again.reduced)
        return await cart_screen(db, t, actor, order.shop_id, note)
    await callback.answer()
    return await _details(db, t, actor, order)


def _not_cancelable(t: Tr, order: OrderOut) -> str:
    if order.status is OrderStatus.CANCELED:
        return plain(t, "customer-orders-already-canceled")
    return plain(t, error_key("order_transition_not_allowed"), status=order.status.value)


async def on_substitute(
    callback: CallbackQuery,
    callback_data: SubstitutePress,
    db: Database,
    t: Tr,
    actor: Actor,
) -> None:
    answer = next((a for a in SubstituteAnswer if a.value == callback_data.answer), None)
    if answer is None:
        await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)
        return
    try:
        order = await order_of_line(db, actor, callback_data.line)
        if order.customer_id != actor.telegram_id:
            raise OrderNotFound(order_id=order.id)
    except CoreError as error:
        await callback.answer(apology(t, error), show_alert=True)
        return
    line = next(line for line in order.lines if line.id == callback_data.line)
    if line.status is not LineStatus.PROPOSED or order.status is not OrderStatus.ASSEMBLING:
        await callback.answer(plain(t, "customer-substitute-decided"), show_alert=True)
        return
    accept = answer is SubstituteAnswer.YES
    try:
        await answer_substitute(db, actor, order.id, line.id, accept)
    except (LineStateChanged, OrderStateChanged):
        await callback.answer(plain(t, "customer-substitute-decided"), show_alert=True)
        return
    except SubstituteAnswerTooLate:
        # Core keeps the deadline: past it, the line's preference decides, not a late tap.
        await callback.answer(plain(t, "customer-substitute-late"), show_alert=True)
        return
    except CoreError as error:
        await callback.answer(apology(t, error), show_alert=True)
        return
    # The sender edits the proposal to show the outcome; a toast is all that is needed here.
    key = "customer-substitute-accepted" if accept else "customer-substitute-declined"
    await callback.answer(plain(t, key))


async def on_unreadable(callback: CallbackQuery, t: Tr) -> None:
    # Order data no typed filter could read: forged, or from an older version of the bot.
    await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)


def create_orders_router() -> Router:
    router = Router(name="customer-orders")
    router.message.register(open_orders, Command("orders"))
    router.callback_query.register(on_page, OrdersPage.filter())
    router.callback_query.register(on_order, CustomerOrderPress.filter())
    router.callback_query.register(on_substitute, SubstitutePress.filter())
    router.callback_query.register(on_unreadable, F.data.regexp(_OURS))
    return router
