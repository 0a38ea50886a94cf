"""storefront tables: offers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint("price_minor > 0", name="price_positive"),
        CheckConstraint(
            "old_price_minor IS NULL OR old_price_minor > price_minor", name="old_price_above"
        ),
        CheckConstraint("position >= 0", name="position"),
        Index("uq_offers_shop_id_product_id", "shop_id", "product_id", unique=True),
        Index("ix_offers_product_id", "product_id"),
        # A shop's page of visible offers, already in listing order.
        Index(
            "ix_offers_visible_shop_listing", "shop_id", "position", "id",
            postgresql_where=text("visible"),
        ),
        # A category page across the shops around a customer: walked in listing order until
        # the page is full of offers of those shops and that category.
        Index("ix_offers_visible_listing", "position", "id", postgresql_where=text("visible")),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    shop_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shops.id", ondelete="RESTRICT"))
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"))
    price_minor: Mapped[int] = mapped_column(BigInteger)
    old_price_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    visible: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
