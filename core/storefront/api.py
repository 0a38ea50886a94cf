"""storefront commands and queries.

Commands on offers take the acting person and check ``Permission.MANAGE_CATALOG`` in the
offer's shop: its owner or manager, or an admin (pickers handle stock, not prices). Customer
queries take the delivery point and apply the visibility rule of the package docstring; other
modules (inventory, orders) read offers with ``get_offer`` / ``get_offers`` (and
``get_offers_with_products`` when they need the products too).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    Subquery,
    Uuid,
    bindparam,
    exists,
    insert,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError

from core.auth.policy import Actor, Permission, require
from core.business.api import accepting_orders, get_shop, shops_delivering_to
from core.business.schemas import ShopOut
from core.catalog import api as catalog
from core.catalog.errors import CategoryNotFound, InvalidPosition
from core.catalog.schemas import ProductOut
from core.geo.schemas import Point
from core.shared.ids import new_id
from core.shared.money import Money
from core.shared.uow import Transaction, command, sqlstate_of
from core.storefront import _rows
from core.storefront._models import Offer
from core.storefront.errors import OfferExists, OfferNotFound, ProductNotOfferable
from core.storefront.events import OfferCreated, OfferPriceChanged, OfferVisibilityChanged
from core.storefront.schemas import (
    AvailabilityProvider,
    OfferForm,
    OfferOut,
    OfferView,
    Page,
    ProductCard,
)

__all__ = [
    "categories_on_offer",
    "check_prices",
    "create_offer",
    "get_offer",
    "get_offers",
    "get_offers_with_products",
    "list_offers",
    "product_card",
    "search",
    "set_position",
    "set_price",
    "set_visibility",
    "shop_offers",
    "shops_at",
]

MAX_PAGE = 100
MAX_POSITION = 1_000_000
# How many ranked products a search looks at before keeping those offered near the point.
SEARCH_DEPTH = 300
LISTING_ORDER = (Offer.position, Offer.id)


def check_prices(price: Money, old_price: Money | None = None) -> tuple[Money, Money | None]:
    """The price and optional old price, checked (positive roubles; old above price)."""
    return _rows.prices(price, old_price)


def _position(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POSITION:
        raise InvalidPosition(maximum=MAX_POSITION)
    return value


def _page_bounds(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(1, min(limit, MAX_PAGE))


# -- reading offers (inventory, orders) -----------------------------------------------------


async def _offer_row(tx: Transaction, offer_id: UUID, *, lock: bool = False) -> Offer:
    row = await tx.session.get(Offer, offer_id, with_for_update=lock or None)
    if row is None:
        raise OfferNotFound(offer_id=offer_id)
    return row


async def _out(tx: Transaction, row: Offer) -> OfferOut:
    return _rows.offer_out(row, await catalog.get_product(tx.db, row.product_id))


@command
async def get_offer(tx: Transaction, offer_id: UUID) -> OfferOut:
    """One offer with its shop, unit and step, visible or not; ``OfferNotFound`` if none."""
    return await _out(tx, await _offer_row(tx, offer_id))


@command
async def get_offers(tx: Transaction, offer_ids: Iterable[UUID]) -> dict[UUID, OfferOut]:
    """The offers with these ids, by id; unknown ids are left out."""
    found = await get_offers_with_products(tx.db, offer_ids)
    return {offer_id: offer for offer_id, (offer, _) in found.items()}


@command
async def get_offers_with_products(
    tx: Transaction, offer_ids: Iterable[UUID]
) -> dict[UUID, tuple[OfferOut, ProductOut]]:
    """The offers with these ids and their products (archived or not), by id, read in one
    query; unknown ids are left out."""
    ids = list(set(offer_ids))
    if not ids:
        return {}
    rows = (await tx.session.execute(_offers_by_id(), {"offer_ids": ids})).all()
    found: dict[UUID, tuple[OfferOut, ProductOut]] = {}
    for row in rows:
        product = catalog.product_from_row(row)
        found[row[0].id] = (_rows.offer_out(row[0], product), product)
    return found


# -- managing offers ------------------------------------------------------------------------


async def _offerable(tx: Transaction, shop_id: UUID, product_id: UUID) -> ProductOut:
    product = await catalog.get_product(tx.db, product_id)
    if product.archived or product.shop_id not in (None, shop_id):
        raise ProductNotOfferable(product_id=product_id)
    return product


@command
async def create_offer(tx: Transaction, actor: Actor, shop_id: UUID, form: OfferForm) -> OfferOut:
    """Offer a product (the platform's or the shop's own) in the shop at a price."""
    require(actor, Permission.MANAGE_CATALOG, shop_id=shop_id)
    price, old_price = _rows.prices(form.price, form.old_price)
    position = _position(form.position)
    await get_shop(tx.db, shop_id)
    await _offerable(tx, shop_id, form.product_id)
    now = tx.clock.now()
    offer_id = new_id()
    try:
        async with tx.session.begin_nested():
            await tx.session.execute(insert(Offer).values(
                id=offer_id, shop_id=shop_id, product_id=form.product_id,
                price_minor=price.minor, currency=price.currency,
                old_price_minor=None if old_price is None else old_price.minor,
                visible=bool(form.visible), position=position, created_by=actor.telegram_id,
                created_at=now, updated_at=now,
            ))
    except IntegrityError as exc:
        if sqlstate_of(exc) == "23505":
            raise OfferExists(shop_id=shop_id, product_id=form.product_id) from None
        raise
    await tx.publish(OfferCreated(
        offer_id=offer_id, shop_id=shop_id, product_id=form.product_id,
        price_minor=price.minor, currency=price.currency, created_by=actor.telegram_id,
    ))
    return await _out(tx, await _offer_row(tx, offer_id))


async def _editable(tx: Transaction, actor: Actor, offer_id: UUID) -> Offer:
    row = await _offer_row(tx, offer_id, lock=True)
    require(actor, Permission.MANAGE_CATALOG, shop_id=row.shop_id)
    return row


async def _save(tx: Transaction, row: Offer, values: dict[str, Any]) -> OfferOut:
    await tx.session.execute(
        update(Offer).where(Offer.id == row.id).values(updated_at=tx.clock.now(), **values)
    )
    await tx.session.refresh(row)
    return await _out(tx, row)


@command
async def set_price(
    tx: Transaction, actor: Actor, offer_id: UUID, price: Money, old_price: Money | None = None
) -> OfferOut:
    """Set the price (per piece or per kg) and the struck-through old price (None: none)."""
    row = await _editable(tx, actor, offer_id)
    new, old = _rows.prices(price, old_price)
    before = row.price_minor
    changed = (before, row.old_price_minor) != (new.minor, None if old is None else old.minor)
    offer = await _save(tx, row, {
        "price_minor": new.minor, "currency": new.currency,
        "old_price_minor": None if old is None else old.minor,
    })
    if changed:
        await tx.publish(OfferPriceChanged(
            offer_id=row.id, shop_id=row.shop_id, old_price_minor=before,
            price_minor=new.minor, currency=new.currency, changed_by=actor.telegram_id,
        ))
    return offer


@command
async def set_visibility(tx: Transaction, actor: Actor, offer_id: UUID, visible: bool) -> OfferOut:
    """Show the offer to customers, or hide it."""
    row = await _editable(tx, actor, offer_id)
    changed = row.visible != bool(visible)
    offer = await _save(tx, row, {"visible": bool(visible)})
    if changed:
        await tx.publish(OfferVisibilityChanged(
            offer_id=row.id, shop_id=row.shop_id, visible=bool(visible),
            changed_by=actor.telegram_id,
        ))
    return offer


@command
async def set_position(tx: Transaction, actor: Actor, offer_id: UUID, position: int) -> OfferOut:
    """Move the offer in the shop's list (smaller first; ties in order of creation)."""
    row = await _editable(tx, actor, offer_id)
    return await _save(tx, row, {"position": _position(position)})


