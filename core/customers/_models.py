"""Tables: a profile per customer and their saved delivery addresses."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Double,
    ForeignKey,
    Index,
    SmallInteger,
    String,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk


class CustomerProfile(Base):
    """One row per person who became a customer; also the lock that orders address changes."""

    __tablename__ = "customer_profiles"
    __table_args__ = (
        # E.164: a plus and up to fifteen digits, never starting with 0.
        CheckConstraint(r"phone ~ '^\+[1-9][0-9]{6,14}$'", name="phone_e164"),
    )

    customer_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("users.telegram_id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )
    phone: Mapped[str | None] = mapped_column(String(16))
    phone_shared_at: Mapped[datetime | None]
    onboarded_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CustomerAddress(Base):
    __tablename__ = "customer_addresses"
    __table_args__ = (
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="point_whole"),
        CheckConstraint("latitude IS NOT NULL OR text IS NOT NULL", name="has_place"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("label IN ('home', 'work', 'other')", name="label"),
        # The database itself keeps "at most one default per customer", whatever the code does;
        # the api keeps "at least one while any exist" under the profile's row lock.
        Index(
            "uq_customer_addresses_one_default",
            "customer_id",
            unique=True,
            postgresql_where=sql_text("is_default"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    customer_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("customer_profiles.customer_id", ondelete="CASCADE"),
        index=True,
    )
    label: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[float | None] = mapped_column(Double)
    longitude: Mapped[float | None] = mapped_column(Double)
    text: Mapped[str | None] = mapped_column(String(300))
    entrance: Mapped[str | None] = mapped_column(String(16))
    floor: Mapped[int | None] = mapped_column(SmallInteger)
    apartment: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(String(300))
    is_default: Mapped[bool]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
