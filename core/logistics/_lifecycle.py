"""A delivery follows its order: made when the shop accepts it, searching once it is ready,
canceled with it. Called by ``subscribers`` inside the relay's transaction.

Events may arrive out of order (a failed delivery is retried later), so each step makes the
delivery if it is missing, and nothing is made for an order canceled meanwhile.
"""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy.dialects.postgresql import insert as pg_insert

from core.auth.api import load_actor
from core.business.api import get_shop
from core.geo.api import distance_m, travel_minutes
from core.geo.schemas import Point, TravelMode
from core.logistics import _deliveries, _nudge
from core.logistics._models import Delivery
from core.logistics._pay import earning_for
from core.logistics.events import DeliveryCanceled, DeliveryCreated
from core.logistics.schemas import DeliveryStatus
from core.orders.api import get_order
from core.orders.schemas import OrderOut, OrderStatus
from core.shared.ids import new_id
from core.shared.uow import Transaction

S = DeliveryStatus
# The SLA check plans with a bicycle, the usual courier; the real courier is not known yet.
PLANNING_MODE = TravelMode.BICYCLE


def new_code() -> str:
    """A handover code: four random digits from the OS's secure source."""
    return f"{secrets.randbelow(10_000):04d}"


def item_count(order: OrderOut) -> int:
    """Order lines the customer gets (substitutes taken count, missing lines do not)."""
    return sum(1 for line in order.lines if line.counts)


async def _order(tx: Transaction, customer_id: int, order_id: uuid.UUID) -> OrderOut:
    # The customer may read their own order: ask with their authority, not a back door.
    return await get_order(tx.db, await load_actor(tx.db, customer_id), order_id)


async def ensure(tx: Transaction, customer_id: int, order_id: uuid.UUID) -> Delivery | None:
    """The order's delivery, made now if missing (None for an order already canceled)."""
    found = await _deliveries.of_order(tx, order_id, lock=True)
    if found is not None:
        return found
    order = await _order(tx, customer_id, order_id)
    if order.status in (OrderStatus.CANCELED, OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED):
        return None
    shop = await get_shop(tx.db, order.shop_id)
    dropoff = Point(order.address.latitude, order.address.longitude)
    distance = round(distance_m(shop.point, dropoff))
    now = tx.clock.now()
    earning = earning_for(distance)
    made = await tx.session.execute(
        pg_insert(Delivery)
        .values(
            id=new_id(),
            order_id=order.id,
            order_number=order.number,
            shop_id=order.shop_id,
            customer_id=order.customer_id,
            status=S.WAITING.value,
            shop_name=shop.name,
            pickup_address=shop.address,
            pickup_lat=shop.point.lat,
            pickup_lon=shop.point.lon,
            dropoff_text=order.address.text,
            dropoff_lat=dropoff.lat,
            dropoff_lon=dropoff.lon,
            entrance=order.address.entrance,
            floor=order.address.floor,
            apartment=order.address.apartment,
            address_comment=order.address.comment,
            distance_m=distance,
            route_minutes=travel_minutes(distance, PLANNING_MODE),
            item_count=item_count(order),
            promised_at=order.promised_at,
            earning_minor=earning.minor,
            currency=earning.currency,
            handover_code=new_code(),
            handover_attempts=0,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=[Delivery.order_id])
        .returning(Delivery.id)
    )
    if made.scalar_one_or_none() is None:
        return await _deliveries.of_order(tx, order_id, lock=True)  # made by a concurrent step
    row = await _deliveries.of_order(tx, order_id, lock=True)
    assert row is not None
    await tx.publish(DeliveryCreated(**_deliveries.facts(row)))
    return row


async def order_ready(tx: Transaction, customer_id: int, order_id: uuid.UUID) -> None:
    """The order is assembled: dispatch may offer its delivery now."""
    row = await ensure(tx, customer_id, order_id)
    if row is None or row.status != S.WAITING.value:
        return
    # Lines may have gone missing or been substituted at assembly.
    order = await _order(tx, customer_id, order_id)
    if order.status is not OrderStatus.READY:
        return  # canceled meanwhile (its own event follows), or moved on without dispatch
    await _deliveries.move(
        tx,
        row,
        S.SEARCHING,
        (S.WAITING,),
        {"searching_since": tx.clock.now(), "item_count": item_count(order)},
    )
    _nudge.NUDGES.after_commit(tx)


async def order_canceled(tx: Transaction, order_id: uuid.UUID) -> None:
    """The order was canceled: so is its delivery; offers are withdrawn, the courier freed."""
    row = await _deliveries.of_order(tx, order_id, lock=True)
    if row is None or row.status not in (S.WAITING.value, S.SEARCHING.value, S.ASSIGNED.value):
        return
    courier_id = row.courier_id
    moved = await _deliveries.move(
        tx,
        row,
        S.CANCELED,
        (S.WAITING, S.SEARCHING, S.ASSIGNED),
        {"finished_at": tx.clock.now()},
    )
    await _deliveries.withdraw_offers(tx, moved, "canceled")
    if courier_id is not None:
        await _deliveries.recount(tx, courier_id)
    await tx.publish(DeliveryCanceled(**_deliveries.facts(moved), courier_id=courier_id))
