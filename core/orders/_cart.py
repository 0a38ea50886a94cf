"""Cart commands and queries: one customer's cart per shop.

Changing a quantity is one upsert on the line (``INSERT … ON CONFLICT``), so two taps on "+"
from two devices add twice and never lose one; the cart row is locked first so a line count check
and its insert cannot interleave with another add.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple, cast
from uuid import UUID

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from core.auth.policy import Actor, Permission, require
from core.business.api import accepting_orders, get_shop
from core.business.schemas import ShopOut
from core.catalog import api as catalog
from core.catalog.schemas import ProductOut
from core.geo.api import zone_contains
from core.geo.schemas import Point
from core.inventory.api import MAX_QUANTITY, get_availability
from core.orders._models import Cart, CartLine
from core.orders.errors import CartFull, CartQuantityInvalid, NotEnoughInStock, OfferNotAvailable
from core.orders.schemas import CartIssue, CartLineView, CartSummary, CartView, LineIssue
from core.shared.ids import new_id
from core.shared.money import Money
from core.shared.uow import Transaction, command
from core.storefront.api import get_offer, get_offers_with_products
from core.storefront.errors import OfferNotFound
from core.storefront.schemas import OfferOut

MAX_LINES = 100
# Cart rows are only ever written by statements, never as objects in a session: reads take
# table columns, with no session bookkeeping.
_CARTS = cast(Table, Cart.__table__)
_CART_LINES = cast(Table, CartLine.__table__)


class _Line(NamedTuple):
    """A cart line as stored: what the views need of it (read as columns, not objects)."""

    offer_id: UUID
    quantity: int
    seen_price_minor: int
    currency: str


_LINE_COLUMNS = (
    _CART_LINES.c.offer_id,
    _CART_LINES.c.quantity,
    _CART_LINES.c.seen_price_minor,
    _CART_LINES.c.currency,
)


def _may_edit(actor: Actor, customer_id: int) -> None:
    # Only the customer changes their cart; support may look at it (``_may_view``).
    require(actor, Permission.EDIT_PERSON, subject_id=customer_id)


def _may_view(actor: Actor, customer_id: int) -> None:
    require(actor, Permission.VIEW_PERSON, subject_id=customer_id)


async def _offer(tx: Transaction, offer_id: UUID) -> tuple[OfferOut, bool]:
    """The offer and whether it is on sale now (visible, its product not archived)."""
    try:
        offer = await get_offer(tx.db, offer_id)
    except OfferNotFound:
        raise OfferNotAvailable(offer_id=offer_id) from None
    product = await catalog.get_product(tx.db, offer.product_id)
    return offer, offer.visible and not product.archived


def _check_quantity(offer: OfferOut, quantity: int) -> None:
    if quantity != 0 and not (offer.valid_quantity(quantity) and quantity <= MAX_QUANTITY):
        raise CartQuantityInvalid(step=offer.min_quantity, maximum=MAX_QUANTITY)


async def _cart_for_update(tx: Transaction, customer_id: int, shop_id: UUID) -> UUID:
    """The cart's id, made if missing, its row locked for the rest of the transaction."""
    now = tx.clock.now()
    await tx.session.execute(
        insert(Cart)
        .values(
            id=new_id(), customer_id=customer_id, shop_id=shop_id, created_at=now, updated_at=now
        )
        .on_conflict_do_nothing(index_elements=[Cart.customer_id, Cart.shop_id])
    )
    cart_id = await tx.session.scalar(
        select(Cart.id)
        .where(Cart.customer_id == customer_id, Cart.shop_id == shop_id)
        .with_for_update()
    )
    assert cart_id is not None
    await tx.session.execute(update(Cart).where(Cart.id == cart_id).values(updated_at=now))
    return cart_id


async def _line_quantity(tx: Transaction, cart_id: UUID, offer_id: UUID) -> int:
    found = await tx.session.scalar(
        select(CartLine.quantity).where(CartLine.cart_id == cart_id, CartLine.offer_id == offer_id)
    )
    return found or 0


