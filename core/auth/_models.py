"""auth tables: users, their platform roles, shop staff and invitations."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base, uuid_pk


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("language IN ('ru', 'en')", name="language"),)

    # Telegram ids exceed 32 bits; they are given to us, never generated.
    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(256))
    last_name: Mapped[str | None] = mapped_column(String(256))
    username: Mapped[str | None] = mapped_column(String(64))
    # None until the user picks one; then it wins over Telegram's language_code.
    language: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class UserRole(Base):
    """A platform-wide role. Customer is everyone's and is not stored."""

    __tablename__ = "user_roles"
    __table_args__ = (CheckConstraint("role IN ('courier', 'support', 'admin')", name="role"),)

    # No foreign key to users: the first admins come from the settings by Telegram id, before
    # they have ever written to a bot.
    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    granted_at: Mapped[datetime]
    # None when the role came from the settings (FRUKTGO_ADMIN_IDS).
    granted_by: Mapped[int | None] = mapped_column(BigInteger)
    invitation_id: Mapped[uuid.UUID | None]


class ShopStaff(Base):
    """A person's role in one shop."""

    __tablename__ = "shop_staff"
    __table_args__ = (
        CheckConstraint("role IN ('owner', 'manager', 'picker')", name="role"),
        Index("ix_shop_staff_telegram_id", "telegram_id"),
    )

    # A plain UUID, no foreign key: business depends on auth, not the other way round.
    shop_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16))
    joined_at: Mapped[datetime]
    invited_by: Mapped[int | None] = mapped_column(BigInteger)
    invitation_id: Mapped[uuid.UUID | None]


class Invitation(Base):
    """A single-use deep link that grants a role (and, for staff, a place in a shop)."""

    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint("role IN ('courier', 'owner', 'manager', 'picker')", name="role"),
        CheckConstraint("(role = 'courier') = (shop_id IS NULL)", name="shop_for_staff"),
        CheckConstraint("expires_at > created_at", name="expires_after_creation"),
        Index("ix_invitations_shop_id", "shop_id", "created_at"),
        Index("ix_invitations_couriers", "created_at", postgresql_where=text("shop_id IS NULL")),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    # SHA-256 of the token: a leaked table does not leak working links.
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    shop_id: Mapped[uuid.UUID | None]
    # What the invitee is told they join (a shop's name), given by whoever creates the link.
    label: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    accepted_by: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("users.telegram_id", ondelete="SET NULL")
    )
    accepted_at: Mapped[datetime | None]
    revoked_by: Mapped[int | None] = mapped_column(BigInteger)
    revoked_at: Mapped[datetime | None]
