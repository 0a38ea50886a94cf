"""What the auth api takes and returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TelegramProfile:
    """A user as Telegram describes them in an update."""

    telegram_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True, slots=True)
class UserOut:
    telegram_id: int
    first_name: str
    last_name: str | None
    username: str | None
    language: str | None
    created_at: datetime
    last_seen_at: datetime
