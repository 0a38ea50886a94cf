"""Checkout: a short dialog in one message, from the cart's [Checkout] to "Order №1001 placed".

Steps: address (those in the shop's zone; the default one preselected), when (as soon as
possible with the ETA, or an hourly slot), payment (cash or card to the courier), substitutions
(one preference for the order, per line on request), comment (typed, or none), then the summary
with [Confirm]. The choices live in the FSM (Redis) as a ``Draft``; every button is checked
against it and core checks everything again when the order is placed.

One order for many taps: the idempotency key is made when the summary is first shown, kept in
the draft and carried by [Confirm]. Placing keeps the draft (the dialog's state ends), so a second
tap on [Confirm] places the same form with the same key and core returns the order it made.
Whatever core refuses is told in the person's language and leads back to the cart or the step.
"""

from __future__ import annotations

import dataclasses
from contextlib import suppress
from uuid import UUID

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from redis.asyncio import Redis

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer import checkout_screens as screens
from bot.customer.cart import cart_screen, carts_screen
from bot.customer.cart_screens import can_checkout
from bot.customer.catalog_present import Screen, present
from bot.customer.catalog_where import whereabouts
from bot.customer.checkout_callbacks import CheckoutAction, CheckoutPress, CheckoutStep
from bot.customer.checkout_draft import Checkout, Draft
from bot.customer.orders_format import slot_text
from core.auth.policy import Actor
from core.business.api import accepting_orders, get_shop
from core.business.schemas import ShopOut
from core.customers.api import get_address, list_addresses
from core.customers.schemas import AddressOut
from core.geo.api import zone_contains
from core.geo.schemas import Point
from core.orders.api import delivery_slots, get_cart, place_order, travel_minutes
from core.orders.errors import (
    AddressNotDeliverable,
    AddressWithoutPoint,
    CheckoutInvalid,
    ShopNotAccepting,
    SlotUnavailable,
)
from core.orders.schemas import CartView, SubstitutionPreference
from core.shared.errors import CoreError
from core.shared.i18n import error_key
from core.shared.uow import Database

_DIALOG = (Checkout.choosing.state, Checkout.comment.state)
SUMMARY = CheckoutStep.SUMMARY


# -- reading what the person and the shop have -----------------------------------------------


def point_of(address: AddressOut) -> Point | None:
    """The address's point on the map, if it has one."""
    if address.latitude is None or address.longitude is None:
        return None
    return Point(address.latitude, address.longitude)


def delivers_to(shop: ShopOut, address: AddressOut) -> bool:
    """Whether the address has a point inside the shop's zone."""
    point = point_of(address)
    return point is not None and zone_contains(shop.zone, point)


async def _addresses(
    db: Database, actor: Actor, shop: ShopOut
) -> tuple[list[AddressOut], list[AddressOut]]:
    """The person's addresses the shop delivers to (the default first), and the others."""
    found = await list_addresses(db, actor, actor.telegram_id)
    found.sort(key=lambda address: not address.is_default)
    inside = [address for address in found if delivers_to(shop, address)]
    return inside, [address for address in found if address not in inside]


def _asap_minutes(db: Database, shop: ShopOut, address: AddressOut) -> int | None:
    """Minutes to deliver as soon as possible; None while the shop takes no orders."""
    point = point_of(address)
    if point is None or not accepting_orders(shop, db.clock.now()):
        return None
    return shop.assembly_minutes + travel_minutes(shop.point, point)


async def _cart(db: Database, actor: Actor, shop: ShopOut, address: AddressOut | None) -> CartView:
    point = point_of(address) if address is not None else (await whereabouts(db, actor)).point
    return await get_cart(db, actor, actor.telegram_id, shop.id, point=point)


async def _draft(state: FSMContext) -> Draft | None:
    """The dialog under way; None when there is none."""
    if await state.get_state() not in _DIALOG:
        return None
    return Draft.from_data(await state.get_data())


# -- screens ---------------------------------------------------------------------------------


async def _back_to_cart(
    db: Database, t: Tr, actor: Actor, state: FSMContext, shop_id: UUID, note: str | None
) -> Screen:
    """End the dialog and show the cart (with why)."""
    await state.clear()
    return await cart_screen(db, t, actor, shop_id, note)