# -- what a customer at a point can buy -----------------------------------------------------


# A bot screen asks for the shops at one point several times (the shop pressed, its listing,
# whether there are other shops to go back to): inside one transaction the first answer
# stands for the others, so one screen read in one transaction reads the shops once.
_shops_in: WeakKeyDictionary[Transaction, dict[Point, tuple[ShopOut, ...]]] = WeakKeyDictionary()


@command
async def shops_at(tx: Transaction, point: Point) -> list[ShopOut]:
    """Shops accepting orders now (active, open by the clock) that deliver to ``point``,
    nearest first; read once per transaction and point."""
    known = _shops_in.setdefault(tx, {})
    found = known.get(point)
    if found is None:
        now = tx.clock.now()
        found = tuple(
            shop
            for shop in await shops_delivering_to(tx.db, point)
            if accepting_orders(shop, now)
        )
        known[point] = found
    return list(found)


async def _shops_for(tx: Transaction, point: Point, shop_id: UUID | None) -> dict[UUID, ShopOut]:
    shops = await shops_at(tx.db, point)
    return {shop.id: shop for shop in shops if shop_id is None or shop.id == shop_id}


async def _page(
    tx: Transaction,
    stmt: Select[Any],
    shops: dict[UUID, ShopOut],
    offset: int,
    limit: int,
    availability: AvailabilityProvider | None,
    params: dict[str, Any] | None = None,
) -> Page[OfferView]:
    """A page of ``stmt``, a SELECT of offers joined to their products (``_offers_of``):
    offers and products come back in one query. Without ``params`` the listing order and the
    bounds are added here; with them ``stmt`` has them as parameters (``_listing``)."""
    if params is None:
        stmt = stmt.order_by(*LISTING_ORDER).offset(offset).limit(limit + 1)
    else:
        params = {**params, "offset": offset, "limit": limit + 1}
    found = (await tx.session.execute(stmt, params)).all()
    has_more = len(found) > limit
    rows: list[Offer] = []
    by_id: dict[UUID, ProductOut] = {}
    for row in found[:limit]:
        offer = row[0]
        rows.append(offer)
        if offer.product_id not in by_id:
            by_id[offer.product_id] = catalog.product_from_row(row)
    items = await _rows.views(rows, by_id, shops, availability)
    return Page(items, offset, limit, has_more)


