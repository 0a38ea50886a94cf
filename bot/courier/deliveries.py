"""/deliveries, the buttons of delivery offers and delivery cards, and the handover code dialog.

Offers (``dof:…``) and the first card of an assigned delivery are sent by core.communications;
its subscribers edit an offer's message once it is taken, declined or expired, so the offer
handler only answers the button. A card's buttons (``dlv:…``) edit the card they sit on into the
delivery's next step. Hand over asks for the customer's 4-digit code (``HandoverCode``): the
courier types it, the typed message is removed and the card says how it went, so the chat keeps
one message per delivery. Callback data is user input: core checks on every call that the offer
was made to the presser and that the delivery is theirs; a late tap gets an alert, not a crash.
"""

from __future__ import annotations

import re
from contextlib import suppress
from uuid import UUID
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.common.actor import ActorMiddleware
from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import Screen, chat_of, plain
from bot.courier import deliveries_screens as screens
from bot.courier.deliveries_callbacks import (
    DeliveryAction,
    DeliveryOfferPress,
    DeliveryPress,
    OfferAction,
)
from core.auth.errors import PermissionDenied
from core.auth.policy import Actor, Permission, Role
from core.business.api import get_shop
from core.logistics.api import (
    accept_offer,
    confirm_pickup,
    courier_view,
    customer_unreachable,
    decline_offer,
    hand_over,
    my_deliveries,
    return_to_shop,
)
from core.logistics.errors import HandoverCodeWrong
from core.logistics.schemas import DeliveryOut, DeliveryStatus
from core.shared.errors import CoreError
from core.shared.uow import Database

CODE = re.compile(r"\d{4}")
_OURS = "^(" + "|".join(k.__prefix__ for k in (DeliveryOfferPress, DeliveryPress)) + "):"


class HandoverCode(StatesGroup):
    """Waiting for the customer's code; FSM data: ``delivery`` (hex) and ``card`` (message id)."""

    code = State()


async def _own(db: Database, actor: Actor, delivery_id: UUID) -> DeliveryOut:
    """The presser's own delivery; support and couriers merely offered it see it elsewhere."""
    delivery = await courier_view(db, actor, delivery_id)
    if delivery.courier_id != actor.telegram_id:
        raise PermissionDenied(
            "this delivery is not this account's", permission=Permission.HANDLE_DELIVERY.value
        )
    return delivery


async def _zone(db: Database, delivery: DeliveryOut) -> ZoneInfo:
    """The shop's time zone: promised times read as the shop's clock says them."""
    return ZoneInfo((await get_shop(db, delivery.shop_id)).timezone)


async def _card(db: Database, t: Tr, delivery: DeliveryOut, *, note: str | None = None) -> Screen:
    return screens.card(t, delivery, await _zone(db, delivery), note=note)


async def _edit(bot: Bot, chat_id: int, message_id: int | None, screen: Screen) -> None:
    """Show ``screen`` in the message ``message_id``; a new message if it cannot be edited."""
    if message_id is not None:
        try:
            await bot.edit_message_text(
                screen.text, chat_id=chat_id, message_id=message_id, reply_markup=screen.markup
            )
            return
        except TelegramBadRequest as exc:
            if "message is not modified" in str(exc):
                return  # a double tap: the card already says this
    await bot.send_message(chat_id, screen.text, reply_markup=screen.markup)


def _message_id(callback: CallbackQuery) -> int | None:
    # A message too old for Telegram to include cannot be edited: the screen goes out anew.
    return callback.message.message_id if isinstance(callback.message, Message) else None


async def _present(callback: CallbackQuery, bot: Bot, screen: Screen) -> None:
    await _edit(bot, chat_of(callback), _message_id(callback), screen)


# -- /deliveries -------------------------------------------------------------------------------


