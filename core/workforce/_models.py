"""workforce tables: couriers, their shifts and their planned shifts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk


class Courier(Base):
    """One row per person who completed a courier profile; also the lock of their shifts."""

    __tablename__ = "couriers"
    __table_args__ = (
        CheckConstraint("vehicle IN ('foot', 'bicycle', 'car')", name="vehicle"),
        CheckConstraint(
            "application IN ('pending', 'approved', 'rejected', 'retired')", name="application"
        ),
        CheckConstraint("joined_via IN ('invitation', 'application')", name="joined_via"),
        CheckConstraint(
            "status IN ('offline', 'available', 'delivering', 'on_break')", name="status"
        ),
        CheckConstraint(r"phone ~ '^\+[1-9][0-9]{6,14}$'", name="phone_e164"),
        CheckConstraint("active_deliveries >= 0", name="active_deliveries"),
        CheckConstraint(
            "(application = 'rejected') = (rejection_reason IS NOT NULL)", name="rejection_reason"
        ),
        # Only an approved courier works, and a shift is what makes them anything but offline.
        CheckConstraint("(status = 'offline') = (shift_started_at IS NULL)", name="shift_started"),
        CheckConstraint("status = 'offline' OR application = 'approved'", name="works_approved"),
        CheckConstraint("(status = 'on_break') = (break_started_at IS NOT NULL)", name="on_break"),
        # Dispatch asks for the couriers on shift over and over.
        Index(
            "ix_couriers_working",
            "telegram_id",
            postgresql_where=text("status IN ('available', 'delivering')"),
        ),
        Index(
            "ix_couriers_pending", "applied_at", postgresql_where=text("application = 'pending'")
        ),
    )

    telegram_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("users.telegram_id", ondelete="RESTRICT"),
        primary_key=True,
        autoincrement=False,
    )
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(16))
    vehicle: Mapped[str] = mapped_column(String(16))
    application: Mapped[str] = mapped_column(String(16))
    joined_via: Mapped[str] = mapped_column(String(16))
    applied_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    active_deliveries: Mapped[int] = mapped_column(Integer)
    shift_started_at: Mapped[datetime | None]
    break_started_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Shift(Base):
    """A shift worked: open (``ended_at`` NULL) while the courier is on it."""

    __tablename__ = "courier_shifts"
    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="ends_after_start"),
        CheckConstraint("(ended_at IS NULL) = (end_reason IS NULL)", name="end_reason"),
        CheckConstraint("end_reason IN ('courier', 'limit', 'retired')", name="end_reason_known"),
        # The hours of a day or a week: a courier's shifts by start.
        Index("ix_courier_shifts_courier_started", "courier_id", "started_at"),
        # At most one open shift per courier, whatever the code does.
        Index(
            "uq_courier_shifts_open",
            "courier_id",
            unique=True,
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    courier_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("couriers.telegram_id", ondelete="CASCADE")
    )
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(16))


class PlannedShift(Base):
    """A shift the courier means to work; within one day of the work time zone."""

    __tablename__ = "planned_shifts"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_planned_shifts_courier_starts", "courier_id", "starts_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    courier_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("couriers.telegram_id", ondelete="CASCADE")
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_at: Mapped[datetime]
