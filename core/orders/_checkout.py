"""Checkout: the customer's cart in a shop becomes an order, in one transaction.

Nothing in the cart is accepted silently: if a price changed, a line ran short or went away, or
the shop stopped taking orders, checkout refuses with ``CartNeedsAttention`` and the customer
sees the cart again. Then the minimum order, the zone and the delivery time are checked, the
stock is reserved under the order's id, the order and its lines are written, the cart emptied
and ``orders.placed`` published (``orders.awaiting_payment`` for online payment).

Stock: a cash or card-to-courier order is placed at once and its reservation has no deadline;
it stays reserved until the shop accepts (allocated) or someone cancels (released). An online
order waits in ``pending_payment`` with a reservation and a payment deadline of
``UNPAID_TTL``; the expiry task cancels it when the money does not come.

Submitting twice: the customer's checkouts take a transaction-level advisory lock, then look for
an order with the same idempotency key, so a repeat (also a concurrent one, which waits for the
first to commit) returns the order made the first time and reserves nothing. A unique index on
(customer, key) stands behind it.

ETA for "as soon as possible": now + the shop's assembly time + the way there by bike,
``distance × ROAD_FACTOR / COURIER_SPEED``, rounded up to the minute.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, Final, cast
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Column, Table, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect

from core.auth.policy import Actor, Permission, require
from core.business.api import accepting_orders, get_shop, is_open, next_closing, next_opening
from core.business.schemas import ShopOut, ShopStatus
from core.customers.api import get_address
from core.geo.api import distance_m, zone_contains
from core.geo.schemas import Point
from core.inventory.api import reserve
from core.inventory.errors import InsufficientStock
from core.inventory.schemas import ReserveLine
from core.orders import _cart, _orders
from core.orders._models import Order, OrderHistory, OrderLine
from core.orders.errors import (
    AddressNotDeliverable,
    AddressWithoutPoint,
    BelowMinimumOrder,
    CartEmpty,
    CartNeedsAttention,
    CheckoutInvalid,
    ShopNotAccepting,
    SlotUnavailable,
)
from core.orders.events import OrderAwaitingPayment
from core.orders.schemas import (
    CartIssue,
    CartView,
    CheckoutForm,
    DeliveryKind,
    DeliverySlot,
    LineStatus,
    OrderOut,
    OrderStatus,
    Party,
    PaymentMethod,
    PaymentStatus,
    SubstitutionPreference,
)
from core.shared.ids import new_id
from core.shared.uow import Transaction, command

COURIER_SPEED_M_PER_MIN: Final = 250  # 15 km/h, a bike in town
ROAD_FACTOR: Final = 1.3  # streets are longer than the straight line
UNPAID_TTL: Final = timedelta(minutes=15)
COMMENT_MAX: Final = 500
KEY_MAX: Final = 64
SLOT_LENGTH: Final = timedelta(hours=1)
SLOT_DAYS: Final = 2  # today and tomorrow, in the shop's time zone

# Statements of the checkout path, built once: building and keying a statement costs about as
# much as running it.
_ORDERS = cast(Table, Order.__table__)
_LOCK_CHECKOUTS = select(func.pg_advisory_xact_lock(bindparam("key", type_=BigInteger)))
# Only the id, by table columns: a repeated key is rare, and then the order is loaded whole.
_EXISTING = select(_ORDERS.c.id).where(
    _ORDERS.c.customer_id == bindparam("customer_id"),
    _ORDERS.c.idempotency_key == bindparam("key"),
)

_LINES = cast(Table, OrderLine.__table__)
_HISTORY = cast(Table, OrderHistory.__table__)
_ORDER_COLUMNS = tuple(c.name for c in _ORDERS.c if c.name != "number")
_LINE_COLUMNS = tuple(c.name for c in _LINES.c)
_HISTORY_COLUMNS = tuple(c.name for c in _HISTORY.c)


def _array_of(column: Column[Any]) -> str:
    dialect: Dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    return f"{column.type.compile(dialect=dialect)}[]"


def _names(names: Iterable[str], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{name}" for name in names)


# The order, its lines and its first history row in one statement, one round trip: plain
# INSERTs, not the session's unit of work (the rows are new; nobody in this transaction reads
# them back as objects). The lines travel as one array per column, so any number of them is the
# same prepared statement. The number comes back from the database.
_WRITE = text(
    f"WITH new_order AS ("
    f" INSERT INTO orders ({_names(_ORDER_COLUMNS)})"
    f" VALUES ({_names(_ORDER_COLUMNS, ':o_')}) RETURNING number"
    f"), new_lines AS ("
    f" INSERT INTO order_lines ({_names(_LINE_COLUMNS)}) SELECT * FROM unnest("
    + ", ".join(f"CAST(:l_{c.name} AS {_array_of(c)})" for c in _LINES.c)
    + f")), new_history AS ("
    f" INSERT INTO order_history ({_names(_HISTORY_COLUMNS)})"
    f" VALUES ({_names(_HISTORY_COLUMNS, ':h_')})"
    f") SELECT number FROM new_order"
)


def travel_minutes(shop_point: Point, to: Point) -> int:
    """Minutes a courier on a bike needs from the shop to ``to``, rounded up."""
    return math.ceil(distance_m(shop_point, to) * ROAD_FACTOR / COURIER_SPEED_M_PER_MIN)


def eta(shop: ShopOut, to: Point, now: datetime) -> datetime:
    """When an order placed ``now`` for delivery as soon as possible should arrive."""
    return now + timedelta(minutes=shop.assembly_minutes + travel_minutes(shop.point, to))


def slots_for(shop: ShopOut, now: datetime) -> list[DeliverySlot]:
    """Whole local hours today and tomorrow that the shop is open throughout and that begin
    after an order placed ``now`` could be assembled."""
    if shop.status is not ShopStatus.ACTIVE:
        return []
    zone = ZoneInfo(shop.timezone)
    earliest = now + timedelta(minutes=shop.assembly_minutes)
    today = now.astimezone(zone).date()
    found: list[DeliverySlot] = []
    for day in range(SLOT_DAYS):
        date = today + timedelta(days=day)
        for hour in range(24):
            wall = datetime(date.year, date.month, date.day, hour, tzinfo=zone)
            start = wall.astimezone(UTC)
            end = start + SLOT_LENGTH
            if start < earliest or not is_open(shop, start):
                continue
            closes = next_closing(shop, start)
            if closes is None or closes >= end:
                found.append(DeliverySlot(start, end))
    return found


@command
async def delivery_slots(
    tx: Transaction, shop_id: UUID, now: datetime | None = None
) -> list[DeliverySlot]:
    """Hourly delivery slots the shop offers for an order placed ``now`` (default: the clock's
    now), today and tomorrow in its time zone."""
    return slots_for(await get_shop(tx.db, shop_id), now or tx.clock.now())


# -- the form --------------------------------------------------------------------------------


def _clean_key(key: object) -> str:
    if not isinstance(key, str) or not key.strip() or len(key) > KEY_MAX or not key.isprintable():
        raise CheckoutInvalid(field="idempotency_key", maximum=KEY_MAX)
    return key


def _clean_comment(comment: object) -> str | None:
    if comment is None:
        return None
    if not isinstance(comment, str):
        raise CheckoutInvalid(field="comment", maximum=COMMENT_MAX)
    cleaned = comment.strip()
    if len(cleaned) > COMMENT_MAX:
        raise CheckoutInvalid(field="comment", maximum=COMMENT_MAX)
    return cleaned or None


def _check_form(form: CheckoutForm) -> tuple[str, str | None]:
    key = _clean_key(form.idempotency_key)
    comment = _clean_comment(form.comment)
    if not isinstance(form.payment_method, PaymentMethod):
        raise CheckoutInvalid(field="payment_method")
    if not isinstance(form.default_substitution, SubstitutionPreference) or not all(
        isinstance(value, SubstitutionPreference) for value in form.substitutions.values()
    ):
        raise CheckoutInvalid(field="substitutions")
    if form.slot is not None and not isinstance(form.slot, DeliverySlot):
        raise CheckoutInvalid(field="slot")
    return key, comment


# -- checking the cart -----------------------------------------------------------------------


def _check_cart(cart: CartView) -> None:
    # Whether the shop takes the order is the delivery check's: the cart view judges by "open
    # now", while a slot only needs an active shop.
    issues = set(cart.issues) - {CartIssue.SHOP_NOT_ACCEPTING}
    changed = [line for line in cart.lines if line.issues]
    if changed or issues:
        raise CartNeedsAttention(
            offer_ids=[str(line.offer.id) for line in changed],
            issues=sorted({issue.value for line in changed for issue in line.issues} | issues),
        )


def _check_delivery(shop: ShopOut, form: CheckoutForm, now: datetime) -> None:
    if form.slot is None:
        if not accepting_orders(shop, now):
            opens = next_opening(shop, now) if shop.status is ShopStatus.ACTIVE else None
            raise ShopNotAccepting(
                shop_id=shop.id, opens_at=None if opens is None else opens.isoformat()
            )
    elif form.slot not in slots_for(shop, now):
        raise SlotUnavailable(start=form.slot.start.isoformat())


async def _existing(tx: Transaction, customer_id: int, key: str) -> Order | None:
    found = await tx.session.scalar(_EXISTING, {"customer_id": customer_id, "key": key})
    return None if found is None else await _orders.load(tx, found)


async def _lock_checkouts(tx: Transaction, customer_id: int) -> None:
    # One checkout per customer at a time: a repeated submit waits here, then finds the order.
    digest = hashlib.blake2b(f"orders:checkout:{customer_id}".encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    await tx.session.execute(_LOCK_CHECKOUTS, {"key": key})


async def _reserve(
    tx: Transaction, actor: Actor, order_id: UUID, cart: CartView, ttl: timedelta | None
) -> None:
    lines = [ReserveLine(line.offer.id, line.quantity) for line in cart.lines]
    steps = {line.offer.id: line.offer.min_quantity for line in cart.lines}
    try:
        await reserve(tx.db, _orders.holder(order_id), lines, ttl=ttl, by=actor, steps=steps)
    except InsufficientStock as exc:
        # Someone bought it between reading the cart and now: the cart shows it again.
        short = exc.params.get("short") or [str(exc.params.get("offer_id"))]
        raise CartNeedsAttention(offer_ids=short, issues=["not_enough"]) from None


async def _write(
    tx: Transaction,
    order: dict[str, Any],
    lines: list[dict[str, Any]],
    history: dict[str, object],
) -> int:
    """Insert the order, its lines and its history row; the order's number."""
    params: dict[str, object] = {f"o_{name}": order.get(name) for name in _ORDER_COLUMNS}
    params.update({f"l_{name}": [line[name] for line in lines] for name in _LINE_COLUMNS})
    params.update({f"h_{name}": value for name, value in history.items()})
    number = await tx.session.scalar(_WRITE, params)
    assert number is not None
    return int(number)