async def _write_line(
    tx: Transaction, cart_id: UUID, offer: OfferOut, current: int, quantity: int
) -> None:
    where = (CartLine.cart_id == cart_id, CartLine.offer_id == offer.id)
    if quantity == 0:
        await tx.session.execute(delete(CartLine).where(*where))
        return
    if current == 0:
        count = await tx.session.scalar(
            select(func.count()).select_from(CartLine).where(CartLine.cart_id == cart_id)
        )
        if (count or 0) >= MAX_LINES:
            raise CartFull(maximum=MAX_LINES)
    now = tx.clock.now()
    # Touching a line means the customer saw today's price: it becomes the one remembered.
    values = {
        "quantity": quantity,
        "seen_price_minor": offer.price.minor,
        "currency": offer.price.currency,
        "updated_at": now,
    }
    await tx.session.execute(
        insert(CartLine)
        .values(cart_id=cart_id, offer_id=offer.id, added_at=now, **values)
        .on_conflict_do_update(index_elements=[CartLine.cart_id, CartLine.offer_id], set_=values)
    )


async def _change(
    tx: Transaction,
    actor: Actor,
    customer_id: int,
    offer_id: UUID,
    *,
    quantity: int | None = None,
    steps: int = 0,
) -> CartView:
    _may_edit(actor, customer_id)
    offer, on_sale = await _offer(tx, offer_id)
    cart_id = await _cart_for_update(tx, customer_id, offer.shop_id)
    current = await _line_quantity(tx, cart_id, offer.id)
    wanted = quantity if quantity is not None else max(0, current + steps * offer.min_quantity)
    _check_quantity(offer, wanted)
    if wanted > current and not on_sale:
        # A line of an offer that went away can still shrink or be removed, never grow.
        raise OfferNotAvailable(offer_id=offer_id)
    if wanted > current:
        # Growing a line past what the shop has is refused; shrinking one never is.
        available = (await get_availability(tx.db, [offer.id]))[offer.id]
        if wanted > available:
            raise NotEnoughInStock(available=available, unit=offer.unit.value)
    await _write_line(tx, cart_id, offer, current, wanted)
    return await _view(tx, customer_id, await get_shop(tx.db, offer.shop_id), None)


@command
async def set_cart_quantity(
    tx: Transaction, actor: Actor, customer_id: int, offer_id: UUID, quantity: int
) -> CartView:
    """Put ``quantity`` (pieces or grams, 0 removes) of an offer in the customer's cart of its
    shop; the cart as it is now."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 0:
        raise CartQuantityInvalid(step=1, maximum=MAX_QUANTITY)
    return await _change(tx, actor, customer_id, offer_id, quantity=quantity)


@command
async def step_cart_quantity(
    tx: Transaction, actor: Actor, customer_id: int, offer_id: UUID, steps: int
) -> CartView:
    """Add (or with a negative ``steps`` take away) whole steps of an offer: a piece, or the
    weight step; below zero is zero."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps == 0 or abs(steps) > 1000:
        raise CartQuantityInvalid(step=1, maximum=MAX_QUANTITY)
    return await _change(tx, actor, customer_id, offer_id, steps=steps)


@command
async def clear_cart(tx: Transaction, actor: Actor, customer_id: int, shop_id: UUID) -> None:
    """Empty the customer's cart in a shop (nothing happens if there is none)."""
    _may_edit(actor, customer_id)
    await tx.session.execute(_CLEAR, {"customer_id": customer_id, "shop_id": shop_id})


# Built once: every checkout ends with it. A plain table DELETE (its lines go by cascade): no
# cart or line is kept as an object in a session, so there is nothing to keep in step.
_CLEAR = delete(_CARTS).where(
    _CARTS.c.customer_id == bindparam("customer_id"), _CARTS.c.shop_id == bindparam("shop_id")
)


def _line_issues(
    line: _Line, offer: OfferOut, product: ProductOut, available: int
) -> frozenset[LineIssue]:
    issues: set[LineIssue] = set()
    if not offer.visible or product.archived:
        issues.add(LineIssue.UNAVAILABLE)
    elif available <= 0:
        issues.add(LineIssue.OUT_OF_STOCK)
    elif available < line.quantity:
        issues.add(LineIssue.NOT_ENOUGH)
    if offer.price.minor != line.seen_price_minor:
        issues.add(LineIssue.PRICE_CHANGED)
    return frozenset(issues)


def _cart_issues(shop: ShopOut, at_point: Point | None, now: datetime) -> frozenset[CartIssue]:
    issues: set[CartIssue] = set()
    if not accepting_orders(shop, now):
        issues.add(CartIssue.SHOP_NOT_ACCEPTING)
    if at_point is not None and not zone_contains(shop.zone, at_point):
        issues.add(CartIssue.OUT_OF_ZONE)
    return frozenset(issues)


