"""Deliveries as rows and as what the api returns; moving one along; who holds how many."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from typing import Any, Final

from sqlalchemy import func, select, update

from core.geo.schemas import Point
from core.logistics._models import Delivery, DeliveryOffer
from core.logistics.errors import DeliveryNotFound, DeliveryStateChanged
from core.logistics.events import OfferWithdrawn
from core.logistics.schemas import (
    FINAL,
    IN_HAND,
    DeliveryOut,
    DeliveryStatus,
    OfferOut,
    OfferStatus,
)
from core.orders.schemas import DeliveryAddress
from core.shared.money import Money
from core.shared.uow import Transaction
from core.workforce.api import set_active_deliveries

MAX_CODE_ATTEMPTS: Final = 5
"""Wrong handover codes allowed; after that the handover waits for support."""

S = DeliveryStatus


async def load(tx: Transaction, delivery_id: uuid.UUID, *, lock: bool = False) -> Delivery:
    """The delivery as it is now (``lock``: its row locked for the rest of the transaction)."""
    query = select(Delivery).where(Delivery.id == delivery_id)
    if lock:
        query = query.with_for_update()
    row = await tx.session.scalar(query, execution_options={"populate_existing": True})
    if row is None:
        raise DeliveryNotFound(delivery_id=delivery_id)
    return row


async def of_order(tx: Transaction, order_id: uuid.UUID, *, lock: bool = False) -> Delivery | None:
    """The order's delivery, if one was made."""
    query = select(Delivery).where(Delivery.order_id == order_id)
    if lock:
        query = query.with_for_update()
    found: Delivery | None = await tx.session.scalar(
        query, execution_options={"populate_existing": True}
    )
    return found


def facts(row: Delivery) -> dict[str, Any]:
    """The fields every logistics event carries."""
    return {
        "delivery_id": row.id,
        "order_id": row.order_id,
        "order_number": row.order_number,
        "shop_id": row.shop_id,
        "customer_id": row.customer_id,
    }


def out(row: Delivery, *, phone: str | None = None) -> DeliveryOut:
    """The delivery as the api returns it; ``phone`` only for the courier who has it."""
    status = DeliveryStatus(row.status)
    dropoff = DeliveryAddress(
        text=row.dropoff_text,
        latitude=row.dropoff_lat,
        longitude=row.dropoff_lon,
        entrance=row.entrance,
        floor=row.floor,
        apartment=row.apartment,
        comment=row.address_comment,
    )
    unpaid = status in (S.CANCELED, S.RETURNED)
    return DeliveryOut(
        id=row.id,
        order_id=row.order_id,
        order_number=row.order_number,
        shop_id=row.shop_id,
        shop_name=row.shop_name,
        pickup_address=row.pickup_address,
        pickup_point=Point(row.pickup_lat, row.pickup_lon),
        dropoff_address=row.dropoff_text or f"{row.dropoff_lat:.6f}, {row.dropoff_lon:.6f}",
        dropoff_point=Point(row.dropoff_lat, row.dropoff_lon),
        dropoff=dropoff,
        distance_m=row.distance_m,
        item_count=row.item_count,
        status=status,
        courier_id=row.courier_id,
        promised_at=row.promised_at,
        earning=None if unpaid else Money(row.earning_minor, row.currency),
        wait_until=row.wait_until,
        customer_phone=phone if status in IN_HAND else None,
        at_risk=row.at_risk_at is not None and status not in FINAL,
        handover_attempts_left=max(0, MAX_CODE_ATTEMPTS - row.handover_attempts),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def offer_out(row: DeliveryOffer) -> OfferOut:
    return OfferOut(
        id=row.id,
        delivery_id=row.delivery_id,
        courier_id=row.courier_id,
        status=OfferStatus(row.status),
        expires_at=row.expires_at,
        distance_m=row.distance_m,
    )


async def move(
    tx: Transaction,
    row: Delivery,
    target: DeliveryStatus,
    sources: Collection[DeliveryStatus],
    values: Mapping[str, Any] | None = None,
) -> Delivery:
    """Move the delivery to ``target`` if it is in one of ``sources`` (a conditional update);
    ``DeliveryStateChanged`` otherwise. Returns the moved row."""
    if DeliveryStatus(row.status) not in sources:
        raise DeliveryStateChanged(status=row.status, target=target.value)
    changes: dict[str, Any] = {"status": target.value, "updated_at": tx.clock.now()}
    changes.update(values or {})
    moved: Delivery | None = await tx.session.scalar(
        update(Delivery)
        .where(Delivery.id == row.id, Delivery.status.in_([s.value for s in sources]))
        .values(**changes)
        .returning(Delivery),
        execution_options={"populate_existing": True, "synchronize_session": False},
    )
    if moved is None:
        now = await load(tx, row.id)
        raise DeliveryStateChanged(status=now.status, target=target.value)
    return moved


async def in_hand(tx: Transaction, courier_id: int) -> int:
    """How many deliveries the courier has taken and not finished."""
    count = await tx.session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.courier_id == courier_id, Delivery.status.in_([s.value for s in IN_HAND]))
    )
    return int(count or 0)


async def recount(tx: Transaction, courier_id: int) -> None:
    """Tell core.workforce how many deliveries the courier has in hand now."""
    await set_active_deliveries(tx.db, courier_id, await in_hand(tx, courier_id))


async def withdraw_offers(tx: Transaction, row: Delivery, reason: str) -> list[int]:
    """Close the delivery's open offer (if any) because it no longer applies; the couriers
    it was made to."""
    closed = await tx.session.execute(
        update(DeliveryOffer)
        .where(DeliveryOffer.delivery_id == row.id, DeliveryOffer.status == OfferStatus.OPEN.value)
        .values(status=OfferStatus.WITHDRAWN.value, answered_at=tx.clock.now())
        .returning(DeliveryOffer.id, DeliveryOffer.courier_id)
    )
    couriers: list[int] = []
    for offer_id, courier_id in closed.all():
        couriers.append(courier_id)
        await tx.publish(
            OfferWithdrawn(**facts(row), offer_id=offer_id, courier_id=courier_id, reason=reason)
        )
    return couriers