@functools.lru_cache(maxsize=1024)  # one per category set, as catalog.products_in's subqueries
def _listing(products: Subquery) -> Select[Any]:
    """Visible offers of the shops ``shop_ids`` joined to ``products``, in listing order, from
    ``offset``, ``limit`` rows: every catalog page runs it, and building it cost half as much
    again as running it."""
    return (
        _offers_of(products)
        .where(*_visible_in(bindparam("shop_ids", expanding=True)))
        .order_by(*LISTING_ORDER)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )


@functools.lru_cache(maxsize=1)  # built once: carts and checkout read offers all the time
def _offers_by_id() -> Select[Any]:
    products = catalog.products_in(include_archived=True)
    return _offers_of(products).where(Offer.id.in_(bindparam("offer_ids", expanding=True)))


@functools.lru_cache(maxsize=1024)  # catalog.products_in repeats its subqueries too
def _offers_of(products: Subquery) -> Select[Any]:
    return select(Offer, products).join(products, products.c.id == Offer.product_id)


async def _categories(tx: Transaction, category_id: UUID | None) -> list[UUID] | None:
    """The category and those below it (None: any; empty: no such category)."""
    if category_id is None:
        return None
    try:
        return await catalog.subcategory_ids(tx.db, category_id)
    except CategoryNotFound:
        return []


def _visible_in(shops: Iterable[UUID] | BindParameter[Any]) -> list[ColumnElement[bool]]:
    # The bare column, not `visible IS true`: PostgreSQL proves `WHERE visible` partial indexes
    # usable only from the former, and ix_offers_visible_shop_listing is one.
    ids = shops if isinstance(shops, BindParameter) else list(shops)
    return [Offer.shop_id.in_(ids), Offer.visible.expression]


@command
async def list_offers(
    tx: Transaction,
    point: Point,
    *,
    category_id: UUID | None = None,
    shop_id: UUID | None = None,
    offset: int = 0,
    limit: int = 20,
    availability: AvailabilityProvider | None = None,
) -> Page[OfferView]:
    """What a customer at ``point`` can buy, in a category (with its subcategories) and/or
    one shop; by position in the shop's list, then id."""
    offset, limit = _page_bounds(offset, limit)
    shops = await _shops_for(tx, point, shop_id)
    if not shops:
        return Page((), offset, limit, False)
    # The category's ids first, as values: with a subquery instead the planner cannot tell
    # a small category from the whole catalog and sorts every offer around the point.
    categories = await _categories(tx, category_id)
    if categories == []:
        return Page((), offset, limit, False)
    products = catalog.products_in(categories)
    params = {"shop_ids": list(shops)}
    return await _page(tx, _listing(products), shops, offset, limit, availability, params)


@command
async def categories_on_offer(
    tx: Transaction, point: Point, category_ids: Iterable[UUID], *, shop_id: UUID | None = None
) -> set[UUID]:
    """Which of these categories (each with its subcategories) hold something a customer at
    ``point`` can buy, in ``shop_id`` if given: one query for them all, each of its checks
    stopping at the first offer found."""
    shops = await _shops_for(tx, point, shop_id)
    checks = []
    for category_id in dict.fromkeys(category_ids) if shops else ():
        below = await _categories(tx, category_id)
        if not below:
            continue  # no such category
        products = catalog.products_in(below)
        offered = (
            select(Offer.id)
            .join(products, products.c.id == Offer.product_id)
            .where(*_visible_in(shops))
        )
        checks.append(select(literal(category_id, Uuid())).where(exists(offered)))
    if not checks:
        return set()
    return set((await tx.session.scalars(union_all(*checks))).all())


