"""/cart: my carts, then one cart with a stepper per line, accepting what changed, emptying it,
and [Checkout] (bot.customer.checkout) when the cart can be ordered. Buttons are user input: the
offer must exist and belong to the cart's shop, and core checks that the cart is the presser's
own (it is always looked up by the presser's id)."""

from __future__ import annotations

from uuid import UUID

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from redis.asyncio import Redis

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer import cart_screens as screens
from bot.customer.catalog_callbacks import (
    CardStep,
    CartAction,
    CartPress,
    CatalogCard,
    CatalogCategories,
    CatalogItems,
    CatalogShops,
)
from bot.customer.catalog_present import Screen, present, send
from bot.customer.catalog_where import whereabouts
from core.auth.policy import Actor
from core.business.api import get_shop
from core.business.errors import ShopNotFound
from core.orders.api import (
    accept_cart_changes,
    clear_cart,
    get_cart,
    my_carts,
    set_cart_quantity,
    step_cart_quantity,
)
from core.shared.errors import CoreError
from core.shared.uow import Database
from core.storefront.api import get_offer
from core.storefront.errors import OfferNotFound

_STEPS = {CartAction.LESS: -1, CartAction.MORE: 1}
_LINE_ACTIONS = (CartAction.LESS, CartAction.MORE, CartAction.REMOVE)
_PREFIXES = (CatalogShops, CatalogCategories, CatalogItems, CatalogCard, CardStep, CartPress)
_OURS = "^(" + "|".join(kind.__prefix__ for kind in _PREFIXES) + "):"


async def carts_screen(db: Database, t: Tr, actor: Actor) -> Screen:
    """My carts: none, the only one, or a choice of shops."""
    return await _mine(db, t, actor)


async def cart_screen(
    db: Database, t: Tr, actor: Actor, shop_id: UUID, note: str | None = None
) -> Screen:
    """The cart in one shop as /cart shows it, with ``note`` on top."""
    return await _cart(db, t, actor, shop_id, note)


async def _mine(db: Database, t: Tr, actor: Actor) -> Screen:
    carts = await my_carts(db, actor, actor.telegram_id)
    if not carts:
        return screens.empty(t)
    if len(carts) == 1:
        return await _cart(db, t, actor, carts[0].shop.id)
    return screens.mine(t, carts)


async def _cart(
    db: Database, t: Tr, actor: Actor, shop_id: UUID, note: str | None = None
) -> Screen:
    point = (await whereabouts(db, actor)).point
    view = await get_cart(db, actor, actor.telegram_id, shop_id, point=point)
    several = len(await my_carts(db, actor, actor.telegram_id)) > 1
    return screens.cart(t, view, several=several, note=note)


async def open_cart(
    message: Message,
    bot: Bot,
    db: Database,
    redis: Redis,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    # Opening the cart is leaving whatever dialog was under way.
    await state.clear()
    await send(bot, message.chat.id, await _mine(db, t, actor), db, redis)


async def _belongs(db: Database, offer_id: UUID, shop_id: UUID) -> bool:
    try:
        return (await get_offer(db, offer_id)).shop_id == shop_id
    except OfferNotFound:
        return False


async def _change_line(db: Database, actor: Actor, action: CartAction, offer_id: UUID) -> None:
    if action is CartAction.REMOVE:
        await set_cart_quantity(db, actor, actor.telegram_id, offer_id, 0)
    else:
        await step_cart_quantity(db, actor, actor.telegram_id, offer_id, _STEPS[action])


async def on_cart(
    callback: CallbackQuery,
    callback_data: CartPress,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    shop_id = callback_data.shop
    if shop_id is not None:
        try:
            await get_shop(db, shop_id)
        except ShopNotFound:
            shop_id = None  # a forged button: fall back to the carts there are
            await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)
        else:
            await _act(callback, callback_data, bot, db, redis, t, actor, shop_id)
            return
    else:
        await callback.answer()
    await present(callback, bot, await _mine(db, t, actor), db, redis)


async def _act(
    callback: CallbackQuery,
    callback_data: CartPress,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
    shop_id: UUID,
) -> None:
    action = callback_data.action
    if action in _LINE_ACTIONS:
        offer_id = callback_data.offer
        if offer_id is None or not await _belongs(db, offer_id, shop_id):
            # Another shop's offer, or one gone: the cart as it is, nothing changed.
            await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)
        else:
            try:
                await _change_line(db, actor, action, offer_id)
            except CoreError as error:
                await callback.answer(apology(t, error), show_alert=True)
            else:
                await callback.answer()
    elif action is CartAction.ACCEPT:
        await accept_cart_changes(db, actor, actor.telegram_id, shop_id)
        await callback.answer(plain(t, "customer-cart-accepted"))
    elif action is CartAction.CLEAR:
        await callback.answer()
        view = await get_cart(db, actor, actor.telegram_id, shop_id)
        await present(callback, bot, screens.clear_confirm(t, view), db, redis)
        return
    elif action is CartAction.CLEAR_CONFIRMED:
        await clear_cart(db, actor, actor.telegram_id, shop_id)
        await callback.answer()
        await present(callback, bot, await _mine_after_clear(db, t, actor), db, redis)
        return
    else:
        await callback.answer()
    await present(callback, bot, await _cart(db, t, actor, shop_id), db, redis)


async def _mine_after_clear(db: Database, t: Tr, actor: Actor) -> Screen:
    screen = await _mine(db, t, actor)
    return Screen(f"{t('customer-cart-cleared')}\n\n{screen.text}", screen.markup)


async def on_unreadable(callback: CallbackQuery, t: Tr) -> None:
    # A catalog or cart button whose data none of the typed filters could read: forged, or from
    # an older version of the bot. Stop the spinner and say so; nothing changes.
    await callback.answer(plain(t, "customer-catalog-stale"), show_alert=True)


def create_cart_router() -> Router:
    """The cart's handlers; include it after the catalog's, whose buttons its last handler
    answers when they cannot be read."""
    router = Router(name="customer-cart")
    router.message.register(open_cart, Command("cart"))
    router.callback_query.register(on_cart, CartPress.filter())
    router.callback_query.register(on_unreadable, F.data.regexp(_OURS))
    return router