async def _lines(tx: Transaction, cart_id: UUID) -> list[_Line]:
    rows = await tx.session.execute(
        select(*_LINE_COLUMNS)
        .where(_CART_LINES.c.cart_id == cart_id)
        .order_by(_CART_LINES.c.added_at, _CART_LINES.c.offer_id)
    )
    return [_Line(*row) for row in rows]


async def _line_views(tx: Transaction, rows: Iterable[_Line]) -> tuple[CartLineView, ...]:
    rows = list(rows)
    ids = [row.offer_id for row in rows]
    offers = await get_offers_with_products(tx.db, ids)
    available = await get_availability(tx.db, ids)
    views = []
    for row in rows:
        offer, product = offers[row.offer_id]
        views.append(
            CartLineView(
                offer=offer,
                product=product,
                quantity=row.quantity,
                seen_price=Money(row.seen_price_minor, row.currency),
                available=available[row.offer_id],
                issues=_line_issues(row, offer, product, available[row.offer_id]),
            )
        )
    return tuple(views)


# The cart and its lines in one query (no row: no cart; a cart without lines: one row of None),
# built once: checkout and every cart screen read it.
_CART_WITH_LINES = (
    select(_CARTS.c.id, *_LINE_COLUMNS)
    .outerjoin(_CART_LINES, _CART_LINES.c.cart_id == _CARTS.c.id)
    .where(
        _CARTS.c.customer_id == bindparam("customer_id"), _CARTS.c.shop_id == bindparam("shop_id")
    )
    .order_by(_CART_LINES.c.added_at, _CART_LINES.c.offer_id)
)


async def _view(tx: Transaction, customer_id: int, shop: ShopOut, point: Point | None) -> CartView:
    found = (
        await tx.session.execute(_CART_WITH_LINES, {"customer_id": customer_id, "shop_id": shop.id})
    ).all()
    cart_id = found[0][0] if found else None
    rows = [
        _Line(offer_id, quantity, seen_price_minor, currency)
        for _, offer_id, quantity, seen_price_minor, currency in found
        if offer_id is not None
    ]
    lines = await _line_views(tx, rows) if rows else ()
    return CartView(
        id=cart_id,
        customer_id=customer_id,
        shop=shop,
        lines=lines,
        issues=_cart_issues(shop, point, tx.clock.now()),
    )


@command
async def get_cart(
    tx: Transaction, actor: Actor, customer_id: int, shop_id: UUID, *, point: Point | None = None
) -> CartView:
    """The customer's cart in a shop with what changed since they last touched it; with a
    ``point``, whether the shop delivers there."""
    _may_view(actor, customer_id)
    return await _view(tx, customer_id, await get_shop(tx.db, shop_id), point)


@command
async def my_carts(tx: Transaction, actor: Actor, customer_id: int) -> list[CartSummary]:
    """The customer's carts that hold something, most recently changed first."""
    _may_view(actor, customer_id)
    carts = (
        await tx.session.scalars(
            select(Cart)
            .where(
                Cart.customer_id == customer_id,
                select(CartLine.offer_id).where(CartLine.cart_id == Cart.id).exists(),
            )
            .order_by(Cart.updated_at.desc(), Cart.id)
        )
    ).all()
    summaries = []
    for cart in carts:
        view = await _view(tx, customer_id, await get_shop(tx.db, cart.shop_id), None)
        summaries.append(CartSummary(cart.id, view.shop, len(view.lines), view.subtotal))
    return summaries


@command
async def accept_cart_changes(
    tx: Transaction, actor: Actor, customer_id: int, shop_id: UUID
) -> CartView:
    """Take today's prices, drop lines that went away or ran out and trim lines to what is
    available (down to a whole step); the cart as it is then."""
    _may_edit(actor, customer_id)
    cart_id = await _cart_for_update(tx, customer_id, shop_id)
    for line in await _line_views(tx, await _lines(tx, cart_id)):
        keep = 0 if not line.orderable else min(line.quantity, line.available)
        keep -= keep % line.offer.min_quantity
        await _write_line(tx, cart_id, line.offer, line.quantity, keep)
    return await _view(tx, customer_id, await get_shop(tx.db, shop_id), None)