async def _step(
    db: Database,
    t: Tr,
    actor: Actor,
    state: FSMContext,
    draft: Draft,
    step: CheckoutStep,
    *,
    page: int = 0,
    problem: str | None = None,
) -> Screen:
    """Show ``step`` of the dialog, saving the draft (the summary gives it its key)."""
    shop = await get_shop(db, draft.shop_id)
    address: AddressOut | None = None
    if draft.address_id is not None and step is not CheckoutStep.ADDRESS:
        try:
            address = await get_address(db, actor, draft.address_id)
        except CoreError:
            # Deleted in the settings meanwhile: choose again.
            draft = dataclasses.replace(draft, address_id=None)
            step = CheckoutStep.ADDRESS
    if step is CheckoutStep.ADDRESS or address is None:
        inside, outside = await _addresses(db, actor, shop)
        current = draft.address_id or next((a.id for a in inside if a.is_default), None)
        screen = screens.address_step(t, shop, inside, outside, current)
    elif step is CheckoutStep.WHEN:
        slots = await delivery_slots(db, shop.id)
        minutes = _asap_minutes(db, shop, address)
        screen = screens.when_step(t, shop, draft, minutes, slots, page, db.clock.now())
    elif step is CheckoutStep.PAYMENT:
        screen = screens.payment_step(t, shop, draft)
    elif step is CheckoutStep.SUBSTITUTION:
        screen = screens.substitution_step(t, shop, draft)
    elif step is CheckoutStep.COMMENT:
        screen = screens.comment_step(t, shop, draft, problem)
    else:
        cart = await _cart(db, actor, shop, address)
        if not can_checkout(cart) or not delivers_to(shop, address):
            # The cart changed meanwhile (prices, stock, the minimum): it shows what.
            note = t("customer-checkout-cart-changed")
            return await _back_to_cart(db, t, actor, state, shop.id, note)
        draft = draft.with_key()
        screen = screens.summary(t, cart, draft, address, _when_text(db, t, shop, draft, address))
    if problem and step is not CheckoutStep.COMMENT:
        screen = Screen(f"{problem}\n\n{screen.text}", screen.markup)
    await state.set_state(Checkout.comment if step is CheckoutStep.COMMENT else Checkout.choosing)
    await state.set_data(draft.to_data())
    return screen


def _when_text(db: Database, t: Tr, shop: ShopOut, draft: Draft, address: AddressOut) -> str:
    if draft.slot is not None:
        return slot_text(t, shop, draft.slot, db.clock.now())
    minutes = _asap_minutes(db, shop, address)
    if minutes is None:
        return plain(t, "customer-checkout-asap")
    return plain(t, "customer-checkout-asap-eta", minutes=str(minutes))


# -- the dialog's buttons --------------------------------------------------------------------


async def _alert(callback: CallbackQuery, text: str) -> None:
    await callback.answer(text, show_alert=True)


