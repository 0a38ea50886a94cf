"""orders tables: carts and their lines; orders, their lines and their history."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Double,
    ForeignKey,
    Identity,
    Index,
    Integer,
    SmallInteger,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk


class Cart(Base):
    """A customer's cart in one shop."""

    __tablename__ = "carts"
    __table_args__ = (Index("uq_carts_customer_id_shop_id", "customer_id", "shop_id", unique=True),)

    id: Mapped[uuid.UUID] = uuid_pk()
    customer_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE")
    )
    shop_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("shops.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CartLine(Base):
    """An offer in a cart: how much, and the price per unit the customer last saw."""

    __tablename__ = "cart_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("seen_price_minor > 0", name="seen_price_positive"),
    )

    cart_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("carts.id", ondelete="CASCADE"), primary_key=True
    )
    offer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    quantity: Mapped[int] = mapped_column(BigInteger)
    seen_price_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    added_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# -- orders --------------------------------------------------------------------------------

_ORDER_STATUSES = (
    "'pending_payment', 'placed', 'accepted', 'assembling', 'ready', 'courier_assigned', "
    "'picked_up', 'delivered', 'completed', 'canceled', 'delivery_failed'"
)
_PAYMENT_STATUSES = (
    "'none', 'pending', 'held', 'captured', 'partially_refunded', 'refunded', 'canceled'"
)
_PARTIES = "'customer', 'shop', 'courier', 'support', 'system'"
_LINE_STATUSES = "'planned', 'picked', 'missing', 'substituted', 'removed', 'proposed'"


class Order(Base):
    """An order from one shop: what was promised at checkout, and where it is now.

    Amounts are minor units of ``currency``; the planned ones (``subtotal_minor``,
    ``total_minor``) are estimates when weighed goods are in it (``estimated``), the final ones
    are set when the shop marks it ready.
    """

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(f"status IN ({_ORDER_STATUSES})", name="status"),
        CheckConstraint(f"payment_status IN ({_PAYMENT_STATUSES})", name="payment_status"),
        CheckConstraint(
            "payment_method IN ('cash', 'card_to_courier', 'online')", name="payment_method"
        ),
        CheckConstraint("delivery_kind IN ('asap', 'slot')", name="delivery_kind"),
        CheckConstraint(
            "(delivery_kind = 'slot') = (slot_start IS NOT NULL AND slot_end IS NOT NULL)",
            name="slot_given",
        ),
        CheckConstraint(f"canceled_by IN ({_PARTIES})", name="canceled_by"),
        CheckConstraint("(status = 'canceled') = (canceled_by IS NOT NULL)", name="cancel_party"),
        CheckConstraint("subtotal_minor >= 0 AND delivery_fee_minor >= 0", name="amounts"),
        CheckConstraint("total_minor = subtotal_minor + delivery_fee_minor", name="total_sums"),
        CheckConstraint(
            "final_total_minor IS NULL OR final_total_minor = final_subtotal_minor "
            "+ delivery_fee_minor",
            name="final_total_sums",
        ),
        # One order per submitted checkout: a repeated key finds the order made the first time.
        Index(
            "uq_orders_customer_id_idempotency_key",
            "customer_id",
            "idempotency_key",
            unique=True,
        ),
        Index("ix_orders_customer_id_id", "customer_id", "id"),
        Index("ix_orders_shop_id_status", "shop_id", "status"),
        Index(
            "ix_orders_unpaid_deadline",
            "payment_deadline",
            postgresql_where=text("status = 'pending_payment'"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # Short and global: what people read out on the phone ("order 1042").
    number: Mapped[int] = mapped_column(BigInteger, Identity(start=1001), unique=True)
    customer_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="RESTRICT")
    )
    shop_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shops.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(20))
    payment_method: Mapped[str] = mapped_column(String(20))
    payment_status: Mapped[str] = mapped_column(String(20))
    payment_deadline: Mapped[datetime | None]
    # The address as it was at checkout; the customer may change or delete the saved one.
    address_id: Mapped[uuid.UUID | None]
    address_text: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float] = mapped_column(Double)
    longitude: Mapped[float] = mapped_column(Double)
    entrance: Mapped[str | None] = mapped_column(String(16))
    floor: Mapped[int | None] = mapped_column(SmallInteger)
    apartment: Mapped[str | None] = mapped_column(String(16))
    address_comment: Mapped[str | None] = mapped_column(String(300))
    delivery_kind: Mapped[str] = mapped_column(String(8))
    slot_start: Mapped[datetime | None]
    slot_end: Mapped[datetime | None]
    promised_at: Mapped[datetime]
    comment: Mapped[str | None] = mapped_column(String(500))
    currency: Mapped[str] = mapped_column(String(3))
    subtotal_minor: Mapped[int] = mapped_column(BigInteger)
    delivery_fee_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    estimated: Mapped[bool]
    final_subtotal_minor: Mapped[int | None] = mapped_column(BigInteger)
    final_total_minor: Mapped[int | None] = mapped_column(BigInteger)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    courier_id: Mapped[int | None] = mapped_column(BigInteger)
    canceled_by: Mapped[str | None] = mapped_column(String(16))
    cancel_reason: Mapped[str | None] = mapped_column(String(32))
    cancel_note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OrderLine(Base):
    """One offer in an order: the product and price as at checkout, planned and actual amounts.

    A substitute the picker proposes is a line of its own (``replaces_line_id``), ``proposed``
    until the customer answers or its ``answer_by`` passes.
    """

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint(f"status IN ({_LINE_STATUSES})", name="status"),
        CheckConstraint("unit IN ('piece', 'weight')", name="unit"),
        CheckConstraint("substitution IN ('call', 'replace', 'remove')", name="substitution"),
        CheckConstraint("quantity > 0 AND step > 0 AND price_minor > 0", name="positive"),
        CheckConstraint("quantity_actual >= 0", name="actual_not_negative"),
        CheckConstraint("(status = 'proposed') = (answer_by IS NOT NULL)", name="proposal"),
        Index("ix_order_lines_order_id_position", "order_id", "position"),
        Index(
            "ix_order_lines_proposals_due",
            "answer_by",
            postgresql_where=text("status = 'proposed'"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger)
    offer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offers.id", ondelete="RESTRICT"))
    product_id: Mapped[uuid.UUID]
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(8))
    # One piece, or the weight step in grams.
    step: Mapped[int] = mapped_column(Integer)
    price_minor: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(BigInteger)
    quantity_actual: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    substitution: Mapped[str] = mapped_column(String(8))
    line_total_minor: Mapped[int] = mapped_column(BigInteger)
    final_total_minor: Mapped[int | None] = mapped_column(BigInteger)
    replaces_line_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("order_lines.id", ondelete="CASCADE")
    )
    answer_by: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OrderHistory(Base):
    """One status change of an order: who (NULL: the system), as which party, why, when."""

    __tablename__ = "order_history"
    __table_args__ = (
        CheckConstraint(f"party IN ({_PARTIES})", name="party"),
        Index("ix_order_history_order_id_id", "order_id", "id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    # NULL for the row that records the order's creation.
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    party: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime]
