"""logistics tables: deliveries, the offers made for them, couriers' earnings."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Double,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk

_DELIVERY_STATUSES = (
    "'waiting', 'searching', 'assigned', 'picked_up', 'awaiting_customer', 'delivered', "
    "'returned', 'canceled'"
)
_IN_HAND = "status IN ('assigned', 'picked_up', 'awaiting_customer')"
_OFFER_STATUSES = "'open', 'accepted', 'declined', 'expired', 'withdrawn'"


class Delivery(Base):
    """One order's way from its shop to its customer.

    The pickup and the dropoff are copied when the delivery is made (the shop may move, the
    customer may edit the saved address); the handover code is the customer's secret.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        CheckConstraint(f"status IN ({_DELIVERY_STATUSES})", name="status"),
        CheckConstraint("handover_code ~ '^[0-9]{4}$'", name="handover_code"),
        CheckConstraint("handover_attempts >= 0", name="handover_attempts"),
        CheckConstraint(f"NOT ({_IN_HAND}) OR courier_id IS NOT NULL", name="courier_in_hand"),
        CheckConstraint(
            "(status = 'awaiting_customer') = (wait_until IS NOT NULL)", name="wait_until"
        ),
        Index("uq_deliveries_order_id", "order_id", unique=True),
        Index(
            "ix_deliveries_searching",
            "promised_at",
            postgresql_where=text("status = 'searching'"),
        ),
        Index("ix_deliveries_in_hand", "courier_id", postgresql_where=text(_IN_HAND)),
        Index(
            "ix_deliveries_open_promised",
            "promised_at",
            postgresql_where=text("status NOT IN ('delivered', 'returned', 'canceled')"),
        ),
        Index("ix_deliveries_courier_id_id", "courier_id", "id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="RESTRICT"))
    order_number: Mapped[int] = mapped_column(BigInteger)
    shop_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shops.id", ondelete="RESTRICT"))
    customer_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20))
    shop_name: Mapped[str] = mapped_column(String(200))
    pickup_address: Mapped[str] = mapped_column(String(500))
    pickup_lat: Mapped[float] = mapped_column(Double)
    pickup_lon: Mapped[float] = mapped_column(Double)
    dropoff_text: Mapped[str | None] = mapped_column(String(300))
    dropoff_lat: Mapped[float] = mapped_column(Double)
    dropoff_lon: Mapped[float] = mapped_column(Double)
    entrance: Mapped[str | None] = mapped_column(String(16))
    floor: Mapped[int | None] = mapped_column(SmallInteger)
    apartment: Mapped[str | None] = mapped_column(String(16))
    address_comment: Mapped[str | None] = mapped_column(String(300))
    distance_m: Mapped[int] = mapped_column(Integer)
    # The way from the shop to the customer by bicycle, for the SLA check (core.geo's ETA).
    route_minutes: Mapped[int] = mapped_column(Integer)
    item_count: Mapped[int] = mapped_column(Integer)
    promised_at: Mapped[datetime]
    earning_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    handover_code: Mapped[str] = mapped_column(String(4))
    handover_attempts: Mapped[int] = mapped_column(SmallInteger)
    courier_id: Mapped[int | None] = mapped_column(BigInteger)
    wait_until: Mapped[datetime | None]
    searching_since: Mapped[datetime | None]
    at_risk_at: Mapped[datetime | None]
    assigned_at: Mapped[datetime | None]
    picked_up_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class DeliveryOffer(Base):
    """A delivery offered to one courier until ``expires_at``, and how they answered."""

    __tablename__ = "delivery_offers"
    __table_args__ = (
        CheckConstraint(f"status IN ({_OFFER_STATUSES})", name="status"),
        # A courier holds at most one open offer, a delivery is offered to one courier at a
        # time, and nobody is asked twice for the same delivery.
        Index(
            "uq_delivery_offers_open_courier",
            "courier_id",
            unique=True,
            postgresql_where=text("status = 'open'"),
        ),
        Index(
            "uq_delivery_offers_open_delivery",
            "delivery_id",
            unique=True,
            postgresql_where=text("status = 'open'"),
        ),
        Index(
            "uq_delivery_offers_delivery_id_courier_id", "delivery_id", "courier_id", unique=True
        ),
        Index("ix_delivery_offers_due", "expires_at", postgresql_where=text("status = 'open'")),
        Index("ix_delivery_offers_courier_id_status", "courier_id", "status"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    courier_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    distance_m: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]


class CourierEarning(Base):
    """What a courier earned for a delivery handed over (the ledger comes with finance)."""

    __tablename__ = "courier_earnings"
    __table_args__ = (
        CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
        Index("uq_courier_earnings_delivery_id", "delivery_id", unique=True),
        Index("ix_courier_earnings_courier_id_earned_at", "courier_id", "earned_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    courier_id: Mapped[int] = mapped_column(BigInteger)
    delivery_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deliveries.id", ondelete="RESTRICT"))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    distance_m: Mapped[int] = mapped_column(Integer)
    earned_at: Mapped[datetime]
