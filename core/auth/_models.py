"""The users table: one row per Telegram account that has talked to any of the bots."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from core.shared.db import Base


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
