"""/catalog: the shops delivering to the default address, their categories, pages of products
and a product card whose stepper fills the cart. One message, edited in place (see
catalog_present for photos); every button is re-checked against the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from uuid import UUID

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from redis.asyncio import Redis

from bot.common.errors import apology
from bot.common.i18n import Tr
from bot.common.replies import plain
from bot.customer import catalog_screens as screens
from bot.customer.catalog_callbacks import (
    CardStep,
    CatalogCard,
    CatalogCategories,
    CatalogItems,
    CatalogShops,
)
from bot.customer.catalog_format import quantity_text
from bot.customer.catalog_present import Screen, present, send
from bot.customer.catalog_where import (
    categories_with_offers,
    next_open,
    open_shops,
    shop_at,
    whereabouts,
)
from core.auth.policy import Actor
from core.business.schemas import ShopOut
from core.catalog.api import get_category
from core.catalog.errors import CategoryNotFound
from core.catalog.schemas import CategoryOut
from core.geo.schemas import Point
from core.inventory.api import availability
from core.orders.api import get_cart, step_cart_quantity
from core.orders.schemas import CartView
from core.shared.errors import CoreError
from core.shared.uow import Database, Transaction
from core.storefront.api import get_offer, list_offers, product_card
from core.storefront.errors import OfferNotFound
from core.storefront.schemas import OfferView

# A page number is user input: far enough for any real shop, near enough for a cheap offset.
_MAX_PAGE = 1000


async def _cart(db: Database, actor: Actor, shop_id: UUID) -> CartView:
    return await get_cart(db, actor, actor.telegram_id, shop_id)


async def entry(db: Database, t: Tr, actor: Actor) -> Screen:
    """Where /catalog starts: the address, then the shop (or straight into the only one)."""
    where = await whereabouts(db, actor)
    if where.address is None:
        return screens.need_address(t)
    if where.point is None:
        return screens.need_point(t)
    found = await open_shops(db, where.point)
    if not found:
        soonest = await next_open(db, where.point)
        return screens.no_shops(t, where.address, soonest, db.clock.now())
    if len(found) == 1:
        return await _categories(db, t, actor, where.point, found[0], None)
    return screens.shops(t, where.address, found)


async def _categories(
    db: Database, t: Tr, actor: Actor, point: Point, shop: ShopOut, parent: CategoryOut | None
) -> Screen:
    parent_id = parent.id if parent else None
    children = await categories_with_offers(db, point, shop.id, parent_id)
    cart = await _cart(db, actor, shop.id)
    if parent is not None and not children:
        return await _items(db, t, point, shop, parent, 0, cart)
    several = len(await open_shops(db, point)) > 1
    return screens.categories(t, shop, parent, children, cart, several_shops=several)


async def _items(
    db: Database,
    t: Tr,
    point: Point,
    shop: ShopOut,
    category: CategoryOut,
    number: int,
    cart: CartView,
) -> Screen:
    number = max(0, min(number, _MAX_PAGE))
    page = await list_offers(
        db,
        point,
        category_id=category.id,
        shop_id=shop.id,
        offset=number * screens.PAGE_SIZE,
        limit=screens.PAGE_SIZE,
        availability=availability(db),
    )
    if not page.items and number > 0:  # the list got shorter since the button was made
        return await _items(db, t, point, shop, category, 0, cart)
    return screens.items(t, shop, category, page, number, cart)


async def _offer_here(db: Database, point: Point, offer_id: UUID) -> OfferView | None:
    """The offer as a customer at ``point`` can buy it now (None: hidden, closed, elsewhere)."""
    try:
        offer = await get_offer(db, offer_id)
    except OfferNotFound:
        return None
    found = await product_card(db, offer.product_id, point, availability=availability(db))
    return next((view for view in found.offers if view.offer.id == offer_id), None)


def _photo(view: OfferView) -> str | None:
    return view.product.photos[0] if view.product.photos else None


async def _alert(callback: CallbackQuery, text: str) -> None:
    await callback.answer(text, show_alert=True)


@dataclass(frozen=True, slots=True)
class _Reply:
    """What a press gets: the screen to show, after an alert (None: a plain answer)."""

    screen: Screen
    alert: str | None = None


async def _read(db: Database, reading: Callable[[Database], Awaitable[_Reply]]) -> _Reply:
    """Run ``reading`` in one transaction: one connection and one commit for all of a screen's
    queries (the shops at the point are read once in it too). Telegram is called after it."""

    async def read(tx: Transaction) -> _Reply:
        return await reading(tx.db)

    return await db.run(read)


async def _show(
    callback: CallbackQuery, bot: Bot, db: Database, redis: Redis, reply: _Reply
) -> None:
    if reply.alert is None:
        await callback.answer()
    else:
        await _alert(callback, reply.alert)
    await present(callback, bot, reply.screen, db, redis)


async def _shop_screen(
    db: Database,
    t: Tr,
    actor: Actor,
    shop_id: UUID,
    then: Callable[[Point, ShopOut], Awaitable[_Reply]],
) -> _Reply:
    """``then`` with the delivery point and the shop; without a point, the entry screen (what
    to do about it); the entry with an alert when the shop no longer serves the point."""
    point = (await whereabouts(db, actor)).point
    if point is None:
        return _Reply(await entry(db, t, actor))
    shop = await shop_at(db, point, shop_id)
    if shop is None:  # closed meanwhile, or an address change moved the person out of its zone
        return _Reply(await entry(db, t, actor), plain(t, "customer-catalog-shop-gone"))
    return await then(point, shop)


async def _category_gone(
    db: Database, t: Tr, actor: Actor, point: Point, shop: ShopOut
) -> _Reply:
    """The shop's top categories, after an alert: the category pressed is no more."""
    return _Reply(
        await _categories(db, t, actor, point, shop, None), plain(t, "customer-catalog-stale")
    )