async def open_deliveries(
    message: Message, bot: Bot, db: Database, state: FSMContext, t: Tr, actor: Actor
) -> None:
    """One card per active delivery, each its own message with its own buttons."""
    if not actor.has(Role.COURIER):
        await message.answer(t("courier-deliveries-couriers-only"))
        return
    if await state.get_state() == HandoverCode.code.state:
        await state.clear()  # the cards below offer Hand over again
    found = await my_deliveries(db, actor)
    if not found:
        screen = screens.no_deliveries(t)
        await message.answer(screen.text)
        return
    for delivery in found:
        screen = await _card(db, t, delivery)
        await bot.send_message(message.chat.id, screen.text, reply_markup=screen.markup)


# -- offers --------------------------------------------------------------------------------------


async def on_offer(
    callback: CallbackQuery, callback_data: DeliveryOfferPress, db: Database, t: Tr, actor: Actor
) -> None:
    action = next((a for a in OfferAction if a.value == callback_data.action), None)
    if action is None:
        await callback.answer(plain(t, "courier-delivery-stale"), show_alert=True)
        return
    try:
        if action is OfferAction.ACCEPT:
            delivery = await accept_offer(db, actor, callback_data.offer)
        else:
            await decline_offer(db, actor, callback_data.offer)
    except CoreError as error:
        # Expired, taken by someone else or already answered: the message will say so too.
        await callback.answer(apology(t, error), show_alert=True)
        return
    if action is OfferAction.ACCEPT:
        await callback.answer(plain(t, "courier-offer-accepted", number=str(delivery.order_number)))
    else:
        await callback.answer(plain(t, "courier-offer-declined"))


# -- a delivery's card -------------------------------------------------------------------------