# -- placing ---------------------------------------------------------------------------------


@command
async def place_order(
    tx: Transaction, actor: Actor, customer_id: int, form: CheckoutForm
) -> OrderOut:
    """Turn the customer's cart in ``form.shop_id`` into an order; the same order again for a
    repeated idempotency key."""
    require(actor, Permission.PLACE_ORDERS)
    _cart._may_edit(actor, customer_id)
    key, comment = _check_form(form)
    await _lock_checkouts(tx, customer_id)
    found = await _existing(tx, customer_id, key)
    if found is not None:
        return await _orders.out(tx, found)

    now = tx.clock.now()
    shop = await get_shop(tx.db, form.shop_id)
    address = await get_address(tx.db, actor, form.address_id)
    if address.customer_id != customer_id:
        raise AddressNotDeliverable(address_id=form.address_id)
    if address.latitude is None or address.longitude is None:
        raise AddressWithoutPoint(address_id=form.address_id)
    point = Point(address.latitude, address.longitude)
    if not zone_contains(shop.zone, point):
        raise AddressNotDeliverable(address_id=form.address_id)
    cart = await _cart._view(tx, customer_id, shop, point)
    if not cart.lines:
        raise CartEmpty(shop_id=shop.id)
    _check_delivery(shop, form, now)
    _check_cart(cart)
    subtotal = cart.subtotal
    if subtotal < shop.min_order:
        raise BelowMinimumOrder(minimum=shop.min_order.format(), subtotal=subtotal.format())

    order_id = new_id()
    online = form.payment_method is PaymentMethod.ONLINE
    await _reserve(tx, actor, order_id, cart, UNPAID_TTL if online else None)
    fee = shop.delivery_fee
    values: dict[str, Any] = dict(
        id=order_id,
        customer_id=customer_id,
        shop_id=shop.id,
        status=(OrderStatus.PENDING_PAYMENT if online else OrderStatus.PLACED).value,
        payment_method=form.payment_method.value,
        payment_status=(PaymentStatus.PENDING if online else PaymentStatus.NONE).value,
        payment_deadline=now + UNPAID_TTL if online else None,
        address_id=address.id,
        address_text=address.text,
        latitude=point.lat,
        longitude=point.lon,
        entrance=address.entrance,
        floor=address.floor,
        apartment=address.apartment,
        address_comment=address.comment,
        delivery_kind=(DeliveryKind.ASAP if form.slot is None else DeliveryKind.SLOT).value,
        slot_start=None if form.slot is None else form.slot.start,
        slot_end=None if form.slot is None else form.slot.end,
        promised_at=eta(shop, point, now) if form.slot is None else form.slot.end,
        comment=comment,
        currency=subtotal.currency,
        subtotal_minor=subtotal.minor,
        delivery_fee_minor=fee.minor,
        total_minor=(subtotal + fee).minor,
        estimated=cart.estimated,
        idempotency_key=key,
        created_at=now,
        updated_at=now,
    )
    line_values: list[dict[str, Any]] = [
        dict(
            id=new_id(),
            order_id=order_id,
            position=position,
            offer_id=line.offer.id,
            product_id=line.product.id,
            name_ru=line.product.name_ru,
            name_en=line.product.name_en,
            unit=line.offer.unit.value,
            step=line.offer.min_quantity,
            price_minor=line.offer.price.minor,
            quantity=line.quantity,
            quantity_actual=None,
            status=LineStatus.PLANNED.value,
            substitution=form.substitutions.get(line.offer.id, form.default_substitution).value,
            line_total_minor=line.total.minor,
            final_total_minor=None,
            replaces_line_id=None,
            answer_by=None,
            created_at=now,
            updated_at=now,
        )
        for position, line in enumerate(cart.lines)
    ]
    status = OrderStatus(values["status"])
    history = _orders.history_row(tx, order_id, None, status, actor, Party.CUSTOMER)
    number = await _write(tx, values, line_values, history)
    # What was written, as plain attributes: no session tracks these rows, so building mapped
    # objects (their attribute events) would be work for nothing.
    row = SimpleNamespace(number=number, **{name: values.get(name) for name in _ORDER_COLUMNS})
    lines = [SimpleNamespace(**each) for each in line_values]
    await _cart.clear_cart(tx.db, actor, customer_id, shop.id)
    if online:
        assert row.payment_deadline is not None
        await tx.publish(
            OrderAwaitingPayment(
                order_id=row.id,
                number=row.number,
                customer_id=customer_id,
                shop_id=shop.id,
                total_minor=row.total_minor,
                currency=row.currency,
                payment_deadline=row.payment_deadline,
            )
        )
    else:
        await tx.publish(await _orders.placed_event(tx, row, line_count=len(lines)))
    # The lines were written just now, as they are: no need to read them back.
    return _orders.order_out(row, lines)