@command
async def product_card(
    tx: Transaction,
    product_id: UUID,
    point: Point,
    *,
    availability: AvailabilityProvider | None = None,
) -> ProductCard:
    """A product and the offers of it a customer at ``point`` can buy, cheapest first."""
    product = await catalog.get_product(tx.db, product_id)
    shops = await _shops_for(tx, point, None)
    if product.archived or not shops:
        return ProductCard(product, ())
    rows = (await tx.session.scalars(
        select(Offer).where(*_visible_in(shops), Offer.product_id == product_id)
        .order_by(Offer.price_minor, Offer.id)
    )).all()
    return ProductCard(
        product, await _rows.views(rows, {product.id: product}, shops, availability)
    )


@command
async def search(
    tx: Transaction,
    point: Point,
    query: str,
    *,
    shop_id: UUID | None = None,
    category_id: UUID | None = None,
    offset: int = 0,
    limit: int = 20,
    availability: AvailabilityProvider | None = None,
) -> Page[OfferView]:
    """Offers a customer at ``point`` can buy (in one shop, in a category if given) whose
    product matches ``query`` (Russian or English, any word form, typos tolerated):
    best-ranked product first, then the nearer shop. Ranking looks at the products offered
    there only, the best ``SEARCH_DEPTH`` of them."""
    offset, limit = _page_bounds(offset, limit)
    shops = await _shops_for(tx, point, shop_id)
    if not shops:
        return Page((), offset, limit, False)
    offered = select(Offer.product_id).where(*_visible_in(shops))
    hits = await catalog.search_products(
        tx.db, query, shop_ids=list(shops), category_id=category_id, among=offered,
        limit=SEARCH_DEPTH,
    )
    if not hits:
        return Page((), offset, limit, False)
    rank = {hit.product_id: index for index, hit in enumerate(hits)}
    nearness = {shop: index for index, shop in enumerate(shops)}  # shops_at is nearest first
    # Ranked by their keys alone; only the page's offers are loaded whole, with products.
    keys = sorted(
        (await tx.session.execute(
            select(Offer.id, Offer.product_id, Offer.shop_id)
            .where(*_visible_in(shops), Offer.product_id.in_(list(rank)))
        )).all(),
        key=lambda key: (rank[key.product_id], nearness[key.shop_id], key.id),
    )
    order = {key.id: index for index, key in enumerate(keys[offset:offset + limit])}
    if not order:
        return Page((), offset, limit, len(keys) > offset + limit)
    products = catalog.products_in(include_archived=True)  # live when ranked, as before
    found = sorted(
        (await tx.session.execute(_offers_of(products).where(Offer.id.in_(list(order))))).all(),
        key=lambda row: order[row[0].id],
    )
    by_id = {row[0].product_id: catalog.product_from_row(row) for row in found}
    items = await _rows.views([row[0] for row in found], by_id, shops, availability)
    return Page(items, offset, limit, len(keys) > offset + limit)


# -- the seller's view ----------------------------------------------------------------------


@command
async def shop_offers(
    tx: Transaction,
    actor: Actor,
    shop_id: UUID,
    *,
    category_id: UUID | None = None,
    query: str | None = None,
    visible: bool | None = None,
    offset: int = 0,
    limit: int = 50,
    availability: AvailabilityProvider | None = None,
) -> Page[OfferView]:
    """All of a shop's offers for its staff, hidden and archived ones too: filtered by
    category, a search query and visibility; in listing order."""
    require(actor, Permission.VIEW_SHOP, shop_id=shop_id)
    offset, limit = _page_bounds(offset, limit)
    shop = await get_shop(tx.db, shop_id)
    categories = await _categories(tx, category_id)
    if categories == []:
        return Page((), offset, limit, False)
    products = catalog.products_in(categories, include_archived=True)
    stmt = _offers_of(products).where(Offer.shop_id == shop_id)
    if visible is not None:
        stmt = stmt.where(Offer.visible.is_(bool(visible)))
    if query is not None and query.strip():
        hits = await catalog.search_products(
            tx.db, query, shop_ids=[shop_id], limit=SEARCH_DEPTH, include_archived=True,
            among=select(Offer.product_id).where(Offer.shop_id == shop_id),
        )
        stmt = stmt.where(Offer.product_id.in_([hit.product_id for hit in hits]))
    return await _page(tx, stmt, {shop.id: shop}, offset, limit, availability)