async def on_delivery(
    callback: CallbackQuery,
    callback_data: DeliveryPress,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    action = next((a for a in DeliveryAction if a.value == callback_data.action), None)
    if action is None:
        await callback.answer(plain(t, "courier-delivery-stale"), show_alert=True)
        return
    delivery_id = callback_data.delivery
    try:
        delivery = await _own(db, actor, delivery_id)
    except CoreError as error:
        await callback.answer(apology(t, error), show_alert=True)
        return
    await _leave_code_dialog(state, delivery_id)
    if action is DeliveryAction.SHOW:
        await callback.answer()
        await _present(callback, bot, await _card(db, t, delivery))
        return
    if action is DeliveryAction.HANDOVER:
        await _ask_code(callback, bot, db, state, t, delivery)
        return
    if action is DeliveryAction.RETURN and _too_early_to_return(db, delivery):
        assert delivery.wait_until is not None
        left = screens.minutes_left(delivery.wait_until, db.clock.now())
        await callback.answer(plain(t, "courier-return-too-early", minutes=left), show_alert=True)
        return
    try:
        delivery, toast = await _step(db, t, actor, action, delivery_id)
    except CoreError as error:
        await callback.answer(apology(t, error), show_alert=True)
        # Someone moved the delivery on (support, a timer): show where it is now.
        with suppress(CoreError):
            delivery = await courier_view(db, actor, delivery_id)
        await _present(callback, bot, await _card(db, t, delivery))
        return
    await callback.answer(toast)
    await _present(callback, bot, await _card(db, t, delivery))


def _too_early_to_return(db: Database, delivery: DeliveryOut) -> bool:
    return (
        delivery.status is DeliveryStatus.AWAITING_CUSTOMER
        and delivery.wait_until is not None
        and db.clock.now() < delivery.wait_until
    )


async def _step(
    db: Database, t: Tr, actor: Actor, action: DeliveryAction, delivery_id: UUID
) -> tuple[DeliveryOut, str]:
    """Do what the button says; the delivery then and the toast to answer with."""
    if action is DeliveryAction.PICKUP:
        done = await confirm_pickup(db, actor, delivery_id)
        return done, plain(t, "courier-picked-up")
    if action is DeliveryAction.UNREACHABLE:
        done = await customer_unreachable(db, actor, delivery_id)
        until = done.wait_until or db.clock.now()
        return done, plain(
            t, "courier-waiting-started", until=screens.clock(until, await _zone(db, done))
        )
    done = await return_to_shop(db, actor, delivery_id)
    return done, plain(t, "courier-returned")


# -- the handover code -------------------------------------------------------------------------


async def _leave_code_dialog(state: FSMContext, delivery_id: UUID) -> None:
    """Any other button of the delivery being handed over ends the code dialog."""
    if await state.get_state() != HandoverCode.code.state:
        return
    if (await state.get_data()).get("delivery") == delivery_id.hex:
        await state.clear()


async def _ask_code(
    callback: CallbackQuery,
    bot: Bot,
    db: Database,
    state: FSMContext,
    t: Tr,
    delivery: DeliveryOut,
) -> None:
    if delivery.status not in screens.HANDING_OVER:
        await callback.answer(plain(t, "courier-handover-not-now"), show_alert=True)
        await _present(callback, bot, await _card(db, t, delivery))
        return
    await callback.answer()
    await state.set_state(HandoverCode.code)
    await state.set_data({"delivery": delivery.id.hex, "card": _message_id(callback)})
    zone = await _zone(db, delivery)
    await _present(callback, bot, screens.code_prompt(t, delivery, zone))


async def on_code(
    message: Message, bot: Bot, db: Database, state: FSMContext, t: Tr, actor: Actor
) -> None:
    data = await state.get_data()
    delivery_id = UUID(hex=str(data.get("delivery")))
    card_id = data.get("card")
    card_id = card_id if isinstance(card_id, int) else None
    typed = (message.text or "").strip()
    # The card above says how it went: the typed code need not stay in the chat.
    with suppress(TelegramBadRequest):
        await message.delete()
    try:
        if CODE.fullmatch(typed) is None:
            delivery = await _own(db, actor, delivery_id)
            problem = t("courier-handover-not-a-code")
            screen = screens.code_prompt(t, delivery, await _zone(db, delivery), problem=problem)
        else:
            screen = await _hand_over(db, state, t, actor, delivery_id, typed)
    except CoreError as error:
        # Locked after too many wrong codes, taken away by support, canceled: the card tells.
        await state.clear()
        with suppress(CoreError):
            delivery = await _own(db, actor, delivery_id)
            screen = await _card(db, t, delivery, note=apology(t, error))
            await _edit(bot, message.chat.id, card_id, screen)
            return
        await message.answer(apology(t, error))
        return
    await _edit(bot, message.chat.id, card_id, screen)


async def _hand_over(
    db: Database, state: FSMContext, t: Tr, actor: Actor, delivery_id: UUID, code: str
) -> Screen:
    try:
        done = await hand_over(db, actor, delivery_id, code)
    except HandoverCodeWrong as error:
        delivery = await courier_view(db, actor, delivery_id)
        left = error.params.get("attempts_left", 0)
        problem = t("courier-handover-wrong", left=left)
        return screens.code_prompt(t, delivery, await _zone(db, delivery), problem=problem)
    await state.clear()
    return await _card(db, t, done)


async def on_unreadable(callback: CallbackQuery, t: Tr) -> None:
    # Delivery data no typed filter could read: forged, or from an older version of the bot.
    await callback.answer(plain(t, "courier-delivery-stale"), show_alert=True)


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def create_deliveries_router() -> Router:
    router = Router(name="courier-deliveries")
    router.message.middleware(ActorMiddleware())
    router.callback_query.middleware(ActorMiddleware())
    router.message.register(open_deliveries, Command("deliveries"))
    # A command typed during the dialog goes on to its own handler; the dialog waits.
    router.message.register(on_code, HandoverCode.code, F.text, _not_a_command)
    router.callback_query.register(on_offer, DeliveryOfferPress.filter())
    router.callback_query.register(on_delivery, DeliveryPress.filter())
    router.callback_query.register(on_unreadable, F.data.regexp(_OURS))
    return router