async def _where_or_entry(
    callback: CallbackQuery, bot: Bot, db: Database, redis: Redis, t: Tr, actor: Actor
) -> Point | None:
    """The delivery point; without one, the entry screen (what to do about it) instead."""
    point = (await whereabouts(db, actor)).point
    if point is None:
        await callback.answer()
        await present(callback, bot, await entry(db, t, actor), db, redis)
    return point


# -- handlers --------------------------------------------------------------------------------


async def open_catalog(
    message: Message,
    bot: Bot,
    db: Database,
    redis: Redis,
    state: FSMContext,
    t: Tr,
    actor: Actor,
) -> None:
    # Opening the catalog is leaving whatever dialog was under way.
    await state.clear()
    screen = (await _read(db, lambda db: _entry_reply(db, t, actor))).screen
    await send(bot, message.chat.id, screen, db, redis)


async def _entry_reply(db: Database, t: Tr, actor: Actor) -> _Reply:
    return _Reply(await entry(db, t, actor))


async def on_shops(
    callback: CallbackQuery, bot: Bot, db: Database, redis: Redis, t: Tr, actor: Actor
) -> None:
    await _show(callback, bot, db, redis, await _read(db, lambda db: _entry_reply(db, t, actor)))


async def on_categories(
    callback: CallbackQuery,
    callback_data: CatalogCategories,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    async def reading(db: Database) -> _Reply:
        async def then(point: Point, shop: ShopOut) -> _Reply:
            parent = None
            if callback_data.parent is not None:
                try:
                    parent = await get_category(db, callback_data.parent)
                except CategoryNotFound:
                    return await _category_gone(db, t, actor, point, shop)
            return _Reply(await _categories(db, t, actor, point, shop, parent))

        return await _shop_screen(db, t, actor, callback_data.shop, then)

    await _show(callback, bot, db, redis, await _read(db, reading))


async def on_items(
    callback: CallbackQuery,
    callback_data: CatalogItems,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    async def reading(db: Database) -> _Reply:
        async def then(point: Point, shop: ShopOut) -> _Reply:
            try:
                category = await get_category(db, callback_data.category)
            except CategoryNotFound:
                return await _category_gone(db, t, actor, point, shop)
            cart = await _cart(db, actor, shop.id)
            return _Reply(await _items(db, t, point, shop, category, callback_data.page, cart))

        return await _shop_screen(db, t, actor, callback_data.shop, then)

    await _show(callback, bot, db, redis, await _read(db, reading))


async def on_card(
    callback: CallbackQuery,
    callback_data: CatalogCard,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    async def reading(db: Database) -> _Reply:
        point = (await whereabouts(db, actor)).point
        if point is None:
            return _Reply(await entry(db, t, actor))
        view = await _offer_here(db, point, callback_data.offer)
        if view is None:
            return _Reply(await entry(db, t, actor), plain(t, "customer-catalog-not-here"))
        back = CatalogItems(
            shop=view.offer.shop_id,
            category=callback_data.category,
            page=max(0, min(callback_data.page, _MAX_PAGE)),
        )
        cart = await _cart(db, actor, view.offer.shop_id)
        return _Reply(screens.card(t, view, cart, back, _photo(view)))

    await _show(callback, bot, db, redis, await _read(db, reading))


def _back_of(callback: CallbackQuery, view: OfferView) -> CatalogItems:
    """Where the card's "back" led: kept from the pressed keyboard (a step button has no room
    for it), else the first page of the product's own category."""
    markup = callback.message.reply_markup if isinstance(callback.message, Message) else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            data = button.callback_data or ""
            if data.startswith(f"{CatalogItems.__prefix__}{CatalogItems.__separator__}"):
                try:
                    back = CatalogItems.unpack(data)
                except (TypeError, ValueError):
                    continue
                if back.shop == view.offer.shop_id:
                    return back
    return CatalogItems(shop=view.offer.shop_id, category=view.product.category_id)


async def on_step(
    callback: CallbackQuery,
    callback_data: CardStep,
    bot: Bot,
    db: Database,
    redis: Redis,
    t: Tr,
    actor: Actor,
) -> None:
    if callback_data.delta not in (-1, 0, 1):
        await _alert(callback, plain(t, "customer-catalog-stale"))
        return
    point = await _where_or_entry(callback, bot, db, redis, t, actor)
    if point is None:
        return
    view = await _offer_here(db, point, callback_data.offer)
    if view is None:  # hidden, gone, its shop closed or out of the zone: nothing changes
        await _alert(callback, plain(t, "customer-catalog-not-here"))
        return
    if view.offer.shop_id != callback_data.shop:  # a forged button: the message stays
        await _alert(callback, plain(t, "customer-catalog-stale"))
        return
    cart: CartView | None = None
    if callback_data.delta:
        try:
            cart = await step_cart_quantity(
                db, actor, actor.telegram_id, view.offer.id, callback_data.delta
            )
        except CoreError as error:
            await _alert(callback, apology(t, error))
    if cart is None:  # a refusal or a mere refresh: show what the database holds
        cart = await _cart(db, actor, view.offer.shop_id)
        if not callback_data.delta:
            await callback.answer()
    else:
        in_cart = cart.quantity_of(view.offer.id)
        await callback.answer(
            plain(t, "customer-catalog-added", amount=quantity_text(t, view.offer.unit, in_cart))
            if in_cart
            else plain(t, "customer-catalog-removed")
        )
    await present(
        callback,
        bot,
        screens.card(t, view, cart, _back_of(callback, view), _photo(view)),
        db,
        redis,
    )


def create_catalog_router() -> Router:
    router = Router(name="customer-catalog")
    router.message.register(open_catalog, Command("catalog"))
    router.callback_query.register(on_shops, CatalogShops.filter())
    router.callback_query.register(on_categories, CatalogCategories.filter())
    router.callback_query.register(on_items, CatalogItems.filter())
    router.callback_query.register(on_card, CatalogCard.filter())
    router.callback_query.register(on_step, CardStep.filter())
    return router