async def _start(
    callback: CallbackQuery,
    callback_data: CheckoutPress,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> Screen:
    shop_id = callback_data.ref
    try:
        if shop_id is None:
            raise ValueError("no shop")
        shop = await get_shop(db, shop_id)
        cart = await _cart(db, actor, shop, None)
    except (CoreError, ValueError):
        await _alert(callback, plain(t, "customer-catalog-stale"))
        return await carts_screen(db, t, actor)
    if not can_checkout(cart):
        # The button predates a change: the cart says what stands in the way.
        await _alert(callback, plain(t, "customer-checkout-not-ready"))
        return await cart_screen(db, t, actor, shop.id)
    await callback.answer()
    message_id = callback.message.message_id if callback.message else None
    draft = Draft(shop_id=shop.id, message_id=message_id)
    return await _step(db, t, actor, state, draft, CheckoutStep.ADDRESS)


async def _confirm(
    callback: CallbackQuery,
    callback_data: CheckoutPress,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> Screen | None:
    # Not only while the dialog lasts: a second tap after placing must find the same key.
    draft = Draft.from_data(await state.get_data())
    key = callback_data.ref.hex if callback_data.ref is not None else None
    if draft is None or key is None or draft.key != key or draft.next_step() is not SUMMARY:
        await _alert(callback, plain(t, "customer-checkout-stale"))
        return None if draft is None else await cart_screen(db, t, actor, draft.shop_id)
    try:
        order = await place_order(db, actor, actor.telegram_id, draft.form())
    except (AddressNotDeliverable, AddressWithoutPoint) as error:
        await _alert(callback, apology(t, error))
        changed = dataclasses.replace(draft, address_id=None)
        return await _step(db, t, actor, state, changed, CheckoutStep.ADDRESS)
    except (ShopNotAccepting, SlotUnavailable) as error:
        await _alert(callback, apology(t, error))
        changed = dataclasses.replace(draft, when_chosen=False, slot=None)
        return await _step(db, t, actor, state, changed, CheckoutStep.WHEN)
    except CheckoutInvalid as error:
        await callback.answer()
        comment = CheckoutStep.COMMENT
        return await _step(db, t, actor, state, draft, comment, problem=apology(t, error))
    except CoreError as error:
        # The cart changed, fell below the minimum or emptied: back to it, saying why.
        await callback.answer()
        return await _back_to_cart(db, t, actor, state, draft.shop_id, apology(t, error))
    await callback.answer(plain(t, "customer-checkout-placed-toast", number=str(order.number)))
    # The dialog ends but its draft stays, so a repeated tap meets the same key.
    await state.set_state(None)
    return screens.placed(t, order, await get_shop(db, order.shop_id))


async def _choose(
    callback: CallbackQuery,
    callback_data: CheckoutPress,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
    draft: Draft,
) -> Screen:
    """A choice on one of the steps; the next step still open follows."""
    action = callback_data.action
    shop = await get_shop(db, draft.shop_id)
    changed: Draft | None = None
    page = callback_data.page
    if action is CheckoutAction.ADDRESS:
        changed, problem = await _address_choice(db, t, actor, shop, draft, callback_data.ref)
        if problem is not None:
            await _alert(callback, problem)
            return await _step(db, t, actor, state, draft, CheckoutStep.ADDRESS)
    elif action is CheckoutAction.ASAP:
        if not accepting_orders(shop, db.clock.now()):
            await _alert(callback, plain(t, error_key(ShopNotAccepting.code)))
            return await _step(db, t, actor, state, draft, CheckoutStep.WHEN, page=page)
        changed = dataclasses.replace(draft, when_chosen=True, slot=None)
    elif action is CheckoutAction.SLOTS:
        await callback.answer()
        return await _step(db, t, actor, state, draft, CheckoutStep.WHEN, page=page)
    elif action is CheckoutAction.SLOT:
        slots = await delivery_slots(db, shop.id)
        slot = next((s for s in slots if str(screens.slot_minutes(s)) == callback_data.value), None)
        if slot is None:
            await _alert(callback, plain(t, error_key(SlotUnavailable.code)))
            return await _step(db, t, actor, state, draft, CheckoutStep.WHEN, page=page)
        changed = dataclasses.replace(draft, when_chosen=True, slot=slot)
    elif action is CheckoutAction.PAY:
        method = next((m for m in screens.PAYMENTS if m.value == callback_data.value), None)
        if method is None:
            await _alert(callback, plain(t, "customer-catalog-stale"))
            return await _step(db, t, actor, state, draft, CheckoutStep.PAYMENT)
        changed = dataclasses.replace(draft, payment=method)
    elif action is CheckoutAction.SUBSTITUTE:
        preference = _preference(callback_data.value)
        if preference is None:
            await _alert(callback, plain(t, "customer-catalog-stale"))
            return await _step(db, t, actor, state, draft, CheckoutStep.SUBSTITUTION)
        changed = dataclasses.replace(draft, substitution=preference)
    elif action in (CheckoutAction.LINES, CheckoutAction.LINE):
        return await _lines(callback, callback_data, db, state, t, actor, draft, shop)
    elif action is CheckoutAction.LINES_DONE:
        chosen = draft.substitution or SubstitutionPreference.CALL
        changed = dataclasses.replace(draft, substitution=chosen)
    elif action is CheckoutAction.KEEP_COMMENT:
        changed = dataclasses.replace(draft, comment_done=True)
    elif action is CheckoutAction.NO_COMMENT:
        changed = dataclasses.replace(draft, comment=None, comment_done=True)
    elif action is CheckoutAction.STEP:
        step = next((s for s in CheckoutStep if s.value == callback_data.value), None)
        if step is None or step is CheckoutStep.SUMMARY:
            step = draft.next_step()  # the summary only for a draft with every choice made
        await callback.answer()
        return await _step(db, t, actor, state, draft, step)
    else:  # QUIT
        await callback.answer()
        return await _back_to_cart(db, t, actor, state, draft.shop_id, None)
    await callback.answer()
    assert changed is not None
    return await _step(db, t, actor, state, changed, changed.next_step())


def _preference(value: str) -> SubstitutionPreference | None:
    return next((p for p in SubstitutionPreference if p.value == value), None)


async def _address_choice(
    db: Database, t: Tr, actor: Actor, shop: ShopOut, draft: Draft, address_id: UUID | None
) -> tuple[Draft, str | None]:
    """The draft with the address chosen, or why it cannot be (an alert's text)."""
    address: AddressOut | None = None
    if address_id is not None:
        with suppress(CoreError):  # deleted meanwhile, or not the presser's own
            address = await get_address(db, actor, address_id)
    if address is None or address.customer_id != actor.telegram_id:
        return draft, plain(t, "customer-catalog-stale")
    if point_of(address) is None:
        return draft, plain(t, error_key(AddressWithoutPoint.code))
    if not delivers_to(shop, address):
        return draft, plain(t, error_key(AddressNotDeliverable.code))
    return dataclasses.replace(draft, address_id=address.id), None


async def _lines(
    callback: CallbackQuery,
    callback_data: CheckoutPress,
    db: Database,
    state: FSMContext,
    t: Tr,
    actor: Actor,
    draft: Draft,
    shop: ShopOut,
) -> Screen:
    """The per-line preferences; a line's button moves its preference on to the next one."""
    cart = await get_cart(db, actor, actor.telegram_id, shop.id)
    if callback_data.action is CheckoutAction.LINE:
        offer_id = callback_data.ref
        if offer_id is None or cart.quantity_of(offer_id) == 0:
            await _alert(callback, plain(t, "customer-catalog-stale"))
        else:
            await callback.answer()
            chosen = screens.next_preference(draft.preference(offer_id))
            overrides = dict(draft.overrides)
            if chosen is (draft.substitution or SubstitutionPreference.CALL):
                overrides.pop(offer_id, None)
            else:
                overrides[offer_id] = chosen
            draft = dataclasses.replace(draft, overrides=overrides)
    else:
        await callback.answer()
    await state.set_state(Checkout.choosing)
    await state.set_data(draft.to_data())
    return screens.lines_step(t, shop, draft, cart, callback_data.page)


# -- handlers --------------------------------------------------------------------------------


async def on_checkout(
    callback: CallbackQuery,
    callback_data: CheckoutPress,
    bot: Bot,
    db: Database,
    redis: Redis,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    action = callback_data.action
    screen: Screen | None
    if action is CheckoutAction.START:
        screen = await _start(callback, callback_data, db, state, t, actor)
    elif action is CheckoutAction.CONFIRM:
        screen = await _confirm(callback, callback_data, db, state, t, actor)
    else:
        draft = await _draft(state)
        if draft is None:
            # A button of a dialog that ended (placed, left, or another one begun).
            await _alert(callback, plain(t, "customer-checkout-stale"))
            screen = await carts_screen(db, t, actor)
        else:
            if isinstance(callback.message, Message):
                # The dialog lives on whichever of its messages was pressed last.
                draft = dataclasses.replace(draft, message_id=callback.message.message_id)
            screen = await _choose(callback, callback_data, db, state, t, actor, draft)
    if screen is not None:
        await present(callback, bot, screen, db, redis)


async def on_comment(
    message: Message,
    bot: Bot,
    db: Database,
    redis: Redis,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    draft = await _draft(state)
    if draft is None:
        return
    if not message.text:
        await message.answer(t("customer-checkout-comment-text"))
        return
    draft = dataclasses.replace(draft, comment=message.text.strip() or None, comment_done=True)
    screen = await _step(db, t, actor, state, draft, draft.next_step())
    # The dialog's message is above the comment now: it moves below it, still one message.
    if draft.message_id is not None:
        with suppress(TelegramBadRequest):
            await bot.delete_message(message.chat.id, draft.message_id)
    sent = await bot.send_message(message.chat.id, screen.text, reply_markup=screen.markup)
    kept = Draft.from_data(await state.get_data())
    if kept is not None and await state.get_state() in _DIALOG:
        await state.set_data(dataclasses.replace(kept, message_id=sent.message_id).to_data())


async def on_unreadable(callback: CallbackQuery, t: Tr) -> None:
    # Checkout data no typed filter could read: forged, or from an older version of the bot.
    await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)


def _not_a_command(message: Message) -> bool:
    return message.text is None or not message.text.startswith("/")


def create_checkout_router() -> Router:
    router = Router(name="customer-checkout")
    router.callback_query.register(on_checkout, CheckoutPress.filter())
    router.callback_query.register(on_unreadable, F.data.startswith(f"{CheckoutPress.__prefix__}:"))
    router.message.register(on_comment, Checkout.comment, _not_a_command)
    return router
