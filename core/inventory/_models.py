"""inventory tables: stock per offer, reservations by holder, the adjustment log."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk

_STATUSES = "'reserved', 'allocated', 'settled', 'released', 'expired'"
_REASONS = (
    "'recount', 'delivery', 'write_off', 'return', 'correction', "
    "'reserved', 'released', 'expired', 'allocated', 'assembled'"
)


class Stock(Base):
    """One row per offer that ever had stock; its row lock orders every change to the offer."""

    __tablename__ = "inventory_stock"
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("allocated >= 0", name="allocated_not_negative"),
        # The promise the module makes: available never goes below zero, whatever the code does.
        CheckConstraint("on_hand - reserved - allocated >= 0", name="available_not_negative"),
        CheckConstraint("low_stock_threshold >= 0", name="threshold_not_negative"),
    )

    offer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("offers.id", ondelete="RESTRICT"), primary_key=True
    )
    # Copied from the offer once; offers never move between shops. Used for permission checks.
    shop_id: Mapped[uuid.UUID] = mapped_column(index=True)
    on_hand: Mapped[int] = mapped_column(BigInteger)
    reserved: Mapped[int] = mapped_column(BigInteger)
    allocated: Mapped[int] = mapped_column(BigInteger)
    low_stock_threshold: Mapped[int | None] = mapped_column(BigInteger)
    low_stock_alerted: Mapped[bool]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Reservation(Base):
    """One offer held for one holder (an order): reserved, then allocated, then settled."""

    __tablename__ = "inventory_reservations"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("taken >= 0", name="taken_not_negative"),
        CheckConstraint("(status = 'settled') = (taken IS NOT NULL)", name="taken_when_settled"),
        # A holder holds an offer once at a time; ended reservations stay for the record.
        Index(
            "uq_inventory_reservations_active",
            "holder",
            "offer_id",
            unique=True,
            postgresql_where=text("status IN ('reserved', 'allocated')"),
        ),
        Index(
            "ix_inventory_reservations_due",
            "expires_at",
            postgresql_where=text("status = 'reserved' AND expires_at IS NOT NULL"),
        ),
        Index("ix_inventory_reservations_holder", "holder"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    holder: Mapped[str] = mapped_column(String(100))
    offer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inventory_stock.offer_id", ondelete="CASCADE"), index=True
    )
    quantity: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime | None]
    taken: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Adjustment(Base):
    """One change of an offer's counters, with the counters after it; never updated."""

    __tablename__ = "inventory_adjustments"
    __table_args__ = (
        CheckConstraint(f"reason IN ({_REASONS})", name="reason"),
        # The history of an offer, newest first, paged by id (UUIDv7: creation order).
        Index("ix_inventory_adjustments_offer_id_id", "offer_id", "id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    offer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("inventory_stock.offer_id", ondelete="CASCADE")
    )
    at: Mapped[datetime]
    # Telegram id of the person; NULL for the system (expiry, order flow without a person).
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    holder: Mapped[str | None] = mapped_column(String(100))
    on_hand_change: Mapped[int] = mapped_column(BigInteger)
    reserved_change: Mapped[int] = mapped_column(BigInteger)
    allocated_change: Mapped[int] = mapped_column(BigInteger)
    on_hand_after: Mapped[int] = mapped_column(BigInteger)
    reserved_after: Mapped[int] = mapped_column(BigInteger)
    allocated_after: Mapped[int] = mapped_column(BigInteger)
