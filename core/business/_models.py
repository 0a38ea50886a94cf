"""business tables: businesses and their shops."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk


class Business(Base):
    __tablename__ = "businesses"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        CheckConstraint("inn ~ '^[0-9]{10}([0-9]{2})?$'", name="inn_digits"),
        CheckConstraint(
            "(status = 'rejected') = (rejection_reason IS NOT NULL)", name="rejection_reason"
        ),
        # One live business per INN; a rejected one may apply again.
        Index(
            "uq_businesses_live_inn", "inn", unique=True,
            postgresql_where=text("status <> 'rejected'"),
        ),
        # One application waiting for review per person.
        Index(
            "uq_businesses_pending_applicant", "applicant_id", unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_businesses_applicant_id", "applicant_id"),
        Index("ix_businesses_status_created_at", "status", "created_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    legal_name: Mapped[str] = mapped_column(String(300))
    inn: Mapped[str] = mapped_column(String(12))
    inn_kind: Mapped[str] = mapped_column(String(16))
    tax_system: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(254))
    applicant_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="RESTRICT")
    )
    status: Mapped[str] = mapped_column(String(16))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(BigInteger)


class Shop(Base):
    __tablename__ = "shops"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'pending_approval', 'active', 'paused', 'rejected')",
            name="status",
        ),
        CheckConstraint("min_order_minor >= 0 AND delivery_fee_minor >= 0", name="amounts"),
        CheckConstraint("assembly_minutes > 0", name="assembly_minutes"),
        CheckConstraint("zone_min_lat <= zone_max_lat AND zone_min_lon <= zone_max_lon",
                        name="zone_bbox"),
        Index("ix_shops_business_id", "business_id"),
        # Which active shops might deliver to a point: a box test first, the zone in Python.
        Index("ix_shops_active_zone_box", "zone_min_lat", "zone_max_lat",
              postgresql_where=text("status = 'active'")),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    business_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("businesses.id", ondelete="RESTRICT")
    )
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(500))
    lat: Mapped[float] = mapped_column(Double)
    lon: Mapped[float] = mapped_column(Double)
    timezone: Mapped[str] = mapped_column(String(64))
    hours: Mapped[dict[str, Any]] = mapped_column(JSONB)
    zone: Mapped[dict[str, Any]] = mapped_column(JSONB)
    zone_min_lat: Mapped[float] = mapped_column(Double)
    zone_min_lon: Mapped[float] = mapped_column(Double)
    zone_max_lat: Mapped[float] = mapped_column(Double)
    zone_max_lon: Mapped[float] = mapped_column(Double)
    min_order_minor: Mapped[int] = mapped_column(BigInteger)
    delivery_fee_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    assembly_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    logo: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    status_changed_at: Mapped[datetime]
